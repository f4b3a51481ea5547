//! Events: the public event page and registration (with a waiting list),
//! iCal feeds, check-in and attendance (imported grids, by organization and
//! by person), teams and the reflection canvas, facilitators' observations,
//! the evaluation survey, and the generated bilan.
//!
//! Submodules own their routes; who may do what is asked of
//! `Principal::allows` through the helpers below.

mod checkin;
mod evaluation;
pub mod import;
mod pages;
mod report;
mod teams;

use axum::Router;
use maillage_domain::Permission;
use maillage_store::entity::event;
use maillage_store::repo::events as repo;
use uuid::Uuid;

use crate::AppState;
use crate::auth::Visitor;
use crate::error::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(pages::router())
        .merge(import::router())
        .merge(checkin::router())
        .merge(teams::router())
        .merge(evaluation::router())
        .merge(report::router())
}

pub fn event_href(id: Uuid) -> String {
    format!("/evenements/{id}")
}

/// The page coordinators run the event from.
pub fn manage_href(id: Uuid) -> String {
    format!("/evenements/{id}/gestion")
}

pub async fn event_or_404(state: &AppState, id: &str) -> Result<event::Model, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    repo::event(state.store.conn(), id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Whether the visitor coordinates the event: `EditGrouping` in its
/// grouping (an event of no grouping: administrators only).
pub fn may_manage(visitor: &Visitor, e: &event::Model) -> bool {
    visitor.0.as_ref().is_some_and(|u| match e.grouping_id {
        Some(g) => u
            .principal
            .allows(Permission::EditGrouping, Some(&g.to_string())),
        None => u.principal.is_admin,
    })
}

/// Whether the visitor is inside the event's grouping (any role): they see
/// its registrants, teams, answers and results.
pub fn is_inside(visitor: &Visitor, e: &event::Model) -> bool {
    visitor.0.as_ref().is_some_and(|u| match e.grouping_id {
        Some(g) => u
            .principal
            .allows(Permission::ReadGrouping, Some(&g.to_string())),
        None => u.principal.is_admin,
    })
}

/// 401 for anonymous visitors, 403 for others who may not manage it.
pub fn require_manage(visitor: &Visitor, e: &event::Model) -> Result<(), AppError> {
    if visitor.0.is_none() {
        Err(AppError::Unauthenticated)
    } else if may_manage(visitor, e) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// 401 for anonymous visitors, 403 for accounts outside the grouping, 404
/// for a draft to those who do not manage it (see [`require_visible`]).
pub fn require_inside(visitor: &Visitor, e: &event::Model) -> Result<(), AppError> {
    if visitor.0.is_none() {
        Err(AppError::Unauthenticated)
    } else if is_inside(visitor, e) {
        require_visible(visitor, e)?;
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A draft event is seen only by those who manage it: 404 for others.
pub fn require_visible(visitor: &Visitor, e: &event::Model) -> Result<(), AppError> {
    if e.status == "draft" && !may_manage(visitor, e) {
        Err(AppError::NotFound)
    } else {
        Ok(())
    }
}
