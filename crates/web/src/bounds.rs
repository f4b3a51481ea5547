//! What a request may weigh: field bounds (from `maillage_domain::limits`)
//! as messages, the body size per kind of route, and the limit on how often
//! an anonymous visitor may write.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use maillage_domain::limits::Field;
use maillage_store::repo::rate_limits::{self, Limit};

use crate::AppState;
use crate::auth::{ClientIp, RequestSession};
use crate::error::{AppError, ErrorInfo};
use crate::forms::FieldErrors;
use crate::i18n::Lang;

/// Body of a form or a JSON document: the longest fields of the longest
/// form (a bilan section of 20,000 characters, percent-encoded as up to 9
/// bytes each) fit several times over.
pub const FORM_BODY: usize = 1024 * 1024;
/// Body of an upload (a plan file, an attendance grid).
pub const UPLOAD_BODY: usize = 32 * 1024 * 1024;

/// The body limit of an upload route (the others get [`FORM_BODY`]).
pub fn upload_limit() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(UPLOAD_BODY)
}

/// The message key of a value over its bound.
#[must_use]
pub fn too_long_key(field: Field) -> &'static str {
    match field {
        Field::Name => "error-name-too-long",
        Field::Email => "error-email-too-long",
        Field::ShortText => "error-short-text-too-long",
        Field::LongText => "error-long-text-too-long",
        Field::Document => "error-document-too-long",
    }
}

/// Adds a message for `name` when `value` is over the bound of `field`;
/// `true` when it is.
pub fn check_field(
    errors: &mut FieldErrors,
    lang: Lang,
    name: &'static str,
    field: Field,
    value: &str,
) -> bool {
    match field.check(value) {
        Ok(()) => false,
        Err(e) => {
            errors.push(name, lang.t(too_long_key(e.field)));
            true
        }
    }
}

/// `value` cut to its bound, to show a refused form again without sending
/// back megabytes.
pub fn shown(value: &mut String, field: Field) {
    if maillage_domain::limits::exceeds(value, field.max_chars()) {
        *value = value.chars().take(field.max_chars()).collect();
    }
}

/// The bucket anonymous writes are counted in.
const ANONYMOUS_WRITE: &str = "anonymous-write";

/// Admits an anonymous visitor's write within the limit of its address
/// (`WebConfig::anonymous_writes`); signed-in accounts are not limited.
/// Over the limit: 429 with `Retry-After`, before the body is read.
#[derive(Debug, Clone, Copy)]
pub struct AnonymousWrite;

impl FromRequestParts<AppState> for AnonymousWrite {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let signed_in = parts
            .extensions
            .get::<RequestSession>()
            .is_some_and(|s| s.user.is_some());
        if signed_in {
            return Ok(AnonymousWrite);
        }
        let ClientIp(ip) = ClientIp::from_request_parts(parts, state)
            .await
            .unwrap_or_else(|never| match never {});
        let admitted = rate_limits::admit(
            &state.store,
            ANONYMOUS_WRITE,
            &ip,
            state.config.anonymous_writes,
            chrono::Utc::now(),
        )
        .await
        .map_err(|e| AppError::from(e).into_response())?;
        match admitted {
            Ok(()) => Ok(AnonymousWrite),
            Err(wait) => Err(too_many_writes(wait)),
        }
    }
}

fn too_many_writes(wait: chrono::Duration) -> Response {
    let seconds = u64::try_from(wait.num_seconds()).unwrap_or(1).max(1);
    let mut r = StatusCode::TOO_MANY_REQUESTS.into_response();
    r.headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    r.extensions_mut().insert(ErrorInfo {
        code: "too_many_requests",
        message_key: "error-too-many-writes",
        id: None,
    });
    r
}

/// The default limit: a venue's shared address may still send a room's
/// evaluation answers at once, a script may not fill an event.
#[must_use]
pub fn default_anonymous_writes() -> Limit {
    Limit {
        max: 100,
        window: chrono::Duration::minutes(10),
    }
}

/// Behind a trusted proxy (`WebConfig::trust_forwarded_for`): the client
/// is the last address of `X-Forwarded-For`, the one the proxy added.
pub async fn forwarded_client(mut request: Request, next: Next) -> Response {
    let forwarded = request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse::<IpAddr>().ok())
        .next_back();
    if let Some(ip) = forwarded {
        request
            .extensions_mut()
            .insert(ConnectInfo(SocketAddr::new(ip, 0)));
    }
    next.run(request).await
}
