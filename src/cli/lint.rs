//! `canonym lint DIR`: everything the loader checks, and what only a lexicon tool can see.

use std::io::{self, Write};
use std::path::PathBuf;

use canonym::lint::{lint, Severity};
use canonym::{ErrorKind, Lexicon};

use super::output::Style;
use super::{CliError, CliResult, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Treat warnings as errors (exit 2 when there are any).
    #[arg(long)]
    deny_warnings: bool,
    /// Also print notes: names shared by entities that cues or priors tell apart, and
    /// collisions on the skeleton layer.
    #[arg(long)]
    notes: bool,
    /// The lexicon folder.
    #[arg(value_name = "LEXICON_DIR")]
    dir: PathBuf,
}

pub fn run(args: Args, color: bool) -> CliResult {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let lexicon = match Lexicon::load_dir(&args.dir) {
        Ok(lexicon) => lexicon,
        Err(err) => {
            if let ErrorKind::Lexicon(diagnostics) = err.kind() {
                for d in diagnostics {
                    writeln!(
                        out,
                        "{}:{}:{}: {}: {}",
                        d.path.display(),
                        d.line,
                        d.column,
                        Style::RED.paint("error", color),
                        d.message
                    )?;
                }
                out.flush()?;
                return Err(CliError::Message(format!(
                    "{} error{} in the lexicon",
                    diagnostics.len(),
                    if diagnostics.len() == 1 { "" } else { "s" }
                )));
            }
            return Err(err.into());
        }
    };
    let findings = lint(&lexicon);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    for f in &findings {
        if f.severity == Severity::Note && !args.notes {
            continue;
        }
        let style = match f.severity {
            Severity::Error => Style::RED,
            Severity::Warning => Style::YELLOW,
            Severity::Note => Style::DIM,
        };
        writeln!(
            out,
            "{}: {}: {}",
            f.location,
            style.paint(&f.severity.to_string(), color),
            f.message
        )?;
    }
    out.flush()?;
    let (errors, warnings, notes) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );
    eprintln!("{errors} errors, {warnings} warnings, {notes} notes");
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        return Err(CliError::Message("lint failed".into()));
    }
    Ok(Outcome::Found)
}
