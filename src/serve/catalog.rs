//! What the service answers from: an index, and what the index does not store (the links
//! between entities), swapped whole on reload.

use std::collections::HashMap;

use crate::index::{EntityRef, Index};
use crate::lexicon::{Kind, Lexicon, RelationKind};

/// Loads a fresh catalog, for a reload; the error says why it could not.
pub type Loader<D> = Box<dyn Fn() -> Result<Catalog<D>, String> + Send + Sync>;

/// An index with the relations of its entities and a name to show clients.
pub struct Catalog<D> {
    pub(super) index: Index<D>,
    /// Each entity's links to others, by entity ID. The index file format does not store
    /// relations, so they are known only when the catalog is made from a lexicon.
    relations: HashMap<String, Vec<(RelationKind, String)>>,
    /// What is served, for the service manifest and `/healthz` (`canonym: the Sahel lexicon`).
    pub(super) name: String,
    /// The kinds of entity the index holds, in [`Kind::ALL`] order.
    pub(super) kinds: Vec<Kind>,
}

impl<D: AsRef<[u8]>> Catalog<D> {
    /// A catalog of `index`, with the relations of `lexicon` (the lexicon the index was built
    /// from, if at hand).
    pub fn new(
        index: Index<D>,
        lexicon: Option<&Lexicon>,
        name: impl Into<String>,
    ) -> crate::Result<Catalog<D>> {
        let relations = lexicon.map_or_else(HashMap::new, |lexicon| {
            lexicon
                .entities()
                .iter()
                .filter(|e| !e.relations.is_empty())
                .map(|e| {
                    let links = e.relations.iter().map(|r| (r.kind, r.target.clone()));
                    (e.id.clone(), links.collect())
                })
                .collect()
        });
        let mut kinds = Vec::new();
        for entity in index.entities() {
            let kind = entity?.kind;
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        kinds.sort_by_key(|k| Kind::ALL.iter().position(|all| all == k));
        Ok(Catalog {
            index,
            relations,
            name: name.into(),
            kinds,
        })
    }

    /// The index served.
    pub fn index(&self) -> &Index<D> {
        &self.index
    }

    /// The links of `entity` to other entities, in lexicon order (none when unknown).
    pub(super) fn relations(&self, entity: &EntityRef<'_>) -> &[(RelationKind, String)] {
        self.relations.get(entity.id).map_or(&[], Vec::as_slice)
    }

    /// Whether relations are known at all (a catalog made from an index file has none).
    pub(super) fn has_relations(&self) -> bool {
        !self.relations.is_empty()
    }
}
