//! Every error of a lexicon file is reported, each at file:line:column: an unknown field or a
//! TOML syntax error does not hide the errors after it.

use crate::cli::{canonym, stderr, stdout};

#[test]
fn unknown_fields_and_syntax_errors_do_not_stop_the_file() {
    // One entity with an unknown field, a bad kind and a bad language tag; one with a
    // syntax error; one with an unknown field in a name; a table the format does not have.
    let out = canonym(&["lint", "tests/data/many-errors"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out) + &stderr(&out);
    for expected in [
        "bad.toml:3:8: error: unknown kind 'militia'",
        "bad.toml:4:1: error: unknown field `colour` in this entity; expected one of: id, kind,",
        "bad.toml:7:26: error: malformed language tag 'EN'",
        "bad.toml:15:64: error: invalid inline table",
        "bad.toml:23:66: error: unknown field `spelling` in this name; expected one of: text,",
        "bad.toml:26:3: error: unknown field `entities` in this file; expected one of: entity",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    // build reports the same, and writes nothing.
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("x.canonym");
    let out = canonym(&[
        "build",
        "tests/data/many-errors",
        "-o",
        index.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad.toml:4:1: unknown field `colour`"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("bad.toml:15:64:"), "{}", stderr(&out));
    assert!(!index.exists());
}
