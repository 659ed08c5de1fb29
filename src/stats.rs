//! What an index holds: entities by kind, names by language, script and form, keys per layer,
//! and the keys several entities share.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::index::Index;
use crate::normalize::Layer;

/// Counts over an index.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct Stats {
    /// How many entities.
    pub entities: usize,
    /// How many names (variants).
    pub names: usize,
    /// Entities by kind.
    pub entities_by_kind: BTreeMap<String, usize>,
    /// Entities with a Wikidata QID, and with a GeoNames ID.
    pub external_ids: ExternalIds,
    /// Names by language tag.
    pub names_by_lang: BTreeMap<String, usize>,
    /// Names by script (`Latn` for those with none declared).
    pub names_by_script: BTreeMap<String, usize>,
    /// Names by form.
    pub names_by_form: BTreeMap<String, usize>,
    /// Names by language tag, then by script (`Latn` for those with none declared).
    pub names_by_lang_script: BTreeMap<String, BTreeMap<String, usize>>,
    /// For each of [`COVERED_LANGUAGES`], in that order: how many entities have a label and
    /// a name in it (any tag of that language: `zh-Hans` counts for `zh`).
    pub languages: Vec<LanguageCoverage>,
    /// Distinct keys per layer.
    pub keys: BTreeMap<String, usize>,
    /// Keys that name more than one entity, per layer.
    pub collisions: BTreeMap<String, usize>,
}

/// The languages whose coverage [`Stats::languages`] reports: those of the news the lexicon
/// is read with.
pub const COVERED_LANGUAGES: [&str; 16] = [
    "en", "fr", "ar", "ru", "es", "pt", "de", "it", "tr", "pl", "fa", "ha", "zh", "ja", "ko", "hi",
];

/// How many entities have a label, and a name, in one language.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct LanguageCoverage {
    /// The language (primary subtag).
    pub lang: String,
    /// Entities with a preferred label in it.
    pub entities_with_label: usize,
    /// Entities with any name in it.
    pub entities_with_name: usize,
    /// `entities_with_label` over all entities, with four decimals.
    pub label_share: f64,
    /// `entities_with_name` over all entities, with four decimals.
    pub name_share: f64,
}

/// How many entities carry an ID of another database.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ExternalIds {
    /// Entities with a Wikidata QID.
    pub wikidata: usize,
    /// `wikidata` over all entities, with four decimals.
    pub wikidata_share: f64,
    /// Entities with a GeoNames ID.
    pub geonames: usize,
    /// `geonames` over all entities, with four decimals.
    pub geonames_share: f64,
}

/// A key that names several entities.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Collision {
    /// The layer of the key.
    pub layer: Layer,
    /// The key.
    pub key: String,
    /// The entities it names, by ID, sorted.
    pub ids: Vec<String>,
}

impl Stats {
    /// Counts what `index` holds.
    ///
    /// ```
    /// let stats = canonym::stats::Stats::of(canonym::default_index()?)?;
    /// assert!(stats.entities >= 150);
    /// assert_eq!(stats.names, stats.names_by_form.values().sum::<usize>());
    /// let english = &stats.languages[0];
    /// assert_eq!(english.lang, "en");
    /// assert!(english.entities_with_name >= english.entities_with_label);
    /// let share = english.entities_with_name as f64 / stats.entities as f64;
    /// assert!((english.name_share - share).abs() < 1e-4 && share > 0.0);
    /// # Ok::<(), canonym::Error>(())
    /// ```
    pub fn of<D: AsRef<[u8]>>(index: &Index<D>) -> Result<Stats> {
        let mut stats = Stats {
            entities: index.entity_count(),
            names: index.variant_count(),
            ..Stats::default()
        };
        for number in 0..index.entity_count() as u32 {
            let entity = index.entity_at(number)?;
            *stats
                .entities_by_kind
                .entry(entity.kind.to_string())
                .or_default() += 1;
            stats.external_ids.wikidata += usize::from(entity.wikidata()?.is_some());
            stats.external_ids.geonames += usize::from(entity.geonames().is_some());
        }
        // Per covered language, which entities have a label and which a name in it.
        let entities = index.entity_count();
        let mut labelled = vec![vec![false; entities]; COVERED_LANGUAGES.len()];
        let mut named = labelled.clone();
        for number in 0..index.variant_count() as u32 {
            let variant = index.variant(number)?;
            *stats
                .names_by_lang
                .entry(variant.lang.to_string())
                .or_default() += 1;
            let script = if variant.script.is_empty() {
                "Latn"
            } else {
                variant.script
            };
            *stats.names_by_script.entry(script.to_string()).or_default() += 1;
            *stats
                .names_by_lang_script
                .entry(variant.lang.to_string())
                .or_default()
                .entry(script.to_string())
                .or_default() += 1;
            let primary = variant.lang.split('-').next().unwrap_or_default();
            if let Some(at) = COVERED_LANGUAGES.iter().position(|l| *l == primary) {
                let entity = variant.entity as usize;
                if let Some(seen) = named[at].get_mut(entity) {
                    *seen = true;
                }
                if variant.is_label {
                    if let Some(seen) = labelled[at].get_mut(entity) {
                        *seen = true;
                    }
                }
            }
            *stats
                .names_by_form
                .entry(variant.form.to_string())
                .or_default() += 1;
        }
        let share = |n: usize| {
            if entities == 0 {
                0.0
            } else {
                (n as f64 / entities as f64 * 1e4).round() / 1e4
            }
        };
        stats.external_ids.wikidata_share = share(stats.external_ids.wikidata);
        stats.external_ids.geonames_share = share(stats.external_ids.geonames);
        let count = |seen: &[bool]| seen.iter().filter(|s| **s).count();
        for (at, lang) in COVERED_LANGUAGES.iter().enumerate() {
            let (with_label, with_name) = (count(&labelled[at]), count(&named[at]));
            stats.languages.push(LanguageCoverage {
                lang: lang.to_string(),
                entities_with_label: with_label,
                entities_with_name: with_name,
                label_share: share(with_label),
                name_share: share(with_name),
            });
        }
        stats
            .keys
            .insert(Layer::Exact.to_string(), exact_keys(index)?.len());
        for layer in index.stored_layers() {
            stats
                .keys
                .insert(layer.to_string(), index.key_count(layer)?);
        }
        for layer in Layer::KEYED {
            stats.collisions.insert(layer.to_string(), 0);
        }
        for collision in collisions(index)? {
            *stats
                .collisions
                .entry(collision.layer.to_string())
                .or_default() += 1;
        }
        Ok(stats)
    }
}

/// The exact keys and their variants, in key order. The index stores no exact keys (see
/// [`Index::stored_layers`]): they are the variants' texts in NFC.
fn exact_keys<D: AsRef<[u8]>>(index: &Index<D>) -> Result<BTreeMap<String, Vec<u32>>> {
    let mut keys: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for number in 0..index.variant_count() as u32 {
        let text = index.variant(number)?.text;
        keys.entry(crate::normalize::exact(text))
            .or_default()
            .push(number);
    }
    Ok(keys)
}

/// Every key, on every keyed layer, that names more than one entity.
pub fn collisions<D: AsRef<[u8]>>(index: &Index<D>) -> Result<Vec<Collision>> {
    let mut found = Vec::new();
    for layer in Layer::KEYED {
        let keys = match layer {
            Layer::Exact => exact_keys(index)?.into_iter().collect(),
            _ => index.keys(layer)?,
        };
        for (key, variants) in keys {
            let mut ids = Vec::new();
            for variant in variants {
                let entity = index.entity_at(index.variant(variant)?.entity)?;
                ids.push(entity.id.to_string());
            }
            ids.sort();
            ids.dedup();
            if ids.len() > 1 {
                found.push(Collision { layer, key, ids });
            }
        }
    }
    Ok(found)
}
