//! The default lexicon: the sources under `lexicon/`, compiled into an index by build.rs and
//! carried in the binary with the sources themselves.

use std::sync::OnceLock;

use crate::error::Result;
use crate::index::Index;
use crate::lexicon::Lexicon;

/// The embedded lexicon sources, as (path relative to the crate root, TOML text), sorted by
/// path.
pub static SOURCES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_lexicon.rs"));

/// The index of [`SOURCES`], built by build.rs with this crate's own lexicon, normalize and
/// index modules. The reader needs no alignment of its bytes (it reads integers byte by
/// byte, and so does the fst crate), so plain `include_bytes!` serves.
static INDEX_BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/embedded.canonym"));

/// The default lexicon, compiled from the embedded sources.
pub fn default_lexicon() -> Result<Lexicon> {
    Lexicon::from_own_sources(SOURCES.iter().copied())
}

/// The index of the default lexicon, compiled when the crate was built: opening it reads the
/// header and section table only.
///
/// ```
/// let index = canonym::default_index()?;
/// let jnim = &index.resolve("GSIM")?[0];
/// assert_eq!(jnim.id, "group/jnim");
/// # Ok::<(), canonym::Error>(())
/// ```
pub fn default_index() -> Result<&'static Index<&'static [u8]>> {
    static INDEX: OnceLock<Index<&'static [u8]>> = OnceLock::new();
    if let Some(index) = INDEX.get() {
        return Ok(index);
    }
    // Trusted like bytes built in this process: the same code wrote them, at build time, and
    // tests/it/embedded.rs proves them equal to a fresh build of lexicon/.
    let index = Index::built_here(INDEX_BYTES)?;
    Ok(INDEX.get_or_init(|| index))
}

/// The embedded index with its bytes in a type of the caller's (an enum of the sources a
/// program reads an index from), trusted as [`default_index`] is, so that opening it costs no
/// check of the whole. `wrap` is given the embedded bytes; should it return other bytes, they
/// are checked whole ([`Index::verify`]) like any others.
pub fn default_index_in<D: AsRef<[u8]>>(wrap: impl FnOnce(&'static [u8]) -> D) -> Result<Index<D>> {
    let data = wrap(INDEX_BYTES);
    let bytes = data.as_ref();
    if bytes.as_ptr() == INDEX_BYTES.as_ptr() && bytes.len() == INDEX_BYTES.len() {
        return Index::built_here(data);
    }
    let index = Index::new(data)?;
    index.verify()?;
    Ok(index)
}
