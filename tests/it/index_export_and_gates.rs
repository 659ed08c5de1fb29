//! `export` reads an index file for the formats whose fields an index holds, and
//! `--fail-on-regression` turns `eval --baseline` and `diff --gold` into CI gates.

use crate::cli::{build_default, canonym, stderr, stdout};
use crate::diff_fields::edited_lexicon;

#[test]
fn export_reads_an_index_file() {
    let dir = tempfile::tempdir().unwrap();
    let index = build_default(dir.path());
    let index = index.to_str().unwrap();
    for format in ["tsv", "csv", "tbx"] {
        let from_index = canonym(&["export", "--format", format, index]);
        assert_eq!(from_index.status.code(), Some(0), "{}", stderr(&from_index));
        let from_folder = canonym(&["export", "--format", format, "lexicon"]);
        assert!(
            stdout(&from_index) == stdout(&from_folder),
            "{format} from the index differs from the folder's"
        );
    }
    let out = canonym(&["export", "--format", "jsonl", index]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("an index file does not hold every field JSON Lines writes"),
        "{}",
        stderr(&out)
    );
}

/// The shipped lexicon without one spelling the seeds use.
fn lexicon_without_tinzawaten(dir: &std::path::Path) -> std::path::PathBuf {
    edited_lexicon(dir, |text| {
        text.replace(
            "  { text = \"Tinzawaten\", lang = \"fr\", form = \"transliteration\", source = \"seeds/001_ca1515ff46768185.txt\" },\n",
            "",
        )
    })
}

#[test]
fn eval_fails_on_regression_against_its_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let out = canonym(&["eval", "--json", "seeds"]);
    assert_eq!(out.status.code(), Some(0));
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, stdout(&out)).unwrap();
    let baseline = baseline.to_str().unwrap();
    let worse = lexicon_without_tinzawaten(dir.path());

    let gate = |lexicon: &str| {
        canonym(&[
            "eval",
            "--lexicon",
            lexicon,
            "--baseline",
            baseline,
            "--fail-on-regression",
            "seeds",
        ])
    };
    let out = gate(worse.to_str().unwrap());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("regression: 1 gold mention broken, 0 new false hits"),
        "{}",
        stderr(&out)
    );
    assert_eq!(gate("lexicon").status.code(), Some(0), "no regression");
    // Without the flag, a regression is reported but the run succeeds, as before.
    let out = canonym(&[
        "eval",
        "--lexicon",
        worse.to_str().unwrap(),
        "--baseline",
        baseline,
        "seeds",
    ]);
    assert_eq!(out.status.code(), Some(0));
    // The flag needs a baseline to compare with.
    assert_eq!(
        canonym(&["eval", "--fail-on-regression", "seeds"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn diff_fails_on_regression_of_the_gold_set() {
    let dir = tempfile::tempdir().unwrap();
    let worse = lexicon_without_tinzawaten(dir.path());
    let worse = worse.to_str().unwrap();
    let gate = |old: &str, new: &str| {
        canonym(&["diff", "--gold", "seeds", "--fail-on-regression", old, new])
    };
    let out = gate("lexicon", worse);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("regression: 1 gold mention broken"),
        "{}",
        stderr(&out)
    );
    // The edit the other way round fixes the mention: no regression.
    assert_eq!(gate(worse, "lexicon").status.code(), Some(0));
    // Without --gold nothing says what a regression is.
    assert_eq!(
        canonym(&["diff", "--fail-on-regression", "lexicon", worse])
            .status
            .code(),
        Some(2)
    );
}

/// A lexicon of two places, the name "Boukoum" being `owner`'s.
fn two_places(dir: &std::path::Path, name: &str, owner: &str) -> String {
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).unwrap();
    let place = |id: &str, label: &str| {
        let alias = if id == owner {
            "  { text = \"Boukoum\", lang = \"fr\", form = \"short\", source = \"test\" },\n"
        } else {
            ""
        };
        format!(
            "[[entity]]\nid = \"{id}\"\nkind = \"place\"\nlabel = {{ fr = \"{label}\" }}\nnames = [\n  {{ text = \"{label}\", lang = \"fr\", form = \"full\", source = \"test\" }},\n{alias}]\n\n"
        )
    };
    let text = place("place/bilanga", "Bilanga") + &place("place/zorgho", "Zorgho");
    std::fs::write(folder.join("places.toml"), text).unwrap();
    folder.to_str().unwrap().to_string()
}

#[test]
fn diff_fails_on_regression_of_a_name_table() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("names.tsv");
    std::fs::write(&table, "Boukoum\tplace/bilanga\ttest\n").unwrap();
    let good = two_places(dir.path(), "good", "place/bilanga");
    let bad = two_places(dir.path(), "bad", "place/zorgho");
    let gate = |old: &str, new: &str| {
        let table = table.to_str().unwrap();
        canonym(&["diff", "--gold", table, "--fail-on-regression", old, new])
    };
    let out = gate(&good, &bad);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("regression: 1 name no longer resolves to its expected entity first"),
        "{}",
        stderr(&out)
    );
    assert_eq!(gate(&bad, &good).status.code(), Some(0));
}
