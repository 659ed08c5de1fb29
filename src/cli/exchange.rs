//! `canonym export` and `canonym import`: the lexicon in JSON Lines, TSV, CSV and TBX.

use std::io::{self, Write};
use std::path::PathBuf;

use canonym::exchange::{self, Format};
use canonym::Lexicon;

use super::{CliResult, Outcome};

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

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The format to read.
    #[arg(long, value_enum)]
    format: FormatArg,
    /// The file to import.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// The lexicon folder to write (new, or without lexicon files of the same names).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
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
    let text =
        std::fs::read_to_string(&args.file).map_err(|e| canonym::Error::io(&args.file, e))?;
    let lexicon = exchange::import(&text, &args.file, args.format.into())?;
    for path in exchange::write_dir(&lexicon, &args.output)? {
        eprintln!("wrote {}", path.display());
    }
    eprintln!(
        "{} entities, {} names",
        lexicon.entities().len(),
        lexicon.name_count()
    );
    Ok(Outcome::Found)
}
