//! The real binary on inputs that are not what they seem: broken import files, lexicon
//! folders with links, FIFOs and devices, invalid UTF-8, JSON lines that do not parse.

use std::path::Path;
use std::process::Command;

use super::cli::{canonym, canonym_stdin, export, import, json_lines, stderr, stdout};

/// The rows of a lexicon's TSV export, sorted (TBX groups names by language).
fn sorted_rows(dir: &str) -> Vec<String> {
    let mut rows: Vec<String> = export("tsv", dir).lines().map(str::to_string).collect();
    rows.sort();
    rows
}

#[test]
fn a_tbx_file_with_a_bom_and_a_broken_tag_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.tbx");
    std::fs::write(&file, b"\xef\xbb\xbfo<").unwrap();
    let out_dir = dir.path().join("out");
    let out = import("tbx", &file, &out_dir);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("x.tbx:1"), "{}", stderr(&out));
    assert!(!out_dir.exists());
}

#[test]
fn a_truncated_tbx_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let tbx = export("tbx", "lexicon");
    let file = dir.path().join("cut.tbx");
    // Cut after a whole entry: every element read is well formed, and the file still ends
    // inside <body>.
    let cut = tbx[..tbx.len() / 2].rfind("</conceptEntry>").unwrap() + "</conceptEntry>".len();
    std::fs::write(&file, &tbx[..cut]).unwrap();
    let out_dir = dir.path().join("out");
    let out = import("tbx", &file, &out_dir);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("truncated"), "{}", stderr(&out));
    assert!(!out_dir.exists());
}

#[test]
fn tbx_cdata_text_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let tbx = export("tbx", "lexicon");
    // Every term's text as CDATA: `&amp;` and the like become the characters they stand for.
    let mut cdata = String::new();
    for piece in tbx.split_inclusive("</term>") {
        match piece.split_once("<term>") {
            Some((before, term)) => {
                let text = term.strip_suffix("</term>").unwrap();
                let text = text
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&");
                cdata.push_str(&format!("{before}<term><![CDATA[{text}]]></term>"));
            }
            None => cdata.push_str(piece),
        }
    }
    assert!(cdata.matches("CDATA").count() > 1000);
    let file = dir.path().join("cdata.tbx");
    std::fs::write(&file, &cdata).unwrap();
    let out_dir = dir.path().join("out");
    let out = import("tbx", &file, &out_dir);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(sorted_rows(out_dir.to_str().unwrap()) == sorted_rows("lexicon"));
}

/// A copy of the shipped lexicon in which the folder `sahel` is a symbolic link.
#[cfg(unix)]
fn lexicon_through_a_link(dir: &Path) -> std::path::PathBuf {
    let real = dir.join("real");
    std::fs::create_dir(&real).unwrap();
    for entry in std::fs::read_dir("lexicon/sahel").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, real.join(path.file_name().unwrap())).unwrap();
    }
    let lexicon = dir.join("lexicon");
    std::fs::create_dir(&lexicon).unwrap();
    std::os::unix::fs::symlink(&real, lexicon.join("sahel")).unwrap();
    lexicon
}

#[cfg(unix)]
#[test]
fn a_linked_lexicon_folder_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = lexicon_through_a_link(dir.path());
    let stats = |dir: &str| {
        let out = canonym(&["stats", "--json", "--lexicon", dir]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        json_lines(&out)[0]["entities"].clone()
    };
    assert_eq!(stats(lexicon.to_str().unwrap()), stats("lexicon"));
    // A link back up is a loop: an error, not a hang nor the same files twice.
    std::os::unix::fs::symlink(&lexicon, dir.path().join("real").join("up")).unwrap();
    let out = canonym(&["lint", lexicon.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("reached twice"), "{}", stderr(&out));
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("index.canonym");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for path in [fifo.to_str().unwrap(), "/dev/zero"] {
        // If it were opened, a FIFO would wait for a writer and /dev/zero never end: the
        // test would hang (the CLI tests of robust.rs have time limits; this fails faster).
        let out = canonym(&["resolve", "--lexicon", path, "Gao"]);
        assert_eq!(out.status.code(), Some(2), "{path}");
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
    let lexicon = dir.path().join("lexicon");
    std::fs::create_dir(&lexicon).unwrap();
    assert!(Command::new("mkfifo")
        .arg(lexicon.join("groups.toml"))
        .status()
        .unwrap()
        .success());
    let out = canonym(&["lint", lexicon.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn build_does_not_replace_a_link_or_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.canonym");
    std::fs::write(&target, b"keep").unwrap();
    let link = dir.path().join("link.canonym");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = canonym(&["build", "lexicon", "-o", link.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read(&target).unwrap(), b"keep");
}

#[test]
fn invalid_utf8_in_a_lexicon_file_has_a_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), b"# fine\n# caf\xc3\xa9 \xff\n").unwrap();
    let out = canonym(&["lint", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out) + &stdout(&out);
    assert!(message.contains("a.toml:2:8"), "{message}");
    assert!(message.contains("invalid UTF-8"), "{message}");
}

#[test]
fn a_json_line_that_does_not_parse_is_an_error_with_its_line() {
    let out = canonym_stdin(
        &["tag", "--json", "-"],
        "{\"text\": \"Gao.\"}\n{\"text\": \"Gao.\"\n",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("stdin line 2"), "{}", stderr(&out));
    let out = canonym_stdin(&["resolve", "--json", "-"], "Gao\n{\"query\": \"Gao\"\n");
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains("stdin line 2"), "{}", stderr(&out));
    // Plain text is text, JSON or not.
    let out = canonym_stdin(&["tag", "--json", "-"], "Le JNIM [sic] à Gao.\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn offsets_after_invalid_utf8_are_offsets_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.txt");
    let bytes = b"\xff\xfe\xfd Kidal et \xc3 Gao.";
    std::fs::write(&path, bytes).unwrap();
    let out = canonym(&["tag", "--json", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mentions = json_lines(&out)[0]["mentions"].clone();
    for (mention, name) in mentions.as_array().unwrap().iter().zip(["Kidal", "Gao"]) {
        let start = bytes
            .windows(name.len())
            .position(|w| w == name.as_bytes())
            .unwrap();
        assert_eq!(mention["start"], start, "{mention}");
        assert_eq!(mention["end"], start + name.len(), "{mention}");
    }
}

#[test]
fn dotted_keys_are_toml_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("places.toml"),
        r#"[[entity]]
id = "place/gao"
kind = "place"
label.fr = "Gao"
label.en = "Gao"
names = [
  { text = "Gao", lang = "fr", form = "full", source = "test" },
  { text = "Gao", lang = "en", form = "full", source = "test" },
]
"#,
    )
    .unwrap();
    let out = canonym(&["resolve", "--lexicon", dir.path().to_str().unwrap(), "Gao"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("place/gao"));
}

#[test]
fn a_nul_in_a_comment_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), b"# a\0b\n").unwrap();
    let out = canonym(&["lint", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let message = stderr(&out) + &stdout(&out);
    assert!(
        message.contains("a.toml:1:4: error: the control character U+0000"),
        "{message}"
    );
}

#[test]
fn fmt_keeps_comments_after_values() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("groups.toml");
    let source = r##"[[entity]] # the head's
id = "group/jnim" # why this ID
kind = "group"
label = { fr = "JNIM # not a comment" } # a "quoted # hash" stays in the comment
names = [{ text = "JNIM # not a comment", lang = "fr", form = "acronym", source = "s#1" }, # the name's
]
"##;
    std::fs::write(&file, source).unwrap();
    let out = canonym(&["fmt", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let formatted = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        formatted,
        r##"# the head's
# why this ID
# a "quoted # hash" stays in the comment
# the name's
[[entity]]
id = "group/jnim"
kind = "group"
label = { fr = "JNIM # not a comment" }
names = [
  { text = "JNIM # not a comment", lang = "fr", form = "acronym", source = "s#1" },
]
"##
    );
    let out = canonym(&["fmt", "--check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "idempotent");
}
