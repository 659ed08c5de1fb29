//! `canonym completions SHELL` and `canonym man`: shell completions and manual pages,
//! generated from the argument definitions so that they never drift from the real options.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;

use super::{write_atomically, Cli, CliResult, Outcome};

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Write canonym.1 and one page per subcommand (canonym-resolve.1, ...) into this folder
    /// instead of printing canonym.1.
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
}

pub fn completions(args: CompletionsArgs) -> CliResult {
    let mut command = Cli::command();
    let mut out = io::BufWriter::new(io::stdout().lock());
    clap_complete::generate(args.shell, &mut command, "canonym", &mut out);
    out.flush()?;
    Ok(Outcome::Found)
}

pub fn man(args: ManArgs) -> CliResult {
    let mut command = Cli::command().disable_help_subcommand(true);
    // Building names the subcommands' pages canonym-resolve and so on.
    command.build();
    match &args.dir {
        None => {
            let mut out = io::stdout().lock();
            out.write_all(&page(&command)?)?;
            out.flush()?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| canonym::Error::io(dir, e))?;
            write_pages(&command, dir)?;
        }
    }
    Ok(Outcome::Found)
}

/// The roff source of one manual page.
fn page(command: &clap::Command) -> io::Result<Vec<u8>> {
    let mut roff = Vec::new();
    // Subcommands have no version of their own: every page names the release.
    clap_mangen::Man::new(command.clone())
        .source(format!("canonym {}", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)?;
    Ok(roff)
}

/// Writes the page of `command` and of each of its visible subcommands into `dir`, each
/// file whole or not at all.
fn write_pages(command: &clap::Command, dir: &Path) -> CliResult<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_pages(sub, dir)?;
    }
    let name = command.get_display_name().unwrap_or(command.get_name());
    let path = dir.join(format!("{name}.1"));
    write_atomically(&path, &page(command)?)?;
    eprintln!("wrote {}", path.display());
    Ok(())
}
