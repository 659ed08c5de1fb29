//! The part of a lexicon an index file holds: each entity's ID, kind, category, prior, QIDs,
//! countries, labels and names with their scripts, forms and sources. That is all the TSV,
//! CSV and TBX exports write, so they can be made from an index file as from its folder.
//! Relations, dates, notes and cues as written (the index keeps them folded) are not in an
//! index: a JSON Lines export needs the lexicon folder.

use std::path::Path;

use super::{location, Format};
use crate::error::{Error, ErrorKind, Result};
use crate::index::Index;
use crate::lexicon::{Entity, Label, Lexicon, Name};

/// Whether an export in `format` can be made from an index file.
pub fn exportable_from_index(format: Format) -> bool {
    format != Format::Jsonl
}

/// The entities of `index` (named `path` in their locations) with the fields an index holds;
/// the others are left empty. For the exports that [`exportable_from_index`] allows.
pub fn lexicon_of_index<D: AsRef<[u8]>>(index: &Index<D>, path: &Path) -> Result<Lexicon> {
    let mut entities = Vec::with_capacity(index.entity_count());
    for number in 0..index.entity_count() as u32 {
        let entity = index.entity_at(number)?;
        let at = location(path, 1);
        let labels = index
            .labels(&entity)?
            .into_iter()
            .map(|(lang, text)| Label {
                lang: lang.to_string(),
                text: text.to_string(),
            })
            .collect::<Vec<_>>();
        let names = index
            .variants_of(number)?
            .into_iter()
            .map(|v| Name {
                text: v.text.to_string(),
                lang: v.lang.to_string(),
                script: Some(v.script.to_string()).filter(|s| !s.is_empty()),
                form: v.form,
                source: v.source.to_string(),
                location: at.clone(),
            })
            .collect();
        let mut out = Entity::empty(entity.id.to_string(), entity.kind, at);
        out.category = entity.category()?.map(str::to_string);
        out.prior = entity.prior;
        out.wikidata = entity.wikidata()?.map(str::to_string);
        out.geonames = entity.geonames();
        out.countries = entity
            .countries()?
            .into_iter()
            .map(str::to_string)
            .collect();
        out.labels = labels;
        out.labels.sort_by(|a, b| a.lang.cmp(&b.lang));
        out.names = names;
        entities.push(out);
    }
    if entities.windows(2).any(|pair| pair[0].id >= pair[1].id) {
        return Err(Error::new(ErrorKind::Corrupt(
            "entity IDs are not unique and sorted".into(),
        ))
        .at_path(path));
    }
    Ok(Lexicon::from_trusted(entities))
}
