//! The real binary, run as users and other tools run it.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

pub(crate) fn canonym(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_canonym"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

pub(crate) fn canonym_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_canonym"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().expect("piped");
    let input = input.to_string();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let output = child.wait_with_output().expect("the binary ends");
    writer.join().expect("writer thread");
    output
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 errors")
}

pub(crate) fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

pub(crate) fn build_default(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("sahel.canonym");
    let out = canonym(&["build", "lexicon", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    path
}

#[test]
fn a_build_in_little_memory_writes_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let default = build_default(dir.path());
    let small = dir.path().join("small.canonym");
    let out = canonym(&[
        "build",
        "lexicon",
        "-o",
        small.to_str().unwrap(),
        "--memory",
        "1M",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(&small).unwrap() == std::fs::read(&default).unwrap());
    let out = canonym(&[
        "build",
        "lexicon",
        "-o",
        small.to_str().unwrap(),
        "--memory",
        "lots",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a size"), "{}", stderr(&out));
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["sahel.canonym", "small.canonym"]);
}

#[test]
fn resolve_prints_the_canonical_town() {
    let out = canonym(&["resolve", "Tin Zaouatine"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let first_candidate = text.lines().nth(1).expect("a candidate row");
    assert!(first_candidate.contains("place/tinzaouatene"), "{text}");
    let out = canonym(&["resolve", "--lang", "fr", "Tin Zaouatine"]);
    let text = stdout(&out);
    let first_candidate = text.lines().nth(1).expect("a candidate row");
    assert!(first_candidate.contains("Tinzaouatène"), "{text}");
}

#[test]
fn resolve_json_follows_the_contract() {
    let out = canonym(&[
        "resolve",
        "--json",
        "JNIM",
        "GSIM",
        "Jama'at Nusrat Al-Islam Wal-Muslimin",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    for (line, query) in lines
        .iter()
        .zip(["JNIM", "GSIM", "Jama'at Nusrat Al-Islam Wal-Muslimin"])
    {
        let object = line.as_object().expect("an object");
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        assert_eq!(keys, ["query", "candidates"]);
        assert_eq!(line["query"], query);
        let best = &line["candidates"][0];
        let keys: Vec<&str> = best
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["id", "kind", "label", "score", "match", "variant", "lang", "wikidata"]
        );
        assert_eq!(best["id"], "group/jnim");
        assert_eq!(best["wikidata"], "Q28877411");
        assert_eq!(best["kind"], "group");
        let score = best["score"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&score));
        assert!(["exact", "folded", "latin"].contains(&best["match"].as_str().unwrap()));
    }
}

#[test]
fn unknown_name_exits_1() {
    let out = canonym(&["resolve", "Richard Wagner zzz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("no match"));
    let out = canonym(&["resolve", "--json", "Qwertyuiop"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_lines(&out)[0]["candidates"], Value::Array(vec![]));
}

#[test]
fn stdin_answers_one_line_per_input_line() {
    let input =
        "Tinzawaten\n\nnobody at all\r\n{\"query\": \"GSIM\", \"doc\": 7}\n\"Tin Zaouatine\"\n";
    let out = canonym_stdin(&["resolve", "--json", "-"], input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["candidates"][0]["id"], "place/tinzaouatene");
    assert_eq!(lines[1]["query"], "");
    assert_eq!(lines[1]["candidates"], Value::Array(vec![]));
    assert_eq!(lines[2]["query"], "nobody at all");
    assert_eq!(lines[3]["doc"], 7, "other fields pass through");
    assert_eq!(lines[3]["candidates"][0]["id"], "group/jnim");
    assert_eq!(lines[4]["query"], "Tin Zaouatine");
}

#[test]
fn stdin_with_nothing_found_exits_1() {
    let out = canonym_stdin(&["resolve", "-"], "zzzz\nyyyy\n");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_canonym"))
        .args(["resolve", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one answer, then close our end and keep feeding names.
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    stdin.write_all(b"JNIM\n").unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first).unwrap();
    assert!(first.contains("group/jnim"));
    for _ in 0..1000 {
        if stdin.write_all(b"Tinzawaten\n").is_err() {
            break;
        }
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

/// `canonym export | head`: the library's writer meets the closed pipe, which is not an error
/// either.
#[test]
fn export_into_a_closed_pipe_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_canonym"))
        .args(["export", "--format", "tsv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(stdout), &mut first).unwrap();
    assert!(first.starts_with("id\t"), "{first}");
    // The reader is gone: the export, several hundred kilobytes, meets a closed pipe.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn build_then_resolve_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = build_default(dir.path());
    let out = canonym(&[
        "resolve",
        "--lexicon",
        path.to_str().unwrap(),
        "--json",
        "Tinzaoutene",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        json_lines(&out)[0]["candidates"][0]["id"],
        "place/tinzaouatene"
    );
}

#[test]
fn resolve_from_a_lexicon_folder() {
    let out = canonym(&["resolve", "--lexicon", "lexicon", "--json", "GSIM"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json_lines(&out)[0]["candidates"][0]["id"], "group/jnim");
}

#[test]
fn lang_picks_the_label_language() {
    let out = canonym(&["resolve", "--json", "--lang", "fr", "JNIM"]);
    let fr = json_lines(&out)[0]["candidates"][0]["label"].clone();
    let out = canonym(&["resolve", "--json", "--lang", "en", "JNIM"]);
    let en = json_lines(&out)[0]["candidates"][0]["label"].clone();
    assert_eq!(fr, "Groupe de soutien à l'islam et aux musulmans");
    assert_ne!(fr, en);
}

#[test]
fn truncated_index_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = build_default(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    for keep in [0, 7, 39, bytes.len() / 2, bytes.len() - 1] {
        std::fs::write(&path, &bytes[..keep]).unwrap();
        let out = canonym(&["resolve", "--lexicon", path.to_str().unwrap(), "JNIM"]);
        assert_eq!(out.status.code(), Some(2), "truncated to {keep}");
        let message = stderr(&out);
        assert!(message.contains(path.to_str().unwrap()), "{message}");
        assert!(
            message.contains("rebuild") || message.contains("not a canonym index"),
            "{message}"
        );
    }
}

#[test]
fn bit_flipped_index_exits_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = build_default(dir.path());
    let bytes = std::fs::read(&path).unwrap();
    for at in [
        9,
        13,
        100,
        bytes.len() / 3,
        bytes.len() / 2,
        bytes.len() - 3,
    ] {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x10;
        std::fs::write(&path, &flipped).unwrap();
        let out = canonym(&["resolve", "--lexicon", path.to_str().unwrap(), "JNIM"]);
        assert_eq!(out.status.code(), Some(2), "flip at {at}");
        assert!(stderr(&out).contains("rebuild"), "{}", stderr(&out));
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn foreign_file_is_not_an_index() {
    let out = canonym(&["resolve", "--lexicon", "Cargo.toml", "JNIM"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a canonym index"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn lexicon_errors_are_all_reported_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.canonym");
    let out = canonym(&["build", "tests/data/broken", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    for expected in [
        "tests/data/broken/groups.toml:10:12: empty or whitespace-only text",
        "tests/data/broken/groups.toml:11:27: malformed language tag 'FR'",
        "tests/data/broken/groups.toml:12:40: unknown form 'initials'",
        "tests/data/broken/groups.toml:14:51: relation affiliated_with points at 'group/nowhere'",
        "tests/data/broken/groups.toml:16:1: duplicate ID 'group/jnim'",
        "tests/data/broken/groups.toml:26:8: unknown kind 'militia'",
        "tests/data/broken/places.toml:6:3: missing `source`",
    ] {
        assert!(
            message.contains(expected),
            "missing {expected:?} in:\n{message}"
        );
    }
    assert!(message.contains("7 errors"), "{message}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "nothing is written: {left:?}");
}

#[test]
fn a_failed_build_keeps_the_previous_index() {
    let dir = tempfile::tempdir().unwrap();
    let path = build_default(dir.path());
    let before = std::fs::read(&path).unwrap();
    let out = canonym(&["build", "tests/data/broken", "-o", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn toml_syntax_error_has_a_location() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.toml"),
        "[[entity]]\nid = \"group/x\"\nkind = \n",
    )
    .unwrap();
    let out = canonym(&[
        "build",
        dir.path().to_str().unwrap(),
        "-o",
        dir.path().join("x").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(message.contains("bad.toml:3:"), "{message}");
}

#[test]
fn mixing_dash_and_names_is_a_usage_error() {
    let out = canonym(&["resolve", "-", "JNIM"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn tag_json_follows_the_contract() {
    let path = "seeds/000_7fcfdbc56d57935d.txt";
    let text = std::fs::read_to_string(path).unwrap();
    let out = canonym(&["tag", "--json", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["doc"], path);
    let mentions = lines[0]["mentions"].as_array().unwrap();
    assert!(mentions.len() >= 15);
    let chars: Vec<char> = text.chars().collect();
    let mut with_qid = 0;
    for m in mentions {
        let mut keys: Vec<&str> = m.as_object().unwrap().keys().map(String::as_str).collect();
        // `wikidata` stands after `match` when the entity has a QID, and only then.
        if let Some(qid) = m.get("wikidata") {
            assert_eq!(keys.remove(9), "wikidata");
            assert_eq!(qid, &m["candidates"][0]["wikidata"]);
            with_qid += 1;
        }
        assert_eq!(
            keys,
            [
                "start",
                "end",
                "char_start",
                "char_end",
                "text",
                "id",
                "kind",
                "score",
                "match",
                "candidates"
            ]
        );
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], m["text"]);
        let (cs, ce) = (
            m["char_start"].as_u64().unwrap() as usize,
            m["char_end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[cs..ce].iter().collect::<String>(),
            m["text"].as_str().unwrap()
        );
        assert_eq!(m["id"], m["candidates"][0]["id"]);
    }
    assert!(
        with_qid > 0,
        "the seed names entities with QIDs (Mali, the JNIM)"
    );
}

#[test]
fn tag_human_output_marks_mentions() {
    let out = canonym(&["tag", "seeds/004_2914fe3c0b1b23e5.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("[Tinzaouatène]{place/tinzaouatene}"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour when piped");
}

#[test]
fn tag_stdin_streams_in_order_and_passes_fields_through() {
    let mut input = String::new();
    for n in 0..600 {
        let text = if n % 3 == 0 {
            "Les FAMa à Kidal."
        } else {
            "Rien à signaler."
        };
        input.push_str(&serde_json::json!({"text": text, "n": n}).to_string());
        input.push('\n');
    }
    let out = canonym_stdin(&["tag", "--json", "--threads", "2", "-"], &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 600);
    for (n, line) in lines.iter().enumerate() {
        assert_eq!(line["n"], n, "input order is kept");
        assert!(line.get("text").is_none());
        let expected = if n % 3 == 0 { 2 } else { 0 };
        assert_eq!(line["mentions"].as_array().unwrap().len(), expected);
    }
}

#[test]
fn tag_plain_stdin_lines_are_documents() {
    let out = canonym_stdin(&["tag", "--json"], "GSIM\n\nrien\n");
    assert_eq!(out.status.code(), Some(0));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["doc"], "1");
    assert_eq!(lines[0]["mentions"][0]["id"], "group/jnim");
    let out = canonym_stdin(&["tag", "-"], "rien du tout\n");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn tag_reports_invalid_utf8_with_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.txt");
    std::fs::write(&path, b"Les FAMa \xff\xfe ont frapp\xc3\xa9 Kidal.").unwrap();
    let out = canonym(&["tag", "--json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("invalid UTF-8 at byte 9"),
        "{}",
        stderr(&out)
    );
    let mentions = json_lines(&out)[0]["mentions"].clone();
    assert_eq!(mentions.as_array().unwrap().len(), 2);
}

#[test]
fn eval_seeds_json_reports_f1() {
    let out = canonym(&["eval", "--json", "seeds"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let last: Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    for key in ["precision", "recall", "f1"] {
        let value = last[key].as_f64().unwrap();
        assert!((0.95..=1.0).contains(&value), "{key} = {value}");
    }
}

#[test]
fn eval_baseline_lists_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = canonym(&["eval", "--json", "seeds"]);
    let mut run: Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    // A baseline that had missed the first hit and had one false hit more.
    let first_hit = run["hits"].as_array_mut().unwrap().remove(0);
    let mut stale = first_hit.clone();
    stale["id"] = "place/nowhere".into();
    run["false_hits"].as_array_mut().unwrap().push(stale);
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, run.to_string()).unwrap();

    let out = canonym(&[
        "eval",
        "--json",
        "--baseline",
        baseline.to_str().unwrap(),
        "seeds",
    ]);
    let now: Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(now["comparison"]["fixed"], Value::Array(vec![first_hit]));
    assert_eq!(now["comparison"]["broken"], Value::Array(vec![]));
    assert_eq!(
        now["comparison"]["gone_false_hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let out = canonym(&["eval", "--baseline", baseline.to_str().unwrap(), "seeds"]);
    assert!(stdout(&out).contains("fixed (1)"), "{}", stdout(&out));
}

#[test]
fn eval_scores_descriptions_against_their_own_files() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Au Niger, l'armée nigérienne et la junte.";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let header = "start\tend\tchar_start\tchar_end\ttext\tid\n";
    // `junte` is found (the text is about Niger) but left out of the file: a false hit.
    let army = text.find("armée").unwrap();
    let row = format!(
        "{army}\t{}\t{}\t{}\tarmée nigérienne\torg/niger-army\n",
        army + "armée nigérienne".len(),
        text[..army].chars().count(),
        text[..army].chars().count() + "armée nigérienne".chars().count(),
    );
    std::fs::write(dir.path().join("a.desc.tsv"), format!("{header}{row}")).unwrap();
    std::fs::write(
        dir.path().join("a.gold.tsv"),
        format!("{header}3\t8\t3\t8\tNiger\tplace/niger\n"),
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = canonym(&["eval", "--json", "--descriptions", folder]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(
        (&report["tp"], &report["fp"], &report["fn"]),
        (&1.into(), &1.into(), &0.into())
    );
    assert_eq!(report["false_hits"][0]["text"], "junte");
    // Without the flag the names are scored, descriptions left out.
    let out = canonym(&["eval", "--json", folder]);
    let report: Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(
        (&report["tp"], &report["fp"], &report["fn"]),
        (&1.into(), &0.into(), &0.into())
    );
}

#[test]
fn eval_scores_a_name_table() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("names.tsv");
    std::fs::write(
        &table,
        "# name\tid\nTinzawaten\tplace/tinzaouatene\nGSIM\tgroup/jnim\nGSIM\tplace/kidal\n",
    )
    .unwrap();
    let out = canonym(&["eval", "--json", table.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: Value = serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(report["rows"], 3);
    assert_eq!(report["top1"], 2);
    assert_eq!(report["failures"][0]["name"], "GSIM");
}

#[test]
fn stats_json_counts_the_lexicon() {
    let out = canonym(&["stats", "--json", "--collisions"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stats = &json_lines(&out)[0];
    assert!(stats["entities"].as_u64().unwrap() >= 150);
    let kinds: u64 = stats["entities_by_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(kinds, stats["entities"].as_u64().unwrap());
    for layer in ["exact", "folded", "latin", "skeleton"] {
        assert!(stats["keys"][layer].as_u64().unwrap() > 0, "{layer}");
    }
    let shared = stats["collision_list"].as_array().unwrap();
    assert!(shared
        .iter()
        .any(|c| c["key"] == "Kidal" && c["layer"] == "exact"));
    // Every QID and GeoNames ID of the lexicon's files is counted, once.
    let mut qids = 0;
    let mut geonames = 0;
    for file in std::fs::read_dir("lexicon/sahel").unwrap() {
        let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
        qids += text
            .lines()
            .filter(|l| l.starts_with("wikidata = "))
            .count();
        geonames += text
            .lines()
            .filter(|l| l.starts_with("geonames = "))
            .count();
    }
    assert_eq!(stats["external_ids"]["wikidata"], qids);
    assert_eq!(stats["external_ids"]["geonames"], geonames);
}

#[test]
fn shipped_lexicon_is_in_canonical_form() {
    let out = canonym(&["fmt", "--check", "lexicon"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "not canonical: {}",
        stdout(&out)
    );
}

#[test]
fn fmt_rewrites_into_canonical_form_keeping_comments() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("groups.toml");
    let messy = r#"# The file's heading.

# Above the group.
[[entity]]
names = [{source="seeds/001_ca1515ff46768185.txt", form="acronym", lang="fr", text='JNIM'}]
# Inside the group.
label={fr="JNIM"}
kind="group"
id="group/jnim"
cues = { exclude = [], favour = ["jihadiste"] }
# Trailing words.
"#;
    std::fs::write(&file, messy).unwrap();
    let out = canonym(&["fmt", "--check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("groups.toml"));
    let out = canonym(&["fmt", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        formatted,
        r#"# The file's heading.

# Above the group.
# Inside the group.
[[entity]]
id = "group/jnim"
kind = "group"
label = { fr = "JNIM" }
cues = { favour = ["jihadiste"] }
names = [
  { text = "JNIM", lang = "fr", form = "acronym", source = "seeds/001_ca1515ff46768185.txt" },
]

# Trailing words.
"#
    );
    let out = canonym(&["fmt", "--check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "idempotent");
}

#[test]
fn shipped_lexicon_lints_clean() {
    let out = canonym(&["lint", "--deny-warnings", "lexicon"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("0 errors, 0 warnings"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn lint_reports_loader_errors_with_locations() {
    let out = canonym(&["lint", "tests/data/broken"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        text.contains("tests/data/broken/groups.toml:16:1: error: duplicate ID 'group/jnim'"),
        "{text}"
    );
    assert!(
        text.contains("tests/data/broken/places.toml:6:3: error: missing `source`"),
        "{text}"
    );
}

#[test]
fn lint_warns_about_suspicious_names() {
    let out = canonym(&["lint", "tests/data/suspicious"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "names.toml:10:3: warning: 'Kidаl' in 'Kidаl' hides letters of another script",
        "names.toml:19:3: warning: acronym clash: 'ABC' (group/two) meets 'ABC' (group/one, line 9) on the exact layer",
        "names.toml:20:3: warning: 'Twö  Groups' has a double space",
        "names.toml:23:1: warning: place/three has no preferred label in French or English",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let out = canonym(&["lint", "--deny-warnings", "tests/data/suspicious"]);
    assert_eq!(out.status.code(), Some(2));
}

pub(crate) fn export(format: &str, dir: &str) -> String {
    let out = canonym(&["export", "--format", format, dir]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

pub(crate) fn import(format: &str, file: &Path, dir: &Path) -> Output {
    canonym(&[
        "import",
        "--format",
        format,
        file.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
    ])
}

#[test]
fn jsonl_round_trip_builds_identical_index_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sahel.jsonl");
    std::fs::write(&file, export("jsonl", "lexicon")).unwrap();
    let imported = dir.path().join("imported");
    let out = import("jsonl", &file, &imported);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (a, b) = (dir.path().join("a.canonym"), dir.path().join("b.canonym"));
    canonym(&["build", "lexicon", "-o", a.to_str().unwrap()]);
    canonym(&[
        "build",
        imported.to_str().unwrap(),
        "-o",
        b.to_str().unwrap(),
    ]);
    assert!(
        std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(),
        "index bytes differ"
    );
    // The imported lexicon is in canonical form and lints like the original.
    assert_eq!(
        canonym(&["fmt", "--check", imported.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn tsv_and_csv_round_trips_give_the_same_table() {
    for format in ["tsv", "csv"] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(format!("sahel.{format}"));
        let table = export(format, "lexicon");
        assert!(table.lines().count() > 1000);
        std::fs::write(&file, &table).unwrap();
        let imported = dir.path().join("imported");
        let out = import(format, &file, &imported);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(
            export(format, imported.to_str().unwrap()),
            table,
            "{format}"
        );
    }
}

#[test]
fn tbx_round_trip_keeps_every_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sahel.tbx");
    let tbx = export("tbx", "lexicon");
    assert!(
        tbx.contains(r#"<tbx type="TBX-Basic""#)
            && tbx.contains("<conceptEntry id=\"group/jnim\">")
    );
    std::fs::write(&file, &tbx).unwrap();
    let imported = dir.path().join("imported");
    let out = import("tbx", &file, &imported);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // Every name, with its language, script, form and source, comes back (TBX groups the
    // names of an entity by language, so their order may change).
    let rows = |table: String| {
        let mut rows: Vec<String> = table.lines().map(str::to_string).collect();
        rows.sort();
        rows
    };
    let (back, original) = (
        rows(export("tsv", imported.to_str().unwrap())),
        rows(export("tsv", "lexicon")),
    );
    assert_eq!(back.len(), original.len());
    assert!(back == original, "the names differ after a TBX round trip");
}

#[test]
fn import_with_errors_writes_nothing_and_names_the_lines() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.tsv");
    std::fs::write(
        &file,
        "id\tkind\tcategory\tlabel\tname\tlang\tscript\tform\tsource\n\
         group/jnim\tgroup\t\tyes\tJNIM\ten\t\tacronym\tseeds/001_ca1515ff46768185.txt\n\
         group/jnim\tgroup\t\t\tGSIM\tFR\t\tacronym\tseeds/000_7fcfdbc56d57935d.txt\n\
         group/x\tmilitia\t\tyes\tX\ten\t\tfull\ttest\n\
         place/y\tplace\t\tyes\tY\ten\t\tfull\t\n",
    )
    .unwrap();
    let imported = dir.path().join("imported");
    let out = import("tsv", &file, &imported);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out);
    assert!(
        message.contains("bad.tsv:3:1: malformed language tag 'FR'"),
        "{message}"
    );
    assert!(
        message.contains("bad.tsv:4:2: unknown kind 'militia'"),
        "{message}"
    );
    assert!(
        message.contains("bad.tsv:5:1: empty or whitespace-only text"),
        "{message}"
    );
    assert!(!imported.exists(), "nothing is written");
}

#[test]
fn import_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("sahel.jsonl");
    std::fs::write(&file, export("jsonl", "lexicon")).unwrap();
    let imported = dir.path().join("imported");
    assert_eq!(import("jsonl", &file, &imported).status.code(), Some(0));
    let out = import("jsonl", &file, &imported);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
}

#[test]
fn diff_lists_what_an_edit_changed() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old");
    std::fs::create_dir_all(old.join("sahel")).unwrap();
    for entry in std::fs::read_dir("lexicon/sahel").unwrap() {
        let path = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&path).unwrap();
        // The old lexicon lacked one spelling of the town and one entity.
        text = text.replace(
            "  { text = \"Tinzawaten\", lang = \"fr\", form = \"transliteration\", source = \"seeds/001_ca1515ff46768185.txt\" },\n",
            "",
        );
        std::fs::write(old.join("sahel").join(path.file_name().unwrap()), text).unwrap();
    }
    let out = canonym(&[
        "diff",
        "--json",
        "--gold",
        "seeds",
        old.to_str().unwrap(),
        "lexicon",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let d = &json_lines(&out)[0];
    assert_eq!(d["added"], Value::Array(vec![]));
    assert_eq!(d["changed"][0]["id"], "place/tinzaouatene");
    assert_eq!(d["changed"][0]["names_added"][0][0], "Tinzawaten");
    let fixed = d["gold"]["comparison"]["fixed"].as_array().unwrap();
    assert_eq!(fixed.len(), 1);
    assert_eq!(fixed[0]["text"], "Tinzawaten");

    let out = canonym(&["diff", "lexicon", "lexicon"]);
    assert!(
        stdout(&out).contains("entities changed (0)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn suggest_prints_snippets_with_provenance() {
    let out = canonym(&["suggest", "--lang", "fr", "tests/data/suggest_corpus.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    // A near miss of a known town, seen twice, comes first, with where it was seen.
    let first = text.split("\n\n").next().unwrap();
    assert!(first.contains("2x \"Tinzawatin\""), "{text}");
    assert!(first.contains("tests/data/suggest_corpus.txt:1:"), "{text}");
    assert!(first.contains("lexicon/sahel/places.toml:"), "{text}");
    assert!(first.contains(r#"{ text = "Tinzawatin", lang = "fr", form = "transliteration", source = "tests/data/suggest_corpus.txt" },"#), "{text}");
    // An acronym defined in the text, unknown with its name: a new entity to fill in.
    assert!(text.contains(r#"{ text = "GAP", lang = "fr", form = "acronym", source = "tests/data/suggest_corpus.txt" },"#), "{text}");
    // Names the lexicon has are not suggested.
    assert!(
        !text.contains("\"FLM\"") && !text.contains("\"CMA\""),
        "{text}"
    );
    // The snippets parse as TOML once the placeholders are filled in.
    let entity = &text[text.find("[[entity]]").unwrap()..];
    let entity = &entity[..entity.find("]\n").unwrap() + 2];
    toml::from_str::<toml::Value>(entity).expect("a TOML snippet");
}

#[test]
fn tag_table_lists_one_row_per_mention() {
    let out = canonym(&["tag", "--table", "seeds/002_d6bedb473877c1f2.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 10, "{text}");
    assert!(
        rows[0].starts_with("seeds/002_d6bedb473877c1f2.txt:"),
        "{text}"
    );
    assert!(
        rows.iter()
            .any(|r| r.contains("\"AQMI\"") && r.contains("group/aqmi")),
        "{text}"
    );
    assert!(
        rows.iter().all(|r| r == &r.trim_end()),
        "no trailing spaces"
    );
}

/// Options are checked before anything runs: a malformed language tag (it would end up in
/// lexicon snippets that lint rejects), a score outside [0, 1], a limit of zero.
#[test]
fn malformed_options_are_refused() {
    for args in [
        &["resolve", "--lang", "FR", "Gao"][..],
        &["resolve", "--lang", "XX", "Gao"],
        &["resolve", "--min-score", "2", "Gao"],
        &["resolve", "--limit", "0", "Gao"],
        &["tag", "--lang", "FR", "-"],
        &["suggest", "--lang", "FR", "seeds/000_7fcfdbc56d57935d.txt"],
    ] {
        let out = canonym(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("invalid value"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

/// `--limit N` returns N candidates, not every candidate tied with the last one, and scores
/// are written without float noise.
#[test]
fn limit_is_exact_and_scores_are_rounded() {
    let out = canonym(&["resolve", "--json", "--limit", "1", "Kidal"]);
    let answers = json_lines(&out);
    assert_eq!(answers[0]["candidates"].as_array().unwrap().len(), 1);
    // Fuzzy, skeleton and reading scores are products of weights: float noise unless rounded.
    let out = canonym(&[
        "resolve",
        "--json",
        "Kidall",
        "Tinzaouaten",
        "Mopty",
        "#JNIM",
        "Tinzawatene",
    ]);
    let answers = json_lines(&out);
    let mut scores = 0;
    for answer in &answers {
        for candidate in answer["candidates"].as_array().unwrap() {
            let score = candidate["score"].to_string();
            let decimals = score.split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 4, "{score} in {answer}");
            scores += 1;
        }
    }
    assert!(scores >= 5, "{answers:?}");
}

/// A pass-through field named like one of the answer's is replaced by the answer's, so the
/// line is valid JSON with one `mentions` (and one `candidates` for resolve).
#[test]
fn clashing_pass_through_fields_give_valid_json() {
    let out = canonym_stdin(
        &["tag", "--json", "-"],
        "{\"text\":\"Le JNIM.\",\"mentions\":7,\"id\":3}\n",
    );
    let line = stdout(&out);
    assert_eq!(line.matches("\"mentions\"").count(), 1, "{line}");
    let doc: Value = serde_json::from_str(line.trim()).unwrap();
    assert_eq!(doc["mentions"][0]["id"], "group/jnim");
    assert_eq!(doc["id"], 3);
    let out = canonym_stdin(
        &["resolve", "--json", "-"],
        "{\"query\":\"GSIM\",\"candidates\":7}\n",
    );
    let line = stdout(&out);
    assert_eq!(line.matches("\"candidates\"").count(), 1, "{line}");
}
