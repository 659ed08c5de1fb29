//! Text from users, documents and lexicons, made safe to print on a terminal.
//!
//! Names are printed as they are written: combining accents, vowelled Arabic, Tifinagh and
//! Cyrillic come out as letters, never as `\u{301}` escapes, which is what Rust's `{:?}`
//! makes of them. Only what would break the line or take over the terminal is escaped, in
//! Rust's notation (`\n`, `\t`, `\u{1b}`): control characters (an escape sequence in a
//! document could recolour or clear the screen), the line and paragraph separators, and the
//! bidirectional embeddings, overrides and isolates, which would reorder the rest of the line
//! around them.

use std::fmt;

/// Text to print: `format!("'{}'", Printable::line(name))`.
#[derive(Clone, Copy, Debug)]
pub struct Printable<'a> {
    text: &'a str,
    keep_layout: bool,
}

impl<'a> Printable<'a> {
    /// Text that must stay on one line (a name, a cell of a table): line breaks and tabs are
    /// escaped too.
    pub fn line(text: &'a str) -> Printable<'a> {
        Printable {
            text,
            keep_layout: false,
        }
    }

    /// Running text, printed as lines: its line breaks and tabs are kept.
    pub fn text(text: &'a str) -> Printable<'a> {
        Printable {
            text,
            keep_layout: true,
        }
    }
}

/// Whether `c` is escaped in a single line of output.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.text;
        while let Some(at) = rest.find(|c: char| {
            needs_escape(c) && !(self.keep_layout && matches!(c, '\n' | '\r' | '\t'))
        }) {
            f.write_str(&rest[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            match c {
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c => write!(f, "\\u{{{:x}}}", u32::from(c))?,
            }
            rest = &rest[at + c.len_utf8()..];
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::Printable;

    #[test]
    fn letters_and_marks_are_printed_as_text() {
        for text in [
            "Tinzaouate\u{300}ne",
            "كِيدَال",
            "ⵜⵉⵏⵣⴰⵡⴰⵜⵏ",
            "Кидаль",
            "a\u{200C}b",
        ] {
            assert_eq!(Printable::line(text).to_string(), text);
        }
    }

    #[test]
    fn what_breaks_a_line_or_a_terminal_is_escaped() {
        let text = "a\tb\nc\u{1b}[2Jd\u{202E}e\u{2028}f\u{7f}";
        assert_eq!(
            Printable::line(text).to_string(),
            "a\\tb\\nc\\u{1b}[2Jd\\u{202e}e\\u{2028}f\\u{7f}"
        );
        assert_eq!(
            Printable::text(text).to_string(),
            "a\tb\nc\\u{1b}[2Jd\\u{202e}e\\u{2028}f\\u{7f}"
        );
    }
}
