//! Terminal output: colour decisions and aligned tables.

use std::io::IsTerminal;

use super::Color;

/// Whether to colour standard output.
pub fn use_color(choice: Color) -> bool {
    match choice {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// An ANSI style, or nothing when colour is off.
#[derive(Clone, Copy)]
pub struct Style {
    on: &'static str,
}

impl Style {
    pub const BOLD: Style = Style { on: "\x1b[1m" };
    pub const CYAN: Style = Style { on: "\x1b[36m" };
    pub const GREEN: Style = Style { on: "\x1b[32m" };
    pub const YELLOW: Style = Style { on: "\x1b[33m" };
    pub const DIM: Style = Style { on: "\x1b[2m" };
    pub const RED: Style = Style { on: "\x1b[31m" };

    pub fn paint(self, text: &str, color: bool) -> String {
        if color {
            format!("{}{text}\x1b[0m", self.on)
        } else {
            text.to_string()
        }
    }
}

/// Rows of cells printed with columns aligned on their character width.
#[derive(Default)]
pub struct Table {
    rows: Vec<Vec<(String, Option<Style>)>>,
}

impl Table {
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
                widths[i] = widths[i].max(text.chars().count());
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
                    let pad = widths[i] - text.chars().count() + 2;
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
