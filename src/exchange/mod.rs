//! Moving a lexicon in and out of other formats: JSON Lines (lossless), TSV and CSV (a row per
//! name, for spreadsheets) and TBX-Basic (ISO 30042, for termbase tools); and reading the dumps
//! of GeoNames and Wikidata.
//!
//! Import checks everything the loader checks, with the loader's own checks run on the
//! entities read (not on TOML written from them); every problem is reported at the line of the
//! input it came from, and an import with problems writes nothing.
//!
//! ```
//! use canonym::exchange::{export, import, Format};
//!
//! let lexicon = canonym::default_lexicon()?;
//! let mut jsonl = Vec::new();
//! export(&lexicon, Format::Jsonl, &mut jsonl)?;
//! let imported = import(std::str::from_utf8(&jsonl).unwrap(), "sahel.jsonl".as_ref(), Format::Jsonl)?;
//! assert_eq!(canonym::index::build(&imported)?, canonym::index::build(&lexicon)?);
//! # Ok::<(), canonym::Error>(())
//! ```

mod from_index;
mod geonames;
mod jsonl;
mod lossy;
mod sniff;
mod table;
mod tbx;
mod wikidata;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use from_index::{exportable_from_index, lexicon_of_index};
pub use geonames::{build_geonames, read_geonames, read_geonames_with_progress, GeoNamesReport};
pub use lossy::{lost_fields, NOT_IN_TABLES};
pub use sniff::not_utf8_text;
pub use wikidata::{
    read_wikidata, read_wikidata_from, WikidataOptions, WikidataReport, CLASSES as WIKIDATA_CLASSES,
};

use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::lexicon::{render_entities, Entity, Kind, Lexicon, Location};

/// An exchange format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// One JSON object per entity, with every field: lossless.
    Jsonl,
    /// Tab-separated, one row per name.
    Tsv,
    /// Comma-separated (RFC 4180), one row per name.
    Csv,
    /// TBX-Basic XML: entities as concept entries, languages as langSecs, names as terms.
    Tbx,
}

/// Writes `lexicon` in `format`.
pub fn export(lexicon: &Lexicon, format: Format, out: &mut impl Write) -> Result<()> {
    let written = match format {
        Format::Jsonl => jsonl::write(lexicon, out),
        Format::Tsv => table::write(lexicon, b'\t', out),
        Format::Csv => table::write(lexicon, b',', out),
        Format::Tbx => tbx::write(lexicon, out),
    };
    written.map_err(|e| Error::new(ErrorKind::Io(e)))
}

/// Reads entities in `format` from `text` (named `path` in diagnostics) and checks them as a
/// lexicon.
pub fn import(text: &str, path: &Path, format: Format) -> Result<Lexicon> {
    if let Some(wrong) = sniff::wrong_format(text, path, format) {
        return Err(input_error(vec![wrong]));
    }
    let (records, mut problems) = match format {
        Format::Jsonl => jsonl::read(text, path),
        Format::Tsv => table::read(text, path, b'\t'),
        Format::Csv => table::read(text, path, b','),
        Format::Tbx => tbx::read(text, path),
    };
    // The records that could be read are checked as a lexicon too, so that one run reports
    // every problem of the file; each entity, name and relation is located in the input.
    match Lexicon::from_imported(records.into_iter().map(|r| r.entity)) {
        Ok(lexicon) if problems.is_empty() && lexicon.entities().is_empty() => {
            Err(input_error(vec![problem(
                path,
                1,
                1,
                "the file holds no entities: there is nothing to import",
            )]))
        }
        Ok(lexicon) if problems.is_empty() => Ok(lexicon),
        Ok(_) => Err(input_error(problems)),
        Err(err) => match err.kind() {
            ErrorKind::Lexicon(diagnostics) => {
                problems.extend(diagnostics.iter().cloned());
                Err(input_error(problems))
            }
            _ => Err(err),
        },
    }
}

fn input_error(mut problems: Vec<Diagnostic>) -> Error {
    problems.sort_by_key(|p| (p.line, p.column));
    problems.dedup();
    Error::new(ErrorKind::Input(problems))
}

/// An entity read from an exchange file, and the line it starts at there.
pub(crate) struct Record {
    pub entity: Entity,
    pub line: usize,
}

/// The file an imported entity goes to: one per kind.
pub fn file_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Group => "groups.toml",
        Kind::Organization => "organizations.toml",
        Kind::Place => "places.toml",
        Kind::Person => "people.toml",
    }
}

/// Writes an imported lexicon into `dir` in canonical form, one file per kind, all or none
/// (see [`write_new_files`](crate::atomic::write_new_files)). `dir` must not hold lexicon
/// files of the same names already: an import never overwrites.
pub fn write_dir(lexicon: &Lexicon, dir: &Path) -> Result<Vec<PathBuf>> {
    let mut by_file: BTreeMap<&str, Vec<&Entity>> = BTreeMap::new();
    for entity in lexicon.entities() {
        by_file
            .entry(file_name(entity.kind))
            .or_default()
            .push(entity);
    }
    let files: Vec<(&str, Vec<u8>)> = by_file
        .into_iter()
        .map(|(name, entities)| (name, render_entities(entities).into_bytes()))
        .collect();
    crate::atomic::write_new_files(dir, &files)?;
    Ok(files.iter().map(|(name, _)| dir.join(name)).collect())
}

/// The line of any byte offset of a text, by the offsets of its newlines, found once: an
/// import asks for the line of every entry, and counting newlines from the start each time
/// made imports quadratic.
pub(crate) struct Lines(Vec<usize>);

impl Lines {
    pub(crate) fn of(text: &str) -> Lines {
        Lines(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(at, _)| at)
                .collect(),
        )
    }

    /// The line, from 1, of the byte at `offset`.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&newline| newline < offset) + 1
    }
}

/// Pushes `item` onto a list of an entity that grows from room for one, not four: most
/// entities of an import have one name and one label, and with room for four a million of
/// them held 430 MB of empty names.
pub(crate) fn push_one<T>(items: &mut Vec<T>, item: T) {
    if items.len() == items.capacity() {
        // Doubling still, from one: amortized linear for an entity of many names.
        items.reserve_exact(items.len().max(1));
    }
    items.push(item);
}

/// A location in an import file.
pub(crate) fn location(path: &Path, line: usize) -> Location {
    Location {
        path: path.to_path_buf(),
        line,
        column: 1,
    }
}

/// An import problem at `line` (and `column`) of `path`.
pub(crate) fn problem(
    path: &Path,
    line: usize,
    column: usize,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic {
        path: path.to_path_buf(),
        line,
        column,
        message: message.into(),
    }
}

/// What a reader gives back: the entities it could read, and the problems of the rest.
pub(crate) type Read = (Vec<Record>, Vec<Diagnostic>);
