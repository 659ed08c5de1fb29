//! `canonym build DIR -o FILE`: compile a lexicon folder (or GeoNames data) into an index file.

use std::path::PathBuf;

use canonym::exchange::read_geonames;
use canonym::{index, Index, Lexicon};

use super::{CliResult, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The lexicon folder (every *.toml file under it is read), or with `--format geonames`,
    /// a GeoNames table (allCountries.txt, citiesN.txt).
    #[arg(value_name = "LEXICON_DIR")]
    input: PathBuf,
    /// The index file to write (replaced atomically; nothing is written on error).
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// What the input is.
    #[arg(long, value_enum, default_value_t = InputFormat::Lexicon)]
    format: InputFormat,
    /// With `--format geonames`: GeoNames' alternateNamesV2.txt, for names with languages.
    #[arg(long, value_name = "FILE")]
    alternate_names: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum InputFormat {
    /// A folder of TOML lexicon files.
    Lexicon,
    /// GeoNames' own dump format.
    Geonames,
}

pub fn run(args: Args) -> CliResult {
    let lexicon = match args.format {
        InputFormat::Lexicon => Lexicon::load_dir(&args.input)?,
        InputFormat::Geonames => {
            let (lexicon, report) = read_geonames(&args.input, args.alternate_names.as_deref())?;
            eprintln!(
                "read {} places and {} names from GeoNames ({} names skipped)",
                report.places, report.names, report.skipped
            );
            lexicon
        }
    };
    index::write_file(&lexicon, &args.output)?;
    let index = Index::open(&args.output)?;
    let keys = index
        .stored_layers()
        .map(|layer| Ok(format!("{} {layer}", index.key_count(layer)?)))
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
