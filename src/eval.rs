//! Scoring against gold sets: mentions in running text by precision, recall and F1; single
//! names by top-1 accuracy and mean reciprocal rank; and the difference between two runs.
//!
//! ```
//! use canonym::eval;
//!
//! let index = canonym::default_index()?;
//! let corpus = eval::load_corpus("seeds")?;
//! let report = eval::evaluate_text(index, &corpus)?;
//! assert!(report.overall.f1() > 0.9);
//! # Ok::<(), canonym::Error>(())
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::index::Index;
use crate::tag::{Mention, Tagger};

/// A gold mention: a span of a document and the entity it names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldMention {
    /// UTF-8 byte offset of the start.
    pub start: usize,
    /// UTF-8 byte offset of the end (exclusive).
    pub end: usize,
    /// Code-point offset of the start.
    pub char_start: usize,
    /// Code-point offset of the end (exclusive).
    pub char_end: usize,
    /// The text of the span.
    pub text: String,
    /// The canonical ID.
    pub id: String,
}

/// A document of a gold corpus.
#[derive(Clone, Debug)]
pub struct Document {
    /// The document's name (its file name).
    pub name: String,
    /// Its text.
    pub text: String,
    /// Its gold mentions, in text order.
    pub gold: Vec<GoldMention>,
}

/// Reads a gold TSV (`start end char_start char_end text id`, with a header line), checking
/// each row against `text`: both spans must slice the text to the row's `text`.
pub fn read_gold(path: &Path, text: &str) -> Result<Vec<GoldMention>> {
    let source = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut gold = Vec::new();
    let mut problems = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_to_byte = |c: usize| {
        chars
            .get(c)
            .map(|(b, _)| *b)
            .or((c == chars.len()).then_some(text.len()))
    };
    for (number, line) in source.lines().enumerate().skip(1) {
        if line.trim().is_empty() {
            continue;
        }
        let mut problem = |column: usize, message: String| {
            problems.push(Diagnostic {
                path: path.to_path_buf(),
                line: number + 1,
                column,
                message,
            });
        };
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != 6 {
            problem(
                1,
                format!("expected 6 tab-separated fields, found {}", fields.len()),
            );
            continue;
        }
        let numbers: Vec<Option<usize>> = fields[..4].iter().map(|f| f.parse().ok()).collect();
        let [Some(start), Some(end), Some(char_start), Some(char_end)] = numbers[..] else {
            problem(1, "the four offsets must be whole numbers".into());
            continue;
        };
        let mention = GoldMention {
            start,
            end,
            char_start,
            char_end,
            text: fields[4].to_string(),
            id: fields[5].to_string(),
        };
        if text.get(start..end) != Some(mention.text.as_str()) {
            problem(
                1,
                format!(
                    "bytes {start}..{end} do not slice the text to {:?}",
                    mention.text
                ),
            );
            continue;
        }
        let by_chars = char_to_byte(char_start).zip(char_to_byte(char_end));
        if by_chars != Some((start, end)) {
            problem(
                1,
                format!("code points {char_start}..{char_end} do not match bytes {start}..{end}"),
            );
            continue;
        }
        gold.push(mention);
    }
    if !problems.is_empty() {
        return Err(Error::new(ErrorKind::Input(problems)));
    }
    gold.sort_by_key(|m| (m.start, m.end));
    Ok(gold)
}

/// Loads every `NAME.txt` of `dir` that has a `NAME.gold.tsv` beside it, in name order.
pub fn load_corpus(dir: impl AsRef<Path>) -> Result<Vec<Document>> {
    load_with(dir.as_ref(), "gold.tsv")
}

/// Loads every `NAME.txt` of `dir` that has a `NAME.desc.tsv` beside it, in name order, with
/// the descriptions of that file as its gold: the noun phrases that refer to one organisation
/// without naming it (rule 10 of seeds/README.md), scored by [`evaluate_descriptions`].
pub fn load_descriptions(dir: impl AsRef<Path>) -> Result<Vec<Document>> {
    load_with(dir.as_ref(), "desc.tsv")
}

/// The documents of `dir` whose gold is in `NAME.<gold_extension>`.
fn load_with(dir: &Path, gold_extension: &str) -> Result<Vec<Document>> {
    let gold_path = |text: &Path| text.with_extension(gold_extension);
    let mut texts: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .filter(|path| gold_path(path).exists())
        .collect();
    texts.sort();
    if texts.is_empty() {
        return Err(Error::io(
            dir,
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("no gold documents (NAME.txt with NAME.{gold_extension}) in this folder"),
            ),
        ));
    }
    let mut corpus = Vec::with_capacity(texts.len());
    for path in texts {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let gold = read_gold(&gold_path(&path), &text)?;
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        corpus.push(Document { name, text, gold });
    }
    Ok(corpus)
}

/// True positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Counts {
    /// Mentions found with the right span and ID.
    pub tp: usize,
    /// Mentions found that are not in the gold set.
    pub fp: usize,
    /// Gold mentions not found.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// tp / (tp + fp), 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), 1 when there was nothing to find.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A mention in a report: where it is and which entity it names.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Outcome {
    /// The document.
    pub doc: String,
    /// UTF-8 byte offset of the start.
    pub start: usize,
    /// UTF-8 byte offset of the end.
    pub end: usize,
    /// The text of the span.
    pub text: String,
    /// The entity: the gold one for hits and misses, the predicted one for false hits.
    pub id: String,
    /// For a miss, what the tagger said at the same span, if anything.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub got: Option<String>,
}

/// The scores of a tagging run against a gold corpus.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextReport {
    /// Over all mentions.
    pub overall: Counts,
    /// By entity kind.
    pub per_kind: BTreeMap<String, Counts>,
    /// By entity ID.
    pub per_entity: BTreeMap<String, Counts>,
    /// Gold mentions found.
    pub hits: Vec<Outcome>,
    /// Gold mentions missed (or found with another span or ID).
    pub misses: Vec<Outcome>,
    /// Mentions found that are not gold.
    pub false_hits: Vec<Outcome>,
}

/// Tags every document and scores the mentions: a mention counts when its span and its best
/// candidate's ID are both the gold ones.
pub fn evaluate_text<D: AsRef<[u8]>>(index: &Index<D>, corpus: &[Document]) -> Result<TextReport> {
    let tagger = Tagger::new(index);
    score(index, corpus, |text| Ok(spans(&tagger.tag(text)?)))
}

/// Tags every document with descriptions on (see [`Tagger::descriptions`]) and scores its
/// descriptions alone against a corpus of [`load_descriptions`], as [`evaluate_text`] scores
/// names.
pub fn evaluate_descriptions<D: AsRef<[u8]>>(
    index: &Index<D>,
    corpus: &[Document],
) -> Result<TextReport> {
    let mut tagger = Tagger::new(index);
    tagger.descriptions(true)?;
    score(index, corpus, |text| {
        let mut mentions = tagger.tag(text)?;
        mentions.retain(|m| m.is_description());
        Ok(spans(&mentions))
    })
}

/// Each mention's span and the ID of its best candidate.
fn spans(mentions: &[Mention<'_>]) -> BTreeMap<(usize, usize), String> {
    mentions
        .iter()
        .map(|m| ((m.start, m.end), m.best().id.to_string()))
        .collect()
}

/// Scores the mentions that `tag` finds in each document (their spans and IDs) against its
/// gold.
fn score<D: AsRef<[u8]>>(
    index: &Index<D>,
    corpus: &[Document],
    tag: impl Fn(&str) -> Result<BTreeMap<(usize, usize), String>>,
) -> Result<TextReport> {
    let mut report = TextReport::default();
    for doc in corpus {
        let found = tag(&doc.text)?;
        let gold: BTreeMap<(usize, usize), &GoldMention> =
            doc.gold.iter().map(|g| ((g.start, g.end), g)).collect();
        let outcome = |(start, end): (usize, usize), id: &str, got: Option<String>| Outcome {
            doc: doc.name.clone(),
            start,
            end,
            text: doc.text[start..end].to_string(),
            id: id.to_string(),
            got,
        };
        for (&span, g) in &gold {
            let kind = kind_of(index, &g.id)?;
            let got = found.get(&span);
            if got == Some(&g.id) {
                report.count(&kind, &g.id, |c| c.tp += 1);
                report.hits.push(outcome(span, &g.id, None));
            } else {
                report.count(&kind, &g.id, |c| c.fn_ += 1);
                report.misses.push(outcome(span, &g.id, got.cloned()));
            }
        }
        for (&span, id) in &found {
            if gold.get(&span).is_some_and(|g| &g.id == id) {
                continue;
            }
            let kind = kind_of(index, id)?;
            report.count(&kind, id, |c| c.fp += 1);
            report.false_hits.push(outcome(span, id, None));
        }
    }
    Ok(report)
}

impl TextReport {
    fn count(&mut self, kind: &str, id: &str, add: impl Fn(&mut Counts)) {
        add(&mut self.overall);
        add(self.per_kind.entry(kind.to_string()).or_default());
        add(self.per_entity.entry(id.to_string()).or_default());
    }
}

fn kind_of<D: AsRef<[u8]>>(index: &Index<D>, id: &str) -> Result<String> {
    Ok(index
        .entity(id)?
        .map_or_else(|| "unknown".to_string(), |e| e.kind.to_string()))
}

/// What changed between a saved run and this one.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct Comparison {
    /// Gold mentions missed before and found now.
    pub fixed: Vec<Outcome>,
    /// Gold mentions found before and missed now.
    pub broken: Vec<Outcome>,
    /// False hits that are new.
    pub new_false_hits: Vec<Outcome>,
    /// False hits that are gone.
    pub gone_false_hits: Vec<Outcome>,
}

impl Comparison {
    /// Whether the current run is worse somewhere: a gold mention it lost or a false hit it
    /// gained (the F1 can only drop through one of them).
    pub fn regressed(&self) -> bool {
        !self.broken.is_empty() || !self.new_false_hits.is_empty()
    }

    /// What regressed, in words: `2 gold mentions broken, 1 new false hit`.
    pub fn regression_summary(&self) -> String {
        let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        format!(
            "{} broken, {}",
            count(self.broken.len(), "gold mention"),
            count(self.new_false_hits.len(), "new false hit")
        )
    }
}

/// Compares `baseline` (an earlier run) with `current`.
pub fn compare(baseline: &TextReport, current: &TextReport) -> Comparison {
    let key = |o: &Outcome| (o.doc.clone(), o.start, o.end, o.id.clone());
    let set = |list: &[Outcome]| list.iter().map(key).collect::<BTreeSet<_>>();
    let (before_hits, now_hits) = (set(&baseline.hits), set(&current.hits));
    let (before_fp, now_fp) = (set(&baseline.false_hits), set(&current.false_hits));
    Comparison {
        fixed: current
            .hits
            .iter()
            .filter(|o| !before_hits.contains(&key(o)))
            .cloned()
            .collect(),
        broken: baseline
            .hits
            .iter()
            .filter(|o| !now_hits.contains(&key(o)))
            .cloned()
            .collect(),
        new_false_hits: current
            .false_hits
            .iter()
            .filter(|o| !before_fp.contains(&key(o)))
            .cloned()
            .collect(),
        gone_false_hits: baseline
            .false_hits
            .iter()
            .filter(|o| !now_fp.contains(&key(o)))
            .cloned()
            .collect(),
    }
}

/// A row of a name table: a name and the ID it should resolve to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRow {
    /// The name.
    pub name: String,
    /// The expected ID.
    pub id: String,
    /// The row's line in its file.
    pub line: usize,
}

/// Reads a name table: `NAME<TAB>ID[<TAB>anything]` per line. A line that starts with `# `
/// (or is `#` alone) is a comment; `#JNIM` is a hashtag, a name like any other.
pub fn read_names(path: &Path) -> Result<Vec<NameRow>> {
    let source = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for (number, line) in source.lines().enumerate() {
        if line.starts_with("# ") || line.trim() == "#" || line.trim().is_empty() {
            continue;
        }
        match line.split('\t').collect::<Vec<_>>()[..] {
            [name, id, ..] if !name.is_empty() && !id.is_empty() => rows.push(NameRow {
                name: name.to_string(),
                id: id.to_string(),
                line: number + 1,
            }),
            _ => problems.push(Diagnostic {
                path: path.to_path_buf(),
                line: number + 1,
                column: 1,
                message: "expected NAME<TAB>ID".into(),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(Error::new(ErrorKind::Input(problems)));
    }
    Ok(rows)
}

/// The scores of resolving a name table.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NameReport {
    /// Rows scored.
    pub rows: usize,
    /// Rows whose best candidate is the expected ID.
    pub top1: usize,
    /// top1 / rows.
    pub accuracy: f64,
    /// Mean over rows of 1 / rank of the expected ID (0 when absent).
    pub mrr: f64,
    /// The rows not resolved top-1: name, expected ID, and what came first.
    pub failures: Vec<NameFailure>,
}

/// A row that did not resolve top-1.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NameFailure {
    /// The name.
    pub name: String,
    /// The expected ID.
    pub expected: String,
    /// The best candidate's ID, if any.
    pub got: Option<String>,
    /// The expected ID's rank (1-based), if it is among the candidates.
    pub rank: Option<usize>,
}

/// Resolves every row and scores top-1 accuracy and mean reciprocal rank.
pub fn evaluate_names<D: AsRef<[u8]>>(index: &Index<D>, rows: &[NameRow]) -> Result<NameReport> {
    let mut report = NameReport {
        rows: rows.len(),
        ..NameReport::default()
    };
    let mut reciprocal = 0.0;
    for row in rows {
        let candidates = index.resolve(&row.name)?;
        let rank = candidates
            .iter()
            .position(|c| c.id == row.id)
            .map(|r| r + 1);
        if let Some(rank) = rank {
            reciprocal += 1.0 / rank as f64;
        }
        if rank == Some(1) {
            report.top1 += 1;
        } else {
            report.failures.push(NameFailure {
                name: row.name.clone(),
                expected: row.id.clone(),
                got: candidates.first().map(|c| c.id.to_string()),
                rank,
            });
        }
    }
    report.accuracy = ratio(report.top1, report.rows);
    report.mrr = if rows.is_empty() {
        1.0
    } else {
        reciprocal / rows.len() as f64
    };
    Ok(report)
}
