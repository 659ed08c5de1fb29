//! `--lexicon` given several times layers lexicon folders: a user's own entities over the
//! shipped Sahel lexicon, with an ID defined twice reported at both definitions.

use std::path::Path;

use crate::cli::{build_default, canonym, stderr, stdout};

const MINE: &str = r#"[[entity]]
id = "place/kafoulabougou"
kind = "place"
label = { fr = "Kafoulabougou" }
names = [
  { text = "Kafoulabougou", lang = "fr", form = "full", source = "my field notes" },
]
"#;

const CLASH: &str = r#"# Gao again
[[entity]]
id = "place/gao"
kind = "place"
label = { fr = "Gao" }
names = [
  { text = "Gao", lang = "fr", form = "full", source = "my field notes" },
]
"#;

fn folder(dir: &Path, name: &str, text: &str) -> String {
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join(format!("{name}.toml")), text).unwrap();
    folder.to_str().unwrap().to_string()
}

#[test]
fn a_folder_layered_over_the_shipped_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    let mine = folder(dir.path(), "mine", MINE);
    for base in ["@sahel", "lexicon"] {
        let out = canonym(&[
            "resolve",
            "--lexicon",
            base,
            "--lexicon",
            &mine,
            "Kafoulabougou",
            "Tin Zaouatine",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        assert!(text.contains("place/kafoulabougou"), "{text}");
        assert!(text.contains("place/tinzaouatene"), "{text}");
    }
}

#[test]
fn an_id_defined_in_two_layers_is_an_error_at_both() {
    let dir = tempfile::tempdir().unwrap();
    let clash = folder(dir.path(), "clash", CLASH);
    let out = canonym(&["tag", "--lexicon", "lexicon", "--lexicon", &clash, "Gao"]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains(&format!(
            "{clash}/clash.toml:2:1: duplicate ID 'place/gao' (first defined at lexicon/sahel/"
        )),
        "{message}"
    );
    // An index file holds no sources to layer.
    let index = build_default(dir.path());
    let out = canonym(&[
        "resolve",
        "--lexicon",
        index.to_str().unwrap(),
        "--lexicon",
        &clash,
        "Gao",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("only lexicon folders (and @sahel) can be layered"),
        "{}",
        stderr(&out)
    );
}
