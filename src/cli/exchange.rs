//! `canonym export` and `canonym import`: the lexicon in JSON Lines, TSV, CSV and TBX, and
//! imports of Wikidata's JSON dumps.

use std::io::{self, Write};
use std::path::PathBuf;

use canonym::exchange::{self, Format, WikidataOptions};
use canonym::lexicon::Kind;
use canonym::Lexicon;

use super::progress::{file_size, Progress};
use super::{open_index, CliError, CliResult, Outcome};

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

impl FormatArg {
    fn name(self) -> &'static str {
        match self {
            FormatArg::Jsonl => "JSON Lines",
            FormatArg::Tsv => "TSV",
            FormatArg::Csv => "CSV",
            FormatArg::Tbx => "TBX",
        }
    }
}

/// A format other than JSON Lines leaves fields out: says which, and how many entities lose
/// each, so that a round trip through a spreadsheet does not drop them unnoticed.
fn warn_of_lost_fields(lexicon: &Lexicon, format: FormatArg) {
    let lost = exchange::lost_fields(lexicon, format.into());
    if lost.is_empty() {
        return;
    }
    let fields: Vec<String> = lost
        .iter()
        .map(|(field, n)| format!("{field} ({n} entities)"))
        .collect();
    eprintln!(
        "canonym: warning: {} has no place for these fields, which were not written: {}; \
         --format jsonl keeps every field",
        format.name(),
        fields.join(", ")
    );
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
    /// The lexicon folder, or for TSV, CSV and TBX an index file [default: the embedded
    /// lexicon].
    #[arg(value_name = "LEXICON")]
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
        // A folder, or a path that is nothing: the loader says so.
        Some(dir) if !dir.is_file() => Lexicon::load_dir(dir)?,
        // An index file holds what the table formats and TBX write, not every field.
        Some(file) if exchange::exportable_from_index(args.format.into()) => {
            exchange::lexicon_of_index(&open_index(Some(file))?, file)?
        }
        Some(file) => {
            return Err(CliError::Message(format!(
                "{}: an index file does not hold every field JSON Lines writes (relations, dates, \
                 notes, cues as written): export the lexicon folder it was built from, or use \
                 --format tsv, csv or tbx",
                file.display()
            )))
        }
        None => canonym::default_lexicon()?,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    exchange::export(&lexicon, args.format.into(), &mut out)?;
    out.flush()?;
    warn_of_lost_fields(&lexicon, args.format);
    Ok(Outcome::Found)
}

pub fn import(args: ImportArgs) -> CliResult {
    let format = match args.format {
        ImportFormat::Jsonl => FormatArg::Jsonl,
        ImportFormat::Tsv => FormatArg::Tsv,
        ImportFormat::Csv => FormatArg::Csv,
        ImportFormat::Tbx => FormatArg::Tbx,
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
    let progress = Progress::bytes(file_size(&args.file), "reading");
    let text = read_with_progress(&args.file, &progress)?;
    progress.phase("checking the entities");
    let lexicon = exchange::import(&text, &args.file, format.into());
    // The entities hold what they need of it: the text is not kept while the files are written.
    drop(text);
    drop(progress);
    let lexicon = lexicon?;
    if format != FormatArg::Jsonl {
        eprintln!(
            "canonym: warning: {} has no place for {}: the imported entities have none of them \
             (and the default prior); JSON Lines keeps every field",
            format.name(),
            exchange::NOT_IN_TABLES
        );
    }
    written(&lexicon, &args.file, &args.output)
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
    written(&lexicon, &args.file, &args.output)
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
fn written(lexicon: &Lexicon, source: &std::path::Path, output: &std::path::Path) -> CliResult {
    let progress = Progress::spinner(file_size(source), "writing the lexicon files");
    let written = exchange::write_dir(lexicon, output);
    drop(progress);
    for path in written? {
        eprintln!("wrote {}", path.display());
    }
    eprintln!(
        "{} entities, {} names",
        lexicon.entities().len(),
        lexicon.name_count()
    );
    Ok(Outcome::Found)
}

/// The text of `path`, read in blocks that move the bar.
fn read_with_progress(path: &std::path::Path, progress: &Progress) -> CliResult<String> {
    use std::io::Read;
    let io_error = |e| canonym::Error::io(path, e);
    let mut file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    let mut block = vec![0; 1 << 20];
    loop {
        match file.read(&mut block) {
            Ok(0) => break,
            Ok(n) => {
                bytes.extend_from_slice(&block[..n]);
                progress.set(bytes.len() as u64);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_error(e).into()),
        }
    }
    String::from_utf8(bytes).map_err(|e| {
        let what = exchange::not_utf8_text(e.as_bytes());
        io_error(io::Error::new(io::ErrorKind::InvalidData, what)).into()
    })
}
