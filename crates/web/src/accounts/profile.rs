//! The profile: the password and the account's API tokens.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maillage_domain::{password, token};
use maillage_store::entity::api_token;
use maillage_store::repo::{accounts, api_tokens};
use serde::Deserialize;
use uuid::Uuid;

use super::access::OwnToken;
use crate::AppState;
use crate::auth::{ClientIp, CurrentUser, SignedIn, actor};
use crate::error::AppError;
use crate::page::Page;

#[derive(Template, WebTemplate)]
#[template(path = "accounts/profile.html")]
pub(super) struct ProfilePage {
    p: Page,
    user: accounts::UserView,
    errors: Vec<String>,
    tokens: Vec<TokenRow>,
    /// A token just created: shown on this response only, never again.
    new_token: Option<String>,
    token_errors: Vec<String>,
    token_form: TokenForm,
}

/// Where an API token stands, as the profile shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokenState {
    Active,
    Revoked,
    Expired,
}

impl TokenState {
    fn of(t: &api_token::Model, now: chrono::DateTime<Utc>) -> Self {
        if t.revoked_at.is_some() {
            TokenState::Revoked
        } else if t.expires_at.is_some_and(|at| at <= now) {
            TokenState::Expired
        } else {
            TokenState::Active
        }
    }

    /// The row's `data-state` and the end of its label's message key.
    fn as_str(self) -> &'static str {
        match self {
            TokenState::Active => "active",
            TokenState::Revoked => "revoked",
            TokenState::Expired => "expired",
        }
    }
}

/// One of the account's API tokens, as the profile lists it.
pub(super) struct TokenRow {
    id: Uuid,
    name: String,
    scope_label: String,
    created_at: String,
    expires_at: Option<String>,
    last_used_at: Option<String>,
    /// `active`, `revoked` or `expired` (the row's `data-state`).
    state: &'static str,
    active: bool,
    state_label: String,
}

impl TokenRow {
    fn of(t: api_token::Model, now: chrono::DateTime<Utc>, p: &Page) -> Self {
        let state = TokenState::of(&t, now);
        let minute = |at| crate::text::minute_text(at, p.lang);
        Self {
            id: t.id,
            scope_label: p.t(&format!("tokens-scope-{}", t.scope)),
            name: t.name,
            created_at: minute(t.created_at),
            expires_at: t.expires_at.map(minute),
            last_used_at: t.last_used_at.map(minute),
            state: state.as_str(),
            active: state == TokenState::Active,
            state_label: p.t(&format!("tokens-state-{}", state.as_str())),
        }
    }
}

pub(super) async fn profile_page(
    state: &AppState,
    p: Page,
    user: &SignedIn,
) -> Result<ProfilePage, AppError> {
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

pub(super) async fn show_profile(
    State(state): State<AppState>,
    p: Page,
    CurrentUser(user): CurrentUser,
) -> Result<ProfilePage, AppError> {
    profile_page(&state, p, &user).await
}

#[derive(Deserialize)]
pub(super) struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

pub(super) async fn update_password(
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
pub(super) struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    scope: String,
    /// Days until it expires; empty for a token that does not expire.
    #[serde(default)]
    expires_days: String,
}

impl TokenForm {
    /// Whether the form, shown again, has « write » chosen (« read » is
    /// the default).
    fn wants_write(&self) -> bool {
        matches!(self.scope.parse(), Ok(token::ApiScope::Write))
    }
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

pub(super) async fn create_token(
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
pub(super) struct TokenNameForm {
    #[serde(default)]
    name: String,
}

pub(super) async fn update_token_name(
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

pub(super) async fn delete_token(
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
