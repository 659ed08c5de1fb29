//! The command line: argument definitions and the dispatch to one module per subcommand.
//! Each subcommand only parses, calls the library, and prints.

mod build;
mod diff;
mod eval;
mod exchange;
mod fmt;
mod lint;
mod output;
mod progress;
mod resolve;
#[cfg(feature = "serve")]
mod serve;
mod shell;
mod stats;
mod suggest;
mod tag;
mod verify;

use std::fmt as stdfmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use canonym::Index;
use clap::{Parser, Subcommand, ValueEnum};

/// Resolve the names of armed groups, organisations, places and people to canonical IDs.
#[derive(Debug, Parser)]
#[command(name = "canonym", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Resolve names to ranked candidate entities.
    ///
    /// Exit status: 0 when some name was found, 1 when none was, 2 on error.
    Resolve(resolve::Args),
    /// Find and resolve the mentions of entities in running text.
    ///
    /// Exit status: 0 when some mention was found, 1 when none was, 2 on error.
    Tag(tag::Args),
    /// Compile a lexicon folder into an index file.
    Build(build::Args),
    /// Check every byte of an index file: checksum, records, FSTs.
    Verify(verify::Args),
    /// Score the tagger on a gold corpus, or the resolver on a name table.
    ///
    /// Exit status: 0, or 1 with --fail-on-regression when the run is worse than --baseline;
    /// 2 on error.
    Eval(eval::Args),
    /// Count what the index holds: entities, names, keys, shared keys.
    Stats(stats::Args),
    /// Rewrite lexicon files in canonical form (`--check` only lists them; exit 1 if any).
    Fmt(fmt::Args),
    /// Check a lexicon: loader errors, shared names and acronyms, missing labels, suspicious
    /// variants. Exit status 2 when there are errors.
    Lint(lint::Args),
    /// Show what changed between two lexicons (folders or index files): entities, names,
    /// shared keys, and with --gold the resolutions of a gold set.
    ///
    /// Exit status: 0, or 1 with --fail-on-regression when NEW resolves the gold set worse;
    /// 2 on error.
    Diff(diff::Args),
    /// Suggest names to add from a corpus: near matches of entities and acronyms defined in
    /// the text, as TOML snippets with where they were seen.
    Suggest(suggest::Args),
    /// Write a lexicon as JSON Lines, TSV, CSV or TBX to standard output.
    Export(exchange::ExportArgs),
    /// Read a JSON Lines, TSV, CSV or TBX file, or a Wikidata JSON dump, into a new lexicon
    /// folder; nothing is written when the file has errors.
    Import(exchange::ImportArgs),
    /// Serve the resolver, the tagger and a W3C Reconciliation Service (OpenRefine) over HTTP,
    /// until SIGTERM or Ctrl-C; SIGHUP reloads the index.
    #[cfg(feature = "serve")]
    Serve(serve::Args),
    /// Print a completion script for bash, zsh, fish, elvish or PowerShell.
    ///
    /// bash: `canonym completions bash > ~/.local/share/bash-completion/completions/canonym`;
    /// zsh: `canonym completions zsh > ~/.zfunc/_canonym` with ~/.zfunc in $fpath; fish:
    /// `canonym completions fish > ~/.config/fish/completions/canonym.fish`.
    Completions(shell::CompletionsArgs),
    /// Print the manual page canonym(1) as roff (`canonym man | man -l -`), or with --dir
    /// write it and one page per subcommand for installing into a man folder.
    Man(shell::ManArgs),
}

/// When to colour human output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// When standard output is a terminal, unless NO_COLOR is set (CLICOLOR_FORCE forces it).
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// How a successful run ended: the exit status tells scripts whether anything was found.
pub enum Outcome {
    Found,
    NotFound,
    /// `--fail-on-regression`: the new lexicon or run is worse on the gold set.
    Regressed,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Found => ExitCode::SUCCESS,
            Outcome::NotFound | Outcome::Regressed => ExitCode::from(1),
        }
    }
}

/// An error that ends the run with status 2.
#[derive(Debug)]
pub enum CliError {
    Canonym(canonym::Error),
    Io(io::Error),
    Message(String),
}

impl CliError {
    /// A reader of our output went away (`canonym ... | head`): not an error.
    pub fn is_broken_pipe(&self) -> bool {
        let broken = |e: &io::Error| e.kind() == io::ErrorKind::BrokenPipe;
        match self {
            CliError::Io(e) => broken(e),
            // The library's writers (export) report I/O errors as its own.
            CliError::Canonym(e) => matches!(e.kind(), canonym::ErrorKind::Io(e) if broken(e)),
            CliError::Message(_) => false,
        }
    }
}

impl stdfmt::Display for CliError {
    fn fmt(&self, f: &mut stdfmt::Formatter<'_>) -> stdfmt::Result {
        match self {
            // The library says what to do in its own terms; the command to do it is ours.
            CliError::Canonym(e) if e.is_index_error() => {
                write!(f, "{e} (with `canonym build LEXICON_DIR -o FILE`)")
            }
            CliError::Canonym(e) => write!(f, "{e}"),
            CliError::Io(e) => write!(f, "{e}"),
            CliError::Message(message) => write!(f, "{message}"),
        }
    }
}

impl From<canonym::Error> for CliError {
    fn from(e: canonym::Error) -> CliError {
        CliError::Canonym(e)
    }
}

impl From<io::Error> for CliError {
    fn from(e: io::Error) -> CliError {
        CliError::Io(e)
    }
}

pub type CliResult<T = Outcome> = Result<T, CliError>;

pub fn run(cli: Cli) -> CliResult {
    let color = output::use_color(cli.color);
    match cli.command {
        Command::Resolve(args) => resolve::run(args, color),
        Command::Tag(args) => tag::run(args, color),
        Command::Build(args) => build::run(args),
        Command::Verify(args) => verify::run(args),
        Command::Eval(args) => eval::run(args, color),
        Command::Stats(args) => stats::run(args, color),
        Command::Fmt(args) => fmt::run(args),
        Command::Lint(args) => lint::run(args, color),
        Command::Diff(args) => diff::run(args, color),
        Command::Suggest(args) => suggest::run(args),
        Command::Export(args) => exchange::export(args),
        Command::Import(args) => exchange::import(args),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
    }
}

/// The bytes behind an index: a mapped file, a lexicon folder compiled in memory, or the
/// embedded default.
pub enum IndexBytes {
    Mapped(memmap2::Mmap),
    Compiled(Vec<u8>),
    Embedded(&'static [u8]),
}

impl AsRef<[u8]> for IndexBytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            IndexBytes::Mapped(map) => map,
            IndexBytes::Compiled(bytes) => bytes,
            IndexBytes::Embedded(bytes) => bytes,
        }
    }
}

/// Index files up to this size are verified in full before use (a few milliseconds); larger
/// ones get the cheap checks of `Index::open` only, so that a lookup does not read the whole
/// file: `canonym verify` checks them.
const VERIFY_UP_TO: u64 = 32 << 20;

/// Opens the index named by `--lexicon`: an index file, or a lexicon folder, compiled in
/// memory; without `--lexicon`, the embedded default.
pub fn open_index(lexicon: Option<&Path>) -> CliResult<Index<IndexBytes>> {
    open_index_verified_up_to(lexicon, VERIFY_UP_TO)
}

/// [`open_index`] for a long-lived process (the server): the index is verified whole,
/// whatever its size, once at open, so that no damaged byte becomes an answer later.
pub fn open_verified_index(lexicon: Option<&Path>) -> CliResult<Index<IndexBytes>> {
    open_index_verified_up_to(lexicon, u64::MAX)
}

fn open_index_verified_up_to(
    lexicon: Option<&Path>,
    verify_up_to: u64,
) -> CliResult<Index<IndexBytes>> {
    let Some(path) = lexicon else {
        // Built by this crate's own code at build time: trusted, not checked at every start.
        return Ok(canonym::default_index_in(IndexBytes::Embedded)?);
    };
    if path.is_dir() {
        let lexicon = canonym::Lexicon::load_dir(path)?;
        let compiled = Index::new(IndexBytes::Compiled(canonym::index::build(&lexicon)?))?;
        compiled.verify()?;
        return Ok(compiled);
    }
    let mapped = Index::open(path)?;
    let index = Index::new(IndexBytes::Mapped(mapped.into_data()))?;
    if index.as_bytes().len() as u64 <= verify_up_to {
        index.verify().map_err(|e| e.at_path(path))?;
    }
    Ok(index)
}

/// Writes `bytes` to `path` atomically (see [`canonym::write_atomically`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> CliResult<()> {
    Ok(canonym::write_atomically(path, bytes)?)
}

/// `--lang`: a BCP 47 tag as the lexicon writes them (`fr`, not `FR`).
pub fn language_tag(tag: &str) -> Result<String, String> {
    canonym::lexicon::check_language_tag(tag).map(|()| tag.to_string())
}

/// `--min-score`: a score, from 0 to 1.
pub fn score(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(score) if (0.0..=1.0).contains(&score) => Ok(score),
        _ => Err(format!("'{text}' is not a score from 0 to 1")),
    }
}

/// `--limit`: a count of at least one.
pub fn at_least_one(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("'{text}' is not a whole number of at least 1")),
    }
}

/// `--lexicon`: shared by the subcommands that read an index.
#[derive(Clone, Debug, clap::Args)]
pub struct LexiconArg {
    /// An index file built by `canonym build`, or a lexicon folder to compile on the fly
    /// [default: the embedded Sahel lexicon]. Repeat it to layer lexicon folders (`@sahel`
    /// names the embedded one): they are loaded as one lexicon, and an ID defined in two of
    /// them is an error.
    #[arg(long, value_name = "FILE|DIR")]
    pub lexicon: Vec<PathBuf>,
}

/// The `--lexicon` value that names the embedded Sahel lexicon, to layer a folder over it.
const EMBEDDED: &str = "@sahel";

/// What `--lexicon` names.
pub enum Single<'a> {
    /// The embedded lexicon (no `--lexicon`, or `@sahel` alone).
    Embedded,
    /// One index file or lexicon folder.
    Path(&'a Path),
    /// Several layers, loaded by [`LexiconArg::load_layers`].
    Layers,
}

impl LexiconArg {
    /// What was named: the embedded lexicon, one path, or layers.
    pub fn single(&self) -> Single<'_> {
        match self.lexicon.as_slice() {
            [] => Single::Embedded,
            [one] if one.as_os_str() == EMBEDDED => Single::Embedded,
            [one] => Single::Path(one),
            _ => Single::Layers,
        }
    }

    /// The index of the lexicon or lexicons named.
    pub fn open(&self) -> CliResult<Index<IndexBytes>> {
        match self.single() {
            Single::Embedded => open_index(None),
            Single::Path(one) => open_index(Some(one)),
            Single::Layers => {
                let lexicon = self.load_layers()?;
                let index = Index::new(IndexBytes::Compiled(canonym::index::build(&lexicon)?))?;
                index.verify()?;
                Ok(index)
            }
        }
    }

    /// The lexicon named, loaded from its sources: `None` for one index file, which holds
    /// no sources.
    pub fn layers(&self) -> CliResult<Option<canonym::Lexicon>> {
        match self.single() {
            Single::Path(one) if !one.is_dir() => Ok(None),
            _ => self.load_layers().map(Some),
        }
    }

    /// Every layer's sources loaded together, the embedded lexicon without `--lexicon`.
    pub fn load_layers(&self) -> CliResult<canonym::Lexicon> {
        if self.lexicon.is_empty() {
            return Ok(canonym::default_lexicon()?);
        }
        let mut sources: Vec<(PathBuf, String)> = Vec::new();
        for layer in &self.lexicon {
            if layer.as_os_str() == EMBEDDED {
                let embedded = canonym::DEFAULT_LEXICON_SOURCES.iter();
                sources.extend(embedded.map(|(p, t)| (PathBuf::from(p), t.to_string())));
            } else if layer.is_dir() {
                sources.extend(canonym::Lexicon::read_sources(layer)?);
            } else {
                return Err(CliError::Message(format!(
                    "{}: only lexicon folders (and {EMBEDDED}) can be layered, an index file \
                     cannot: give the folder it was built from",
                    layer.display()
                )));
            }
        }
        Ok(canonym::Lexicon::from_sources(
            sources.iter().map(|(p, t)| (p.as_path(), t.as_str())),
        )?)
    }
}
