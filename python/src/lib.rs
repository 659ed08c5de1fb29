//! `canonym._canonym`, the extension module of the `canonym` Python package: the library's
//! `Index`, `Resolver` and `Tagger` behind a small Python API. The package's `__init__.py`
//! re-exports it; its stubs are `canonym/_canonym.pyi`.

mod errors;
mod index;
mod parallel;
mod types;

use pyo3::prelude::*;

/// canonym's native core: `Index`, `Candidate`, `Mention`, `Reading` and the exceptions.
#[pymodule]
fn _canonym(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // A panic of the fst dependency on damaged bytes becomes a canonym.Error: it must not
    // also print a panic message.
    canonym::index::quiet_contained_panics();
    m.add_class::<index::Index>()?;
    m.add_class::<types::Candidate>()?;
    m.add_class::<types::Mention>()?;
    m.add_class::<types::Reading>()?;
    m.add("Error", py.get_type::<errors::Error>())?;
    m.add("LexiconError", py.get_type::<errors::LexiconError>())?;
    m.add("IndexError", py.get_type::<errors::IndexError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
