//! canonym resolves the many spellings, transliterations and language variants of the names
//! of armed groups, organisations, places and people to canonical IDs.
//!
//! `JNIM`, `GSIM` and `Jama'at Nusrat al-Islam wal-Muslimin` are one group;
//! `Tinzawaten`, `Tin Zaouatine` and `Tinzaouatène` are one town.
//!
//! # A tour
//!
//! The crate carries a default lexicon of the Sahel conflicts, so the shortest start is:
//!
//! ```
//! let index = canonym::default_index()?;
//! for name in ["Tinzawaten", "Tin Zaouatine", "TINZAOUATÈNE"] {
//!     let candidates = index.resolve(name)?;
//!     assert_eq!(candidates[0].id, "place/tinzaouatene");
//! }
//! let best = &index.resolve("Jama’at Nusrat Al-Islam Wal-Muslimin")?[0];
//! assert_eq!(best.id, "group/jnim");
//! println!("{} ({}) via the {} layer, score {}", best.label, best.id, best.layer, best.score);
//! # Ok::<(), canonym::Error>(())
//! ```
//!
//! Your own lexicon is a folder of TOML files (see `lexicon/README.md` in the repository).
//! Load and check it with [`Lexicon::load_dir`], compile it with [`index::build`] or
//! [`index::write_file`], and read the compiled file with [`Index::open`], which memory-maps
//! it:
//!
//! ```no_run
//! use canonym::{index, Index, Lexicon};
//!
//! let lexicon = Lexicon::load_dir("lexicon")?;
//! index::write_file(&lexicon, "sahel.canonym")?;
//! let index = Index::open("sahel.canonym")?;
//! index.verify()?;
//! let candidates = index.resolve("Minusma")?;
//! # Ok::<(), canonym::Error>(())
//! ```
//!
//! # Layers
//!
//! Every name is stored under one key per [`normalize::Layer`], from strict to loose: the
//! exact text, a folded key (case, accents, apostrophes, dashes), a Latin transliteration, a
//! stem key (case forms), a consonant skeleton, and its words (the token layer); the fuzzy
//! layer searches around the Latin key. A query is looked up strict to loose; each candidate
//! says on which layer it matched ([`Candidate::layer`]) and, when the query was read another
//! way (a title removed, a case ending replaced), how ([`Candidate::reading`]); a stricter
//! layer scores higher. [`Resolver`] sets the options of a look-up, [`Tagger`] those of
//! tagging running text.
//!
//! # Errors
//!
//! Every fallible call returns [`Result`]. Lexicon errors carry every problem found, each at
//! `file:line:column`; damaged index bytes give an error that says to rebuild.

pub(crate) mod atomic;
pub mod diff;
mod embedded;
mod error;
pub mod eval;
pub mod exchange;
pub mod index;
pub mod json;
mod language;
pub mod lexicon;
pub mod lint;
pub mod normalize;
pub mod printable;
mod resolve;
#[cfg(feature = "serve")]
pub mod serve;
pub mod stats;
pub mod suggest;
mod tag;
mod windows;

pub use atomic::write_atomically;
pub use embedded::{
    default_index, default_index_in, default_lexicon, SOURCES as DEFAULT_LEXICON_SOURCES,
};
pub use error::{Diagnostic, Error, ErrorKind, Result};
pub use index::Index;
pub use lexicon::Lexicon;
pub use resolve::{
    Candidate, Explained, Explanation, Reading, Resolver, Translated, WordMatch, MIN_SCORE,
};
pub use tag::{Mention, Overlaps, Tagger, WINDOW};
