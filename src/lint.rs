//! What only a lexicon tool can see: names that meet other entities' names on some layer,
//! acronym clashes, missing labels, and variants that look wrong.
//!
//! The loader already refuses what is malformed; lint looks at a lexicon that loads.
//!
//! ```
//! use canonym::lint::{lint, Severity};
//!
//! let findings = lint(&canonym::default_lexicon()?);
//! assert!(findings.iter().all(|f| f.severity != Severity::Error));
//! # Ok::<(), canonym::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use crate::index::is_indexed;
use crate::lexicon::validate::char_script;
use crate::lexicon::{Entity, Form, Lexicon, Location, Name};
use crate::normalize::{self, Layer};
use crate::printable::Printable;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// For information: expected, but worth knowing (names shared by entities with cues).
    Note,
    /// Probably a mistake, or something the tagger cannot resolve.
    Warning,
    /// A mistake.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One thing lint found, at a place in the sources.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What, and what to do.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.location, self.severity, self.message)
    }
}

/// Looks at a loaded lexicon; findings in source order.
pub fn lint(lexicon: &Lexicon) -> Vec<Finding> {
    let mut findings = Vec::new();
    for entity in lexicon.entities() {
        check_labels(entity, &mut findings);
        check_names(entity, &mut findings);
    }
    check_collisions(lexicon, &mut findings);
    findings.sort_by(|a, b| {
        (
            &a.location.path,
            a.location.line,
            a.location.column,
            &a.message,
        )
            .cmp(&(
                &b.location.path,
                b.location.line,
                b.location.column,
                &b.message,
            ))
    });
    findings
}

fn finding(severity: Severity, location: &Location, message: String) -> Finding {
    Finding {
        severity,
        location: location.clone(),
        message,
    }
}

fn check_labels(entity: &Entity, findings: &mut Vec<Finding>) {
    if entity.label("fr").is_none() && entity.label("en").is_none() {
        findings.push(finding(
            Severity::Warning,
            &entity.location,
            format!("{} has no preferred label in French or English", entity.id),
        ));
    }
}

/// Letters of other scripts that look like Latin ones: in a Latin name they are typing
/// accidents that no query will ever match.
fn is_latin_homoglyph(c: char) -> bool {
    matches!(
        c,
        'а' | 'е'
            | 'о'
            | 'р'
            | 'с'
            | 'у'
            | 'х'
            | 'і'
            | 'ј'
            | 'ѕ'
            | 'А'
            | 'В'
            | 'Е'
            | 'К'
            | 'М'
            | 'Н'
            | 'О'
            | 'Р'
            | 'С'
            | 'Т'
            | 'Х'
            | 'І'
            | 'Ј'
            | 'Ѕ'
            | 'α'
            | 'ο'
            | 'ρ'
            | 'Α'
            | 'Β'
            | 'Ε'
            | 'Η'
            | 'Ι'
            | 'Κ'
            | 'Μ'
            | 'Ν'
            | 'Ο'
            | 'Ρ'
            | 'Τ'
            | 'Χ'
            | 'Ζ'
    )
}

fn check_names(entity: &Entity, findings: &mut Vec<Finding>) {
    let mut seen: HashMap<(String, &str), &Name> = HashMap::new();
    for name in &entity.names {
        if let Some(first) = seen.insert((normalize::exact(&name.text), &name.lang), name) {
            findings.push(finding(
                Severity::Warning,
                &name.location,
                format!(
                    "'{}' is listed twice: it is the name at line {} in another Unicode form",
                    name.text, first.location.line
                ),
            ));
        }
        if name.text.contains("  ") {
            findings.push(finding(
                Severity::Warning,
                &name.location,
                format!("'{}' has a double space", name.text),
            ));
        }
        for word in name.text.split_whitespace() {
            let mut scripts: Vec<&str> = word.chars().filter_map(char_script).collect();
            scripts.sort();
            scripts.dedup();
            if name.script.is_none() && word.chars().any(is_latin_homoglyph) {
                findings.push(finding(
                    Severity::Warning,
                    &name.location,
                    format!(
                        "'{word}' in '{}' hides letters of another script that look Latin (homoglyphs)",
                        name.text
                    ),
                ));
            } else if scripts.len() > 1 {
                findings.push(finding(
                    Severity::Warning,
                    &name.location,
                    format!(
                        "'{word}' in '{}' mixes scripts ({})",
                        name.text,
                        scripts.join(", ")
                    ),
                ));
            }
        }
    }
}

/// Names of different entities that share a key: reported once per pair of variants, at the
/// strictest layer where they meet, with the normalization step that merged them.
fn check_collisions(lexicon: &Lexicon, findings: &mut Vec<Finding>) {
    let mut by_key: BTreeMap<(Layer, String), Vec<(&Entity, &Name)>> = BTreeMap::new();
    for entity in lexicon.entities() {
        for name in &entity.names {
            // The keys the index stores the name under: those are the ones that can collide.
            let keys = normalize::keys(&name.text);
            for layer in Layer::KEYED {
                let key = keys.get(layer);
                if is_indexed(layer, name, key) {
                    by_key
                        .entry((layer, key.to_string()))
                        .or_default()
                        .push((entity, name));
                }
            }
        }
    }
    let mut reported: std::collections::HashSet<(String, String, String, String)> =
        Default::default();
    for ((layer, key), names) in &by_key {
        for (i, (a, name_a)) in names.iter().enumerate() {
            for (b, name_b) in &names[i + 1..] {
                if a.id == b.id {
                    continue;
                }
                let pair = (
                    a.id.clone(),
                    name_a.text.clone(),
                    b.id.clone(),
                    name_b.text.clone(),
                );
                if !reported.insert(pair) {
                    continue;
                }
                // Stricter layers come first in the map's order, so the first report of a
                // pair of variants is at the layer where they first meet.
                let acronyms = name_a.form == Form::Acronym && name_b.form == Form::Acronym;
                let told_apart = has_cues(a) || has_cues(b) || a.prior != b.prior;
                let severity = if *layer == Layer::Skeleton || told_apart {
                    Severity::Note
                } else {
                    Severity::Warning
                };
                let what = if acronyms {
                    "acronym clash"
                } else {
                    "shared name"
                };
                let how = match merged_at(&name_a.text, &name_b.text) {
                    Some(step) if *layer != Layer::Exact => format!(", merged by \"{step}\""),
                    _ => String::new(),
                };
                let advice = if severity == Severity::Warning {
                    "; add cues or a prior to tell them apart"
                } else {
                    ""
                };
                findings.push(finding(
                    severity,
                    &name_b.location,
                    format!(
                        "{what}: '{}' ({}) meets '{}' ({}, line {}) on the {layer} layer as \"{}\"{how}{advice}",
                        name_b.text, b.id, name_a.text, a.id, name_a.location.line, Printable::line(key)
                    ),
                ));
            }
        }
    }
}

fn has_cues(entity: &Entity) -> bool {
    !entity.cues.favour.is_empty() || !entity.cues.exclude.is_empty()
}

/// The first normalization step after which `a` and `b` are the same text.
fn merged_at(a: &str, b: &str) -> Option<&'static str> {
    let (ta, tb) = (normalize::trace(a), normalize::trace(b));
    ta.iter()
        .zip(&tb)
        .find(|(sa, sb)| sa.output == sb.output)
        .map(|(step, _)| step.name)
}
