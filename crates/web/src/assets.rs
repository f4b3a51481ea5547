//! Static files compiled into the binary (no build step, no CDN).

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use crate::AppState;
use crate::error::AppError;

const CSS: &str = include_str!("../static/maillage.css");
const HTMX: &str = include_str!("../static/vendor/htmx.min.js");
const NETWORK_JS: &str = include_str!("../static/network.js");

pub fn router() -> Router<AppState> {
    Router::new().route("/static/{*file}", get(show_asset))
}

async fn show_asset(Path(file): Path<String>) -> Result<Response, AppError> {
    let (body, content_type) = match file.as_str() {
        "maillage.css" => (CSS, "text/css; charset=utf-8"),
        "vendor/htmx.min.js" => (HTMX, "text/javascript; charset=utf-8"),
        "network.js" => (NETWORK_JS, "text/javascript; charset=utf-8"),
        _ => return Err(AppError::NotFound),
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
