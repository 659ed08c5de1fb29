//! The JSON answers of `resolve` and `tag`, one shape for every client: the command line's
//! `--json` lines and the HTTP service's bodies are built here.

use serde_json::{json, Map, Value};

use crate::{Candidate, Mention};

/// The answer to one query: `{..fields, "query", "candidates"}`. `fields` are the caller's
/// own (passed through from the input); a field named like one of the answer's is replaced.
pub fn resolve_answer(
    query: &str,
    candidates: &[Candidate<'_>],
    fields: Map<String, Value>,
) -> Map<String, Value> {
    let mut object = fields;
    object.insert("query".into(), json!(query));
    object.insert("candidates".into(), json!(candidates));
    object
}

/// The answer for one document, as a JSON object in text: `{"doc", ..fields, "mentions"}`.
/// `doc` names the document unless `fields` has a `doc` of its own; the input's `text` is left
/// out, and a field named `mentions` is replaced by the answer's.
pub fn tag_answer(
    doc: &str,
    fields: Map<String, Value>,
    mentions: &[Mention<'_>],
) -> serde_json::Result<String> {
    let mut text = tag_answer_opening(doc, fields)?;
    for (i, mention) in mentions.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&serde_json::to_string(mention)?);
    }
    text.push_str(TAG_ANSWER_CLOSING);
    Ok(text)
}

/// The answer of [`tag_answer`] up to its mentions, `{"doc", ..fields, "mentions":[`, for an
/// answer written a window at a time: then the mentions, separated by commas, and
/// [`TAG_ANSWER_CLOSING`].
pub fn tag_answer_opening(doc: &str, fields: Map<String, Value>) -> serde_json::Result<String> {
    let mut object = Map::new();
    object.insert(
        "doc".into(),
        fields.get("doc").cloned().unwrap_or_else(|| json!(doc)),
    );
    for (key, value) in fields {
        if !matches!(key.as_str(), "text" | "doc" | "mentions") {
            object.insert(key, value);
        }
    }
    // The mentions are written straight after the other fields rather than through a `Value`
    // tree: on large corpora that tree cost as much as writing the line.
    let mut text = serde_json::to_string(&object)?;
    text.pop(); // the closing brace; the object always has "doc", so a comma follows
    text.push_str(",\"mentions\":[");
    Ok(text)
}

/// What closes the answer that [`tag_answer_opening`] opens.
pub const TAG_ANSWER_CLOSING: &str = "]}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_keep_the_callers_fields_but_not_under_the_answers_names() {
        let index = crate::default_index().unwrap();
        let candidates = index.resolve("GSIM").unwrap();
        let fields = json!({"row": 7, "candidates": "mine"});
        let Value::Object(fields) = fields else {
            unreachable!()
        };
        let answer = resolve_answer("GSIM", &candidates, fields);
        assert_eq!(answer["row"], 7);
        assert_eq!(answer["candidates"][0]["id"], "group/jnim");

        let text = "Les FAMa à Kidal.";
        let mentions = index.tag(text).unwrap();
        let fields = json!({"text": text, "mentions": 1, "source": "x"});
        let Value::Object(fields) = fields else {
            unreachable!()
        };
        let line: Value =
            serde_json::from_str(&tag_answer("3", fields, &mentions).unwrap()).unwrap();
        assert_eq!(line["doc"], "3");
        assert_eq!(line["source"], "x");
        assert!(line.get("text").is_none());
        assert_eq!(line["mentions"][0]["id"], "org/fama");
    }
}
