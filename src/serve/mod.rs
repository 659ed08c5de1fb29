//! `canonym serve`: the resolver and the tagger over HTTP, and a W3C Reconciliation Service
//! (API v0.2, what OpenRefine speaks), on axum and tokio.
//!
//! [`router`] is the whole service as an axum [`Router`], for embedding in another server;
//! [`run`] serves it on a listener until SIGTERM or Ctrl-C, reloading the index on SIGHUP.
//! The index is opened once and shared: every request holds the [`Catalog`] it started with,
//! so a reload swaps the catalog for the next requests without disturbing those in flight.
//!
//! One file per concern: `api` (the JSON endpoints, with the same answers as the command
//! line's `--json`), `reconcile` (the reconciliation API), `preview` (the HTML page of an
//! entity), `errors` (every failure as a JSON body), `catalog` (what is served, and its
//! reload); the OpenAPI document of the whole service is `openapi.json`.

mod api;
mod catalog;
mod errors;
mod preview;
mod reconcile;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::cors::{Any, CorsLayer};

pub use catalog::{Catalog, Loader};
use errors::ApiError;

/// Bytes an index can be read from and shared between the server's threads: a memory map, a
/// `Vec<u8>`, a static slice.
pub trait Storage: AsRef<[u8]> + Send + Sync + 'static {}

impl<T: AsRef<[u8]> + Send + Sync + 'static> Storage for T {}

/// How much one request may ask of the server.
#[derive(Clone, Debug)]
pub struct Limits {
    /// The largest request body, in bytes (413 beyond it).
    pub max_body: usize,
    /// The longest a request may take, reading its body included (408 beyond it): a slow
    /// client cannot hold a connection's worth of work for ever.
    pub timeout: Duration,
    /// The most queries or documents in one request (413 beyond it).
    pub max_batch: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body: 1 << 20,
            timeout: Duration::from_secs(10),
            max_batch: 1000,
        }
    }
}

/// The running service: the catalog it answers from, how to load it again, and its limits.
pub struct Service<D> {
    catalog: arc_swap::ArcSwap<Catalog<D>>,
    loader: Option<Loader<D>>,
    limits: Limits,
}

impl<D: Storage> Service<D> {
    /// A service answering from `catalog`; `loader`, if given, loads a fresh catalog on
    /// [`Service::reload`] (SIGHUP under [`run`]).
    pub fn new(catalog: Catalog<D>, loader: Option<Loader<D>>, limits: Limits) -> Service<D> {
        Service {
            catalog: arc_swap::ArcSwap::from_pointee(catalog),
            loader,
            limits,
        }
    }

    /// The catalog requests are answered from now.
    pub fn catalog(&self) -> Arc<Catalog<D>> {
        self.catalog.load_full()
    }

    /// Loads the catalog again and swaps it in; requests in flight finish on the old one. On
    /// failure the old catalog stays and the error is returned.
    pub fn reload(&self) -> Result<(), String> {
        let Some(loader) = &self.loader else {
            return Err("this service has nothing to reload from".into());
        };
        let fresh = loader()?;
        self.catalog.store(Arc::new(fresh));
        Ok(())
    }

    /// Runs `work` on the catalog on a thread of the blocking pool, so that a long batch does
    /// not stall the connections served by the async threads, and a request that times out
    /// gets its answer while the work finishes on its own.
    async fn run_blocking<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Catalog<D>) -> Result<T, ApiError> + Send + 'static,
    {
        let catalog = self.catalog();
        tokio::task::spawn_blocking(move || work(&catalog))
            .await
            .map_err(|e| ApiError::internal(format!("the request's work failed: {e}")))?
    }
}

/// The whole service, every route with CORS, limits, JSON errors and request logs.
pub fn router<D: Storage>(service: Arc<Service<D>>) -> Router {
    let limits = service.limits.clone();
    Router::new()
        .route("/healthz", get(api::healthz::<D>))
        .route("/openapi.json", get(api::openapi))
        .route(
            "/resolve",
            get(api::resolve_one::<D>).post(api::resolve_many::<D>),
        )
        .route("/tag", axum::routing::post(api::tag::<D>))
        .merge(reconcile::routes::<D>())
        .fallback(errors::not_found)
        .with_state(service)
        .layer(DefaultBodyLimit::max(limits.max_body))
        // Each layer wraps those above it: the framework's own errors (404, 405, 413, bad
        // query strings) are made JSON, then the time limit applies, then CORS headers go on
        // every response (the time limit's included), then the request is logged.
        .layer(middleware::from_fn(errors::as_json))
        .layer(middleware::from_fn_with_state(limits.timeout, time_limit))
        .layer(cors())
        .layer(middleware::from_fn(log_request))
}

/// Any origin may call the service: it serves public reference data, and browser clients
/// (OpenRefine's pages, notebooks) call it from other origins.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers(Any)
        .max_age(Duration::from_secs(3600))
}

/// Ends a request that takes longer than `limit`, reading its body included.
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::timeout(limit).into_response(),
    }
}

/// One structured log event per request: method, path, status, time taken.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    let micros = u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX);
    let status = response.status().as_u16();
    let length = response
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if status >= 500 {
        tracing::error!(%method, path, status, micros, length, "request");
    } else {
        tracing::info!(%method, path, status, micros, length, "request");
    }
    response
}

/// The signals the server obeys: SIGTERM and SIGINT (Ctrl-C) stop it, SIGHUP reloads its
/// catalog. They are caught from the moment this is made, so that a signal sent as soon as
/// the server says it listens is not taken with its default action (the end of the process).
pub struct Signals {
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hangup: tokio::signal::unix::Signal,
}

impl Signals {
    /// Starts catching the signals; call it inside the tokio runtime.
    pub fn new() -> std::io::Result<Signals> {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            Ok(Signals {
                terminate: signal(SignalKind::terminate())?,
                interrupt: signal(SignalKind::interrupt())?,
                hangup: signal(SignalKind::hangup())?,
            })
        }
        #[cfg(not(unix))]
        Ok(Signals {})
    }
}

/// Serves `service` on `listener` until SIGTERM or Ctrl-C, then lets the requests in flight
/// finish and returns. On SIGHUP the catalog is reloaded (see [`Service::reload`]).
pub async fn run<D: Storage>(
    listener: tokio::net::TcpListener,
    service: Arc<Service<D>>,
    signals: Signals,
) {
    #[cfg(unix)]
    let stop = {
        let Signals {
            mut terminate,
            mut interrupt,
            hangup,
        } = signals;
        tokio::spawn(reload_on_hangup(hangup, Arc::clone(&service)));
        async move {
            tokio::select! {
                _ = terminate.recv() => tracing::info!(signal = "SIGTERM", "shutting down"),
                _ = interrupt.recv() => tracing::info!(signal = "SIGINT", "shutting down"),
            }
        }
    };
    #[cfg(not(unix))]
    let stop = {
        let Signals {} = signals;
        async {
            let _ = tokio::signal::ctrl_c().await;
            tracing::info!(signal = "Ctrl-C", "shutting down");
        }
    };
    serve_connections(listener, service, stop).await;
}

/// Accepts connections and serves each on its own task until `stop` resolves; then stops
/// accepting, lets every connection finish the request it is on, and returns. Connections
/// are HTTP/1.1 with keep-alive; a client that has not sent a request's head within the time
/// limit is disconnected (which `axum::serve` cannot do), so idle sockets cannot pile up.
async fn serve_connections<D: Storage>(
    listener: tokio::net::TcpListener,
    service: Arc<Service<D>>,
    stop: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::server::graceful::GracefulShutdown;
    use hyper_util::service::TowerToHyperService;

    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(service.limits.timeout);
    let app = router(service);
    let connections = GracefulShutdown::new();
    tokio::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors, most likely: wait for some to close.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let _ = stream.set_nodelay(true);
        let connection =
            http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(app.clone()));
        let connection = connections.watch(connection);
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    connections.shutdown().await;
}

/// Reloads the catalog on every SIGHUP, on a blocking thread (building an index from a
/// lexicon folder takes a while).
#[cfg(unix)]
async fn reload_on_hangup<D: Storage>(
    mut hangups: tokio::signal::unix::Signal,
    service: Arc<Service<D>>,
) {
    while hangups.recv().await.is_some() {
        let service = Arc::clone(&service);
        let reloaded = tokio::task::spawn_blocking(move || service.reload()).await;
        match reloaded {
            Ok(Ok(())) => tracing::info!("reloaded the index"),
            Ok(Err(error)) => tracing::error!(error, "reload failed; still serving the old index"),
            Err(error) => tracing::error!(%error, "reload failed; still serving the old index"),
        }
    }
}
