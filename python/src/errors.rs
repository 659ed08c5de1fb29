//! canonym's errors as Python exceptions, with the library's messages.
//!
//! `canonym.Error` is the base of canonym's own exceptions; I/O errors are Python's own
//! `OSError` subclasses (`FileNotFoundError`...), as `open()` raises them.

use std::panic::{catch_unwind, AssertUnwindSafe};

use canonym::ErrorKind;
use pyo3::exceptions::{PyException, PyOSError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

pyo3::create_exception!(
    canonym,
    Error,
    PyException,
    "The base of canonym's exceptions. Its message is the library's."
);
pyo3::create_exception!(
    canonym,
    LexiconError,
    Error,
    "The lexicon sources have errors.\n\n\
     `file`, `line` and `column` (1-based, in characters) locate the first one;\n\
     `diagnostics` lists every one as (file, line, column, message) tuples."
);
pyo3::create_exception!(
    canonym,
    IndexError,
    Error,
    "The index bytes are not a canonym index, or one of another version, or damaged:\n\
     rebuild the index from its lexicon (`canonym build`).\n\n\
     Not Python's builtin IndexError: catch it as canonym.IndexError."
);

/// The Python exception for a canonym error.
fn to_py(py: Python<'_>, err: canonym::Error) -> PyErr {
    let message = err.to_string();
    match err.kind() {
        ErrorKind::Io(io) => match (io.raw_os_error(), err.path()) {
            // OSError(errno, strerror, filename) makes the subclass of the errno, as open()
            // does: FileNotFoundError, PermissionError...
            (Some(errno), Some(path)) => {
                let strerror = io.to_string();
                let suffix = format!(" (os error {errno})");
                let strerror = strerror
                    .strip_suffix(&suffix)
                    .unwrap_or(&strerror)
                    .to_string();
                PyOSError::new_err((errno, strerror, path.as_os_str().to_owned()))
            }
            _ => PyOSError::new_err(message),
        },
        ErrorKind::Lexicon(diagnostics) => {
            let exception = LexiconError::new_err(message);
            if let Err(e) = describe_diagnostics(py, &exception, diagnostics) {
                return e;
            }
            exception
        }
        _ if err.is_index_error() => IndexError::new_err(message),
        _ => Error::new_err(message),
    }
}

/// Sets `file`, `line`, `column` (of the first diagnostic) and `diagnostics` (all of them) on a
/// LexiconError.
fn describe_diagnostics(
    py: Python<'_>,
    exception: &PyErr,
    diagnostics: &[canonym::Diagnostic],
) -> PyResult<()> {
    let value = exception.value(py);
    let first = diagnostics.first();
    value.setattr("file", first.map(|d| d.path.display().to_string()))?;
    value.setattr("line", first.map(|d| d.line))?;
    value.setattr("column", first.map(|d| d.column))?;
    let all = diagnostics
        .iter()
        .map(|d| {
            PyTuple::new(
                py,
                [
                    d.path.display().to_string().into_pyobject(py)?.into_any(),
                    d.line.into_pyobject(py)?.into_any(),
                    d.column.into_pyobject(py)?.into_any(),
                    d.message.as_str().into_pyobject(py)?.into_any(),
                ],
            )
        })
        .collect::<PyResult<Vec<_>>>()?;
    value.setattr("diagnostics", all)
}

/// Runs `f`, turning a panic (a bug of canonym) into a `canonym.Error` rather than letting it
/// reach Python as a `PanicException`.
pub fn no_panic<T>(f: impl FnOnce() -> canonym::Result<T>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => Err(Failure::Canonym(err)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".to_string());
            Err(Failure::Panic(what))
        }
    }
}

/// What went wrong in work done without the GIL, turned into an exception once it is held.
#[derive(Debug)]
pub enum Failure {
    /// An error of the library.
    Canonym(canonym::Error),
    /// A panic, which is a bug.
    Panic(String),
    /// An exception raised while the GIL was taken back (making the answers' objects).
    Python(PyErr),
}

impl Failure {
    /// The Python exception.
    pub fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Canonym(err) => to_py(py, err),
            Failure::Python(err) => err,
            Failure::Panic(what) => Error::new_err(format!(
                "bug in canonym: {what}; please report it with the input that caused it"
            )),
        }
    }
}
