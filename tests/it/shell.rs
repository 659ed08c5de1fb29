//! Shell completions and manual pages, generated from the argument definitions.

use std::process::Command;

use crate::cli::{canonym, stderr, stdout};

/// The subcommands every completion script and the manual must know.
const SUBCOMMANDS: [&str; 14] = [
    "resolve",
    "tag",
    "build",
    "verify",
    "eval",
    "stats",
    "fmt",
    "lint",
    "diff",
    "suggest",
    "export",
    "import",
    "completions",
    "man",
];

fn generated(args: &[&str]) -> String {
    let out = canonym(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

/// bash loads the script, and completing `canonym su` and `canonym tag --ov` offers what
/// the definitions have.
#[test]
fn bash_completes_subcommands_and_options() {
    let script = generated(&["completions", "bash"]);
    let complete = |words: &str| {
        let program = format!(
            "{script}\nCOMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n\
             _canonym canonym \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let out = Command::new("bash")
            .args(["--norc", "-c", &program])
            .output()
            .expect("bash runs");
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    assert_eq!(complete("canonym su").trim(), "suggest");
    assert!(
        complete("canonym tag --ov")
            .lines()
            .any(|l| l == "--overlaps"),
        "{}",
        complete("canonym tag --ov")
    );
}

#[test]
fn zsh_and_fish_scripts_know_every_subcommand() {
    let zsh = generated(&["completions", "zsh"]);
    assert!(zsh.starts_with("#compdef canonym"), "{zsh}");
    let fish = generated(&["completions", "fish"]);
    for name in SUBCOMMANDS {
        assert!(zsh.contains(&format!("'{name}:")), "zsh lacks {name}");
        assert!(
            fish.contains(&format!("-a \"{name}\"")),
            "fish lacks {name}"
        );
    }
}

#[test]
fn man_prints_the_page_and_writes_one_per_subcommand() {
    let page = generated(&["man"]);
    assert!(page.contains(".TH canonym 1"), "{page}");
    for name in SUBCOMMANDS {
        assert!(page.contains(&format!("canonym\\-{name}(1)")), "{name}");
    }
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man1");
    let out = canonym(&["man", "--dir", pages.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in SUBCOMMANDS {
        let path = pages.join(format!("canonym-{name}.1"));
        let text = std::fs::read_to_string(&path).expect("a page per subcommand");
        assert!(text.contains(&format!(".TH canonym-{name} 1")), "{text}");
    }
    let tag = std::fs::read_to_string(pages.join("canonym-tag.1")).unwrap();
    assert!(tag.contains("overlaps"), "{tag}");
    assert!(pages.join("canonym.1").is_file());
}
