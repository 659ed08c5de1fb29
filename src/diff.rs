//! What an edit of the lexicon changed: entities and names added, removed and changed (every
//! field the index holds: kind, category, prior, QIDs, countries, cues, labels, names with
//! their scripts and sources; and from lexicon folders, relations, dates and notes too), keys
//! several entities came to share or stopped sharing, and the gold mentions and names whose
//! resolution changed.
//!
//! ```
//! use canonym::diff::{diff, Snapshot};
//!
//! let index = canonym::default_index()?;
//! let same = diff(&Snapshot::of(index)?, &Snapshot::of(index)?);
//! assert!(same.is_empty());
//! # Ok::<(), canonym::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::error::Result;
use crate::index::Index;
use crate::stats::Collision;

/// A name as the diff sees it: text, language, form.
pub type NameKey = (String, String, String);

/// What an index holds, in a form two indexes can be compared in.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct Snapshot {
    /// By entity ID: kind, labels as `lang: text`, names.
    pub entities: BTreeMap<String, EntitySnapshot>,
    /// Keys several entities share.
    pub collisions: BTreeSet<(String, String, Vec<String>)>,
}

/// One entity of a [`Snapshot`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EntitySnapshot {
    /// Its kind.
    pub kind: String,
    /// Its labels, `lang: text`.
    pub labels: BTreeSet<String>,
    /// Its names.
    pub names: BTreeSet<NameKey>,
    /// Every other field, by name (`prior`, `wikidata`, `cues.favour`...), as text; a field
    /// the entity does not have is absent.
    pub fields: BTreeMap<String, String>,
    /// The script and source of each name, by (text, lang): `script Arab, source ...`.
    pub name_details: BTreeMap<(String, String), String>,
}

impl Snapshot {
    /// Reads everything a diff compares from an index.
    pub fn of<D: AsRef<[u8]>>(index: &Index<D>) -> Result<Snapshot> {
        let mut snapshot = Snapshot::default();
        for number in 0..index.entity_count() as u32 {
            let entity = index.entity_at(number)?;
            let labels = index
                .labels(&entity)?
                .into_iter()
                .map(|(lang, text)| format!("{lang}: {text}"))
                .collect();
            let mut names = BTreeSet::new();
            let mut fields = BTreeMap::new();
            let mut name_details = BTreeMap::new();
            for variant in index.variants_of(number)? {
                names.insert((
                    variant.text.to_string(),
                    variant.lang.to_string(),
                    variant.form.to_string(),
                ));
                let details = match variant.script {
                    "" => format!("source {}", variant.source),
                    script => format!("script {script}, source {}", variant.source),
                };
                let name = (variant.text.to_string(), variant.lang.to_string());
                name_details.insert(name, details);
            }
            let mut set = |field: &str, value: Option<String>| {
                if let Some(value) = value.filter(|v| !v.is_empty()) {
                    fields.insert(field.to_string(), value);
                }
            };
            set("category", entity.category()?.map(str::to_string));
            set("prior", Some(entity.prior.to_string()));
            set("wikidata", entity.wikidata()?.map(str::to_string));
            set("geonames", entity.geonames().map(|g| g.to_string()));
            set("countries", Some(entity.countries()?.join(", ")));
            let (favour, exclude) = index.cues(number)?;
            set("cues.favour", Some(favour.join(", ")));
            set("cues.exclude", Some(exclude.join(", ")));
            snapshot.entities.insert(
                entity.id.to_string(),
                EntitySnapshot {
                    kind: entity.kind.to_string(),
                    labels,
                    names,
                    fields,
                    name_details,
                },
            );
        }
        for Collision { layer, key, ids } in crate::stats::collisions(index)? {
            snapshot.collisions.insert((layer.to_string(), key, ids));
        }
        Ok(snapshot)
    }

    /// Adds the fields an index does not hold (relations, dates, notes) from the lexicon the
    /// snapshot was built from. Only a diff of two lexicon folders can compare them: give both
    /// snapshots their lexicon, or neither.
    pub fn with_lexicon(mut self, lexicon: &crate::Lexicon) -> Snapshot {
        for e in lexicon.entities() {
            let Some(snapshot) = self.entities.get_mut(&e.id) else {
                continue;
            };
            let relations: Vec<String> = e
                .relations
                .iter()
                .map(|r| format!("{} {}", r.kind.name(), r.target))
                .collect();
            for (field, value) in [
                (
                    "relations",
                    Some(relations.join(", ")).filter(|r| !r.is_empty()),
                ),
                ("valid_from", e.valid_from.clone()),
                ("valid_until", e.valid_until.clone()),
                ("note", e.note.clone()),
            ] {
                if let Some(value) = value {
                    snapshot.fields.insert(field.to_string(), value);
                }
            }
        }
        self
    }
}

/// The differences between two snapshots.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct Diff {
    /// Entities only in the new one.
    pub added: Vec<String>,
    /// Entities only in the old one.
    pub removed: Vec<String>,
    /// Entities in both whose kind, labels or names differ.
    pub changed: Vec<EntityChange>,
    /// Keys that several entities share in the new one only: (layer, key, IDs).
    pub collisions_gained: Vec<(String, String, Vec<String>)>,
    /// Keys that several entities shared in the old one only.
    pub collisions_lost: Vec<(String, String, Vec<String>)>,
}

/// How one entity changed.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct EntityChange {
    /// Its ID.
    pub id: String,
    /// The kind, when it changed: (old, new).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<(String, String)>,
    /// Labels added.
    pub labels_added: Vec<String>,
    /// Labels removed.
    pub labels_removed: Vec<String>,
    /// Names added: (text, lang, form).
    pub names_added: Vec<NameKey>,
    /// Names removed.
    pub names_removed: Vec<NameKey>,
    /// The other fields that changed.
    pub fields: Vec<FieldChange>,
}

/// A field of an entity that changed.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct FieldChange {
    /// Which field: `prior`, `cues.favour`, or for a name's script and source, `name "Gao"
    /// (fr)`.
    pub field: String,
    /// Its old value, absent when it had none.
    pub old: Option<String>,
    /// Its new value, absent when it has none.
    pub new: Option<String>,
}

impl Diff {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.collisions_gained.is_empty()
            && self.collisions_lost.is_empty()
    }
}

/// Compares an old snapshot with a new one.
pub fn diff(old: &Snapshot, new: &Snapshot) -> Diff {
    let mut out = Diff::default();
    for (id, entity) in &new.entities {
        match old.entities.get(id) {
            None => out.added.push(id.clone()),
            Some(before) if before != entity => out.changed.push(EntityChange {
                id: id.clone(),
                kind: (before.kind != entity.kind)
                    .then(|| (before.kind.clone(), entity.kind.clone())),
                labels_added: entity.labels.difference(&before.labels).cloned().collect(),
                labels_removed: before.labels.difference(&entity.labels).cloned().collect(),
                names_added: entity.names.difference(&before.names).cloned().collect(),
                names_removed: before.names.difference(&entity.names).cloned().collect(),
                fields: field_changes(before, entity),
            }),
            Some(_) => {}
        }
    }
    out.removed = old
        .entities
        .keys()
        .filter(|id| !new.entities.contains_key(*id))
        .cloned()
        .collect();
    out.collisions_gained = new
        .collisions
        .difference(&old.collisions)
        .cloned()
        .collect();
    out.collisions_lost = old
        .collisions
        .difference(&new.collisions)
        .cloned()
        .collect();
    out
}

/// The fields whose values differ between `old` and `new`, in field order, then the names
/// both have whose script or source differs (a name added or removed is listed as such).
fn field_changes(old: &EntitySnapshot, new: &EntitySnapshot) -> Vec<FieldChange> {
    let fields: BTreeSet<&String> = old.fields.keys().chain(new.fields.keys()).collect();
    let mut changes: Vec<FieldChange> = fields
        .into_iter()
        .filter(|field| old.fields.get(*field) != new.fields.get(*field))
        .map(|field| FieldChange {
            field: field.clone(),
            old: old.fields.get(field).cloned(),
            new: new.fields.get(field).cloned(),
        })
        .collect();
    for (name, before) in &old.name_details {
        match new.name_details.get(name) {
            Some(after) if after != before => changes.push(FieldChange {
                field: format!("name {:?} ({})", name.0, name.1),
                old: Some(before.clone()),
                new: Some(after.clone()),
            }),
            _ => {}
        }
    }
    changes
}
