//! The JSON API of DESIGN.md §4 *Assessments, toolkits, findings*
//! (assessment tools and responses), tag `assessments`. A session (with
//! its CSRF header on writes) or an API token; who may read, fill and
//! change what is [`super::access`].

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::NaiveDate;
use maillage_domain::assessments::{AnswerInput, ResponseStatus, Snapshot, require_read_tool};
use maillage_store::entity::assessment_tool;
use maillage_store::repo::assessments as repo;
use maillage_store::repo::assessments_responses::{
    self as responses, NewResponse, ResponseView, SaveResponse,
};
use maillage_store::repo::groupings;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::access::{EditableResponse, ResponseRef, ToolRef, require_fill_grouping};
use crate::AppState;
use crate::api::ErrorBody;
use crate::auth::{ClientIp, CurrentUser, actor};
use crate::error::AppError;

pub const TAG: &str = "assessments";

pub(super) fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(list_tools))
        .routes(routes!(show_tool))
        .routes(routes!(create_response))
        .routes(routes!(show_response, update_response))
}

crate::api::json_body!(pub Body, json = "assess-response-error-json", fields = "assess-response-error-fields");

#[derive(Serialize, ToSchema)]
pub struct LevelJson {
    /// Stable code (`en_place`, `a_ameliorer`, `a_developper`, `non_pertinent`).
    code: String,
    label: String,
}

#[derive(Serialize, ToSchema)]
pub struct ItemJson {
    /// The item's id: it stays the same from one version to the next.
    id: Uuid,
    text: String,
}

#[derive(Serialize, ToSchema)]
pub struct SectionJson {
    title: String,
    /// The sentence that guides the section's items, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    guide: Option<String>,
    /// In order.
    items: Vec<ItemJson>,
}

#[derive(Serialize, ToSchema)]
pub struct ToolJson {
    id: Uuid,
    title: String,
    /// The version new responses answer.
    version: i32,
    /// The slug of the grouping the tool belongs to; `null` for a template
    /// of the platform (any grouping may fill it).
    grouping: Option<String>,
    /// From the best level to the one that most calls for work.
    scale: Vec<LevelJson>,
    /// In order.
    sections: Vec<SectionJson>,
}

fn scale_json(snapshot: &Snapshot) -> Vec<LevelJson> {
    snapshot
        .scale
        .0
        .iter()
        .map(|l| LevelJson {
            code: l.code.clone(),
            label: l.label.clone(),
        })
        .collect()
}

fn sections_json(snapshot: &Snapshot) -> Vec<SectionJson> {
    snapshot
        .sections
        .iter()
        .map(|s| SectionJson {
            title: s.title.clone(),
            guide: s.guide.clone(),
            items: s
                .items
                .iter()
                .map(|i| ItemJson {
                    id: i.id,
                    text: i.text.clone(),
                })
                .collect(),
        })
        .collect()
}

async fn tool_json(
    state: &AppState,
    tool: &assessment_tool::Model,
    slugs: &std::collections::HashMap<Uuid, String>,
) -> Result<ToolJson, AppError> {
    let snapshot = repo::snapshot(state.store.conn(), tool.id, tool.version).await?;
    Ok(ToolJson {
        id: tool.id,
        title: snapshot.title.clone(),
        version: tool.version,
        grouping: tool.grouping_id.and_then(|g| slugs.get(&g).cloned()),
        scale: scale_json(&snapshot),
        sections: sections_json(&snapshot),
    })
}

async fn grouping_slugs(
    state: &AppState,
) -> Result<std::collections::HashMap<Uuid, String>, AppError> {
    Ok(groupings::list(&state.store)
        .await?
        .into_iter()
        .map(|g| (g.id, g.slug))
        .collect())
}

/// The tools the caller may use: the platform's templates (seed 003's
/// « Dénouer les enjeux liés à la relation école-famille » first) and the
/// tools of the caller's groupings, each at its current version with its
/// scale and its sections' items verbatim, in order.
#[utoipa::path(get, path = "/api/v1/assessment-tools", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, body = [ToolJson]),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "An account without any role")
    )
)]
pub(super) async fn list_tools(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Vec<ToolJson>>, AppError> {
    require_read_tool(Some(&user.principal), None)?;
    let scope: Option<Vec<Uuid>> =
        (!user.principal.is_admin).then(|| user.view.roles.iter().map(|r| r.grouping_id).collect());
    let tools = repo::list_tools(state.store.conn(), scope.as_deref()).await?;
    let slugs = grouping_slugs(&state).await?;
    let mut out = Vec::with_capacity(tools.len());
    for tool in &tools {
        out.push(tool_json(&state, tool, &slugs).await?);
    }
    Ok(Json(out))
}

/// One tool at its current version.
#[utoipa::path(get, path = "/api/v1/assessment-tools/{id}", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = Uuid, Path, description = "Tool id")),
    responses(
        (status = 200, body = ToolJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "A tool of another grouping"),
        (status = 404, body = ErrorBody, description = "No such tool")
    )
)]
pub(super) async fn show_tool(
    State(state): State<AppState>,
    ToolRef { tool, .. }: ToolRef,
) -> Result<Json<ToolJson>, AppError> {
    let slugs = grouping_slugs(&state).await?;
    Ok(Json(tool_json(&state, &tool, &slugs).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct AnswerBody {
    /// An item id of the tool's version.
    item: String,
    /// A code of the tool's scale; absent or empty leaves the item open.
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    comment: Option<String>,
}

#[derive(Deserialize, ToSchema)]
pub struct NewResponseBody {
    /// The slug of the grouping the response is given for.
    grouping: String,
    /// The id of the responding organization: a member organization of
    /// the grouping.
    respondent: String,
    /// One of the organization's teams; absent for the whole organization.
    #[serde(default)]
    team: Option<String>,
    /// `YYYY-MM-DD`: one response per respondent (and team) and date.
    date: String,
    /// `draft` (the default) or `submitted`.
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    answers: Vec<AnswerBody>,
}

#[derive(Serialize, ToSchema)]
pub struct CreatedJson {
    id: Uuid,
}

fn status_of(raw: Option<&str>) -> Result<ResponseStatus, AppError> {
    match raw.map(str::trim) {
        None | Some("") => Ok(ResponseStatus::Draft),
        Some(s) => {
            ResponseStatus::parse(s).ok_or(AppError::Unprocessable("assess-response-error-status"))
        }
    }
}

/// The answers as the rules read them; an item that is no id is no item
/// of the version (422 like any unknown item).
fn answers_of(body: &[AnswerBody]) -> Vec<AnswerInput> {
    body.iter()
        .map(|a| AnswerInput {
            item: Uuid::parse_str(a.item.trim()).unwrap_or(Uuid::nil()),
            level: a.level.clone(),
            comment: a.comment.clone(),
        })
        .collect()
}

/// Creates a response of a member organization of the grouping to the
/// tool's current version, with its answers. Nothing is written when any
/// answer is refused.
#[utoipa::path(post, path = "/api/v1/assessment-tools/{id}/responses", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = Uuid, Path, description = "Tool id")),
    request_body = NewResponseBody,
    responses(
        (status = 201, body = CreatedJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a member of the grouping, a tool of another grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such tool"),
        (status = 409, body = ErrorBody, description = "The respondent (and team) already answered the tool on that date, or the tool is archived"),
        (status = 422, body = ErrorBody, description = "An unknown item, a level outside the scale, an unknown grouping, a respondent that is not a member organization, a bad date or status")
    )
)]
pub(super) async fn create_response(
    State(state): State<AppState>,
    ToolRef { tool, user }: ToolRef,
    ip: ClientIp,
    Body(body): Body<NewResponseBody>,
) -> Result<(StatusCode, Json<CreatedJson>), AppError> {
    let grouping = groupings::find_by_slug(state.store.conn(), body.grouping.trim())
        .await?
        .ok_or(AppError::Unprocessable("assess-response-error-grouping"))?;
    require_fill_grouping(&user, grouping.id)?;
    let on_date = NaiveDate::parse_from_str(body.date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::Unprocessable("assess-response-error-date"))?;
    let new = NewResponse {
        tool_id: tool.id,
        grouping_id: grouping.id,
        organization_id: body.respondent.trim().to_owned(),
        team: body.team.unwrap_or_default(),
        on_date,
        status: status_of(body.status.as_deref())?,
        answers: answers_of(&body.answers),
    };
    let row = responses::create_response(&state.store, &actor(&user, &ip), &new).await?;
    Ok((StatusCode::CREATED, Json(CreatedJson { id: row.id })))
}

#[derive(Serialize, ToSchema)]
pub struct AnswerJson {
    item: Uuid,
    /// A code of the version's scale, or `null` when left open.
    level: Option<String>,
    comment: Option<String>,
    /// The plan action the item became, if any.
    action: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct VersionJson {
    title: String,
    scale: Vec<LevelJson>,
    sections: Vec<SectionJson>,
}

#[derive(Serialize, ToSchema)]
pub struct ResponseJson {
    id: Uuid,
    tool: Uuid,
    /// The version of the tool this response answered (kept when the tool
    /// changes).
    version: i32,
    /// The tool's latest version.
    current_version: i32,
    /// The grouping's slug.
    grouping: String,
    /// The responding organization's id.
    respondent: String,
    respondent_name: String,
    /// Empty for the whole organization.
    team: String,
    date: NaiveDate,
    /// `draft` or `submitted`.
    status: String,
    /// Send it back with `PUT`: a save made on an older revision is refused.
    revision: i32,
    /// The tool as it was at `version`.
    tool_version: VersionJson,
    /// In the version's item order.
    answers: Vec<AnswerJson>,
}

async fn response_json(state: &AppState, view: ResponseView) -> Result<ResponseJson, AppError> {
    let grouping = groupings::find_by_id(&state.store, view.response.grouping_id)
        .await?
        .map(|g| g.slug)
        .unwrap_or_default();
    let r = view.response;
    Ok(ResponseJson {
        id: r.id,
        tool: r.tool_id,
        version: r.tool_version,
        current_version: view.current_version,
        grouping,
        respondent: r.organization_id,
        respondent_name: view.respondent,
        team: r.team,
        date: r.on_date,
        status: view.status.as_str().to_owned(),
        revision: r.revision,
        tool_version: VersionJson {
            title: view.snapshot.title.clone(),
            scale: scale_json(&view.snapshot),
            sections: sections_json(&view.snapshot),
        },
        answers: view
            .answers
            .into_iter()
            .map(|a| AnswerJson {
                item: a.item_id,
                level: a.level,
                comment: a.comment,
                action: a.action_id,
            })
            .collect(),
    })
}

/// A response with the version it answered and its answers. Only the
/// people of its grouping see it.
#[utoipa::path(get, path = "/api/v1/assessment-responses/{id}", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = Uuid, Path, description = "Response id")),
    responses(
        (status = 200, body = ResponseJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 404, body = ErrorBody, description = "No such response, or one of another grouping")
    )
)]
pub(super) async fn show_response(
    State(state): State<AppState>,
    ResponseRef { response, .. }: ResponseRef,
) -> Result<Json<ResponseJson>, AppError> {
    let view = responses::read_response(state.store.conn(), response.id).await?;
    Ok(Json(response_json(&state, view).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct SaveResponseBody {
    /// The revision the draft was read at (`GET` gives it).
    revision: Option<i32>,
    /// `draft` (the default: save) or `submitted` (submit).
    #[serde(default)]
    status: Option<String>,
    /// Every answer: they replace the stored ones.
    #[serde(default)]
    answers: Vec<AnswerBody>,
}

/// Saves (or submits) a draft, replacing its answers. A save made on an
/// older revision than the stored one is refused (409): someone saved it
/// meanwhile, and nothing is written.
#[utoipa::path(put, path = "/api/v1/assessment-responses/{id}", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = Uuid, Path, description = "Response id")),
    request_body = SaveResponseBody,
    responses(
        (status = 200, body = ResponseJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "A viewer of the grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such response, or one of another grouping"),
        (status = 409, body = ErrorBody, description = "Saved by someone else since `revision`, or already submitted"),
        (status = 422, body = ErrorBody, description = "No revision, an unknown item, a level outside the scale, a bad status")
    )
)]
pub(super) async fn update_response(
    State(state): State<AppState>,
    EditableResponse { response, user }: EditableResponse,
    ip: ClientIp,
    Body(body): Body<SaveResponseBody>,
) -> Result<Json<ResponseJson>, AppError> {
    let revision = body
        .revision
        .ok_or(AppError::Unprocessable("assess-response-error-revision"))?;
    let save = SaveResponse {
        revision,
        status: status_of(body.status.as_deref())?,
        answers: answers_of(&body.answers),
    };
    responses::save_response(&state.store, &actor(&user, &ip), response.id, &save).await?;
    let view = responses::read_response(state.store.conn(), response.id).await?;
    Ok(Json(response_json(&state, view).await?))
}
