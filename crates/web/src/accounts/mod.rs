//! Sign-in, sign-out, the profile and the administration of accounts.

use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use chrono::Utc;
use maillage_domain::ids::{ApiTokenId, UserId};
use maillage_domain::redirect::safe_local_target;
use maillage_domain::{Email, Role, password, token};
use maillage_store::StoreError;
use maillage_store::entity::{api_token, grouping, user};
use maillage_store::repo::audit::{self, Actor};
use maillage_store::repo::{accounts, api_tokens, groupings, sessions};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::AppState;
use crate::auth::{
    Authorized, ClientIp, CurrentUser, ManageUsers, SESSION_COOKIE, SignedIn, session_cookie,
};
use crate::error::AppError;
use crate::extract::Id;
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/connexion", get(show_login).post(create_session))
        .route("/deconnexion", post(delete_session))
        .route("/profil", get(show_profile))
        .route("/profil/mot-de-passe", post(update_password))
        .route("/profil/jetons", post(create_token))
        .route("/profil/jetons/{token}/nom", post(update_token_name))
        .route("/profil/jetons/{token}/revoquer", post(delete_token))
        .route("/admin/utilisateurs", get(list_users).post(create_user))
        .route("/admin/utilisateurs/{user}/role", post(update_role))
        .route("/admin/utilisateurs/{user}/desactiver", post(delete_user))
        .route(
            "/admin/utilisateurs/{user}/activer",
            post(update_user_active),
        )
}

/// An account an administrator manages (`ManageUsers`): 401 anonymous, 403
/// for anyone else, then 404 when unknown.
pub struct ManagedAccount {
    pub account: user::Model,
    pub admin: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ManagedAccount {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let admin = Authorized::<ManageUsers>::from_request_parts(parts, state)
            .await?
            .0;
        let Id(id) = Id::<UserId>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let account = accounts::find_by_id(&state.store, id.uuid())
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .ok_or_else(|| AppError::NotFound.into_response())?;
        Ok(ManagedAccount { account, admin })
    }
}

/// One of the signed-in account's own API tokens: 401 anonymous, 404 when
/// unknown or another account's.
pub struct OwnToken {
    pub token: api_token::Model,
    pub user: Arc<SignedIn>,
}

impl OwnToken {
    /// The token `id` of the signed-in account, whatever the path names it.
    pub async fn load(
        parts: &mut Parts,
        state: &AppState,
        id: ApiTokenId,
    ) -> Result<Self, Response> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        let token = api_tokens::find_own(&state.store, user.view.user.id, id.uuid())
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .ok_or_else(|| AppError::NotFound.into_response())?;
        Ok(OwnToken { token, user })
    }
}

impl FromRequestParts<AppState> for OwnToken {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        // Signed in first: an anonymous visitor is sent to sign in even
        // with a malformed id.
        CurrentUser::from_request_parts(parts, state).await?;
        let Id(id) = Id::<ApiTokenId>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        OwnToken::load(parts, state, id).await
    }
}

/// Failed sign-ins allowed in the window, per account and per address.
const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
const MAX_FAILURES_PER_IP: u64 = 20;
const FAILURE_WINDOW_MINUTES: i64 = 15;

const MAX_DISPLAY_NAME: usize = 120;

fn actor(user: &SignedIn, ip: &ClientIp) -> Actor {
    Actor {
        user_id: Some(user.view.user.id),
        ip: Some(ip.0.clone()),
    }
}

// ---------- sign in and out ----------

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginPage {
    p: Page,
    email: String,
    next: String,
    error: Option<String>,
    notice: Option<String>,
}

#[derive(Deserialize)]
struct LoginQuery {
    suivant: Option<String>,
    raison: Option<String>,
}

async fn show_login(p: Page, Query(q): Query<LoginQuery>) -> Response {
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
struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    suivant: Option<String>,
}

async fn create_session(
    State(state): State<AppState>,
    p: Page,
    ClientIp(ip): ClientIp,
    jar: CookieJar,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = safe_local_target(form.suivant.as_deref());
    let refuse = |p: Page, status: StatusCode, key: &str, email: &str| {
        let error = Some(p.t(key));
        let page = LoginPage {
            email: email.chars().take(254).collect(),
            next: next.clone(),
            error,
            notice: None,
            p,
        };
        (status, page).into_response()
    };
    let email = match Email::parse(&form.email) {
        Ok(e) => e,
        Err(e) => {
            return Ok(refuse(
                p,
                StatusCode::UNPROCESSABLE_ENTITY,
                e.message_key(),
                &form.email,
            ));
        }
    };
    let since = Utc::now() - chrono::Duration::minutes(FAILURE_WINDOW_MINUTES);
    let (by_email, by_ip) =
        sessions::recent_failures(&state.store, email.as_str(), &ip, since).await?;
    let system = Actor {
        user_id: None,
        ip: Some(ip.clone()),
    };
    if by_email >= MAX_FAILURES_PER_ACCOUNT || by_ip >= MAX_FAILURES_PER_IP {
        sessions::record_attempt(&state.store, email.as_str(), &ip, false).await?;
        audit::record(
            state.store.conn(),
            &system,
            "login.rate_limited",
            Some(email.to_string()),
            None,
        )
        .await?;
        let mut r = refuse(
            p,
            StatusCode::TOO_MANY_REQUESTS,
            "error-too-many-attempts",
            email.as_str(),
        );
        r.headers_mut().insert(
            header::RETRY_AFTER,
            header::HeaderValue::from(FAILURE_WINDOW_MINUTES * 60),
        );
        return Ok(r);
    }
    let user = accounts::find_by_email(state.store.conn(), &email).await?;
    let password = form.password;
    let stored = user.as_ref().map_or_else(
        || password::dummy_hash().to_owned(),
        |u| u.password_hash.clone(),
    );
    // Hashing is slow on purpose; keep it off the async workers.
    let matches = tokio::task::spawn_blocking(move || password::verify(&password, &stored))
        .await
        .map_err(AppError::internal)?;
    let user = match user {
        Some(u) if matches && u.active => u,
        other => {
            sessions::record_attempt(&state.store, email.as_str(), &ip, false).await?;
            let detail =
                other.map(|u| json!({"reason": if u.active { "password" } else { "inactive" }}));
            audit::record(
                state.store.conn(),
                &system,
                "login.failure",
                Some(email.to_string()),
                detail,
            )
            .await?;
            return Ok(refuse(
                p,
                StatusCode::UNAUTHORIZED,
                "error-login-failed",
                email.as_str(),
            ));
        }
    };
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
    audit::record(
        state.store.conn(),
        &Actor {
            user_id: Some(user.id),
            ip: Some(ip),
        },
        "login.success",
        Some(user.email.clone()),
        None,
    )
    .await?;
    let jar = jar.add(session_cookie(&state, session_token));
    Ok((jar, Redirect::to(&next)).into_response())
}

async fn delete_session(
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

// ---------- profile ----------

#[derive(Template, WebTemplate)]
#[template(path = "profile.html")]
struct ProfilePage {
    p: Page,
    user: accounts::UserView,
    errors: Vec<String>,
    tokens: Vec<TokenRow>,
    /// A token just created: shown on this response only, never again.
    new_token: Option<String>,
    token_errors: Vec<String>,
    token_form: TokenForm,
}

/// One of the account's API tokens, as the profile lists it.
struct TokenRow {
    id: Uuid,
    name: String,
    scope_label: String,
    created_at: String,
    expires_at: Option<String>,
    last_used_at: Option<String>,
    /// `active`, `revoked` or `expired`.
    state: &'static str,
    state_label: String,
}

fn minute(at: chrono::DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

impl TokenRow {
    fn of(t: api_token::Model, now: chrono::DateTime<Utc>, p: &Page) -> Self {
        let state = if t.revoked_at.is_some() {
            "revoked"
        } else if t.expires_at.is_some_and(|at| at <= now) {
            "expired"
        } else {
            "active"
        };
        Self {
            id: t.id,
            name: t.name,
            scope_label: p.t(&format!("tokens-scope-{}", t.scope)),
            created_at: minute(t.created_at),
            expires_at: t.expires_at.map(minute),
            last_used_at: t.last_used_at.map(minute),
            state,
            state_label: p.t(&format!("tokens-state-{state}")),
        }
    }
}

async fn profile_page(state: &AppState, p: Page, user: &SignedIn) -> Result<ProfilePage, AppError> {
    let now = Utc::now();
    let tokens = api_tokens::list_for_user(&state.store, user.view.user.id)
        .await?
        .into_iter()
        .map(|t| TokenRow::of(t, now, &p))
        .collect();
    Ok(ProfilePage {
        p,
        user: user.view.clone(),
        errors: Vec::new(),
        tokens,
        new_token: None,
        token_errors: Vec::new(),
        token_form: TokenForm::default(),
    })
}

async fn show_profile(
    State(state): State<AppState>,
    p: Page,
    CurrentUser(user): CurrentUser,
) -> Result<ProfilePage, AppError> {
    profile_page(&state, p, &user).await
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

async fn update_password(
    State(state): State<AppState>,
    p: Page,
    CurrentUser(user): CurrentUser,
    ip: ClientIp,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let stored = user.view.user.password_hash.clone();
    let current = form.current;
    let current_ok = tokio::task::spawn_blocking(move || password::verify(&current, &stored))
        .await
        .map_err(AppError::internal)?;
    let mut errors = Vec::new();
    if !current_ok {
        errors.push(p.t("error-current-password"));
    }
    if let Err(e) = password::check_policy(&form.new, &user.view.user.email) {
        errors.push(p.t1(e.message_key(), "min", &password::MIN_LEN.to_string()));
    }
    if form.new != form.confirm {
        errors.push(p.t("error-password-mismatch"));
    }
    if !errors.is_empty() {
        let mut page = profile_page(&state, p, &user).await?;
        page.errors = errors;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let new = form.new;
    let hash = tokio::task::spawn_blocking(move || password::hash(&new))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    accounts::set_password(
        &state.store,
        &actor(&user, &ip),
        user.view.user.id,
        hash,
        Some(&user.session_id),
    )
    .await?;
    Ok(Redirect::to("/profil?ok=flash-password-changed").into_response())
}

// ---------- API tokens ----------

#[derive(Debug, Default, Deserialize)]
struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
    /// Days until it expires; empty for a token that does not expire.
    #[serde(default)]
    expires_days: String,
}

/// The life a form asks for: `Ok(None)` for « never ».
fn token_days(raw: &str) -> Result<Option<u32>, &'static str> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<u32>() {
        Ok(days) if (1..=token::MAX_API_TOKEN_DAYS).contains(&days) => Ok(Some(days)),
        _ => Err("error-token-days"),
    }
}

async fn create_token(
    State(state): State<AppState>,
    p: Page,
    CurrentUser(user): CurrentUser,
    ip: ClientIp,
    Form(form): Form<TokenForm>,
) -> Result<Response, AppError> {
    let mut errors = Vec::new();
    let name = token::api_token_name(&form.name).map_err(|e| errors.push(p.t(e.message_key())));
    let scope = form
        .scope
        .parse::<token::ApiScope>()
        .map_err(|e| errors.push(p.t(e.message_key())));
    let days = token_days(&form.expires_days).map_err(|key| errors.push(p.t(key)));
    let (Ok(name), Ok(scope), Ok(days)) = (name, scope, days) else {
        let mut page = profile_page(&state, p, &user).await?;
        page.token_errors = errors;
        page.token_form = form;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let secret = token::new_api_token();
    api_tokens::create(
        &state.store,
        &actor(&user, &ip),
        api_tokens::NewToken {
            user_id: user.view.user.id,
            name,
            scope,
            digest: token::digest(&secret),
            expires_at: days.map(api_tokens::days_from_now),
        },
    )
    .await?;
    // Shown in this response and nowhere else: no redirect that would put
    // it in a URL, and no copy kept by the browser's cache.
    let mut page = profile_page(
        &state,
        p.with_flash("success", "flash-token-created"),
        &user,
    )
    .await?;
    page.new_token = Some(secret);
    let mut response = page.into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

#[derive(Deserialize)]
struct TokenNameForm {
    #[serde(default)]
    name: String,
}

async fn update_token_name(
    State(state): State<AppState>,
    p: Page,
    OwnToken { token, user }: OwnToken,
    ip: ClientIp,
    Form(form): Form<TokenNameForm>,
) -> Result<Response, AppError> {
    let name = match token::api_token_name(&form.name) {
        Ok(name) => name,
        Err(e) => {
            let mut page = profile_page(&state, p, &user).await?;
            page.token_errors = vec![page.p.t(e.message_key())];
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    api_tokens::rename(
        &state.store,
        &actor(&user, &ip),
        user.view.user.id,
        token.id,
        name,
    )
    .await?;
    Ok(Redirect::to("/profil?ok=flash-token-renamed").into_response())
}

async fn delete_token(
    State(state): State<AppState>,
    OwnToken { token, user }: OwnToken,
    ip: ClientIp,
) -> Result<Response, AppError> {
    api_tokens::revoke(
        &state.store,
        &actor(&user, &ip),
        user.view.user.id,
        token.id,
    )
    .await?;
    Ok(Redirect::to("/profil?ok=flash-token-revoked").into_response())
}

// ---------- administration of accounts ----------

#[derive(Debug, Default, Deserialize)]
struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    grouping: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "users.html")]
struct UsersPage {
    p: Page,
    users: Vec<accounts::UserView>,
    groupings: Vec<grouping::Model>,
    roles: Vec<Role>,
    form: InviteForm,
    errors: Vec<String>,
    me: Uuid,
}

async fn users_page(
    state: &AppState,
    p: Page,
    me: Uuid,
    form: InviteForm,
    errors: Vec<String>,
) -> Result<UsersPage, AppError> {
    Ok(UsersPage {
        p,
        users: accounts::list(&state.store).await?,
        groupings: groupings::list(&state.store).await?,
        roles: Role::ALL.to_vec(),
        form,
        errors,
        me,
    })
}

async fn list_users(
    State(state): State<AppState>,
    p: Page,
    auth: Authorized<ManageUsers>,
) -> Result<UsersPage, AppError> {
    users_page(
        &state,
        p,
        auth.user().view.user.id,
        InviteForm::default(),
        Vec::new(),
    )
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "user_invited.html")]
struct InvitedPage {
    p: Page,
    email: String,
    one_time_password: String,
}

/// Resolves the grouping a scoped role is given in.
async fn role_grouping(
    state: &AppState,
    role: Role,
    grouping: &str,
) -> Result<Option<Uuid>, &'static str> {
    if !role.is_scoped() {
        return Ok(None);
    }
    let Ok(id) = Uuid::parse_str(grouping.trim()) else {
        return Err("error-grouping-required");
    };
    match groupings::find_by_id(&state.store, id).await {
        Ok(Some(g)) => Ok(Some(g.id)),
        _ => Err("error-grouping-unknown"),
    }
}

async fn create_user(
    State(state): State<AppState>,
    p: Page,
    auth: Authorized<ManageUsers>,
    ip: ClientIp,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let mut errors = Vec::new();
    let email = Email::parse(&form.email)
        .map_err(|e| errors.push(p.t(e.message_key())))
        .ok();
    let display_name = form.display_name.trim().to_owned();
    if display_name.is_empty() || display_name.chars().count() > MAX_DISPLAY_NAME {
        errors.push(p.t("error-display-name"));
    }
    let role = form
        .role
        .parse::<Role>()
        .map_err(|_| errors.push(p.t("error-role-unknown")))
        .ok();
    let grouping_id = match role {
        Some(r) => role_grouping(&state, r, &form.grouping)
            .await
            .map_err(|k| errors.push(p.t(k)))
            .ok()
            .flatten(),
        None => None,
    };
    let (Some(email), Some(role), true) = (email, role, errors.is_empty()) else {
        let page = users_page(&state, p, auth.user().view.user.id, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let one_time = password::generate_one_time();
    let otp = one_time.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&otp))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let created = accounts::create_user(
        &state.store,
        &actor(auth.user(), &ip),
        accounts::NewUser {
            email: email.clone(),
            display_name,
            password_hash: hash,
            role,
            grouping_id,
            must_change_password: true,
        },
    )
    .await;
    match created {
        Ok(_) => Ok(InvitedPage {
            p,
            email: email.to_string(),
            one_time_password: one_time,
        }
        .into_response()),
        Err(StoreError::EmailTaken(_)) => {
            let errors = vec![p.t("error-email-taken")];
            let page = users_page(&state, p, auth.user().view.user.id, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    grouping: String,
}

fn back_to_users(result: Result<(), StoreError>, ok: &str) -> Result<Response, AppError> {
    let target = match result {
        Ok(()) => format!("/admin/utilisateurs?ok={ok}"),
        Err(StoreError::LastAdministrator) => {
            "/admin/utilisateurs?erreur=flash-last-admin".to_owned()
        }
        Err(StoreError::OwnAccount) => "/admin/utilisateurs?erreur=flash-not-yourself".to_owned(),
        Err(StoreError::Invalid(_)) => "/admin/utilisateurs?erreur=flash-role-invalid".to_owned(),
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&target).into_response())
}

async fn update_role(
    State(state): State<AppState>,
    ManagedAccount { account, admin }: ManagedAccount,
    ip: ClientIp,
    Form(form): Form<RoleForm>,
) -> Result<Response, AppError> {
    let role = form
        .role
        .parse::<Role>()
        .map_err(|_| AppError::BadRequest("error-role-unknown"))?;
    let grouping_id = role_grouping(&state, role, &form.grouping)
        .await
        .map_err(AppError::BadRequest)?;
    let result = accounts::set_role(
        &state.store,
        &actor(&admin, &ip),
        account.id,
        role,
        grouping_id,
    )
    .await;
    back_to_users(result, "flash-role-changed")
}

/// Deactivation: the account stays (for the audit trail and history) but
/// can no longer sign in, and its sessions end.
async fn delete_user(
    State(state): State<AppState>,
    ManagedAccount { account, admin }: ManagedAccount,
    ip: ClientIp,
) -> Result<Response, AppError> {
    let result = accounts::set_active(&state.store, &actor(&admin, &ip), account.id, false).await;
    back_to_users(result, "flash-user-deactivated")
}

async fn update_user_active(
    State(state): State<AppState>,
    ManagedAccount { account, admin }: ManagedAccount,
    ip: ClientIp,
) -> Result<Response, AppError> {
    let result = accounts::set_active(&state.store, &actor(&admin, &ip), account.id, true).await;
    back_to_users(result, "flash-user-activated")
}
