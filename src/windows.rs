//! Long texts cut into windows, so that tagging holds memory for one window whatever the
//! text's length: the tagger's words, spans and candidates take about twenty bytes for each
//! byte of text, and a document can be a 200 MB line.
//!
//! A window ends where a name cannot go on: at a blank line, else at a line end, else after
//! a sentence's final punctuation and its space, else at a space. Only a text without any of
//! them in a window's second half is cut at a character boundary.

/// The most bytes of text tagged at once. A news article is far shorter, so every text of
/// ordinary length is one window and the document-level evidence (a name given in full, the
/// entities named elsewhere) reads all of it.
pub const WINDOW: usize = 1 << 20;

/// The windows of `text`, each with its byte offset, in order; together they are the text.
/// Each is at most `max` bytes, or one character when the first is longer.
pub fn windows(text: &str, max: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        let rest = &text[start..];
        if rest.is_empty() {
            return None;
        }
        let len = if rest.len() <= max {
            rest.len()
        } else {
            cut(rest, max)
        };
        let window = (start, &rest[..len]);
        start += len;
        Some(window)
    })
}

/// Where to end the window at the start of `rest` (longer than `max`).
fn cut(rest: &str, max: usize) -> usize {
    let end = floor_char_boundary(rest, max);
    if end == 0 {
        // One character longer than a window: it is the window.
        return rest.chars().next().map_or(rest.len(), char::len_utf8);
    }
    let half = floor_char_boundary(rest, end / 2);
    let tail = &rest[half..end];
    let after = |found: Option<usize>, len: usize| found.map(|at| half + at + len);
    after(tail.rfind("\n\n"), 2)
        .or_else(|| after(tail.rfind('\n'), 1))
        .or_else(|| {
            tail.rmatch_indices(is_sentence_end)
                .find(|&(at, end)| tail[at + end.len()..].starts_with(' '))
                .map(|(at, end)| half + at + end.len() + 1)
        })
        .or_else(|| {
            tail.char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map(|(at, c)| half + at + c.len_utf8())
        })
        .unwrap_or(end)
}

/// The punctuation that ends a sentence, in the scripts of the news.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '。' | '！' | '？' | '।')
}

/// The largest character boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str, max: usize) -> Vec<&str> {
        let pieces: Vec<(usize, &str)> = windows(text, max).collect();
        let mut at = 0;
        for &(start, piece) in &pieces {
            assert_eq!(start, at, "windows are contiguous");
            assert!(!piece.is_empty());
            at += piece.len();
        }
        assert_eq!(at, text.len(), "windows cover the text");
        pieces.into_iter().map(|(_, piece)| piece).collect()
    }

    #[test]
    fn a_short_text_is_one_window_and_an_empty_one_none() {
        assert_eq!(cuts("Des combats à Kidal.", 100), ["Des combats à Kidal."]);
        assert!(cuts("", 100).is_empty());
    }

    #[test]
    fn windows_end_at_the_strongest_break_in_their_second_half() {
        let text = "Un.\n\nDeux trois.\nQuatre cinq. Six sept huit";
        assert_eq!(
            cuts(text, 20),
            ["Un.\n\nDeux trois.\n", "Quatre cinq. ", "Six sept huit"]
        );
        // A line end beats a sentence end; a sentence end beats a space.
        assert_eq!(cuts("Aaaa. Bbbb\nCc dd ee", 14)[0], "Aaaa. Bbbb\n");
        assert_eq!(cuts("Aaaa bbb. Ccc ddd", 14)[0], "Aaaa bbb. ");
        // An abbreviation's dot without a space after it is no sentence end.
        assert_eq!(cuts("Aaaa b.c dd", 9)[0], "Aaaa b.c ");
    }

    #[test]
    fn a_text_without_breaks_is_cut_at_a_character_boundary() {
        let text = "ééééééééé"; // 18 bytes
        assert_eq!(cuts(text, 5), ["éé", "éé", "éé", "éé", "é"]);
        assert_eq!(cuts("😀😀", 2), ["😀", "😀"]);
    }

    #[test]
    fn cuts_in_other_scripts() {
        let text = "وصل الوفد إلى باماكو؟ ثم توجه إلى كيدال";
        let first = cuts(text, 50)[0];
        assert!(first.ends_with("؟ "), "{first:?}");
    }
}
