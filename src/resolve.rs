//! One name to ranked candidate entities, and the explanation of how they ranked.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;

use serde::{Serialize, Serializer};
use unicode_normalization::char::is_combining_mark;

use crate::error::Result;
use crate::index::{Index, VariantRecord, WordStems};
use crate::lexicon::validate::detect_script;
use crate::lexicon::{Form, Kind};
use crate::normalize::concepts::{concept_of, Concept};
use crate::normalize::{self, lang, Layer, Step, MIN_SKELETON_LEN};
use crate::tag::Tagger;

/// Candidates scoring below this are not returned: a name that is not in the lexicon should
/// find nothing rather than the nearest entity. Chosen on tests/resolve_table.tsv and
/// tests/unresolvable.tsv (see the test `threshold_separates_the_tables`).
pub const MIN_SCORE: f64 = 0.5;

/// One entity a name may refer to, and how the name reached it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Candidate<'i> {
    /// The entity's canonical ID.
    pub id: &'i str,
    /// Its kind.
    pub kind: Kind,
    /// Its preferred label, in the requested language where it has one.
    pub label: &'i str,
    /// How well the query matches, in [0, 1]: 1 for an exact match of a name. Written with four
    /// decimals in JSON, so that outputs compare without float noise.
    #[serde(serialize_with = "rounded")]
    pub score: f64,
    /// The normalization layer on which the query met the variant.
    #[serde(rename = "match")]
    pub layer: Layer,
    /// The variant (lexicon name) that matched.
    pub variant: &'i str,
    /// The variant's language.
    pub lang: &'i str,
    /// The entity's Wikidata QID, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wikidata: Option<&'i str>,
    /// The edit distance between the query's and the variant's latin keys, on the fuzzy
    /// layer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance: Option<u32>,
    /// On the token layer: the words the query and the variant share, and their weights.
    #[serde(skip)]
    pub words: Option<WordMatch>,
    /// How the query was read, when not as written (a title removed...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<Reading>,
    /// The variant's form.
    #[serde(skip)]
    pub form: Form,
    /// Where the variant was attested.
    #[serde(skip)]
    pub source: &'i str,
    /// Whether the variant is one of the entity's preferred labels.
    #[serde(skip)]
    pub is_label: bool,
    /// The entity's prior (see [`Entity::prior`](crate::lexicon::Entity::prior)).
    #[serde(skip)]
    pub prior: f64,
    /// The entity's number in the index.
    #[serde(skip)]
    pub(crate) entity: u32,
    /// The variant's number in the index.
    #[serde(skip)]
    pub(crate) variant_number: u32,
}

/// A score as written in JSON: four decimals (`0.56`, not `0.5599999999999999`).
pub(crate) fn round_score(score: f64) -> f64 {
    (score * 1e4).round() / 1e4
}

fn rounded<S: Serializer>(score: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round_score(*score))
}

impl Serialize for Layer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Resolves names with an index: the options of a look-up and the look-up itself.
///
/// ```
/// use canonym::{normalize::Layer, Resolver};
///
/// let index = canonym::default_index()?;
/// let mut resolver = Resolver::new(index);
/// resolver.lang("fr").limit(3).min_score(0.7).deepest(Layer::Skeleton);
/// let best = &resolver.resolve("Tinzawaten")?[0];
/// assert_eq!(best.id, "place/tinzaouatene");
/// # Ok::<(), canonym::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Resolver<'i, D> {
    index: &'i Index<D>,
    lang: Option<String>,
    limit: Option<usize>,
    min_score: f64,
    deepest: Layer,
    /// Whether other readings of a query are tried (a title removed...): yes for a name
    /// given alone, no for a span of running text, whose words around it the tagger sees.
    readings: bool,
}

impl<'i, D: AsRef<[u8]>> Resolver<'i, D> {
    /// A resolver with the default options: labels in English where there is one, every
    /// layer, every candidate scoring at least [`MIN_SCORE`].
    pub fn new(index: &'i Index<D>) -> Resolver<'i, D> {
        Resolver {
            index,
            lang: None,
            limit: None,
            min_score: MIN_SCORE,
            deepest: Layer::Fuzzy,
            readings: true,
        }
    }

    /// Whether to try the other readings of a query when it finds nothing as written.
    pub(crate) fn readings(&mut self, readings: bool) -> &mut Resolver<'i, D> {
        self.readings = readings;
        self
    }

    /// Prefer labels in this language (BCP 47 tag).
    pub fn lang(&mut self, lang: impl Into<String>) -> &mut Resolver<'i, D> {
        self.lang = Some(lang.into());
        self
    }

    /// Return at most this many candidates, the best by the total ranking order (score, then
    /// prior, layer, label, form, ID), so that the cut is the same every time.
    pub fn limit(&mut self, limit: usize) -> &mut Resolver<'i, D> {
        self.limit = Some(limit);
        self
    }

    /// Drop candidates scoring below `score` (default [`MIN_SCORE`]).
    pub fn min_score(&mut self, score: f64) -> &mut Resolver<'i, D> {
        self.min_score = score;
        self
    }

    /// Search the layers down to `layer` only (default: all, down to [`Layer::Fuzzy`]).
    pub fn deepest(&mut self, layer: Layer) -> &mut Resolver<'i, D> {
        self.deepest = layer;
        self
    }

    /// The entities `name` may refer to, best first. Each entity appears once, through its
    /// best-matching variant; candidates with equal scores are all kept, unless a
    /// [`limit`](Resolver::limit) cuts them.
    pub fn resolve(&self, name: &str) -> Result<Vec<Candidate<'i>>> {
        let mut candidates = self.candidates(name, self.deepest)?;
        candidates.retain(|c| c.score >= self.min_score);
        if let Some(limit) = self.limit {
            candidates.truncate(limit);
        }
        Ok(candidates)
    }

    /// How `name` reaches its candidates: the trace behind [`Resolver::resolve`].
    ///
    /// ```
    /// let index = canonym::default_index()?;
    /// let explanation = canonym::Resolver::new(index).explain("Tinzawaten")?;
    /// let best = &explanation.candidates[0];
    /// assert_eq!(best.candidate.id, "place/tinzaouatene");
    /// assert!(!best.candidate.source.is_empty());
    /// # Ok::<(), canonym::Error>(())
    /// ```
    pub fn explain(&self, name: &str) -> Result<Explanation<'i>> {
        let candidates = self.candidates(name, self.deepest)?;
        let mut explained: Vec<Explained<'i>> = Vec::with_capacity(candidates.len());
        for (i, candidate) in candidates.iter().enumerate() {
            let returned = candidate.score >= self.min_score;
            let mut why = match i.checked_sub(1).map(|j| &candidates[j]) {
                None => "best match".to_string(),
                Some(above) => why_lower(candidate, above),
            };
            if !returned {
                why.push_str(&format!(
                    "; scores under the threshold {:.2}, so it is not returned",
                    self.min_score
                ));
            }
            explained.push(Explained {
                candidate: candidate.clone(),
                returned,
                why,
            });
        }
        let fuzzy_distance = allowed_distance(&Layer::Latin.key(name));
        Ok(Explanation {
            query: name.to_string(),
            steps: normalize::trace(name),
            keys: Layer::KEYED.iter().map(|&l| (l, l.key(name))).collect(),
            fuzzy_distance,
            fuzzy_searched: self.deepest >= Layer::Fuzzy
                && fuzzy_distance > 0
                && fuzzy_allowed(name)
                && !candidates.iter().any(|c| c.layer < Layer::Skeleton),
            candidates: explained,
        })
    }
}

/// How a query reached its candidates: every normalization step, every key, and for each
/// candidate, the variant that fired and why it ranked where it did.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Explanation<'i> {
    /// The query as given.
    pub query: String,
    /// Each normalization step and its output.
    pub steps: Vec<Step>,
    /// The query's key on each keyed layer.
    pub keys: Vec<(Layer, String)>,
    /// The largest edit distance the fuzzy layer allows for this query (0 for short names).
    pub fuzzy_distance: u32,
    /// Whether the fuzzy layer was searched: only when it allows edits, the query may match
    /// fuzzily (no digits, no leading article, not a short acronym) and no layer stricter
    /// than the skeleton matched.
    pub fuzzy_searched: bool,
    /// Every candidate found, best first, including those under the threshold.
    pub candidates: Vec<Explained<'i>>,
}

/// One candidate of an [`Explanation`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Explained<'i> {
    /// The candidate.
    pub candidate: Candidate<'i>,
    /// Whether it is returned (it scores at least the threshold).
    pub returned: bool,
    /// Why it ranks where it does, compared with the candidate above it.
    pub why: String,
}

/// How much a match through a variant of this form is worth: an attested misspelling or a
/// former name is weaker evidence than a current name.
fn form_weight(form: Form) -> f64 {
    match form {
        Form::Former => 0.95,
        Form::Misspelling | Form::Description => 0.9,
        _ => 1.0,
    }
}

/// Among matches that are otherwise equal, which form of a name is preferred: the full name,
/// then the acronym, the short form, a transliteration, a former name, a misspelling, a
/// description.
fn form_preference(form: Form) -> u8 {
    match form {
        Form::Full => 0,
        Form::Acronym => 1,
        Form::Short => 2,
        Form::Transliteration => 3,
        Form::Former => 4,
        Form::Misspelling => 5,
        Form::Description => 6,
    }
}

/// The edit distance the fuzzy layer allows for a latin key: none for short names and
/// acronyms, where one edit makes another name, then more as names grow.
fn allowed_distance(latin_key: &str) -> u32 {
    match latin_key.chars().filter(|c| *c != ' ').count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// Whether a query may match fuzzily. Not one with digits (France 2 is not France 24), not
/// one that starts with an article, nor a short one in capitals: an acronym one letter off is another acronym (MINUSCA, MINUSMA). A
/// script without case (Arabic, Chinese) has no capitals, so no acronyms of this kind.
fn fuzzy_allowed(query: &str) -> bool {
    let short_capitals = in_short_capitals(query);
    let digits = query.chars().any(|c| c.is_ascii_digit());
    // Folding drops a leading article (`la France` is `France`), but a name written with its
    // article that is not a name of the lexicon is another name (`Les Cayes` is not Kayes).
    let article = query
        .split_whitespace()
        .next()
        .is_some_and(lang::is_leading_article);
    !digits && !short_capitals && !article
}

/// Whether a query is written in capitals and short, as acronyms are (`MINUSCA`).
fn in_short_capitals(query: &str) -> bool {
    let letters = query.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 8
        && query.chars().any(char::is_uppercase)
        && query.chars().all(|c| !c.is_lowercase())
}

/// What ranks one match above another: a higher score, then a likelier entity, then a
/// stricter layer, then a preferred label, then the preferred form.
struct Merit {
    score: f64,
    prior: f64,
    layer: Layer,
    is_label: bool,
    form: Form,
}

impl Merit {
    /// The better first.
    fn order(&self, other: &Merit) -> Ordering {
        other
            .score
            .total_cmp(&self.score)
            .then(other.prior.total_cmp(&self.prior))
            .then(self.layer.cmp(&other.layer))
            .then(other.is_label.cmp(&self.is_label))
            .then(form_preference(self.form).cmp(&form_preference(other.form)))
    }
}

/// The order of candidates: by [`Merit`], then by ID, so the order is total and stable.
pub(crate) fn rank(a: &Candidate<'_>, b: &Candidate<'_>) -> Ordering {
    let merit = |c: &Candidate<'_>| Merit {
        score: c.score,
        prior: c.prior,
        layer: c.layer,
        is_label: c.is_label,
        form: c.form,
    };
    merit(a).order(&merit(b)).then(a.id.cmp(b.id))
}

/// A variant reached by a query, before it becomes a candidate.
struct Hit {
    variant: u32,
    layer: Layer,
    /// On the fuzzy layer: the edit distance, and the length in characters of the latin key
    /// that was met (the variant's), by which the distance is weighed.
    distance: Option<(u32, usize)>,
    /// On the token layer: which words met, and what they weigh. (Boxed, as the next field:
    /// hits are sorted, and most have neither.)
    words: Option<Box<WordMatch>>,
    /// How the query was read, when not as written.
    reading: Option<Box<Reading>>,
    /// On the stem layer, through a case ending: how many letters of the name the query's
    /// stem lacks (`Goity` is `Goit` + `a`), each a guess (see [`GUESSED_LETTER_COST`]).
    guessed: u8,
}

impl Hit {
    fn on(layer: Layer, variant: u32) -> Hit {
        Hit {
            variant,
            layer,
            distance: None,
            words: None,
            reading: None,
            guessed: 0,
        }
    }
}

/// The words a query and a name share, on the token layer. A word weighs its inverse
/// document frequency among the index's names: rare words (`Goïta`, `Nusrat`) carry the
/// name, common ones (`groupe`, `islamique`) little, function words (`de`, `of`) nothing.
/// A common word is shared when the query says it in another language or case
/// (`Consiglio` for `conseil`: see `normalize::concepts`).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct WordMatch {
    /// The shared words, as the name writes them, with their weights.
    pub shared: Vec<(String, f64)>,
    /// The shared words that the query writes otherwise.
    pub translated: Vec<Translated>,
    /// The weight of all the name's words.
    pub name_weight: f64,
    /// The weight of all the query's words.
    pub query_weight: f64,
}

/// A word of a name that the query says in another language or case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Translated {
    /// The query's word (`consiglio`, `burkine`).
    pub query: String,
    /// The name's (`conseil`, `burkina`).
    pub name: String,
    /// What both mean, in English (`council`), for a common word of names; none for a
    /// name's own word written otherwise: in another case (`burkine`), or a place's name in
    /// another language or script (`فرنسا` for `france`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meaning: Option<&'static str>,
}

/// What a shared word that the query says in another language or case keeps of its weight:
/// the name as written, where there is one, ranks first.
const TRANSLATED_WORD_SHARE: f64 = 0.9;

/// What a skeleton match keeps, at most, of the score of a name that holds every word of the
/// query (see `Resolver::candidates`).
const SOUND_BELOW_WORDS: f64 = 0.99;

impl WordMatch {
    /// Whether the name holds every word of the query, and the query has two or more.
    fn holds_the_query(&self) -> bool {
        let shared: f64 = self.shared.iter().map(|(_, w)| w).sum();
        self.shared.len() >= 2 && shared >= self.query_weight - 1e-9
    }

    /// The share of the information of both the name and the query that the shared words
    /// carry: the geometric mean of the two shares, 1 when the words are the same.
    pub fn coverage(&self) -> f64 {
        let shared: f64 = self
            .shared
            .iter()
            .map(|(word, w)| {
                let translated = self.translated.iter().any(|t| t.name == *word);
                if translated {
                    w * TRANSLATED_WORD_SHARE
                } else {
                    *w
                }
            })
            .sum();
        // A query's word read as several words of names (`OneOf`) weighs less than the name's
        // word it meets: a share is never more than the whole.
        let of = |total: f64| {
            if total > 0.0 {
                (shared / total).min(1.0)
            } else {
                0.0
            }
        };
        (of(self.name_weight) * of(self.query_weight)).sqrt()
    }
}

/// How a query was read before it matched, when not as written: a title removed, a handle's
/// sigil dropped, a catalogue order undone, a clitic or case suffix split off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// What was looked up.
    pub query: String,
    /// The rule that rewrote it (`title`, `handle`, `order`, `clitic`, `suffix`).
    pub rule: &'static str,
}

/// What a match through another reading of the query keeps of its score: a little less than
/// the query as written would have.
const READING_WEIGHT: f64 = 0.95;

/// What a reading of an acronym with two letters swapped keeps besides (see
/// `lang::SWAP_RULE`): a guess, which a name as written outranks.
const SWAPPED_ACRONYM_WEIGHT: f64 = 0.7;

/// What a case ending's reading loses for each letter of the name it guesses: the closer
/// reading wins (Estonian `Nigerile` is `Niger` + `le`, not `Nigeri` + `le` with an `a`
/// guessed for Nigeria).
const GUESSED_LETTER_COST: f64 = 0.05;

/// A query whose rarest word is in more names than this is too common for the token layer;
/// other words this common are checked in each name rather than read.
const MAX_TOKEN_POSTINGS: usize = 2_000;
/// Token-layer hits under this score are not kept: the layer's own limit, like the
/// skeleton's length and the fuzzy layer's distances, so that the threshold does no work on
/// strangers (see the test `threshold_separates_the_tables`).
const MIN_TOKEN_SCORE: f64 = MIN_SCORE;

/// A hit with its score, before its strings are read.
struct Scored {
    score: f64,
    hit: Hit,
    variant: VariantRecord,
}

impl<D: AsRef<[u8]>> Index<D> {
    /// The entities `name` may refer to, best first: [`Resolver::resolve`] with the default
    /// options.
    ///
    /// ```
    /// let index = canonym::default_index()?;
    /// let best = &index.resolve("Tin Zaouatine")?[0];
    /// assert_eq!(best.id, "place/tinzaouatene");
    /// assert_eq!(best.score, 1.0);
    /// # Ok::<(), canonym::Error>(())
    /// ```
    pub fn resolve(&self, name: &str) -> Result<Vec<Candidate<'_>>> {
        Resolver::new(self).resolve(name)
    }
}

impl<'i, D: AsRef<[u8]>> Resolver<'i, D> {
    /// Entity `number` as a candidate for a description in a text (see
    /// `Tagger::descriptions`): found through its label, scored as a description is.
    pub(crate) fn described(&self, number: u32) -> Result<Option<Candidate<'i>>> {
        let entity = self.index.entity_at(number)?;
        let label = self.index.label_in(&entity, self.lang.as_deref())?;
        let found = self.candidates(label, Layer::Exact)?;
        Ok(found
            .into_iter()
            .find(|c| c.entity == number)
            .map(|c| Candidate {
                score: form_weight(Form::Description),
                form: Form::Description,
                ..c
            }))
    }

    /// Every candidate reached on the layers down to `deepest`, best first, with no
    /// threshold.
    pub(crate) fn candidates(&self, name: &str, deepest: Layer) -> Result<Vec<Candidate<'i>>> {
        let hits = self.hits(name, deepest)?;
        self.candidates_of(name, hits)
    }

    /// The candidates that the token layer alone reaches, whatever the stricter layers
    /// find: the names that hold the query's words, best first, with no threshold.
    pub(crate) fn token_candidates(&self, name: &str) -> Result<Vec<Candidate<'i>>> {
        let keys = normalize::keys_up_to(name, Layer::Token);
        let token_key = match keys.stem.is_empty() {
            true => keys.latin,
            false => normalize::latin(&keys.stem),
        };
        let hits = self.token_hits(&token_key)?;
        self.candidates_of(name, hits)
    }

    /// The candidates of a name written in another case than the lexicon's, word by word
    /// (`Burkina Fasossa`, `Afrykańskiego Korpusu`): only those that a case ending's
    /// reading reaches (see `ending_hits`), with the endings of language `lang` (ISO 639-1)
    /// or of all, best first, with no threshold.
    pub(crate) fn declined(&self, name: &str, lang: Option<&str>) -> Result<Vec<Candidate<'i>>> {
        let keys = normalize::keys_up_to(name, Layer::Latin);
        let hits = self.ending_hits(name, &keys.latin, lang)?;
        self.candidates_of(name, hits)
    }

    /// The candidates that the hits of query `name` make, best first: each hit scored, the
    /// best of each entity kept.
    fn candidates_of(&self, name: &str, mut hits: Vec<Hit>) -> Result<Vec<Candidate<'i>>> {
        let index = self.index;
        let query_has_capital = name.chars().any(char::is_uppercase);
        // A variant met on several layers counts once, on the strictest, as long as a
        // stricter layer never scores lower: true down to the skeleton, not of the token and
        // fuzzy layers (a fuzzy match of a whole name can beat a token match of a part), whose
        // hits are all scored and the best of each entity kept below.
        if hits.iter().all(|h| h.layer <= Layer::Skeleton) {
            hits.sort_by_key(|h| (h.variant, h.layer));
            hits.dedup_by_key(|h| h.variant);
        }

        // Score every hit from the fixed-size part of its record; strings are read only for
        // the one variant per entity that is kept.
        let mut scored = Vec::with_capacity(hits.len());
        for hit in hits {
            let variant = index.variant_record(hit.variant)?;
            let mut score = hit.layer.weight() * form_weight(variant.form);
            if let Some((distance, key_chars)) = hit.distance {
                score *= 1.0 - distance as f64 / key_chars.max(1) as f64;
            }
            if let Some(words) = &hit.words {
                score *= words.coverage();
            }
            if let Some(reading) = &hit.reading {
                score *= READING_WEIGHT;
                if reading.rule == lang::SWAP_RULE {
                    score *= SWAPPED_ACRONYM_WEIGHT;
                }
            }
            score *= 1.0 - GUESSED_LETTER_COST * f64::from(hit.guessed);
            // An acronym typed in lowercase may be the ordinary word it spells.
            if variant.form == Form::Acronym && hit.layer != Layer::Exact && !query_has_capital {
                score *= 0.9;
            }
            scored.push(Scored {
                score: score.clamp(0.0, 1.0),
                hit,
                variant,
            });
        }
        // A skeleton match only sounds like the query; a name that holds every one of the
        // query's words (two or more) is the better guess, whatever the share of the name
        // they are (`Jama'at Nusrat Al-Islam` is JNIM cut short, not the Arabic name of
        // Ansarul Islam that sounds like it).
        let holds_every_word = scored
            .iter()
            .filter(|s| {
                s.hit
                    .words
                    .as_deref()
                    .is_some_and(WordMatch::holds_the_query)
            })
            .map(|s| s.score)
            .reduce(f64::max);
        if let Some(best) = holds_every_word {
            for s in scored.iter_mut().filter(|s| s.hit.layer == Layer::Skeleton) {
                s.score = s.score.min(best * SOUND_BELOW_WORDS);
            }
        }
        // The best hit of each entity: by merit (all of an entity's hits share its prior),
        // then by variant number so that ties are settled the same way every time.
        let merit = |s: &Scored| Merit {
            score: s.score,
            prior: 0.0,
            layer: s.hit.layer,
            is_label: s.variant.is_label,
            form: s.variant.form,
        };
        scored.sort_by(|a, b| {
            (a.variant.entity.cmp(&b.variant.entity))
                .then(merit(a).order(&merit(b)))
                .then(a.hit.variant.cmp(&b.hit.variant))
        });
        scored.dedup_by_key(|s| s.variant.entity);

        let mut candidates = Vec::with_capacity(scored.len());
        for Scored {
            score,
            hit,
            variant,
        } in scored
        {
            let entity = index.entity_at(variant.entity)?;
            let (text, text_lang, source) = index.variant_shown(&variant)?;
            candidates.push(Candidate {
                id: entity.id,
                kind: entity.kind,
                label: index.label_in(&entity, self.lang.as_deref())?,
                score,
                layer: hit.layer,
                variant: text,
                lang: text_lang,
                wikidata: entity.wikidata()?,
                distance: hit.distance.map(|(distance, _)| distance),
                words: hit.words.map(|w| *w),
                reading: hit.reading.map(|r| *r),
                form: variant.form,
                source,
                is_label: variant.is_label,
                prior: entity.prior,
                entity: variant.entity,
                variant_number: hit.variant,
            });
        }
        candidates.sort_by(rank);
        Ok(candidates)
    }

    /// The variants the query reaches. When it reaches nothing on the strict layers (those
    /// above the skeleton), its other readings are tried too (a title removed, a handle's
    /// sigil dropped: see [`lang::readings`]), each on every layer.
    fn hits(&self, name: &str, deepest: Layer) -> Result<Vec<Hit>> {
        let mut hits = self.hits_as_written(name, deepest)?;
        if !self.readings || hits.iter().any(|h| h.layer < Layer::Skeleton) {
            return Ok(hits);
        }
        for (query, rule) in lang::readings(name) {
            self.read_as(Reading { query, rule }, deepest, &mut hits)?;
        }
        // The phrase reading tags the query: the last resort, as it costs the most, when no
        // layer but the fuzzy one found anything.
        if !hits.iter().any(|h| h.layer < Layer::Fuzzy) {
            if let Some(query) = self.phrase_reading(name)? {
                let rule = "phrase";
                self.read_as(Reading { query, rule }, deepest, &mut hits)?;
            }
        }
        Ok(hits)
    }

    /// Adds the hits of another reading of a query. A reading is already a guess: it may meet
    /// a name, or words of one, but not a name it only sounds like or nearly spells, except
    /// after a title: what follows a title is a person's name, spelled as the writer heard it
    /// (`General Abdourahman Čiani`, `полковник Абдулайе Мага`).
    fn read_as(&self, reading: Reading, deepest: Layer, hits: &mut Vec<Hit>) -> Result<()> {
        for mut hit in self.hits_as_written(&reading.query, deepest.min(Layer::Token))? {
            if hit.layer == Layer::Skeleton
                && !(reading.rule == lang::TITLE_RULE && self.names_a_person(hit.variant)?)
            {
                continue;
            }
            // A swapped acronym is read as an acronym of the lexicon, written as it is.
            let acronym = || -> Result<bool> {
                Ok(self.index.variant_record(hit.variant)?.form == Form::Acronym)
            };
            if reading.rule == lang::SWAP_RULE && (hit.layer > Layer::Folded || !acronym()?) {
                continue;
            }
            hit.reading = Some(Box::new(reading.clone()));
            hits.push(hit);
        }
        Ok(())
    }

    /// Whether a variant is a name of a person.
    fn names_a_person(&self, variant: u32) -> Result<bool> {
        let entity = self.index.variant_record(variant)?.entity;
        Ok(self.index.entity_at(entity)?.kind == Kind::Person)
    }

    /// The variants the query as written reaches on each layer. The token and fuzzy layers
    /// are searched only when no stricter layer but the skeleton found anything: they are the
    /// loosest.
    fn hits_as_written(&self, name: &str, deepest: Layer) -> Result<Vec<Hit>> {
        let index = self.index;
        let mut hits = Vec::new();
        let keys = normalize::keys_up_to(name, deepest);
        // The exact layer has no keys of its own: its matches are among the folded ones.
        let latin_key = match deepest >= Layer::Latin {
            true => keys.latin.as_str(),
            false => "",
        };
        let (by_folded, by_latin) = index.lookup_names(&keys.folded, latin_key)?;
        for variant in by_folded {
            let layer = match index.variant_has_exact_key(variant, &keys.exact)? {
                true => Layer::Exact,
                false => Layer::Folded,
            };
            if layer <= deepest {
                hits.push(Hit::on(layer, variant));
            }
        }
        // Only keys with words of an inflecting language have stem keys (see `keys_up_to`).
        let mut by_stem = Vec::new();
        if !keys.stem.is_empty() {
            for variant in index.lookup(Layer::Stem, &keys.stem)? {
                // Two nouns can share a stem: the name must also decline like the query.
                let (text, _, _) = index.variant_shown(&index.variant_record(variant)?)?;
                if declines_alike(&normalize::folded(text), &keys.folded) {
                    by_stem.push(variant);
                }
            }
        }
        // An acronym sounds like no name: its letters are not its sounds (`MINUSCA` is not
        // Minsk).
        let by_skeleton = match deepest >= Layer::Skeleton
            && keys.skeleton.len() >= MIN_SKELETON_LEN
            && !in_short_capitals(name)
        {
            true => index.lookup(Layer::Skeleton, &keys.skeleton)?,
            false => Vec::new(),
        };
        // A short latin key is no match across scripts: Arabic's drops the vowels, so that
        // `BM` (the UN in Turkish) would be `باما` (Pama), and a Latin word of two or three
        // letters meets many Arabic-script names.
        // Nor is a name in Chinese characters, whose latin key is their Mandarin readings
        // (`控` is `kong`, not the Kong of Côte d'Ivoire).
        let short = is_short_latin_key(&keys.latin);
        let script = detect_script(name).unwrap_or_default();
        let han = script == HAN;
        let in_its_script = |variant: u32| -> Result<bool> {
            let met = index.variant(variant)?.script;
            Ok(match han {
                true => met == HAN,
                false => !short || met.is_empty() || met == script,
            })
        };
        let mut by_latin_here = Vec::with_capacity(by_latin.len());
        for variant in by_latin {
            if in_its_script(variant)? {
                by_latin_here.push(variant);
            }
        }
        let by_latin = by_latin_here;
        for (layer, variants) in [
            (Layer::Latin, by_latin),
            (Layer::Stem, by_stem),
            (Layer::Skeleton, by_skeleton),
        ] {
            hits.extend(variants.into_iter().map(|variant| Hit::on(layer, variant)));
        }
        if deepest < Layer::Token || hits.iter().any(|h| h.layer < Layer::Skeleton) {
            return Ok(hits);
        }
        // The token key is the latin form of the stem key (see `normalize::token_key`), which
        // is the latin key when no word has a stemmer.
        let token_key = match keys.stem.is_empty() {
            true => Cow::Borrowed(keys.latin.as_str()),
            false => Cow::Owned(normalize::latin(&keys.stem)),
        };
        for hit in self.token_hits(&token_key)? {
            if in_its_script(hit.variant)? {
                hits.push(hit);
            }
        }
        // A case ending read off is a reading of the query, with the endings of every
        // language: the tagger, which knows the text's language, reads endings itself
        // (`Tagger::declined`), so that in English `Russian` is no case of `Russia`.
        if self.readings {
            hits.extend(self.ending_hits(name, &keys.latin, None)?);
        }
        if deepest < Layer::Fuzzy {
            return Ok(hits);
        }
        let key = &keys.latin;
        let max = allowed_distance(key);
        if max == 0 || !fuzzy_allowed(name) {
            return Ok(hits);
        }
        // One edit first: most misspellings are one edit away, and searching within one
        // edit visits a small part of what two do. Two edits only when one finds nothing: a
        // two-edit match would rank below a one-edit match anyway.
        for edits in 1..=max {
            let found = hits.len();
            for (matched, distance, variants) in index.near(key, edits as u8)? {
                let distance = u32::from(distance);
                // The other side must be long enough for that many edits too.
                if distance == 0 || allowed_distance(&matched) < distance {
                    continue;
                }
                let key_chars = matched.chars().count();
                for variant in variants {
                    if index.variant_record(variant)?.form == Form::Acronym {
                        continue;
                    }
                    hits.push(Hit {
                        distance: Some((distance, key_chars)),
                        ..Hit::on(Layer::Fuzzy, variant)
                    });
                }
            }
            if hits.len() > found {
                break;
            }
        }
        Ok(hits)
    }
}

/// The script code of Chinese characters, as the lexicon writes it (see `hits_as_written`).
const HAN: &str = "Hani";

/// Whether a latin key has three letters or digits or fewer (see `hits_as_written`).
fn is_short_latin_key(key: &str) -> bool {
    const MOST_SHORT: usize = 3;
    key.chars().filter(char::is_ascii_alphanumeric).count() <= MOST_SHORT
}

impl<D: AsRef<[u8]>> Resolver<'_, D> {
    /// The name a phrase is about, for a query that finds nothing as written nor by its other
    /// readings: the mention the tagger finds at the phrase's head, when the phrase's other
    /// words only qualify it (`lang::may_qualify_name`): `президент Буркина-Фасо Ибрагим
    /// Траоре`, `马里总统戈伊塔`, `the town of Gao`, `Ibrahim Traoré of Burkina Faso`, but
    /// not `Rue Assimi Goïta` or `Niger Delta`.
    fn phrase_reading(&self, query: &str) -> Result<Option<String>> {
        if query.chars().count() > MAX_PHRASE_CHARS {
            return Ok(None);
        }
        let mut tagger = Tagger::new(self.index);
        if let Some(lang) = &self.lang {
            tagger.lang(lang.clone());
        }
        let mentions = tagger.tag(query)?;
        // A list or an apposition names its head first (`Gao, Mali`, `Bamako (Mali)`); what
        // follows may only be other names (not `Gao (surname)`).
        let phrase = query
            .find([',', '(', ';', '|'])
            .map_or(query, |at| &query[..at]);
        let mut rest_words = Vec::new();
        let mut at = phrase.len();
        for m in mentions.iter().filter(|m| m.start >= phrase.len()) {
            rest_words.extend(words_of(&query[at..m.start]));
            at = m.end;
        }
        rest_words.extend(words_of(&query[at..]));
        if !rest_words
            .iter()
            .all(|w| lang::is_function_word(&normalize::folded(w)))
        {
            return Ok(None);
        }
        let spans: Vec<(usize, usize, Kind)> = mentions
            .iter()
            .filter(|m| m.end <= phrase.len())
            .map(|m| (m.start, m.end, m.best().kind))
            .collect();
        let Some(mut head) = spans.len().checked_sub(1) else {
            return Ok(None);
        };
        // A name after a preposition places or qualifies the one before it.
        while head > 0 && lang::joins_names(&phrase[spans[head - 1].1..spans[head].0]) {
            head -= 1;
        }
        let (start, end, kind) = spans[head];
        if query[..start].trim().is_empty() && query[end..].trim().is_empty() {
            return Ok(None);
        }
        // Names side by side are one name of something else (`Wagner Moura`,
        // `Липтако-Гурма`), unless a title comes first (`президент Буркина-Фасо Ибрагим
        // Траоре`).
        for pair in spans[..=head].windows(2) {
            let between = &phrase[pair[0].1..pair[1].0];
            let side_by_side = !between.chars().any(char::is_alphanumeric);
            if side_by_side && (between.contains('-') || phrase[..pair[0].0].trim().is_empty()) {
                return Ok(None);
            }
        }
        // The words before the head that no other mention covers, the last of them marked
        // when it stands right before the head, and those after the last name joined to it.
        let mut before = Vec::new();
        let mut at = 0;
        for &(s, e, _) in &spans[..head] {
            before.extend(words_of(&phrase[at..s]).into_iter().map(|w| (w, false)));
            at = e;
        }
        let next = words_of(&phrase[at..start]);
        let count = next.len();
        before.extend(
            next.into_iter()
                .enumerate()
                .map(|(i, w)| (w, i + 1 == count)),
        );
        let tail_end = spans.last().map_or(end, |&(_, e, _)| e);
        let after = words_of(without_possessive(&phrase[tail_end..]));
        let person = kind == Kind::Person;
        let name_words = words_of(&query[start..end]).len();
        let qualifies = before.iter().all(|(word, next)| {
            let at = match next {
                true => lang::Around::Next(name_words),
                false => lang::Around::Before(name_words),
            };
            lang::may_qualify_name(word, at, person)
        }) && after
            .iter()
            .all(|word| lang::may_qualify_name(word, lang::Around::After, person));
        Ok(qualifies.then(|| query[start..end].to_string()))
    }
}

/// A query longer than this is no phrase about one name, and is not tagged to find one.
const MAX_PHRASE_CHARS: usize = 160;

/// The written words of a text: its runs of letters, digits, marks and apostrophes.
fn words_of(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric() && !lang::is_apostrophe(c) && !is_combining_mark(c))
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

/// The text after a phrase's last name without the possessive that may start it (`'s`).
fn without_possessive(tail: &str) -> &str {
    let trimmed = tail.trim_start();
    match trimmed.strip_prefix(lang::is_apostrophe) {
        Some(rest) if rest.starts_with(lang::POSSESSIVE_S) => &rest[lang::POSSESSIVE_S.len()..],
        _ => tail,
    }
}

/// Whether a name and a query that share a stem key decline alike, word by word, where
/// their words are Russian (see `lang::east_slavic_forms_agree`).
fn declines_alike(name: &str, query: &str) -> bool {
    let (names, queries): (Vec<&str>, Vec<&str>) =
        (name.split(' ').collect(), query.split(' ').collect());
    names.len() != queries.len()
        || names
            .iter()
            .zip(&queries)
            .all(|(n, q)| !normalize::has_stems(n) || lang::east_slavic_forms_agree(n, q))
}

impl<D: AsRef<[u8]>> Resolver<'_, D> {
    /// The names whose words are the query's with other case endings, in the languages that
    /// inflect names and have no stemmer here (Polish `Kidalu`, Finnish `Malissa`, German
    /// `Malis`, Serbian `Paula Henrija Sandaoga Damibe`: see `lang::without_case_endings`):
    /// each word of the query is as written, or without an ending and followed by the letters
    /// it may stand for, and together they are a name's latin key; the endings are those of
    /// the text's language `lang` when it is known. Only names in the query's script or in
    /// Latin are met: a latin key of katakana (`マリ`, `mari`) is no Polish or Finnish word,
    /// while Greek's (`Νίγηρα`, `nigera`) spells the Latin name. On the stem layer,
    /// as a reading of the query.
    fn ending_hits(&self, name: &str, latin_key: &str, lang: Option<&str>) -> Result<Vec<Hit>> {
        let words: Vec<WordStems> = latin_key
            .split(' ')
            .map(|word| {
                let mut stems = vec![(word.to_string(), 0)];
                stems.extend(lang::without_case_endings(word, lang));
                stems
            })
            .collect();
        if words.len() > MAX_DECLINED_WORDS || words.iter().all(|stems| stems.len() == 1) {
            return Ok(Vec::new());
        }
        let script = detect_script(name).unwrap_or_default();
        let mut hits = Vec::new();
        for (key, variants, added) in self.index.latin_keys_declined(&words)? {
            if key == latin_key {
                continue;
            }
            let reading = Reading {
                query: key,
                rule: "ending",
            };
            for variant in variants {
                let met = self.index.variant(variant)?.script;
                if !met.is_empty() && met != script {
                    continue;
                }
                hits.push(Hit {
                    reading: Some(Box::new(reading.clone())),
                    guessed: added.min(usize::from(u8::MAX)) as u8,
                    ..Hit::on(Layer::Stem, variant)
                });
            }
        }
        Ok(hits)
    }
}

/// The fewest letters of each part of a compound split on the token layer: shorter parts
/// are as often a suffix or a linking letter as a word.
const MIN_COMPOUND_PART: usize = 4;

/// The longest word split as a compound: a compound of two names' words is shorter, and
/// each letter is another place to split.
const MAX_COMPOUND_LETTERS: usize = 32;

/// A query of more words than this is not read as declined word by word: names are shorter,
/// and each word multiplies the stems to walk.
const MAX_DECLINED_WORDS: usize = 6;

impl<D: AsRef<[u8]>> Resolver<'_, D> {
    /// The names that share words with the query, each with the words it shares. A word
    /// weighs `ln(1 + N / n)` for N names of which n have it; a common word, for the names
    /// that have it in any language (see [`Sense`]).
    fn token_hits(&self, token_key: &str) -> Result<Vec<Hit>> {
        let index = self.index;
        // Every word as it comes, compounds split (`sahelstaaten`), then each once.
        let mut said: Vec<String> = Vec::new();
        let mut parts_of: HashMap<String, Vec<String>> = HashMap::new();
        for word in token_key.split(' ') {
            for word in normalize::tokens(word) {
                if !parts_of.contains_key(&word) {
                    let parts = self.compound_parts(&word)?;
                    parts_of.insert(word.clone(), parts);
                }
                said.extend(parts_of[&word].iter().cloned());
            }
        }
        let mut words: Vec<String> = Vec::with_capacity(said.len());
        for word in &said {
            if !words.contains(word) {
                words.push(word.clone());
            }
        }
        let names = index.variant_count() as f64;
        // A word no name has weighs as much as the rarest: it is information the names lack.
        let weight = |with: usize| (1.0 + names / with.max(1) as f64).ln();
        let mut counts: HashMap<Sense, usize> = HashMap::new();
        let mut count_of = |sense: &Sense| -> Result<usize> {
            if let Some(&n) = counts.get(sense) {
                return Ok(n);
            }
            let n = match sense {
                Sense::Word(word) => index.count(Layer::Token, word)?,
                Sense::Concept(concept) => index.concept_count(*concept)?,
                Sense::OneOf(words) => {
                    let mut n = 0;
                    for word in words {
                        n += index.count(Layer::Token, word)?;
                    }
                    n
                }
            };
            counts.insert(sense.clone(), n);
            Ok(n)
        };
        // Every content word of the query must be a word of the name (`token_match`):
        // the names that have them all are the intersection of the words' postings, found
        // from the rarest. A word no name has (a misspelling) leaves nothing to do.
        let mut content: Vec<(&String, Sense)> = words
            .iter()
            .filter(|w| !lang::is_function_word(w))
            .map(|w| (w, Sense::of(w)))
            .collect();
        // A name translated word by word declines its own words with the language's
        // (`Oružanih snaga Burkine`); other names' case forms are the stem layer's and the
        // readings' (`Nigerile`, `Mohamed Bazoum's`).
        if content.iter().any(|(_, s)| matches!(s, Sense::Concept(_))) {
            for (word, sense) in &mut content {
                if let Some(declined) = self.declined_sense(word)? {
                    *sense = declined;
                }
            }
        }
        // In a name of several words, a place's name is the place, in any language and
        // script (`راديو فرنسا الدولي` is `Radio France Internationale`).
        if content.len() >= 2 {
            for (word, sense) in &mut content {
                if let Some(names) = self.place_names(word)? {
                    *sense = match std::mem::replace(sense, Sense::Word(String::new())) {
                        Sense::OneOf(mut words) => {
                            for name in names {
                                if !words.contains(&name) {
                                    words.push(name);
                                }
                            }
                            Sense::OneOf(words)
                        }
                        _ => Sense::OneOf(names),
                    };
                }
            }
        }
        // A query of kind words alone (`région`, `nord`), or of one common word of names
        // (`Consiglio`), says what, not which.
        let one_common_word = matches!(&content[..], [(_, Sense::Concept(_))]);
        if one_common_word || content.iter().all(|(_, sense)| sense.is_generic()) {
            return Ok(Vec::new());
        }
        let mut counted = Vec::with_capacity(content.len());
        for (_, sense) in &content {
            counted.push((count_of(sense)?, sense));
        }
        counted.sort_unstable_by_key(|&(count, _)| count);
        let Some(&(rarest, first)) = counted.first() else {
            return Ok(Vec::new());
        };
        if rarest == 0 || rarest > MAX_TOKEN_POSTINGS {
            return Ok(Vec::new());
        }
        let mut proposed = self.postings(first)?;
        for &(count, sense) in &counted[1..] {
            if count > MAX_TOKEN_POSTINGS {
                // Too common to be worth reading: the check of each name's words below
                // decides.
                break;
            }
            let with = self.postings(sense)?;
            proposed.retain(|v| with.binary_search(v).is_ok());
        }
        // Every word of the query counts, each time it comes: a query that says a word of a
        // name twenty thousand times is not that name.
        let mut query_weight = 0.0;
        for word in &said {
            if let Some((_, sense)) = content.iter().find(|(w, _)| *w == word) {
                query_weight += weight(count_of(sense)?);
            }
        }
        let query: Vec<&Sense> = content.iter().map(|(_, sense)| sense).collect();
        let mut hits = Vec::new();
        for variant in proposed {
            let named = index.variant(variant)?;
            let name_words: Vec<(String, Sense)> = index
                .variant_words(variant)?
                .iter()
                .filter(|w| !lang::is_function_word(w))
                .map(|w| (w.clone(), Sense::of(w)))
                .collect();
            let name: Vec<&Sense> = name_words.iter().map(|(_, sense)| sense).collect();
            let is_person = index.entity_at(named.entity)?.kind == Kind::Person;
            let Some(how) = token_match(&query, &name, is_person) else {
                continue;
            };
            let mut shared = Vec::new();
            let mut translated = Vec::new();
            let mut name_weight = 0.0;
            for (word, sense) in name_words {
                let w = weight(count_of(&sense)?);
                name_weight += w;
                if let Some((said, _)) = content.iter().find(|(_, s)| s.meets(&sense)) {
                    if **said != word {
                        let meaning = match &sense {
                            Sense::Concept(concept) => Some(concept.name()),
                            _ => None,
                        };
                        translated.push(Translated {
                            query: said.to_string(),
                            name: word.clone(),
                            meaning,
                        });
                    }
                    shared.push((word, w));
                }
            }
            let words = WordMatch {
                shared,
                translated,
                name_weight,
                query_weight,
            };
            if Layer::Token.weight() * words.coverage() >= MIN_TOKEN_SCORE {
                hits.push((
                    named.entity,
                    how,
                    Hit {
                        words: Some(Box::new(words)),
                        ..Hit::on(Layer::Token, variant)
                    },
                ));
            }
        }
        // A truncation names one entity: the first words of several entities' names
        // (`Fuerzas Armadas` of the Malian and the Burkinabe army), which no other name of
        // theirs meets whole, say what, not which.
        let mut truncated_only: Vec<u32> = Vec::new();
        for &(entity, how, _) in &hits {
            let whole = hits
                .iter()
                .any(|&(e, h, _)| e == entity && h == TokenMatch::Whole);
            if how == TokenMatch::Truncated && !whole && !truncated_only.contains(&entity) {
                truncated_only.push(entity);
            }
        }
        let ambiguous = truncated_only.len() > 1;
        Ok(hits
            .into_iter()
            .filter(|(entity, _, _)| !(ambiguous && truncated_only.contains(entity)))
            .map(|(_, _, hit)| hit)
            .collect())
    }

    /// For a name given alone, the sense of a query's word that is no common word of names,
    /// as itself or a case of names' words (`burkine` of `burkina`; `azawadu`, a word of
    /// the Polish name, of `azawad` too): a case ending of any language that declines
    /// names, as `ending_hits` reads them. None if it is a case of no name's word.
    fn declined_sense(&self, word: &str) -> Result<Option<Sense>> {
        if !self.readings || !matches!(Sense::of(word), Sense::Word(_)) {
            return Ok(None);
        }
        let stems = lang::without_case_endings(word, None);
        let mut words: Vec<String> = self
            .index
            .tokens_declined(&stems)?
            .into_iter()
            .map(|(w, _)| w)
            .filter(|w| w != word)
            .collect();
        if words.is_empty() {
            return Ok(None);
        }
        words.push(word.to_string());
        Ok(Some(Sense::OneOf(words)))
    }

    /// The one-word names, in the token layer's form, of the places that a query's own word
    /// (no common word of names) is a one-word name of, the word among them; none if it
    /// names no place.
    fn place_names(&self, word: &str) -> Result<Option<Vec<String>>> {
        if !matches!(Sense::of(word), Sense::Word(_)) {
            return Ok(None);
        }
        let mut places: Vec<u32> = Vec::new();
        for variant in self.index.lookup(Layer::Latin, word)? {
            let entity = self.index.variant_record(variant)?.entity;
            if self.index.entity_at(entity)?.kind == Kind::Place && !places.contains(&entity) {
                places.push(entity);
            }
        }
        if places.is_empty() {
            return Ok(None);
        }
        let mut names = vec![word.to_string()];
        for place in places {
            for variant in self.index.variant_numbers(place)? {
                if let [name] = &self.index.variant_words(variant)?[..] {
                    if !names.contains(name) {
                        names.push(name.clone());
                    }
                }
            }
        }
        Ok(Some(names))
    }

    /// A word that no name has and that means nothing listed, split into the two words of
    /// names or common words of names it joins (German and Dutch compounds: `sahelstaaten`,
    /// `wagnergruppe`, `afrikakorps`), the longer second part first; the word itself
    /// otherwise.
    fn compound_parts(&self, word: &str) -> Result<Vec<String>> {
        let whole = vec![word.to_string()];
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        if !(2 * MIN_COMPOUND_PART..=MAX_COMPOUND_LETTERS).contains(&chars.len())
            || concept_of(word).is_some()
            || self.index.count(Layer::Token, word)? > 0
        {
            return Ok(whole);
        }
        let known = |part: &str| -> Result<bool> {
            Ok(concept_of(part).is_some() || self.index.count(Layer::Token, part)? > 0)
        };
        for &(at, _) in &chars[MIN_COMPOUND_PART..=chars.len() - MIN_COMPOUND_PART] {
            let (head, tail) = word.split_at(at);
            if known(head)? && known(tail)? {
                return Ok(vec![head.to_string(), tail.to_string()]);
            }
        }
        Ok(whole)
    }

    /// The names that have a word in the sense of `sense`, sorted.
    fn postings(&self, sense: &Sense) -> Result<Vec<u32>> {
        match sense {
            Sense::Word(word) => self.index.lookup(Layer::Token, word),
            Sense::Concept(concept) => Ok(self.index.concept_postings(*concept)?.to_vec()),
            Sense::OneOf(words) => self.postings_of(words),
        }
    }

    /// The names that have one of `words`, sorted.
    fn postings_of(&self, words: &[String]) -> Result<Vec<u32>> {
        let mut names = Vec::new();
        for word in words {
            names.extend(self.index.lookup(Layer::Token, word)?);
        }
        names.sort_unstable();
        names.dedup();
        Ok(names)
    }
}

/// A word as the token layer compares it: a common word of names by its meaning, in any
/// language or case (`Consiglio`, `совета` and `conseil` are one), every other word as
/// written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Sense {
    Word(String),
    Concept(Concept),
    /// A query's word read as any of these words of names: its cases (`burkine` of
    /// `burkina`), or the names in other languages and scripts of the place it names
    /// (`فرنسا` of `france`).
    OneOf(Vec<String>),
}

impl Sense {
    /// Whether a word of the query in this sense is a name's word in sense `name`.
    fn meets(&self, name: &Sense) -> bool {
        match (self, name) {
            (Sense::OneOf(words), Sense::Word(word)) => words.contains(word),
            _ => self == name,
        }
    }

    /// The sense of a word in the token layer's form.
    fn of(token: &str) -> Sense {
        match concept_of(token) {
            Some(concept) => Sense::Concept(concept),
            None => Sense::Word(token.to_string()),
        }
    }

    /// Whether the word only says what kind of thing, or where, a name names.
    fn is_generic(&self) -> bool {
        match self {
            Sense::Word(word) => lang::is_generic_word(word),
            Sense::Concept(concept) => concept.is_generic(),
            Sense::OneOf(words) => words.iter().all(|w| lang::is_generic_word(w)),
        }
    }
}

/// How a query's words may stand for a name's words on the token layer, if they may, each
/// word by its [`Sense`] and function words left out: every word of the query (which
/// `token_hits` has found not all to be kind words) is a word of the name (a word the name
/// lacks, `Wagner Moura`, `fleuve Sénégal`, `Kassoum Goïta`, names something else), and the
/// query is the name in another order (`Traoré, Ibrahim`, `Ghali Iyad Ag`), its first words
/// (a truncation: `Jama'at Nusrat al-Islam`), the name without the words that only say what
/// kind of thing it is (`Вагнера` for `Группа Вагнера`), or, for a person, words that
/// include the surname (`Goïta`, `Iyad Ghali`). A part from the middle of a name (`région`
/// of `Sahel region`) names nothing alone.
fn token_match(query: &[&Sense], name: &[&Sense], is_person: bool) -> Option<TokenMatch> {
    let in_query = |w: &Sense| query.iter().any(|q| q.meets(w));
    if !query.iter().all(|q| name.iter().any(|w| q.meets(w))) {
        return None;
    }
    let reordered = name.iter().all(|w| in_query(w));
    let by_surname = is_person && name.last().is_some_and(|surname| in_query(surname));
    let without_kind_words = name.iter().all(|w| in_query(w) || w.is_generic());
    // A truncation keeps at least two words, one word is as often another name's (`Ansaru`),
    // and one word of its own: common words alone begin many names (`Consiglio nazionale`,
    // `Frente de Liberación Nacional` are not the first words of Mali's council or of an
    // Azawad front).
    let truncated = query.len() >= 2
        && query
            .iter()
            .any(|w| matches!(w, Sense::Word(_) | Sense::OneOf(_)))
        && name.len() >= query.len()
        && query.iter().zip(name).all(|(q, w)| q.meets(w));
    if reordered || by_surname || without_kind_words {
        Some(TokenMatch::Whole)
    } else if truncated {
        Some(TokenMatch::Truncated)
    } else {
        None
    }
}

/// How a query's words stand for a name's on the token layer (see [`token_match`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TokenMatch {
    /// All the name's words that tell which it is: reordered, by surname, without kind words.
    Whole,
    /// The name's first words only.
    Truncated,
}

/// Why `candidate` ranks below `above`.
fn why_lower(candidate: &Candidate<'_>, above: &Candidate<'_>) -> String {
    if candidate.score < above.score {
        let mut reasons = Vec::new();
        if candidate.layer > above.layer {
            reasons.push(format!(
                "matched on the looser {} layer (vs {})",
                candidate.layer, above.layer
            ));
        }
        if let Some(d) = candidate.distance {
            reasons.push(format!("{d} edit{} away", if d == 1 { "" } else { "s" }));
        }
        if form_weight(candidate.form) < form_weight(above.form) {
            reasons.push(format!("via a {} name", candidate.form));
        }
        if reasons.is_empty() {
            reasons.push("a weaker match".into());
        }
        format!(
            "{:.2} < {:.2}: {}",
            candidate.score,
            above.score,
            reasons.join(", ")
        )
    } else if candidate.prior < above.prior {
        format!(
            "same score; the one above is more likely in this lexicon's news (prior {:.2} vs {:.2})",
            above.prior, candidate.prior
        )
    } else if candidate.layer > above.layer {
        format!(
            "same score, looser layer ({} vs {})",
            candidate.layer, above.layer
        )
    } else if above.is_label && !candidate.is_label {
        "same score; the one above matched a preferred label".into()
    } else if candidate.form != above.form {
        format!("same score; {} ranks after {}", candidate.form, above.form)
    } else {
        "a tie: same score and layer, ordered by ID".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact layer has no keys of its own (it is found among the folded matches), so a
    /// name whose text is not in NFC must still match exactly the same name in NFC.
    #[test]
    fn a_name_not_in_nfc_still_matches_exactly() {
        let decomposed = "Tinzaoute\u{301}ne";
        let source = format!(
            r#"
[[entity]]
id = "place/tinzaouatene"
kind = "place"
label = {{ fr = "{decomposed}" }}
names = [{{ text = "{decomposed}", lang = "fr", form = "full", source = "test" }}]
"#
        );
        let lexicon = crate::Lexicon::from_sources([("places.toml", source)]).unwrap();
        let index = Index::new(crate::index::build(&lexicon).unwrap()).unwrap();
        let index = &index;
        for query in ["Tinzaout\u{e9}ne", decomposed] {
            let best = &index.resolve(query).unwrap()[0];
            assert_eq!((best.id, best.layer), ("place/tinzaouatene", Layer::Exact));
        }
        let best = &index.resolve("tinzaout\u{e9}ne").unwrap()[0];
        assert_eq!(best.layer, Layer::Folded);
    }

    #[test]
    fn allowed_distance_grows_with_length() {
        assert_eq!(allowed_distance("aqmi"), 0);
        assert_eq!(allowed_distance("kidal"), 1);
        assert_eq!(allowed_distance("tinzaouatene"), 2);
    }
}
