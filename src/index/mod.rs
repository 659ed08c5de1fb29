//! The compiled index: [`build`] turns a lexicon into bytes, [`Index`] reads them.
//!
//! An index is one file (see the `format` module source for its layout): a header with
//! a magic number, format and normalizer versions and a checksum; an FST per normalization
//! layer mapping keys to postings; and tables of entities, labels and variants. Opening is
//! cheap and touches only the header; [`Index::verify`] checks every byte.

mod blocks;
mod build;
mod edits;
pub(crate) mod format;
pub(crate) use format::VariantRecord;
mod read;
pub(crate) mod spill;
mod stream;
mod untrusted;

pub(crate) use build::is_indexed;
pub use build::{build, write_file};
pub(crate) use read::{Cursor, NamesWalker, Walk, WordStems};
pub use read::{EntityRef, Index, VariantRef};
pub use stream::{write_file_within, Builder, DEFAULT_MEMORY};
pub use untrusted::quiet_contained_panics;
