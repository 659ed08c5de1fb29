//! One name to ranked candidate entities.

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::{Serialize, Serializer};

use crate::error::Result;
use crate::index::Index;
use crate::lexicon::{Form, Kind};
use crate::normalize::Layer;

/// One entity a name may refer to, and how the name reached it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate<'i> {
    /// The entity's canonical ID.
    pub id: &'i str,
    /// Its kind.
    pub kind: Kind,
    /// Its preferred label, in the requested language where it has one.
    pub label: &'i str,
    /// How well the query matches, in [0, 1]: 1 for an exact match of a name.
    pub score: f64,
    /// The normalization layer on which the query met the variant.
    #[serde(rename = "match")]
    pub layer: Layer,
    /// The variant (lexicon name) that matched.
    pub variant: &'i str,
    /// The variant's language.
    pub lang: &'i str,
    /// The variant's form.
    #[serde(skip)]
    pub form: Form,
    /// Whether the variant is one of the entity's preferred labels.
    #[serde(skip)]
    pub is_label: bool,
}

impl Serialize for Layer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Options for [`Index::resolve_with`].
///
/// ```
/// use canonym::ResolveOptions;
///
/// let mut options = ResolveOptions::new();
/// options.lang("fr").limit(3);
/// ```
#[derive(Clone, Debug, Default)]
pub struct ResolveOptions {
    lang: Option<String>,
    limit: Option<usize>,
}

impl ResolveOptions {
    /// Default options: labels in English where there is one, every candidate.
    pub fn new() -> ResolveOptions {
        ResolveOptions::default()
    }

    /// Prefer labels in this language (BCP 47 tag).
    pub fn lang(&mut self, lang: impl Into<String>) -> &mut ResolveOptions {
        self.lang = Some(lang.into());
        self
    }

    /// Return at most this many candidates (ties at the cut are kept).
    pub fn limit(&mut self, limit: usize) -> &mut ResolveOptions {
        self.limit = Some(limit);
        self
    }
}

/// How much a match through a variant of this form is worth: an attested misspelling or a
/// former name is weaker evidence than a current name.
fn form_weight(form: Form) -> f64 {
    match form {
        Form::Former => 0.95,
        Form::Misspelling => 0.9,
        _ => 1.0,
    }
}

/// The order of candidates: score, then stricter layer, then preferred labels, then ID, so the
/// order is total and stable.
fn rank(a: &Candidate<'_>, b: &Candidate<'_>) -> Ordering {
    b.score
        .total_cmp(&a.score)
        .then(a.layer.cmp(&b.layer))
        .then(b.is_label.cmp(&a.is_label))
        .then(a.form.cmp(&b.form))
        .then(a.id.cmp(b.id))
}

impl<D: AsRef<[u8]>> Index<D> {
    /// The entities `name` may refer to, best first, with default options.
    ///
    /// ```
    /// let index = canonym::default_index()?;
    /// let best = &index.resolve("Tin Zaouatine")?[0];
    /// assert_eq!(best.id, "place/tinzaouatene");
    /// assert_eq!(best.score, 1.0);
    /// # Ok::<(), canonym::Error>(())
    /// ```
    pub fn resolve(&self, name: &str) -> Result<Vec<Candidate<'_>>> {
        self.resolve_with(name, &ResolveOptions::default())
    }

    /// The entities `name` may refer to, best first. Each entity appears once, through its
    /// best-matching variant; candidates with equal scores are all kept.
    pub fn resolve_with(&self, name: &str, options: &ResolveOptions) -> Result<Vec<Candidate<'_>>> {
        let mut best: HashMap<u32, Candidate<'_>> = HashMap::new();
        for layer in Layer::ALL {
            let key = layer.key(name);
            if key.is_empty() {
                continue;
            }
            for number in self.lookup(layer, &key)? {
                let variant = self.variant(number)?;
                let entity = self.entity(variant.entity)?;
                let candidate = Candidate {
                    id: entity.id,
                    kind: entity.kind,
                    label: "",
                    score: layer.weight() * form_weight(variant.form),
                    layer,
                    variant: variant.text,
                    lang: variant.lang,
                    form: variant.form,
                    is_label: variant.is_label,
                };
                match best.get_mut(&variant.entity) {
                    Some(known) if rank(&candidate, known) != Ordering::Less => {}
                    Some(known) => *known = candidate,
                    None => {
                        best.insert(variant.entity, candidate);
                    }
                }
            }
        }
        let mut candidates = Vec::with_capacity(best.len());
        for (number, mut candidate) in best {
            let entity = self.entity(number)?;
            candidate.label = pick_label(&self.labels(&entity)?, options.lang.as_deref());
            candidates.push(candidate);
        }
        candidates.sort_by(rank);
        if let Some(limit) = options.limit {
            if let Some(cut) = candidates.get(limit.saturating_sub(1)).map(|c| c.score) {
                let keep = candidates
                    .iter()
                    .position(|c| c.score < cut)
                    .unwrap_or(candidates.len())
                    .max(limit);
                candidates.truncate(keep);
            }
        }
        Ok(candidates)
    }
}

/// The label to show: in the requested language, else English, else French, else the first.
fn pick_label<'i>(labels: &[(&'i str, &'i str)], lang: Option<&str>) -> &'i str {
    lang.into_iter()
        .chain(["en", "fr"])
        .find_map(|want| labels.iter().find(|(l, _)| *l == want))
        .or(labels.first())
        .map_or("", |(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_preference() {
        let labels = [
            ("ar", "تين زواتين"),
            ("en", "Tinzaouaten"),
            ("fr", "Tinzaouatène"),
        ];
        assert_eq!(pick_label(&labels, Some("fr")), "Tinzaouatène");
        assert_eq!(pick_label(&labels, Some("ru")), "Tinzaouaten");
        assert_eq!(pick_label(&labels, None), "Tinzaouaten");
        assert_eq!(pick_label(&labels[..1], None), "تين زواتين");
        assert_eq!(pick_label(&[], None), "");
    }
}
