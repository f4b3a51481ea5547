//! The event list, the event forms and sessions, the public event page with
//! its registration form (organization search-as-you-type, waiting list,
//! confirmation shown and stored), the coordinators' registrant list, and
//! the iCal feeds (one event, a grouping's events).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use chrono::{Datelike, NaiveDate, NaiveTime, Utc};
use maillage_domain::limits::Field;
use maillage_domain::ids::RegistrationId;
use maillage_domain::{Email, Permission};
use maillage_interop::ical::{CalendarEvent, EventZone, event_calendar};
use maillage_search::{Filters, Kind};
use maillage_store::StoreError;
use maillage_store::entity::{event, event_session, grouping, registration};
use maillage_store::repo::event_pages as store_pages;
use maillage_store::repo::events::{
    self as repo, EventInput, RegistrationInput, RegistrationRefusal, SessionInput,
};
use maillage_store::repo::groupings as groupings_repo;
use serde::Deserialize;
use uuid::Uuid;

use super::access::{
    EventCreator, ManagedEvent, ManagedRegistration, ManagedSession, VisibleEvent, may_manage,
};
use super::{event_href, manage_href};
use crate::AppState;
use crate::auth::ClientIp;
use crate::auth::{SignedIn, Visitor, actor};
use crate::bounds::{AnonymousWrite, check_field, shown};
use crate::error::AppError;
use crate::extract::{GroupingSlug, Id};
use crate::forms::{Choice, FieldErrors};
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::{date_text, iso, opt};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements", get(list_events))
        .route(
            "/evenements/nouveau",
            get(show_new_event).post(create_event),
        )
        .route("/evenements/{event}", get(show_event))
        .route(
            "/evenements/{event}/modifier",
            get(show_event_form).post(update_event),
        )
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
        .route("/evenements/{event}/organisations", get(list_organizations))
        .route("/evenements/{event}/inscription", post(create_registration))
        .route("/evenements/{event}/gestion", get(show_manage))
        .route(
            "/evenements/{event}/inscriptions/{registration}/annuler",
            post(delete_registration),
        )
        .route(
            "/evenements/{event}/inscriptions/{registration}/confirmation",
            post(create_confirmation_mail),
        )
        .route("/evenements/{event}/calendrier.ics", get(show_event_calendar))
        .route(
            "/regroupements/{grouping}/evenements.ics",
            get(show_grouping_calendar),
        )
}

// ---------- shared bits ----------

pub const STATUSES: [&str; 3] = ["draft", "published", "done"];

pub fn status_label(lang: Lang, code: &str) -> String {
    if STATUSES.contains(&code) {
        lang.t(&format!("evpages-status-{code}"))
    } else {
        code.to_owned()
    }
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
            let times = match (&s.starts_at, &s.ends_at) {
                (Some(a), Some(b)) => format!("{} – {}", clock(a, lang), clock(b, lang)),
                (Some(a), None) => clock(a, lang),
                (None, Some(b)) => format!("– {}", clock(b, lang)),
                (None, None) => String::new(),
            };
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

/// `09:30` as `9 h 30` in French.
fn clock(hhmm: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => match hhmm.split_once(':') {
            Some((h, m)) => format!("{} h {m}", h.trim_start_matches('0').max("0")),
            None => hhmm.to_owned(),
        },
        Lang::En => hhmm.to_owned(),
    }
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
    STATUSES
        .iter()
        .map(|s| Choice {
            value: (*s).to_owned(),
            label: status_label(lang, s),
        })
        .collect()
}

// ---------- the list ----------

pub struct EventItem {
    pub href: String,
    pub title: String,
    pub first_date: String,
    pub sessions: usize,
    pub status: String,
    pub status_code: String,
}

pub struct GroupingEvents {
    pub name: String,
    pub href: String,
    pub ics_href: String,
    pub events: Vec<EventItem>,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/pages_list.html")]
pub struct EventsPage {
    p: Page,
    groups: Vec<GroupingEvents>,
    can_create: bool,
}

/// Events by grouping: published and done ones for everyone, drafts for
/// those who manage them.
pub async fn list_events(
    State(state): State<AppState>,
    p: Page,
    visitor: Visitor,
) -> Result<EventsPage, AppError> {
    let lang = p.lang;
    let groupings = groupings_repo::list(&state.store).await?;
    let events = repo::events_of(state.store.conn(), None).await?;
    let first_dates = store_pages::session_summaries(state.store.conn()).await?;
    let mut by_grouping: HashMap<Option<Uuid>, Vec<&event::Model>> = HashMap::new();
    for e in events
        .iter()
        .filter(|e| e.status != "draft" || may_manage(&visitor, e))
    {
        by_grouping.entry(e.grouping_id).or_default().push(e);
    }
    let item = |e: &event::Model| {
        let (first, n) = first_dates
            .get(&e.id)
            .map_or((None, 0), |(d, n)| (Some(*d), *n));
        EventItem {
            href: event_href(e.id),
            title: e.title.clone(),
            first_date: date_text(first, lang),
            sessions: n,
            status: status_label(lang, &e.status),
            status_code: e.status.clone(),
        }
    };
    let mut groups = Vec::new();
    for g in &groupings {
        if let Some(list) = by_grouping.get(&Some(g.id)) {
            groups.push(GroupingEvents {
                name: g.name.clone(),
                href: format!("/regroupements/{}", g.slug),
                ics_href: format!("/regroupements/{}/evenements.ics", g.slug),
                events: list.iter().map(|e| item(e)).collect(),
            });
        }
    }
    if let Some(list) = by_grouping.get(&None) {
        groups.push(GroupingEvents {
            name: lang.t("evpages-no-grouping"),
            href: String::new(),
            ics_href: String::new(),
            events: list.iter().map(|e| item(e)).collect(),
        });
    }
    let can_create = maillage_domain::events::may_create(super::access::principal(&visitor));
    Ok(EventsPage {
        p,
        groups,
        can_create,
    })
}

// ---------- the event form ----------

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
            status: e.status.clone(),
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
        if !STATUSES.contains(&self.status.as_str()) {
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
            status: self.status.clone(),
            registration_closes_on: closes,
        }
    }
}

/// The session fields of a form; errors by field.
fn check_session(
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
        status: "draft".to_owned(),
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

// ---------- sessions ----------

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

// ---------- the public page and registration ----------

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RegistrationForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub organization_id: String,
    #[serde(default)]
    pub organization_text: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub needs: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/pages_event.html")]
pub struct EventPage {
    p: Page,
    e: event::Model,
    status: String,
    grouping: String,
    grouping_href: String,
    intentions: Vec<String>,
    sessions: Vec<SessionItem>,
    places: String,
    full: bool,
    /// Why the form is not there (not open, closed), if it is not.
    closed_reason: Option<String>,
    closes_on: String,
    form: RegistrationForm,
    errors: FieldErrors,
    refusal: Option<String>,
    can_manage: bool,
    href: String,
}

struct EventContext {
    grouping: Option<grouping::Model>,
    sessions: Vec<event_session::Model>,
    confirmed: usize,
}

async fn context(state: &AppState, e: &event::Model) -> Result<EventContext, AppError> {
    let grouping = match e.grouping_id {
        Some(g) => groupings_repo::find_by_id(&state.store, g).await?,
        None => None,
    };
    let sessions = repo::sessions(state.store.conn(), e.id).await?;
    let confirmed = repo::registrations(state.store.conn(), e.id)
        .await?
        .iter()
        .filter(|r| r.status == "confirmed")
        .count();
    Ok(EventContext {
        grouping,
        sessions,
        confirmed,
    })
}

/// Today in Québec (America/Toronto: UTC−5, UTC−4 from the second Sunday
/// of March to the first Sunday of November), so that registration closes
/// at local midnight rather than at 19:00 or 20:00.
fn today() -> NaiveDate {
    quebec_date(Utc::now().naive_utc())
}

fn nth_sunday(year: i32, month: u32, n: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let to_sunday = (7 - first.weekday().num_days_from_sunday()) % 7;
    first.checked_add_days(chrono::Days::new(u64::from(to_sunday + 7 * (n - 1))))
}

pub fn quebec_date(utc: chrono::NaiveDateTime) -> NaiveDate {
    let standard = utc - chrono::Duration::hours(5);
    let year = standard.date().year();
    let daylight = match (nth_sunday(year, 3, 2), nth_sunday(year, 11, 1)) {
        (Some(start), Some(end)) => {
            // 2:00 standard time in March; 2:00 daylight (1:00 standard) in November.
            standard >= start.and_hms_opt(2, 0, 0).unwrap_or_default()
                && standard < end.and_hms_opt(1, 0, 0).unwrap_or_default()
        }
        _ => false,
    };
    if daylight {
        (utc - chrono::Duration::hours(4)).date()
    } else {
        standard.date()
    }
}

async fn event_page(
    state: &AppState,
    p: Page,
    visitor: &Visitor,
    e: event::Model,
    form: RegistrationForm,
    errors: FieldErrors,
    refusal: Option<String>,
) -> Result<EventPage, AppError> {
    let lang = p.lang;
    let ctx = context(state, &e).await?;
    let left = e.capacity.map(|c| {
        usize::try_from(c)
            .unwrap_or(0)
            .saturating_sub(ctx.confirmed)
    });
    let full = left == Some(0);
    let places = match left {
        None => String::new(),
        Some(0) => p.t("evpages-full"),
        Some(n) => crate::text::count_text(lang, "evpages-places-left", n),
    };
    let closed_reason = if e.status != "published" {
        Some(p.t("evpages-refused-not-open"))
    } else if e.registration_closes_on.is_some_and(|d| today() > d) {
        Some(p.t("evpages-refused-closed"))
    } else {
        None
    };
    Ok(EventPage {
        status: status_label(lang, &e.status),
        grouping: ctx
            .grouping
            .as_ref()
            .map(|g| g.name.clone())
            .unwrap_or_default(),
        grouping_href: ctx
            .grouping
            .as_ref()
            .map(|g| format!("/regroupements/{}", g.slug))
            .unwrap_or_default(),
        intentions: repo::intentions(&e),
        sessions: session_items(e.id, &ctx.sessions, lang),
        places,
        full,
        closed_reason,
        closes_on: date_text(e.registration_closes_on, lang),
        form,
        errors,
        refusal,
        can_manage: may_manage(visitor, &e),
        href: event_href(e.id),
        e,
        p,
    })
}

/// The public page: anyone may read a published or done event and register.
pub async fn show_event(
    State(state): State<AppState>,
    VisibleEvent { event: e, visitor }: VisibleEvent,
    p: Page,
) -> Result<EventPage, AppError> {
    event_page(
        &state,
        p,
        &visitor,
        e,
        RegistrationForm::default(),
        FieldErrors::default(),
        None,
    )
    .await
}

#[derive(Debug, Deserialize)]
pub struct OrgQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    organization_text: String,
}

pub struct OrgOption {
    pub id: String,
    pub name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/pages_org_options.html")]
pub struct OrgOptions {
    p: Page,
    typed: String,
    options: Vec<OrgOption>,
}

/// Directory organizations whose name matches what is typed, as choices
/// of the registration form (htmx swaps them under the field).
pub async fn list_organizations(
    State(state): State<AppState>,
    _: VisibleEvent,
    p: Page,
    Query(q): Query<OrgQuery>,
) -> Result<OrgOptions, AppError> {
    let typed = if q.q.trim().is_empty() {
        q.organization_text.trim().to_owned()
    } else {
        q.q.trim().to_owned()
    };
    let options = organization_options(&state, &typed).await;
    Ok(OrgOptions { p, typed, options })
}

async fn organization_options(state: &AppState, typed: &str) -> Vec<OrgOption> {
    if typed.chars().count() < 2 || Field::Name.check(typed).is_err() {
        return Vec::new();
    }
    let search = state.search.clone();
    let query = typed.to_owned();
    let filters = Filters {
        kind: Some(Kind::Organization),
        ..Filters::default()
    };
    let hits = tokio::task::spawn_blocking(move || search.search(&query, 8, &filters, true))
        .await
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    hits.into_iter()
        .filter(|h| h.kind == Kind::Organization)
        .map(|h| OrgOption {
            id: h.id,
            name: h.name,
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "events/pages_registered.html")]
pub struct RegisteredPage {
    p: Page,
    e: event::Model,
    name: String,
    waitlisted: bool,
    confirmation: String,
    personal_href: String,
    /// An SMTP server is configured: the message is on its way.
    mailed: bool,
}

/// The personal link of a registrant: canvas, evaluation, links declared.
pub fn personal_href(event_id: Uuid, token: &str) -> String {
    format!("{}/moi/{token}", event_href(event_id))
}

fn site_base(state: &AppState, headers: &HeaderMap) -> String {
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
enum Notice {
    Confirmed,
    Waitlisted,
    /// Off the waiting list: a place opened up.
    Promoted,
}

/// The confirmation message: what a mail would say, shown and stored.
fn confirmation_text(
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

pub async fn create_registration(
    State(state): State<AppState>,
    p: Page,
    headers: HeaderMap,
    _quota: AnonymousWrite,
    VisibleEvent { event: e, visitor }: VisibleEvent,
    Form(mut form): Form<RegistrationForm>,
) -> Result<Response, AppError> {
    let lang = p.lang;
    let mut errors = FieldErrors::default();
    let name = form.name.trim().to_owned();
    if name.is_empty() {
        errors.push("name", lang.t("evpages-error-name"));
    }
    for (field, kind, value) in [
        ("name", Field::Name, &mut form.name),
        (
            "organization_text",
            Field::Name,
            &mut form.organization_text,
        ),
        (
            "organization_id",
            Field::ShortText,
            &mut form.organization_id,
        ),
        ("role", Field::ShortText, &mut form.role),
        ("needs", Field::LongText, &mut form.needs),
    ] {
        if check_field(&mut errors, lang, field, kind, value) {
            shown(value, kind);
        }
    }
    shown(&mut form.email, Field::Email);
    let email = match Email::parse(&form.email) {
        Ok(m) => Some(m.as_str().to_owned()),
        Err(err) => {
            errors.push("email", lang.t(err.message_key()));
            None
        }
    };
    let (Some(email), true) = (email, errors.is_empty()) else {
        let page = event_page(&state, p, &visitor, e, form, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    // A picked suggestion must be a directory organization; otherwise what
    // was typed goes through the matcher and, unmatched, is kept as « autre ».
    let typed = form.organization_text.trim().to_owned();
    let mut organization_id = None;
    let picked = form.organization_id.trim();
    if !picked.is_empty() {
        let ids = [picked.to_owned()];
        if groupings_repo::org_briefs(state.store.conn(), Some(&ids))
            .await?
            .contains_key(picked)
        {
            organization_id = Some(picked.to_owned());
        }
    }
    if organization_id.is_none() && !typed.is_empty() {
        organization_id = crate::plans::resolve_organization(&state, &typed)
            .await
            .ok();
    }
    let organization_text = if organization_id.is_none() {
        opt(&typed)
    } else {
        None
    };
    let input = RegistrationInput {
        name: name.clone(),
        email,
        organization_id,
        organization_text,
        role: opt(&form.role),
        needs: opt(&form.needs),
        confirmation_lang: Some(lang.short().to_owned()),
    };
    let sessions = session_items(e.id, &repo::sessions(state.store.conn(), e.id).await?, lang);
    let base = site_base(&state, &headers);
    let outcome = repo::register(&state.store, e.id, &input, today(), |waitlisted, token| {
        let link = format!("{base}{}", personal_href(e.id, token));
        let notice = if waitlisted {
            Notice::Waitlisted
        } else {
            Notice::Confirmed
        };
        confirmation_text(lang, &e, &sessions, &name, notice, &link)
    })
    .await?;
    match outcome {
        Ok(done) => {
            let mailed = if let Some(mailer) = state.config.mail.clone() {
                // After the commit, and off the request: the registrant's
                // page never waits on the mail server nor fails with it.
                let (state, registration, title) =
                    (state.clone(), done.registration.clone(), e.title.clone());
                tokio::spawn(async move {
                    let _ = deliver_confirmation(&state, &mailer, &registration, &title).await;
                });
                true
            } else {
                false
            };
            let page = RegisteredPage {
                mailed,
                name,
                waitlisted: done.waitlisted,
                confirmation: done.registration.confirmation.clone().unwrap_or_default(),
                personal_href: personal_href(e.id, &done.token),
                e,
                p,
            };
            Ok((StatusCode::CREATED, page).into_response())
        }
        Err(refusal) => {
            let key = match refusal {
                RegistrationRefusal::NotOpen => "evpages-refused-not-open",
                RegistrationRefusal::Closed => "evpages-refused-closed",
                RegistrationRefusal::Duplicate => "evpages-refused-duplicate",
            };
            let text = lang.t(key);
            let page = event_page(
                &state,
                p,
                &visitor,
                e,
                form,
                FieldErrors::default(),
                Some(text),
            )
            .await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
    }
}

/// The message to someone leaving the waiting list: in the language they
/// registered in, with the personal link their first message carried (only
/// its digest is stored), else the event's page.
fn promotion_text(
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

/// Tells each promoted registrant, after the commit and off the request
/// (as for a confirmation); the outcome is recorded on the registration.
fn mail_promoted(state: &AppState, title: &str, promoted: Vec<registration::Model>) {
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
    let key = if r.status == "waitlist" {
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
        Some(_) if r.status == "cancelled" => "erreur=flash-evpages-error-mail-cancelled",
        Some(mailer) => match deliver_confirmation(&state, mailer, &r, &e.title).await {
            Ok(()) => "ok=flash-evpages-mail-resent",
            Err(_) => "erreur=flash-evpages-error-mail-failed",
        },
    };
    Ok(Redirect::to(&format!("{}?{flash}#reg-{rid}", manage_href(e.id))).into_response())
}

// ---------- management ----------

pub struct RegistrantItem {
    pub id: String,
    pub name: String,
    pub email: String,
    pub organization: String,
    pub organization_other: bool,
    pub role: String,
    pub needs: String,
    pub status: String,
    pub status_code: String,
    pub cancel_href: String,
    /// `sent`, `failed`, `pending` (configured, no answer yet) or `off`.
    pub mail_code: &'static str,
    pub mail_status: String,
    pub mail_error: String,
    /// Offered when the confirmation did not go (and a server is set).
    pub resend_href: Option<String>,
}

pub struct ManageLink {
    pub href: String,
    pub label: String,
    pub id: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/pages_manage.html")]
pub struct ManagePage {
    p: Page,
    e: event::Model,
    status: String,
    sessions: Vec<SessionItem>,
    registrants: Vec<RegistrantItem>,
    confirmed: usize,
    waitlisted: usize,
    cancelled: usize,
    capacity: String,
    promoted: Option<String>,
    links: Vec<ManageLink>,
    href: String,
}

#[derive(Debug, Deserialize)]
pub struct ManageQuery {
    #[serde(default)]
    promu: String,
}

pub fn registration_status_label(lang: Lang, code: &str) -> String {
    match code {
        "confirmed" | "waitlist" | "cancelled" => lang.t(&format!("evpages-reg-{code}")),
        other => other.to_owned(),
    }
}

pub async fn show_manage(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    p: Page,
    Query(q): Query<ManageQuery>,
) -> Result<ManagePage, AppError> {
    let lang = p.lang;
    let regs = repo::registrations(state.store.conn(), e.id).await?;
    let org_ids: Vec<String> = regs
        .iter()
        .filter_map(|r| r.organization_id.clone())
        .collect();
    let orgs = groupings_repo::org_briefs(state.store.conn(), Some(&org_ids)).await?;
    let count = |s: &str| regs.iter().filter(|r| r.status == s).count();
    let (confirmed, waitlisted, cancelled) =
        (count("confirmed"), count("waitlist"), count("cancelled"));
    let promoted = Uuid::parse_str(q.promu.trim())
        .ok()
        .and_then(|pid| regs.iter().find(|r| r.id == pid))
        .map(|r| p.t1("evpages-promoted", "name", &r.name));
    let registrants = regs
        .iter()
        .map(|r| registrant_item(lang, &e, r, &orgs, state.config.mail.is_some()))
        .collect();
    let sessions = session_items(e.id, &repo::sessions(state.store.conn(), e.id).await?, lang);
    let base = event_href(e.id);
    let links = [
        ("presences", "evpages-link-attendance", "link-attendance"),
        ("presences/importer", "evpages-link-import", "link-import"),
        ("equipes", "evpages-link-teams", "link-teams"),
        ("canevas", "evpages-link-canvas", "link-canvas"),
        (
            "observations",
            "evpages-link-observations",
            "link-observations",
        ),
        ("mosaique", "evpages-link-mosaic", "link-mosaic"),
        ("evaluation", "evpages-link-evaluation", "link-evaluation"),
        ("bilan", "evpages-link-report", "link-report"),
        ("reseau", "nav-network", "link-network"),
    ]
    .into_iter()
    .map(|(path, key, id)| ManageLink {
        href: format!("{base}/{path}"),
        label: lang.t(key),
        id,
    })
    .collect();
    Ok(ManagePage {
        status: status_label(lang, &e.status),
        capacity: e.capacity.map(|c| c.to_string()).unwrap_or_default(),
        sessions,
        registrants,
        confirmed,
        waitlisted,
        cancelled,
        promoted,
        links,
        href: base,
        e,
        p,
    })
}

fn registrant_item(
    lang: Lang,
    e: &event::Model,
    r: &registration::Model,
    orgs: &HashMap<String, groupings_repo::OrgBrief>,
    mail_configured: bool,
) -> RegistrantItem {
    let (organization, organization_other) = match (&r.organization_id, &r.organization_text) {
        (Some(id), _) => (crate::plans::org_name(orgs, id), false),
        (None, Some(t)) => (t.clone(), true),
        (None, None) => (String::new(), false),
    };
    let mail_code = match (&r.confirmation_sent_at, &r.confirmation_error) {
        (Some(_), _) => "sent",
        (None, Some(_)) => "failed",
        (None, None) if mail_configured => "pending",
        (None, None) => "off",
    };
    let mail_status = match (mail_code, r.confirmation_sent_at) {
        ("sent", Some(at)) => lang.t_args(
            "evpages-mail-status-sent",
            &[("date", date_text(Some(quebec_date(at.naive_utc())), lang))],
        ),
        (code, _) => lang.t(&format!("evpages-mail-status-{code}")),
    };
    RegistrantItem {
        mail_code,
        mail_status,
        mail_error: r.confirmation_error.clone().unwrap_or_default(),
        resend_href: (mail_configured && mail_code != "sent" && r.status != "cancelled")
            .then(|| format!("{}/inscriptions/{}/confirmation", event_href(e.id), r.id)),
        id: r.id.to_string(),
        name: r.name.clone(),
        email: r.email.clone(),
        organization,
        organization_other,
        role: r.role.clone().unwrap_or_default(),
        needs: r.needs.clone().unwrap_or_default(),
        status: registration_status_label(lang, &r.status),
        status_code: r.status.clone(),
        cancel_href: format!("{}/inscriptions/{}/annuler", event_href(e.id), r.id),
    }
}

pub async fn delete_registration(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Id(rid): Id<RegistrationId>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let rid = rid.uuid();
    let sessions = repo::sessions(state.store.conn(), e.id).await?;
    let event_link = format!("{}{}", site_base(&state, &headers), event_href(e.id));
    let promoted = repo::cancel_registration(&state.store, e.id, rid, |r| {
        promotion_text(&e, &sessions, &event_link, r)
    })
    .await?;
    let first = promoted.first().map(|r| r.id);
    mail_promoted(&state, &e.title, promoted);
    let target = match first {
        Some(promoted) => format!(
            "{}?ok=flash-evpages-registration-cancelled&promu={}#inscriptions",
            manage_href(e.id),
            promoted
        ),
        None => format!(
            "{}?ok=flash-evpages-registration-cancelled#inscriptions",
            manage_href(e.id)
        ),
    };
    Ok(Redirect::to(&target).into_response())
}

// ---------- iCal ----------

fn calendar_entries(
    base: &str,
    e: &event::Model,
    sessions: &[event_session::Model],
) -> Vec<CalendarEvent> {
    sessions
        .iter()
        .map(|s| {
            let time = |t: &Option<String>| {
                t.as_deref()
                    .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
            };
            let start_time = time(&s.starts_at).unwrap_or(NaiveTime::MIN);
            let start = s.date.and_time(start_time);
            // Without an end, an hour; without any time, the whole day.
            let end = match (time(&s.starts_at), time(&s.ends_at)) {
                (_, Some(t)) if s.date.and_time(t) > start => s.date.and_time(t),
                (Some(_), _) => start + chrono::Duration::hours(1),
                (None, _) => start + chrono::Duration::days(1),
            };
            let location = match (&s.place, &s.address) {
                (Some(p), Some(a)) => Some(format!("{p}, {a}")),
                (Some(p), None) => Some(p.clone()),
                (None, Some(a)) => Some(a.clone()),
                (None, None) => None,
            };
            CalendarEvent {
                uid: format!("session-{}@maillage", s.id),
                title: e.title.clone(),
                description: e.description.clone(),
                start,
                end,
                zone: EventZone::Toronto,
                location,
                url: Some(format!("{base}{}", event_href(e.id))),
            }
        })
        .collect()
}

fn calendar_response(text: String, filename: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
        ],
        text,
    )
        .into_response()
}

pub async fn show_event_calendar(
    State(state): State<AppState>,
    VisibleEvent { event: e, .. }: VisibleEvent,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let sessions = repo::sessions(state.store.conn(), e.id).await?;
    let base = site_base(&state, &headers);
    let text = event_calendar(&calendar_entries(&base, &e, &sessions));
    Ok(calendar_response(text, "evenement.ics"))
}

/// The published and done events of a grouping, for a calendar to follow.
pub async fn show_grouping_calendar(
    State(state): State<AppState>,
    Id(GroupingSlug(slug)): Id<GroupingSlug>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let g = groupings_repo::find_by_slug(state.store.conn(), &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let base = site_base(&state, &headers);
    let mut entries = Vec::new();
    for e in repo::events_of(state.store.conn(), Some(&[g.id])).await? {
        if e.status == "draft" {
            continue;
        }
        let sessions = repo::sessions(state.store.conn(), e.id).await?;
        entries.extend(calendar_entries(&base, &e, &sessions));
    }
    entries.sort_by_key(|c| c.start);
    Ok(calendar_response(
        event_calendar(&entries),
        &format!("{slug}.ics"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap_or_default()
    }

    #[test]
    fn quebec_dates_follow_daylight_saving() {
        // Winter: UTC−5.
        assert_eq!(
            quebec_date(at(2018, 1, 10, 4)),
            NaiveDate::from_ymd_opt(2018, 1, 9).unwrap()
        );
        assert_eq!(
            quebec_date(at(2018, 1, 10, 5)),
            NaiveDate::from_ymd_opt(2018, 1, 10).unwrap()
        );
        // Summer: UTC−4.
        assert_eq!(
            quebec_date(at(2018, 5, 8, 3)),
            NaiveDate::from_ymd_opt(2018, 5, 7).unwrap()
        );
        assert_eq!(
            quebec_date(at(2018, 5, 8, 4)),
            NaiveDate::from_ymd_opt(2018, 5, 8).unwrap()
        );
        // 2018 switched on 11 March and 4 November.
        assert_eq!(nth_sunday(2018, 3, 2), NaiveDate::from_ymd_opt(2018, 3, 11));
        assert_eq!(
            nth_sunday(2018, 11, 1),
            NaiveDate::from_ymd_opt(2018, 11, 4)
        );
        assert_eq!(
            quebec_date(at(2018, 11, 27, 4)),
            NaiveDate::from_ymd_opt(2018, 11, 26).unwrap()
        );
    }

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
