//! The JSON endpoints: `/resolve`, `/tag`, `/healthz` and `/openapi.json`. Their answers are
//! the command line's `--json` answers ([`crate::json`]), whole: a service and a pipe give the
//! same bytes for the same query.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::errors::ApiError;
use super::{Catalog, Service, Storage};
use crate::{Overlaps, Resolver, Tagger};

/// `GET /healthz`: the service is up, and what it serves.
pub async fn healthz<D: Storage>(State(service): State<Arc<Service<D>>>) -> Json<Value> {
    let catalog = service.catalog();
    Json(json!({
        "status": "ok",
        "name": catalog.name,
        "entities": catalog.index.entity_count(),
        "names": catalog.index.variant_count(),
    }))
}

/// The OpenAPI document of the whole service.
const OPENAPI: &str = include_str!("openapi.json");

/// `GET /openapi.json`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// The options of a look-up, as query parameters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolveOptions {
    /// Prefer labels in this language.
    lang: Option<String>,
    /// At most this many candidates per query.
    limit: Option<usize>,
    /// Drop candidates scoring below this.
    min_score: Option<f64>,
}

impl ResolveOptions {
    /// A resolver with these options, or what is wrong with them.
    fn resolver<'i, D: AsRef<[u8]>>(
        &self,
        index: &'i crate::Index<D>,
    ) -> Result<Resolver<'i, D>, ApiError> {
        let mut resolver = Resolver::new(index);
        if let Some(lang) = &self.lang {
            resolver.lang(checked_lang(lang)?);
        }
        if let Some(limit) = self.limit {
            if limit == 0 {
                return Err(ApiError::unprocessable("limit must be at least 1"));
            }
            resolver.limit(limit);
        }
        if let Some(score) = self.min_score {
            if !(0.0..=1.0).contains(&score) {
                return Err(ApiError::unprocessable("min_score must be from 0 to 1"));
            }
            resolver.min_score(score);
        }
        Ok(resolver)
    }
}

/// `GET /resolve?q=`: the query `q` and the look-up options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResolveOne {
    q: String,
    // The options again: serde's `flatten` cannot read numbers from a query string.
    lang: Option<String>,
    limit: Option<usize>,
    min_score: Option<f64>,
}

/// `lang` as the command line's `--lang` takes it: a BCP 47 tag as the lexicon writes them.
fn checked_lang(lang: &str) -> Result<String, ApiError> {
    crate::lexicon::check_language_tag(lang)
        .map(|()| lang.to_string())
        .map_err(|e| ApiError::unprocessable(format!("lang: {e}")))
}

/// `GET /resolve?q=NAME&lang=&limit=&min_score=`: one answer object.
pub async fn resolve_one<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    Query(one): Query<ResolveOne>,
) -> Result<Json<Value>, ApiError> {
    let ResolveOne {
        q,
        lang,
        limit,
        min_score,
    } = one;
    let options = ResolveOptions {
        lang,
        limit,
        min_score,
    };
    service
        .run_blocking(move |catalog| {
            let resolver = options.resolver(&catalog.index)?;
            let candidates = resolver.resolve(&q)?;
            Ok(Json(Value::Object(crate::json::resolve_answer(
                &q,
                &candidates,
                Map::new(),
            ))))
        })
        .await
}

/// `POST /resolve?lang=&limit=&min_score=` with a JSON list of queries, each a string or an
/// object with a `query` string whose other fields are passed through: a list of answers, in
/// order.
pub async fn resolve_many<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    Query(options): Query<ResolveOptions>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let queries = parse_items(&body, "query", service.limits.max_batch)?;
    service
        .run_blocking(move |catalog| {
            let resolver = options.resolver(&catalog.index)?;
            let answers = queries
                .into_iter()
                .map(|(query, fields)| {
                    let candidates = resolver.resolve(&query)?;
                    let answer = crate::json::resolve_answer(&query, &candidates, fields);
                    Ok(Value::Object(answer))
                })
                .collect::<Result<Vec<_>, ApiError>>()?;
            Ok(Json(Value::Array(answers)))
        })
        .await
}

/// The options of tagging, as query parameters.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TagOptions {
    /// Prefer labels in this language.
    lang: Option<String>,
    /// `longest` (the default) or `all`.
    overlaps: Option<OverlapMode>,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(rename_all = "lowercase")]
enum OverlapMode {
    Longest,
    All,
}

/// `POST /tag?lang=&overlaps=`: the body is one document (a JSON string, an object with a
/// `text` field, or plain text with `Content-Type: text/plain`), answered by one object, or a
/// JSON list of documents, answered by a list. Documents in a list are named by their
/// position from 1, as the command line names standard input's lines.
pub async fn tag<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    Query(options): Query<TagOptions>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let plain_text = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/plain"));
    let (documents, one) = if plain_text {
        let text = std::str::from_utf8(&body).map_err(|e| {
            ApiError::bad_request(format!(
                "the body is not valid UTF-8 (at byte {})",
                e.valid_up_to()
            ))
        })?;
        (vec![(text.to_string(), Map::new())], true)
    } else {
        match parse_json(&body)? {
            Value::Array(items) => (items_of(items, "text", service.limits.max_batch)?, false),
            single => (items_of(vec![single], "text", 1)?, true),
        }
    };
    let lang = options.lang.as_deref().map(checked_lang).transpose()?;
    let body = service
        .run_blocking(move |catalog: &Catalog<D>| {
            let mut tagger = Tagger::new(&catalog.index);
            if let Some(lang) = lang {
                tagger.lang(lang);
            }
            if let Some(OverlapMode::All) = options.overlaps {
                tagger.overlaps(Overlaps::All);
            }
            let mut answers = Vec::with_capacity(documents.len());
            for (number, (text, fields)) in documents.into_iter().enumerate() {
                let mentions = tagger.tag(&text)?;
                let doc = (number + 1).to_string();
                answers.push(
                    crate::json::tag_answer(&doc, fields, &mentions)
                        .map_err(|e| ApiError::internal(e.to_string()))?,
                );
            }
            Ok(match one {
                true => answers.concat(),
                false => format!("[{}]", answers.join(",")),
            })
        })
        .await?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The body as JSON: 400 when it is not UTF-8 or not JSON.
fn parse_json(body: &[u8]) -> Result<Value, ApiError> {
    let text = std::str::from_utf8(body).map_err(|e| {
        ApiError::bad_request(format!(
            "the body is not valid UTF-8 (at byte {})",
            e.valid_up_to()
        ))
    })?;
    serde_json::from_str(text).map_err(|e| ApiError::bad_request(format!("malformed JSON: {e}")))
}

/// One query or document of a batch: its text, and the fields passed through with it.
type Item = (String, Map<String, Value>);

/// A JSON list of items, each a string or an object with a string field `field`.
fn parse_items(body: &[u8], field: &str, max: usize) -> Result<Vec<Item>, ApiError> {
    match parse_json(body)? {
        Value::Array(items) => items_of(items, field, max),
        other => Err(ApiError::unprocessable(format!(
            "expected a JSON list of {field}s, found {}",
            kind_of(&other)
        ))),
    }
}

/// Each item's text and the fields passed through with it.
fn items_of(items: Vec<Value>, field: &str, max: usize) -> Result<Vec<Item>, ApiError> {
    if items.len() > max {
        return Err(ApiError::too_large(format!(
            "{} items in one request; the limit is {max}",
            items.len()
        )));
    }
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| match item {
            Value::String(text) => Ok((text, Map::new())),
            Value::Object(fields) => match fields.get(field) {
                Some(Value::String(text)) => Ok((text.clone(), fields)),
                Some(other) => Err(ApiError::unprocessable(format!(
                    "item {i}: \"{field}\" must be a string, not {}",
                    kind_of(other)
                ))),
                None => Err(ApiError::unprocessable(format!(
                    "item {i}: an object needs a \"{field}\" string"
                ))),
            },
            other => Err(ApiError::unprocessable(format!(
                "item {i}: expected a string or an object with a \"{field}\" string, found {}",
                kind_of(&other)
            ))),
        })
        .collect()
}

/// What sort of JSON value `value` is, for error messages.
pub(super) fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
