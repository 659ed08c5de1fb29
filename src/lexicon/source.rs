//! Reading one TOML source file into entities, with every problem located at line:column.
//!
//! Every field is optional at the serde level, so that a missing field is reported by us
//! beside every other problem of the file, instead of stopping at the first. Unknown fields
//! are collected as the file is read (serde_ignored) and reported each at its key. A TOML
//! syntax error or a wrongly typed value stops the parse; the file is then read again one
//! `[[entity]]` table at a time, so that each table's error is reported and the tables
//! without errors are checked as usual.
//!
//! The entities an import reads from another format are checked by the same code
//! ([`check_entity`]): given as the tables they would be written as, with spans that lead to
//! where each value was in the import file.

use std::collections::{btree_map, BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::validate;
use super::{Cues, Entity, Form, Kind, Label, Location, Name, Relation, RelationKind};
use crate::error::Diagnostic;

#[derive(Deserialize)]
struct RawFile {
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
}

#[derive(Deserialize)]
struct RawEntity {
    id: Option<Spanned<String>>,
    kind: Option<Spanned<String>>,
    category: Option<Spanned<String>>,
    /// Not `Spanned` as a whole: toml gives no span for a table written with dotted keys
    /// (`label.fr = "Gao"`), and would refuse it.
    label: Option<BTreeMap<String, Spanned<String>>>,
    names: Option<Spanned<Vec<Spanned<RawName>>>>,
    wikidata: Option<Spanned<String>>,
    geonames: Option<Spanned<i64>>,
    #[serde(default)]
    countries: Vec<Spanned<String>>,
    valid_from: Option<Spanned<String>>,
    valid_until: Option<Spanned<String>>,
    prior: Option<Spanned<f64>>,
    #[serde(default)]
    relations: Vec<Spanned<RawRelation>>,
    #[serde(default)]
    cues: RawCues,
    note: Option<String>,
}

#[derive(Deserialize)]
struct RawName {
    text: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    script: Option<Spanned<String>>,
    form: Option<Spanned<String>>,
    source: Option<Spanned<String>>,
}

#[derive(Deserialize)]
struct RawRelation {
    #[serde(rename = "type")]
    kind: Option<Spanned<String>>,
    target: Option<Spanned<String>>,
}

#[derive(Default, Deserialize)]
struct RawCues {
    #[serde(default)]
    favour: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

/// A source file being read: turns spans into locations and collects diagnostics.
struct Source<'a> {
    places: Places<'a>,
    /// Where the text being parsed starts in the file: one `[[entity]]` table is parsed alone
    /// after a syntax error, and its spans start at its own beginning.
    base: usize,
    diagnostics: &'a mut Vec<Diagnostic>,
}

/// What the spans of the values being converted point at.
enum Places<'a> {
    /// Byte offsets into the text of a file.
    Text {
        path: &'a Path,
        text: &'a str,
        /// The byte offset where each line starts, the first being 0.
        line_starts: Vec<usize>,
    },
    /// Indices into a list of locations: an entity an importer read from another format,
    /// whose values are located where they were in that file (see [`check_entity`]).
    Table(Vec<Location>),
}

impl Source<'_> {
    fn location(&self, offset: usize) -> Location {
        let offset = self.base + offset;
        let (path, text, line_starts) = match &self.places {
            Places::Text {
                path,
                text,
                line_starts,
            } => (path, text, line_starts),
            Places::Table(places) => return places[offset.min(places.len() - 1)].clone(),
        };
        let offset = offset.min(text.len());
        // The line is found by binary search in the line starts: every name has a location,
        // and scanning from the top of the file for each would be quadratic.
        let line = line_starts.partition_point(|&start| start <= offset);
        let line_start = line_starts[line - 1];
        Location {
            path: path.to_path_buf(),
            line,
            column: text
                .get(line_start..offset)
                .map_or(1, |s| s.chars().count() + 1),
        }
    }

    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        let Location { path, line, column } = self.location(span.start);
        self.diagnostics.push(Diagnostic {
            path,
            line,
            column,
            message: message.into(),
        });
    }

    /// A required field: reports its absence at `span` (the enclosing table).
    fn required<'v, T>(
        &mut self,
        value: &'v Option<Spanned<T>>,
        span: &Range<usize>,
        what: &str,
    ) -> Option<&'v Spanned<T>> {
        if value.is_none() {
            self.error(span.clone(), format!("missing `{what}`"));
        }
        value.as_ref()
    }

    /// Runs a field check, reporting its message at the field.
    fn check(&mut self, field: &Spanned<String>, check: fn(&str) -> Result<(), String>) -> bool {
        match check(field.get_ref()) {
            Ok(()) => true,
            Err(message) => {
                self.error(field.span(), message);
                false
            }
        }
    }
}

/// Whether to look for fields the format does not have.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Fields {
    /// Report each (a linguist's file).
    Check,
    /// Skip the search: the source was made by canonym or checked already.
    Known,
}

/// Parses one source file, appending its entities and its diagnostics.
pub(super) fn parse_file(
    path: &Path,
    text: &str,
    fields: Fields,
    entities: &mut Vec<Entity>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let line_starts = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut source = Source {
        places: Places::Text {
            path,
            text,
            line_starts,
        },
        base: 0,
        diagnostics,
    };
    let whole = match parse(text, fields) {
        Ok(parsed) => {
            convert_file(&mut source, text, parsed, entities);
            return;
        }
        Err(err) => err,
    };
    // Each table again on its own, so that one error does not hide the others. A split inside
    // a multi-line string could make errors of its own, but only in a file that has an error
    // already, and the error of the whole file is reported when no table has one.
    let before = source.diagnostics.len();
    for chunk in entity_tables(text) {
        source.base = chunk.start;
        match parse(&text[chunk.clone()], fields) {
            Ok(parsed) => convert_file(&mut source, &text[chunk], parsed, entities),
            Err(err) => report_toml_error(&mut source, &text[chunk], &err),
        }
    }
    if source.diagnostics.len() == before {
        source.base = 0;
        report_toml_error(&mut source, text, &whole);
    }
}

/// Checks an entity that an importer read from another format with every rule the loader
/// applies to an `[[entity]]` table, appending the diagnostics, each at the place of the
/// import file its value came from, and gives it back as the loader gives a table (without
/// its faulty names, labels and relations). The checks see the entity as the table it would
/// be written as, each value spanned by its place there: rendering the entity as TOML and
/// parsing that back took most of an import's time and memory.
pub(super) fn check_entity(entity: Entity, diagnostics: &mut Vec<Diagnostic>) -> Option<Entity> {
    // The entity's place first (its own values, labels included, are at its line), then
    // one for each name and relation.
    let mut places = vec![entity.location];
    let mut place = |location: Location| {
        places.push(location);
        places.len() - 1..places.len() - 1
    };
    let table = 0..0;
    let spanned = |value: String| Spanned::new(table.clone(), value);

    let mut names = Vec::with_capacity(entity.names.len());
    for name in entity.names {
        let span = place(name.location);
        let at = |value: String| Some(Spanned::new(span.clone(), value));
        names.push(Spanned::new(
            span.clone(),
            RawName {
                text: at(name.text),
                lang: at(name.lang),
                script: name.script.and_then(at),
                form: at(name.form.name().to_string()),
                source: at(name.source),
            },
        ));
    }
    let relations = entity
        .relations
        .into_iter()
        .map(|r| {
            let span = place(r.location);
            let at = |value: String| Some(Spanned::new(span.clone(), value));
            Spanned::new(
                span.clone(),
                RawRelation {
                    kind: at(r.kind.name().to_string()),
                    target: at(r.target),
                },
            )
        })
        .collect();
    // A table has one key per language; a list of labels may have two. The first is kept,
    // and the second reported at its name.
    let mut label = BTreeMap::new();
    let mut name_places: Option<HashMap<(&str, &str), usize>> = None;
    for l in entity.labels {
        let first = match label.entry(l.lang) {
            btree_map::Entry::Vacant(slot) => {
                slot.insert(spanned(l.text));
                continue;
            }
            btree_map::Entry::Occupied(first) => first,
        };
        // Found once, and only for an entity with two labels in a language.
        let name_places = name_places.get_or_insert_with(|| {
            names
                .iter()
                .filter_map(|n| {
                    let n = n.get_ref();
                    let (text, lang) = (n.text.as_ref()?.get_ref(), n.lang.as_ref()?.get_ref());
                    Some((
                        (lang.as_str(), text.as_str()),
                        n.text.as_ref()?.span().start,
                    ))
                })
                .collect()
        });
        let at = name_places
            .get(&(first.key().as_str(), l.text.as_str()))
            .copied()
            .unwrap_or(0);
        let Location { path, line, column } = places[at].clone();
        diagnostics.push(Diagnostic {
            path,
            line,
            column,
            message: format!(
                "a second preferred label in {} ('{}'; the first is '{}'): an entity has one \
                 label a language",
                first.key(),
                l.text,
                first.get().get_ref()
            ),
        });
    }
    let raw = RawEntity {
        id: Some(spanned(entity.id)),
        kind: Some(spanned(entity.kind.name().to_string())),
        category: entity.category.map(spanned),
        label: Some(label),
        names: Some(Spanned::new(table.clone(), names)),
        wikidata: entity.wikidata.map(spanned),
        geonames: entity
            .geonames
            .map(|id| Spanned::new(table.clone(), i64::from(id))),
        countries: entity.countries.into_iter().map(spanned).collect(),
        valid_from: entity.valid_from.map(spanned),
        valid_until: entity.valid_until.map(spanned),
        prior: Some(Spanned::new(table.clone(), entity.prior)),
        relations,
        cues: RawCues {
            favour: entity.cues.favour.into_iter().map(spanned).collect(),
            exclude: entity.cues.exclude.into_iter().map(spanned).collect(),
        },
        note: entity.note,
    };
    let mut source = Source {
        places: Places::Table(places),
        base: 0,
        diagnostics,
    };
    convert_entity(&mut source, &Spanned::new(table, raw))
}

/// A file (or one table of it) as parsed: its tables, and the path of every field it has
/// that the format does not.
type Parsed = (RawFile, Vec<Vec<Segment>>);

/// A step of a path to a field: a key, or an index in an array.
#[derive(Debug, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

fn parse(text: &str, fields: Fields) -> Result<Parsed, toml::de::Error> {
    if fields == Fields::Known {
        return Ok((toml::from_str(text)?, Vec::new()));
    }
    let mut unknown = Vec::new();
    let file = serde_ignored::deserialize(toml::Deserializer::new(text), |path| {
        unknown.push(segments(&path));
    })?;
    Ok((file, unknown))
}

/// The steps of `path`, without those of `Spanned`'s own fields.
fn segments(path: &serde_ignored::Path<'_>) -> Vec<Segment> {
    use serde_ignored::Path;
    let mut out = match path {
        Path::Root => return Vec::new(),
        Path::Seq { parent, .. }
        | Path::Map { parent, .. }
        | Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => segments(parent),
    };
    match path {
        Path::Seq { index, .. } => out.push(Segment::Index(*index)),
        Path::Map { key, .. } if !key.starts_with("$__serde_spanned") => {
            out.push(Segment::Key(key.clone()));
        }
        _ => {}
    }
    out
}

/// Reports the unknown fields of a parsed text, then converts its entities.
fn convert_file(src: &mut Source<'_>, text: &str, (file, unknown): Parsed, out: &mut Vec<Entity>) {
    for path in &unknown {
        report_unknown_field(src, text, &file, path);
    }
    for raw in &file.entity {
        if let Some(entity) = convert_entity(src, raw) {
            out.push(entity);
        }
    }
}

fn report_toml_error(src: &mut Source<'_>, text: &str, err: &toml::de::Error) {
    let span = err.span().unwrap_or(0..0);
    let message = match err.message().trim() {
        // toml says nothing of some characters it refuses (a NUL in a comment).
        "" => describe_refused_character(text, span.start),
        message => message.to_string(),
    };
    src.error(span, message);
}

/// The byte ranges of the text before the first `[[entity]]` header and of each table from
/// its header to the next.
fn entity_tables(text: &str) -> Vec<Range<usize>> {
    let mut starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .filter(|&start| {
            text[start..]
                .trim_start_matches([' ', '\t'])
                .starts_with("[[entity]]")
        })
        .collect();
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| start..end)
        .collect()
}

/// The fields each table of the format has, for the message about one it does not.
const ENTITY_FIELDS: &str = "id, kind, category, label, names, wikidata, geonames, countries, \
     valid_from, valid_until, prior, relations, cues, note";
const NAME_FIELDS: &str = "text, lang, script, form, source";
const RELATION_FIELDS: &str = "type, target";
const CUES_FIELDS: &str = "favour, exclude";

/// Reports a field the format does not have, at its key: found in the text of the table it
/// is in (serde_ignored gives the path, not the place).
fn report_unknown_field(src: &mut Source<'_>, text: &str, file: &RawFile, path: &[Segment]) {
    use Segment::{Index, Key};
    let Some(Key(key)) = path.last() else {
        return;
    };
    let entity = |i: &usize| file.entity.get(*i);
    // The table's span, or the whole text when the path leads nowhere known.
    let (span, table, expected) = match path {
        [_] => (None, "file", "entity"),
        [Key(_), Index(i), _] => (entity(i).map(|e| e.span()), "entity", ENTITY_FIELDS),
        [Key(_), Index(i), Key(list), Index(j), _] if list == "names" => (
            entity(i)
                .and_then(|e| e.get_ref().names.as_ref())
                .and_then(|names| names.get_ref().get(*j))
                .map(|n| n.span()),
            "name",
            NAME_FIELDS,
        ),
        [Key(_), Index(i), Key(list), Index(j), _] if list == "relations" => (
            entity(i)
                .and_then(|e| e.get_ref().relations.get(*j))
                .map(|r| r.span()),
            "relation",
            RELATION_FIELDS,
        ),
        [Key(_), Index(i), Key(cues), _] if cues == "cues" => {
            (entity(i).map(|e| e.span()), "cues", CUES_FIELDS)
        }
        _ => (None, "table", ""),
    };
    let span = span.unwrap_or(0..text.len());
    let at = find_key(text, span.clone(), key).unwrap_or(span.start);
    let message = if expected.is_empty() {
        format!("unknown field `{key}`")
    } else {
        format!("unknown field `{key}` in this {table}; expected one of: {expected}")
    };
    src.error(at..at, message);
}

/// Where `key` is written as a key inside `span` of `text`: preceded by a line start, a space,
/// `{`, `,`, `.` or `[`, and followed by `=`, `.` or `]` (a table header; spaces allowed).
fn find_key(text: &str, span: Range<usize>, key: &str) -> Option<usize> {
    let region = text.get(span.clone())?;
    region.match_indices(key).map(|(at, _)| at).find_map(|at| {
        let before = region[..at].chars().next_back();
        let after = region[at + key.len()..].trim_start_matches([' ', '\t']);
        let starts = before.is_none_or(|c| c.is_whitespace() || matches!(c, '{' | ',' | '.' | '['));
        (starts && after.starts_with(['=', '.', ']'])).then_some(span.start + at)
    })
}

/// What is wrong at `offset` of a file that toml refused without saying why.
fn describe_refused_character(text: &str, offset: usize) -> String {
    match text.get(offset..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_control() => format!(
            "the control character U+{:04X} is not allowed here (TOML allows only tabs)",
            u32::from(c)
        ),
        Some(c) => format!("unexpected character {c:?}"),
        None => "unexpected end of file".into(),
    }
}

/// Converts one entity table, reporting each problem. Returns the entity, possibly without
/// its faulty parts, whenever it has a valid ID and kind.
fn convert_entity(src: &mut Source<'_>, raw: &Spanned<RawEntity>) -> Option<Entity> {
    let span = raw.span();
    let raw = raw.get_ref();

    let id = src.required(&raw.id, &span, "id");
    let kind = src.required(&raw.kind, &span, "kind").and_then(|kind| {
        let parsed = Kind::from_name(kind.get_ref());
        if parsed.is_none() {
            src.error(
                kind.span(),
                format!(
                    "unknown kind '{}'; expected one of: {}",
                    kind.get_ref(),
                    Kind::expected()
                ),
            );
        }
        parsed
    });
    if let (Some(id), Some(kind)) = (id, kind) {
        src.check(id, validate::id_syntax);
        if !id.get_ref().starts_with(kind.id_prefix()) {
            src.error(
                id.span(),
                format!(
                    "ID '{}' of a {} must start with '{}'",
                    id.get_ref(),
                    kind,
                    kind.id_prefix()
                ),
            );
        }
    }
    if let Some(category) = &raw.category {
        src.check(category, validate::slug);
    }
    if let Some(wikidata) = &raw.wikidata {
        src.check(wikidata, validate::wikidata);
    }
    let geonames = raw.geonames.as_ref().and_then(|g| {
        let id = u32::try_from(*g.get_ref()).ok().filter(|&id| id > 0);
        if id.is_none() {
            src.error(g.span(), "a GeoNames ID is a positive integer");
        }
        id
    });
    for country in &raw.countries {
        src.check(country, validate::country);
    }
    for date in [&raw.valid_from, &raw.valid_until].into_iter().flatten() {
        src.check(date, validate::date);
    }
    if let (Some(from), Some(until)) = (&raw.valid_from, &raw.valid_until) {
        if validate::date(from.get_ref()).is_ok()
            && validate::date(until.get_ref()).is_ok()
            && from.get_ref() > until.get_ref()
        {
            src.error(until.span(), "`valid_until` is before `valid_from`");
        }
    }

    let prior = match &raw.prior {
        Some(prior) if !(0.0..=1.0).contains(prior.get_ref()) => {
            src.error(prior.span(), "`prior` is a number from 0 to 1");
            super::DEFAULT_PRIOR
        }
        Some(prior) => *prior.get_ref(),
        None => super::DEFAULT_PRIOR,
    };
    let names = src
        .required(&raw.names, &span, "names")
        .map_or_else(Vec::new, |names| convert_names(src, names));
    // Labels are checked against every listed name, even one with errors of its own, so that
    // one mistake is reported once.
    let listed: Vec<(&str, &str)> = raw
        .names
        .iter()
        .flat_map(|names| names.get_ref())
        .filter_map(|n| {
            let n = n.get_ref();
            Some((
                n.text.as_ref()?.get_ref().as_str(),
                n.lang.as_ref()?.get_ref().as_str(),
            ))
        })
        .collect();
    let labels = match &raw.label {
        Some(labels) => convert_labels(src, labels, &span, &listed),
        None => {
            src.error(span.clone(), "missing `label`");
            Vec::new()
        }
    };

    let mut relations = Vec::new();
    for relation in &raw.relations {
        let rspan = relation.span();
        let relation = relation.get_ref();
        let kind = src.required(&relation.kind, &rspan, "type");
        let target = src.required(&relation.target, &rspan, "target");
        let (Some(kind), Some(target)) = (kind, target) else {
            continue;
        };
        let Some(relation_kind) = RelationKind::from_name(kind.get_ref()) else {
            src.error(
                kind.span(),
                format!(
                    "unknown relation type '{}'; expected one of: {}",
                    kind.get_ref(),
                    RelationKind::expected()
                ),
            );
            continue;
        };
        relations.push(Relation {
            kind: relation_kind,
            target: target.get_ref().clone(),
            location: src.location(target.span().start),
        });
    }

    let mut cues = Cues::default();
    for (words, out) in [
        (&raw.cues.favour, &mut cues.favour),
        (&raw.cues.exclude, &mut cues.exclude),
    ] {
        for word in words {
            if src.check(word, validate::trimmed_text) {
                out.push(word.get_ref().clone());
            }
        }
    }

    // An entity with errors is still returned when it has an ID and a kind, so that the
    // checks across entities (duplicate IDs, relation targets) see it; the diagnostics
    // already recorded keep the lexicon from being used.
    Some(Entity {
        id: id?.get_ref().clone(),
        kind: kind?,
        category: raw.category.as_ref().map(|c| c.get_ref().clone()),
        labels,
        names,
        wikidata: raw.wikidata.as_ref().map(|w| w.get_ref().clone()),
        geonames,
        countries: raw.countries.iter().map(|c| c.get_ref().clone()).collect(),
        valid_from: raw.valid_from.as_ref().map(|d| d.get_ref().clone()),
        valid_until: raw.valid_until.as_ref().map(|d| d.get_ref().clone()),
        prior,
        relations,
        cues,
        note: raw.note.clone(),
        location: src.location(span.start),
    })
}

fn convert_names(src: &mut Source<'_>, raw: &Spanned<Vec<Spanned<RawName>>>) -> Vec<Name> {
    if raw.get_ref().is_empty() {
        src.error(raw.span(), "an entity needs at least one name");
    }
    // As many as listed: a vector grown from empty holds room for four, and an import of a
    // million entities of one name each would hold three empty names for each.
    let mut names = Vec::with_capacity(raw.get_ref().len());
    let mut seen = HashSet::new();
    for name in raw.get_ref() {
        let span = name.span();
        let name = name.get_ref();
        let fields = [
            src.required(&name.text, &span, "text"),
            src.required(&name.lang, &span, "lang"),
            src.required(&name.form, &span, "form"),
            src.required(&name.source, &span, "source"),
        ];
        let [Some(text), Some(lang), Some(form), Some(source)] = fields else {
            continue;
        };
        let mut valid = src.check(text, validate::name_text);
        valid &= src.check(lang, validate::language_tag);
        valid &= src.check(source, validate::trimmed_text);
        let parsed_form = Form::from_name(form.get_ref());
        if parsed_form.is_none() {
            src.error(
                form.span(),
                format!(
                    "unknown form '{}'; expected one of: {}",
                    form.get_ref(),
                    Form::expected()
                ),
            );
            valid = false;
        }
        if let Some(script) = &name.script {
            valid &= src.check(script, validate::script_code);
        }
        if let Err(message) = validate::script_matches(
            text.get_ref(),
            name.script.as_ref().map(|s| s.get_ref().as_str()),
        ) {
            let at = name.script.as_ref().unwrap_or(text);
            src.error(at.span(), message);
            valid = false;
        }
        if valid && !seen.insert((text.get_ref().as_str(), lang.get_ref().as_str())) {
            src.error(
                text.span(),
                format!(
                    "name '{}' ({}) is listed twice for this entity",
                    text.get_ref(),
                    lang.get_ref()
                ),
            );
            valid = false;
        }
        let (true, Some(form)) = (valid, parsed_form) else {
            continue;
        };
        names.push(Name {
            text: text.get_ref().clone(),
            lang: lang.get_ref().clone(),
            script: name.script.as_ref().map(|s| s.get_ref().clone()),
            form,
            source: source.get_ref().clone(),
            location: src.location(span.start),
        });
    }
    names
}

/// The labels of the entity at `entity_span`.
fn convert_labels(
    src: &mut Source<'_>,
    raw: &BTreeMap<String, Spanned<String>>,
    entity_span: &Range<usize>,
    listed: &[(&str, &str)],
) -> Vec<Label> {
    if raw.is_empty() {
        src.error(
            entity_span.clone(),
            "an entity needs a preferred label in at least one language",
        );
    }
    let mut labels = Vec::with_capacity(raw.len());
    for (lang, text) in raw {
        if let Err(message) = validate::language_tag(lang) {
            src.error(text.span(), format!("label language: {message}"));
            continue;
        }
        if !src.check(text, validate::trimmed_text) {
            continue;
        }
        if !listed.contains(&(text.get_ref().as_str(), lang.as_str())) {
            src.error(
                text.span(),
                format!(
                    "label '{}' ({lang}) is not among the names: add it to `names` with its form and source",
                    text.get_ref()
                ),
            );
            continue;
        }
        labels.push(Label {
            lang: lang.clone(),
            text: text.get_ref().clone(),
        });
    }
    labels
}
