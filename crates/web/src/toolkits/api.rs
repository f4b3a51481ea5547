//! The toolkits API of DESIGN.md §4 *Assessments, toolkits, findings*
//! (tag `toolkits`): `GET /api/v1/toolkits` in the contract's shape, a
//! toolkit in full, the activities' search with its audience filter, and
//! recording a run. A session (writes with the `X-CSRF-Token` header) or
//! an API token; reading needs an account, recording a run a member (or
//! more) of the grouping it is recorded for (403 otherwise).

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use maillage_domain::ids::{ToolkitActivityId, ToolkitId};
use maillage_domain::toolkits::{self as rules, Audience, RunInput, ToolkitError, ToolkitKind};
use maillage_store::repo::groupings;
use maillage_store::repo::toolkits::{self as repo, RunWrite, Tree};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::access::Reader;
use crate::AppState;
use crate::api::{ApiId, ErrorBody};
use crate::auth::{ClientIp, CurrentUser, actor};
use crate::error::AppError;
use crate::extract::Id;

pub const TAG: &str = "toolkits";

pub(crate) fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(list_toolkits))
        .routes(routes!(show_toolkit))
        .routes(routes!(list_activities))
        .routes(routes!(create_run))
}

crate::api::json_body!(pub Body, json = "toolkits-api-error-json", fields = "toolkits-api-error-fields");

fn audience_codes(stored: &str) -> Vec<String> {
    Audience::split(stored)
        .into_iter()
        .map(|a| a.as_str().to_owned())
        .collect()
}

#[derive(Serialize, ToSchema)]
pub struct ActivityBriefJson {
    id: Uuid,
    title: String,
    /// Audience codes: `parents`, `0-5`, `primaire`, `secondaire`,
    /// `intervenants`, `ecoles`.
    audience: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ThemeBriefJson {
    title: String,
    activities: Vec<ActivityBriefJson>,
}

#[derive(Serialize, ToSchema)]
pub struct ToolkitBriefJson {
    id: Uuid,
    title: String,
    themes: Vec<ThemeBriefJson>,
}

impl From<&Tree> for ToolkitBriefJson {
    fn from(tree: &Tree) -> Self {
        ToolkitBriefJson {
            id: tree.toolkit.id,
            title: tree.toolkit.title.clone(),
            themes: tree
                .themes
                .iter()
                .map(|n| ThemeBriefJson {
                    title: n.theme.title.clone(),
                    activities: n
                        .activities
                        .iter()
                        .map(|a| ActivityBriefJson {
                            id: a.id,
                            title: a.title.clone(),
                            audience: audience_codes(&a.audiences),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Every toolkit with its themes and their activities, in order.
#[utoipa::path(get, path = "/api/v1/toolkits", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    responses(
        (status = 200, body = [ToolkitBriefJson]),
        (status = 401, body = ErrorBody, description = "Not signed in")
    )
)]
pub(super) async fn list_toolkits(
    State(state): State<AppState>,
    _reader: Reader,
) -> Result<Json<Vec<ToolkitBriefJson>>, AppError> {
    let mut out = Vec::new();
    for t in repo::all(state.store.conn()).await? {
        out.push(ToolkitBriefJson::from(
            &repo::tree(state.store.conn(), t).await?,
        ));
    }
    Ok(Json(out))
}

#[derive(Serialize, ToSchema)]
pub struct ActivityJson {
    id: Uuid,
    title: String,
    audience: Vec<String>,
    objectives: String,
    duration_minutes: Option<i32>,
    material: String,
    steps: String,
    tips: String,
    /// The plan strategy the activity supports.
    strategy: Option<Uuid>,
    /// Written for the demo, not taken from a source.
    placeholder: bool,
    /// How many runs organizations recorded.
    runs: usize,
}

#[derive(Serialize, ToSchema)]
pub struct ThemeJson {
    id: Uuid,
    title: String,
    description: String,
    activities: Vec<ActivityJson>,
}

#[derive(Serialize, ToSchema)]
pub struct ToolkitJson {
    id: Uuid,
    slug: String,
    title: String,
    /// `trousse` (themes of activities) or `repertoire` (a list).
    kind: String,
    description: String,
    /// Where it comes from and what of it was written for the demo.
    source_note: String,
    /// The owner grouping's slug.
    grouping: Option<String>,
    /// The linked action plan.
    plan: Option<Uuid>,
    themes: Vec<ThemeJson>,
}

/// A toolkit with its themes and its activities in full.
#[utoipa::path(get, path = "/api/v1/toolkits/{id}", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = Uuid, Path, description = "Toolkit id")),
    responses(
        (status = 200, body = ToolkitJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 404, body = ErrorBody, description = "No such toolkit")
    )
)]
pub(super) async fn show_toolkit(
    State(state): State<AppState>,
    _reader: Reader,
    Id(ApiId(id)): Id<ApiId<ToolkitId>>,
) -> Result<Json<ToolkitJson>, AppError> {
    let t = repo::find(state.store.conn(), id.uuid())
        .await?
        .ok_or(AppError::NotFound)?;
    let tree = repo::tree(state.store.conn(), t).await?;
    Ok(Json(ToolkitJson {
        id: tree.toolkit.id,
        slug: tree.toolkit.slug.clone(),
        title: tree.toolkit.title.clone(),
        kind: ToolkitKind::parse(&tree.toolkit.kind)
            .unwrap_or(ToolkitKind::Toolkit)
            .as_str()
            .to_owned(),
        description: tree.toolkit.description.clone(),
        source_note: tree.toolkit.source_note.clone(),
        grouping: tree.grouping.as_ref().map(|g| g.slug.clone()),
        plan: tree.toolkit.plan_id,
        themes: tree
            .themes
            .iter()
            .map(|n| ThemeJson {
                id: n.theme.id,
                title: n.theme.title.clone(),
                description: n.theme.description.clone(),
                activities: n
                    .activities
                    .iter()
                    .map(|a| ActivityJson {
                        id: a.id,
                        title: a.title.clone(),
                        audience: audience_codes(&a.audiences),
                        objectives: a.objectives.clone(),
                        duration_minutes: a.duration_minutes,
                        material: a.material.clone(),
                        steps: a.steps.clone(),
                        tips: a.tips.clone(),
                        strategy: a.strategy_id,
                        placeholder: a.placeholder,
                        runs: tree.runs.get(&a.id).copied().unwrap_or(0),
                    })
                    .collect(),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActivityQuery {
    /// Words to search (French: accents and one typo per word do not
    /// matter).
    q: Option<String>,
    /// An audience code (`parents`, `0-5`, `primaire`, `secondaire`,
    /// `intervenants`, `ecoles`).
    audience: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ActivityHitJson {
    id: Uuid,
    title: String,
    audience: Vec<String>,
    duration_minutes: Option<i32>,
    toolkit: Uuid,
    toolkit_title: String,
    theme: String,
    placeholder: bool,
    /// The activity's page.
    href: String,
}

/// The activities matching the words (best first) and the audience; all
/// activities, in their toolkits' order, without words.
#[utoipa::path(get, path = "/api/v1/toolkit-activities", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(ActivityQuery),
    responses(
        (status = 200, body = [ActivityHitJson]),
        (status = 400, body = ErrorBody, description = "An unknown audience"),
        (status = 401, body = ErrorBody, description = "Not signed in")
    )
)]
pub(super) async fn list_activities(
    State(state): State<AppState>,
    _reader: Reader,
    Query(q): Query<ActivityQuery>,
) -> Result<Json<Vec<ActivityHitJson>>, AppError> {
    let audience = match q.audience.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => {
            Some(Audience::parse(code).ok_or(AppError::BadRequest("toolkits-api-error-audience"))?)
        }
    };
    let rows = super::pages::find_activities(
        &state,
        q.q.as_deref().unwrap_or_default(),
        audience,
        None,
        None,
    )
    .await?;
    Ok(Json(
        rows.iter()
            .map(|r| ActivityHitJson {
                id: r.activity.id,
                title: r.activity.title.clone(),
                audience: audience_codes(&r.activity.audiences),
                duration_minutes: r.activity.duration_minutes,
                toolkit: r.activity.toolkit_id,
                toolkit_title: r.toolkit_title.clone(),
                theme: r.theme_title.clone(),
                placeholder: r.activity.placeholder,
                href: super::activity_href(&r.toolkit_slug, r.activity.id),
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct NewRunBody {
    /// The slug of the grouping the run is recorded for.
    grouping: String,
    /// A current member organization of that grouping.
    organization: String,
    /// `YYYY-MM-DD`, at most tomorrow.
    date: String,
    /// 0 to 10,000.
    participants: i64,
    #[serde(default)]
    comment: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RunCreatedJson {
    id: Uuid,
    date: NaiveDate,
    participants: i32,
}

/// Records that a member organization of the grouping ran the activity.
#[utoipa::path(post, path = "/api/v1/toolkit-activities/{id}/runs", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = Uuid, Path, description = "Activity id")),
    request_body = NewRunBody,
    responses(
        (status = 201, body = RunCreatedJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a member of the grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such activity"),
        (status = 422, body = ErrorBody, description = "Unknown grouping, an organization that is not a member, a date in the future, participants outside 0 to 10,000")
    )
)]
pub(super) async fn create_run(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ip: ClientIp,
    Id(ApiId(id)): Id<ApiId<ToolkitActivityId>>,
    Body(body): Body<NewRunBody>,
) -> Result<(StatusCode, Json<RunCreatedJson>), AppError> {
    super::access::reader(crate::auth::Visitor(Some(user.clone())))?;
    repo::find_activity(state.store.conn(), id.uuid())
        .await?
        .ok_or(AppError::NotFound)?;
    let grouping = groupings::find_by_slug(state.store.conn(), body.grouping.trim())
        .await?
        .ok_or(AppError::Unprocessable("toolkits-api-error-grouping"))?;
    rules::require_record_run(Some(&user.principal), &grouping.id.to_string())?;
    let run = rules::validate_run(
        &RunInput {
            date: body.date,
            participants: body.participants.to_string(),
            comment: body.comment.unwrap_or_default(),
        },
        chrono::Utc::now().date_naive(),
    )
    .map_err(|e: ToolkitError| AppError::Unprocessable(e.key()))?;
    let write = RunWrite {
        activity_id: id.uuid(),
        grouping_id: grouping.id,
        organization_id: body.organization.trim().to_owned(),
        run,
        recorded_by: Some(user.view.user.id),
    };
    let model = repo::record_run(&state.store, &actor(&user, &ip), &write).await?;
    Ok((
        StatusCode::CREATED,
        Json(RunCreatedJson {
            id: model.id,
            date: model.ran_on,
            participants: model.participants,
        }),
    ))
}
