//! `canonym verify FILE`: check every byte of an index file, and that its keys are the keys
//! of its names.

use std::path::PathBuf;

use canonym::Index;

use super::{CliResult, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The index file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
}

pub fn run(args: Args) -> CliResult {
    let index = Index::open(&args.file)?;
    index.verify().map_err(|e| e.at_path(&args.file))?;
    index.verify_keys().map_err(|e| e.at_path(&args.file))?;
    eprintln!(
        "{}: ok ({} entities, {} names, {} bytes)",
        args.file.display(),
        index.entity_count(),
        index.variant_count(),
        index.as_bytes().len()
    );
    Ok(Outcome::Found)
}
