//! `canonym export` and `canonym import`: the lexicon in JSON Lines, TSV, CSV and TBX, and
//! imports of Wikidata's JSON dumps.

use std::io::{self, Write};
use std::path::PathBuf;

use canonym::exchange::{self, Format, WikidataOptions};
use canonym::lexicon::Kind;
use canonym::Lexicon;

use super::{CliError, CliResult, Outcome};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// One JSON object per entity, every field: lossless.
    Jsonl,
    /// Tab-separated, one row per name.
    Tsv,
    /// Comma-separated, one row per name.
    Csv,
    /// TBX-Basic (ISO 30042) XML.
    Tbx,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::Tsv => Format::Tsv,
            FormatArg::Csv => Format::Csv,
            FormatArg::Tbx => Format::Tbx,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The format to write.
    #[arg(long, value_enum)]
    format: FormatArg,
    /// The lexicon folder [default: the embedded lexicon].
    #[arg(value_name = "LEXICON_DIR")]
    dir: Option<PathBuf>,
}

/// What `import` reads: the exchange formats, and Wikidata's dumps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// One JSON object per entity, every field: lossless.
    Jsonl,
    /// Tab-separated, one row per name.
    Tsv,
    /// Comma-separated, one row per name.
    Csv,
    /// TBX-Basic (ISO 30042) XML.
    Tbx,
    /// Wikidata's JSON dump (latest-all.json[.gz]), read as a stream.
    Wikidata,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The format to read.
    #[arg(long, value_enum)]
    format: ImportFormat,
    /// The file to import.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The lexicon folder to write (new, or without lexicon files of the same names).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// With `--format wikidata`: only these items, as a list (Q912,Q3703) or a file of QIDs.
    #[arg(long, value_name = "FILE_OR_LIST")]
    qids: Option<String>,
    /// With `--format wikidata`: only items that are an instance (P31) of these classes.
    #[arg(long, value_name = "QIDS", value_delimiter = ',')]
    class: Vec<String>,
    /// With `--format wikidata`: the kind of items of further classes (Q4830453=organization).
    #[arg(long, value_name = "QID=KIND", value_delimiter = ',')]
    class_kind: Vec<String>,
    /// With `--format wikidata`: the kind of items of no known class [default: skip them].
    #[arg(long, value_name = "KIND")]
    kind_default: Option<String>,
}

pub fn export(args: ExportArgs) -> CliResult {
    let lexicon = match &args.dir {
        Some(dir) => Lexicon::load_dir(dir)?,
        None => canonym::default_lexicon()?,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    exchange::export(&lexicon, args.format.into(), &mut out)?;
    out.flush()?;
    Ok(Outcome::Found)
}

pub fn import(args: ImportArgs) -> CliResult {
    let format = match args.format {
        ImportFormat::Jsonl => Format::Jsonl,
        ImportFormat::Tsv => Format::Tsv,
        ImportFormat::Csv => Format::Csv,
        ImportFormat::Tbx => Format::Tbx,
        ImportFormat::Wikidata => return import_wikidata(args),
    };
    if args.qids.is_some()
        || !args.class.is_empty()
        || !args.class_kind.is_empty()
        || args.kind_default.is_some()
    {
        return Err(CliError::Message(
            "--qids, --class, --class-kind and --kind-default apply to --format wikidata only"
                .into(),
        ));
    }
    let text =
        std::fs::read_to_string(&args.file).map_err(|e| canonym::Error::io(&args.file, e))?;
    let lexicon = exchange::import(&text, &args.file, format)?;
    written(&lexicon, &args.output)
}

fn import_wikidata(args: ImportArgs) -> CliResult {
    let mut options = WikidataOptions::default();
    if let Some(qids) = &args.qids {
        // A file when there is one of that name, else the list itself.
        let list = match std::fs::read_to_string(qids) {
            Ok(text) => text,
            Err(_) if !std::path::Path::new(qids).exists() => qids.clone(),
            Err(e) => return Err(canonym::Error::io(qids.as_ref(), e).into()),
        };
        let qids = list
            .lines()
            .map(|line| line.split('#').next().unwrap_or(""))
            .flat_map(|line| line.split([',', ' ', '\t']))
            .filter(|q| !q.is_empty())
            .map(qid)
            .collect::<Result<_, _>>()?;
        options.qids = Some(qids);
    }
    if !args.class.is_empty() {
        options.classes = Some(
            args.class
                .iter()
                .map(|c| qid(c))
                .collect::<Result<_, _>>()?,
        );
    }
    for pair in &args.class_kind {
        let (class, kind) = pair.split_once('=').ok_or_else(|| {
            CliError::Message(format!("--class-kind '{pair}': expected QID=KIND"))
        })?;
        options.class_kinds.insert(qid(class)?, kind_named(kind)?);
    }
    options.kind_default = args.kind_default.as_deref().map(kind_named).transpose()?;
    let (lexicon, report) = exchange::read_wikidata(&args.file, &options)?;
    eprintln!("{report}");
    if lexicon.entities().is_empty() {
        return Err(CliError::Message(format!(
            "no entity of {} was kept: nothing written",
            args.file.display()
        )));
    }
    written(&lexicon, &args.output)
}

/// A QID of the command line, checked.
fn qid(text: &str) -> Result<String, CliError> {
    let text = text.trim();
    let digits = text.strip_prefix('Q').unwrap_or("");
    if !digits.is_empty() && !digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit())
    {
        Ok(text.to_string())
    } else {
        Err(CliError::Message(format!(
            "'{text}' is not a Wikidata item ID (Q and digits, e.g. Q912)"
        )))
    }
}

fn kind_named(name: &str) -> Result<Kind, CliError> {
    Kind::from_name(name).ok_or_else(|| {
        CliError::Message(format!(
            "unknown kind '{name}': group, organization, place or person"
        ))
    })
}

/// Writes an imported lexicon into its folder and says what was written.
fn written(lexicon: &Lexicon, output: &std::path::Path) -> CliResult {
    for path in exchange::write_dir(lexicon, output)? {
        eprintln!("wrote {}", path.display());
    }
    eprintln!(
        "{} entities, {} names",
        lexicon.entities().len(),
        lexicon.name_count()
    );
    Ok(Outcome::Found)
}
