//! Sessions, CSRF and the one place where access is decided.
//!
//! [`load_session`] resolves the session cookie, or under `/api/v1` an
//! `Authorization: Bearer` API token, once per request; [`csrf_guard`]
//! refuses every state-changing request whose token does not match (a
//! bearer request carries no cookie, so it needs none); handlers ask for [`CurrentUser`] or [`Authorized`], which call
//! [`maillage_domain::Principal::allows`] — no handler checks roles itself.

use std::marker::PhantomData;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Extensions, HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use chrono::Utc;
use maillage_domain::{Permission, Principal, token};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::{accounts, api_tokens, sessions};
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;

pub const SESSION_COOKIE: &str = "maillage_session";
pub const CSRF_COOKIE: &str = "maillage_csrf";
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// A signed-in account, resolved from its session.
#[derive(Debug)]
pub struct SignedIn {
    pub view: accounts::UserView,
    pub principal: Principal,
    /// Digest of the session token (the session's primary key); empty
    /// when the request came with an API token.
    pub session_id: String,
    /// The API token the request came with, if any.
    pub api_token: Option<Uuid>,
}

/// What [`load_session`] found, available to every handler.
#[derive(Debug, Clone)]
pub struct RequestSession {
    /// The token forms must send back.
    pub csrf: String,
    pub user: Option<Arc<SignedIn>>,
    /// A session cookie was sent but its session has ended.
    pub expired: bool,
    /// The account was named by a valid API token, not by a cookie.
    pub bearer: bool,
}

pub fn session_cookie(state: &AppState, token: String) -> Cookie<'static> {
    let max_age = time_duration(state.config.session_idle);
    Cookie::build((SESSION_COOKIE, token))
        .path("/")
        .http_only(true)
        .secure(state.config.secure)
        .same_site(SameSite::Lax)
        .max_age(max_age)
        .build()
}

fn time_duration(d: std::time::Duration) -> time::Duration {
    time::Duration::seconds(i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn removal(name: &'static str) -> Cookie<'static> {
    Cookie::build((name, "")).path("/").build()
}

pub async fn load_session(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if is_api_v1(request.uri().path())
        && let Some(presented) = bearer_token(request.headers())
    {
        // The request itself is not `Sync`: only what the lookup needs
        // crosses the await.
        let ip = client_ip(request.extensions());
        let safe = is_safe(request.method());
        let session = match bearer_session(&state, &presented, &ip, safe).await {
            Ok(session) => session,
            Err(refused) => return refused,
        };
        request.extensions_mut().insert(session.clone());
        let mut response = next.run(request).await;
        response.extensions_mut().insert(session);
        return response;
    }
    let jar = CookieJar::from_headers(request.headers());
    let mut set_cookies: Vec<Cookie<'static>> = Vec::new();
    let mut expired = false;
    let mut user = None;

    if let Some(cookie) = jar.get(SESSION_COOKIE) {
        let digest = token::digest(cookie.value());
        let now = Utc::now();
        match sessions::lookup(&state.store, &digest, now).await {
            Ok(sessions::Lookup::Live(found)) => {
                let (session, _) = *found;
                match accounts::view(&state.store, session.user_id).await {
                    Ok(Some(view)) => {
                        if now - session.last_seen_at > chrono::Duration::seconds(60) {
                            let idle = chrono::Duration::from_std(state.config.session_idle)
                                .unwrap_or(chrono::Duration::hours(12));
                            if let Err(e) =
                                sessions::touch(&state.store, &digest, now, now + idle).await
                            {
                                tracing::warn!(error = %e, "could not extend session");
                            }
                        }
                        let principal = view.principal();
                        user = Some((
                            session.csrf_token,
                            Arc::new(SignedIn {
                                view,
                                principal,
                                session_id: digest,
                                api_token: None,
                            }),
                        ));
                    }
                    Ok(None) => expired = true,
                    Err(e) => return AppError::from(e).into_response(),
                }
            }
            Ok(sessions::Lookup::Expired | sessions::Lookup::Unknown) => {
                expired = true;
                set_cookies.push(removal(SESSION_COOKIE));
            }
            Err(e) => return AppError::from(e).into_response(),
        }
    }

    let session = if let Some((csrf, signed_in)) = user {
        RequestSession {
            csrf,
            user: Some(signed_in),
            expired: false,
            bearer: false,
        }
    } else {
        let csrf = match jar.get(CSRF_COOKIE) {
            Some(c) if c.value().len() == 64 => c.value().to_owned(),
            _ => {
                let fresh = token::new_token();
                set_cookies.push(
                    Cookie::build((CSRF_COOKIE, fresh.clone()))
                        .path("/")
                        .http_only(true)
                        .secure(state.config.secure)
                        .same_site(SameSite::Strict)
                        .build(),
                );
                fresh
            }
        };
        RequestSession {
            csrf,
            user: None,
            expired,
            bearer: false,
        }
    };
    request.extensions_mut().insert(session.clone());
    let mut response = next.run(request).await;
    // Error pages are rendered further out and need to know who is asking.
    response.extensions_mut().insert(session);
    for c in set_cookies {
        if let Ok(v) = c.encoded().to_string().parse() {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// Only the JSON API takes API tokens: pages keep to cookies, so a token
/// pasted into a browser extension cannot drive the HTML forms.
fn is_api_v1(path: &str) -> bool {
    path == "/api/v1" || path.starts_with("/api/v1/")
}

/// The token of an `Authorization: Bearer …` header (the scheme is
/// case-insensitive); other schemes are not ours and are ignored.
fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, rest) = value.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| rest.trim().to_owned())
}

/// The account an API token names; an unknown, revoked or expired token
/// (or one whose account was deactivated) is refused with 401 rather than
/// served anonymously, so that a script notices; a `read` token is refused
/// with 403 on anything but a safe method.
async fn bearer_session(
    state: &AppState,
    presented: &str,
    ip: &str,
    safe_method: bool,
) -> Result<RequestSession, Response> {
    let found = api_tokens::authenticate(&state.store, &token::digest(presented), ip, Utc::now())
        .await
        .map_err(|e| AppError::from(e).into_response())?
        .ok_or_else(|| AppError::Unauthenticated.into_response())?;
    if !found.scope.allows_method(safe_method) {
        return Err(AppError::Forbidden.into_response());
    }
    let view = accounts::view(&state.store, found.user_id)
        .await
        .map_err(|e| AppError::from(e).into_response())?
        .ok_or_else(|| AppError::Unauthenticated.into_response())?;
    let principal = view.principal();
    Ok(RequestSession {
        csrf: String::new(),
        user: Some(Arc::new(SignedIn {
            view,
            principal,
            session_id: String::new(),
            api_token: Some(found.token_id),
        })),
        expired: false,
        bearer: true,
    })
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Form bodies are buffered up to this size to read their token.
const FORM_LIMIT: usize = crate::bounds::FORM_BODY;
/// File uploads are buffered up to this size to read their `csrf` field.
const UPLOAD_LIMIT: usize = crate::bounds::UPLOAD_BODY;

pub async fn csrf_guard(request: Request, next: Next) -> Response {
    if is_safe(request.method()) {
        return next.run(request).await;
    }
    // A bearer token is sent by a script, never added by a browser on its
    // own, so a forged cross-site request cannot carry one.
    if request
        .extensions()
        .get::<RequestSession>()
        .is_some_and(|s| s.bearer)
    {
        return next.run(request).await;
    }
    // Live participants act as their participant token, never as the
    // session: see `crate::live::is_participant_request` for why no
    // cross-site page can send what lets these through.
    if crate::live::is_participant_request(request.uri().path(), request.headers()) {
        return next.run(request).await;
    }
    // A token in the URL lands in logs and Referer headers: never accepted,
    // so that no form is tempted to put it there.
    if request
        .uri()
        .query()
        .and_then(|q| form_urlencoded_token(q.as_bytes()))
        .is_some()
    {
        return AppError::Csrf.into_response();
    }
    let expected = request
        .extensions()
        .get::<RequestSession>()
        .map(|s| s.csrf.clone())
        .unwrap_or_default();
    let matches = |sent: Option<String>| {
        sent.is_some_and(|sent| !expected.is_empty() && token::same(&sent, &expected))
    };
    if let Some(sent) = header_token(request.headers()) {
        return if matches(Some(sent)) {
            next.run(request).await
        } else {
            AppError::Csrf.into_response()
        };
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let is_upload = content_type.starts_with("multipart/form-data");
    let is_form = content_type.starts_with("application/x-www-form-urlencoded");
    if !is_form && !is_upload {
        return AppError::Csrf.into_response();
    }
    let (parts, body) = request.into_parts();
    let limit = if is_upload { UPLOAD_LIMIT } else { FORM_LIMIT };
    let Ok(bytes) = to_bytes(body, limit).await else {
        return axum::http::StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let sent = if is_upload {
        multipart_token(&parts.headers, bytes.clone()).await
    } else {
        form_urlencoded_token(&bytes)
    };
    if matches(sent) {
        // The handler reads the same bytes, unchanged.
        next.run(Request::from_parts(parts, Body::from(bytes)))
            .await
    } else {
        AppError::Csrf.into_response()
    }
}

/// The `csrf` field of a multipart body (a file upload's form puts it
/// before the file, but any position is read).
async fn multipart_token(headers: &HeaderMap, bytes: axum::body::Bytes) -> Option<String> {
    use axum::extract::FromRequest;
    let mut copy = Request::new(Body::from(bytes));
    *copy.headers_mut() = headers.clone();
    let mut multipart = axum::extract::Multipart::from_request(copy, &())
        .await
        .ok()?;
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.name() == Some(CSRF_FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

fn header_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

fn form_urlencoded_token(body: &[u8]) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == CSRF_FIELD)
        .map(|(_, v)| v)
}

/// The client's address, for rate limits and the audit log.
#[derive(Debug, Clone)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(client_ip(&parts.extensions)))
    }
}

fn client_ip(extensions: &Extensions) -> String {
    extensions.get::<ConnectInfo<SocketAddr>>().map_or_else(
        || "unknown".to_owned(),
        |ConnectInfo(addr)| addr.ip().to_string(),
    )
}

/// A signed-in account; anonymous requests are sent to the login page
/// (pages) or answered 401 (API).
#[derive(Debug, Clone)]
pub struct CurrentUser(pub Arc<SignedIn>);

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let signed_in = parts
            .extensions
            .get::<RequestSession>()
            .and_then(|s| s.user.clone())
            .ok_or_else(|| AppError::Unauthenticated.into_response())?;
        // An invited account must replace its one-time password first.
        let path = parts.uri.path();
        if signed_in.view.user.must_change_password
            && !path.starts_with("/profil")
            && !path.starts_with("/api/")
        {
            return Err(Redirect::to("/profil?ok=flash-change-one-time-password").into_response());
        }
        Ok(CurrentUser(signed_in))
    }
}

/// A permission a route requires.
pub trait Policy {
    const PERMISSION: Permission;
}

pub struct UseApp;
impl Policy for UseApp {
    const PERMISSION: Permission = Permission::UseApp;
}

pub struct ManageUsers;
impl Policy for ManageUsers {
    const PERMISSION: Permission = Permission::ManageUsers;
}

pub struct EditDirectory;
impl Policy for EditDirectory {
    const PERMISSION: Permission = Permission::EditDirectory;
}

pub struct ProposeDirectoryEdit;
impl Policy for ProposeDirectoryEdit {
    const PERMISSION: Permission = Permission::ProposeDirectoryEdit;
}

/// A signed-in account that holds `P`'s permission; others get 403.
#[derive(Debug)]
pub struct Authorized<P>(pub Arc<SignedIn>, PhantomData<P>);

impl<P> Authorized<P> {
    pub fn user(&self) -> &SignedIn {
        &self.0
    }
}

impl<S: Send + Sync, P: Policy> FromRequestParts<S> for Authorized<P> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if user.principal.allows(P::PERMISSION, None) {
            Ok(Authorized(user, PhantomData))
        } else {
            Err(AppError::Forbidden.into_response())
        }
    }
}

/// The signed-in account, if any, for pages that anyone may read but that
/// show more to some (which buttons appear, never what is allowed: the
/// routes behind the buttons ask `Authorized`).
pub struct Visitor(pub Option<Arc<SignedIn>>);

impl Visitor {
    pub fn may(&self, permission: Permission) -> bool {
        self.0
            .as_ref()
            .is_some_and(|u| u.principal.allows(permission, None))
    }

    /// Whether the account represents the organization `id` and may
    /// propose edits to it.
    pub fn represents(&self, id: &str) -> bool {
        self.0.as_ref().is_some_and(|u| {
            u.view.user.organization_id.as_deref() == Some(id)
                && u.principal.allows(Permission::ProposeDirectoryEdit, None)
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Visitor(
            parts
                .extensions
                .get::<RequestSession>()
                .and_then(|s| s.user.clone()),
        ))
    }
}

/// Who did it, for the audit log.
pub fn actor(user: &SignedIn, ip: &ClientIp) -> Actor {
    Actor {
        user_id: Some(user.view.user.id),
        ip: Some(ip.0.clone()),
    }
}
