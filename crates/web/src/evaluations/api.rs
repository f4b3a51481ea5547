//! The evaluations JSON API of DESIGN.md §4 *Assessments, toolkits,
//! findings* (tag `evaluations`). Reads take any signed-in account (a
//! session or an API token); the changes (a link to an action, a status)
//! take a coordinator of the recommendation's grouping, with the session's
//! CSRF header or a write token.
//!
//! Statuses are the codes of `maillage_domain::evaluations`:
//! `retenue`, `en_cours`, `realisee`, `non_retenue` (which needs a reason).

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use maillage_domain::evaluations::status_change;
use maillage_store::repo::evaluations::{self as repo, Evaluation, Recommendation};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::access::{
    ApiEditableRecommendation, ApiReadableEvaluation, EditableRecommendation, reader,
};
use crate::AppState;
use crate::api::ErrorBody;
use crate::auth::{ClientIp, Visitor, actor};
use crate::error::AppError;

pub const TAG: &str = "evaluations";

crate::api::json_body!(pub Body, json = "evaluations-api-error-json", fields = "evaluations-api-error-fields");

pub(super) fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(list_evaluations))
        .routes(routes!(show_evaluation))
        .routes(routes!(list_recommendations))
        .routes(routes!(create_recommendation_action))
        .routes(routes!(update_recommendation_status))
}

#[derive(Serialize, ToSchema)]
pub struct FindingJson {
    id: Uuid,
    text: String,
}

#[derive(Serialize, ToSchema)]
pub struct RecommendationJson {
    id: Uuid,
    text: String,
    /// `retenue`, `en_cours`, `realisee` or `non_retenue`.
    #[schema(example = "retenue")]
    status: String,
    /// The ids of the plan actions that answer it.
    actions: Vec<Uuid>,
}

impl From<&Recommendation> for RecommendationJson {
    fn from(r: &Recommendation) -> Self {
        RecommendationJson {
            id: r.model.id,
            text: r.model.text.clone(),
            status: r.status.as_str().to_owned(),
            actions: r.actions.iter().map(|a| a.id).collect(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AxisJson {
    title: String,
    findings: Vec<FindingJson>,
    recommendations: Vec<RecommendationJson>,
}

/// An evaluation as `GET /api/v1/evaluations` lists it.
#[derive(Serialize, ToSchema)]
pub struct EvaluationJson {
    id: Uuid,
    title: String,
    year: i32,
    /// The reference to cite (empty when none was given).
    citation: String,
    axes: Vec<AxisJson>,
}

fn axes_json(e: &Evaluation) -> Vec<AxisJson> {
    e.axes
        .iter()
        .map(|a| AxisJson {
            title: a.model.title.clone(),
            findings: a
                .findings
                .iter()
                .map(|f| FindingJson {
                    id: f.id,
                    text: f.text.clone(),
                })
                .collect(),
            recommendations: a
                .recommendations
                .iter()
                .map(RecommendationJson::from)
                .collect(),
        })
        .collect()
}

impl From<&Evaluation> for EvaluationJson {
    fn from(e: &Evaluation) -> Self {
        EvaluationJson {
            id: e.model.id,
            title: e.model.title.clone(),
            year: e.model.year,
            citation: e.model.citation.clone().unwrap_or_default(),
            axes: axes_json(e),
        }
    }
}

/// One evaluation: the list's shape, with its authors and owner grouping.
#[derive(Serialize, ToSchema)]
pub struct EvaluationDetailJson {
    id: Uuid,
    title: String,
    authors: String,
    year: i32,
    citation: String,
    /// The owner grouping's slug.
    grouping: String,
    axes: Vec<AxisJson>,
}

/// Every evaluation (newest year first), with its axes, findings and
/// recommendations in order.
#[utoipa::path(get, path = "/api/v1/evaluations", tag = TAG,
    responses(
        (status = 200, body = [EvaluationJson]),
        (status = 401, body = ErrorBody, description = "Not signed in")
    )
)]
pub(super) async fn list_evaluations(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Json<Vec<EvaluationJson>>, AppError> {
    reader(visitor)?;
    let all = repo::list(&state.store).await?;
    Ok(Json(all.iter().map(EvaluationJson::from).collect()))
}

/// One evaluation.
#[utoipa::path(get, path = "/api/v1/evaluations/{id}", tag = TAG,
    params(("id" = Uuid, Path, description = "Evaluation id")),
    responses(
        (status = 200, body = EvaluationDetailJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 404, body = ErrorBody, description = "No such evaluation")
    )
)]
pub(super) async fn show_evaluation(
    ApiReadableEvaluation(r): ApiReadableEvaluation,
) -> Json<EvaluationDetailJson> {
    let e = &r.evaluation;
    Json(EvaluationDetailJson {
        id: e.model.id,
        title: e.model.title.clone(),
        authors: e.model.authors.clone(),
        year: e.model.year,
        citation: e.model.citation.clone().unwrap_or_default(),
        grouping: e.grouping_slug.clone(),
        axes: axes_json(e),
    })
}

#[derive(Deserialize, IntoParams)]
pub struct RecommendationsQuery {
    /// `true`: only the recommendations no action answers yet.
    #[serde(default)]
    without_action: Option<bool>,
}

/// A recommendation with its axis, as the filtered list gives it.
#[derive(Serialize, ToSchema)]
pub struct RecommendationDetailJson {
    id: Uuid,
    /// The title of its axis.
    axis: String,
    text: String,
    /// `retenue`, `en_cours`, `realisee` or `non_retenue`.
    status: String,
    /// Why it was not kept (or a note on its status).
    reason: Option<String>,
    actions: Vec<Uuid>,
}

/// The evaluation's recommendations, axis by axis; with
/// `without_action=true`, only those no action answers yet.
#[utoipa::path(get, path = "/api/v1/evaluations/{id}/recommendations", tag = TAG,
    params(("id" = Uuid, Path, description = "Evaluation id"), RecommendationsQuery),
    responses(
        (status = 200, body = [RecommendationDetailJson]),
        (status = 400, body = ErrorBody, description = "`without_action` is not `true` or `false`"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 404, body = ErrorBody, description = "No such evaluation")
    )
)]
pub(super) async fn list_recommendations(
    ApiReadableEvaluation(r): ApiReadableEvaluation,
    Query(q): Query<RecommendationsQuery>,
) -> Json<Vec<RecommendationDetailJson>> {
    let only_without = q.without_action.unwrap_or(false);
    Json(
        r.evaluation
            .recommendations()
            .filter(|(_, rec)| !only_without || rec.actions.is_empty())
            .map(|(axis, rec)| RecommendationDetailJson {
                id: rec.model.id,
                axis: axis.model.title.clone(),
                text: rec.model.text.clone(),
                status: rec.status.as_str().to_owned(),
                reason: rec.model.reason.clone(),
                actions: rec.actions.iter().map(|a| a.id).collect(),
            })
            .collect(),
    )
}

#[derive(Deserialize, ToSchema)]
pub struct LinkBody {
    /// The id of an action of the recommendation's grouping's plans.
    action: Uuid,
}

#[derive(Serialize, ToSchema)]
pub struct LinkJson {
    recommendation: Uuid,
    action: Uuid,
    /// `false` when the action was already linked (nothing written).
    created: bool,
}

/// Links an action of the recommendation's grouping to it. An action of
/// another grouping is refused (422) and nothing is written.
#[utoipa::path(post, path = "/api/v1/recommendations/{id}/actions", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = Uuid, Path, description = "Recommendation id")),
    request_body = LinkBody,
    responses(
        (status = 201, body = LinkJson, description = "Linked"),
        (status = 200, body = LinkJson, description = "Already linked"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the recommendation's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such recommendation"),
        (status = 422, body = ErrorBody, description = "An unknown action, or an action of another grouping")
    )
)]
pub(super) async fn create_recommendation_action(
    State(state): State<AppState>,
    ApiEditableRecommendation(EditableRecommendation {
        recommendation,
        user,
        ..
    }): ApiEditableRecommendation,
    ip: ClientIp,
    Body(body): Body<LinkBody>,
) -> Result<(StatusCode, Json<LinkJson>), AppError> {
    let created = repo::link_action(
        &state.store,
        &actor(&user, &ip),
        recommendation.id,
        body.action,
    )
    .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(LinkJson {
            recommendation: recommendation.id,
            action: body.action,
            created,
        }),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct StatusBody {
    /// `retenue`, `en_cours`, `realisee` or `non_retenue`.
    status: String,
    /// Required for `non_retenue`; kept as a note otherwise.
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct StatusJson {
    id: Uuid,
    status: String,
    reason: Option<String>,
    updated_at: chrono::DateTime<chrono::Utc>,
}

/// Sets a recommendation's follow-up status. `non_retenue` without a
/// reason, or an unknown status, is refused (422) and nothing is written.
#[utoipa::path(post, path = "/api/v1/recommendations/{id}/status", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = Uuid, Path, description = "Recommendation id")),
    request_body = StatusBody,
    responses(
        (status = 200, body = StatusJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the recommendation's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such recommendation"),
        (status = 422, body = ErrorBody, description = "An unknown status, or `non_retenue` without a reason")
    )
)]
pub(super) async fn update_recommendation_status(
    State(state): State<AppState>,
    ApiEditableRecommendation(EditableRecommendation {
        recommendation,
        user,
        ..
    }): ApiEditableRecommendation,
    ip: ClientIp,
    Body(body): Body<StatusBody>,
) -> Result<Json<StatusJson>, AppError> {
    let change = status_change(&body.status, body.reason.as_deref())?;
    let model =
        repo::set_status(&state.store, &actor(&user, &ip), recommendation.id, &change).await?;
    Ok(Json(StatusJson {
        id: model.id,
        status: model.status,
        reason: model.reason,
        updated_at: model.updated_at,
    }))
}
