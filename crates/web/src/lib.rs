//! The maillage web application: server-rendered French pages (askama +
//! htmx), the JSON API under `/api/v1` and its OpenAPI document.
//!
//! One module per area, each with its `router()`; handlers stay thin and
//! call the store or the domain once.

mod accounts;
mod api;
mod api_directory;
mod api_docs;
pub mod assessments;
mod assets;
pub mod auth;
mod bounds;
pub use bounds::default_anonymous_writes;
mod dashboard;
mod directory;
mod error;
pub mod evaluations;
pub mod events;
pub mod extract;
mod forms;
pub mod groupings;
mod health;
mod home;
pub mod i18n;
pub mod live;
pub mod mail;
mod network;
mod page;
pub mod plans;
mod reference;
pub mod referrals;
pub mod search_sync;
mod security;
mod style;
mod text;
pub mod toolkits;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use maillage_store::Store;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::AppError;

/// Settings of the web layer.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` and send HSTS (set when served over TLS,
    /// usually behind a proxy that terminates it).
    pub secure: bool,
    /// Idle lifetime of a session.
    pub session_idle: Duration,
    /// The SMTP relay confirmations go through; without it they are only
    /// shown and stored.
    pub mail: Option<mail::Mailer>,
    /// How many writes an anonymous visitor's address may send (event
    /// registrations, answers, declared links), on every node together.
    pub anonymous_writes: maillage_store::repo::rate_limits::Limit,
    /// Served behind a proxy that sets `X-Forwarded-For`: the client is the
    /// address it adds (otherwise the header is ignored, since anyone can
    /// send it).
    pub trust_forwarded_for: bool,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure: false,
            session_idle: Duration::from_hours(12),
            mail: None,
            anonymous_writes: bounds::default_anonymous_writes(),
            trust_forwarded_for: false,
        }
    }
}

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Store,
    pub config: WebConfig,
    /// This node's search index, fed from the change log.
    pub search: Arc<maillage_search::SearchIndex>,
    /// Networks already read and computed, by what they were read from.
    pub(crate) networks: network::NetworkCache,
    /// Bumped by every write request that succeeded (see [`count_writes`]).
    pub(crate) writes: std::sync::atomic::AtomicU64,
    /// Live rooms' fan-out: [`serve`] makes it hear the other nodes.
    pub live: Arc<maillage_app::live_hub::LiveHub>,
    /// The live rooms this node streams, each read once per change.
    pub(crate) live_feeds: live::stream::Feeds,
    /// The toolkits' activities, searched (rebuilt when they change).
    pub(crate) toolkit_search: toolkits::search::ToolkitSearch,
}

impl AppState {
    pub fn new(store: Store, config: WebConfig, search: Arc<maillage_search::SearchIndex>) -> Self {
        Self(Arc::new(Inner {
            live: maillage_app::live_hub::LiveHub::new(&store),
            live_feeds: live::stream::Feeds::default(),
            toolkit_search: toolkits::search::ToolkitSearch::default(),
            store,
            config,
            search,
            networks: network::NetworkCache::default(),
            writes: std::sync::atomic::AtomicU64::new(0),
        }))
    }
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

/// The whole application: pages, API, assets and the layers every request
/// goes through (outermost last).
pub fn app(state: AppState) -> Router {
    let trust_forwarded_for = state.config.trust_forwarded_for;
    let router = Router::new()
        .merge(dashboard::router())
        .merge(accounts::router())
        .merge(directory::router())
        .merge(plans::router())
        .merge(groupings::router())
        .merge(events::router())
        .merge(network::router())
        .merge(live::router())
        .merge(assessments::router())
        .merge(evaluations::router())
        .merge(toolkits::router())
        .merge(referrals::router())
        .merge(assets::router())
        .merge(style::router())
        .merge(api_docs::router())
        .merge(api::router())
        .fallback(error::not_found)
        .layer(middleware::from_fn_with_state(state.clone(), count_writes))
        // Innermost, so that a panic becomes an error that the layers
        // below render as a page with its id.
        .layer(CatchPanicLayer::custom(error::panic_response))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::csrf_guard,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::load_session,
        ))
        // Forms and JSON bodies; upload routes raise it for themselves.
        .layer(DefaultBodyLimit::max(bounds::FORM_BODY))
        // Inside `render_errors`, so that a refused body gets its page.
        .layer(RequestBodyLimitLayer::new(bounds::UPLOAD_BODY))
        .layer(middleware::from_fn(error::render_errors))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ));
    let router = if trust_forwarded_for {
        router.layer(middleware::from_fn(bounds::forwarded_client))
    } else {
        router
    };
    router
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(Level::INFO))
                .on_request(())
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Micros),
                ),
        )
        .with_state(state)
}

/// Counts the write requests that succeeded: what is cached from the
/// database in this process (the networks) is read again after one.
async fn count_writes(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let safe = request.method().is_safe();
    let response = next.run(request).await;
    if !safe && !response.status().is_client_error() && !response.status().is_server_error() {
        state
            .writes
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    response
}

/// Serves until `shutdown` resolves, then lets in-flight requests finish.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let purge = tokio::spawn(purge_sessions(state.clone()));
    let follower = search_sync::spawn_follower(state.store.clone(), state.search.clone());
    state.live.listen();
    // Changes made on other nodes once this one answers must reach its
    // streams: accept connections once it hears them (or gave up waiting,
    // the database being down: the listener goes on trying).
    if !state.live.listening(Duration::from_secs(5)).await {
        tracing::warn!("live changes of other nodes are not heard yet");
    }
    let live = state.live.clone();
    // Live streams never end by themselves: stopping the hub ends them, so
    // that the graceful shutdown does not wait for them.
    let stop_live = state.live.clone();
    let shutdown = async move {
        shutdown.await;
        stop_live.stop();
    };
    let result = axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await;
    purge.abort();
    follower.abort();
    live.stop();
    result
}

async fn purge_sessions(state: AppState) {
    let mut tick = tokio::time::interval(Duration::from_hours(1));
    loop {
        tick.tick().await;
        if let Err(e) =
            maillage_store::repo::sessions::purge_expired(&state.store, chrono::Utc::now()).await
        {
            tracing::warn!(error = %e, "could not purge expired sessions");
        }
    }
}

/// The OpenAPI document, as served at `/api/v1/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::openapi()
}
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
