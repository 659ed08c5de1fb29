//! Import tells what a file is when it is not in the format asked for, says so once, and
//! export and import say what the table formats and TBX leave out.

use crate::cli::{canonym, export, import, stderr};

const MARTIF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="fr">
  <martifHeader><fileDesc><sourceDesc><p>a termbase</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1"><langSet xml:lang="fr"><tig><term>Gao</term></tig></langSet></termEntry>
  </body></text>
</martif>
"#;

#[test]
fn a_tbx_v2_file_is_named_and_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.tbx");
    std::fs::write(&file, MARTIF).unwrap();
    let imported = dir.path().join("imported");
    let out = import("tbx", &file, &imported);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("old.tbx:1:1: this is a TBX v2 file (root element <martif>"),
        "{message}"
    );
    assert!(!imported.exists(), "nothing is written");
}

#[test]
fn a_file_without_entities_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty.tbx");
    std::fs::write(
        &file,
        "<tbx type=\"TBX-Basic\"><text><body></body></text></tbx>\n",
    )
    .unwrap();
    let out = import("tbx", &file, &dir.path().join("imported"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("empty.tbx:1:1: the file holds no entities"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_table_given_as_json_lines_gives_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sahel.tsv");
    std::fs::write(&file, export("tsv", "lexicon")).unwrap();
    let out = import("jsonl", &file, &dir.path().join("imported"));
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains(
            "sahel.tsv:1:1: this is a TSV file, not JSON Lines: import it with --format tsv"
        ),
        "{message}"
    );
    assert_eq!(message.lines().count(), 2, "one error:\n{message}");
}

#[test]
fn repeated_errors_are_counted_not_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("arrays.jsonl");
    std::fs::write(&file, "{}\n".to_string() + &"[1, 2]\n".repeat(50)).unwrap();
    let out = import("jsonl", &file, &dir.path().join("imported"));
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("the input has 51 errors"), "{message}");
    assert!(
        message.contains(
            "... and 47 more errors with the message: invalid type: integer `1`, expected a string"
        ),
        "{message}"
    );
    assert!(message.lines().count() < 10, "{message}");
}

#[test]
fn lossy_formats_say_what_they_leave_out() {
    let out = canonym(&["export", "--format", "tsv", "lexicon"]);
    assert_eq!(out.status.code(), Some(0));
    let warning = stderr(&out);
    assert!(
        warning.contains("warning: TSV has no place for these fields")
            && warning.contains("cues (")
            && warning.contains("wikidata ("),
        "{warning}"
    );
    let out = canonym(&["export", "--format", "jsonl", "lexicon"]);
    assert_eq!(stderr(&out), "", "JSON Lines loses nothing");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sahel.csv");
    std::fs::write(&file, export("csv", "lexicon")).unwrap();
    let out = import("csv", &file, &dir.path().join("imported"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: CSV has no place for cues, prior, relations"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn binary_files_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let index = crate::cli::build_default(dir.path());
    let out = import("tsv", &index, &dir.path().join("imported"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("this is a canonym index file, not an exchange file"),
        "{}",
        stderr(&out)
    );
    let sheet = dir.path().join("names.xlsx");
    std::fs::write(&sheet, b"PK\x03\x04\x14\x00\x06\x00\xff\xfe").unwrap();
    let out = import("csv", &sheet, &dir.path().join("imported"));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("this is a ZIP archive (a spreadsheet such as .xlsx or .ods?)"),
        "{}",
        stderr(&out)
    );
}

/// Faulty entities, each as a JSON line and as the TOML table a linguist would write.
const FAULTY: [(&str, &str); 7] = [
    (
        r#"{"id": "place/Gao", "kind": "place", "label": {"fr": "Gao"}, "names": [{"text": "Gao", "lang": "fr", "form": "full", "source": "s"}]}"#,
        r#"[[entity]]
id = "place/Gao"
kind = "place"
label = { fr = "Gao" }
names = [{ text = "Gao", lang = "fr", form = "full", source = "s" }]
"#,
    ),
    (
        r#"{"id": "group/x", "kind": "place", "category": "Big Town", "prior": 1.5, "label": {"fr": "X"}, "wikidata": "1044", "countries": ["ml"], "valid_from": "2020", "valid_until": "2019", "names": [{"text": "X", "lang": "fr", "form": "full", "source": "s"}]}"#,
        r#"[[entity]]
id = "group/x"
kind = "place"
category = "Big Town"
prior = 1.5
label = { fr = "X" }
wikidata = "1044"
countries = ["ml"]
valid_from = "2020"
valid_until = "2019"
names = [{ text = "X", lang = "fr", form = "full", source = "s" }]
"#,
    ),
    (
        r#"{"id": "place/y", "kind": "place", "label": {"en": "Why", "fr": "Y"}, "names": [{"text": "Y", "lang": "fr", "form": "full", "source": "s"}, {"text": "Y", "lang": "fr", "form": "short", "source": "s"}, {"text": "Лавров", "lang": "ru", "form": "full", "source": "s"}, {"text": "Z ", "lang": "fr", "form": "full", "source": "s"}, {"text": "W", "lang": "FR", "form": "full", "source": ""}, {"text": "V", "lang": "fr", "script": "arab", "form": "full", "source": "s"}]}"#,
        r#"[[entity]]
id = "place/y"
kind = "place"
label = { en = "Why", fr = "Y" }
names = [
  { text = "Y", lang = "fr", form = "full", source = "s" },
  { text = "Y", lang = "fr", form = "short", source = "s" },
  { text = "Лавров", lang = "ru", form = "full", source = "s" },
  { text = "Z ", lang = "fr", form = "full", source = "s" },
  { text = "W", lang = "FR", form = "full", source = "" },
  { text = "V", lang = "fr", script = "arab", form = "full", source = "s" },
]
"#,
    ),
    (
        r#"{"id": "place/z", "kind": "place", "label": {"fr": "Z"}, "relations": [{"type": "located_in", "target": "place/nowhere"}, {"type": "part_of", "target": "place/z"}], "cues": {"favour": [" river"]}, "names": [{"text": "Z", "lang": "fr", "form": "full", "source": "s"}]}"#,
        r#"[[entity]]
id = "place/z"
kind = "place"
label = { fr = "Z" }
relations = [{ type = "located_in", target = "place/nowhere" }, { type = "part_of", target = "place/z" }]
cues = { favour = [" river"] }
names = [{ text = "Z", lang = "fr", form = "full", source = "s" }]
"#,
    ),
    (
        r#"{"id": "place/z", "kind": "place", "label": {"fr": "Zed"}, "names": [{"text": "Zed", "lang": "fr", "form": "full", "source": "s"}]}"#,
        r#"[[entity]]
id = "place/z"
kind = "place"
label = { fr = "Zed" }
names = [{ text = "Zed", lang = "fr", form = "full", source = "s" }]
"#,
    ),
    (
        r#"{"id": "place/w", "kind": "place", "label": {}, "names": []}"#,
        r#"[[entity]]
id = "place/w"
kind = "place"
label = {}
names = []
"#,
    ),
    (
        r#"{"id": "place/v", "kind": "place", "geonames": 0, "label": {"fr": "V"}, "names": [{"text": "V", "lang": "fr", "form": "full", "source": "s"}]}"#,
        r#"[[entity]]
id = "place/v"
kind = "place"
geonames = 0
label = { fr = "V" }
names = [{ text = "V", lang = "fr", form = "full", source = "s" }]
"#,
    ),
];

/// The `file:line:column: message` lines of a failed command, as (line, message).
fn diagnostics(out: &std::process::Output, file: &str) -> Vec<(usize, String)> {
    let prefix = format!("{file}:");
    stderr(out)
        .lines()
        .filter_map(|l| l.split_once(&prefix).map(|(_, rest)| rest))
        .map(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().unwrap().parse().unwrap();
            let _column = parts.next();
            let message = parts.next().unwrap().trim();
            // The place of an earlier definition is in the file's own terms.
            let message = message.split(" (first defined at ").next().unwrap();
            (line, message.to_string())
        })
        .collect()
}

/// An import runs the loader's own checks on the entities it read: the same messages as the
/// loader gives for the same entities written as TOML, each at the line of its entity.
#[test]
fn imports_are_checked_by_the_loaders_rules() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl: String = FAULTY.iter().map(|(line, _)| format!("{line}\n")).collect();
    let file = dir.path().join("faulty.jsonl");
    std::fs::write(&file, jsonl).unwrap();
    let out_import = import("jsonl", &file, &dir.path().join("imported"));
    assert_eq!(out_import.status.code(), Some(2), "{}", stderr(&out_import));
    let imported = diagnostics(&out_import, "faulty.jsonl");

    let lexicon = dir.path().join("lexicon");
    std::fs::create_dir(&lexicon).unwrap();
    let toml: Vec<&str> = FAULTY.iter().map(|(_, table)| *table).collect();
    std::fs::write(lexicon.join("faulty.toml"), toml.join("\n")).unwrap();
    let index = dir.path().join("faulty.canonym");
    let out = canonym(&[
        "build",
        lexicon.to_str().unwrap(),
        "-o",
        index.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let loaded = diagnostics(&out, "faulty.toml");

    let messages = |d: &[(usize, String)]| {
        let mut m: Vec<String> = d.iter().map(|(_, m)| m.clone()).collect();
        m.sort();
        m
    };
    assert!(loaded.len() >= 20, "{loaded:#?}");
    assert_eq!(messages(&imported), messages(&loaded));
    assert!(
        stderr(&out_import).contains("duplicate ID 'place/z' (first defined at ")
            && stderr(&out_import).contains("faulty.jsonl:4:1)"),
        "{}",
        stderr(&out_import)
    );
    // Each at the line of the entity its value belongs to.
    let entity_line =
        |needle: &str| FAULTY.iter().position(|(l, _)| l.contains(needle)).unwrap() + 1;
    for (line, message) in &imported {
        let m = message.as_str();
        let of_entity = [
            ("place/Gao", &["place/Gao"][..]),
            (
                "Big Town",
                &[
                    "Big Town",
                    "1044",
                    "'ml'",
                    "prior",
                    "valid_until",
                    "group/x",
                ],
            ),
            ("nowhere", &["nowhere", "river", "itself"]),
            ("Zed", &["duplicate ID"]),
            ("place/w", &["needs"]),
            ("geonames", &["GeoNames"]),
        ]
        .iter()
        .find(|(_, words)| words.iter().any(|w| m.contains(w)))
        // The others are about the names and labels of place/y.
        .map_or("Лавров", |(entity, _)| entity);
        assert_eq!(*line, entity_line(of_entity), "{message}");
    }
}

/// A table or TBX file can give an entity two preferred labels in one language, which the
/// lexicon's `label` table cannot hold: an error at the second.
#[test]
fn two_labels_in_one_language_are_an_error_at_the_second() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("labels.tsv");
    std::fs::write(
        &file,
        "id\tkind\tcategory\tlabel\tname\tlang\tscript\tform\tsource\n\
         place/gao\tplace\t\tyes\tGao\tfr\t\tfull\ts\n\
         place/gao\tplace\t\t\tGawgaw\tfr\t\tfull\ts\n\
         place/gao\tplace\t\tyes\tKawkaw\tfr\t\tfull\ts\n",
    )
    .unwrap();
    let imported = dir.path().join("imported");
    let out = import("tsv", &file, &imported);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "labels.tsv:4:1: a second preferred label in fr ('Kawkaw'; the first is 'Gao')"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!imported.exists(), "nothing is written");
}
