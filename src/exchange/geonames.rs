//! GeoNames' own dump formats: the `geoname` table (allCountries.txt, citiesN.txt) and,
//! optionally, alternateNamesV2.txt with languages and flags. Every place becomes a `place`
//! entity `place/gn-<geonameid>` whose prior grows with its population, so that of two places
//! with one name the larger ranks first.
//!
//! GeoNames data has quirks that are not errors: empty alternate names, repeats, airport
//! codes, names with spaces around them. Those names are skipped or cleaned, and counted; a
//! row that is malformed (too few columns, a bad ID) is an error at its line.
//!
//! The tables are read as a stream: each row is checked and kept as a few columns under a
//! key of its place's ID, the rows are sorted by that key (in runs on disk when they outgrow
//! the budget), and read back place by place, main row first, then its alternate names in
//! file order; each place is made then, and [`build_geonames`] hands it to the index
//! builder at once. The IDs sort as strings (`place/gn-10` before `place/gn-9`), which is
//! the order of a lexicon's entities, so the index is the one of the whole lexicon.

use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::index::spill::{Sorter, TempDir};
use crate::index::Builder;
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
    let mut entities = Vec::new();
    let report = for_each_place(main, alternate, Sorter::new(None, "rows"), progress, |e| {
        entities.push(e);
        Ok(())
    })?;
    Ok((Lexicon::from_trusted(entities), report))
}

/// Builds the index of a GeoNames table, and of alternate names if given, into the file
/// `output`, within about `memory` bytes however large the tables: their rows are sorted
/// by place in runs on disk (in a folder beside `output`), and each place goes to the
/// index as soon as its rows are read back. The file is the one [`read_geonames`] and
/// [`index::build`](crate::index::build) give.
pub fn build_geonames(
    main: &Path,
    alternate: Option<&Path>,
    output: &Path,
    memory: usize,
    progress: &dyn Fn(u64),
) -> Result<GeoNamesReport> {
    let dir = Arc::new(TempDir::beside(output, "rows")?);
    let rows = Sorter::new(Some(dir), "rows");
    let mut builder = Builder::new(output, memory - memory / 4)?;
    let report = for_each_place(main, alternate, rows.within(memory / 4), progress, |e| {
        builder.add(&e)
    })?;
    builder.finish()?;
    Ok(report)
}

/// A row's sort key: the ID of its place, then 0 for a row of the main table and 1 for an
/// alternate name, then its line. The ID is followed by a byte below any of its own, so the
/// keys sort as the IDs do, and each place's rows come together, its main row first.
fn row_key(geonameid: u32, alternate: bool, line: usize) -> Vec<u8> {
    let mut key = format!("{}{geonameid}", PLACE_PREFIX).into_bytes();
    key.push(u8::from(alternate));
    key.extend_from_slice(&(line as u64).to_be_bytes());
    key
}

const PLACE_PREFIX: &str = "place/gn-";

/// Reads the rows of both tables into `rows`, then reads them back in ID order, calling
/// `place` with each place, its names and labels from both tables. Nothing is passed on
/// once a problem is found; every problem is an error at the end.
fn for_each_place(
    main: &Path,
    alternate: Option<&Path>,
    mut rows: Sorter<(Vec<u8>, Vec<u8>)>,
    progress: &dyn Fn(u64),
    mut place: impl FnMut(Entity) -> Result<()>,
) -> Result<GeoNamesReport> {
    let mut report = GeoNamesReport::default();
    // Each problem with 0 for the main table, 1 for the alternate names.
    let mut problems: Vec<(u8, Diagnostic)> = Vec::new();

    let main_bytes = for_each_line(main, progress, |number, line| {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() < 19 {
            let found = format!("expected 19 tab-separated columns, found {}", fields.len());
            problems.push((0, problem(main, number, found)));
            return Ok(());
        }
        let Ok(geonameid) = fields[0].parse::<u32>() else {
            let bad = format!("geonameid '{}' is not a number", fields[0]);
            problems.push((0, problem(main, number, bad)));
            return Ok(());
        };
        if name_text(fields[1].trim()).is_err() {
            problems.push((0, problem(main, number, "the place has no usable name")));
            return Ok(());
        }
        // The columns a place is made of (fields 1-3, 6-8 and 14), tab-separated.
        let kept = [1, 2, 3, 6, 7, 8, 14].map(|i| fields[i]).join("\t");
        rows.push((row_key(geonameid, false, number), kept.into_bytes()))
    })?;

    if let Some(alternate) = alternate {
        let after_main = |read: u64| progress(main_bytes + read);
        for_each_line(alternate, &after_main, |number, line| {
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() < 4 {
                let found = format!(
                    "expected at least 4 tab-separated columns, found {}",
                    fields.len()
                );
                problems.push((1, problem(alternate, number, found)));
                return Ok(());
            }
            let Ok(geonameid) = fields[1].parse::<u32>() else {
                return Ok(()); // not a place of the main table
            };
            // The language, the name and the four flags (fields 2-7), tab-separated.
            let kept: Vec<&str> = (2..8)
                .map(|i| fields.get(i).copied().unwrap_or(""))
                .collect();
            rows.push((
                row_key(geonameid, true, number),
                kept.join("\t").into_bytes(),
            ))
        })?;
    }

    let mut current: Option<Entity> = None;
    for row in rows.sorted()? {
        let (key, kept) = row?;
        let Some(id_len) = key.len().checked_sub(9) else {
            return Err(Error::bug("a GeoNames row key is cut short"));
        };
        let (id, line) = key.split_at(id_len);
        let Ok(id) = std::str::from_utf8(id) else {
            return Err(Error::bug("a GeoNames row key is not UTF-8"));
        };
        let is_alternate = line[0] == 1;
        let number = u64::from_be_bytes(line[1..].try_into().unwrap_or_default()) as usize;
        let kept = String::from_utf8_lossy(&kept);
        let fields: Vec<&str> = kept.split('\t').collect();
        let same = current.as_ref().is_some_and(|e| e.id == id);
        if is_alternate {
            let (Some(alternate), Some(entity), true) = (alternate, current.as_mut(), same) else {
                continue; // a place not in the main table
            };
            add_alternate(entity, alternate, number, &fields, &mut report);
            continue;
        }
        if same {
            let geonameid = &id[PLACE_PREFIX.len()..];
            let twice = format!("geonameid {geonameid} appears twice");
            problems.push((0, problem(main, number, twice)));
            continue;
        }
        if let Some(done) = current.take() {
            pass_on(done, &problems, &mut report, &mut place)?;
        }
        current = Some(main_place(id, main, number, &fields, &mut report));
    }
    if let Some(done) = current.take() {
        pass_on(done, &problems, &mut report, &mut place)?;
    }
    if !problems.is_empty() {
        problems.sort_by_key(|(table, problem)| (*table, problem.line));
        let problems = problems.into_iter().map(|(_, p)| p).collect();
        return Err(Error::new(ErrorKind::Input(problems)));
    }
    Ok(report)
}

/// Counts a place read and passes it on, unless there were problems.
fn pass_on(
    entity: Entity,
    problems: &[(u8, Diagnostic)],
    report: &mut GeoNamesReport,
    place: &mut impl FnMut(Entity) -> Result<()>,
) -> Result<()> {
    report.places += 1;
    report.names += entity.names.len();
    if problems.is_empty() {
        place(entity)?;
    }
    Ok(())
}

/// The place of a row of the main table, from its kept `fields` (name, asciiname,
/// alternatenames, feature class, feature code, country, population).
fn main_place(
    id: &str,
    main: &Path,
    number: usize,
    fields: &[&str],
    report: &mut GeoNamesReport,
) -> Entity {
    let field = |i: usize| fields.get(i).copied().unwrap_or("");
    let source = "https://www.geonames.org/";
    let name = field(0).trim();
    let at = Location {
        path: main.to_path_buf(),
        line: number,
        column: 1,
    };
    let population: f64 = field(6).parse().unwrap_or(0.0);
    let country = field(5);
    let category = match (field(3), field(4)) {
        ("", _) | (_, "") => None,
        (class, code) => Some(format!("{}-{}", class, code).to_lowercase()),
    };
    let mut entity = Entity {
        id: id.to_string(),
        kind: Kind::Place,
        category: category.filter(|c| c.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')),
        labels: vec![Label {
            lang: "und".into(),
            text: name.to_string(),
        }],
        names: Vec::new(),
        wikidata: None,
        geonames: id[PLACE_PREFIX.len()..].parse().ok(),
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
    for (i, alternate) in std::iter::once(field(1))
        .chain(field(2).split(','))
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
    entity
}

/// Adds a row of the alternate names, from its kept `fields` (language, name, and the
/// flags preferred, short, colloquial, historic), to its place.
fn add_alternate(
    entity: &mut Entity,
    alternate: &Path,
    number: usize,
    fields: &[&str],
    report: &mut GeoNamesReport,
) {
    let field = |i: usize| fields.get(i).copied().unwrap_or("");
    let flag = |i: usize| field(i - 2) == "1";
    let (lang, form) = match field(0) {
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
    let text = field(1).trim();
    let new =
        language_tag(lang).is_ok() && name_text(text).is_ok() && !has_name(entity, text, lang);
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
    mut f: impl FnMut(usize, &str) -> Result<()>,
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
            f(number, text)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A `geoname` row of 19 columns.
    fn row(id: &str, name: &str, ascii: &str, alternates: &str, population: &str) -> String {
        let mut fields = vec![""; 19];
        fields[..4].copy_from_slice(&[id, name, ascii, alternates]);
        fields[6] = "P";
        fields[7] = "PPL";
        fields[8] = "ML";
        fields[14] = population;
        fields.join("\t")
    }

    fn tables(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
        let main = [
            row(
                "2460596",
                "Bamako",
                "Bamako",
                "BKO,Bamakó,Bamako, Bamaco",
                "1297281",
            ),
            // IDs that sort as strings otherwise than as numbers.
            row("10", "Gao", "Gao", "Gao,Gao Town", "86633"),
            row("9", "Kidal", "Kidal", "", "25617"),
            row("100", "Tombouctou", "Timbuktu", "Timbuktu,Tumbutu", "35330"),
        ]
        .join("\n");
        let alternate = [
            "1\t2460596\tfr\tBamako\t1\t\t\t",
            "2\t2460596\ten\tBamako City\t\t1\t\t",
            "3\t10\tar\tغاو\t1\t\t\t",
            "4\t10\tpost\t1234\t\t\t\t",
            "5\t77\ten\tNowhere\t\t\t\t",
            "6\t100\tfr\tTombouctou\t1\t\t\t1",
            "7\t100\tabbr\tTBT\t\t\t\t",
            "8\t9\ten\tKidal\t1",
        ]
        .join("\n");
        let (m, a) = (dir.join("cities.txt"), dir.join("alternate.txt"));
        std::fs::write(&m, main).unwrap();
        std::fs::write(&a, alternate).unwrap();
        (m, a)
    }

    #[test]
    fn a_streaming_build_gives_the_index_of_the_lexicon_read() {
        let dir = tempfile::tempdir().unwrap();
        let (main, alternate) = tables(dir.path());
        let (lexicon, report) = read_geonames(&main, Some(&alternate)).unwrap();
        assert_eq!(report.places, 4);
        let ids: Vec<&str> = lexicon.entities().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "place/gn-10",
                "place/gn-100",
                "place/gn-2460596",
                "place/gn-9"
            ]
        );
        let gao = &lexicon.entities()[0];
        assert_eq!(gao.labels.len(), 2, "{:?}", gao.labels);
        assert!(gao.names.iter().any(|n| n.text == "غاو" && n.lang == "ar"));
        let expected = crate::index::build(&lexicon).unwrap();
        let output = dir.path().join("geonames.canonym");
        // A tiny budget: every few rows and keys are a run of their own.
        for memory in [1 << 30, 4 << 10, 256] {
            let built = build_geonames(&main, Some(&alternate), &output, memory, &|_| {}).unwrap();
            assert_eq!(built.names, report.names);
            assert_eq!(built.skipped, report.skipped);
            assert!(
                std::fs::read(&output).unwrap() == expected,
                "memory {memory}"
            );
        }
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["alternate.txt", "cities.txt", "geonames.canonym"]);
    }

    #[test]
    fn bad_rows_are_errors_at_their_lines_and_write_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let main = dir.path().join("cities.txt");
        let rows = [
            row("1", "Gao", "", "", "1"),
            "2\tshort".to_string(),
            row("1", "Gao again", "", "", "1"),
            row("x", "Kidal", "", "", "1"),
        ];
        std::fs::write(&main, rows.join("\n")).unwrap();
        let output = dir.path().join("out.canonym");
        let err = build_geonames(&main, None, &output, 1 << 20, &|_| {}).unwrap_err();
        let ErrorKind::Input(problems) = err.kind() else {
            panic!("{err}");
        };
        let lines: Vec<usize> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 3, 4], "{problems:?}");
        assert!(problems[1].message.contains("appears twice"));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "only the input"
        );
    }
}
