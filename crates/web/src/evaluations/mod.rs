//! Evaluations: a grouping's evaluation reports, their axes, findings
//! (« constats ») and recommendations, the follow-up status of each
//! recommendation and the plan actions that answer it; the view of the
//! recommendations no action answers yet; the JSON API of DESIGN.md §4
//! *Assessments, toolkits, findings* (tag `evaluations`).
//!
//! Any signed-in account reads evaluations; a coordinator of the owner
//! grouping (or an administrator) changes them
//! (`maillage_domain::plans::require_edit_grouping`, asked by the
//! extractors of [`access`]). What a status or a text may be is
//! `maillage_domain::evaluations`.

pub mod access;
mod api;
mod pages;

use axum::Router;
use maillage_domain::evaluations::RecommendationStatus;
use maillage_store::repo::evaluations::EvaluationsError;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::i18n::Lang;

pub use pages::answered_recommendations;

/// The evaluation routes of the documented API.
pub(crate) fn api_routes(
    router: utoipa_axum::router::OpenApiRouter<AppState>,
) -> utoipa_axum::router::OpenApiRouter<AppState> {
    api::routes(router)
}

pub fn router() -> Router<AppState> {
    pages::router()
}

pub fn evaluation_href(id: Uuid) -> String {
    format!("/evaluations/{id}")
}

pub fn recommendation_href(evaluation: Uuid, recommendation: Uuid) -> String {
    format!("/evaluations/{evaluation}#r-{recommendation}")
}

/// « Retenue », « En cours », « Réalisée », « Non retenue ».
pub fn status_label(lang: Lang, status: RecommendationStatus) -> String {
    lang.t(status.label_key())
}

/// The one mapping of the store's refusals to HTTP: a foreign action or
/// strategy, an unknown action and bad input are 422 (a French message),
/// a missing recommendation 404.
impl From<EvaluationsError> for AppError {
    fn from(e: EvaluationsError) -> Self {
        match e {
            EvaluationsError::NotFound => AppError::NotFound,
            EvaluationsError::Invalid(e) => AppError::Unprocessable(e.key()),
            EvaluationsError::UnknownAction => {
                AppError::Unprocessable("evaluations-error-unknown-action")
            }
            EvaluationsError::ForeignAction => {
                AppError::Unprocessable("evaluations-error-foreign-action")
            }
            EvaluationsError::ForeignStrategy => {
                AppError::Unprocessable("evaluations-error-foreign-strategy")
            }
            EvaluationsError::Store(e) => AppError::from(e),
        }
    }
}

impl From<maillage_domain::evaluations::EvaluationError> for AppError {
    fn from(e: maillage_domain::evaluations::EvaluationError) -> Self {
        AppError::Unprocessable(e.key())
    }
}
