//! What the table formats and TBX leave out. They carry an entity's ID, kind, category, labels
//! and names; the other fields have no column or data category there, so a round trip through
//! them loses those fields. The CLI warns about this on export (with counts) and on import.

use super::Format;
use crate::lexicon::{Lexicon, DEFAULT_PRIOR};

/// The fields of `lexicon` that a file in `format` would not keep, each with the number of
/// entities that have it; empty for JSON Lines, which keeps every field.
///
/// ```
/// use canonym::exchange::{lost_fields, Format};
///
/// let lexicon = canonym::default_lexicon()?;
/// assert!(lost_fields(&lexicon, Format::Jsonl).is_empty());
/// assert!(lost_fields(&lexicon, Format::Tsv).iter().any(|&(field, n)| field == "cues" && n > 0));
/// # Ok::<(), canonym::Error>(())
/// ```
pub fn lost_fields(lexicon: &Lexicon, format: Format) -> Vec<(&'static str, usize)> {
    if format == Format::Jsonl {
        return Vec::new();
    }
    let entities = lexicon.entities();
    let count =
        |has: &dyn Fn(&crate::lexicon::Entity) -> bool| entities.iter().filter(|e| has(e)).count();
    let fields: [(&'static str, usize); 9] = [
        (
            "cues",
            count(&|e| !e.cues.favour.is_empty() || !e.cues.exclude.is_empty()),
        ),
        ("prior", count(&|e| e.prior != DEFAULT_PRIOR)),
        ("relations", count(&|e| !e.relations.is_empty())),
        ("wikidata", count(&|e| e.wikidata.is_some())),
        ("geonames", count(&|e| e.geonames.is_some())),
        ("countries", count(&|e| !e.countries.is_empty())),
        ("valid_from", count(&|e| e.valid_from.is_some())),
        ("valid_until", count(&|e| e.valid_until.is_some())),
        ("note", count(&|e| e.note.is_some())),
    ];
    fields.into_iter().filter(|&(_, n)| n > 0).collect()
}

/// The fields a file in a format other than JSON Lines cannot hold, for the warning on import.
pub const NOT_IN_TABLES: &str =
    "cues, prior, relations, wikidata, geonames, countries, valid_from, valid_until, note";
