//! What an index holds: entities by kind, names by language, script and form, keys per layer,
//! and the keys several entities share.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::Result;
use crate::index::Index;
use crate::normalize::Layer;

/// Counts over an index.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Stats {
    /// How many entities.
    pub entities: usize,
    /// How many names (variants).
    pub names: usize,
    /// Entities by kind.
    pub entities_by_kind: BTreeMap<String, usize>,
    /// Names by language tag.
    pub names_by_lang: BTreeMap<String, usize>,
    /// Names by script (`Latn` for those with none declared).
    pub names_by_script: BTreeMap<String, usize>,
    /// Names by form.
    pub names_by_form: BTreeMap<String, usize>,
    /// Distinct keys per layer.
    pub keys: BTreeMap<String, usize>,
    /// Keys that name more than one entity, per layer.
    pub collisions: BTreeMap<String, usize>,
}

/// A key that names several entities.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Collision {
    /// The layer of the key.
    pub layer: Layer,
    /// The key.
    pub key: String,
    /// The entities it names, by ID, sorted.
    pub ids: Vec<String>,
}

impl<D: AsRef<[u8]>> Index<D> {
    /// Counts what the index holds.
    ///
    /// ```
    /// let stats = canonym::default_index()?.stats()?;
    /// assert!(stats.entities >= 150);
    /// assert_eq!(stats.names, stats.names_by_form.values().sum::<usize>());
    /// # Ok::<(), canonym::Error>(())
    /// ```
    pub fn stats(&self) -> Result<Stats> {
        let mut stats = Stats {
            entities: self.entity_count(),
            names: self.variant_count(),
            ..Stats::default()
        };
        for number in 0..self.entity_count() as u32 {
            *stats
                .entities_by_kind
                .entry(self.entity(number)?.kind.to_string())
                .or_default() += 1;
        }
        for number in 0..self.variant_count() as u32 {
            let variant = self.variant(number)?;
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
                .names_by_form
                .entry(variant.form.to_string())
                .or_default() += 1;
        }
        stats
            .keys
            .insert(Layer::Exact.to_string(), self.exact_keys()?.len());
        for layer in self.stored_layers() {
            stats.keys.insert(layer.to_string(), self.key_count(layer)?);
        }
        for layer in Layer::KEYED {
            stats.collisions.insert(layer.to_string(), 0);
        }
        for collision in self.collisions()? {
            *stats
                .collisions
                .entry(collision.layer.to_string())
                .or_default() += 1;
        }
        Ok(stats)
    }

    /// The exact keys and their variants, in key order. The index stores no exact keys (see
    /// [`Index::stored_layers`]): they are the variants' texts in NFC.
    fn exact_keys(&self) -> Result<BTreeMap<String, Vec<u32>>> {
        let mut keys: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for number in 0..self.variant_count() as u32 {
            let text = self.variant(number)?.text;
            keys.entry(crate::normalize::exact(text))
                .or_default()
                .push(number);
        }
        Ok(keys)
    }

    /// Every key, on every keyed layer, that names more than one entity.
    pub fn collisions(&self) -> Result<Vec<Collision>> {
        let mut found = Vec::new();
        for layer in Layer::KEYED {
            let keys = match layer {
                Layer::Exact => self.exact_keys()?.into_iter().collect(),
                _ => self.search(layer, fst::automaton::AlwaysMatch)?,
            };
            for (key, variants) in keys {
                let mut ids = Vec::new();
                for variant in variants {
                    let entity = self.entity(self.variant(variant)?.entity)?;
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
}
