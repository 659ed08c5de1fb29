//! `canonym diff` compares every field of an entity, not only its labels and names.

use std::path::{Path, PathBuf};

use crate::cli::{canonym, json_lines, stderr, stdout};

/// A copy of the shipped lexicon under `dir`, each file's text passed through `edit`.
pub(crate) fn edited_lexicon(dir: &Path, edit: impl Fn(&str) -> String) -> PathBuf {
    let copy = dir.join("edited");
    std::fs::create_dir_all(copy.join("sahel")).unwrap();
    for entry in std::fs::read_dir("lexicon/sahel").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            copy.join("sahel").join(path.file_name().unwrap()),
            edit(&text),
        )
        .unwrap();
    }
    copy
}

/// The text without the lines that start with one of `prefixes`.
fn without_lines(text: &str, prefixes: &[&str]) -> String {
    text.lines()
        .filter(|line| !prefixes.iter().any(|p| line.starts_with(p)))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn a_lexicon_that_lost_its_cues_and_qids_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let edited = edited_lexicon(dir.path(), |text| {
        without_lines(
            text,
            &["cues = ", "wikidata = ", "prior = ", "valid_from = "],
        )
    });
    let out = canonym(&["diff", "--json", "lexicon", edited.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let d = &json_lines(&out)[0];
    let changed = d["changed"].as_array().unwrap();
    let qaeda = changed
        .iter()
        .find(|c| c["id"] == "group/al-qaida")
        .expect("al-Qaeda changed");
    let fields: Vec<&str> = qaeda["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    for field in ["cues.favour", "cues.exclude", "wikidata", "valid_from"] {
        assert!(fields.contains(&field), "{field} not in {fields:?}");
    }
    let wikidata = qaeda["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "wikidata")
        .unwrap();
    assert_eq!(wikidata["old"], "Q34490");
    assert!(wikidata["new"].is_null());
    // Far more than a few entities had cues or QIDs.
    assert!(changed.len() > 100, "{}", changed.len());

    let out = canonym(&["diff", "lexicon", edited.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(text.contains("    wikidata Q34490 -> (none)"), "{text}");
    assert!(!text.contains("entities changed (0)"), "{text}");
}

#[test]
fn a_name_whose_source_changed_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let edited = edited_lexicon(dir.path(), |text| {
        text.replace(
            "{ text = \"JNIM\", lang = \"fr\", form = \"acronym\", source = \"seeds/001_ca1515ff46768185.txt\" }",
            "{ text = \"JNIM\", lang = \"fr\", form = \"acronym\", source = \"https://example.org/jnim\" }",
        )
    });
    let out = canonym(&["diff", "--json", "lexicon", edited.to_str().unwrap()]);
    let d = &json_lines(&out)[0];
    let changed = d["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0]["id"], "group/jnim");
    let fields = changed[0]["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0]["field"], "name \"JNIM\" (fr)");
    assert_eq!(fields[0]["old"], "source seeds/001_ca1515ff46768185.txt");
    assert_eq!(fields[0]["new"], "source https://example.org/jnim");
}
