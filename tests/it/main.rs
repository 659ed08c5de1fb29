//! The integration tests, in one binary (one link instead of six): the CLI run as a real
//! process, the embedded lexicon, index bytes, normalization properties, the name tables and
//! the tagger on the seeds. Paths are relative to the crate root, where cargo runs tests.

mod cli;
mod crafted_index;
mod embedded;
mod index_bytes;
mod inputs;
mod normalize_props;
mod reseal;
mod resolve_table;
mod robust;
#[cfg(feature = "serve")]
mod serve;
mod tag;
mod wikidata;
