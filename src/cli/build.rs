//! `canonym build DIR -o FILE`: compile a lexicon folder into an index file.

use std::path::PathBuf;

use canonym::normalize::Layer;
use canonym::{index, Index, Lexicon};

use super::{CliResult, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The lexicon folder (every *.toml file under it is read).
    #[arg(value_name = "LEXICON_DIR")]
    dir: PathBuf,
    /// The index file to write (replaced atomically; nothing is written on error).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

pub fn run(args: Args) -> CliResult {
    let lexicon = Lexicon::load_dir(&args.dir)?;
    index::write_file(&lexicon, &args.output)?;
    let index = Index::open(&args.output)?;
    let keys = Layer::KEYED
        .iter()
        .map(|&layer| Ok(format!("{} {layer}", index.key_count(layer)?)))
        .collect::<canonym::Result<Vec<_>>>()?;
    eprintln!(
        "wrote {}: {} entities, {} names, keys: {} ({} bytes)",
        args.output.display(),
        index.entity_count(),
        index.variant_count(),
        keys.join(", "),
        index.as_bytes().len()
    );
    Ok(Outcome::Found)
}
