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

#[test]
fn a_name_longer_than_any_name_is_refused_at_its_place() {
    // Issue 16: an index with a 10 MB name took 827 MB and 2 s at every open. Such a name is
    // now an error of the lexicon, and no key of an index is longer than a name's.
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("lexicon");
    std::fs::create_dir(&lexicon).unwrap();
    let name = format!("Kidal{}", "a".repeat(10 << 20));
    std::fs::write(
        lexicon.join("long.toml"),
        format!(
            "[[entity]]\nid = \"place/x\"\nkind = \"place\"\nlabel = {{ fr = \"X\" }}\n\
             names = [\n  {{ text = \"X\", lang = \"fr\", form = \"full\", source = \"s\" }},\n  \
             {{ text = \"{name}\", lang = \"fr\", form = \"full\", source = \"s\" }},\n]\n"
        ),
    )
    .unwrap();
    let index = dir.path().join("x.canonym");
    let out = canonym(&[
        "build",
        lexicon.to_str().unwrap(),
        "-o",
        index.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("long.toml:7:12: a name of 10485765 bytes ('Kidalaaa"),
        "{err}"
    );
    assert!(err.contains("a name has at most 1000"), "{err}");
    assert!(err.len() < 1000, "the name is not printed whole");
    assert!(!index.exists());
}
