//! `canonym build DIR -o FILE`: compile a lexicon folder (or GeoNames data) into an index file.

use std::path::PathBuf;

use canonym::exchange::build_geonames;
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
    /// About how much memory the build may take beyond what it reads (512M, 1G, 4G...):
    /// what does not fit is sorted in runs on disk, in a folder beside the output, removed
    /// at the end.
    #[arg(long, value_name = "SIZE", default_value = "1G", value_parser = parse_size)]
    memory: usize,
}

/// A size in bytes: a number, optionally followed by K, M or G (powers of 1024), with or
/// without a trailing `B` or `iB`.
fn parse_size(text: &str) -> Result<usize, String> {
    let upper = text.trim().to_ascii_uppercase();
    let digits = upper.trim_end_matches("IB").trim_end_matches('B');
    let (number, shift) = match digits.chars().last() {
        Some('K') => (&digits[..digits.len() - 1], 10),
        Some('M') => (&digits[..digits.len() - 1], 20),
        Some('G') => (&digits[..digits.len() - 1], 30),
        _ => (digits, 0),
    };
    let size = number
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| format!("'{text}' is not a size (such as 512M or 2G)"))?;
    if size < 1 << 20 {
        return Err(format!("'{text}' is less than the 1M a build needs"));
    }
    Ok(size)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum InputFormat {
    /// A folder of TOML lexicon files.
    Lexicon,
    /// GeoNames' own dump format.
    Geonames,
}

pub fn run(args: Args) -> CliResult {
    match args.format {
        InputFormat::Lexicon => {
            let paths = Lexicon::source_paths(&args.input)?;
            let total = paths.iter().map(|p| file_size(p)).sum();
            // The loader reads and checks in one pass: a spinner, with the time spent.
            let files = format!("reading and checking {} lexicon files", paths.len());
            let progress = Progress::spinner(total, &files);
            let lexicon = Lexicon::load_dir(&args.input)?;
            progress.phase(&format!(
                "building the index of {} entities",
                lexicon.entities().len()
            ));
            index::write_file_within(&lexicon, &args.output, args.memory)?;
        }
        InputFormat::Geonames => {
            let alternate = args.alternate_names.as_deref();
            let total = file_size(&args.input) + alternate.map_or(0, file_size);
            // The rows are read, then sorted by place and built into the index as they
            // come back: the bar shows the reading, the rest is the last phase.
            let progress = Progress::bytes(total, "reading GeoNames");
            let set = |done| {
                progress.set(done);
                if done == total {
                    progress.phase("building the index");
                }
            };
            let report = build_geonames(&args.input, alternate, &args.output, args.memory, &set)?;
            drop(progress);
            eprintln!(
                "read {} places and {} names from GeoNames ({} names skipped)",
                report.places, report.names, report.skipped
            );
        }
    }
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
