//! GeoNames' own dump formats: the `geoname` table (allCountries.txt, citiesN.txt) and,
//! optionally, alternateNamesV2.txt with languages and flags. Every place becomes a `place`
//! entity `place/gn-<geonameid>` whose prior grows with its population, so that of two places
//! with one name the larger ranks first.
//!
//! GeoNames data has quirks that are not errors: empty alternate names, repeats, airport
//! codes, names with spaces around them. Those names are skipped or cleaned, and counted; a
//! row that is malformed (too few columns, a bad ID) is an error at its line.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::lexicon::validate::{detect_script, language_tag, name_text};
use crate::lexicon::{Entity, Form, Kind, Label, Lexicon, Location, Name};

/// What an import read, beside the lexicon.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct GeoNamesReport {
    /// Places read.
    pub places: usize,
    /// Names kept.
    pub names: usize,
    /// Names dropped: empty, repeated, codes that are not names, or not valid as names.
    pub skipped: usize,
}

/// Reads a GeoNames `geoname` table, and alternate names if given, into a lexicon.
pub fn read_geonames(main: &Path, alternate: Option<&Path>) -> Result<(Lexicon, GeoNamesReport)> {
    read_geonames_with_progress(main, alternate, &|_| {})
}

/// [`read_geonames`], calling `progress` now and then with the bytes read so far, of the main
/// table and then of both files: the whole of GeoNames is gigabytes, read for minutes.
pub fn read_geonames_with_progress(
    main: &Path,
    alternate: Option<&Path>,
    progress: &dyn Fn(u64),
) -> Result<(Lexicon, GeoNamesReport)> {
    let mut report = GeoNamesReport::default();
    let mut problems = Vec::new();
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_id: HashMap<u32, usize> = HashMap::new();
    let source = "https://www.geonames.org/";

    let main_bytes = for_each_line(main, progress, |number, line| {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 19 {
            problems.push(problem(
                main,
                number,
                format!("expected 19 tab-separated columns, found {}", fields.len()),
            ));
            return;
        }
        let Ok(geonameid) = fields[0].parse::<u32>() else {
            problems.push(problem(
                main,
                number,
                format!("geonameid '{}' is not a number", fields[0]),
            ));
            return;
        };
        let name = fields[1].trim();
        if name_text(name).is_err() {
            problems.push(problem(main, number, "the place has no usable name"));
            return;
        }
        let at = Location {
            path: main.to_path_buf(),
            line: number,
            column: 1,
        };
        let population: f64 = fields[14].parse().unwrap_or(0.0);
        let country = fields[8];
        let category = match (fields[6], fields[7]) {
            ("", _) | (_, "") => None,
            (class, code) => Some(format!("{}-{}", class, code).to_lowercase()),
        };
        let mut entity = Entity {
            id: format!("place/gn-{geonameid}"),
            kind: Kind::Place,
            category: category
                .filter(|c| c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')),
            labels: vec![Label {
                lang: "und".into(),
                text: name.to_string(),
            }],
            names: Vec::new(),
            wikidata: None,
            geonames: Some(geonameid),
            countries: if country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()) {
                vec![country.to_string()]
            } else {
                Vec::new()
            },
            valid_from: None,
            valid_until: None,
            // A village of 500 people weighs 0.34, a town of 50,000 0.59, a city of ten
            // million 0.88: among places sharing a name the larger is more often meant.
            prior: ((population + 1.0).log10() / 8.0).clamp(0.05, 1.0),
            relations: Vec::new(),
            cues: Default::default(),
            note: None,
            location: at.clone(),
        };
        let add = |text: &str, lang: &str, form: Form, entity: &mut Entity| {
            let text = text.trim();
            if name_text(text).is_err() || has_name(entity, text, lang) {
                return false;
            }
            entity.names.push(Name {
                text: text.to_string(),
                lang: lang.to_string(),
                script: detect_script(text).map(str::to_string),
                form,
                source: source.to_string(),
                location: at.clone(),
            });
            true
        };
        add(name, "und", Form::Full, &mut entity);
        for (i, alternate) in std::iter::once(fields[2])
            .chain(fields[3].split(','))
            .enumerate()
        {
            let form = if i == 0 {
                Form::Transliteration
            } else {
                Form::Short
            };
            // Airport codes (BKO, MOW) are not names of the town.
            let code = alternate.len() <= 4 && alternate.bytes().all(|b| b.is_ascii_uppercase());
            if code || !add(alternate, "und", form, &mut entity) {
                report.skipped += usize::from(!alternate.is_empty());
            }
        }
        if by_id.insert(geonameid, entities.len()).is_some() {
            problems.push(problem(
                main,
                number,
                format!("geonameid {geonameid} appears twice"),
            ));
            return;
        }
        entities.push(entity);
    })?;

    if let Some(alternate) = alternate {
        let after_main = |read: u64| progress(main_bytes + read);
        for_each_line(alternate, &after_main, |number, line| {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() < 4 {
                problems.push(problem(
                    alternate,
                    number,
                    format!(
                        "expected at least 4 tab-separated columns, found {}",
                        fields.len()
                    ),
                ));
                return;
            }
            let Some(&index) = fields[1].parse::<u32>().ok().and_then(|id| by_id.get(&id)) else {
                return; // a place not in the main table
            };
            let flag = |i: usize| fields.get(i).is_some_and(|f| *f == "1");
            let (lang, form) = match fields[2] {
                "abbr" => ("und", Form::Acronym),
                "" => ("und", Form::Short),
                // Postal codes, airport codes, links and Wikidata IDs are not names.
                "post" | "iata" | "icao" | "faac" | "link" | "wkdt" | "unlc" | "tcid" => {
                    report.skipped += 1;
                    return;
                }
                lang => (
                    lang,
                    if flag(7) {
                        Form::Former
                    } else if flag(5) || flag(6) {
                        Form::Short
                    } else {
                        Form::Full
                    },
                ),
            };
            let text = fields[3].trim();
            let entity = &mut entities[index];
            let new = language_tag(lang).is_ok()
                && name_text(text).is_ok()
                && !has_name(entity, text, lang);
            if !new {
                report.skipped += 1;
                return;
            }
            if flag(4) && !entity.labels.iter().any(|l| l.lang == lang) {
                entity.labels.push(Label {
                    lang: lang.to_string(),
                    text: text.to_string(),
                });
                entity.labels.sort_by(|a, b| a.lang.cmp(&b.lang));
            }
            entity.names.push(Name {
                text: text.to_string(),
                lang: lang.to_string(),
                script: detect_script(text).map(str::to_string),
                form,
                source: "https://www.geonames.org/".to_string(),
                location: Location {
                    path: alternate.to_path_buf(),
                    line: number,
                    column: 1,
                },
            });
        })?;
    }
    if !problems.is_empty() {
        return Err(Error::new(ErrorKind::Input(problems)));
    }
    report.places = entities.len();
    report.names = entities.iter().map(|e| e.names.len()).sum();
    Ok((Lexicon::from_trusted(entities), report))
}

fn problem(path: &Path, line: usize, message: impl Into<String>) -> Diagnostic {
    Diagnostic {
        path: path.to_path_buf(),
        line,
        column: 1,
        message: message.into(),
    }
}

/// Calls `f` with each line (1-based number, text without the newline), streaming, and
/// `progress` with the bytes read every few thousand lines. Returns the bytes read.
fn for_each_line(
    path: &Path,
    progress: &dyn Fn(u64),
    mut f: impl FnMut(usize, &str),
) -> Result<u64> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut line = String::new();
    let mut number = 0;
    let mut bytes = 0u64;
    loop {
        line.clear();
        let read = reader
            .read_line(&mut line)
            .map_err(|e| Error::io(path, e))?;
        if read == 0 {
            progress(bytes);
            return Ok(bytes);
        }
        bytes += read as u64;
        number += 1;
        if number % 4096 == 0 {
            progress(bytes);
        }
        let text = line.trim_end_matches(['\n', '\r']);
        if !text.is_empty() && !text.starts_with('#') {
            f(number, text);
        }
    }
}

/// Whether `entity` already has the name `text` in `lang`. A linear scan: a place has a few
/// names, and a set per place would hold a second copy of every name until the end.
fn has_name(entity: &Entity, text: &str, lang: &str) -> bool {
    entity
        .names
        .iter()
        .any(|n| n.text == text && n.lang == lang)
}
