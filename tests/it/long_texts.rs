//! Texts longer than the tagger's window ([`canonym::WINDOW`]): tagged window by window, with
//! offsets into the whole text, in the library and through the binary.

use canonym::{Tagger, WINDOW};

use crate::cli::{canonym, canonym_stdin, stderr, stdout};

/// A sentence with names in two scripts, and `é`s so that byte and code-point offsets differ.
const SENTENCE: &str = "Les FAMa ont repris Tinzaouatène à la CMA, puis كيدال. ";

/// `SENTENCE` repeated until the text is longer than `windows` windows (a text of a few
/// windows: the tests run in debug builds too).
fn long_text(windows: usize) -> (String, usize) {
    let repeats = windows * WINDOW / SENTENCE.len() + 1;
    (SENTENCE.repeat(repeats), repeats)
}

#[test]
fn a_long_text_is_tagged_window_by_window_with_offsets_into_the_whole() {
    let index = canonym::default_index().unwrap();
    let tagger = Tagger::new(index);
    let per_sentence = tagger.tag(SENTENCE).unwrap().len();
    assert_eq!(per_sentence, 4, "{:?}", tagger.tag(SENTENCE).unwrap());

    let (text, repeats) = long_text(1);
    let windows: Vec<Vec<_>> = tagger
        .tag_by_window(&text)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(windows.len(), 2);
    let mentions = windows.concat();
    // A window ends at a sentence's end, so no name is cut in two.
    assert_eq!(mentions.len(), repeats * per_sentence);

    let (mut byte, mut chars) = (0, 0);
    for mention in &mentions {
        assert_eq!(&text[mention.start..mention.end], mention.text);
        chars += text[byte..mention.start].chars().count();
        byte = mention.start;
        assert_eq!(mention.char_start, chars);
        assert_eq!(mention.char_end, chars + mention.text.chars().count());
    }
}

#[test]
fn a_long_line_on_stdin_is_answered_in_order_between_short_ones() {
    let (long, repeats) = long_text(1);
    let input = format!("Les FAMa à Kidal.\n{long}\nRien.\nLe GSIM.\n");
    let out = canonym_stdin(&["tag", "--json", "--threads", "2", "-"], &input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect();
    let counts: Vec<usize> = lines
        .iter()
        .map(|line| line["mentions"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, [2, repeats * 4, 0, 1]);
    let docs: Vec<&str> = lines.iter().map(|l| l["doc"].as_str().unwrap()).collect();
    assert_eq!(docs, ["1", "2", "3", "4"]);
    let last = lines[1]["mentions"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    let (start, end) = (
        last["start"].as_u64().unwrap(),
        last["end"].as_u64().unwrap(),
    );
    assert_eq!(&long[start as usize..end as usize], last["text"]);
    assert_eq!(last["text"], "كيدال");
}

#[test]
fn a_long_file_is_highlighted_and_tabled_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.txt");
    let (text, repeats) = long_text(1);
    std::fs::write(&path, &text).unwrap();
    let path = path.to_str().unwrap();

    let out = canonym(&["tag", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let highlighted = stdout(&out);
    assert_eq!(highlighted.matches("]{").count(), repeats * 4);
    let plain = without_marks(&highlighted);
    assert!(
        plain == format!("== {path}\n{text}\n"),
        "the text is kept whole"
    );

    let out = canonym(&["tag", "--table", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), repeats * 4);
}

/// Highlighted text without its marks: `[Kidal]{place/kidal +1}` back to `Kidal`.
fn without_marks(highlighted: &str) -> String {
    let mut plain = String::with_capacity(highlighted.len());
    let mut rest = highlighted;
    while let Some(close) = rest.find("]{") {
        let open = rest[..close].rfind('[').expect("a mark opens");
        plain.push_str(&rest[..open]);
        plain.push_str(&rest[open + 1..close]);
        let end = close + rest[close..].find('}').expect("a mark closes");
        rest = &rest[end + 1..];
    }
    plain.push_str(rest);
    plain
}
