//! Who may read a portrait and turn an item into an action: resource
//! extractors that load and authorize (to be folded into [`super::access`]).
//!
//! - A grouping's portrait of a tool (`{grouping}` + `{tool}`): the
//!   grouping's accounts (any role) and the administrators; 401 anonymous,
//!   403 another grouping's account, 404 a tool of another grouping.
//! - A response (`{response}`): the same readers once it is submitted; a
//!   draft only for the account that started it and the grouping's
//!   coordinators (404 for anyone else: a draft's existence does not leak).
//! - Turning an item into an action: the grouping's coordinators, or a
//!   member of the grouping whose account belongs to the respondent
//!   organization (the school team turning its own items into actions).

use std::sync::Arc;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use maillage_domain::access::Permission;
use maillage_domain::assessments::ResponseStatus;
use maillage_domain::ids::AssessmentToolId;
use maillage_domain::plans::Refusal;
use maillage_store::entity::{assessment_response, assessment_tool, grouping};
use maillage_store::repo::assessments_portrait as repo;

use crate::AppState;
use crate::auth::{SignedIn, Visitor};
use crate::error::AppError;
use crate::extract::Id;
use crate::groupings::access::GroupingBySlug;
use crate::plans::access::allowed;

/// The id in the path parameter `{page}` (pages) or `{id}` (the API, as
/// DESIGN.md names it); 404 when it does not parse.
pub(crate) async fn path_uuid(
    parts: &mut Parts,
    state: &AppState,
    page: &str,
) -> Result<uuid::Uuid, AppError> {
    let params = RawPathParams::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound)?;
    let raw = params
        .iter()
        .find_map(|(name, value)| (name == page || name == "id").then_some(value))
        .ok_or_else(|| AppError::internal(format!("the route has no `{{{page}}}` parameter")))?;
    uuid::Uuid::parse_str(raw).map_err(|_| AppError::NotFound)
}

/// The account, if it reads the grouping (any role in it, or admin).
pub fn require_read_grouping<'a>(
    principal: Option<&'a maillage_domain::Principal>,
    grouping_id: &str,
) -> Result<&'a maillage_domain::Principal, Refusal> {
    let principal = principal.ok_or(Refusal::SignIn)?;
    if principal.allows(Permission::ReadGrouping, Some(grouping_id)) {
        Ok(principal)
    } else {
        Err(Refusal::Forbidden)
    }
}

/// Whether the tool may be filled (and so portrayed) in the grouping: a
/// platform template, or the grouping's own tool.
pub fn tool_serves(tool: &assessment_tool::Model, grouping_id: uuid::Uuid) -> bool {
    tool.grouping_id.is_none_or(|g| g == grouping_id)
}

/// A tool of a grouping whose accounts the visitor is one of.
pub struct ReadableGroupingTool {
    pub grouping: grouping::Model,
    pub tool: assessment_tool::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ReadableGroupingTool {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let GroupingBySlug(grouping) = GroupingBySlug::from_request_parts(parts, state).await?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        let gid = grouping.id.to_string();
        let user = allowed(visitor, |p| require_read_grouping(p, &gid))?;
        let Id(tool_id) = Id::<AssessmentToolId>::from_request_parts(parts, state).await?;
        let tool = repo::tool(state.store.conn(), tool_id.uuid())
            .await?
            .filter(|t| tool_serves(t, grouping.id))
            .ok_or(AppError::NotFound)?;
        Ok(ReadableGroupingTool {
            grouping,
            tool,
            user,
        })
    }
}

/// Whether the account reads the response (see the module's rules).
pub fn read_response(
    user: Option<&SignedIn>,
    response: &assessment_response::Model,
) -> Result<(), AppError> {
    let gid = response.grouping_id.to_string();
    let principal = user.map(|u| &u.principal);
    let draft = ResponseStatus::parse(&response.status) != Some(ResponseStatus::Submitted);
    match require_read_grouping(principal, &gid) {
        Err(Refusal::SignIn) => return Err(AppError::Unauthenticated),
        Err(_) if draft => return Err(AppError::NotFound),
        Err(r) => return Err(r.into()),
        Ok(_) => {}
    }
    if draft {
        let own = user.is_some_and(|u| response.created_by == Some(u.view.user.id));
        let coordinates = principal.is_some_and(|p| p.allows(Permission::EditGrouping, Some(&gid)));
        if !own && !coordinates {
            return Err(AppError::NotFound);
        }
    }
    Ok(())
}

/// Whether the account may turn the response's items into plan actions.
pub fn may_make_actions(user: &SignedIn, response: &assessment_response::Model) -> bool {
    let gid = response.grouping_id.to_string();
    let p = &user.principal;
    p.allows(Permission::EditGrouping, Some(&gid))
        || (p.allows(Permission::EditLedAction, Some(&gid))
            && user.view.user.organization_id.as_deref() == Some(&response.organization_id))
}

/// A response the visitor may read.
pub struct ReadableResponse {
    pub response: assessment_response::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ReadableResponse {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let id = path_uuid(parts, state, "response").await?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        let response = repo::response(state.store.conn(), id)
            .await?
            .ok_or(AppError::NotFound)?;
        read_response(visitor.0.as_deref(), &response)?;
        let user = visitor.0.ok_or(AppError::Unauthenticated)?;
        Ok(ReadableResponse { response, user })
    }
}

/// A response whose items the visitor may turn into actions (403 when it
/// may only read it).
pub struct ActionableResponse {
    pub response: assessment_response::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ActionableResponse {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let ReadableResponse { response, user } =
            ReadableResponse::from_request_parts(parts, state).await?;
        if !may_make_actions(&user, &response) {
            return Err(AppError::Forbidden);
        }
        Ok(ActionableResponse { response, user })
    }
}
