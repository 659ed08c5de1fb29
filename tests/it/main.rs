//! The integration tests, in one binary (one link instead of six): the CLI run as a real
//! process, the embedded lexicon, index bytes, normalization properties, the name tables and
//! the tagger on the seeds. Paths are relative to the crate root, where cargo runs tests.

mod cli;
mod crafted_index;
mod declined;
mod diff_fields;
mod embedded;
mod human_output;
mod import_formats;
mod index_bytes;
mod index_export_and_gates;
mod inputs;
mod layers;
mod lexicon_errors;
mod long_texts;
mod normalize_props;
mod phrases;
mod progress;
mod reseal;
mod resolve_table;
mod robust;
#[cfg(feature = "serve")]
mod serve;
#[cfg(unix)]
mod shell;
mod tag;
mod translated;
mod wikidata;
