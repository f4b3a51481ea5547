//! Who may see, fill and change a tool or a response: resource extractors
//! that load what the path names and ask `maillage_domain::assessments`'
//! rules (401 anonymous, 404 unknown, 403 seen but not allowed).
//!
//! Pages name a tool `{tool}` and a response `{response}`; the API names
//! both `{id}` (as its other resources): each extractor reads either.
//!
//! - [`ToolRef`]: a tool the visitor may read (any signed-in account for a
//!   platform template; the grouping's people for a grouping's tool, 403
//!   for others).
//! - [`EditableTool`]: the tool's grouping's coordinators; administrators
//!   for the platform's templates.
//! - [`ResponseRef`]: a response of a grouping the visitor belongs to;
//!   anyone else gets a 404 (a draft is private).
//! - [`EditableResponse`]: a response the visitor may fill (a member of
//!   the grouping or more).

use std::sync::Arc;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use maillage_domain::Principal;
use maillage_domain::assessments::{
    self as rules, AnswerError, ScaleError, ToolTextError, require_edit_response,
    require_edit_tool, require_fill, require_read_response, require_read_tool, require_reopen,
};
use maillage_store::entity::{assessment_response, assessment_tool};
use maillage_store::repo::assessments::{self as repo, AssessmentError};
use maillage_store::repo::assessments_responses as responses;
use uuid::Uuid;

use crate::AppState;
use crate::auth::{SignedIn, Visitor};
use crate::error::AppError;
use crate::plans::access::allowed;

/// The Fluent key of a refusal the visitor can act on (422 or 409), or
/// `None` for what is no message (404, a fault).
pub fn error_key(e: &AssessmentError) -> Option<&'static str> {
    Some(match e {
        AssessmentError::Text(t) => match t {
            ToolTextError::Title => "assess-tool-error-title",
            ToolTextError::Introduction => "assess-tool-error-introduction",
            ToolTextError::SectionTitle => "assess-tool-error-section-title",
            ToolTextError::Guide => "assess-tool-error-guide",
            ToolTextError::ItemText => "assess-tool-error-item-text",
        },
        AssessmentError::Scale(s) => match s {
            ScaleError::Size => "assess-tool-error-scale-size",
            ScaleError::Code => "assess-tool-error-scale-code",
            ScaleError::Label => "assess-tool-error-scale-label",
            ScaleError::Duplicate => "assess-tool-error-scale-duplicate",
        },
        AssessmentError::ItemAnswered => "assess-tool-error-item-answered",
        AssessmentError::SectionNotEmpty => "assess-tool-error-section-not-empty",
        AssessmentError::Answer(a) => match a {
            AnswerError::UnknownItem(_) => "assess-response-error-unknown-item",
            AnswerError::UnknownLevel { .. } => "assess-response-error-unknown-level",
            AnswerError::Duplicate(_) => "assess-response-error-twice",
            AnswerError::CommentTooLong(_) => "assess-response-error-comment-long",
        },
        AssessmentError::NotAMember => "assess-response-error-not-member",
        AssessmentError::ForeignTool => "assess-response-error-foreign-tool",
        AssessmentError::ArchivedTool => "assess-response-error-archived-tool",
        AssessmentError::Team => "assess-response-error-team",
        AssessmentError::Twin => "assess-response-error-twin",
        AssessmentError::Stale { .. } => "assess-response-error-stale",
        AssessmentError::NotDraft => "assess-response-error-not-draft",
        AssessmentError::NotSubmitted => "assess-response-error-not-submitted",
        AssessmentError::NotFound
        | AssessmentError::ForeignPart
        | AssessmentError::Damaged(_)
        | AssessmentError::Store(_) => return None,
    })
}

/// Whether the refusal is about the state of things (409) rather than the
/// request (422).
pub fn is_conflict(e: &AssessmentError) -> bool {
    matches!(
        e,
        AssessmentError::Twin
            | AssessmentError::Stale { .. }
            | AssessmentError::NotDraft
            | AssessmentError::NotSubmitted
            | AssessmentError::ArchivedTool
    )
}

/// The assessments' refusals: 404, 409 for the state of things, 422 for
/// the request; a damaged row or a database fault is a 500.
impl From<AssessmentError> for AppError {
    fn from(e: AssessmentError) -> Self {
        if let Some(key) = error_key(&e) {
            return if is_conflict(&e) {
                AppError::Conflict(key)
            } else {
                AppError::Unprocessable(key)
            };
        }
        match e {
            AssessmentError::NotFound | AssessmentError::ForeignPart => AppError::NotFound,
            AssessmentError::Store(e) => e.into(),
            other => AppError::internal(other),
        }
    }
}

/// The id in the path parameter `{page}` (pages) or `{id}` (the API); 404
/// when it does not parse.
async fn path_uuid(parts: &mut Parts, state: &AppState, page: &str) -> Result<Uuid, AppError> {
    let params = RawPathParams::from_request_parts(parts, state)
        .await
        .map_err(|_| AppError::NotFound)?;
    let raw = params
        .iter()
        .find_map(|(name, value)| (name == page || name == "id").then_some(value))
        .ok_or_else(|| AppError::internal(format!("the route has no `{{{page}}}` parameter")))?;
    Uuid::parse_str(raw).map_err(|_| AppError::NotFound)
}

async fn visitor(parts: &mut Parts, state: &AppState) -> Visitor {
    let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
    visitor
}

fn principal(user: &SignedIn) -> Option<&Principal> {
    Some(&user.principal)
}

/// The grouping a tool belongs to, as the rules name it (none for a
/// platform template).
pub fn tool_grouping(tool: &assessment_tool::Model) -> Option<String> {
    tool.grouping_id.map(|g| g.to_string())
}

/// Whether the account may change the tool.
pub fn may_edit_tool(user: &SignedIn, tool: &assessment_tool::Model) -> bool {
    require_edit_tool(principal(user), tool_grouping(tool).as_deref()).is_ok()
}

/// Whether the account may fill responses for the grouping.
pub fn may_fill(user: &SignedIn, grouping_id: Uuid) -> bool {
    require_fill(principal(user), &grouping_id.to_string()).is_ok()
}

/// Whether the account may reopen a submitted response of the grouping.
pub fn may_reopen(user: &SignedIn, grouping_id: Uuid) -> bool {
    require_reopen(principal(user), &grouping_id.to_string()).is_ok()
}

async fn load_tool(
    parts: &mut Parts,
    state: &AppState,
) -> Result<assessment_tool::Model, AppError> {
    let id = path_uuid(parts, state, "tool").await?;
    repo::tool(state.store.conn(), id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A tool the visitor may read.
pub struct ToolRef {
    pub tool: assessment_tool::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ToolRef {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let tool = load_tool(parts, state).await?;
        let grouping = tool_grouping(&tool);
        let user = allowed(visitor(parts, state).await, |p| {
            require_read_tool(p, grouping.as_deref())
        })?;
        Ok(ToolRef { tool, user })
    }
}

/// A tool the visitor may change (its builder).
pub struct EditableTool {
    pub tool: assessment_tool::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableTool {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let tool = load_tool(parts, state).await?;
        let grouping = tool_grouping(&tool);
        let visitor = visitor(parts, state).await;
        // Reading first: an anonymous visitor signs in, a stranger is told 403.
        allowed(Visitor(visitor.0.clone()), |p| {
            require_read_tool(p, grouping.as_deref())
        })?;
        let user = allowed(visitor, |p| require_edit_tool(p, grouping.as_deref()))?;
        Ok(EditableTool { tool, user })
    }
}

async fn load_response(
    parts: &mut Parts,
    state: &AppState,
) -> Result<assessment_response::Model, AppError> {
    let id = path_uuid(parts, state, "response").await?;
    responses::response(state.store.conn(), id)
        .await?
        .ok_or(AppError::NotFound)
}

/// A response of a grouping the visitor belongs to (404 for anyone else).
pub struct ResponseRef {
    pub response: assessment_response::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ResponseRef {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let response = load_response(parts, state).await?;
        let grouping = response.grouping_id.to_string();
        let user = allowed(visitor(parts, state).await, |p| {
            require_read_response(p, &grouping)
        })?;
        Ok(ResponseRef { response, user })
    }
}

/// A response the visitor may fill (save its draft, submit it).
pub struct EditableResponse {
    pub response: assessment_response::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableResponse {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let response = load_response(parts, state).await?;
        let grouping = response.grouping_id.to_string();
        let user = allowed(visitor(parts, state).await, |p| {
            require_edit_response(p, &grouping)
        })?;
        Ok(EditableResponse { response, user })
    }
}

/// A response the visitor may reopen (a coordinator of its grouping).
pub struct ReopenableResponse {
    pub response: assessment_response::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ReopenableResponse {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let response = load_response(parts, state).await?;
        let grouping = response.grouping_id.to_string();
        let user = allowed(visitor(parts, state).await, |p| {
            require_reopen(p, &grouping)
        })?;
        Ok(ReopenableResponse { response, user })
    }
}

/// Whether the rules let the account fill for the grouping (the API's
/// 403 before anything is read).
pub fn require_fill_grouping(user: &SignedIn, grouping_id: Uuid) -> Result<(), AppError> {
    require_fill(principal(user), &grouping_id.to_string())?;
    Ok(())
}

/// The rules' module, for handlers that word a level.
pub use rules::NOT_RELEVANT;
