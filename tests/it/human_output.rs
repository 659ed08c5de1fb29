//! Human output prints names as they are written: combining accents and vowelled Arabic as
//! letters (never `\u{301}` escapes), columns aligned by the width a terminal gives them,
//! colour only where it is wanted; and `suggest` proposes spans and contexts that are right.

use std::path::Path;
use std::process::Command;

use unicode_width::UnicodeWidthStr;

use crate::cli::{canonym, canonym_stdin, stderr, stdout};

/// "Tinzaoutène" with a combining grave accent, as text pasted from a PDF often has it.
const DECOMPOSED: &str = "Tinzaoute\u{300}ne";
/// Kidal in Arabic with its short vowels (kasra, fatha): combining marks.
const VOWELLED: &str = "كِيدَال";

/// A lexicon of two entities that share the vowelled name, one with a name in Chinese
/// characters (two columns each on a terminal).
fn small_lexicon(dir: &Path) -> std::path::PathBuf {
    let lexicon = dir.join("lexicon");
    std::fs::create_dir_all(lexicon.join("test")).unwrap();
    std::fs::write(
        lexicon.join("test/places.toml"),
        format!(
            r#"[[entity]]
id = "place/kidal"
kind = "place"
label = {{ fr = "Kidal" }}
names = [
  {{ text = "Kidal", lang = "fr", form = "short", source = "test" }},
  {{ text = "{VOWELLED}", lang = "ar", script = "Arab", form = "short", source = "test" }},
]

[[entity]]
id = "place/kidal-region"
kind = "place"
label = {{ fr = "Région de Kidal" }}
names = [
  {{ text = "Région de Kidal", lang = "fr", form = "full", source = "test" }},
  {{ text = "{VOWELLED}", lang = "ar", script = "Arab", form = "short", source = "test" }},
  {{ text = "马里", lang = "zh-Hans", script = "Hani", form = "short", source = "test" }},
]
"#
        ),
    )
    .unwrap();
    lexicon
}

fn assert_no_escapes(text: &str) {
    assert!(!text.contains("\\u{"), "escaped text in:\n{text}");
}

/// The display column at which `needle` starts on each line that has it.
fn columns_of(text: &str, needle: &str) -> Vec<usize> {
    text.lines()
        .filter_map(|line| line.find(needle).map(|at| line[..at].width()))
        .collect()
}

#[test]
fn tag_table_prints_marks_as_text_in_aligned_columns() {
    let input = format!("Attaque à {DECOMPOSED}, puis à Kidal et à {VOWELLED}.\n");
    let out = canonym_stdin(&["tag", "--table", "-"], &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_no_escapes(&text);
    assert!(text.contains(&format!("\"{DECOMPOSED}\"")), "{text}");
    assert!(text.contains(&format!("\"{VOWELLED}\"")), "{text}");
    let ids = columns_of(&text, "place/");
    assert_eq!(ids.len(), 3, "{text}");
    assert!(ids.iter().all(|&c| c == ids[0]), "{ids:?} in\n{text}");
}

#[test]
fn explain_prints_each_step_as_text() {
    let out = canonym(&["resolve", "--explain", VOWELLED]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_no_escapes(&text);
    // The vowels are kept by the first steps and removed with the diacritics.
    assert!(text.contains(&format!("\"{VOWELLED}\"")), "{text}");
    assert!(text.contains("\"كيدال\""), "{text}");
}

#[test]
fn stats_and_lint_print_shared_keys_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = small_lexicon(dir.path());
    let out = canonym(&[
        "stats",
        "--collisions",
        "--lexicon",
        lexicon.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_no_escapes(&text);
    let shared = &text[text.find("shared keys").unwrap()..];
    assert!(shared.contains(&format!("\"{VOWELLED}\"")), "{text}");
    // The IDs line up after keys of different widths (the vowels take no column).
    let ids = columns_of(shared, "place/kidal ");
    assert!(ids.len() >= 2, "{shared}");
    assert!(ids.iter().all(|&c| c == ids[0]), "{ids:?} in\n{shared}");

    let out = canonym(&["lint", lexicon.to_str().unwrap()]);
    let text = stdout(&out);
    assert!(
        text.contains(&format!("on the exact layer as \"{VOWELLED}\"")),
        "{text}"
    );
}

#[test]
fn diff_prints_names_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let new = small_lexicon(dir.path());
    let old = dir.path().join("old");
    std::fs::create_dir_all(old.join("test")).unwrap();
    let file = std::fs::read_to_string(new.join("test/places.toml")).unwrap();
    let line = format!(
        "  {{ text = \"{VOWELLED}\", lang = \"ar\", script = \"Arab\", form = \"short\", source = \"test\" }},\n"
    );
    std::fs::write(old.join("test/places.toml"), file.replace(&line, "")).unwrap();
    let out = canonym(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_no_escapes(&text);
    assert!(
        text.contains(&format!("+ \"{VOWELLED}\" (ar, short)")),
        "{text}"
    );
    let newly_shared = &text[text.find("keys newly shared").unwrap()..];
    assert!(newly_shared.contains(&format!("\"{VOWELLED}\"")), "{text}");
}

#[test]
fn eval_prints_failed_names_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("names.tsv");
    std::fs::write(&table, format!("{VOWELLED}\tplace/gao\n")).unwrap();
    let out = canonym(&["eval", table.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_no_escapes(&text);
    assert!(
        text.contains(&format!("\"{VOWELLED}\"  expected place/gao")),
        "{text}"
    );
}

/// What would take over the terminal is still escaped: an escape sequence in a document
/// cannot recolour or clear the screen of whoever reads the output.
#[test]
fn control_characters_are_escaped() {
    let input = "Attaque \u{1b}[2J à Kidal.\n";
    for args in [&["tag", "-"][..], &["tag", "--table", "-"]] {
        let out = canonym_stdin(args, input);
        let text = stdout(&out);
        assert!(!text.contains('\u{1b}'), "{args:?}: {text:?}");
    }
    let out = canonym_stdin(&["tag", "-"], input);
    assert!(
        stdout(&out).contains("Attaque \\u{1b}[2J à "),
        "{}",
        stdout(&out)
    );
}

fn styled(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_canonym"));
    command
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    for (key, value) in env {
        command.env(key, value);
    }
    let out = command.output().expect("the binary runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    stdout(&out)
}

/// `--color auto` follows the conventions of the terminal world: no colour in a pipe, colour
/// when CLICOLOR_FORCE asks for it, none whenever NO_COLOR is set; `--color always` wins.
#[test]
fn colour_follows_the_terminal_conventions() {
    let args = ["resolve", "Kidal"];
    assert!(!styled(&args, &[]).contains('\u{1b}'));
    assert!(styled(&args, &[("CLICOLOR_FORCE", "1")]).contains("\u{1b}[36mplace/kidal\u{1b}[0m"));
    assert!(!styled(&args, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\u{1b}'));
    let forced = styled(
        &["--color", "always", "resolve", "Kidal"],
        &[("NO_COLOR", "1")],
    );
    assert!(forced.contains("\u{1b}[1mKidal\u{1b}[0m"), "{forced:?}");
}

/// `suggest` keeps a sentence-initial preposition out of the name, brackets the whole
/// definition in its context, and counts in good English.
#[test]
fn suggest_spans_contexts_and_count_are_right() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.txt");
    std::fs::write(
        &corpus,
        "À Ouagadougou, le Groupe armé des patriotes (GAP) a attaqué.\n\
         À Ouagadougou, rien.\n",
    )
    .unwrap();
    let out = canonym(&["suggest", "--lang", "fr", corpus.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(!text.contains("À Ouagadougou\""), "{text}");
    assert!(
        text.contains("le [Groupe armé des patriotes (GAP)] a attaqué."),
        "{text}"
    );
    assert!(
        stderr(&out).contains("1 suggestion (1 shown)"),
        "{}",
        stderr(&out)
    );
}
