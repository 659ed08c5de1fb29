//! Errors are values: every fallible call returns [`Result`], and a panic means a bug.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error from loading a lexicon, building or reading an index, or doing I/O.
///
/// Match on [`Error::kind`] to tell the cases apart; `Display` says what is wrong and, where
/// there is something to do, what (in the library's terms: a program's own user interface
/// adds its commands).
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing a file failed.
    Io(io::Error),
    /// The lexicon sources have errors: every one found in the run, in file order.
    Lexicon(Vec<Diagnostic>),
    /// A data file (a gold set, a name table) has errors: every one found, in file order.
    Input(Vec<Diagnostic>),
    /// The bytes do not start with the index magic number: this is not a canonym index.
    NotAnIndex,
    /// The index was written in another format version.
    UnsupportedFormat {
        /// The version found in the file.
        found: u32,
        /// The version this build reads.
        expected: u32,
    },
    /// The index was built with other normalization rules, so its keys would not match.
    NormalizerMismatch {
        /// The normalizer version found in the file.
        found: u32,
        /// The normalizer version of this build.
        expected: u32,
    },
    /// The index is truncated, damaged, or inconsistent.
    Corrupt(String),
    /// The lexicon is too large for the index format (its offsets are 32-bit).
    TooLarge(String),
    /// A bug of canonym, not a problem of the input: please report it.
    Bug(String),
}

/// One problem in a lexicon source, located at `file:line:column` (both 1-based, the column
/// in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The source file, as it was named to the loader.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in Unicode scalar values.
    pub column: usize,
    /// What is wrong, and where it helps, how to fix it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl Error {
    pub(crate) fn new(kind: ErrorKind) -> Error {
        Error { kind, path: None }
    }

    pub(crate) fn corrupt(what: impl Into<String>) -> Error {
        Error::new(ErrorKind::Corrupt(what.into()))
    }

    pub(crate) fn bug(what: impl Into<String>) -> Error {
        Error::new(ErrorKind::Bug(what.into()))
    }

    /// An I/O error about the file at `path`.
    pub fn io(path: &Path, err: io::Error) -> Error {
        Error {
            kind: ErrorKind::Io(err),
            path: Some(path.to_path_buf()),
        }
    }

    /// Attaches the path of the file the error is about, unless one is set already.
    pub fn at_path(mut self, path: &Path) -> Error {
        self.path.get_or_insert_with(|| path.to_path_buf());
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// The file the error is about, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when the error is about index bytes that a rebuild would fix.
    pub fn is_index_error(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::NotAnIndex
                | ErrorKind::UnsupportedFormat { .. }
                | ErrorKind::NormalizerMismatch { .. }
                | ErrorKind::Corrupt(_)
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let subject = match &self.path {
            Some(path) => format!("'{}'", path.display()),
            None => "the index".to_string(),
        };
        match &self.kind {
            ErrorKind::Io(err) => match &self.path {
                Some(path) => write!(f, "{}: {err}", path.display()),
                None => write!(f, "{err}"),
            },
            ErrorKind::Lexicon(diagnostics) | ErrorKind::Input(diagnostics) => {
                let n = diagnostics.len();
                let what = match self.kind {
                    ErrorKind::Lexicon(_) => "the lexicon",
                    _ => "the input",
                };
                write!(f, "{what} has {n} error{}", if n == 1 { "" } else { "s" })?;
                write_capped(f, diagnostics)
            }
            ErrorKind::NotAnIndex => write!(
                f,
                "{subject} is not a canonym index (bad magic number)"
            ),
            ErrorKind::UnsupportedFormat { found, expected } => write!(
                f,
                "{subject} has index format version {found}, this canonym reads version {expected}; rebuild it from its lexicon"
            ),
            ErrorKind::NormalizerMismatch { found, expected } => write!(
                f,
                "{subject} was built with normalizer version {found}, this canonym uses version {expected}; rebuild it from its lexicon"
            ),
            ErrorKind::Corrupt(what) => write!(
                f,
                "{subject} is corrupt ({what}); rebuild it from its lexicon"
            ),
            ErrorKind::TooLarge(what) => write!(f, "the lexicon is too large for one index: {what}"),
            ErrorKind::Bug(what) => write!(f, "bug in canonym: {what}; please report it"),
        }
    }
}

/// How many diagnostics with the same message are shown; the rest are counted. A file in
/// another format than the one expected can give one identical error per line.
const SHOWN_PER_MESSAGE: usize = 3;

/// Writes each diagnostic on its own line, but only the first few of those that repeat one
/// message, followed by the count of the others.
fn write_capped(f: &mut fmt::Formatter<'_>, diagnostics: &[Diagnostic]) -> fmt::Result {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut repeated: Vec<&str> = Vec::new();
    for d in diagnostics {
        let times = seen.entry(d.message.as_str()).or_insert(0);
        *times += 1;
        if *times <= SHOWN_PER_MESSAGE {
            write!(f, "\n{d}")?;
        } else if *times == SHOWN_PER_MESSAGE + 1 {
            repeated.push(&d.message);
        }
    }
    for message in repeated {
        let more = seen[message] - SHOWN_PER_MESSAGE;
        let s = if more == 1 { "" } else { "s" };
        write!(
            f,
            "\n... and {more} more error{s} with the message: {message}"
        )?;
    }
    Ok(())
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io(err) => Some(err),
            _ => None,
        }
    }
}

/// Why a path that is a folder, a FIFO or a device is not read as a file.
pub(crate) fn not_a_regular_file() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "not a regular file (a FIFO, a device or a folder)",
    )
}
