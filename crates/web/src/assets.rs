//! Static files compiled into the binary (no build step, no CDN).

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;
use crate::error::AppError;

/// Every file under `/static/`, by its path there: body and content type.
const FILES: &[(&str, &[u8], &str)] = &[
    (
        "maillage.css",
        include_bytes!("../static/maillage.css"),
        "text/css; charset=utf-8",
    ),
    (
        "network.js",
        include_bytes!("../static/network.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "live.js",
        include_bytes!("../static/live.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "api-docs.js",
        include_bytes!("../static/api-docs.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "manifest.webmanifest",
        include_bytes!("../static/manifest.webmanifest"),
        "application/manifest+json",
    ),
    (
        "vendor/htmx.min.js",
        include_bytes!("../static/vendor/htmx.min.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "vendor/swagger-ui-bundle.js",
        include_bytes!("../static/vendor/swagger-ui-bundle.js"),
        "text/javascript; charset=utf-8",
    ),
    (
        "vendor/swagger-ui.css",
        include_bytes!("../static/vendor/swagger-ui.css"),
        "text/css; charset=utf-8",
    ),
    (
        "icons/favicon.svg",
        include_bytes!("../static/icons/favicon.svg"),
        "image/svg+xml",
    ),
    (
        "icons/favicon.ico",
        include_bytes!("../static/icons/favicon.ico"),
        "image/x-icon",
    ),
    (
        "icons/icon-192.png",
        include_bytes!("../static/icons/icon-192.png"),
        "image/png",
    ),
    (
        "icons/icon-512.png",
        include_bytes!("../static/icons/icon-512.png"),
        "image/png",
    ),
    (
        "icons/icon-maskable-512.png",
        include_bytes!("../static/icons/icon-maskable-512.png"),
        "image/png",
    ),
    (
        "icons/apple-touch-icon.png",
        include_bytes!("../static/icons/apple-touch-icon.png"),
        "image/png",
    ),
];

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/static/{*file}", get(show_asset))
        // Browsers ask for these at the root whatever the page links.
        .route("/favicon.ico", get(show_favicon))
        .route("/apple-touch-icon.png", get(show_touch_icon))
}

async fn show_asset(Path(file): Path<String>) -> Result<Response, AppError> {
    asset(&file)
}

async fn show_favicon() -> Result<Response, AppError> {
    asset("icons/favicon.ico")
}

async fn show_touch_icon() -> Result<Response, AppError> {
    asset("icons/apple-touch-icon.png")
}

fn asset(file: &str) -> Result<Response, AppError> {
    let Some(&(_, body, content_type)) = FILES.iter().find(|(name, _, _)| *name == file) else {
        return Err(AppError::NotFound);
    };
    let mut response = body.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // URLs carry the version (`?v=`), so browsers may keep files a day.
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(response)
}
