//! What a linguist should review next: names in a corpus that nearly match an entity but are
//! not in the lexicon, and acronyms defined in the text ("Groupe de soutien à l'islam et aux
//! musulmans (GSIM)") that the lexicon lacks.

use std::collections::BTreeMap;

use crate::error::Result;
use crate::index::Index;
use crate::normalize::{self, Layer};
use crate::resolve::MIN_SCORE;
use crate::tag::tokenize;

/// Where a suggestion was seen.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Seen {
    /// The document (its path).
    pub doc: String,
    /// 1-based line.
    pub line: usize,
    /// The line, shortened around the name.
    pub context: String,
}

/// One thing to review.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Suggestion {
    /// The name as written in the text.
    pub text: String,
    /// What to do with it.
    pub action: Action,
    /// How sure the suggestion is, in [0, 1].
    pub confidence: f64,
    /// Every place it was seen.
    pub seen: Vec<Seen>,
}

/// What a suggestion proposes.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Add the text as a name of this entity, which it nearly matches on this layer.
    AddName {
        /// The entity.
        id: String,
        /// The lexicon name it is close to.
        near: String,
        /// The layer on which it matched.
        layer: Layer,
        /// The form it probably is.
        acronym: bool,
    },
    /// A name and its acronym defined together, neither in the lexicon: a new entity.
    NewEntity {
        /// The full name.
        name: String,
        /// The acronym.
        acronym: String,
    },
}

/// Collects suggestions from documents, given as (name, text), best first.
pub fn suggest<D: AsRef<[u8]>>(
    index: &Index<D>,
    documents: &[(String, String)],
) -> Result<Vec<Suggestion>> {
    let mut found: BTreeMap<(String, String), Suggestion> = BTreeMap::new();
    for (doc, text) in documents {
        for (number, line) in text.lines().enumerate() {
            let seen = |start: usize, end: usize| Seen {
                doc: doc.clone(),
                line: number + 1,
                context: context(line, start, end),
            };
            let tagged = index.tag(line)?;
            // A mention found on a loose layer is a spelling the lexicon lacks: to suggest.
            let covered = |start: usize, end: usize| {
                tagged
                    .iter()
                    .any(|m| m.start < end && start < m.end && m.best().layer < Layer::Skeleton)
            };
            let tokens = tokenize(line);
            let words: Vec<&str> = tokens.iter().map(|t| &line[t.start..t.end]).collect();

            // Capitalized runs of up to four words that no mention covers and that reach an
            // entity only on a loose layer.
            let mut i = 0;
            while i < tokens.len() {
                // A capitalized article or preposition starts a sentence ("À Ouagadougou"),
                // not a name: the run starts after it.
                if !starts_upper(words[i])
                    || is_function_word(words[i])
                    || covered(tokens[i].start, tokens[i].end)
                {
                    i += 1;
                    continue;
                }
                let mut j = i;
                while j + 1 < tokens.len()
                    && j + 1 - i < 4
                    && starts_upper(words[j + 1])
                    && line[tokens[j].end..tokens[j + 1].start]
                        .chars()
                        .all(|c| c == ' ' || c == '-')
                {
                    j += 1;
                }
                let (start, end) = (tokens[i].start, tokens[j].end);
                let span = &line[start..end];
                if let Some(best) = index.resolve(span)?.into_iter().next() {
                    if matches!(best.layer, Layer::Skeleton | Layer::Fuzzy)
                        && best.score >= MIN_SCORE
                    {
                        let entry = found
                            .entry((span.to_string(), best.id.to_string()))
                            .or_insert_with(|| Suggestion {
                                text: span.to_string(),
                                action: Action::AddName {
                                    id: best.id.to_string(),
                                    near: best.variant.to_string(),
                                    layer: best.layer,
                                    acronym: is_acronym(span),
                                },
                                confidence: best.score,
                                seen: Vec::new(),
                            });
                        entry.seen.push(seen(start, end));
                    }
                }
                i = j + 1;
            }

            // Definitions: a name followed by its acronym in brackets.
            for (k, token) in tokens.iter().enumerate() {
                let acronym = words[k];
                let before = line[..token.start].trim_end();
                let after = &line[token.end..];
                if !is_acronym(acronym)
                    || !before.ends_with('(')
                    || !after.trim_start().starts_with(')')
                {
                    continue;
                }
                let Some(first) = expansion_start(&words[..k], acronym) else {
                    continue;
                };
                let (start, end) = (tokens[first].start, tokens[k - 1].end);
                let name = &line[start..end];
                let name_entity = index
                    .resolve(name)?
                    .into_iter()
                    .find(|c| c.layer <= Layer::Folded);
                let acronym_entity = index
                    .resolve(acronym)?
                    .into_iter()
                    .find(|c| c.layer == Layer::Exact);
                let (text, action, confidence, at) = match (name_entity, acronym_entity) {
                    (Some(_), Some(_)) => continue,
                    (Some(entity), None) => (
                        acronym.to_string(),
                        Action::AddName {
                            id: entity.id.to_string(),
                            near: entity.variant.to_string(),
                            layer: Layer::Exact,
                            acronym: true,
                        },
                        0.9,
                        (token.start, token.end),
                    ),
                    (None, Some(entity)) => (
                        name.to_string(),
                        Action::AddName {
                            id: entity.id.to_string(),
                            near: entity.variant.to_string(),
                            layer: Layer::Exact,
                            acronym: false,
                        },
                        0.9,
                        (start, end),
                    ),
                    // The whole definition, its closing bracket included.
                    (None, None) => (
                        name.to_string(),
                        Action::NewEntity {
                            name: name.to_string(),
                            acronym: acronym.to_string(),
                        },
                        0.8,
                        (start, token.end + after.find(')').map_or(0, |at| at + 1)),
                    ),
                };
                let key = match &action {
                    Action::AddName { id, .. } => (text.clone(), id.clone()),
                    Action::NewEntity { acronym, .. } => (text.clone(), format!("new:{acronym}")),
                };
                found
                    .entry(key)
                    .or_insert_with(|| Suggestion {
                        text,
                        action,
                        confidence,
                        seen: Vec::new(),
                    })
                    .seen
                    .push(seen(at.0, at.1));
            }
        }
    }
    let mut suggestions: Vec<Suggestion> = found.into_values().collect();
    // Frequent and confident first: what the linguist's time is best spent on.
    suggestions.sort_by(|a, b| {
        let weight = |s: &Suggestion| s.seen.len() as f64 * s.confidence;
        weight(b).total_cmp(&weight(a)).then(a.text.cmp(&b.text))
    });
    Ok(suggestions)
}

/// The first word of the expansion of `acronym` among the words before it: the start from
/// which the content words number as many as the acronym's letters, and their initials spell
/// it.
fn expansion_start(words: &[&str], acronym: &str) -> Option<usize> {
    let letters: Vec<char> = normalize::folded(acronym)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    let is_content = |w: &str| !is_function_word(w);
    let mut initials = Vec::new();
    for start in (0..words.len()).rev().take(16) {
        if is_content(words[start]) {
            initials.insert(0, normalize::folded(words[start]).chars().next()?);
        }
        if initials.len() == letters.len() {
            return (initials == letters && starts_upper(words[start])).then_some(start);
        }
    }
    None
}

fn is_function_word(word: &str) -> bool {
    normalize::lang::is_function_word(&normalize::folded(word))
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Two to eight letters, mostly capitals: JNIM, GSIM, FAMa, CSP-DPA's parts.
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = word.chars().filter(|c| c.is_uppercase()).count();
    (2..=8).contains(&letters) && capitals * 2 > letters && starts_upper(word)
}

/// The line around bytes `start..end`, shortened to about 60 characters each side.
fn context(line: &str, start: usize, end: usize) -> String {
    let before: String = line[..start]
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = line[end..].chars().take(60).collect();
    format!("{before}[{}]{after}", &line[start..end])
        .trim()
        .to_string()
}
