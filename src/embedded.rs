//! The default lexicon: the sources under `lexicon/`, embedded at build time and compiled on
//! first use.

use std::sync::OnceLock;

use crate::error::Result;
use crate::index::{self, Index};
use crate::lexicon::Lexicon;

/// The embedded lexicon sources, as (path relative to the crate root, TOML text), sorted by
/// path.
pub static SOURCES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_lexicon.rs"));

/// The default lexicon, compiled from the embedded sources.
pub fn default_lexicon() -> Result<Lexicon> {
    Lexicon::from_own_sources(SOURCES.iter().copied())
}

/// The index of the default lexicon, compiled once per process on first use.
///
/// ```
/// let index = canonym::default_index()?;
/// let jnim = &index.resolve("GSIM")?[0];
/// assert_eq!(jnim.id, "group/jnim");
/// # Ok::<(), canonym::Error>(())
/// ```
pub fn default_index() -> Result<&'static Index<Vec<u8>>> {
    static INDEX: OnceLock<Index<Vec<u8>>> = OnceLock::new();
    if let Some(index) = INDEX.get() {
        return Ok(index);
    }
    // Only a success is kept: a broken lexicon reports its errors on every call. Two threads
    // racing here both compile, and one result wins; the bytes are the same.
    let index = Index::built_here(index::build(&default_lexicon()?)?)?;
    Ok(INDEX.get_or_init(|| index))
}
