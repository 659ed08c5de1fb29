//! The canonical TOML form of the lexicon: what `canonym fmt` rewrites files into and what
//! `canonym import` writes.
//!
//! Fields come in a fixed order, each name is one inline table on its own line, labels and
//! empty fields are written the same way every time, and comments are kept: those between
//! entities stay above the entity that follows them; those inside an entity, whole lines or
//! after a value (`id = "..." # why`), move above it. Formatting a formatted file changes
//! nothing.

use std::fmt::Write as _;
use std::path::Path;

use super::{Entity, Lexicon, DEFAULT_PRIOR};

/// Renders entities in canonical form, one `[[entity]]` table each, separated by blank lines.
pub fn render_entities<'a>(entities: impl IntoIterator<Item = &'a Entity>) -> String {
    let mut out = String::new();
    for entity in entities {
        if !out.is_empty() {
            out.push('\n');
        }
        render_entity(entity, &mut out);
    }
    out
}

/// Rewrites the source file `path` (whose text is `text`) of a checked `lexicon` in canonical
/// form.
pub fn format_file(lexicon: &Lexicon, path: &Path, text: &str) -> String {
    let mut entities: Vec<&Entity> = lexicon
        .entities()
        .iter()
        .filter(|e| e.location.path == path)
        .collect();
    entities.sort_by_key(|e| e.location.line);

    let lines: Vec<&str> = text.lines().collect();
    let headers: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| without_comment(l).trim() == "[[entity]]")
        .map(|(i, _)| i)
        .collect();
    let is_comment = |l: &&str| l.trim_start().starts_with('#');

    let mut out = String::new();
    // Comments before the first entity head the file.
    let head_end = headers.first().copied().unwrap_or(lines.len());
    let head = comment_block(&lines[..head_end]);
    let mut pending = String::new();
    if headers.is_empty() {
        out.push_str(&head);
    } else {
        pending = head;
    }
    for (k, entity) in entities.iter().enumerate() {
        let start = headers.get(k).copied().unwrap_or(lines.len());
        let end = headers.get(k + 1).copied().unwrap_or(lines.len());
        let body = lines.get(start + 1..end).unwrap_or(&[]);
        // Comments after the entity's last line belong to the next entity (or end the file);
        // comments among its lines move above it.
        let last_value = body
            .iter()
            .rposition(|l| !l.trim().is_empty() && !is_comment(l))
            .map_or(0, |i| i + 1);
        let head_line = lines.get(start).copied().unwrap_or_default();
        let inside: Vec<&str> = std::iter::once(head_line)
            .chain(body[..last_value].iter().copied())
            .filter_map(|l| match is_comment(&l) {
                true => Some(l),
                false => l.get(without_comment(l).len()..).filter(|c| !c.is_empty()),
            })
            .collect();
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&pending);
        for line in inside {
            out.push_str(line.trim());
            out.push('\n');
        }
        render_entity(entity, &mut out);
        pending = comment_block(&body[last_value..]);
    }
    if !pending.is_empty() {
        out.push('\n');
        out.push_str(&pending);
    }
    out
}

/// `line` without the comment that ends it, if any: up to the first `#` outside a string.
/// A line that opens a multi-line string is kept whole (the canonical form writes none).
fn without_comment(line: &str) -> &str {
    let mut quote = None;
    let mut escaped = false;
    for (at, c) in line.char_indices() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => {
                if line[at..].starts_with("\"\"\"") || line[at..].starts_with("'''") {
                    return line;
                }
                quote = Some(c);
            }
            (None, '#') => return &line[..at],
            _ => {}
        }
        escaped = false;
    }
    line
}

/// The comment lines of `lines`, with single blank lines kept between comment paragraphs and
/// one blank line after the block when the source had one.
fn comment_block(lines: &[&str]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in lines {
        let line = line.trim();
        if line.starts_with('#') {
            if blank && !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
            out.push('\n');
            blank = false;
        } else if line.is_empty() {
            blank = true;
        }
    }
    if blank && !out.is_empty() {
        out.push('\n');
    }
    out
}

fn render_entity(e: &Entity, out: &mut String) {
    out.push_str("[[entity]]\n");
    field(out, "id", &quote(&e.id));
    field(out, "kind", &quote(e.kind.name()));
    if let Some(category) = &e.category {
        field(out, "category", &quote(category));
    }
    if e.prior != DEFAULT_PRIOR {
        field(out, "prior", &format!("{:?}", e.prior));
    }
    let labels: Vec<String> = e
        .labels
        .iter()
        .map(|l| format!("{} = {}", key(&l.lang), quote(&l.text)))
        .collect();
    field(out, "label", &format!("{{ {} }}", labels.join(", ")));
    if let Some(qid) = &e.wikidata {
        field(out, "wikidata", &quote(qid));
    }
    if let Some(id) = e.geonames {
        field(out, "geonames", &id.to_string());
    }
    if !e.countries.is_empty() {
        field(out, "countries", &list(&e.countries));
    }
    if let Some(date) = &e.valid_from {
        field(out, "valid_from", &quote(date));
    }
    if let Some(date) = &e.valid_until {
        field(out, "valid_until", &quote(date));
    }
    if !e.relations.is_empty() {
        out.push_str("relations = [\n");
        for r in &e.relations {
            let _ = writeln!(
                out,
                "  {{ type = {}, target = {} }},",
                quote(r.kind.name()),
                quote(&r.target)
            );
        }
        out.push_str("]\n");
    }
    let mut cues = Vec::new();
    if !e.cues.favour.is_empty() {
        cues.push(format!("favour = {}", list(&e.cues.favour)));
    }
    if !e.cues.exclude.is_empty() {
        cues.push(format!("exclude = {}", list(&e.cues.exclude)));
    }
    if !cues.is_empty() {
        field(out, "cues", &format!("{{ {} }}", cues.join(", ")));
    }
    if let Some(note) = &e.note {
        field(out, "note", &quote(note));
    }
    out.push_str("names = [\n");
    for n in &e.names {
        let script = n
            .script
            .as_ref()
            .map_or(String::new(), |s| format!(", script = {}", quote(s)));
        let _ = writeln!(
            out,
            "  {{ text = {}, lang = {}{script}, form = {}, source = {} }},",
            quote(&n.text),
            quote(&n.lang),
            quote(n.form.name()),
            quote(&n.source)
        );
    }
    out.push_str("]\n");
}

fn field(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(out, "{name} = {value}");
}

/// A TOML string, as the `toml` crate writes it. Most texts need no escape and are written
/// as they are, in double quotes, without the crate (which costs the most of an import's
/// time).
fn quote(text: &str) -> String {
    if text
        .chars()
        .all(|c| !matches!(c, '"' | '\\' | '\'') && !c.is_control())
    {
        return format!("\"{text}\"");
    }
    toml::Value::String(text.to_string()).to_string()
}

/// A bare key when the language tag allows one, else a quoted key.
fn key(text: &str) -> String {
    if !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        text.to_string()
    } else {
        quote(text)
    }
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| quote(i)).collect();
    format!("[{}]", quoted.join(", "))
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn strings_are_quoted_as_the_toml_crate_quotes_them() {
        let lexicon = crate::default_lexicon().unwrap();
        let mut texts = vec![
            "Gao".to_string(),
            "Tin Zaouatine".to_string(),
            "Jama'at Nusrat al-Islam".to_string(),
            "le \"GSIM\"".to_string(),
            "a\\b".to_string(),
            "tab\there".to_string(),
            "line\nend".to_string(),
            "\u{7f}".to_string(),
            "جماعة نصرة الإسلام والمسلمين".to_string(),
            String::new(),
        ];
        for entity in lexicon.entities() {
            texts.extend(entity.names.iter().map(|n| n.text.clone()));
            texts.extend(entity.names.iter().map(|n| n.source.clone()));
        }
        for text in &texts {
            assert_eq!(
                quote(text),
                toml::Value::String(text.clone()).to_string(),
                "{text:?}"
            );
        }
    }
}
