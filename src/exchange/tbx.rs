//! TBX-Basic (ISO 30042:2019, DCA style): each entity is a `conceptEntry`, each language a
//! `langSec`, each name a `termSec` with its `termType`; the preferred label is marked
//! `preferredTerm-admn-sts`. What TBX-Basic has no data category for (the script, and the
//! forms it does not name) travels in `note`s so that a round trip keeps every name as it was.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use quick_xml::escape::escape;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::{location, problem, push_one, Lines, Read, Record};
use crate::lexicon::{Entity, Form, Kind, Label, Lexicon, Name};

/// TBX term types for the forms that have one.
fn term_type(form: Form) -> &'static str {
    match form {
        Form::Full => "fullForm",
        Form::Acronym => "acronym",
        Form::Short => "shortForm",
        Form::Transliteration => "transliteratedForm",
        _ => "variant",
    }
}

fn form_of(term_type: &str, note: Option<&str>) -> Option<Form> {
    match (term_type, note) {
        (_, Some(note)) => Form::from_name(note),
        ("fullForm", None) => Some(Form::Full),
        ("acronym", None) => Some(Form::Acronym),
        ("shortForm" | "abbreviation", None) => Some(Form::Short),
        ("transliteratedForm", None) => Some(Form::Transliteration),
        _ => None,
    }
}

pub(super) fn write(lexicon: &Lexicon, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">"#
    )?;
    writeln!(
        out,
        "  <tbxHeader><fileDesc><sourceDesc><p>canonym lexicon</p></sourceDesc></fileDesc></tbxHeader>"
    )?;
    writeln!(out, "  <text><body>")?;
    for e in lexicon.entities() {
        writeln!(out, r#"    <conceptEntry id="{}">"#, escape(&e.id))?;
        writeln!(
            out,
            r#"      <descrip type="subjectField">{}</descrip>"#,
            e.kind.name()
        )?;
        if let Some(category) = &e.category {
            writeln!(out, "      <note>category: {}</note>", escape(category))?;
        }
        let mut by_lang: BTreeMap<&str, Vec<&Name>> = BTreeMap::new();
        let mut order: Vec<&str> = Vec::new();
        for n in &e.names {
            if !by_lang.contains_key(n.lang.as_str()) {
                order.push(&n.lang);
            }
            by_lang.entry(&n.lang).or_default().push(n);
        }
        for lang in order {
            writeln!(out, r#"      <langSec xml:lang="{}">"#, escape(lang))?;
            for n in &by_lang[lang] {
                writeln!(out, "        <termSec>")?;
                writeln!(out, "          <term>{}</term>", escape(&n.text))?;
                writeln!(
                    out,
                    r#"          <termNote type="termType">{}</termNote>"#,
                    term_type(n.form)
                )?;
                if e.is_label(n) {
                    writeln!(
                        out,
                        r#"          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>"#
                    )?;
                }
                if term_type(n.form) == "variant" {
                    writeln!(out, "          <note>form: {}</note>", n.form.name())?;
                }
                if let Some(script) = &n.script {
                    writeln!(out, "          <note>script: {}</note>", escape(script))?;
                }
                writeln!(
                    out,
                    r#"          <admin type="source">{}</admin>"#,
                    escape(&n.source)
                )?;
                writeln!(out, "        </termSec>")?;
            }
            writeln!(out, "      </langSec>")?;
        }
        writeln!(out, "    </conceptEntry>")?;
    }
    writeln!(out, "  </body></text>")?;
    writeln!(out, "</tbx>")
}

/// The term being read.
#[derive(Default)]
struct Term {
    text: String,
    term_type: String,
    form_note: Option<String>,
    script: Option<String>,
    source: String,
    preferred: bool,
    line: usize,
}

/// What the reader is inside of: the element whose text it collects.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    None,
    Subject,
    Term,
    TermType,
    Status,
    Note,
    Source,
}

pub(super) fn read(text: &str, path: &Path) -> Read {
    let mut reader = Reader::from_str(text);
    let mut records: Vec<Record> = Vec::new();
    let mut problems = Vec::new();
    let lines = Lines::of(text);
    let line_at = |offset: usize| lines.line(offset);
    // The elements open: an end of file inside one is a truncated file.
    let mut open: Vec<Vec<u8>> = Vec::new();

    let mut entity: Option<Record> = None;
    let mut lang = String::new();
    let mut term: Option<Term> = None;
    let mut field = Field::None;
    let mut buffer = String::new();
    loop {
        let offset = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(err) => {
                problems.push(problem(
                    path,
                    line_at(reader.error_position() as usize),
                    1,
                    err.to_string(),
                ));
                break;
            }
        };
        match event {
            Event::Start(tag) => {
                open.push(tag.name().as_ref().to_vec());
                let attr = |name: &[u8]| {
                    tag.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
                };
                let kind = attr(b"type");
                buffer.clear();
                field = match tag.name().as_ref() {
                    b"conceptEntry" => {
                        let line = line_at(offset);
                        let id = attr(b"id").unwrap_or_default();
                        entity = Some(Record {
                            line,
                            // Every TBX entry of ours names its kind; an entry without one is
                            // reported by the loader through its ID prefix.
                            entity: Entity::empty(id, Kind::Group, location(path, line)),
                        });
                        Field::None
                    }
                    b"langSec" => {
                        lang = attr(b"xml:lang").unwrap_or_default();
                        Field::None
                    }
                    b"termSec" => {
                        term = Some(Term {
                            line: line_at(offset),
                            ..Term::default()
                        });
                        Field::None
                    }
                    b"descrip" if kind.as_deref() == Some("subjectField") => Field::Subject,
                    b"term" => Field::Term,
                    b"termNote" if kind.as_deref() == Some("termType") => Field::TermType,
                    b"termNote" if kind.as_deref() == Some("administrativeStatus") => Field::Status,
                    b"note" => Field::Note,
                    b"admin" if kind.as_deref() == Some("source") => Field::Source,
                    _ => Field::None,
                };
            }
            Event::Text(t) if field != Field::None => match t.unescape() {
                Ok(text) => buffer.push_str(&text),
                Err(err) => problems.push(problem(path, line_at(offset), 1, err.to_string())),
            },
            // CDATA is text as it is, without escapes.
            Event::CData(t) if field != Field::None => match std::str::from_utf8(&t) {
                Ok(text) => buffer.push_str(text),
                Err(err) => problems.push(problem(path, line_at(offset), 1, err.to_string())),
            },
            Event::End(tag) => {
                open.pop();
                let value = std::mem::take(&mut buffer);
                match (field, tag.name().as_ref()) {
                    (Field::Subject, _) => {
                        if let Some(record) = entity.as_mut() {
                            match Kind::from_name(&value) {
                                Some(kind) => record.entity.kind = kind,
                                None => problems.push(problem(
                                    path,
                                    line_at(offset),
                                    1,
                                    format!("unknown kind '{value}' in subjectField"),
                                )),
                            }
                        }
                    }
                    (Field::Term, _) => {
                        if let Some(t) = term.as_mut() {
                            t.text = value;
                        }
                    }
                    (Field::TermType, _) => {
                        if let Some(t) = term.as_mut() {
                            t.term_type = value;
                        }
                    }
                    (Field::Status, _) => term
                        .iter_mut()
                        .for_each(|t| t.preferred = value == "preferredTerm-admn-sts"),
                    (Field::Source, _) => {
                        if let Some(t) = term.as_mut() {
                            t.source = value;
                        }
                    }
                    (Field::Note, _) => {
                        let (key, rest) = value.split_once(": ").unwrap_or(("", value.as_str()));
                        match (key, term.as_mut(), entity.as_mut()) {
                            ("form", Some(t), _) => t.form_note = Some(rest.to_string()),
                            ("script", Some(t), _) => t.script = Some(rest.to_string()),
                            ("category", None, Some(record)) => {
                                record.entity.category = Some(rest.to_string());
                            }
                            _ => {}
                        }
                    }
                    (Field::None, b"termSec") => {
                        if let (Some(t), Some(record)) = (term.take(), entity.as_mut()) {
                            let Some(form) = form_of(&t.term_type, t.form_note.as_deref()) else {
                                problems.push(problem(
                                    path,
                                    t.line,
                                    1,
                                    format!(
                                        "term '{}' has no form canonym knows (termType '{}')",
                                        t.text, t.term_type
                                    ),
                                ));
                                continue;
                            };
                            if t.preferred {
                                push_one(
                                    &mut record.entity.labels,
                                    Label {
                                        lang: lang.clone(),
                                        text: t.text.clone(),
                                    },
                                );
                            }
                            push_one(
                                &mut record.entity.names,
                                Name {
                                    text: t.text,
                                    lang: lang.clone(),
                                    script: t.script,
                                    form,
                                    source: t.source,
                                    location: location(path, t.line),
                                },
                            );
                        }
                    }
                    (Field::None, b"conceptEntry") => {
                        if let Some(mut record) = entity.take() {
                            record.entity.labels.sort_by(|a, b| a.lang.cmp(&b.lang));
                            records.push(record);
                        }
                    }
                    _ => {}
                }
                field = Field::None;
            }
            Event::Eof => {
                if let Some(element) = open.last() {
                    problems.push(problem(
                        path,
                        line_at(text.len()),
                        1,
                        format!(
                            "the file ends inside <{}>: it is truncated",
                            String::from_utf8_lossy(element)
                        ),
                    ));
                }
                break;
            }
            _ => {}
        }
    }
    (records, problems)
}
