//! Signing in (with the lock on repeated failures) and out.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use chrono::Utc;
use maillage_domain::redirect::safe_local_target;
use maillage_domain::{Email, password, token};
use maillage_store::entity::user;
use maillage_store::repo::audit::{self, Actor};
use maillage_store::repo::{accounts, sessions};
use serde::Deserialize;
use serde_json::json;

use crate::AppState;
use crate::auth::{ClientIp, CurrentUser, SESSION_COOKIE, actor, session_cookie};
use crate::error::AppError;
use crate::page::Page;

#[derive(Template, WebTemplate)]
#[template(path = "accounts/login.html")]
pub(super) struct LoginPage {
    p: Page,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct LoginQuery {
    suivant: Option<String>,
    raison: Option<String>,
}

pub(super) async fn show_login(p: Page, Query(q): Query<LoginQuery>) -> Response {
    if p.viewer.is_some() {
        return Redirect::to(&safe_local_target(q.suivant.as_deref())).into_response();
    }
    let notice = (q.raison.as_deref() == Some("expiree")).then(|| p.t("login-session-expired"));
    LoginPage {
        next: safe_local_target(q.suivant.as_deref()),
        email: String::new(),
        error: None,
        notice,
        p,
    }
    .into_response()
}

#[derive(Deserialize)]
pub(super) struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    suivant: Option<String>,
}

impl LoginPage {
    /// The sign-in form shown again with `key`'s message and `status`.
    fn refused(p: Page, next: String, email: &str, key: &str, status: StatusCode) -> Response {
        let error = Some(p.t(key));
        let page = LoginPage {
            email: email.chars().take(254).collect(),
            next,
            error,
            notice: None,
            p,
        };
        (status, page).into_response()
    }
}

/// Whether `password` is the account's (the same work for an unknown
/// account); hashing is slow on purpose, so it runs off the async workers.
pub(super) async fn password_matches(
    user: Option<&user::Model>,
    password: String,
) -> Result<bool, AppError> {
    let stored = user.map_or_else(
        || password::dummy_hash().to_owned(),
        |u| u.password_hash.clone(),
    );
    tokio::task::spawn_blocking(move || password::verify(&password, &stored))
        .await
        .map_err(AppError::internal)
}

/// Records a refused attempt (failure or lock) and audits it.
pub(super) async fn record_refusal(
    state: &AppState,
    email: &Email,
    ip: &str,
    action: &str,
    detail: Option<serde_json::Value>,
) -> Result<(), AppError> {
    sessions::record_attempt(&state.store, email.as_str(), ip, false).await?;
    let system = Actor {
        user_id: None,
        ip: Some(ip.to_owned()),
    };
    audit::record(
        state.store.conn(),
        &system,
        action,
        Some(email.to_string()),
        detail,
    )
    .await?;
    Ok(())
}

/// Records the successful attempt with `email` and opens a session for
/// `user` (ending the one the browser had); returns its token.
pub(super) async fn open_session(
    state: &AppState,
    (email, user): (&Email, &user::Model),
    ip: String,
    jar: &CookieJar,
    headers: &HeaderMap,
) -> Result<String, AppError> {
    sessions::record_attempt(&state.store, email.as_str(), &ip, true).await?;
    if let Some(old) = jar.get(SESSION_COOKIE) {
        sessions::delete(&state.store, &token::digest(old.value())).await?;
    }
    let session_token = token::new_token();
    sessions::create(
        &state.store,
        sessions::NewSession {
            id: token::digest(&session_token),
            user_id: user.id,
            csrf_token: token::new_token(),
            ttl: chrono::Duration::from_std(state.config.session_idle)
                .unwrap_or(chrono::Duration::hours(12)),
            ip: Some(ip.clone()),
            user_agent: headers
                .get(header::USER_AGENT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned),
        },
    )
    .await?;
    accounts::mark_login(&state.store, user.id, Utc::now()).await?;
    let who = Actor {
        user_id: Some(user.id),
        ip: Some(ip),
    };
    audit::record(
        state.store.conn(),
        &who,
        "login.success",
        Some(user.email.clone()),
        None,
    )
    .await?;
    Ok(session_token)
}

pub(super) async fn create_session(
    State(state): State<AppState>,
    p: Page,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = safe_local_target(form.suivant.as_deref());
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(e) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(LoginPage::refused(
                p,
                next,
                &form.email,
                e.message_key(),
                status,
            ));
        }
    };
    let lock = password::SIGN_IN_LOCK;
    let (by_email, by_ip) = sessions::recent_failures(
        &state.store,
        email.as_str(),
        &ip,
        lock.counted_since(Utc::now()),
    )
    .await?;
    if lock.is_locked(by_email, by_ip) {
        record_refusal(&state, &email, &ip, "login.rate_limited", None).await?;
        let key = "error-too-many-attempts";
        let status = StatusCode::TOO_MANY_REQUESTS;
        let mut r = LoginPage::refused(p, next, email.as_str(), key, status);
        r.headers_mut().insert(
            header::RETRY_AFTER,
            header::HeaderValue::from(lock.retry_after_seconds()),
        );
        return Ok(r);
    }
    let user = accounts::find_by_email(state.store.conn(), &email).await?;
    let matches = password_matches(user.as_ref(), form.password).await?;
    let user = match user {
        Some(u) if matches && u.active => u,
        other => {
            let detail =
                other.map(|u| json!({"reason": if u.active { "password" } else { "inactive" }}));
            record_refusal(&state, &email, &ip, "login.failure", detail).await?;
            let status = StatusCode::UNAUTHORIZED;
            let key = "error-login-failed";
            return Ok(LoginPage::refused(p, next, email.as_str(), key, status));
        }
    };
    let session_token = open_session(&state, (&email, &user), ip, &jar, &headers).await?;
    let jar = jar.add(session_cookie(&state, session_token));
    Ok((jar, Redirect::to(&next)).into_response())
}

pub(super) async fn delete_session(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ip: ClientIp,
    jar: CookieJar,
) -> Result<Response, AppError> {
    sessions::delete(&state.store, &user.session_id).await?;
    audit::record(
        state.store.conn(),
        &actor(&user, &ip),
        "logout",
        Some(user.view.user.email.clone()),
        None,
    )
    .await?;
    let jar = jar.remove(Cookie::build(SESSION_COOKIE).path("/"));
    Ok((jar, Redirect::to("/connexion?ok=flash-logged-out")).into_response())
}
