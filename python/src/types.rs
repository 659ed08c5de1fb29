//! The answers, as Python objects: `Candidate` and `Mention`, made from the library's
//! answers without the GIL (so on every core) and handed to Python once done.
//!
//! An answer's IDs, labels, variants and languages are the index's own strings. They are kept
//! as their place in the index's bytes ([`Text`]), with the index they are in, so that making
//! an answer on a worker and freeing it on Python's thread copies and frees no string: four
//! allocations a candidate before, and freeing them was most of what `tag_many` did on the
//! caller's thread after the tagging. Answers made from a pickle own their strings.

use std::borrow::Cow;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pyclass::PyClass;
use pyo3::pyclass_init::PyClassInitializer;
use pyo3::types::{PyDict, PyList, PyTuple};

use crate::index::SharedIndex;

/// `items` as a list of new Python objects that the cycle collector does not track.
///
/// PyO3 makes every class a GC type, but an answer holds no Python reference but to its type,
/// so it can be in no reference cycle: tracking it only gave the collector the answers to
/// scan again and again while `tag_many` made tens of thousands of them (some 8% of what
/// the caller's thread did). Untracked, an answer is freed by its reference count alone, as
/// it would be anyway.
pub fn untracked_list<T: PyClass>(py: Python<'_>, items: Vec<T>) -> PyResult<Bound<'_, PyList>>
where
    PyClassInitializer<T>: From<T>,
{
    let objects = items
        .into_iter()
        .map(|item| {
            let object = Bound::new(py, item)?;
            // SAFETY: a live object of a GC type, with the GIL held; untracking an object is
            // always allowed, and its `tp_dealloc` untracks it again harmlessly.
            unsafe { pyo3::ffi::PyObject_GC_UnTrack(object.as_ptr().cast()) };
            Ok(object)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, objects)
}

/// A string of an answer: a span of its index's bytes, or its own.
#[derive(Clone)]
enum Text {
    InIndex { start: usize, end: usize },
    Owned(Box<str>),
}

impl Text {
    /// `s` as a span of `bytes` if it lies in them (a string the library read from the index),
    /// else a copy.
    fn new(s: &str, bytes: &[u8]) -> Text {
        let base = bytes.as_ptr() as usize;
        let at = s.as_ptr() as usize;
        if at >= base && at + s.len() <= base + bytes.len() {
            let start = at - base;
            Text::InIndex {
                start,
                end: start + s.len(),
            }
        } else {
            Text::Owned(s.into())
        }
    }

    /// The string, read from the bytes of the index it was taken from.
    fn get<'a>(&'a self, bytes: &'a [u8]) -> &'a str {
        match self {
            Text::Owned(s) => s,
            // The span was a `str` when it was taken, and an index's bytes do not change: the
            // empty string would only come of reading a span against other bytes, which this
            // module never does, and is there so that no mistake can read out of bounds.
            Text::InIndex { start, end } => bytes
                .get(*start..*end)
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
        }
    }

    /// A copy that needs no index.
    fn owned(&self, bytes: &[u8]) -> Text {
        Text::Owned(self.get(bytes).into())
    }
}

/// The index an answer's strings are in; None for an answer made from a pickle, which owns
/// them.
type Home = Option<SharedIndex>;

fn bytes_of(home: &Home) -> &[u8] {
    home.as_deref().map_or(&[], canonym::Index::as_bytes)
}

/// A candidate's fields, its strings read against the bytes of its home index.
#[derive(Clone)]
pub struct Fields {
    id: Text,
    kind: Cow<'static, str>,
    label: Text,
    score: f64,
    layer: Cow<'static, str>,
    variant: Text,
    lang: Text,
    distance: Option<u32>,
    wikidata: Option<Text>,
    reading: Option<Reading>,
}

impl Fields {
    /// The fields of a library candidate of the index whose bytes are `bytes`.
    fn new(bytes: &[u8], c: &canonym::Candidate<'_>) -> Fields {
        Fields {
            id: Text::new(c.id, bytes),
            kind: Cow::Borrowed(c.kind.name()),
            label: Text::new(c.label, bytes),
            score: c.score,
            layer: Cow::Borrowed(c.layer.name()),
            variant: Text::new(c.variant, bytes),
            lang: Text::new(c.lang, bytes),
            distance: c.distance,
            wikidata: c.wikidata.map(|qid| Text::new(qid, bytes)),
            reading: c.reading.as_ref().map(|r| Reading {
                query: r.query.clone(),
                rule: Cow::Borrowed(r.rule),
            }),
        }
    }

    /// A copy whose strings are its own.
    fn owned(&self, bytes: &[u8]) -> Fields {
        Fields {
            id: self.id.owned(bytes),
            label: self.label.owned(bytes),
            variant: self.variant.owned(bytes),
            lang: self.lang.owned(bytes),
            wikidata: self.wikidata.as_ref().map(|qid| qid.owned(bytes)),
            ..self.clone()
        }
    }
}

/// One entity a name may refer to, and how the name reached it.
///
/// Attributes:
///     id: the entity's canonical ID (`place/tinzaouatene`).
///     kind: `group`, `organization`, `place` or `person`.
///     label: its preferred label, in the requested language where it has one.
///     score: how well the name matches, from 0 to 1 (1: an exact match of a name).
///     layer: the normalization layer on which the name met the variant: `exact`,
///         `folded`, `latin`, `stem`, `skeleton`, `token` or `fuzzy`.
///     variant: the lexicon name that matched.
///     lang: the variant's language (BCP 47).
///     distance: the edit distance between the Latin keys, on the fuzzy layer; else None.
///     wikidata: the entity's Wikidata QID, when the lexicon gives one.
///     reading: how the name was read when not as written (a title removed...), or None.
#[pyclass(frozen, module = "canonym")]
#[derive(Clone)]
pub struct Candidate {
    home: Home,
    fields: Fields,
}

/// How a name was read when not as written.
///
/// Attributes:
///     query: the name as it was read (`Bamako` for `gouverneur de Bamako`).
///     rule: the rule that read it so (`title removed`...).
#[pyclass(frozen, get_all, module = "canonym")]
#[derive(Clone, Debug)]
pub struct Reading {
    pub query: String,
    pub rule: Cow<'static, str>,
}

impl Candidate {
    /// A library candidate of `index`.
    pub fn new(index: &SharedIndex, c: &canonym::Candidate<'_>) -> Candidate {
        Candidate {
            fields: Fields::new(index.as_bytes(), c),
            home: Some(SharedIndex::clone(index)),
        }
    }

    fn text<'a>(&'a self, text: &'a Text) -> &'a str {
        text.get(bytes_of(&self.home))
    }
}

#[pymethods]
impl Candidate {
    /// The entity's canonical ID.
    #[getter]
    fn id(&self) -> &str {
        self.text(&self.fields.id)
    }

    /// The entity's kind.
    #[getter]
    fn kind(&self) -> &str {
        &self.fields.kind
    }

    /// Its preferred label, in the requested language where it has one.
    #[getter]
    fn label(&self) -> &str {
        self.text(&self.fields.label)
    }

    /// How well the name matches, from 0 to 1.
    #[getter]
    fn score(&self) -> f64 {
        self.fields.score
    }

    /// The normalization layer on which the name met the variant.
    #[getter]
    fn layer(&self) -> &str {
        &self.fields.layer
    }

    /// The lexicon name that matched.
    #[getter]
    fn variant(&self) -> &str {
        self.text(&self.fields.variant)
    }

    /// The variant's language.
    #[getter]
    fn lang(&self) -> &str {
        self.text(&self.fields.lang)
    }

    /// The edit distance between the Latin keys, on the fuzzy layer.
    #[getter]
    fn distance(&self) -> Option<u32> {
        self.fields.distance
    }

    /// The entity's Wikidata QID, when the lexicon gives one.
    #[getter]
    fn wikidata(&self) -> Option<&str> {
        self.fields.wikidata.as_ref().map(|qid| self.text(qid))
    }

    /// How the name was read when not as written.
    #[getter]
    fn reading(&self) -> Option<Reading> {
        self.fields.reading.clone()
    }

    /// A candidate made again from a pickle (the fields of `__reduce__`).
    #[staticmethod]
    #[allow(clippy::too_many_arguments)]
    fn _unpickle(
        id: String,
        kind: String,
        label: String,
        score: f64,
        layer: String,
        variant: String,
        lang: String,
        distance: Option<u32>,
        reading: Option<(String, String)>,
        wikidata: Option<String>,
    ) -> Candidate {
        let own = |s: String| Text::Owned(s.into_boxed_str());
        Candidate {
            home: None,
            fields: Fields {
                id: own(id),
                kind: Cow::Owned(kind),
                label: own(label),
                score,
                layer: Cow::Owned(layer),
                variant: own(variant),
                lang: own(lang),
                distance,
                wikidata: wikidata.map(own),
                reading: reading.map(|(query, rule)| Reading {
                    query,
                    rule: Cow::Owned(rule),
                }),
            },
        }
    }

    /// Pickles the candidate's fields: not its index, which may be large or a file the
    /// unpickling process cannot open.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let unpickle = py.get_type::<Candidate>().getattr("_unpickle")?;
        let reading = self
            .fields
            .reading
            .as_ref()
            .map(|r| (r.query.clone(), r.rule.clone()));
        let fields = (
            self.id(),
            self.kind(),
            self.label(),
            self.score(),
            self.layer(),
            self.variant(),
            self.lang(),
            self.distance(),
            reading,
            self.wikidata(),
        );
        (unpickle, fields).into_pyobject(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "Candidate(id={:?}, kind={:?}, score={:.4}, layer={:?}, variant={:?})",
            self.id(),
            self.kind(),
            self.score(),
            self.layer(),
            self.variant()
        )
    }

    /// The candidate as a dict of its attributes (`reading` as a dict or None).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", self.id())?;
        d.set_item("kind", self.kind())?;
        d.set_item("label", self.label())?;
        d.set_item("score", self.score())?;
        d.set_item("layer", self.layer())?;
        d.set_item("variant", self.variant())?;
        d.set_item("lang", self.lang())?;
        d.set_item("distance", self.distance())?;
        d.set_item("wikidata", self.wikidata())?;
        let reading = match &self.fields.reading {
            Some(r) => {
                let rd = PyDict::new(py);
                rd.set_item("query", &r.query)?;
                rd.set_item("rule", &r.rule)?;
                Some(rd)
            }
            None => None,
        };
        d.set_item("reading", reading)?;
        Ok(d)
    }
}

#[pymethods]
impl Reading {
    #[new]
    fn py_new(query: String, rule: String) -> Reading {
        Reading {
            query,
            rule: Cow::Owned(rule),
        }
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let class = py.get_type::<Reading>();
        (class, (&self.query, &self.rule)).into_pyobject(py)
    }

    fn __eq__(&self, other: &Reading) -> bool {
        self.query == other.query && self.rule == other.rule
    }

    fn __repr__(&self) -> String {
        format!("Reading(query={:?}, rule={:?})", self.query, self.rule)
    }
}

/// A mention of an entity in a text.
///
/// `start` and `end` are offsets in the Python string (code points), so
/// `text[m.start:m.end] == m.text`; `byte_start` and `byte_end` are the same in its UTF-8
/// encoding. `id`, `kind`, `score` and `layer` are those of the best candidate;
/// `candidates` are all the entities the mention may name, best first (never empty).
#[pyclass(frozen, module = "canonym")]
pub struct Mention {
    /// Start offset in the string, in code points.
    #[pyo3(get)]
    pub start: usize,
    /// End offset (exclusive) in the string, in code points.
    #[pyo3(get)]
    pub end: usize,
    /// Start offset in the UTF-8 bytes of the string.
    #[pyo3(get)]
    pub byte_start: usize,
    /// End offset (exclusive) in the UTF-8 bytes of the string.
    #[pyo3(get)]
    pub byte_end: usize,
    /// The mention as written.
    #[pyo3(get)]
    pub text: String,
    home: Home,
    /// Never empty, best first. Made into `Candidate` objects only when Python asks.
    candidates: Vec<Fields>,
}

impl Mention {
    /// A library mention of `index`.
    pub fn new(index: &SharedIndex, m: &canonym::Mention<'_>) -> Mention {
        let bytes = index.as_bytes();
        Mention {
            start: m.char_start,
            end: m.char_end,
            byte_start: m.start,
            byte_end: m.end,
            text: m.text.to_string(),
            candidates: m.candidates.iter().map(|c| Fields::new(bytes, c)).collect(),
            home: Some(SharedIndex::clone(index)),
        }
    }

    fn candidate(&self, fields: &Fields) -> Candidate {
        Candidate {
            home: self.home.clone(),
            fields: fields.clone(),
        }
    }

    fn candidate_objects(&self) -> Vec<Candidate> {
        self.candidates.iter().map(|c| self.candidate(c)).collect()
    }

    fn best(&self) -> &Fields {
        // The library never returns a mention without candidates, nor does `_unpickle`.
        &self.candidates[0]
    }

    fn text<'a>(&'a self, text: &'a Text) -> &'a str {
        text.get(bytes_of(&self.home))
    }
}

#[pymethods]
impl Mention {
    /// The best candidate's canonical ID.
    #[getter]
    fn id(&self) -> &str {
        self.text(&self.best().id)
    }

    /// The best candidate's kind.
    #[getter]
    fn kind(&self) -> &str {
        &self.best().kind
    }

    /// The best candidate's score.
    #[getter]
    fn score(&self) -> f64 {
        self.best().score
    }

    /// The layer on which the best candidate matched.
    #[getter]
    fn layer(&self) -> &str {
        &self.best().layer
    }

    /// The best candidate's label.
    #[getter]
    fn label(&self) -> &str {
        self.text(&self.best().label)
    }

    /// The best candidate.
    #[getter(best)]
    fn best_candidate(&self) -> Candidate {
        self.candidate(self.best())
    }

    /// Every candidate, best first (a new list on each access).
    #[getter]
    fn candidates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        untracked_list(py, self.candidate_objects())
    }

    /// A mention made again from a pickle (the fields of `__reduce__`).
    #[staticmethod]
    fn _unpickle(
        start: usize,
        end: usize,
        byte_start: usize,
        byte_end: usize,
        text: String,
        candidates: Vec<Bound<'_, Candidate>>,
    ) -> PyResult<Mention> {
        if candidates.is_empty() {
            return Err(PyValueError::new_err(
                "a mention has at least one candidate",
            ));
        }
        // Candidates of any index, or of none: each brings its strings along.
        let candidates = candidates
            .iter()
            .map(|c| {
                let c = c.get();
                c.fields.owned(bytes_of(&c.home))
            })
            .collect();
        Ok(Mention {
            start,
            end,
            byte_start,
            byte_end,
            text,
            home: None,
            candidates,
        })
    }

    /// Pickles the mention's fields and its candidates.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let unpickle = py.get_type::<Mention>().getattr("_unpickle")?;
        let fields = (
            self.start,
            self.end,
            self.byte_start,
            self.byte_end,
            &self.text,
            self.candidate_objects(),
        );
        (unpickle, fields).into_pyobject(py)
    }

    fn __repr__(&self) -> String {
        let more = match self.candidates.len() {
            1 => String::new(),
            n => format!(", +{} more", n - 1),
        };
        format!(
            "Mention({}:{} {:?} -> {:?}, {:?}, score={:.4}{more})",
            self.start,
            self.end,
            self.text,
            self.id(),
            self.kind(),
            self.score()
        )
    }

    /// The mention as a dict: start, end, byte_start, byte_end, text, id, kind, score,
    /// layer, and candidates as a list of dicts.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("byte_start", self.byte_start)?;
        d.set_item("byte_end", self.byte_end)?;
        d.set_item("text", &self.text)?;
        d.set_item("id", self.id())?;
        d.set_item("kind", self.kind())?;
        d.set_item("score", self.score())?;
        d.set_item("layer", self.layer())?;
        let candidates = self
            .candidates
            .iter()
            .map(|c| self.candidate(c).to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        d.set_item("candidates", candidates)?;
        Ok(d)
    }
}
