//! Self-assessment tools: the builder and the templates (`tools`), the
//! responses filled on a phone or a computer (`responses`), the portraits
//! of a respondent and of a grouping (`portrait`), the items that become
//! plan actions (`actions`), the exports (`export`) and the JSON API of
//! DESIGN.md §4 *Assessments, toolkits, findings* (`api`).
//!
//! What may be answered is `maillage_domain::assessments`; who may fill or
//! change what is decided by the extractors of [`access`].

pub mod access;
mod actions;
mod api;
mod export;
mod portrait;
mod responses;
mod tools;

use axum::Router;

use crate::AppState;

/// The assessments routes of the documented API.
pub(crate) fn api_routes(
    router: utoipa_axum::router::OpenApiRouter<AppState>,
) -> utoipa_axum::router::OpenApiRouter<AppState> {
    api::routes(router)
}

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(tools::router())
        .merge(responses::router())
        .merge(portrait::router())
        .merge(actions::router())
        .merge(export::router())
}
