//! Terminal output: colour decisions, styles, text quoted as text, and aligned tables.

use std::io;

use anstream::{AutoStream, ColorChoice};
use anstyle::{AnsiColor, Effects};
use canonym::printable::Printable;
use unicode_width::UnicodeWidthStr;

use super::Color;

/// Whether to colour standard output. `auto` is anstream's rule: colour on a terminal that
/// supports it, unless NO_COLOR is set (or CLICOLOR=0; CLICOLOR_FORCE forces it).
pub fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => AutoStream::choice(&io::stdout()) != ColorChoice::Never,
    }
}

/// A style of human output, painted only when colour is on.
#[derive(Clone, Copy)]
pub struct Style(anstyle::Style);

impl Style {
    pub const BOLD: Style = Style(anstyle::Style::new().effects(Effects::BOLD));
    pub const CYAN: Style = Style::fg(AnsiColor::Cyan);
    pub const GREEN: Style = Style::fg(AnsiColor::Green);
    pub const YELLOW: Style = Style::fg(AnsiColor::Yellow);
    pub const DIM: Style = Style(anstyle::Style::new().effects(Effects::DIMMED));
    pub const RED: Style = Style::fg(AnsiColor::Red);

    const fn fg(color: AnsiColor) -> Style {
        Style(anstyle::Style::new().fg_color(Some(anstyle::Color::Ansi(color))))
    }

    pub fn paint(self, text: &str, color: bool) -> String {
        if color {
            format!("{}{text}{}", self.0.render(), self.0.render_reset())
        } else {
            text.to_string()
        }
    }
}

/// `text` in double quotes, as it is written: letters and marks as themselves, only control
/// characters escaped (see [`Printable`]).
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", Printable::line(text))
}

/// `text` on one line, control characters escaped.
pub fn line(text: &str) -> String {
    Printable::line(text).to_string()
}

/// How many columns a terminal gives `text`: combining marks none, wide CJK two.
pub fn width(text: &str) -> usize {
    text.width()
}

/// Rows of cells printed with columns aligned on their display width.
#[derive(Default)]
pub struct Table {
    rows: Vec<Vec<(String, Option<Style>)>>,
}

impl Table {
    /// Adds a row; its cells must hold no control characters (quote user text with
    /// [`quoted`] or [`line`]), or the columns would not line up.
    pub fn row(&mut self, cells: Vec<(String, Option<Style>)>) {
        self.rows.push(cells);
    }

    /// Renders each row indented by `indent`, cells separated by two spaces, the last cell
    /// not padded.
    pub fn render(&self, indent: &str, color: bool) -> String {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for row in &self.rows {
            for (i, (text, _)) in row.iter().enumerate() {
                widths[i] = widths[i].max(width(text));
            }
        }
        let mut out = String::new();
        for row in &self.rows {
            let line_start = out.len();
            out.push_str(indent);
            for (i, (text, style)) in row.iter().enumerate() {
                let painted = match style {
                    Some(style) => style.paint(text, color),
                    None => text.clone(),
                };
                out.push_str(&painted);
                if i + 1 < row.len() {
                    let pad = widths[i] - width(text) + 2;
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            // Empty last cells leave padding behind.
            let trimmed = out[line_start..].trim_end().len();
            out.truncate(line_start + trimmed);
            out.push('\n');
        }
        out
    }
}
