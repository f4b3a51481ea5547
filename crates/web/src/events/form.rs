//! The event form: creating an event (with its first session) and editing
//! it (a larger capacity fills places from the waiting list).

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::Form;
use maillage_domain::Permission;
use maillage_store::StoreError;
use maillage_store::entity::event::EventStatus;
use maillage_store::entity::{event, grouping};
use maillage_store::repo::events::pages as store_pages;
use maillage_store::repo::events::{self as repo, EventInput};
use maillage_store::repo::groupings as groupings_repo;
use serde::Deserialize;
use uuid::Uuid;

use super::access::{EventCreator, ManagedEvent};
use super::confirmation::{mail_promoted, promotion_text, site_base};
use super::sessions::check_session;
use super::{event_href, manage_href, status_label};
use crate::AppState;
use crate::auth::ClientIp;
use crate::auth::{SignedIn, actor};
use crate::error::AppError;
use crate::forms::{Choice, FieldErrors};
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::{iso, opt};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/evenements/nouveau",
            get(show_new_event).post(create_event),
        )
        .route(
            "/evenements/{event}/modifier",
            get(show_event_form).post(update_event),
        )
}

fn grouping_ids_managed(user: &SignedIn, groupings: &[grouping::Model]) -> Vec<Choice> {
    groupings
        .iter()
        .filter(|g| {
            user.principal
                .allows(Permission::EditGrouping, Some(&g.id.to_string()))
        })
        .map(|g| Choice {
            value: g.id.to_string(),
            label: g.name.clone(),
        })
        .collect()
}

fn status_choices(lang: Lang) -> Vec<Choice> {
    EventStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: status_label(lang, *s),
        })
        .collect()
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventForm {
    #[serde(default)]
    pub grouping_id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub intentions: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub registration_closes_on: String,
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
    #[serde(default)]
    pub version: String,
}

impl EventForm {
    fn of(e: &event::Model) -> Self {
        EventForm {
            grouping_id: e.grouping_id.map(|g| g.to_string()).unwrap_or_default(),
            title: e.title.clone(),
            description: e.description.clone().unwrap_or_default(),
            intentions: repo::intentions(e).join("\n"),
            audience: e.audience.clone().unwrap_or_default(),
            capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
            status: e.status.as_str().to_owned(),
            registration_closes_on: iso(e.registration_closes_on),
            version: e.version.to_string(),
            ..EventForm::default()
        }
    }

    /// The event input; `allowed` are the groupings the account may put it in.
    fn check_event(&self, lang: Lang, allowed: &[Choice], errors: &mut FieldErrors) -> EventInput {
        let title = self.title.trim().to_owned();
        if title.is_empty() {
            errors.push("title", lang.t("evpages-error-title"));
        }
        let grouping = Uuid::parse_str(self.grouping_id.trim())
            .ok()
            .filter(|g| allowed.iter().any(|c| c.value == g.to_string()));
        if grouping.is_none() {
            errors.push("grouping_id", lang.t("evpages-error-grouping"));
        }
        let capacity = match self.capacity.trim() {
            "" => None,
            t => match t.parse::<i32>() {
                Ok(c) if c > 0 => Some(c),
                _ => {
                    errors.push("capacity", lang.t("evpages-error-capacity"));
                    None
                }
            },
        };
        let status = EventStatus::parse(&self.status);
        if status.is_none() {
            errors.push("status", lang.t("evpages-error-status"));
        }
        let closes = crate::plans::form_date(&self.registration_closes_on).unwrap_or_else(|()| {
            errors.push("registration_closes_on", lang.t("evpages-error-date"));
            None
        });
        EventInput {
            grouping_id: grouping,
            title,
            description: opt(&self.description),
            intentions: self
                .intentions
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            audience: opt(&self.audience),
            capacity,
            status: status.unwrap_or_default(),
            registration_closes_on: closes,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "events/pages_form.html")]
pub struct EventFormPage {
    p: Page,
    title: String,
    action: String,
    cancel: String,
    form: EventForm,
    errors: FieldErrors,
    with_version: bool,
    with_session: bool,
    groupings: Vec<Choice>,
    statuses: Vec<Choice>,
}

fn event_form_page(
    p: Page,
    title: String,
    action: String,
    cancel: String,
    form: EventForm,
    errors: FieldErrors,
    groupings: Vec<Choice>,
) -> EventFormPage {
    let statuses = status_choices(p.lang);
    EventFormPage {
        with_version: !form.version.is_empty(),
        with_session: form.version.is_empty(),
        title,
        action,
        cancel,
        form,
        errors,
        groupings,
        statuses,
        p,
    }
}

pub async fn show_new_event(
    State(state): State<AppState>,
    p: Page,
    EventCreator { user }: EventCreator,
) -> Result<EventFormPage, AppError> {
    let groupings = grouping_ids_managed(&user, &groupings_repo::list(&state.store).await?);
    let form = EventForm {
        grouping_id: groupings
            .first()
            .map(|c| c.value.clone())
            .unwrap_or_default(),
        status: EventStatus::Draft.as_str().to_owned(),
        ..EventForm::default()
    };
    let title = p.t("evpages-new-title");
    Ok(event_form_page(
        p,
        title,
        "/evenements/nouveau".to_owned(),
        "/evenements".to_owned(),
        form,
        FieldErrors::default(),
        groupings,
    ))
}

pub async fn create_event(
    State(state): State<AppState>,
    p: Page,
    EventCreator { user }: EventCreator,
    ip: ClientIp,
    Form(form): Form<EventForm>,
) -> Result<Response, AppError> {
    let groupings = grouping_ids_managed(&user, &groupings_repo::list(&state.store).await?);
    let mut errors = FieldErrors::default();
    let input = form.check_event(p.lang, &groupings, &mut errors);
    let session = check_session(
        &form.date,
        &form.starts_at,
        &form.ends_at,
        &form.place,
        &form.address,
        p.lang,
        &mut errors,
    );
    if let (Some(session), true) = (session, errors.is_empty()) {
        let e = store_pages::create_event_with_session(
            &state.store,
            &actor(&user, &ip),
            &input,
            Some(&session),
        )
        .await?;
        return Ok(Redirect::to(&format!(
            "{}?ok=flash-evpages-event-saved",
            manage_href(e.id)
        ))
        .into_response());
    }
    let title = p.t("evpages-new-title");
    let page = event_form_page(
        p,
        title,
        "/evenements/nouveau".to_owned(),
        "/evenements".to_owned(),
        form,
        errors,
        groupings,
    );
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn show_event_form(
    State(state): State<AppState>,
    ManagedEvent { event: e, user }: ManagedEvent,
    p: Page,
) -> Result<EventFormPage, AppError> {
    let groupings = grouping_ids_managed(&user, &groupings_repo::list(&state.store).await?);
    let title = p.t1("evpages-edit-title", "name", &e.title);
    Ok(event_form_page(
        p,
        title,
        format!("{}/modifier", event_href(e.id)),
        manage_href(e.id),
        EventForm::of(&e),
        FieldErrors::default(),
        groupings,
    ))
}

pub async fn update_event(
    State(state): State<AppState>,
    ManagedEvent { event: e, user }: ManagedEvent,
    p: Page,
    ip: ClientIp,
    headers: HeaderMap,
    Form(form): Form<EventForm>,
) -> Result<Response, AppError> {
    let groupings = grouping_ids_managed(&user, &groupings_repo::list(&state.store).await?);
    let mut errors = FieldErrors::default();
    let input = form.check_event(p.lang, &groupings, &mut errors);
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() {
        let version = form.version.trim().parse().unwrap_or(-1);
        let sessions = repo::sessions(state.store.conn(), e.id).await?;
        let event_link = format!("{}{}", site_base(&state, &headers), event_href(e.id));
        let saved = repo::update_event(
            &state.store,
            &actor(&user, &ip),
            e.id,
            version,
            &input,
            |r| promotion_text(&e, &sessions, &event_link, r),
        )
        .await;
        match saved {
            Ok((updated, promoted)) => {
                mail_promoted(&state, &updated.title, promoted);
                return Ok(Redirect::to(&format!(
                    "{}?ok=flash-evpages-event-saved",
                    manage_href(e.id)
                ))
                .into_response());
            }
            Err(StoreError::Stale(_)) => {
                errors.push("version", p.t("evpages-error-stale"));
                status = StatusCode::CONFLICT;
            }
            Err(other) => return Err(other.into()),
        }
    }
    let mut form = form;
    form.version = e.version.to_string();
    let title = p.t1("evpages-edit-title", "name", &e.title);
    let page = event_form_page(
        p,
        title,
        format!("{}/modifier", event_href(e.id)),
        manage_href(e.id),
        form,
        errors,
        groupings,
    );
    Ok((status, page).into_response())
}
