//! The embedded default lexicon is the one in lexicon/, and it is sound.

use canonym::{index, Index, Lexicon};

#[test]
fn embedded_index_equals_a_fresh_build_of_lexicon_dir() {
    let fresh = index::build(&Lexicon::load_dir("lexicon").expect("lexicon/ loads")).unwrap();
    let embedded = canonym::default_index().expect("the embedded lexicon compiles");
    assert!(
        embedded.as_bytes() == fresh.as_slice(),
        "the embedded lexicon differs from lexicon/: rebuild the crate (cargo build) so build.rs embeds the current sources"
    );
}

#[test]
fn embedded_sources_are_every_file_under_lexicon() {
    let mut on_disk = Vec::new();
    let mut stack = vec![std::path::PathBuf::from("lexicon")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                on_disk.push(path.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    on_disk.sort();
    let embedded: Vec<&str> = canonym::DEFAULT_LEXICON_SOURCES
        .iter()
        .map(|(p, _)| *p)
        .collect();
    assert_eq!(embedded, on_disk);
}

#[test]
fn embedded_index_verifies_and_builds_deterministically() {
    let embedded = canonym::default_index().unwrap();
    embedded.verify().unwrap();
    let again = index::build(&canonym::default_lexicon().unwrap()).unwrap();
    assert_eq!(embedded.as_bytes(), again.as_slice());
    let reopened = Index::new(again).unwrap();
    assert_eq!(reopened.entity_count(), embedded.entity_count());
}

/// Long queries go through every layer, the fuzzy search included, without trouble: its walk
/// keeps a fixed band of the edit-distance table, whatever the query's length.
#[test]
fn long_queries_resolve_to_nothing_without_trouble() {
    let index = canonym::default_index().unwrap();
    for unit in ["Tinzaouatine ", "Tinzaouatene", "جماعة نصرة ", "Лавров-"] {
        let query = unit.repeat(20_000);
        let candidates = index.resolve(&query).unwrap();
        assert!(candidates.is_empty(), "{unit}: {candidates:?}");
    }
    // A real name with a misspelling still resolves among them.
    assert_eq!(
        index.resolve("Tinzaouatine").unwrap()[0].id,
        "place/tinzaouatene"
    );
}
