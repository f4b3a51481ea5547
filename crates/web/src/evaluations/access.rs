//! The evaluations area's resource extractors. Each loads what its route
//! names (an evaluation, an axis, a finding, a recommendation), checks that
//! it belongs where the route says (404 otherwise) and asks the rule:
//! reading needs an account (401 anonymous); changing needs to coordinate
//! the owner grouping (`maillage_domain::plans::require_edit_grouping`:
//! 403 otherwise). The API's routes name their resource `{id}`.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use maillage_domain::Permission;
use maillage_domain::ids::{AxisId, EvaluationId, FindingId, RecommendationId};
use maillage_domain::plans as rules;
use maillage_store::entity::{
    evaluation, evaluation_axis, evaluation_finding, evaluation_recommendation,
};
use maillage_store::repo::evaluations as repo;
use uuid::Uuid;

use crate::AppState;
use crate::api::ApiId;
use crate::auth::{SignedIn, Visitor};
use crate::error::AppError;
use crate::extract::Id;
use crate::plans::access::allowed;

async fn visitor(parts: &mut Parts, state: &AppState) -> Visitor {
    let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
    visitor
}

/// The signed-in account that may read evaluations (401 anonymous, 403
/// an account with no role anywhere).
pub fn reader(visitor: Visitor) -> Result<Arc<SignedIn>, AppError> {
    let user = visitor.0.ok_or(AppError::Unauthenticated)?;
    if user.principal.allows(Permission::UseApp, None) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether the visitor coordinates the grouping (or administers).
pub fn may_edit(visitor: &Visitor, grouping_id: Uuid) -> bool {
    rules::require_edit_grouping(
        visitor.0.as_deref().map(|u| &u.principal),
        &grouping_id.to_string(),
    )
    .is_ok()
}

fn editor(visitor: Visitor, grouping_id: Uuid) -> Result<Arc<SignedIn>, AppError> {
    let grouping = grouping_id.to_string();
    allowed(visitor, |p| rules::require_edit_grouping(p, &grouping))
}

/// An evaluation with everything under it, for a signed-in reader.
pub struct ReadableEvaluation {
    pub evaluation: repo::Evaluation,
    pub user: Arc<SignedIn>,
    pub can_edit: bool,
}

async fn readable(
    parts: &mut Parts,
    state: &AppState,
    id: Uuid,
) -> Result<ReadableEvaluation, AppError> {
    let visitor = visitor(parts, state).await;
    let user = reader(Visitor(visitor.0.clone()))?;
    let evaluation = repo::get(&state.store, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let can_edit = may_edit(&visitor, evaluation.model.grouping_id);
    Ok(ReadableEvaluation {
        evaluation,
        user,
        can_edit,
    })
}

impl FromRequestParts<AppState> for ReadableEvaluation {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<EvaluationId>::from_request_parts(parts, state).await?;
        readable(parts, state, id.uuid()).await
    }
}

/// [`ReadableEvaluation`] named `{id}` (the API).
pub struct ApiReadableEvaluation(pub ReadableEvaluation);

impl FromRequestParts<AppState> for ApiReadableEvaluation {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(ApiId(id)) = Id::<ApiId<EvaluationId>>::from_request_parts(parts, state).await?;
        readable(parts, state, id.uuid())
            .await
            .map(ApiReadableEvaluation)
    }
}

/// An evaluation whose grouping the visitor coordinates.
pub struct EditableEvaluation {
    pub evaluation: evaluation::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableEvaluation {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<EvaluationId>::from_request_parts(parts, state).await?;
        let visitor = visitor(parts, state).await;
        // Anonymous first: a sign-in page rather than a 404 for a guess.
        if visitor.0.is_none() {
            return Err(AppError::Unauthenticated);
        }
        let evaluation = repo::evaluation_row(&state.store, id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        let user = editor(visitor, evaluation.grouping_id)?;
        Ok(EditableEvaluation { evaluation, user })
    }
}

/// An axis of an evaluation the visitor may change.
pub struct EditableAxis {
    pub evaluation: evaluation::Model,
    pub axis: evaluation_axis::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableAxis {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let EditableEvaluation { evaluation, user } =
            EditableEvaluation::from_request_parts(parts, state).await?;
        let Id(id) = Id::<AxisId>::from_request_parts(parts, state).await?;
        let axis = repo::axis_row(&state.store, id.uuid())
            .await?
            .filter(|a| a.evaluation_id == evaluation.id)
            .ok_or(AppError::NotFound)?;
        Ok(EditableAxis {
            evaluation,
            axis,
            user,
        })
    }
}

/// A finding of an evaluation the visitor may change.
pub struct EditableFinding {
    pub evaluation: evaluation::Model,
    pub finding: evaluation_finding::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableFinding {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let EditableEvaluation { evaluation, user } =
            EditableEvaluation::from_request_parts(parts, state).await?;
        let Id(id) = Id::<FindingId>::from_request_parts(parts, state).await?;
        let finding = repo::finding_row(&state.store, id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        let axis = repo::axis_row(&state.store, finding.axis_id).await?;
        if axis.is_none_or(|a| a.evaluation_id != evaluation.id) {
            return Err(AppError::NotFound);
        }
        Ok(EditableFinding {
            evaluation,
            finding,
            user,
        })
    }
}

/// A recommendation whose owner grouping the visitor coordinates, with
/// its evaluation.
pub struct EditableRecommendation {
    pub recommendation: evaluation_recommendation::Model,
    pub evaluation: evaluation::Model,
    pub user: Arc<SignedIn>,
}

async fn editable_recommendation(
    parts: &mut Parts,
    state: &AppState,
    id: Uuid,
) -> Result<EditableRecommendation, AppError> {
    let visitor = visitor(parts, state).await;
    if visitor.0.is_none() {
        return Err(AppError::Unauthenticated);
    }
    let recommendation = repo::recommendation_row(&state.store, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let user = editor(visitor, recommendation.grouping_id)?;
    let evaluation = repo::evaluation_of_recommendation(&state.store, &recommendation)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(EditableRecommendation {
        recommendation,
        evaluation,
        user,
    })
}

impl FromRequestParts<AppState> for EditableRecommendation {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<RecommendationId>::from_request_parts(parts, state).await?;
        editable_recommendation(parts, state, id.uuid()).await
    }
}

/// [`EditableRecommendation`] named `{id}` (the API).
pub struct ApiEditableRecommendation(pub EditableRecommendation);

impl FromRequestParts<AppState> for ApiEditableRecommendation {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(ApiId(id)) = Id::<ApiId<RecommendationId>>::from_request_parts(parts, state).await?;
        editable_recommendation(parts, state, id.uuid())
            .await
            .map(ApiEditableRecommendation)
    }
}
