//! `canonym build DIR -o FILE`: compile a lexicon folder (or GeoNames data) into an index file.

use std::path::PathBuf;

use canonym::exchange::read_geonames_with_progress;
use canonym::{index, Index, Lexicon};

use super::progress::{file_size, Progress};
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
    let progress;
    let lexicon = match args.format {
        InputFormat::Lexicon => {
            let paths = Lexicon::source_paths(&args.input)?;
            let total = paths.iter().map(|p| file_size(p)).sum();
            // The loader reads and checks in one pass: a spinner, with the time spent.
            let files = format!("reading and checking {} lexicon files", paths.len());
            progress = Progress::spinner(total, &files);
            Lexicon::load_dir(&args.input)?
        }
        InputFormat::Geonames => {
            let alternate = args.alternate_names.as_deref();
            let total = file_size(&args.input) + alternate.map_or(0, file_size);
            progress = Progress::bytes(total, "reading GeoNames");
            let set = |done| progress.set(done);
            let (lexicon, report) = read_geonames_with_progress(&args.input, alternate, &set)?;
            progress.phase("building the index");
            eprintln!(
                "read {} places and {} names from GeoNames ({} names skipped)",
                report.places, report.names, report.skipped
            );
            lexicon
        }
    };
    progress.phase(&format!(
        "building the index of {} entities",
        lexicon.entities().len()
    ));
    index::write_file(&lexicon, &args.output)?;
    drop(progress);
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
