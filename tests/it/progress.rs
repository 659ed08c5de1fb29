//! `build` and `import` of large inputs draw a progress bar on standard error when it is a
//! terminal (run here under util-linux's `script`, which gives the command a pseudo-terminal),
//! and print nothing of it into a pipe.

use std::path::Path;

use crate::cli::{canonym, export, stderr};

/// What `canonym args` writes to its terminal, run under `script`.
#[cfg(feature = "progress")]
fn on_a_terminal(args: &[&str]) -> String {
    use std::process::{Command, Stdio};
    let command = std::iter::once(env!("CARGO_BIN_EXE_canonym"))
        .chain(args.iter().copied())
        .map(|a| format!("'{a}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let out = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("util-linux's `script` runs the command on a pseudo-terminal");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn large_jsonl(dir: &Path) -> String {
    let file = dir.join("sahel.jsonl");
    std::fs::write(&file, export("jsonl", "lexicon")).unwrap();
    // The premise: the shipped lexicon is a large input (the bar starts at 1 MiB).
    assert!(std::fs::metadata(&file).unwrap().len() >= 1 << 20);
    file.to_str().unwrap().to_string()
}

#[test]
#[cfg(feature = "progress")]
fn build_and_import_show_progress_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("sahel.canonym");
    let shown = on_a_terminal(&["build", "lexicon", "-o", index.to_str().unwrap()]);
    assert!(shown.contains("reading and checking"), "{shown}");
    assert!(shown.contains("building the index of"), "{shown}");
    assert!(shown.contains("wrote "), "{shown}");

    let file = large_jsonl(dir.path());
    let imported = dir.path().join("imported");
    let shown = on_a_terminal(&[
        "import",
        "--format",
        "jsonl",
        &file,
        "-o",
        imported.to_str().unwrap(),
    ]);
    assert!(shown.contains("MiB"), "a bar over the bytes read: {shown}");
    assert!(shown.contains("checking the entities"), "{shown}");
}

#[test]
fn no_progress_into_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("sahel.canonym");
    let out = canonym(&["build", "lexicon", "-o", index.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        !stderr(&out).contains("building the index"),
        "{}",
        stderr(&out)
    );
    let file = large_jsonl(dir.path());
    let imported = dir.path().join("imported");
    let out = canonym(&[
        "import",
        "--format",
        "jsonl",
        &file,
        "-o",
        imported.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr(&out).contains('\x1b'), "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("checking the entities"),
        "{}",
        stderr(&out)
    );
}
