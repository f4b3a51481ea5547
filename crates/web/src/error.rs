//! Errors: one type for every handler, rendered as a French (or English)
//! HTML page for pages and as `{"error": {"code", "message"}}` for the API.
//!
//! Handlers only say *what* went wrong; [`render_errors`] knows the request
//! (path, language, signed-in user) and picks the shape, so that framework
//! rejections (bad form, wrong method, body too large) get the same pages.

use std::any::Any;

use askama::Template;
impl From<maillage_app::plan_import::PlanImportError> for AppError {
    fn from(e: maillage_app::plan_import::PlanImportError) -> Self {
        use maillage_app::plan_import::PlanImportError as E;
        match e {
            E::Store(e) => e.into(),
            other => AppError::internal(other),
        }
    }
}

#[cfg(test)]
use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum_extra::extract::CookieJar;
use maillage_store::StoreError;

use crate::auth::RequestSession;
use crate::i18n::Lang;
use crate::page::Page;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid CSRF token")]
    Csrf,
    #[error("too many attempts")]
    TooManyRequests,
    /// A message key of the Fluent files.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Well-formed but refused by the rules (422); a message key.
    #[error("unprocessable: {0}")]
    Unprocessable(&'static str),
    /// Anything the visitor cannot fix; the cause (with its whole chain)
    /// goes to the log under an id the page shows, never to the visitor.
    #[error("internal error: {0}")]
    Internal(#[source] BoxError),
    /// A bad request whose message, already in the visitor's language,
    /// names the parameter and the value received (the directory API).
    #[error("bad request: {0}")]
    InvalidParameter(String),
    /// Nothing has the id asked for; the message, already in the visitor's
    /// language, says what was looked for (the directory API).
    #[error("not found: {0}")]
    NoSuch(String),
}

pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

impl AppError {
    /// An internal error keeping `cause` (and its sources) for the log.
    pub fn internal(cause: impl Into<BoxError>) -> Self {
        AppError::Internal(cause.into())
    }
}

/// The one mapping of store errors to HTTP: the conflicts a form can show
/// are matched by the handlers that show them; what reaches here unmatched
/// is a missing row (404) or a fault (500, cause kept).
impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            other => AppError::internal(other),
        }
    }
}

/// An event refused by its permission rules (`maillage_domain::events`).
impl From<maillage_domain::events::Denied> for AppError {
    fn from(d: maillage_domain::events::Denied) -> Self {
        use maillage_domain::events::Denied;
        match d {
            Denied::Unauthenticated => AppError::Unauthenticated,
            Denied::Forbidden => AppError::Forbidden,
            Denied::NotFound => AppError::NotFound,
        }
    }
}

/// The attendance-import use case's refusals.
impl From<maillage_app::attendance_import::AttendanceImportError> for AppError {
    fn from(e: maillage_app::attendance_import::AttendanceImportError) -> Self {
        use maillage_app::attendance_import::AttendanceImportError as E;
        match e {
            E::BadChoice => AppError::BadRequest("attendance-import-error-upload"),
            E::Store(e) => AppError::from(e),
            other => AppError::internal(other),
        }
    }
}

/// Live participation's refusals: 404, 409 for the state of things, 422
/// for the request.
impl From<maillage_store::repo::live::LiveError> for AppError {
    fn from(e: maillage_store::repo::live::LiveError) -> Self {
        use maillage_domain::live::AnswerError as A;
        use maillage_store::repo::live::LiveError as E;
        match e {
            E::NotFound => AppError::NotFound,
            E::Answer(A::Closed) => AppError::Conflict("live-error-closed"),
            E::AlreadyAnswered => AppError::Conflict("live-error-already-answered"),
            E::AlreadyVoted => AppError::Conflict("live-error-already-voted"),
            E::RoomClosed => AppError::Conflict("live-error-room-closed"),
            E::Answer(A::Empty) => AppError::Unprocessable("live-error-empty"),
            E::Answer(A::TooLong) => AppError::Unprocessable("live-error-too-long"),
            E::Answer(A::UnknownOption) => AppError::Unprocessable("live-error-unknown-option"),
            E::Answer(A::OneOption) => AppError::Unprocessable("live-error-one-option"),
            E::Answer(A::UnknownColumn) => AppError::Unprocessable("live-error-unknown-column"),
            E::Answer(A::OutOfScale) => AppError::Unprocessable("live-error-out-of-scale"),
            E::Answer(A::WrongShape) => AppError::Unprocessable("live-error-wrong-shape"),
            E::NoVotes => AppError::Unprocessable("live-error-no-votes"),
            E::Title => AppError::Unprocessable("live-error-title"),
            E::ForeignSession => AppError::Unprocessable("live-error-foreign-session"),
            E::ForeignTeam => AppError::Unprocessable("live-error-foreign-team"),
            E::TooManyActivities => AppError::Unprocessable("live-error-too-many-activities"),
            E::BadMerge => AppError::Unprocessable("live-error-bad-merge"),
            E::NotASticky => AppError::Unprocessable("live-error-not-a-sticky"),
            E::Store(e) => AppError::from(e),
        }
    }
}

/// An activity the coordinator wrote that the rules refuse (422).
impl From<maillage_domain::live::ActivityError> for AppError {
    fn from(e: maillage_domain::live::ActivityError) -> Self {
        AppError::Unprocessable(crate::live::activity_error_key(&e))
    }
}

/// `error` and each of its sources, outermost first, for the log.
fn cause_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// What went wrong, carried from the handler to [`render_errors`].
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    pub code: &'static str,
    pub message_key: &'static str,
    /// Set for internal errors: the id written in the log.
    pub id: Option<String>,
}

/// A message already written in the visitor's language, carried beside
/// [`ErrorInfo`] and shown instead of its `message_key`'s.
#[derive(Debug, Clone)]
struct WrittenMessage(String);

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::NoSuch(_) => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::BadRequest(_) | AppError::InvalidParameter(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn info(&self) -> ErrorInfo {
        let (code, message_key) = match self {
            AppError::NotFound | AppError::NoSuch(_) => ("not_found", "error-not-found"),
            AppError::Unauthenticated => ("unauthenticated", "error-unauthenticated"),
            AppError::Forbidden => ("forbidden", "error-forbidden"),
            AppError::Csrf => ("csrf", "error-csrf"),
            AppError::TooManyRequests => ("too_many_requests", "error-too-many-attempts"),
            AppError::BadRequest(key) => ("bad_request", *key),
            AppError::Conflict(key) => ("conflict", *key),
            AppError::Unprocessable(key) => ("unprocessable", *key),
            AppError::Internal(_) => ("internal", "error-internal"),
            AppError::InvalidParameter(_) => ("bad_request", "error-bad-request"),
        };
        ErrorInfo {
            code,
            message_key,
            id: None,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut info = self.info();
        if let AppError::Internal(cause) = &self {
            let id = maillage_domain::token::short_id();
            let chain = cause_chain(cause.as_ref());
            tracing::error!(error_id = %id, error = %chain, "internal error");
            info.id = Some(id);
        }
        let mut response = self.status().into_response();
        response.extensions_mut().insert(info);
        if let AppError::InvalidParameter(text) | AppError::NoSuch(text) = self {
            response.extensions_mut().insert(WrittenMessage(text));
        }
        response
    }
}

pub async fn not_found() -> AppError {
    AppError::NotFound
}

#[expect(
    clippy::needless_pass_by_value,
    reason = "the signature CatchPanicLayer::custom calls"
)]
pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_else(|| "panic".to_owned());
    AppError::internal(format!("panic: {detail}")).into_response()
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// Turns error responses into pages or JSON documents.
pub async fn render_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let path_and_query = request
        .uri()
        .path_and_query()
        .map_or_else(|| path.clone(), |p| p.as_str().to_owned());
    let is_get = request.method() == axum::http::Method::GET;
    let jar = CookieJar::from_headers(request.headers());
    let lang = Lang::from_jar(&jar);
    let response = next.run(request).await;
    let session = response.extensions().get::<RequestSession>().cloned();
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let info = match response.extensions().get::<ErrorInfo>() {
        Some(info) => info.clone(),
        // A response the app already rendered itself (a form shown again
        // with its messages) stays as it is.
        None if is_rendered(&response) => return response,
        None => framework_error(status),
    };
    let message = match response.extensions().get::<WrittenMessage>() {
        Some(WrittenMessage(text)) => text.clone(),
        None => lang.t(info.message_key),
    };
    if is_api(&path) {
        let body = serde_json::json!({
            "error": {"code": info.code, "message": message}
        });
        let mut r = (status, axum::Json(body)).into_response();
        copy_retry_after(&response, &mut r);
        return r;
    }
    if status == StatusCode::UNAUTHORIZED {
        // A page that needs an account says so and offers to sign in (then
        // come back), rather than sending the visitor away silently.
        let expired = session.as_ref().is_some_and(|s| s.expired);
        let mut target = format!("/connexion?suivant={}", url_escape(&path_and_query));
        if !is_get {
            // Coming back to a form's action after signing in would be a GET
            // on a POST-only route: sign in, then go home.
            "/connexion?suivant=/".clone_into(&mut target);
        }
        if expired {
            target.push_str("&raison=expiree");
        }
        let page = Page::for_error(lang, session, &path_and_query);
        let html = SignInRequiredPage {
            p: &page,
            target,
            expired,
            is_get,
        }
        .render()
        .unwrap_or(message);
        return (status, Html(html)).into_response();
    }
    let page = Page::for_error(lang, session, &path_and_query);
    let html = ErrorPage {
        p: &page,
        status: status.as_u16(),
        title: lang.t(&format!("error-title-{}", status.as_u16())),
        message: message.clone(),
        id: info.id,
    }
    .render()
    .unwrap_or(message);
    let mut r = (status, Html(html)).into_response();
    copy_retry_after(&response, &mut r);
    r
}

fn copy_retry_after(from: &Response, to: &mut Response) {
    if let Some(v) = from.headers().get(header::RETRY_AFTER) {
        to.headers_mut().insert(header::RETRY_AFTER, v.clone());
    }
}

fn is_rendered(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"))
}

fn framework_error(status: StatusCode) -> ErrorInfo {
    let (code, message_key) = match status {
        StatusCode::NOT_FOUND => ("not_found", "error-not-found"),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "error-method-not-allowed"),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload_too_large", "error-payload-too-large"),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", "error-bad-request"),
        StatusCode::FORBIDDEN => ("forbidden", "error-forbidden"),
        s if s.is_server_error() => ("internal", "error-internal"),
        _ => ("bad_request", "error-bad-request"),
    };
    ErrorInfo {
        code,
        message_key,
        id: None,
    }
}

/// Percent-encodes a local path for a query value (`/` kept; see
/// [`maillage_domain::percent`]).
pub fn url_escape(s: &str) -> String {
    maillage_domain::percent::encode_path(s)
}

/// What a signed-out visitor sees on a page that needs an account.
#[derive(Template)]
#[template(path = "sign_in_required.html")]
struct SignInRequiredPage<'a> {
    p: &'a Page,
    /// The sign-in page, coming back here afterwards.
    target: String,
    expired: bool,
    is_get: bool,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    p: &'a Page,
    status: u16,
    title: String,
    message: String,
    id: Option<String>,
}

#[cfg(test)]
mod tests {
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    use axum::Router;
    use axum::body::to_bytes;
    use axum::http::Request;
    use axum::routing::get;
    use tower::ServiceExt;
    use tower_http::catch_panic::CatchPanicLayer;

    use super::*;

    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    async fn boom() -> &'static str {
        panic!("la base est partie en vacances")
    }

    fn app() -> Router {
        Router::new()
            .route("/boom", get(boom))
            .route("/api/v1/boom", get(boom))
            .layer(CatchPanicLayer::custom(panic_response))
            .layer(axum::middleware::from_fn(render_errors))
    }

    async fn body_of(r: Response) -> String {
        String::from_utf8(to_bytes(r.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap()
    }

    #[tokio::test]
    async fn internal_errors_show_an_id_that_is_in_the_log() {
        let log = Captured::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);

        let r = app()
            .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let html = body_of(r).await;
        assert!(html.contains("Erreur interne"), "{html}");
        let start = html.find("<code>").unwrap() + "<code>".len();
        let id = &html[start..start + 12];
        let logged = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        assert!(logged.contains(id), "the id {id} is in the log: {logged}");
        assert!(logged.contains("la base est partie en vacances"));

        let r = app()
            .oneshot(Request::get("/api/v1/boom").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let json: serde_json::Value = serde_json::from_str(&body_of(r).await).unwrap();
        assert_eq!(json["error"]["code"], "internal");
    }

    #[test]
    fn url_escape_keeps_paths_readable() {
        assert_eq!(
            url_escape("/admin/utilisateurs?x=1&y=é"),
            "/admin/utilisateurs%3Fx%3D1%26y%3D%C3%A9"
        );
    }
}
