//! `canonym.Index`: an index, and the look-ups and tagging done with it.
//!
//! Every call works without the GIL, so other Python threads run meanwhile; the `_many`
//! calls spread their items over every core (`parallel::map`).

use std::path::PathBuf;
use std::sync::Arc;

use canonym::{Overlaps, Resolver, Tagger};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pyclass::PyClass;
use pyo3::pyclass_init::PyClassInitializer;
use pyo3::types::{PyBytes, PyIterator, PyList, PyString, PyTuple};

use crate::errors::{no_panic, Failure};
use crate::parallel;
use crate::types::{untracked_list, Candidate, Mention};

/// Where an index's bytes are.
pub enum Bytes {
    /// A file, memory-mapped.
    Mapped(memmap2::Mmap),
    /// Compiled in this process from a lexicon folder.
    Compiled(Vec<u8>),
    /// The embedded default lexicon, compiled when canonym was built.
    Embedded(&'static [u8]),
}

/// An index, shared by the Python `Index` and the answers made from it.
pub type SharedIndex = Arc<canonym::Index<Bytes>>;

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        match self {
            Bytes::Mapped(map) => map,
            Bytes::Compiled(bytes) => bytes,
            Bytes::Embedded(bytes) => bytes,
        }
    }
}

/// A compiled canonym lexicon: resolves names and tags texts.
///
/// Make one with `Index.open(path)` (an index file, memory-mapped), `Index.default()` (the
/// embedded Sahel lexicon) or `Index.from_lexicon(folder)` (TOML sources compiled in memory).
/// An index is immutable and thread-safe; its methods release the GIL.
///
///     >>> import canonym
///     >>> index = canonym.Index.default()
///     >>> index.resolve("Tinzawaten")[0].id
///     'place/tinzaouatene'
#[pyclass(frozen, module = "canonym")]
pub struct Index {
    /// Shared with the answers made from it, whose strings are spans of its bytes.
    inner: SharedIndex,
    /// Where it came from, for `repr`.
    origin: String,
    /// How to make it again in another process, for pickle.
    source: Source,
}

/// How an index was made, so that a pickle makes it again: a file is opened again where it is
/// unpickled (memory-mapped, not copied into the pickle), an index compiled in memory travels
/// as its bytes, and the default one as a marker.
#[derive(Clone)]
enum Source {
    File { path: PathBuf, verify: bool },
    Memory,
    Default,
}

/// Options shared by `resolve` and `resolve_many`, checked once.
struct ResolveOptions {
    lang: Option<String>,
    limit: Option<usize>,
    min_score: Option<f64>,
}

impl ResolveOptions {
    fn new(lang: Option<String>, limit: Option<usize>, min_score: Option<f64>) -> PyResult<Self> {
        check_lang(lang.as_deref())?;
        if limit == Some(0) {
            return Err(PyValueError::new_err("limit must be at least 1, or None"));
        }
        if let Some(score) = min_score {
            if !(0.0..=1.0).contains(&score) {
                return Err(PyValueError::new_err(format!(
                    "min_score must be from 0 to 1, not {score}"
                )));
            }
        }
        Ok(ResolveOptions {
            lang,
            limit,
            min_score,
        })
    }
}

fn check_lang(lang: Option<&str>) -> PyResult<()> {
    match lang.map(canonym::lexicon::check_language_tag) {
        Some(Err(why)) => Err(PyValueError::new_err(why)),
        _ => Ok(()),
    }
}

fn overlaps(mode: &str) -> PyResult<Overlaps> {
    match mode {
        "longest" => Ok(Overlaps::Longest),
        "all" => Ok(Overlaps::All),
        other => Err(PyValueError::new_err(format!(
            "overlaps must be 'longest' or 'all', not {other:?}"
        ))),
    }
}

fn threads(threads: Option<usize>) -> PyResult<usize> {
    match threads {
        Some(0) => Err(PyValueError::new_err("threads must be at least 1, or None")),
        Some(n) => Ok(n),
        None => Ok(parallel::default_threads()),
    }
}

/// An iterator over an iterable of str, refusing a lone str (which would be its characters).
fn strings<'py>(items: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyIterator>> {
    if items.is_instance_of::<PyString>() {
        return Err(pyo3::exceptions::PyTypeError::new_err(format!(
            "{what} must be an iterable of str, not a str"
        )));
    }
    items.try_iter()
}

/// A list of `answer` of every string of `items`, made on `threads` workers without the GIL.
/// This thread takes the GIL only to read the strings in, a chunk at a time a few chunks
/// ahead of the workers, and to turn each finished chunk into Python lists and objects while
/// the workers go on: both overlap the work instead of preceding and following it. A string
/// weighs its bytes and `cost`, what an item costs whatever its length.
fn many<T: PyClass + Send>(
    items: &Bound<'_, PyAny>,
    what: &str,
    threads: usize,
    cost: usize,
    answer: impl Fn(&str) -> Result<Vec<T>, Failure> + Sync,
) -> PyResult<Py<PyList>>
where
    PyClassInitializer<T>: From<T>,
{
    let py = items.py();
    let items = strings(items, what)?.unbind();
    let out = PyList::empty(py).unbind();
    py.detach(|| {
        let done = no_panic(|| {
            Ok(parallel::map_in_order(
                threads,
                || {
                    Python::attach(|py| {
                        let strings = items.bind(py).clone().map(|item| item?.extract());
                        parallel::next_chunk(strings, |s: &String| s.len() + cost)
                            .map_err(Failure::Python)
                    })
                },
                |item| answer(item),
                |answers| {
                    Python::attach(|py| {
                        let out = out.bind(py);
                        for answer in answers {
                            let answer = untracked_list(py, answer).map_err(Failure::Python)?;
                            out.append(answer).map_err(Failure::Python)?;
                        }
                        Ok(())
                    })
                },
            ))
        });
        done.and_then(|done| done)
    })
    .map_err(|f| f.into_py(py))?;
    Ok(out)
}

impl Index {
    fn wrap(inner: canonym::Index<Bytes>, origin: String, source: Source) -> Index {
        Index {
            inner: Arc::new(inner),
            origin,
            source,
        }
    }

    /// An index of bytes in memory, checked whole.
    fn in_memory(py: Python<'_>, bytes: Vec<u8>, origin: String) -> PyResult<Index> {
        let built = py.detach(|| {
            no_panic(|| {
                let index = canonym::Index::new(Bytes::Compiled(bytes))?;
                index.verify()?;
                Ok(index)
            })
        });
        let inner = built.map_err(|f| f.into_py(py))?;
        Ok(Index::wrap(inner, origin, Source::Memory))
    }

    fn resolver(&self, options: &ResolveOptions) -> Resolver<'_, Bytes> {
        let mut resolver = Resolver::new(&self.inner);
        if let Some(lang) = &options.lang {
            resolver.lang(lang.clone());
        }
        if let Some(limit) = options.limit {
            resolver.limit(limit);
        }
        if let Some(score) = options.min_score {
            resolver.min_score(score);
        }
        resolver
    }

    fn tagger(&self, lang: Option<String>, overlaps: Overlaps) -> Tagger<'_, Bytes> {
        let mut tagger = Tagger::new(&self.inner);
        tagger.overlaps(overlaps);
        if let Some(lang) = lang {
            tagger.lang(lang);
        }
        tagger
    }

    fn resolve_one(
        &self,
        resolver: &Resolver<'_, Bytes>,
        name: &str,
    ) -> Result<Vec<Candidate>, Failure> {
        no_panic(|| {
            let candidates = resolver.resolve(name)?;
            Ok(candidates
                .iter()
                .map(|c| Candidate::new(&self.inner, c))
                .collect())
        })
    }

    fn tag_one(&self, tagger: &Tagger<'_, Bytes>, text: &str) -> Result<Vec<Mention>, Failure> {
        no_panic(|| {
            let mentions = tagger.tag(text)?;
            Ok(mentions
                .iter()
                .map(|m| Mention::new(&self.inner, m))
                .collect())
        })
    }
}

#[pymethods]
impl Index {
    /// Opens an index file (made by `canonym build`) by memory map.
    ///
    /// With `verify` (the default) every byte is checked once, which reads the whole file;
    /// without it only the header is, and damaged bytes may give errors later.
    /// Raises OSError if the file cannot be read, canonym.IndexError if it is not a valid
    /// index of this version.
    #[staticmethod]
    #[pyo3(signature = (path, *, verify = true))]
    fn open(py: Python<'_>, path: PathBuf, verify: bool) -> PyResult<Index> {
        let opened = py.detach(|| {
            no_panic(|| {
                let mapped = canonym::Index::open(&path)?;
                let index = canonym::Index::new(Bytes::Mapped(mapped.into_data()))?;
                if verify {
                    index.verify().map_err(|e| e.at_path(&path))?;
                }
                Ok(index)
            })
        });
        let inner = opened.map_err(|f| f.into_py(py))?;
        let origin = path.display().to_string();
        // The absolute path, so that a pickle opens the same file from another directory.
        let path = std::path::absolute(&path).unwrap_or(path);
        Ok(Index::wrap(inner, origin, Source::File { path, verify }))
    }

    /// The index of the embedded default lexicon (the Sahel conflicts), compiled when canonym
    /// was built: opening it reads no more than its header.
    #[staticmethod]
    fn default(py: Python<'_>) -> PyResult<Index> {
        let built = py.detach(|| {
            no_panic(|| {
                // Trusted as the library trusts them: built by the same code, when the crate
                // was, so no check of the whole is needed (`Index::verify` took 10 ms).
                canonym::default_index_in(Bytes::Embedded)
            })
        });
        let inner = built.map_err(|f| f.into_py(py))?;
        Ok(Index::wrap(
            inner,
            "the default lexicon".to_string(),
            Source::Default,
        ))
    }

    /// Loads, checks and compiles a lexicon folder of TOML sources, in memory.
    ///
    /// Raises canonym.LexiconError (with `file`, `line`, `column` and `diagnostics`) if the
    /// sources have errors, OSError if they cannot be read.
    #[staticmethod]
    fn from_lexicon(py: Python<'_>, path: PathBuf) -> PyResult<Index> {
        let built =
            py.detach(|| no_panic(|| canonym::index::build(&canonym::Lexicon::load_dir(&path)?)));
        let bytes = built.map_err(|f| f.into_py(py))?;
        Index::in_memory(py, bytes, path.display().to_string())
    }

    /// An index from its bytes (those `save` writes), copied into memory and checked whole.
    ///
    /// Raises canonym.IndexError if they are not a valid index of this version.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<Index> {
        Index::in_memory(py, data.to_vec(), "bytes".to_string())
    }

    /// The index's bytes, as `save` writes them.
    fn to_bytes<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, self.inner.as_bytes())
    }

    /// Pickles an index opened from a file as its path (absolute) and `verify`: unpickling
    /// memory-maps the file again, so it must be there (on a cluster, ship it with
    /// `SparkContext.addFile` or a shared file system). The default index pickles as a
    /// marker, one compiled in memory as its bytes.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let class = py.get_type::<Index>();
        match &self.source {
            Source::File { path, verify } => {
                let open = class.getattr("_reopen")?;
                (open, (path.clone(), *verify)).into_pyobject(py)
            }
            Source::Memory => {
                let from_bytes = class.getattr("from_bytes")?;
                (from_bytes, (self.to_bytes(py),)).into_pyobject(py)
            }
            Source::Default => (class.getattr("default")?, ()).into_pyobject(py),
        }
    }

    /// `open(path, verify=verify)`, positionally, for pickle.
    #[staticmethod]
    fn _reopen(py: Python<'_>, path: PathBuf, verify: bool) -> PyResult<Index> {
        Index::open(py, path, verify)
    }

    /// Writes the index to a file (all or nothing), to open later with `Index.open`.
    fn save(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| no_panic(|| canonym::write_atomically(&path, self.inner.as_bytes())))
            .map_err(|f| f.into_py(py))
    }

    /// The entities a name may refer to, best first.
    ///
    /// `lang` prefers labels in that language (a BCP 47 tag such as `fr`); `limit` keeps the
    /// best ones only; `min_score` drops candidates scoring less (default 0.5). A name the
    /// lexicon does not know gives an empty list.
    #[pyo3(signature = (name, lang = None, limit = None, *, min_score = None))]
    fn resolve<'py>(
        &self,
        py: Python<'py>,
        name: &str,
        lang: Option<String>,
        limit: Option<usize>,
        min_score: Option<f64>,
    ) -> PyResult<Bound<'py, PyList>> {
        let options = ResolveOptions::new(lang, limit, min_score)?;
        let candidates = py
            .detach(|| self.resolve_one(&self.resolver(&options), name))
            .map_err(|f| f.into_py(py))?;
        untracked_list(py, candidates)
    }

    /// `resolve` of every name, on `threads` threads (default: one per core), without the
    /// GIL: a list of candidate lists, in the order of the names.
    #[pyo3(signature = (names, lang = None, limit = None, *, min_score = None, threads = None))]
    fn resolve_many(
        &self,
        names: &Bound<'_, PyAny>,
        lang: Option<String>,
        limit: Option<usize>,
        min_score: Option<f64>,
        threads: Option<usize>,
    ) -> PyResult<Py<PyList>> {
        let options = ResolveOptions::new(lang, limit, min_score)?;
        let threads = self::threads(threads)?;
        let resolver = self.resolver(&options);
        // A look-up costs more than the bytes of its name.
        many(names, "names", threads, 64, |name| {
            self.resolve_one(&resolver, name)
        })
    }

    /// The mentions of entities in a text, in text order.
    ///
    /// `start` and `end` of each mention are offsets in `text` as a Python string.
    /// `overlaps="longest"` (the default) gives the longest non-overlapping mentions;
    /// `"all"` gives every match, overlapping ones included. `lang` prefers labels in that
    /// language.
    #[pyo3(signature = (text, lang = None, *, overlaps = "longest"))]
    fn tag<'py>(
        &self,
        py: Python<'py>,
        text: &str,
        lang: Option<String>,
        overlaps: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        check_lang(lang.as_deref())?;
        let overlaps = self::overlaps(overlaps)?;
        let mentions = py
            .detach(|| self.tag_one(&self.tagger(lang, overlaps), text))
            .map_err(|f| f.into_py(py))?;
        untracked_list(py, mentions)
    }

    /// `tag` of every text, on `threads` threads (default: one per core), without the GIL:
    /// a list of mention lists, in the order of the texts.
    #[pyo3(signature = (texts, lang = None, *, overlaps = "longest", threads = None))]
    fn tag_many(
        &self,
        texts: &Bound<'_, PyAny>,
        lang: Option<String>,
        overlaps: &str,
        threads: Option<usize>,
    ) -> PyResult<Py<PyList>> {
        check_lang(lang.as_deref())?;
        let overlaps = self::overlaps(overlaps)?;
        let threads = self::threads(threads)?;
        let tagger = self.tagger(lang, overlaps);
        many(texts, "texts", threads, 16, |text| {
            self.tag_one(&tagger, text)
        })
    }

    /// The number of entities.
    #[getter]
    fn entity_count(&self) -> usize {
        self.inner.entity_count()
    }

    /// The number of variants (names) of all entities.
    #[getter]
    fn variant_count(&self) -> usize {
        self.inner.variant_count()
    }

    /// Whether the index has an entity with this canonical ID.
    fn __contains__(&self, py: Python<'_>, id: &str) -> PyResult<bool> {
        no_panic(|| Ok(self.inner.entity(id)?.is_some())).map_err(|f| f.into_py(py))
    }

    fn __repr__(&self) -> String {
        format!(
            "<canonym.Index of {}: {} entities, {} names>",
            self.origin,
            self.inner.entity_count(),
            self.inner.variant_count()
        )
    }
}
