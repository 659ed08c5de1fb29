//! The HTML page of an entity: its labels, its names by language, its relations and its
//! external IDs. Every text from the lexicon is escaped.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::{Catalog, Storage};
use crate::index::EntityRef;

/// The size of OpenRefine's preview pop-up, in pixels, as the manifest asks for.
pub const WIDTH: u32 = 430;
/// See [`WIDTH`].
pub const HEIGHT: u32 = 300;

/// The page of `entity`, a whole HTML document.
pub fn page<D: Storage>(catalog: &Catalog<D>, entity: &EntityRef<'_>) -> crate::Result<String> {
    let index = &catalog.index;
    let label = index.label_in(entity, None)?;
    let mut html = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>body{{font:13px sans-serif;margin:6px}}h1{{font-size:16px;margin:0}}\
         dt{{font-weight:bold;margin-top:4px}}dd{{margin-left:12px}}</style></head><body>\n\
         <h1>{}</h1>\n<p><code>{}</code> · {}",
        escape(label),
        escape(label),
        escape(entity.id),
        escape(entity.kind.name()),
    );
    if let Some(category) = entity.category()? {
        let _ = write!(html, " · {}", escape(category));
    }
    let countries = entity.countries()?;
    if !countries.is_empty() {
        let _ = write!(html, " · {}", escape(&countries.join(", ")));
    }
    html.push_str("</p>\n<dl>\n");

    let labels = index.labels(entity)?;
    if !labels.is_empty() {
        html.push_str("<dt>Labels</dt>\n");
        for (lang, text) in labels {
            let _ = writeln!(
                html,
                "<dd>{} <small>({})</small></dd>",
                escape(text),
                escape(lang)
            );
        }
    }

    let mut names: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for variant in index.variants_of(entity.number)? {
        names.entry(variant.lang).or_default().push(format!(
            "{} <small>({})</small>",
            escape(variant.text),
            variant.form
        ));
    }
    if !names.is_empty() {
        html.push_str("<dt>Names</dt>\n");
        for (lang, texts) in names {
            let _ = writeln!(
                html,
                "<dd><b>{}</b>: {}</dd>",
                escape(lang),
                texts.join(", ")
            );
        }
    }

    let relations = catalog.relations(entity);
    if !relations.is_empty() {
        html.push_str("<dt>Relations</dt>\n");
        for (kind, target) in relations {
            let shown = match index.entity(target)? {
                Some(t) => index.label_in(&t, None)?,
                None => target.as_str(),
            };
            let _ = writeln!(
                html,
                "<dd>{} <a href=\"/reconcile/view/{}\">{}</a></dd>",
                escape(&kind.name().replace('_', " ")),
                escape(target),
                escape(shown)
            );
        }
    }

    let mut external = Vec::new();
    if let Some(qid) = entity.wikidata()? {
        external.push(format!(
            "<a href=\"https://www.wikidata.org/wiki/{0}\">Wikidata {0}</a>",
            escape(qid)
        ));
    }
    if let Some(id) = entity.geonames() {
        external.push(format!(
            "<a href=\"https://www.geonames.org/{id}\">GeoNames {id}</a>"
        ));
    }
    if !external.is_empty() {
        let _ = writeln!(
            html,
            "<dt>External IDs</dt>\n<dd>{}</dd>",
            external.join(" · ")
        );
    }
    html.push_str("</dl>\n</body></html>\n");
    Ok(html)
}

/// `text` safe inside an HTML element or a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_html_reads_as_markup() {
        assert_eq!(
            escape(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("Tinzaouatène"), "Tinzaouatène");
    }
}
