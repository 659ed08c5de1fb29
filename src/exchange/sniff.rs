//! What an import file is, told from its first line or its root element: a file in another
//! format than the one asked for is refused with one error that names what it is, instead of
//! a reader reporting every line (or, for XML without the elements it knows, nothing at all).

use std::path::Path;

use super::{problem, table, Format};
use crate::error::Diagnostic;

/// What a file looks like.
#[derive(Debug, PartialEq, Eq)]
enum Looks {
    /// Nothing but white space.
    Empty,
    /// One of our formats.
    Format(Format),
    /// TBX v2 (ISO 30042:2008): the root element is `<martif>`.
    Martif,
    /// XML with another root element.
    Xml(String),
    /// A canonym lexicon source (TOML with `[[entity]]` tables).
    LexiconToml,
    /// Something else: the reader of the format asked for says what is wrong with it.
    Unknown,
}

/// The one error for a file that is not in `format`, or `None` when it may be.
pub(super) fn wrong_format(text: &str, path: &Path, format: Format) -> Option<Diagnostic> {
    let asked = format_name(format);
    let message = match looks(text) {
        Looks::Format(found) if found == format => return None,
        Looks::Unknown => return None,
        Looks::Empty => "the file is empty: there is nothing to import".to_string(),
        Looks::Format(found) => format!(
            "this is a {} file, not {asked}: import it with --format {}",
            format_name(found),
            flag(found)
        ),
        Looks::Martif => "this is a TBX v2 file (root element <martif>, ISO 30042:2008); canonym \
             reads TBX v3 (root element <tbx>, ISO 30042:2019): convert it to TBX v3 first"
            .to_string(),
        Looks::Xml(root) => {
            format!("this is XML with the root element <{root}>, not TBX (root element <tbx>)")
        }
        Looks::LexiconToml => "this is a canonym lexicon file (TOML), which needs no import: \
             put it in a lexicon folder"
            .to_string(),
    };
    Some(problem(path, 1, 1, message))
}

/// What a file that is not UTF-8 text is, as an import error: the kinds of binary file a
/// user may take for a table or a termbase (a spreadsheet, a compressed dump, UTF-16 from a
/// Windows tool, an index file).
pub fn not_utf8_text(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        "the file is UTF-16 text; canonym reads UTF-8: convert it first"
    } else if bytes.starts_with(crate::index::format::MAGIC) {
        "this is a canonym index file, not an exchange file: `canonym export` it first"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "this is a ZIP archive (a spreadsheet such as .xlsx or .ods?): save the sheet as CSV or TSV"
    } else if bytes.starts_with(&[0x1F, 0x8B]) {
        "this is a gzip-compressed file: decompress it first"
    } else {
        "the file is not UTF-8 text"
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Jsonl => "JSON Lines",
        Format::Tsv => "TSV",
        Format::Csv => "CSV",
        Format::Tbx => "TBX",
    }
}

fn flag(format: Format) -> &'static str {
    match format {
        Format::Jsonl => "jsonl",
        Format::Tsv => "tsv",
        Format::Csv => "csv",
        Format::Tbx => "tbx",
    }
}

fn looks(text: &str) -> Looks {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.is_empty() {
        return Looks::Empty;
    }
    if text.starts_with('<') {
        return match root_element(text) {
            Some("tbx") => Looks::Format(Format::Tbx),
            Some("martif") => Looks::Martif,
            Some(root) => Looks::Xml(root.to_string()),
            None => Looks::Unknown,
        };
    }
    if text.starts_with('{') {
        return Looks::Format(Format::Jsonl);
    }
    let first_line = text.lines().next().unwrap_or("").trim_end_matches('\r');
    if first_line.split('\t').eq(table::HEADER) {
        return Looks::Format(Format::Tsv);
    }
    if first_line.split(',').eq(table::HEADER) {
        return Looks::Format(Format::Csv);
    }
    if text.lines().any(|line| line.trim() == "[[entity]]") {
        return Looks::LexiconToml;
    }
    Looks::Unknown
}

/// The name of the first element, past the XML declaration, comments, processing
/// instructions and the document type.
fn root_element(mut text: &str) -> Option<&str> {
    loop {
        text = text.trim_start();
        let skip_to = if text.starts_with("<!--") {
            "-->"
        } else if text.starts_with("<?") {
            "?>"
        } else if text.starts_with("<!") {
            ">"
        } else {
            break;
        };
        text = &text[text.find(skip_to)? + skip_to.len()..];
    }
    let name = text.strip_prefix('<')?;
    let end = name
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(name.len());
    // A prefixed root (`<tbx:tbx>`) is named by its local part.
    let name = &name[..end];
    Some(name.rsplit(':').next().unwrap_or(name)).filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_formats_apart() {
        let tsv = table::HEADER.join("\t") + "\n";
        let csv = table::HEADER.join(",") + "\n";
        assert_eq!(looks(&tsv), Looks::Format(Format::Tsv));
        assert_eq!(looks(&csv), Looks::Format(Format::Csv));
        assert_eq!(looks("{\"id\": 1}\n"), Looks::Format(Format::Jsonl));
        assert_eq!(
            looks("<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">\n<!-- x -->\n<martif type=\"TBX\">"),
            Looks::Martif
        );
        assert_eq!(
            looks("<tbx type=\"TBX-Basic\">"),
            Looks::Format(Format::Tbx)
        );
        assert_eq!(looks("<html>"), Looks::Xml("html".into()));
        assert_eq!(looks("# a\n[[entity]]\nid = \"x\""), Looks::LexiconToml);
        assert_eq!(looks(" \n\t"), Looks::Empty);
        assert_eq!(looks("name\tid\n"), Looks::Unknown);
    }
}
