//! « Mot de passe oublié »: with a mail server, a one-time link that
//! expires (`maillage_domain::password::RESET_LINK_VALIDITY`) is sent to the
//! account's address; without one, the page says to ask a coordinator. The
//! answer never says whether an address has an account, and requests are
//! limited per address like sign-in failures.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maillage_domain::password::{
    self, RESET_LINK_VALIDITY, RESET_REQUESTS_PER_ADDRESS, SIGN_IN_LOCK,
};
use maillage_domain::{Email, token};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::rate_limits::{self, Limit};
use maillage_store::repo::{accounts, password_resets};
use maillage_store::{Store, StoreError};
use serde::Deserialize;

use crate::AppState;
use crate::auth::ClientIp;
use crate::error::AppError;
use crate::extract::{Id, PathKey};
use crate::i18n::Lang;
use crate::page::Page;

/// The bucket of the requests' rate limit.
const RESET_REQUESTS: &str = "password-reset";

#[derive(Template, WebTemplate)]
#[template(path = "accounts/forgot.html")]
pub(super) struct ForgotPage {
    p: Page,
    /// A mail server is set: the form is there.
    mail_on: bool,
    /// The request was received (whatever the address).
    sent: bool,
    email: String,
    error: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct ForgotQuery {
    envoye: Option<String>,
}

pub(super) async fn show_forgot(
    State(state): State<AppState>,
    p: Page,
    Query(q): Query<ForgotQuery>,
) -> ForgotPage {
    ForgotPage {
        mail_on: state.config.mail.is_some(),
        sent: q.envoye.is_some(),
        email: String::new(),
        error: None,
        p,
    }
}

#[derive(Deserialize)]
pub(super) struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// 429 with `Retry-After` once the address has asked too often.
async fn admit(state: &AppState, ip: &str) -> Result<(), Response> {
    let limit = Limit {
        max: RESET_REQUESTS_PER_ADDRESS,
        window: SIGN_IN_LOCK.window,
    };
    match rate_limits::admit(&state.store, RESET_REQUESTS, ip, limit, Utc::now()).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(wait)) => {
            let seconds = u64::try_from(wait.num_seconds()).unwrap_or(1).max(1);
            let mut r = AppError::TooManyRequests.into_response();
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
            Err(r)
        }
        Err(e) => Err(AppError::from(e).into_response()),
    }
}

/// Receives a request: a link is made and mailed only for an active
/// account, and the answer is the same either way.
pub(super) async fn create_reset(
    State(state): State<AppState>,
    p: Page,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let Some(mailer) = state.config.mail.clone() else {
        return Ok(Redirect::to("/mot-de-passe-oublie").into_response());
    };
    if let Err(refused) = admit(&state, &ip).await {
        return Ok(refused);
    }
    let email = match Email::parse(&form.email) {
        Ok(email) => email,
        Err(e) => {
            let page = ForgotPage {
                mail_on: true,
                sent: false,
                email: form.email.chars().take(254).collect(),
                error: Some(p.t(e.message_key())),
                p,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let account = accounts::find_by_email(state.store.conn(), &email)
        .await?
        .filter(|u| u.active);
    if let Some(user) = account {
        let secret = token::new_token();
        let actor = Actor {
            user_id: None,
            ip: Some(ip),
        };
        let now = Utc::now();
        password_resets::create(
            &state.store,
            &actor,
            &user,
            token::digest(&secret),
            now,
            RESET_LINK_VALIDITY,
        )
        .await?;
        let link = format!(
            "{}{}",
            crate::events::site_base(&state, &headers),
            reset_href(&secret)
        );
        let (subject, body) = reset_mail(p.lang, &user.display_name, &link);
        // Off the request: the answer takes the same time whether or not
        // the address has an account, and never waits on the mail server.
        tokio::spawn(async move {
            if let Err(reason) = mailer.send(&user.email, &subject, &body).await {
                tracing::warn!(%reason, "password reset e-mail not sent");
            }
        });
    }
    Ok(Redirect::to("/mot-de-passe-oublie?envoye=1").into_response())
}

fn reset_href(secret: &str) -> String {
    format!("/mot-de-passe/{secret}")
}

/// The message: subject and text.
fn reset_mail(lang: Lang, name: &str, link: &str) -> (String, String) {
    let minutes = RESET_LINK_VALIDITY.num_minutes().to_string();
    let body = lang.t_args(
        "reset-mail-body",
        &[
            ("name", name.to_owned()),
            ("link", link.to_owned()),
            ("minutes", minutes),
        ],
    );
    (lang.t("reset-mail-subject"), body)
}

/// The secret of a link, as its path carries it (`{token}`).
pub(super) struct ResetToken(String);

impl std::str::FromStr for ResetToken {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(ResetToken(s.to_owned()))
    }
}

impl PathKey for ResetToken {
    const PARAM: &'static str = "token";
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/reset.html")]
pub(super) struct ResetPage {
    p: Page,
    /// The link is valid (otherwise the page says so, without a form).
    valid: bool,
    action: String,
    errors: Vec<String>,
}

async fn link_email(store: &Store, secret: &str) -> Result<Option<String>, StoreError> {
    Ok(
        password_resets::valid_user(store.conn(), &token::digest(secret), Utc::now())
            .await?
            .map(|u| u.email),
    )
}

fn reset_page(p: Page, secret: &str, valid: bool, errors: Vec<String>) -> Response {
    let status = if valid {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    let page = ResetPage {
        p,
        valid,
        action: reset_href(secret),
        errors,
    };
    (status, page).into_response()
}

pub(super) async fn show_reset(
    State(state): State<AppState>,
    p: Page,
    Id(ResetToken(secret)): Id<ResetToken>,
) -> Result<Response, AppError> {
    let valid = link_email(&state.store, &secret).await?.is_some();
    Ok(reset_page(p, &secret, valid, Vec::new()))
}

#[derive(Deserialize)]
pub(super) struct ResetForm {
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

/// Sets the new password by a valid link (once), ending the account's
/// sessions; then to the sign-in page.
pub(super) async fn update_reset(
    State(state): State<AppState>,
    p: Page,
    ClientIp(ip): ClientIp,
    Id(ResetToken(secret)): Id<ResetToken>,
    Form(form): Form<ResetForm>,
) -> Result<Response, AppError> {
    let Some(email) = link_email(&state.store, &secret).await? else {
        return Ok(reset_page(p, &secret, false, Vec::new()));
    };
    let mut errors = Vec::new();
    if let Err(e) = password::check_policy(&form.new, &email) {
        errors.push(p.t1(e.message_key(), "min", &password::MIN_LEN.to_string()));
    }
    if form.new != form.confirm {
        errors.push(p.t("error-password-mismatch"));
    }
    if !errors.is_empty() {
        let mut r = reset_page(p, &secret, true, errors);
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(r);
    }
    let new = form.new;
    let hash = tokio::task::spawn_blocking(move || password::hash(&new))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let actor = Actor {
        user_id: None,
        ip: Some(ip),
    };
    match password_resets::use_link(
        &state.store,
        &actor,
        &token::digest(&secret),
        hash,
        Utc::now(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to("/connexion?ok=flash-password-reset").into_response()),
        // Used or expired between the check and now.
        Err(StoreError::NotFound) => Ok(reset_page(p, &secret, false, Vec::new())),
        Err(e) => Err(e.into()),
    }
}
