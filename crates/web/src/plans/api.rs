//! The groupings and plans API: `/api/v1/groupings`, `/api/v1/plans/{id}`
//! (the nested outline with its progress) and `/api/v1/actions` (filters).
//! Published plans are read by any signed-in account; drafts only inside
//! their grouping (others get 404, as if they did not exist).

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Query, State};
use maillage_store::repo::groupings as groupings_repo;
use maillage_store::repo::plans::{self as repo, ActionFilter, ActionNode, IndicatorView};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::access::ReadablePlan;
use super::{Progress, may_read_plan, progress};
use crate::AppState;
use crate::api::ErrorBody;
use crate::auth::Visitor;
use crate::error::AppError;

pub const TAG: &str = "plans";

pub fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(list_groupings))
        .routes(routes!(show_plan))
        .routes(routes!(list_actions))
}

#[derive(Serialize, ToSchema)]
pub struct PathwayJson {
    id: Uuid,
    name: String,
    description: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct MemberJson {
    organization_id: String,
    name: String,
    sector: Option<String>,
    /// `member`, `lead`, `fiduciary` or `observer`.
    role: String,
    joined_on: Option<chrono::NaiveDate>,
    left_on: Option<chrono::NaiveDate>,
}

#[derive(Serialize, ToSchema)]
pub struct PlanSummaryJson {
    id: Uuid,
    title: String,
    start_year: i32,
    end_year: i32,
    /// `draft` or `published`.
    status: String,
}

#[derive(Serialize, ToSchema)]
pub struct GroupingJson {
    id: Uuid,
    slug: String,
    name: String,
    /// `regional_instance`, `local_grouping` or `table`.
    kind: String,
    parent_id: Option<Uuid>,
    territory: Option<String>,
    mission: Option<String>,
    vision: Option<String>,
    fiduciary_id: Option<String>,
    pathways: Vec<PathwayJson>,
    /// Current members (those who left are not listed).
    members: Vec<MemberJson>,
    /// The plans the caller may read.
    plans: Vec<PlanSummaryJson>,
}

/// Every grouping with its pathways, current members and the plans the
/// caller may read.
#[utoipa::path(get, path = "/api/v1/groupings", tag = TAG, responses(
    (status = 200, body = [GroupingJson])
))]
async fn list_groupings(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Json<Vec<GroupingJson>>, AppError> {
    let conn = state.store.conn();
    let all = groupings_repo::list(&state.store).await?;
    let ids: Vec<Uuid> = all.iter().map(|g| g.id).collect();
    let plans = repo::plans_of(conn, &ids).await?;
    let mut out = Vec::new();
    for g in all {
        let pathways = groupings_repo::pathways(conn, g.id)
            .await?
            .into_iter()
            .map(|p| PathwayJson {
                id: p.id,
                name: p.name,
                description: p.description,
            })
            .collect();
        let members = groupings_repo::memberships(conn, g.id)
            .await?
            .into_iter()
            .filter(groupings_repo::Member::is_current)
            .map(|m| MemberJson {
                organization_id: m.organization_id,
                name: m.name,
                sector: m.sector,
                role: m.role.as_str().to_owned(),
                joined_on: m.joined_on,
                left_on: m.left_on,
            })
            .collect();
        out.push(GroupingJson {
            plans: plans
                .iter()
                .filter(|p| p.grouping_id == g.id && may_read_plan(&visitor, p))
                .map(|p| PlanSummaryJson {
                    id: p.id,
                    title: p.title.clone(),
                    start_year: p.start_year,
                    end_year: p.end_year,
                    status: p.status.as_str().to_owned(),
                })
                .collect(),
            id: g.id,
            slug: g.slug,
            name: g.name,
            kind: g.kind.as_str().to_owned(),
            parent_id: g.parent_id,
            territory: g.territory,
            mission: g.mission,
            vision: g.vision,
            fiduciary_id: g.fiduciary_id,
            pathways,
            members,
        });
    }
    Ok(Json(out))
}

#[derive(Serialize, ToSchema)]
pub struct MeasurementJson {
    value: f64,
    measured_on: Option<chrono::NaiveDate>,
    source: Option<String>,
    comment: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct IndicatorJson {
    id: Uuid,
    name: String,
    unit: String,
    baseline_value: Option<f64>,
    baseline_on: Option<chrono::NaiveDate>,
    target_value: f64,
    target_on: Option<chrono::NaiveDate>,
    weight: f64,
    /// Latest measurement against the target, in [0, 1]; null before the
    /// first measurement.
    progress: Option<f64>,
    measurements: Vec<MeasurementJson>,
}

#[derive(Serialize, ToSchema)]
pub struct ActionJson {
    id: Uuid,
    title: String,
    description: Option<String>,
    audience: Option<String>,
    start_on: Option<chrono::NaiveDate>,
    end_on: Option<chrono::NaiveDate>,
    /// `a_venir`, `en_cours`, `realisee`, `reportee` or `abandonnee`.
    status: String,
    budget: Option<f64>,
    weight: f64,
    leads: Vec<String>,
    partners: Vec<String>,
    pathways: Vec<Uuid>,
    progress: Option<f64>,
    indicators: Vec<IndicatorJson>,
    #[schema(no_recursion)]
    subtasks: Vec<ActionJson>,
}

#[derive(Serialize, ToSchema)]
pub struct StrategyJson {
    id: Uuid,
    title: String,
    weight: f64,
    progress: Option<f64>,
    indicators: Vec<IndicatorJson>,
    actions: Vec<ActionJson>,
}

#[derive(Serialize, ToSchema)]
pub struct OrientationJson {
    id: Uuid,
    title: String,
    year_label: Option<String>,
    weight: f64,
    progress: Option<f64>,
    strategies: Vec<StrategyJson>,
}

#[derive(Serialize, ToSchema)]
pub struct PlanJson {
    id: Uuid,
    grouping_id: Uuid,
    title: String,
    description: Option<String>,
    start_year: i32,
    end_year: i32,
    status: String,
    /// `equal`, `custom` or `budget`.
    weighting: String,
    progress: Option<f64>,
    /// Indicators without any measurement (they do not count as zero).
    missing_measurements: usize,
    /// Abandoned actions and sub-tasks (left out of the progress).
    abandoned: usize,
    orientations: Vec<OrientationJson>,
}

fn indicators(list: &[IndicatorView], p: &Progress) -> Vec<IndicatorJson> {
    list.iter()
        .map(|i| IndicatorJson {
            id: i.model.id,
            name: i.model.name.clone(),
            unit: i.model.unit.clone(),
            baseline_value: i.model.baseline_value,
            baseline_on: i.model.baseline_on,
            target_value: i.model.target_value,
            target_on: i.model.target_on,
            weight: i.model.weight,
            progress: p.indicators.get(&i.model.id).copied().flatten(),
            measurements: i
                .measurements
                .iter()
                .map(|m| MeasurementJson {
                    value: m.value,
                    measured_on: m.measured_on,
                    source: m.source.clone(),
                    comment: m.comment.clone(),
                })
                .collect(),
        })
        .collect()
}

fn action(a: &ActionNode, p: &Progress) -> ActionJson {
    ActionJson {
        id: a.model.id,
        title: a.model.title.clone(),
        description: a.model.description.clone(),
        audience: a.model.audience.clone(),
        start_on: a.model.start_on,
        end_on: a.model.end_on,
        status: a.model.status.as_str().to_owned(),
        budget: a.model.budget,
        weight: a.model.weight,
        leads: a.leads.clone(),
        partners: a.partners.clone(),
        pathways: a.pathways.clone(),
        progress: p.nodes.get(&a.model.id).copied().flatten(),
        indicators: indicators(&a.indicators, p),
        subtasks: a.children.iter().map(|c| action(c, p)).collect(),
    }
}

/// A plan as a nested outline (orientations → strategies → actions →
/// sub-tasks) with every node's progress.
#[utoipa::path(get, path = "/api/v1/plans/{plan}", tag = TAG,
    params(("plan" = Uuid, Path, description = "The plan's id")),
    responses(
        (status = 200, body = PlanJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 404, body = ErrorBody, description = "No such plan, or a draft of another grouping")
    ))]
async fn show_plan(
    State(state): State<AppState>,
    ReadablePlan { plan, .. }: ReadablePlan,
) -> Result<Json<PlanJson>, AppError> {
    let outline = repo::outline(state.store.conn(), plan.id).await?;
    let p = progress(&outline);
    Ok(Json(PlanJson {
        id: plan.id,
        grouping_id: plan.grouping_id,
        title: plan.title.clone(),
        description: plan.description.clone(),
        start_year: plan.start_year,
        end_year: plan.end_year,
        status: plan.status.as_str().to_owned(),
        weighting: plan.weighting.as_str().to_owned(),
        progress: p.plan,
        missing_measurements: p.missing_measurements,
        abandoned: p.abandoned,
        orientations: outline
            .orientations
            .iter()
            .map(|o| OrientationJson {
                id: o.model.id,
                title: o.model.title.clone(),
                year_label: o.model.year_label.clone(),
                weight: o.model.weight,
                progress: p.nodes.get(&o.model.id).copied().flatten(),
                strategies: o
                    .strategies
                    .iter()
                    .map(|s| StrategyJson {
                        id: s.model.id,
                        title: s.model.title.clone(),
                        weight: s.model.weight,
                        progress: p.nodes.get(&s.model.id).copied().flatten(),
                        indicators: indicators(&s.indicators, &p),
                        actions: s.actions.iter().map(|a| action(a, &p)).collect(),
                    })
                    .collect(),
            })
            .collect(),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionQuery {
    /// A grouping's slug or id.
    grouping: Option<String>,
    plan: Option<Uuid>,
    /// A status code (`en_cours`…).
    status: Option<String>,
    pathway: Option<Uuid>,
    /// An organization id (lead or partner).
    organization: Option<String>,
    /// Actions running during that year.
    year: Option<i32>,
    /// At most this many (default 100, at most 1000).
    limit: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct ActionListItem {
    id: Uuid,
    plan_id: Uuid,
    plan_title: String,
    grouping_id: Uuid,
    parent_id: Option<Uuid>,
    title: String,
    status: String,
    start_on: Option<chrono::NaiveDate>,
    end_on: Option<chrono::NaiveDate>,
    budget: Option<f64>,
}

/// Actions of the plans the caller may read, filtered.
#[utoipa::path(get, path = "/api/v1/actions", tag = TAG, params(ActionQuery), responses(
    (status = 200, body = [ActionListItem]),
    (status = 400, body = ErrorBody, description = "An invalid parameter"),
    (status = 401, body = ErrorBody, description = "Not signed in")
))]
async fn list_actions(
    State(state): State<AppState>,
    Query(q): Query<ActionQuery>,
    visitor: Visitor,
) -> Result<Json<Vec<ActionListItem>>, AppError> {
    if visitor.0.is_none() {
        return Err(AppError::Unauthenticated);
    }
    if let Some(s) = &q.status
        && s.parse::<maillage_domain::plans::ActionStatus>().is_err()
    {
        return Err(AppError::BadRequest("api-error-status"));
    }
    let grouping_ids = match &q.grouping {
        None => None,
        Some(g) => {
            let found = match Uuid::parse_str(g) {
                Ok(id) => groupings_repo::find_by_id(&state.store, id).await?,
                Err(_) => groupings_repo::find_by_slug(state.store.conn(), g).await?,
            };
            Some(vec![
                found.ok_or(AppError::BadRequest("api-error-grouping"))?.id,
            ])
        }
    };
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    let filter = ActionFilter {
        grouping_ids,
        plan_id: q.plan,
        status: q
            .status
            .as_deref()
            .and_then(|s| s.parse::<maillage_domain::plans::ActionStatus>().ok())
            .map(|s| s.as_str().to_owned()),
        pathway_id: q.pathway,
        organization_id: q.organization.clone(),
        year: q.year,
    };
    // Unreadable plans are filtered after the query, so ask for more.
    let rows = repo::list_actions(&state.store, &filter, limit.saturating_mul(4)).await?;
    let mut readable: HashMap<Uuid, bool> = HashMap::new();
    let mut out = Vec::new();
    for (a, plan) in rows {
        let ok = *readable
            .entry(plan.id)
            .or_insert_with(|| may_read_plan(&visitor, &plan));
        if !ok {
            continue;
        }
        out.push(ActionListItem {
            id: a.id,
            plan_id: plan.id,
            plan_title: plan.title.clone(),
            grouping_id: a.grouping_id,
            parent_id: a.parent_id,
            title: a.title,
            status: a.status.as_str().to_owned(),
            start_on: a.start_on,
            end_on: a.end_on,
            budget: a.budget,
        });
        if out.len() as u64 >= limit {
            break;
        }
    }
    Ok(Json(out))
}
