//! Any request to the HTTP service (`canonym::serve::router` on the embedded index, what
//! `canonym serve` answers with): every request gets a response, no response is a server
//! error (the embedded index is sound, so a 5xx is a bug: the time limit gives 408), and
//! every error, and every JSON body, is JSON that parses.
//!
//! The input is a request written as on the wire, but leniently, so that mutations keep it
//! a request: a first line `METHOD TARGET` (the target a path with its query string), header
//! lines `Name: value` up to an empty line, then the body. A request the `http` crate cannot
//! represent (a method or header name with bad bytes) is one hyper answers by itself before
//! the router is called: skipped.
#![no_main]

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderName, HeaderValue, Method, Request, Response, Uri};
use axum::Router;
use canonym::serve::{router, Catalog, Limits, Service};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

/// The service of `canonym serve` on the embedded lexicon, with limits small enough that the
/// fuzzer reaches the 413s (a body over 2 KiB, more than 8 queries), and the server's time
/// limit, which libFuzzer's `-timeout=10` catches first.
fn app() -> &'static (tokio::runtime::Runtime, Router) {
    static APP: OnceLock<(tokio::runtime::Runtime, Router)> = OnceLock::new();
    APP.get_or_init(|| {
        let index = canonym::default_index_in(|bytes| bytes).unwrap();
        let lexicon = canonym::default_lexicon().unwrap();
        let catalog = Catalog::new(index, Some(&lexicon), "canonym (fuzz)").unwrap();
        let limits = Limits {
            max_body: 2048,
            timeout: Duration::from_secs(10),
            max_batch: 8,
        };
        let service = Arc::new(Service::new(catalog, None, limits));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        (runtime, router(service))
    })
}

/// The request `data` writes, if the `http` crate can represent it.
fn request(data: &[u8]) -> Option<Request<Body>> {
    let (head, body) = match data.windows(2).position(|w| w == b"\n\n") {
        Some(end) => (&data[..end], &data[end + 2..]),
        None => (data, &[][..]),
    };
    let mut lines = head.split(|&b| b == b'\n');
    let first = lines.next()?;
    let space = first.iter().position(|&b| b == b' ')?;
    let method = Method::from_bytes(&first[..space]).ok()?;
    let uri = Uri::try_from(&first[space + 1..]).ok()?;
    let mut request = Request::builder().method(method).uri(uri);
    let mut declared_length = None;
    for line in lines {
        let colon = line.iter().position(|&b| b == b':')?;
        let name = HeaderName::from_bytes(&line[..colon]).ok()?;
        let value = HeaderValue::from_bytes(line[colon + 1..].trim_ascii()).ok()?;
        if name == header::CONTENT_LENGTH {
            declared_length = value.to_str().ok().and_then(|v| v.parse::<usize>().ok());
        }
        request = request.header(name, value);
    }
    // hyper frames a body by its Content-Length: the bytes past it are the next request's.
    let body = &body[..declared_length.map_or(body.len(), |n| n.min(body.len()))];
    request.body(Body::from(body.to_vec())).ok()
}

fuzz_target!(|data: &[u8]| {
    // As in common.rs: a panic the index reader contains is not a crash.
    canonym::index::quiet_contained_panics();
    let Some(request) = request(data) else {
        return;
    };
    let is_head = request.method() == Method::HEAD;
    let (runtime, app) = app();
    let response: Response<Body> = runtime
        .block_on(app.clone().oneshot(request))
        .expect("the router's error type is Infallible");
    let status = response.status();
    assert!(!status.is_server_error(), "a server error: {status}");
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let body = runtime
        .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
        .expect("a response body reads whole");
    if status.is_client_error() {
        assert!(is_json, "a {status} that is not JSON: {body:?}");
    }
    if is_json && !(is_head && body.is_empty()) {
        let json: serde_json::Value = serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("a {status} body that is not JSON ({e}): {body:?}"));
        if status.is_client_error() {
            assert!(
                json["error"].is_string(),
                "an error without a message: {json}"
            );
            assert_eq!(json["status"], status.as_u16(), "{json}");
        }
    }
});
