//! The coordinators' page of an event: sessions, registrants (with the
//! outcome of their confirmation mail), cancelling a registration, and the
//! links to the event's other pages.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maillage_domain::ids::RegistrationId;
use maillage_store::entity::registration::RegistrationStatus;
use maillage_store::entity::{event, registration};
use maillage_store::repo::events::{self as repo};
use maillage_store::repo::groupings as groupings_repo;
use serde::Deserialize;
use uuid::Uuid;

use super::access::ManagedEvent;
use super::confirmation::{mail_promoted, promotion_text, site_base};
use super::sessions::{SessionItem, session_items};
use super::{event_href, manage_href, status_label};
use crate::AppState;
use crate::error::AppError;
use crate::extract::Id;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::date_text;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements/{event}/gestion", get(show_manage))
        .route(
            "/evenements/{event}/inscriptions/{registration}/annuler",
            post(delete_registration),
        )
}

pub struct RegistrantItem {
    pub id: String,
    pub name: String,
    pub email: String,
    pub organization: String,
    pub organization_other: bool,
    pub role: String,
    pub needs: String,
    pub status: String,
    /// The stored status, as the row's CSS class.
    pub status_code: &'static str,
    pub confirmed: bool,
    pub cancelled: bool,
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

pub fn registration_status_label(lang: Lang, status: RegistrationStatus) -> String {
    lang.t(&format!("evpages-reg-{}", status.as_str()))
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
    let count = |s: RegistrationStatus| regs.iter().filter(|r| r.status == s).count();
    let (confirmed, waitlisted, cancelled) = (
        count(RegistrationStatus::Confirmed),
        count(RegistrationStatus::Waitlist),
        count(RegistrationStatus::Cancelled),
    );
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
        ("salles", "live-rooms-link", "link-live"),
    ]
    .into_iter()
    .map(|(path, key, id)| ManageLink {
        href: format!("{base}/{path}"),
        label: lang.t(key),
        id,
    })
    .collect();
    Ok(ManagePage {
        status: status_label(lang, e.status),
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
            &[(
                "date",
                date_text(
                    Some(maillage_domain::events::quebec_date(at.naive_utc())),
                    lang,
                ),
            )],
        ),
        (code, _) => lang.t(&format!("evpages-mail-status-{code}")),
    };
    RegistrantItem {
        mail_code,
        mail_status,
        mail_error: r.confirmation_error.clone().unwrap_or_default(),
        resend_href: (mail_configured && mail_code != "sent" && !r.status.is_cancelled())
            .then(|| format!("{}/inscriptions/{}/confirmation", event_href(e.id), r.id)),
        id: r.id.to_string(),
        name: r.name.clone(),
        email: r.email.clone(),
        organization,
        organization_other,
        role: r.role.clone().unwrap_or_default(),
        needs: r.needs.clone().unwrap_or_default(),
        status: registration_status_label(lang, r.status),
        status_code: r.status.as_str(),
        confirmed: r.status.is_confirmed(),
        cancelled: r.status.is_cancelled(),
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
