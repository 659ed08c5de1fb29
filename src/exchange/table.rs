//! TSV and CSV: one row per name, for spreadsheet work. Entity fields other than the kind,
//! the category and the labels do not fit in a row per name and are not carried.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use super::{location, problem, push_one, Read, Record};
use crate::lexicon::{Entity, Form, Kind, Label, Lexicon, Name};

/// The columns, in order.
pub(super) const HEADER: [&str; 9] = [
    "id", "kind", "category", "label", "name", "lang", "script", "form", "source",
];

pub(super) fn write(lexicon: &Lexicon, delimiter: u8, out: &mut impl Write) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(out);
    writer.write_record(HEADER).map_err(io_error)?;
    for e in lexicon.entities() {
        for n in &e.names {
            let label = if e.is_label(n) { "yes" } else { "" };
            writer
                .write_record([
                    e.id.as_str(),
                    e.kind.name(),
                    e.category.as_deref().unwrap_or(""),
                    label,
                    &n.text,
                    &n.lang,
                    n.script.as_deref().unwrap_or(""),
                    n.form.name(),
                    &n.source,
                ])
                .map_err(io_error)?;
        }
    }
    writer.flush()
}

/// The I/O error inside a CSV writer's error, kept as it is, so that its kind (a closed pipe)
/// reaches the caller.
fn io_error(error: csv::Error) -> io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => io::Error::other(format!("{other:?}")),
    }
}

pub(super) fn read(text: &str, path: &Path, delimiter: u8) -> Read {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let mut records: Vec<Record> = Vec::new();
    // Where each entity's record is in `records`: a row finds its entity at once.
    let mut record_of: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    match reader.headers() {
        Ok(header) if header.iter().eq(HEADER) => {}
        Ok(header) => problems.push(problem(
            path,
            1,
            1,
            format!(
                "expected the columns {}, found {}",
                HEADER.join(" "),
                header.iter().collect::<Vec<_>>().join(" ")
            ),
        )),
        Err(err) => problems.push(problem(path, 1, 1, err.to_string())),
    }
    if !problems.is_empty() {
        return (records, problems);
    }
    for row in reader.records() {
        let row = match row {
            Ok(row) => row,
            Err(err) => {
                let line = err.position().map_or(1, |p| p.line() as usize);
                problems.push(problem(path, line, 1, err.to_string()));
                continue;
            }
        };
        let line = row.position().map_or(1, |p| p.line() as usize);
        let field = |i: usize| row.get(i).unwrap_or("");
        let column = |i: usize| HEADER[..i].iter().map(|_| 1).sum::<usize>() + 1;
        let Some(kind) = Kind::from_name(field(1)) else {
            problems.push(problem(
                path,
                line,
                column(1),
                format!("unknown kind '{}'", field(1)),
            ));
            continue;
        };
        let Some(form) = Form::from_name(field(7)) else {
            problems.push(problem(
                path,
                line,
                column(7),
                format!("unknown form '{}'", field(7)),
            ));
            continue;
        };
        let name = Name {
            text: field(4).to_string(),
            lang: field(5).to_string(),
            script: Some(field(6)).filter(|s| !s.is_empty()).map(str::to_string),
            form,
            source: field(8).to_string(),
            location: location(path, line),
        };
        let is_label = match field(3) {
            "yes" => true,
            "" | "no" => false,
            other => {
                problems.push(problem(
                    path,
                    line,
                    column(3),
                    format!("label is 'yes' or empty, not '{other}'"),
                ));
                continue;
            }
        };
        let category = Some(field(2)).filter(|c| !c.is_empty()).map(str::to_string);
        let record = match record_of.get(field(0)).map(|&at| &mut records[at]) {
            Some(record) => {
                if record.entity.kind != kind || record.entity.category != category {
                    problems.push(problem(
                        path,
                        line,
                        column(1),
                        format!(
                            "{} has another kind or category at line {}",
                            field(0),
                            record.line
                        ),
                    ));
                    continue;
                }
                record
            }
            None => {
                record_of.insert(field(0).to_string(), records.len());
                records.push(Record {
                    line,
                    entity: Entity {
                        category,
                        ..Entity::empty(field(0).to_string(), kind, location(path, line))
                    },
                });
                records.last_mut().expect("just pushed")
            }
        };
        if is_label {
            push_one(
                &mut record.entity.labels,
                Label {
                    lang: name.lang.clone(),
                    text: name.text.clone(),
                },
            );
        }
        push_one(&mut record.entity.names, name);
    }
    // Sorted once at the end, not at each label: an entity's rows may be many.
    for record in &mut records {
        record.entity.labels.sort_by(|a, b| a.lang.cmp(&b.lang));
    }
    (records, problems)
}
