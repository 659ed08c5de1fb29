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
