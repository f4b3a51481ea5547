//! Events: the public event page and registration (with a waiting list),
//! iCal feeds, check-in and attendance (imported grids, by organization and
//! by person), teams and the reflection canvas, facilitators' observations,
//! the evaluation survey, and the generated bilan.
//!
//! Submodules own their routes; who may do what is decided by
//! `maillage_domain::events` and asked by the extractors of [`access`]
//! (`VisibleEvent`, `ManagedEvent`, `InsideEvent`, …).

pub mod access;
mod calendar;
mod checkin;
mod confirmation;
mod evaluation;
mod form;
mod import;
mod list;
mod manage;
mod public;
mod report;
mod sessions;
mod teams;

use axum::Router;
use maillage_store::entity::event;
use maillage_store::entity::event::EventStatus;
use uuid::Uuid;

use crate::AppState;
use crate::auth::Visitor;
use crate::error::AppError;
use crate::i18n::Lang;

pub use access::{InsideEvent, ManagedEvent, VisibleEvent, may_manage};
pub(crate) use confirmation::site_base;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(list::router())
        .merge(form::router())
        .merge(sessions::router())
        .merge(public::router())
        .merge(confirmation::router())
        .merge(manage::router())
        .merge(calendar::router())
        .merge(import::router())
        .merge(checkin::router())
        .merge(teams::router())
        .merge(evaluation::router())
        .merge(report::router())
}

/// An event's status as people read it.
pub fn status_label(lang: Lang, status: EventStatus) -> String {
    lang.t(&format!("evpages-status-{}", status.as_str()))
}

pub fn event_href(id: Uuid) -> String {
    format!("/evenements/{id}")
}

/// The page coordinators run the event from.
pub fn manage_href(id: Uuid) -> String {
    format!("/evenements/{id}/gestion")
}

/// A draft event is seen only by those who manage it: 404 for others (the
/// rule is `maillage_domain::events::require_visible`). Kept for the
/// network extractors.
pub fn require_visible(visitor: &Visitor, e: &event::Model) -> Result<(), AppError> {
    maillage_domain::events::require_visible(access::principal(visitor), &e.access())
        .map_err(AppError::from)
}
