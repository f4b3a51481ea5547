//! The public event page and its registration form (organization
//! search-as-you-type, waiting list, confirmation shown and stored).

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use chrono::{NaiveDate, Utc};
use maillage_domain::Email;
use maillage_domain::limits::Field;
use maillage_search::{Filters, Kind};
use maillage_store::entity::event::EventStatus;
use maillage_store::entity::{event, event_session, grouping};
use maillage_store::repo::events::{self as repo, RegistrationInput, RegistrationRefusal};
use maillage_store::repo::groupings as groupings_repo;
use serde::Deserialize;

use super::access::{VisibleEvent, may_manage};
use super::confirmation::{Notice, confirmation_text, mail_confirmation, personal_href, site_base};
use super::sessions::{SessionItem, session_items};
use super::{event_href, status_label};
use crate::AppState;
use crate::auth::Visitor;
use crate::bounds::{AnonymousWrite, check_field, shown};
use crate::error::AppError;
use crate::forms::FieldErrors;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::{date_text, opt};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements/{event}", get(show_event))
        .route("/evenements/{event}/organisations", get(list_organizations))
        .route("/evenements/{event}/inscription", post(create_registration))
}

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
        .filter(|r| r.status.is_confirmed())
        .count();
    Ok(EventContext {
        grouping,
        sessions,
        confirmed,
    })
}

/// Today in Québec (`maillage_domain::events::quebec_date`), so that
/// registration closes at local midnight rather than at 19:00 or 20:00.
fn today() -> NaiveDate {
    maillage_domain::events::quebec_date(Utc::now().naive_utc())
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
    // A finished event (done, or its last session past) has no places left
    // to count.
    let last_session = ctx.sessions.iter().map(|s| s.date).max();
    let counting = maillage_domain::events::counts_places(
        e.status == EventStatus::Done,
        last_session,
        today(),
    );
    let left = e.capacity.filter(|_| counting).map(|c| {
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
    let closed_reason = if !e.status.is_published() {
        Some(p.t("evpages-refused-not-open"))
    } else if e.registration_closes_on.is_some_and(|d| today() > d) {
        Some(p.t("evpages-refused-closed"))
    } else {
        None
    };
    Ok(EventPage {
        status: status_label(lang, e.status),
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

impl RegistrationForm {
    /// The registrant's name and e-mail, each field checked (and trimmed to
    /// what can be shown again); errors by field.
    fn check(&mut self, lang: Lang) -> Result<(String, String), FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            errors.push("name", lang.t("evpages-error-name"));
        }
        for (field, kind, value) in [
            ("name", Field::Name, &mut self.name),
            (
                "organization_text",
                Field::Name,
                &mut self.organization_text,
            ),
            (
                "organization_id",
                Field::ShortText,
                &mut self.organization_id,
            ),
            ("role", Field::ShortText, &mut self.role),
            ("needs", Field::LongText, &mut self.needs),
        ] {
            if check_field(&mut errors, lang, field, kind, value) {
                shown(value, kind);
            }
        }
        shown(&mut self.email, Field::Email);
        let email = match Email::parse(&self.email) {
            Ok(m) => Some(m.as_str().to_owned()),
            Err(err) => {
                errors.push("email", lang.t(err.message_key()));
                None
            }
        };
        match (email, errors.is_empty()) {
            (Some(email), true) => Ok((name, email)),
            _ => Err(errors),
        }
    }
}

/// The registrant's organization: a picked suggestion must be a directory
/// organization; otherwise what was typed goes through the matcher and,
/// unmatched, is kept as « autre » (the second value).
async fn registrant_organization(
    state: &AppState,
    form: &RegistrationForm,
) -> Result<(Option<String>, Option<String>), AppError> {
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
        organization_id = crate::plans::resolve_organization(state, &typed).await.ok();
    }
    let organization_text = if organization_id.is_none() {
        opt(&typed)
    } else {
        None
    };
    Ok((organization_id, organization_text))
}

/// Why a registration was refused, as the page says it.
fn refusal_key(refusal: RegistrationRefusal) -> &'static str {
    match refusal {
        RegistrationRefusal::NotOpen => "evpages-refused-not-open",
        RegistrationRefusal::Closed => "evpages-refused-closed",
        RegistrationRefusal::Duplicate => "evpages-refused-duplicate",
    }
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
    let (name, email) = match form.check(lang) {
        Ok(checked) => checked,
        Err(errors) => {
            let page = event_page(&state, p, &visitor, e, form, errors, None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let (organization_id, organization_text) = registrant_organization(&state, &form).await?;
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
            mail_confirmation(&state, &done.registration, &e.title);
            // Post/redirect/get: the confirmation is a page of its own, which
            // a reload shows again instead of sending the form twice.
            let to = format!("{}/inscription", personal_href(e.id, &done.token));
            Ok(Redirect::to(&to).into_response())
        }
        Err(refusal) => {
            let text = lang.t(refusal_key(refusal));
            let errors = FieldErrors::default();
            let page = event_page(&state, p, &visitor, e, form, errors, Some(text)).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
    }
}
