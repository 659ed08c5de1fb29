//! `canonym fmt DIR`: rewrite lexicon files in canonical form.

use std::path::PathBuf;

use canonym::lexicon::{format_file, Lexicon};

use super::{write_atomically, CliResult, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Change nothing: list the files that are not in canonical form, and exit 1 if any.
    #[arg(long)]
    check: bool,
    /// The lexicon folder.
    #[arg(value_name = "LEXICON_DIR")]
    dir: PathBuf,
}

pub fn run(args: Args) -> CliResult {
    // Only a lexicon that loads is formatted: the canonical form is written from what the
    // loader read, so nothing it could not read can be lost.
    let lexicon = Lexicon::load_dir(&args.dir)?;
    let mut changed = 0;
    for path in Lexicon::source_paths(&args.dir)? {
        let text = std::fs::read_to_string(&path).map_err(|e| canonym::Error::io(&path, e))?;
        let formatted = format_file(&lexicon, &path, &text);
        if formatted == text {
            continue;
        }
        changed += 1;
        if args.check {
            println!("{}", path.display());
        } else {
            write_atomically(&path, formatted.as_bytes())?;
            eprintln!("formatted {}", path.display());
        }
    }
    Ok(if args.check && changed > 0 {
        Outcome::NotFound
    } else {
        Outcome::Found
    })
}
