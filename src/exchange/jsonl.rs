//! JSON Lines: one object per entity with every field of the source format.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{location, problem, Read, Record};
use crate::lexicon::{
    Cues, Entity, Form, Kind, Label, Lexicon, Name, Relation, RelationKind, DEFAULT_PRIOR,
};

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonEntity {
    id: String,
    kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(default = "default_prior")]
    prior: f64,
    label: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    wikidata: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    geonames: Option<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    countries: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valid_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    valid_until: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    relations: Vec<JsonRelation>,
    #[serde(default)]
    cues: JsonCues,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    names: Vec<JsonName>,
}

fn default_prior() -> f64 {
    DEFAULT_PRIOR
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonRelation {
    #[serde(rename = "type")]
    kind: String,
    target: String,
}

#[derive(Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonCues {
    #[serde(default)]
    favour: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonName {
    text: String,
    lang: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    script: Option<String>,
    form: String,
    source: String,
}

pub(super) fn write(lexicon: &Lexicon, out: &mut impl Write) -> io::Result<()> {
    for e in lexicon.entities() {
        let record = JsonEntity {
            id: e.id.clone(),
            kind: e.kind.name().into(),
            category: e.category.clone(),
            prior: e.prior,
            label: e
                .labels
                .iter()
                .map(|l| (l.lang.clone(), l.text.clone()))
                .collect(),
            wikidata: e.wikidata.clone(),
            geonames: e.geonames,
            countries: e.countries.clone(),
            valid_from: e.valid_from.clone(),
            valid_until: e.valid_until.clone(),
            relations: e
                .relations
                .iter()
                .map(|r| JsonRelation {
                    kind: r.kind.name().into(),
                    target: r.target.clone(),
                })
                .collect(),
            cues: JsonCues {
                favour: e.cues.favour.clone(),
                exclude: e.cues.exclude.clone(),
            },
            note: e.note.clone(),
            names: e
                .names
                .iter()
                .map(|n| JsonName {
                    text: n.text.clone(),
                    lang: n.lang.clone(),
                    script: n.script.clone(),
                    form: n.form.name().into(),
                    source: n.source.clone(),
                })
                .collect(),
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

pub(super) fn read(text: &str, path: &Path) -> Read {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line_number = number + 1;
        if line.trim().is_empty() {
            continue;
        }
        let json: JsonEntity = match serde_json::from_str(line) {
            Ok(json) => json,
            Err(err) => {
                // The position serde_json adds is the one the diagnostic gives already.
                let message = err.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(&*message, |(m, _)| m);
                problems.push(problem(path, line_number, err.column(), message));
                continue;
            }
        };
        let Some(kind) = Kind::from_name(&json.kind) else {
            problems.push(problem(
                path,
                line_number,
                1,
                format!("unknown kind '{}'", json.kind),
            ));
            continue;
        };
        let at = location(path, line_number);
        let mut names = Vec::with_capacity(json.names.len());
        for n in json.names {
            match Form::from_name(&n.form) {
                Some(form) => names.push(Name {
                    text: n.text,
                    lang: n.lang,
                    script: n.script,
                    form,
                    source: n.source,
                    location: at.clone(),
                }),
                None => problems.push(problem(
                    path,
                    line_number,
                    1,
                    format!("unknown form '{}'", n.form),
                )),
            }
        }
        let mut relations = Vec::with_capacity(json.relations.len());
        for r in json.relations {
            match RelationKind::from_name(&r.kind) {
                Some(kind) => relations.push(Relation {
                    kind,
                    target: r.target,
                    location: at.clone(),
                }),
                None => problems.push(problem(
                    path,
                    line_number,
                    1,
                    format!("unknown relation type '{}'", r.kind),
                )),
            }
        }
        records.push(Record {
            line: line_number,
            entity: Entity {
                id: json.id,
                kind,
                category: json.category,
                labels: json
                    .label
                    .into_iter()
                    .map(|(lang, text)| Label { lang, text })
                    .collect(),
                names,
                wikidata: json.wikidata,
                geonames: json.geonames,
                countries: json.countries,
                valid_from: json.valid_from,
                valid_until: json.valid_until,
                prior: json.prior,
                relations,
                cues: Cues {
                    favour: json.cues.favour,
                    exclude: json.cues.exclude,
                },
                note: json.note,
                location: at,
            },
        });
    }
    (records, problems)
}
