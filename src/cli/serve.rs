//! `canonym serve`: the HTTP API and the reconciliation service (see `canonym::serve`).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use canonym::serve::{Catalog, Limits, Service, Signals};
use canonym::{Index, Lexicon};

use super::{open_verified_index, CliError, CliResult, IndexBytes, LexiconArg, Outcome, Single};

#[derive(Debug, clap::Args)]
pub struct Args {
    // SIGHUP loads it again (the subcommand's help says so).
    #[command(flatten)]
    lexicon: LexiconArg,
    /// The address to listen on; port 0 picks a free port. The address bound is printed on
    /// standard error: `canonym: listening on http://ADDR`.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "HOST:PORT")]
    addr: SocketAddr,
    /// The largest request body, in bytes.
    #[arg(long, default_value_t = Limits::default().max_body, value_name = "BYTES")]
    max_body: usize,
    /// The longest a request may take, in seconds, reading its body included.
    #[arg(long, default_value_t = Limits::default().timeout.as_secs_f64(), value_name = "SECONDS", value_parser = seconds)]
    timeout: f64,
    /// The most queries or documents in one request.
    #[arg(long, default_value_t = Limits::default().max_batch, value_name = "N", value_parser = super::at_least_one)]
    max_batch: usize,
    /// Write the request logs as JSON Lines (default: text). RUST_LOG sets the level
    /// (default: info).
    #[arg(long)]
    log_json: bool,
}

fn seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s > 0.0 && s.is_finite() => Ok(s),
        _ => Err(format!("'{text}' is not a number of seconds above 0")),
    }
}

pub fn run(args: Args) -> CliResult {
    init_logs(args.log_json);
    let lexicon = args.lexicon.clone();
    let catalog = load(&lexicon)?;
    let loader = Box::new(move || load(&lexicon).map_err(|e| e.to_string()));
    let limits = Limits {
        max_body: args.max_body,
        timeout: Duration::from_secs_f64(args.timeout),
        max_batch: args.max_batch,
    };
    let service = Arc::new(Service::new(catalog, Some(loader), limits));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        // The blocking pool runs the look-ups: a few threads a core keep a burst of slow
        // requests from making hundreds of threads.
        .max_blocking_threads(std::thread::available_parallelism().map_or(4, |n| n.get() * 4))
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| CliError::Message(format!("cannot listen on {}: {e}", args.addr)))?;
        let signals = Signals::new()?;
        let bound = listener.local_addr()?;
        eprintln!("canonym: listening on http://{bound}");
        canonym::serve::run(listener, service, signals).await;
        eprintln!("canonym: stopped");
        Ok(Outcome::Found)
    })
}

/// The index named by `--lexicon`, with the relations of its lexicon where it has one (an
/// index file does not store them).
fn load(layers: &LexiconArg) -> CliResult<Catalog<IndexBytes>> {
    let (index, lexicon, name) = match layers.single() {
        Single::Embedded => (
            open_verified_index(None)?,
            Some(canonym::default_lexicon()?),
            "canonym (the Sahel lexicon)".to_string(),
        ),
        Single::Path(dir) if dir.is_dir() => {
            let lexicon = Lexicon::load_dir(dir)?;
            let index = Index::new(IndexBytes::Compiled(canonym::index::build(&lexicon)?))?;
            index.verify()?;
            (index, Some(lexicon), format!("canonym ({})", dir.display()))
        }
        Single::Path(file) => (
            open_verified_index(Some(file))?,
            None,
            format!("canonym ({})", file.display()),
        ),
        Single::Layers => {
            let lexicon = layers.load_layers()?;
            let index = Index::new(IndexBytes::Compiled(canonym::index::build(&lexicon)?))?;
            index.verify()?;
            let names: Vec<String> = layers
                .lexicon
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            (
                index,
                Some(lexicon),
                format!("canonym ({})", names.join(" + ")),
            )
        }
    };
    Ok(Catalog::new(index, lexicon.as_ref(), name)?)
}

/// Request logs on standard error, as text or JSON Lines, at the level RUST_LOG gives.
fn init_logs(json: bool) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false);
    if json {
        logs.json().init();
    } else {
        logs.init();
    }
}
