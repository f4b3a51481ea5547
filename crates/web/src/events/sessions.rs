//! Sessions of an event (one per date): how they read, their form, adding,
//! editing and deleting them.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use chrono::NaiveTime;
use maillage_store::StoreError;
use maillage_store::entity::{event, event_session};
use maillage_store::repo::events::pages as store_pages;
use maillage_store::repo::events::{self as repo, SessionInput};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{ManagedEvent, ManagedSession};
use super::{event_href, manage_href};
use crate::AppState;
use crate::error::AppError;
use crate::forms::FieldErrors;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::{date_text, opt};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/evenements/{event}/seances",
            get(show_new_session).post(create_session),
        )
        .route(
            "/evenements/{event}/seances/{session}/modifier",
            get(show_session_form).post(update_session),
        )
        .route(
            "/evenements/{event}/seances/{session}/supprimer",
            post(delete_session),
        )
}

/// `9:30`, `09:30` or `9h30` as `09:30`.
pub fn parse_time(text: &str) -> Result<Option<String>, ()> {
    let t = text.trim().to_lowercase().replace('h', ":");
    if t.is_empty() {
        return Ok(None);
    }
    let t = if t.ends_with(':') {
        format!("{t}00")
    } else {
        t
    };
    NaiveTime::parse_from_str(&t, "%H:%M")
        .map(|time| Some(time.format("%H:%M").to_string()))
        .map_err(|_| ())
}

/// One session as people read it.
pub struct SessionItem {
    pub date: String,
    pub iso: String,
    pub times: String,
    pub place: String,
    pub address: String,
    pub checkin_href: String,
    pub edit_href: String,
    pub delete_href: String,
}

pub fn session_items(
    event_id: Uuid,
    sessions: &[event_session::Model],
    lang: Lang,
) -> Vec<SessionItem> {
    sessions
        .iter()
        .map(|s| {
            let times = crate::text::hours_text(s.starts_at.as_deref(), s.ends_at.as_deref(), lang);
            let base = format!("{}/seances/{}", event_href(event_id), s.id);
            SessionItem {
                date: date_text(Some(s.date), lang),
                iso: s.date.format("%Y-%m-%d").to_string(),
                times,
                place: s.place.clone().unwrap_or_default(),
                address: s.address.clone().unwrap_or_default(),
                checkin_href: format!("{base}/accueil"),
                edit_href: format!("{base}/modifier"),
                delete_href: format!("{base}/supprimer"),
            }
        })
        .collect()
}

/// The session fields of a form; errors by field.
pub(super) fn check_session(
    date: &str,
    starts_at: &str,
    ends_at: &str,
    place: &str,
    address: &str,
    lang: Lang,
    errors: &mut FieldErrors,
) -> Option<SessionInput> {
    let date = match crate::plans::form_date(date) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.push("date", lang.t("evpages-error-session-date"));
            None
        }
        Err(()) => {
            errors.push("date", lang.t("evpages-error-date"));
            None
        }
    };
    let starts = parse_time(starts_at).unwrap_or_else(|()| {
        errors.push("starts_at", lang.t("evpages-error-time"));
        None
    });
    let ends = parse_time(ends_at).unwrap_or_else(|()| {
        errors.push("ends_at", lang.t("evpages-error-time"));
        None
    });
    if let (Some(a), Some(b)) = (&starts, &ends)
        && b <= a
    {
        errors.push("ends_at", lang.t("evpages-error-time-order"));
    }
    date.map(|date| SessionInput {
        date,
        starts_at: starts,
        ends_at: ends,
        place: opt(place),
        address: opt(address),
    })
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SessionForm {
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub address: String,
}

impl SessionForm {
    fn of(s: &event_session::Model) -> Self {
        SessionForm {
            date: s.date.format("%Y-%m-%d").to_string(),
            starts_at: s.starts_at.clone().unwrap_or_default(),
            ends_at: s.ends_at.clone().unwrap_or_default(),
            place: s.place.clone().unwrap_or_default(),
            address: s.address.clone().unwrap_or_default(),
        }
    }

    fn check(&self, lang: Lang, errors: &mut FieldErrors) -> Option<SessionInput> {
        check_session(
            &self.date,
            &self.starts_at,
            &self.ends_at,
            &self.place,
            &self.address,
            lang,
            errors,
        )
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "events/pages_session_form.html")]
pub struct SessionFormPage {
    p: Page,
    title: String,
    event_title: String,
    action: String,
    cancel: String,
    form: SessionForm,
    errors: FieldErrors,
}

fn session_page(
    p: Page,
    e: &event::Model,
    session: Option<Uuid>,
    form: SessionForm,
    errors: FieldErrors,
) -> SessionFormPage {
    let (title, action) = match session {
        Some(s) => (
            p.t("evpages-session-edit-title"),
            format!("{}/seances/{s}/modifier", event_href(e.id)),
        ),
        None => (
            p.t("evpages-session-new-title"),
            format!("{}/seances", event_href(e.id)),
        ),
    };
    SessionFormPage {
        title,
        event_title: e.title.clone(),
        action,
        cancel: manage_href(e.id),
        form,
        errors,
        p,
    }
}

pub async fn show_new_session(
    ManagedEvent { event: e, .. }: ManagedEvent,
    p: Page,
) -> Result<SessionFormPage, AppError> {
    Ok(session_page(
        p,
        &e,
        None,
        SessionForm::default(),
        FieldErrors::default(),
    ))
}

pub async fn create_session(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    p: Page,
    Form(form): Form<SessionForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if let (Some(input), true) = (form.check(p.lang, &mut errors), errors.is_empty()) {
        match store_pages::add_session(&state.store, e.id, &input).await {
            Ok(_) => {
                return Ok(Redirect::to(&format!(
                    "{}?ok=flash-evpages-session-saved#seances",
                    manage_href(e.id)
                ))
                .into_response());
            }
            Err(StoreError::SessionDateTaken) => {
                errors.push("date", p.t("evpages-error-session-same-date"));
                status = StatusCode::CONFLICT;
            }
            Err(other) => return Err(other.into()),
        }
    }
    Ok((status, session_page(p, &e, None, form, errors)).into_response())
}

pub async fn show_session_form(
    ManagedSession {
        event: e,
        session: s,
        ..
    }: ManagedSession,
    p: Page,
) -> Result<SessionFormPage, AppError> {
    Ok(session_page(
        p,
        &e,
        Some(s.id),
        SessionForm::of(&s),
        FieldErrors::default(),
    ))
}

pub async fn update_session(
    State(state): State<AppState>,
    ManagedSession {
        event: e,
        session: s,
        ..
    }: ManagedSession,
    p: Page,
    Form(form): Form<SessionForm>,
) -> Result<Response, AppError> {
    let mut errors = FieldErrors::default();
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if let (Some(input), true) = (form.check(p.lang, &mut errors), errors.is_empty()) {
        match repo::update_session(&state.store, e.id, s.id, &input).await {
            Ok(()) => {
                return Ok(Redirect::to(&format!(
                    "{}?ok=flash-evpages-session-saved#seances",
                    manage_href(e.id)
                ))
                .into_response());
            }
            Err(StoreError::SessionDateTaken) => {
                errors.push("date", p.t("evpages-error-session-same-date"));
                status = StatusCode::CONFLICT;
            }
            Err(other) => return Err(other.into()),
        }
    }
    Ok((status, session_page(p, &e, Some(s.id), form, errors)).into_response())
}

pub async fn delete_session(
    State(state): State<AppState>,
    ManagedSession {
        event: e,
        session: s,
        ..
    }: ManagedSession,
) -> Result<Response, AppError> {
    store_pages::delete_session(&state.store, e.id, s.id).await?;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-evpages-session-deleted#seances",
        manage_href(e.id)
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_read_as_people_write_them() {
        assert_eq!(parse_time("9h30"), Ok(Some("09:30".to_owned())));
        assert_eq!(parse_time("9h"), Ok(Some("09:00".to_owned())));
        assert_eq!(parse_time(" 13:05 "), Ok(Some("13:05".to_owned())));
        assert_eq!(parse_time(""), Ok(None));
        assert!(parse_time("25:00").is_err());
        assert!(parse_time("midi").is_err());
    }
}
