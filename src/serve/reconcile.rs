//! The W3C Reconciliation Service API, version 0.2 (what OpenRefine speaks), at `/reconcile`:
//! the service manifest, batches of queries, as-you-type suggestions, an HTML preview of an
//! entity, and data extension.
//!
//! Types are the lexicon's kinds (`group`, `organization`, `place`, `person`); IDs are the
//! lexicon's (`place/mali`), with their `/` (percent-encoded or not) in every URL.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::api::kind_of;
use super::errors::ApiError;
use super::{preview, Catalog, Service, Storage};
use crate::index::EntityRef;
use crate::lexicon::{Kind, RelationKind};
use crate::{normalize, Candidate, Resolver};

/// A candidate is a `match` (safe to accept without a look) when it scores at least this and
/// strictly more than the next candidate. Measured on the held-out name table
/// (`tests/heldout/names/`, see README.md): 211 of 479 spellings are matched this way, 209 of
/// them rightly (precision 0.991, where taking every top candidate gives 0.972); a tie, as
/// between Kidal the town and Kidal the region, is never a match.
pub const AUTO_MATCH_SCORE: f64 = 0.9;

/// Candidates per query when the query gives no `limit`.
const DEFAULT_LIMIT: usize = 5;

/// Suggestions per call of `suggest/entity`.
const SUGGEST_COUNT: usize = 10;

/// How many keys of the names FST a suggestion reads, at most: enough for the entities of
/// the first few screens of a short prefix, few enough to answer in well under a millisecond.
const SUGGEST_KEYS: usize = 256;

/// The reconciliation routes, under `/reconcile`.
pub fn routes<D: Storage>() -> Router<Arc<Service<D>>> {
    Router::new()
        .route(
            "/reconcile",
            get(get_reconcile::<D>).post(post_reconcile::<D>),
        )
        .route("/reconcile/suggest/entity", get(suggest_entity::<D>))
        .route("/reconcile/suggest/type", get(suggest_type::<D>))
        .route("/reconcile/suggest/property", get(suggest_property::<D>))
        .route(
            "/reconcile/properties/propose",
            get(propose_properties::<D>),
        )
        .route("/reconcile/preview", get(preview_page::<D>))
        .route("/reconcile/view/{*id}", get(view_page::<D>))
}

/// What `/reconcile` takes, by query string (GET) or form (POST): nothing (the manifest),
/// `queries` (a batch of queries) or `extend` (data extension), as JSON in a parameter.
/// Other parameters are ignored: jQuery's JSONP adds a cache-buster `_`.
#[derive(Debug, Deserialize)]
pub struct ReconcileParams {
    queries: Option<String>,
    extend: Option<String>,
    /// JSONP: wrap the manifest in a call of this function.
    callback: Option<String>,
}

async fn get_reconcile<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    headers: HeaderMap,
    Query(params): Query<ReconcileParams>,
) -> Result<Response, ApiError> {
    reconcile(service, &headers, params).await
}

async fn post_reconcile<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    headers: HeaderMap,
    Form(params): Form<ReconcileParams>,
) -> Result<Response, ApiError> {
    reconcile(service, &headers, params).await
}

async fn reconcile<D: Storage>(
    service: Arc<Service<D>>,
    headers: &HeaderMap,
    params: ReconcileParams,
) -> Result<Response, ApiError> {
    let max = service.limits.max_batch;
    match (params.queries, params.extend) {
        (Some(_), Some(_)) => Err(ApiError::unprocessable(
            "give either queries or extend, not both",
        )),
        (Some(queries), None) => {
            let queries = parse_queries(&queries, max)?;
            let answer = service
                .run_blocking(move |catalog| reconcile_all(catalog, queries))
                .await?;
            Ok(Json(answer).into_response())
        }
        (None, Some(extend)) => {
            let request = parse_extend(&extend, max)?;
            let answer = service
                .run_blocking(move |catalog| extend_rows(catalog, &request))
                .await?;
            Ok(Json(answer).into_response())
        }
        (None, None) => {
            let manifest = manifest(&service.catalog(), &base_url(headers));
            match params.callback {
                None => Ok(Json(manifest).into_response()),
                Some(callback) => jsonp(&callback, &manifest),
            }
        }
    }
}

/// The service's own URL as the client reached it (from the `Host` header), for the absolute
/// URLs of the manifest.
fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()))
        .unwrap_or("127.0.0.1");
    format!("http://{host}/reconcile")
}

/// The human name of a kind, as a reconciliation type.
fn kind_title(kind: Kind) -> &'static str {
    match kind {
        Kind::Group => "Armed group",
        Kind::Organization => "Organization",
        Kind::Place => "Place",
        Kind::Person => "Person",
    }
}

fn type_json(kind: Kind) -> Value {
    json!({"id": kind.name(), "name": kind_title(kind)})
}

/// The service manifest.
fn manifest<D: Storage>(catalog: &Catalog<D>, base: &str) -> Value {
    json!({
        "versions": ["0.1", "0.2"],
        "name": catalog.name,
        "identifierSpace": IDENTIFIER_SPACE,
        "schemaSpace": SCHEMA_SPACE,
        "defaultTypes": catalog.kinds.iter().map(|&k| type_json(k)).collect::<Vec<_>>(),
        "view": {"url": format!("{base}/view/{{{{id}}}}")},
        "preview": {
            "url": format!("{base}/preview?id={{{{id}}}}"),
            "width": preview::WIDTH,
            "height": preview::HEIGHT,
        },
        "suggest": {
            "entity": {"service_url": base, "service_path": "/suggest/entity"},
            "type": {"service_url": base, "service_path": "/suggest/type"},
            "property": {"service_url": base, "service_path": "/suggest/property"},
        },
        "extend": {
            "propose_properties": {"service_url": base, "service_path": "/properties/propose"},
            "property_settings": [],
        },
    })
}

/// The namespace of the IDs: the lexicon's entity IDs.
const IDENTIFIER_SPACE: &str = "urn:canonym:entity";

/// The namespace of the types and properties.
const SCHEMA_SPACE: &str = "urn:canonym:schema";

/// The manifest as JSONP, for the old clients that fetch it from a `<script>`. The callback
/// must be a plain JavaScript name, so nothing else can be injected into the page.
fn jsonp(callback: &str, manifest: &Value) -> Result<Response, ApiError> {
    let plain = callback.len() <= 128
        && callback
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_$.".contains(&b))
        && !callback.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    if !plain {
        return Err(ApiError::unprocessable(
            "callback must be a JavaScript name (letters, digits, _, $ and .)",
        ));
    }
    // The leading comment keeps the first bytes from being read as something else.
    let body = format!("/**/{callback}({manifest});");
    Ok(([(header::CONTENT_TYPE, "application/javascript")], body).into_response())
}

/// One reconciliation query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReconQuery {
    query: String,
    #[serde(rename = "type")]
    types: Option<OneOrMany>,
    limit: Option<usize>,
    properties: Option<Vec<PropertyValue>>,
    type_strict: Option<TypeStrict>,
}

/// A type, or a list of them.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// How the types of a query apply: `any` and `all` keep only the candidates of the types,
/// `should` puts them first.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum TypeStrict {
    #[default]
    Any,
    All,
    Should,
}

/// A property of the row being reconciled (another column): `{"pid": "country", "v": "ML"}`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PropertyValue {
    #[serde(alias = "p")]
    pid: String,
    v: Value,
}

/// The batch, in the client's order of keys (`q0`, `q1`...).
fn parse_queries(text: &str, max: usize) -> Result<Vec<(String, ReconQuery)>, ApiError> {
    let object: Map<String, Value> = match serde_json::from_str(text) {
        Ok(Value::Object(object)) => object,
        Ok(other) => {
            return Err(ApiError::unprocessable(format!(
                "queries must be a JSON object of queries, not {}",
                kind_of(&other)
            )))
        }
        Err(e) => {
            return Err(ApiError::bad_request(format!(
                "queries: malformed JSON: {e}"
            )))
        }
    };
    if object.len() > max {
        return Err(ApiError::too_large(format!(
            "{} queries in one request; the limit is {max}",
            object.len()
        )));
    }
    object
        .into_iter()
        .map(|(key, value)| {
            let query = serde_json::from_value::<ReconQuery>(value)
                .map_err(|e| ApiError::unprocessable(format!("query {key}: {e}")))?;
            if query.limit == Some(0) {
                return Err(ApiError::unprocessable(format!(
                    "query {key}: limit must be at least 1"
                )));
            }
            Ok((key, query))
        })
        .collect()
}

fn reconcile_all<D: Storage>(
    catalog: &Catalog<D>,
    queries: Vec<(String, ReconQuery)>,
) -> Result<Value, ApiError> {
    let resolver = Resolver::new(&catalog.index);
    let mut answer = Map::new();
    for (key, query) in queries {
        let result = reconcile_one(catalog, &resolver, &query)?;
        answer.insert(key, json!({"result": result}));
    }
    Ok(Value::Object(answer))
}

/// The candidates of one query, filtered by its types and properties, as results.
fn reconcile_one<D: Storage>(
    catalog: &Catalog<D>,
    resolver: &Resolver<'_, D>,
    query: &ReconQuery,
) -> Result<Vec<Value>, ApiError> {
    let mut candidates = resolver.resolve(&query.query)?;
    if let Some(types) = &query.types {
        let types = match types {
            OneOrMany::One(t) => std::slice::from_ref(t),
            OneOrMany::Many(ts) => ts.as_slice(),
        };
        let wanted = |c: &Candidate<'_>| types.iter().any(|t| t == c.kind.name());
        match query.type_strict.unwrap_or_default() {
            // An entity has one kind: with two types, `all` keeps none.
            TypeStrict::All if types.len() > 1 => candidates.clear(),
            TypeStrict::Any | TypeStrict::All => candidates.retain(wanted),
            // A stable sort keeps the ranking within each group.
            TypeStrict::Should => candidates.sort_by_key(|c| !wanted(c)),
        }
    }
    for property in query.properties.iter().flatten() {
        if property.pid == "country" {
            let codes = country_codes(catalog, &property.v)?;
            let mut kept = Vec::with_capacity(candidates.len());
            for candidate in candidates {
                if in_countries(catalog, &candidate, &codes)? {
                    kept.push(candidate);
                }
            }
            candidates = kept;
        }
    }
    let is_match = match candidates.as_slice() {
        [first, rest @ ..] => {
            first.score >= AUTO_MATCH_SCORE && rest.first().is_none_or(|r| r.score < first.score)
        }
        [] => false,
    };
    candidates.truncate(query.limit.unwrap_or(DEFAULT_LIMIT));
    candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let entity = catalog.index.entity_at(c.entity).map_err(ApiError::from)?;
            Ok(json!({
                "id": c.id,
                "name": c.label,
                "score": (c.score * 1000.0).round() / 10.0,
                "match": i == 0 && is_match,
                "type": [type_json(c.kind)],
                "description": describe(&entity, Some(c))?,
            }))
        })
        .collect()
}

/// The ISO codes a `country` property names: a code (`ML`), a country's ID (`place/mali`)
/// or its name (`Mali`), or a list of them.
fn country_codes<D: Storage>(catalog: &Catalog<D>, v: &Value) -> Result<Vec<String>, ApiError> {
    let values: Vec<&Value> = match v {
        Value::Array(values) => values.iter().collect(),
        one => vec![one],
    };
    let mut codes = Vec::new();
    for value in values {
        let text = match value {
            Value::String(s) => s.as_str(),
            Value::Object(o) => match o.get("id") {
                Some(Value::String(id)) => id.as_str(),
                _ => continue,
            },
            _ => continue,
        };
        let text = text.trim();
        if text.len() == 2 && text.is_ascii() {
            codes.push(text.to_ascii_uppercase());
        } else if let Some(entity) = catalog.index.entity(text)? {
            codes.extend(entity.countries()?.into_iter().map(str::to_string));
        } else if let Some(best) = Resolver::new(&catalog.index).resolve(text)?.first() {
            if best.kind == Kind::Place {
                let entity = catalog.index.entity_at(best.entity)?;
                codes.extend(entity.countries()?.into_iter().map(str::to_string));
            }
        }
    }
    Ok(codes)
}

/// Whether a candidate is in one of `codes`; one with no countries is not ruled out, nor is
/// any when `codes` is empty (a country the lexicon does not know rules nothing out).
fn in_countries<D: Storage>(
    catalog: &Catalog<D>,
    candidate: &Candidate<'_>,
    codes: &[String],
) -> crate::Result<bool> {
    if codes.is_empty() {
        return Ok(true);
    }
    let countries = catalog.index.entity_at(candidate.entity)?.countries()?;
    Ok(countries.is_empty() || countries.iter().any(|c| codes.iter().any(|code| code == c)))
}

/// A line that tells entities apart in a list: category, countries, and for a candidate the
/// name it matched and how.
fn describe(entity: &EntityRef<'_>, candidate: Option<&Candidate<'_>>) -> crate::Result<String> {
    let mut parts = vec![entity
        .category()?
        .map_or_else(|| entity.kind.name().to_string(), str::to_string)];
    let countries = entity.countries()?;
    if !countries.is_empty() {
        parts.push(countries.join(", "));
    }
    if let Some(c) = candidate {
        parts.push(format!("matched \"{}\" ({})", c.variant, c.layer));
    }
    Ok(parts.join(" · "))
}

/// `suggest/entity`'s parameters. Others (OpenRefine sends `spell`, `exact`...) are ignored.
#[derive(Debug, Deserialize)]
struct SuggestParams {
    prefix: String,
    #[serde(rename = "type")]
    kind: Option<String>,
    cursor: Option<usize>,
}

/// `GET /reconcile/suggest/entity?prefix=tinz`: the entities with a name that starts with
/// the prefix (after folding), by a walk of the names FST: shortest name first, then prior.
async fn suggest_entity<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    Query(params): Query<SuggestParams>,
) -> Result<Json<Value>, ApiError> {
    service
        .run_blocking(move |catalog| {
            let index = &catalog.index;
            let folded = normalize::folded(&params.prefix);
            if folded.is_empty() {
                return Ok(Json(json!({"result": []})));
            }
            let latin = normalize::latin(&folded);
            let mut keys = index.names_with_prefix(&folded, SUGGEST_KEYS)?;
            if latin != folded {
                keys.extend(index.names_with_prefix(&latin, SUGGEST_KEYS)?);
            }
            // Each entity at the length of its shortest name with the prefix.
            let mut shortest: HashMap<u32, usize> = HashMap::new();
            for (key, variants) in &keys {
                for &variant in variants {
                    let entity = index.variant_record(variant)?.entity;
                    let length = shortest.entry(entity).or_insert(key.len());
                    *length = (*length).min(key.len());
                }
            }
            let mut entities = shortest
                .into_iter()
                .map(|(number, length)| Ok((index.entity_at(number)?, length)))
                .collect::<crate::Result<Vec<_>>>()?;
            if let Some(kind) = &params.kind {
                entities.retain(|(e, _)| e.kind.name() == kind);
            }
            entities.sort_by(|(a, la), (b, lb)| {
                la.cmp(lb)
                    .then(b.prior.total_cmp(&a.prior))
                    .then(a.id.cmp(b.id))
            });
            let result = entities
                .iter()
                .skip(params.cursor.unwrap_or(0))
                .take(SUGGEST_COUNT)
                .map(|(entity, _)| {
                    Ok(json!({
                        "id": entity.id,
                        "name": index.label_in(entity, None)?,
                        "description": describe(entity, None)?,
                        "notable": [type_json(entity.kind)],
                    }))
                })
                .collect::<crate::Result<Vec<_>>>()?;
            Ok(Json(json!({"result": result})))
        })
        .await
}

/// `suggest/type` and `suggest/property` parameters.
#[derive(Debug, Deserialize)]
struct PrefixParams {
    prefix: String,
}

/// `GET /reconcile/suggest/type?prefix=pl`: the kinds whose ID or name starts with the
/// prefix.
async fn suggest_type<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    Query(params): Query<PrefixParams>,
) -> Json<Value> {
    let prefix = params.prefix.to_lowercase();
    let catalog = service.catalog();
    let result: Vec<Value> = catalog
        .kinds
        .iter()
        .filter(|k| {
            k.name().starts_with(&prefix) || kind_title(**k).to_lowercase().starts_with(&prefix)
        })
        .map(|&k| type_json(k))
        .collect();
    Json(json!({"result": result}))
}

/// `GET /reconcile/suggest/property?prefix=wi`: the properties whose ID or name starts with
/// the prefix.
async fn suggest_property<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    Query(params): Query<PrefixParams>,
) -> Json<Value> {
    let prefix = params.prefix.to_lowercase();
    let result: Vec<Value> = properties(&service.catalog())
        .into_iter()
        .filter(|p| p.id.starts_with(&prefix) || p.name.to_lowercase().starts_with(&prefix))
        .map(|p| json!({"id": p.id, "name": p.name}))
        .collect();
    Json(json!({"result": result}))
}

/// A property of entities that `extend` gives.
struct Property {
    id: String,
    name: String,
    value: PropertyKind,
}

#[derive(Clone, Copy)]
enum PropertyKind {
    Wikidata,
    GeoNames,
    Countries,
    Kind,
    Category,
    /// Every related entity, whatever the link.
    Related,
    /// The entities linked by one kind of relation.
    Relation(RelationKind),
}

/// The properties `extend` gives for this catalog (the relations only when it knows them).
fn properties<D>(catalog: &Catalog<D>) -> Vec<Property>
where
    D: Storage,
{
    let property = |id: &str, name: &str, value| Property {
        id: id.to_string(),
        name: name.to_string(),
        value,
    };
    let mut all = vec![
        property("wikidata", "Wikidata QID", PropertyKind::Wikidata),
        property("geonames", "GeoNames ID", PropertyKind::GeoNames),
        property(
            "countries",
            "Countries (ISO 3166-1)",
            PropertyKind::Countries,
        ),
        property("kind", "Kind", PropertyKind::Kind),
        property("category", "Category", PropertyKind::Category),
    ];
    if catalog.has_relations() {
        all.push(property(
            "related",
            "Related entities",
            PropertyKind::Related,
        ));
        for &kind in RelationKind::ALL {
            let name = kind.name().replace('_', " ");
            all.push(property(kind.name(), &name, PropertyKind::Relation(kind)));
        }
    }
    all
}

/// `properties/propose` parameters.
#[derive(Debug, Deserialize)]
struct ProposeParams {
    #[serde(rename = "type")]
    kind: Option<String>,
    limit: Option<usize>,
}

/// `GET /reconcile/properties/propose?type=place`: the properties to extend a column with.
async fn propose_properties<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    Query(params): Query<ProposeParams>,
) -> Json<Value> {
    let mut all = properties(&service.catalog());
    if let Some(limit) = params.limit {
        all.truncate(limit);
    }
    let proposed: Vec<Value> = all
        .iter()
        .map(|p| json!({"id": p.id, "name": p.name}))
        .collect();
    let mut answer = json!({"properties": proposed});
    if let Some(kind) = params.kind {
        answer["type"] = json!(kind);
    }
    Json(answer)
}

/// A data extension request: these entities, these properties.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtendRequest {
    ids: Vec<String>,
    properties: Vec<ExtendProperty>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExtendProperty {
    id: String,
    /// Property settings: none are offered, so any given are ignored.
    #[allow(dead_code)]
    settings: Option<Value>,
}

fn parse_extend(text: &str, max: usize) -> Result<ExtendRequest, ApiError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| ApiError::bad_request(format!("extend: malformed JSON: {e}")))?;
    let request: ExtendRequest = serde_json::from_value(value)
        .map_err(|e| ApiError::unprocessable(format!("extend: {e}")))?;
    if request.ids.len() > max {
        return Err(ApiError::too_large(format!(
            "{} IDs in one request; the limit is {max}",
            request.ids.len()
        )));
    }
    Ok(request)
}

/// The rows of a data extension: each ID's values of each property (none for an unknown ID).
fn extend_rows<D: Storage>(
    catalog: &Catalog<D>,
    request: &ExtendRequest,
) -> Result<Value, ApiError> {
    let offered = properties(catalog);
    let wanted = request
        .properties
        .iter()
        .map(|p| {
            offered
                .iter()
                .find(|o| o.id == p.id)
                .ok_or_else(|| ApiError::unprocessable(format!("extend: no property {:?}", p.id)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let meta: Vec<Value> = wanted
        .iter()
        .map(|p| json!({"id": p.id, "name": p.name}))
        .collect();
    let mut rows = Map::new();
    for id in &request.ids {
        let mut row = Map::new();
        let entity = catalog.index.entity(id)?;
        for property in &wanted {
            let values = match &entity {
                Some(entity) => values_of(catalog, entity, property.value)?,
                None => Vec::new(),
            };
            row.insert(property.id.clone(), Value::Array(values));
        }
        rows.insert(id.clone(), Value::Object(row));
    }
    Ok(json!({"meta": meta, "rows": rows}))
}

/// One entity's values of one property, as reconciliation cells.
fn values_of<D: Storage>(
    catalog: &Catalog<D>,
    entity: &EntityRef<'_>,
    property: PropertyKind,
) -> crate::Result<Vec<Value>> {
    let linked = |pick: &dyn Fn(RelationKind) -> bool| -> crate::Result<Vec<Value>> {
        let mut cells = Vec::new();
        for (kind, target) in catalog.relations(entity) {
            if pick(*kind) {
                cells.push(entity_cell(catalog, target)?);
            }
        }
        Ok(cells)
    };
    Ok(match property {
        PropertyKind::Wikidata => entity
            .wikidata()?
            .map(|q| json!({"str": q}))
            .into_iter()
            .collect(),
        PropertyKind::GeoNames => entity
            .geonames()
            .map(|g| json!({"int": g}))
            .into_iter()
            .collect(),
        PropertyKind::Countries => entity
            .countries()?
            .into_iter()
            .map(|c| json!({"str": c}))
            .collect(),
        PropertyKind::Kind => vec![json!({"str": entity.kind.name()})],
        PropertyKind::Category => entity
            .category()?
            .map(|c| json!({"str": c}))
            .into_iter()
            .collect(),
        PropertyKind::Related => linked(&|_| true)?,
        PropertyKind::Relation(wanted) => linked(&|kind| kind == wanted)?,
    })
}

/// A cell naming another entity: its ID and label (the ID again if the lexicon lacks it).
fn entity_cell<D: Storage>(catalog: &Catalog<D>, id: &str) -> crate::Result<Value> {
    let name = match catalog.index.entity(id)? {
        Some(target) => catalog.index.label_in(&target, None)?.to_string(),
        None => id.to_string(),
    };
    Ok(json!({"id": id, "name": name}))
}

/// `preview` parameters.
#[derive(Debug, Deserialize)]
struct PreviewParams {
    id: String,
}

/// `GET /reconcile/preview?id=place/mali`: a small HTML page of the entity, for OpenRefine's
/// pop-up.
async fn preview_page<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    Query(params): Query<PreviewParams>,
) -> Result<Html<String>, ApiError> {
    page(service, params.id).await
}

/// `GET /reconcile/view/place/mali` (or `place%2Fmali`): the entity's page.
async fn view_page<D: Storage>(
    State(service): State<Arc<Service<D>>>,
    Path(id): Path<String>,
) -> Result<Html<String>, ApiError> {
    page(service, id).await
}

async fn page<D: Storage>(service: Arc<Service<D>>, id: String) -> Result<Html<String>, ApiError> {
    service
        .run_blocking(move |catalog| {
            let Some(entity) = catalog.index.entity(&id)? else {
                return Err(ApiError::not_found(format!("no entity {id:?}")));
            };
            Ok(Html(preview::page(catalog, &entity)?))
        })
        .await
}
