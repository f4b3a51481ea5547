//! The registrant's confirmation page (where a registration lands), the
//! confirmation message of a registration (stored, and mailed when SMTP is
//! set), the promotion message of the waiting list, and « Renvoyer la
//! confirmation ».

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::Utc;
use maillage_store::entity::{event, event_session, registration};
use maillage_store::repo::events::{self as repo};
use uuid::Uuid;

use super::access::{ManagedRegistration, Registrant};
use super::sessions::{SessionItem, session_items};
use super::{event_href, manage_href};
use crate::AppState;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/evenements/{event}/inscriptions/{registration}/confirmation",
            post(create_confirmation_mail),
        )
        .route(
            "/evenements/{event}/moi/{personal}/inscription",
            get(show_registration),
        )
}

/// The registrant's confirmation page: what they registered for, where
/// their place stands and their personal link, in plain words.
#[derive(Template, WebTemplate)]
#[template(path = "events/pages_registered.html")]
pub struct RegisteredPage {
    p: Page,
    e: event::Model,
    name: String,
    email: String,
    /// `confirmed`, `waitlist` or `cancelled`.
    status: &'static str,
    sessions: Vec<SessionItem>,
    /// The personal link, whole (scheme and host), to copy or keep.
    personal_url: String,
    personal_href: String,
    /// An SMTP server is configured: the message is on its way.
    mailed: bool,
}

/// Where a registration lands (post/redirect/get), and the page a
/// registrant may come back to by their personal link.
pub async fn show_registration(
    State(state): State<AppState>,
    headers: HeaderMap,
    Registrant {
        event: e,
        registration: r,
        token,
    }: Registrant,
    p: Page,
) -> Result<RegisteredPage, AppError> {
    let sessions = session_items(
        e.id,
        &repo::sessions(state.store.conn(), e.id).await?,
        p.lang,
    );
    let href = personal_href(e.id, &token);
    Ok(RegisteredPage {
        personal_url: format!("{}{href}", site_base(&state, &headers)),
        personal_href: href,
        mailed: state.config.mail.is_some(),
        name: r.name.clone(),
        email: r.email.clone(),
        status: r.status.as_str(),
        sessions,
        e,
        p,
    })
}

/// The personal link of a registrant: canvas, evaluation, links declared.
pub fn personal_href(event_id: Uuid, token: &str) -> String {
    format!("{}/moi/{token}", event_href(event_id))
}

pub(crate) fn site_base(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// What a registrant's message says of their place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Notice {
    Confirmed,
    Waitlisted,
    /// Off the waiting list: a place opened up.
    Promoted,
}

/// The confirmation message: what a mail would say, shown and stored.
pub(super) fn confirmation_text(
    lang: Lang,
    e: &event::Model,
    sessions: &[SessionItem],
    name: &str,
    notice: Notice,
    link: &str,
) -> String {
    let mut out = lang.t_args("evpages-mail-greeting", &[("name", name.to_owned())]);
    out.push_str("\n\n");
    let key = match notice {
        Notice::Confirmed => "evpages-mail-confirmed",
        Notice::Waitlisted => "evpages-mail-waitlisted",
        Notice::Promoted => "evpages-mail-promoted",
    };
    out.push_str(&lang.t_args(key, &[("event", e.title.clone())]));
    out.push_str("\n\n");
    if !sessions.is_empty() {
        out.push_str(&lang.t("evpages-mail-sessions"));
        out.push('\n');
        for s in sessions {
            let mut entry = format!("- {}", s.date);
            for part in [&s.times, &s.place, &s.address] {
                if !part.is_empty() {
                    entry.push_str(", ");
                    entry.push_str(part);
                }
            }
            out.push_str(&entry);
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str(&lang.t_args("evpages-mail-link", &[("link", link.to_owned())]));
    out.push_str("\n\n");
    out.push_str(&lang.t("evpages-mail-signature"));
    out
}

/// The message to someone leaving the waiting list: in the language they
/// registered in, with the personal link their first message carried (only
/// its digest is stored), else the event's page.
pub(super) fn promotion_text(
    e: &event::Model,
    sessions: &[event_session::Model],
    event_link: &str,
    r: &registration::Model,
) -> String {
    let lang = r
        .confirmation_lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    let marker = format!("{}/moi/", event_href(e.id));
    let link = r
        .confirmation
        .as_deref()
        .and_then(|text| text.split_whitespace().find(|w| w.contains(&marker)))
        .unwrap_or(event_link);
    let items = session_items(e.id, sessions, lang);
    confirmation_text(lang, e, &items, &r.name, Notice::Promoted, link)
}

/// Sends a new registration's confirmation after the commit, and off the
/// request: the registrant's page never waits on the mail server nor fails
/// with it. Whether a mail server is set (the message is on its way).
pub fn mail_confirmation(
    state: &AppState,
    registration: &registration::Model,
    title: &str,
) -> bool {
    let Some(mailer) = state.config.mail.clone() else {
        return false;
    };
    let (state, registration, title) = (state.clone(), registration.clone(), title.to_owned());
    tokio::spawn(async move {
        let _ = deliver_confirmation(&state, &mailer, &registration, &title).await;
    });
    true
}

/// Tells each promoted registrant, after the commit and off the request
/// (as for a confirmation); the outcome is recorded on the registration.
pub(super) fn mail_promoted(state: &AppState, title: &str, promoted: Vec<registration::Model>) {
    let Some(mailer) = state.config.mail.clone() else {
        return;
    };
    for r in promoted {
        let (state, mailer, title) = (state.clone(), mailer.clone(), title.to_owned());
        tokio::spawn(async move {
            let _ = deliver_confirmation(&state, &mailer, &r, &title).await;
        });
    }
}

/// Sends a registration's stored confirmation (in the language it was
/// written in) and records the outcome on it.
pub async fn deliver_confirmation(
    state: &AppState,
    mailer: &crate::mail::Mailer,
    r: &registration::Model,
    event_title: &str,
) -> Result<(), String> {
    let lang = r
        .confirmation_lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    let key = if r.status.is_waitlisted() {
        "evpages-mail-subject-waitlist"
    } else {
        "evpages-mail-subject"
    };
    let subject = lang.t_args(key, &[("event", event_title.to_owned())]);
    let body = r.confirmation.clone().unwrap_or_default();
    let outcome = mailer.send(&r.email, &subject, &body).await;
    if let Err(reason) = &outcome {
        tracing::warn!(registration = %r.id, %reason, "confirmation e-mail not sent");
    }
    let recorded = outcome.clone().map(|()| Utc::now());
    if let Err(e) = repo::record_confirmation_outcome(state.store.conn(), r.id, recorded).await {
        tracing::warn!(registration = %r.id, error = %e, "confirmation outcome not recorded");
    }
    outcome
}

/// « Renvoyer la confirmation »: the coordinator waits for the server's
/// answer, so the list shows it at once.
pub async fn create_confirmation_mail(
    State(state): State<AppState>,
    ManagedRegistration {
        event: e,
        registration: r,
        ..
    }: ManagedRegistration,
) -> Result<Response, AppError> {
    let rid = r.id;
    let flash = match &state.config.mail {
        None => "erreur=flash-evpages-error-mail-off",
        Some(_) if r.status.is_cancelled() => "erreur=flash-evpages-error-mail-cancelled",
        Some(mailer) => match deliver_confirmation(&state, mailer, &r, &e.title).await {
            Ok(()) => "ok=flash-evpages-mail-resent",
            Err(_) => "erreur=flash-evpages-error-mail-failed",
        },
    };
    Ok(Redirect::to(&format!("{}?{flash}#reg-{rid}", manage_href(e.id))).into_response())
}
