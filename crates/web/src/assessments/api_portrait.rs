//! The portrait's part of the JSON API of DESIGN.md §4 *Assessments,
//! toolkits, findings* (tag `assessments`): a grouping's portrait of a
//! tool, and an item of a response turned into an action of the grouping's
//! plan. A session (with its CSRF header for the POST) or an API token.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use maillage_domain::assessments::portrait as rules;
use maillage_domain::ids::AssessmentItemId;
use maillage_store::repo::assessments_portrait::{self as repo, ItemActionError, Target};
use maillage_store::repo::{groupings, plans};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::portrait_access::{ActionableResponse, path_uuid, require_read_grouping, tool_serves};
use crate::AppState;
use crate::api::ErrorBody;
use crate::auth::{ClientIp, CurrentUser, actor};
use crate::error::AppError;
use crate::extract::Id;

const TAG: &str = "assessments";

pub(super) fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(show_portrait))
        .routes(routes!(create_item_action))
}

crate::api::json_body!(pub Body, json = "assess-portrait-error-json", fields = "assess-portrait-error-fields");

/// The tool's id in the API's `{id}`.
pub struct ToolIdParam(Uuid);

impl axum::extract::FromRequestParts<AppState> for ToolIdParam {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, AppError> {
        path_uuid(parts, state, "tool").await.map(ToolIdParam)
    }
}

#[derive(Deserialize, IntoParams)]
pub struct PortraitParams {
    /// The grouping's slug.
    grouping: String,
}

#[derive(Serialize, ToSchema)]
pub struct PortraitItemJson {
    item: Uuid,
    text: String,
    /// Level code → respondents who put the item at that level (every
    /// level of the scale, zeros included).
    counts: BTreeMap<String, usize>,
}

#[derive(Serialize, ToSchema)]
pub struct PortraitJson {
    /// Respondents counted: each organization (or team) once, with its
    /// latest submitted response; drafts never count.
    respondents: usize,
    items: Vec<PortraitItemJson>,
}

/// A grouping's portrait of a tool over its submitted responses.
#[utoipa::path(get, path = "/api/v1/assessment-tools/{id}/portrait", tag = TAG,
    params(("id" = Uuid, Path, description = "The tool's id"), PortraitParams),
    responses(
        (status = 200, body = PortraitJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not an account of the grouping"),
        (status = 404, body = ErrorBody, description = "Unknown tool, or a tool of another grouping"),
        (status = 422, body = ErrorBody, description = "Unknown grouping")
    )
)]
pub(super) async fn show_portrait(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ToolIdParam(tool): ToolIdParam,
    Query(params): Query<PortraitParams>,
) -> Result<Json<PortraitJson>, AppError> {
    let grouping = groupings::find_by_slug(state.store.conn(), params.grouping.trim())
        .await?
        .ok_or(AppError::Unprocessable("assess-portrait-error-grouping"))?;
    require_read_grouping(Some(&user.principal), &grouping.id.to_string())?;
    let tool = repo::tool(state.store.conn(), tool)
        .await?
        .filter(|t| tool_serves(t, grouping.id))
        .ok_or(AppError::NotFound)?;
    let data = repo::grouping_data(state.store.conn(), &tool, grouping.id)
        .await
        .map_err(AppError::from)?;
    let records = data.records();
    let latest = rules::latest_submitted(&records, None);
    let portrait = rules::grouping_portrait(&data.scale, &data.items, &latest);
    Ok(Json(PortraitJson {
        respondents: portrait.respondents,
        items: portrait
            .items
            .into_iter()
            .map(|i| PortraitItemJson {
                item: i.item,
                text: i.text,
                counts: data
                    .scale
                    .0
                    .iter()
                    .map(|l| l.code.clone())
                    .zip(i.counts)
                    .collect(),
            })
            .collect(),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct ItemActionBody {
    /// A plan of the response's grouping; the action goes under its first
    /// strategy in outline order unless `strategy` names one.
    plan: Uuid,
    /// A strategy of that plan.
    #[serde(default)]
    strategy: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct ItemActionJson {
    /// The action's id.
    action: Uuid,
}

/// Turns an item of a response (at a level that calls for work) into an
/// action of the grouping's plan, linked to the item. An item that already
/// became an action answers 200 with that action; nothing is written.
#[utoipa::path(post, path = "/api/v1/assessment-responses/{id}/answers/{item}/action", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("id" = Uuid, Path, description = "The response's id"),
        ("item" = Uuid, Path, description = "The item's id")
    ),
    request_body = ItemActionBody,
    responses(
        (status = 201, body = ItemActionJson, description = "The action, created and linked"),
        (status = 200, body = ItemActionJson, description = "The action the item already became"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Neither a coordinator of the grouping nor a member of the respondent organization, or a read token"),
        (status = 404, body = ErrorBody, description = "Unknown response or item, or a draft one may not see"),
        (status = 422, body = ErrorBody, description = "A plan or strategy of another grouping, a plan without strategy, or an item whose level calls for no action")
    )
)]
pub(super) async fn create_item_action(
    State(state): State<AppState>,
    ActionableResponse { response, user }: ActionableResponse,
    Id(item): Id<AssessmentItemId>,
    ip: ClientIp,
    Body(body): Body<ItemActionBody>,
) -> Result<(StatusCode, Json<ItemActionJson>), AppError> {
    let target =
        match body.strategy {
            Some(s) => {
                let strategy = plans::strategy(state.store.conn(), s).await?.ok_or(
                    AppError::Unprocessable("assess-portrait-error-foreign-plan"),
                )?;
                if strategy.plan_id != body.plan {
                    return Err(AppError::Unprocessable(
                        "assess-portrait-error-foreign-plan",
                    ));
                }
                Target::Strategy(s)
            }
            None => Target::Plan(body.plan),
        };
    let (action, created) = repo::item_to_action(
        &state.store,
        &actor(&user, &ip),
        response.id,
        item.uuid(),
        target,
    )
    .await
    .map_err(|e: ItemActionError| AppError::from(e))?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(ItemActionJson { action })))
}
