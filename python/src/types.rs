//! The answers, as Python objects: owned copies of the library's `Candidate` and `Mention`,
//! made without the GIL (so on every core) and handed to Python once done.

use std::borrow::Cow;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple};

use crate::errors::no_panic;
use crate::index::SharedIndex;

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
    #[pyo3(get)]
    pub id: String,
    #[pyo3(get)]
    pub kind: Cow<'static, str>,
    #[pyo3(get)]
    pub label: String,
    #[pyo3(get)]
    pub score: f64,
    #[pyo3(get)]
    pub layer: Cow<'static, str>,
    #[pyo3(get)]
    pub variant: String,
    #[pyo3(get)]
    pub lang: String,
    #[pyo3(get)]
    pub distance: Option<u32>,
    #[pyo3(get)]
    pub reading: Option<Reading>,
    /// The Wikidata QID, read on demand: most answers never ask, and a look-up of the entity
    /// by ID for each would cost tagging some 5%.
    wikidata: Wikidata,
}

/// A candidate's Wikidata QID: to read from its index, or read already (a candidate from a
/// pickle carries it, not its index).
#[derive(Clone)]
enum Wikidata {
    InIndex(SharedIndex),
    Known(Option<String>),
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
    /// An owned copy of a library candidate.
    pub fn new(index: &SharedIndex, c: &canonym::Candidate<'_>) -> Candidate {
        Candidate {
            id: c.id.to_string(),
            kind: Cow::Borrowed(c.kind.name()),
            label: c.label.to_string(),
            score: c.score,
            layer: Cow::Borrowed(c.layer.name()),
            variant: c.variant.to_string(),
            lang: c.lang.to_string(),
            distance: c.distance,
            reading: c.reading.as_ref().map(|r| Reading {
                query: r.query.clone(),
                rule: Cow::Borrowed(r.rule),
            }),
            wikidata: Wikidata::InIndex(SharedIndex::clone(index)),
        }
    }
}

#[pymethods]
impl Candidate {
    /// The entity's Wikidata QID, when the lexicon gives one.
    #[getter]
    fn wikidata(&self, py: Python<'_>) -> PyResult<Option<String>> {
        match &self.wikidata {
            Wikidata::InIndex(index) => no_panic(|| match index.entity(&self.id)? {
                Some(entity) => Ok(entity.wikidata()?.map(str::to_string)),
                None => Ok(None),
            })
            .map_err(|f| f.into_py(py)),
            Wikidata::Known(qid) => Ok(qid.clone()),
        }
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
        Candidate {
            id,
            kind: Cow::Owned(kind),
            label,
            score,
            layer: Cow::Owned(layer),
            variant,
            lang,
            distance,
            reading: reading.map(|(query, rule)| Reading {
                query,
                rule: Cow::Owned(rule),
            }),
            wikidata: Wikidata::Known(wikidata),
        }
    }

    /// Pickles the candidate's fields, its Wikidata QID read: not its index, which may be
    /// large or a file the unpickling process cannot open.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let unpickle = py.get_type::<Candidate>().getattr("_unpickle")?;
        let reading = self
            .reading
            .as_ref()
            .map(|r| (r.query.clone(), r.rule.clone()));
        let fields = (
            &self.id,
            &self.kind,
            &self.label,
            self.score,
            &self.layer,
            &self.variant,
            &self.lang,
            self.distance,
            reading,
            self.wikidata(py)?,
        );
        (unpickle, fields).into_pyobject(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "Candidate(id={:?}, kind={:?}, score={:.4}, layer={:?}, variant={:?})",
            self.id, self.kind, self.score, self.layer, self.variant
        )
    }

    /// The candidate as a dict of its attributes (`reading` as a dict or None).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("id", &self.id)?;
        d.set_item("kind", &self.kind)?;
        d.set_item("label", &self.label)?;
        d.set_item("score", self.score)?;
        d.set_item("layer", &self.layer)?;
        d.set_item("variant", &self.variant)?;
        d.set_item("lang", &self.lang)?;
        d.set_item("distance", self.distance)?;
        d.set_item("wikidata", self.wikidata(py)?)?;
        let reading = match &self.reading {
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
#[derive(Clone)]
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
    /// Never empty, best first.
    pub candidates: Vec<Candidate>,
}

impl Mention {
    /// An owned copy of a library mention.
    pub fn new(index: &SharedIndex, m: &canonym::Mention<'_>) -> Mention {
        Mention {
            start: m.char_start,
            end: m.char_end,
            byte_start: m.start,
            byte_end: m.end,
            text: m.text.to_string(),
            candidates: m
                .candidates
                .iter()
                .map(|c| Candidate::new(index, c))
                .collect(),
        }
    }

    fn best(&self) -> &Candidate {
        // The library never returns a mention without candidates.
        &self.candidates[0]
    }
}

#[pymethods]
impl Mention {
    /// The best candidate's canonical ID.
    #[getter]
    fn id(&self) -> &str {
        &self.best().id
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
        &self.best().label
    }

    /// The best candidate.
    #[getter(best)]
    fn best_candidate(&self) -> Candidate {
        self.best().clone()
    }

    /// Every candidate, best first (a new list on each access).
    #[getter]
    fn candidates(&self) -> Vec<Candidate> {
        self.candidates.clone()
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
        let candidates: Vec<Candidate> = candidates.iter().map(|c| c.get().clone()).collect();
        if candidates.is_empty() {
            return Err(PyValueError::new_err(
                "a mention has at least one candidate",
            ));
        }
        Ok(Mention {
            start,
            end,
            byte_start,
            byte_end,
            text,
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
            self.candidates.clone(),
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
            .map(|c| c.to_dict(py))
            .collect::<PyResult<Vec<_>>>()?;
        d.set_item("candidates", candidates)?;
        Ok(d)
    }
}
