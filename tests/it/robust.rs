//! The real binary on what an attacker or an unlucky user gives it: crafted index files, a
//! program talking through a pipe line by line, inputs that are not what they seem. Nothing
//! may panic or hang: each run has a time limit.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::cli::{build_default, stderr};
use super::crafted_index::{reseal, sections, Lcg};

/// The binary with piped standard streams.
fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_canonym"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs")
}

/// Sends one line at a time and waits for its answer before sending the next, as a program
/// that talks to canonym through a pipe does: each answer must come within 20 s.
fn converse(args: &[&str], lines: &[&str]) -> Vec<String> {
    let mut child = spawn(args);
    let mut stdin = child.stdin.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let (answer_tx, answers) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if answer_tx.send(line.unwrap()).is_err() {
                return;
            }
        }
    });
    let mut got = Vec::new();
    for line in lines {
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
        match answers.recv_timeout(Duration::from_secs(20)) {
            Ok(answer) => got.push(answer),
            Err(_) => {
                let _ = child.kill();
                panic!("no answer to {line:?} while the input stays open: {args:?}");
            }
        }
    }
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(status.code().is_some_and(|c| c <= 1), "{status}");
    got
}

#[test]
fn tag_answers_each_line_before_the_next_arrives() {
    for threads in ["1", "2"] {
        let answers = converse(
            &["tag", "--json", "--threads", threads, "-"],
            &["Le JNIM a frappé.", r#"{"text": "Gao.", "n": 2}"#, "rien"],
        );
        let answers: Vec<serde_json::Value> = answers
            .iter()
            .map(|a| serde_json::from_str(a).unwrap())
            .collect();
        assert_eq!(answers[0]["mentions"][0]["id"], "group/jnim");
        assert_eq!(answers[1]["n"], 2);
        assert_eq!(answers[1]["mentions"][0]["id"], "place/gao");
        assert_eq!(answers[2]["mentions"].as_array().unwrap().len(), 0);
    }
}

#[test]
fn resolve_answers_each_line_before_the_next_arrives() {
    let answers = converse(&["resolve", "--json", "-"], &["GSIM", "Gao"]);
    assert!(answers[0].contains("group/jnim"), "{answers:?}");
    assert!(answers[1].contains("place/gao"), "{answers:?}");
}

/// Runs the binary on `input` with a time limit; its exit code and standard error.
fn run_bounded(args: &[&str], input: &[u8]) -> (Option<i32>, String) {
    let mut child = spawn(args);
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let (done_tx, done) = mpsc::channel();
    let id = child.id();
    std::thread::spawn(move || {
        let _ = done_tx.send(child.wait_with_output());
    });
    match done.recv_timeout(Duration::from_secs(30)) {
        Ok(output) => {
            let output = output.unwrap();
            (output.status.code(), stderr(&output))
        }
        Err(_) => {
            let _ = Command::new("kill").arg(id.to_string()).status();
            panic!("{args:?} still running after 30 s");
        }
    }
}

/// Index files crafted with every checksum right: each command ends, with an answer or a
/// clear error, never a panic (exit 101) nor a panic's message.
#[test]
fn crafted_index_files_give_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let path = build_default(dir.path());
    let good = std::fs::read(&path).unwrap();
    let fsts: Vec<(usize, usize)> = sections(&good)
        .into_iter()
        .filter(|&(_, offset, len)| len >= 36 && good[offset..offset + 8] == 3u64.to_le_bytes())
        .map(|(_, offset, len)| (offset, len))
        .collect();
    let file = path.to_str().unwrap();
    let mut random = Lcg(101);
    let mut refused = 0;
    for round in 0..12 {
        let mut bytes = good.clone();
        let (offset, len) = fsts[random.below(fsts.len())];
        let at = offset + random.below(len);
        bytes[at] ^= 1 << random.below(8);
        reseal(&mut bytes);
        std::fs::write(&path, &bytes).unwrap();
        for (args, input) in [
            (vec!["verify", file], ""),
            (vec!["resolve", "--lexicon", file, "Tombuctuo"], ""),
            (vec!["tag", "--lexicon", file, "-"], "Le JNIM à Gao.\n"),
            (vec!["stats", "--lexicon", file], ""),
        ] {
            let (code, message) = run_bounded(&args, input.as_bytes());
            refused += usize::from(args[0] == "verify" && code == Some(2));
            assert!(
                matches!(code, Some(0..=2)) && !message.contains("panicked"),
                "round {round}, byte {at}: {args:?} exited {code:?}: {message}"
            );
        }
    }
    // A flip that leaves an FST well-formed changes a key or where it leads, which verify's
    // check of the keys against the names finds (only the FST's type field is read by
    // nothing, 8 bytes of some 300,000).
    assert_eq!(
        refused, 12,
        "verify refused only {refused} of 12 damaged files"
    );
}
