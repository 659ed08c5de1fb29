//! `canonym import --format wikidata` on hand-written entities in the exact dump format
//! (tests/data/wikidata/README.md), through the real binary: imported, built and resolved.

use std::path::{Path, PathBuf};

use crate::cli::{canonym, json_lines, stderr};

const DUMP: &str = "tests/data/wikidata/dump.json";

/// Imports `dump` into `dir/lexicon` with `extra` arguments and builds it; the index's path.
fn import_and_build(dump: &str, dir: &Path, extra: &[&str]) -> PathBuf {
    let lexicon = dir.join("lexicon");
    let mut args = vec![
        "import",
        "--format",
        "wikidata",
        dump,
        "-o",
        lexicon.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = canonym(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let index = dir.join("wd.canonym");
    let out = canonym(&[
        "build",
        lexicon.to_str().unwrap(),
        "-o",
        index.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    index
}

/// The best candidate's ID and its `wikidata`, for each name.
fn resolved(index: &Path, names: &[&str]) -> Vec<(String, String)> {
    let mut args = vec!["resolve", "--json", "--lexicon", index.to_str().unwrap()];
    args.extend_from_slice(names);
    json_lines(&canonym(&args))
        .iter()
        .map(|answer| {
            let best = &answer["candidates"][0];
            let field = |k: &str| best[k].as_str().unwrap_or("-").to_string();
            (field("id"), field("wikidata"))
        })
        .collect()
}

#[test]
fn a_dump_plain_or_gzipped_resolves_its_entities_in_their_languages() {
    for dump in [DUMP.to_string(), format!("{DUMP}.gz")] {
        let dir = tempfile::tempdir().unwrap();
        let index = import_and_build(&dump, dir.path(), &[]);
        let names = [
            "Бамако",             // ru label
            "巴马科",             // zh-hans label
            "바마코",             // ko label
            "بمباكو",             // not a name of it: no match
            "République du Mali", // P1448, and a fr alias
            "Mali",               // en and fr labels, sitelinks
            "Republic of Mali",   // en alias
            "JNIM",               // en alias, an acronym
            "GSIM",               // fr alias
            "منطقة كيدال",        // ar label
            "Assimi Goita",       // en alias
            "アシミ・ゴイタ",     // ja label
        ];
        let found = resolved(&index, &names);
        let expected = [
            ("place/q3703", "Q3703"),
            ("place/q3703", "Q3703"),
            ("place/q3703", "Q3703"),
            ("-", "-"),
            ("place/q912", "Q912"),
            ("place/q912", "Q912"),
            ("place/q912", "Q912"),
            ("group/q28877411", "Q28877411"),
            ("group/q28877411", "Q28877411"),
            ("place/q338988", "Q338988"),
            ("person/q98497406", "Q98497406"),
            ("person/q98497406", "Q98497406"),
        ];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(id, q)| (id.to_string(), q.to_string()))
            .collect();
        assert_eq!(found, expected, "{dump}");

        // The lexicon written: kinds from P31, countries from P17 through P297, located_in
        // from P131, a source on every name, and the tags in BCP 47 case.
        let places = std::fs::read_to_string(dir.path().join("lexicon/places.toml")).unwrap();
        assert!(places.contains("id = \"place/q338988\"\nkind = \"place\"\ncategory = \"region\""));
        assert!(places.contains("{ type = \"located_in\", target = \"place/q912\" }"));
        assert!(places.contains("countries = [\"ML\"]"));
        assert!(places.contains("lang = \"zh-Hans\", script = \"Hani\""));
        assert!(places.contains("{ text = \"바마코\", lang = \"ko\", script = \"Hang\""));
        assert!(
            !places.contains("roa"),
            "the code roa-tara is no language tag"
        );
        assert!(
            !places.contains("Category:Mali"),
            "Commons is not a Wikipedia"
        );
        let people = std::fs::read_to_string(dir.path().join("lexicon/people.toml")).unwrap();
        assert!(people.contains("lang = \"und\""), "mul becomes und");
        for file in ["places.toml", "groups.toml", "people.toml"] {
            let text = std::fs::read_to_string(dir.path().join("lexicon").join(file)).unwrap();
            for line in text
                .lines()
                .filter(|l| l.trim_start().starts_with("{ text"))
            {
                assert!(
                    line.contains("source = \"https://www.wikidata.org/wiki/Q"),
                    "{line}"
                );
            }
        }
        // Douglas Adams has no class here and P31 is a property: neither is imported.
        assert!(!dir.path().join("lexicon/organizations.toml").exists());
    }
}

#[test]
fn the_report_counts_what_was_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("lexicon");
    let run = canonym(&[
        "import",
        "--format",
        "wikidata",
        DUMP,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let report = stderr(&run);
    assert!(
        report.contains("read 7 entities from Wikidata: kept 5"),
        "{report}"
    );
    assert!(report.contains("1 not items"), "{report}");
    assert!(report.contains("1 of no known class"), "{report}");
    assert!(report.contains("1 in unknown languages"), "{report}");
}

#[test]
fn filters_by_qid_and_by_class_and_a_default_kind() {
    let dir = tempfile::tempdir().unwrap();
    let index = import_and_build(
        DUMP,
        dir.path(),
        &["--qids", "Q3703,Q42", "--kind-default", "person"],
    );
    let found = resolved(&index, &["Bamako", "Douglas Adams", "Mali"]);
    assert_eq!(found[0].0, "place/q3703");
    assert_eq!(found[1].0, "person/q42");
    assert_eq!(found[2].0, "-", "Mali was not asked for");

    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("qids.txt");
    std::fs::write(&list, "# the groups\nQ28877411\n").unwrap();
    let index = import_and_build(DUMP, dir.path(), &["--qids", list.to_str().unwrap()]);
    assert_eq!(resolved(&index, &["GSIM", "Bamako"])[1].0, "-");

    let dir = tempfile::tempdir().unwrap();
    let index = import_and_build(DUMP, dir.path(), &["--class", "Q6256,Q5"]);
    let found = resolved(&index, &["Mali", "Assimi Goïta", "Bamako", "JNIM"]);
    let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["place/q912", "person/q98497406", "-", "-"]);
    // Mali is not within itself; Bamako, not imported, is no target.
    let places = std::fs::read_to_string(dir.path().join("lexicon/places.toml")).unwrap();
    assert!(!places.contains("located_in"), "{places}");

    let dir = tempfile::tempdir().unwrap();
    let index = import_and_build(
        DUMP,
        dir.path(),
        &["--class-kind", "Q17149090=organization"],
    );
    assert_eq!(resolved(&index, &["JNIM"])[0].0, "org/q28877411");
}

#[test]
fn bad_lines_are_errors_at_their_lines_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(DUMP).unwrap();
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(2, "{\"type\":\"item\",\"id\":\"Q1\",\"labels\":{\"en\":");
    lines.insert(4, "{\"type\":\"item\",\"id\":\"X9\"},");
    lines.insert(5, "not json at all,");
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let out = dir.path().join("lexicon");
    let run = canonym(&[
        "import",
        "--format",
        "wikidata",
        bad.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let errors = stderr(&run);
    assert!(errors.contains("bad.json:3:"), "{errors}");
    assert!(
        errors.contains("bad.json:5:1: 'X9' is not an item ID"),
        "{errors}"
    );
    assert!(errors.contains("bad.json:6:"), "{errors}");
    assert!(errors.contains("3 errors"), "{errors}");
    assert!(!out.exists(), "nothing is written");

    // A file that is no dump at all: reading stops after the cap, with no panic.
    let csv = dir.path().join("names.csv");
    let rows: String = (0..100).map(|i| format!("row {i},Bamako\n")).collect();
    std::fs::write(&csv, rows).unwrap();
    let run = canonym(&[
        "import",
        "--format",
        "wikidata",
        csv.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let errors = stderr(&run);
    assert!(
        errors.contains("stopped reading after 20 malformed lines"),
        "{errors}"
    );
    assert!(errors.contains("names.csv:20:"), "{errors}");
    assert!(!errors.contains("names.csv:21:1: not"), "{errors}");

    // A gzip stream cut short is an error, not a lexicon of what came before.
    let gz = std::fs::read(format!("{DUMP}.gz")).unwrap();
    let cut = dir.path().join("cut.json.gz");
    std::fs::write(&cut, &gz[..gz.len() / 2]).unwrap();
    let run = canonym(&[
        "import",
        "--format",
        "wikidata",
        cut.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(!out.exists());

    // Options of the Wikidata import are refused for the other formats, and bad QIDs.
    let run = canonym(&[
        "import",
        "--format",
        "jsonl",
        DUMP,
        "-o",
        out.to_str().unwrap(),
        "--class",
        "Q5",
    ]);
    assert_eq!(run.status.code(), Some(2));
    let run = canonym(&[
        "import",
        "--format",
        "wikidata",
        DUMP,
        "-o",
        out.to_str().unwrap(),
        "--qids",
        "Q5,mali",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("'mali' is not a Wikidata item ID"),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists());
}

#[test]
fn tag_json_carries_the_qid_when_the_entity_has_one() {
    let out = crate::cli::canonym_stdin(
        &["tag", "--json"],
        "Les combattants ont attaqué Tessit au Mali.",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let answer = &json_lines(&out)[0];
    let mentions = answer["mentions"].as_array().unwrap();
    let mali = mentions.iter().find(|m| m["id"] == "place/mali").unwrap();
    assert_eq!(mali["wikidata"], "Q912");
    assert_eq!(mali["candidates"][0]["wikidata"], "Q912");
    // The town of Tessit has no QID in the lexicon: no field, rather than a null.
    let tessit = mentions.iter().find(|m| m["id"] == "place/tessit").unwrap();
    assert!(tessit.get("wikidata").is_none(), "{tessit}");
}
