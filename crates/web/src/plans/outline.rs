//! The plan page (an outline with progress bars), the plan forms (create,
//! edit, copy into a new period) and the orientation and strategy controls
//! (add, rename, reorder up/down without JavaScript, delete).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maillage_domain::plans::{self as rules, PlanStatus, Weighting};
use maillage_store::StoreError;
use maillage_store::entity::{action_plan, grouping};
use maillage_store::repo::groupings as groupings_repo;
use maillage_store::repo::plans::{self as repo, ActionNode, PlanInput};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{EditableOrientation, EditablePlan, EditableStrategy, ReadablePlan};
use super::{
    NodeOp, Progress, action_href, grouping_href, indicator_href, may_edit_action,
    may_edit_grouping, may_read_plan, number_text, opt, org_name, percent, plan_href,
    plan_status_label, progress, status_label,
};
use crate::AppState;
use crate::auth::ClientIp;
use crate::auth::{Visitor, actor};
use crate::error::AppError;
use crate::extract::Id;
use crate::forms::{Choice, FieldErrors};
use crate::groupings::access::EditableGrouping;
use crate::i18n::Lang;
use crate::page::Page;

// ---------- the list ----------

pub struct PlanItem {
    pub href: String,
    pub title: String,
    pub grouping: String,
    pub grouping_href: String,
    pub period: String,
    pub status: String,
    pub draft: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/list.html")]
pub struct PlansPage {
    p: Page,
    plans: Vec<PlanItem>,
}

/// Every plan the account may read.
pub async fn list_plans(
    State(state): State<AppState>,
    p: Page,
    visitor: Visitor,
) -> Result<PlansPage, AppError> {
    let groupings = groupings_repo::list(&state.store).await?;
    let ids: Vec<Uuid> = groupings.iter().map(|g| g.id).collect();
    let by_id: HashMap<Uuid, &grouping::Model> = groupings.iter().map(|g| (g.id, g)).collect();
    let plans = repo::plans_of(state.store.conn(), &ids)
        .await?
        .into_iter()
        .filter(|pl| may_read_plan(&visitor, pl))
        .filter_map(|pl| {
            let g = by_id.get(&pl.grouping_id)?;
            Some(PlanItem {
                href: plan_href(pl.id),
                grouping: g.name.clone(),
                grouping_href: grouping_href(g),
                period: format!("{}–{}", pl.start_year, pl.end_year),
                status: plan_status_label(p.lang, &pl),
                draft: super::plan_status(&pl) == PlanStatus::Draft,
                title: pl.title,
            })
        })
        .collect();
    Ok(PlansPage { p, plans })
}

// ---------- the outline ----------

pub struct IndicatorItem {
    pub href: String,
    pub name: String,
    pub latest: String,
    pub target: String,
    pub percent: Option<u32>,
}

pub struct ActionItem {
    pub id: String,
    pub href: String,
    pub title: String,
    pub depth: usize,
    pub status: String,
    pub status_code: String,
    pub leads: Vec<String>,
    pub partners: Vec<String>,
    pub pathways: Vec<String>,
    pub percent: Option<u32>,
    pub can_edit: bool,
    pub first: bool,
    pub last: bool,
    pub indicators: Vec<IndicatorItem>,
}

pub struct StrategyItem {
    pub id: String,
    pub title: String,
    pub percent: Option<u32>,
    pub weight: String,
    pub first: bool,
    pub last: bool,
    pub indicators: Vec<IndicatorItem>,
    pub actions: Vec<ActionItem>,
}

pub struct OrientationItem {
    pub id: String,
    pub title: String,
    pub year: String,
    pub percent: Option<u32>,
    pub weight: String,
    pub first: bool,
    pub last: bool,
    pub strategies: Vec<StrategyItem>,
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/plan.html")]
pub struct PlanPage {
    p: Page,
    plan: action_plan::Model,
    href: String,
    grouping: String,
    grouping_href: String,
    status: String,
    draft: bool,
    weighting: String,
    percent: Option<u32>,
    counted: usize,
    missing: usize,
    abandoned: usize,
    action_count: usize,
    orientations: Vec<OrientationItem>,
    can_edit: bool,
}

pub fn indicator_items(
    list: &[repo::IndicatorView],
    progress: &Progress,
    lang: Lang,
) -> Vec<IndicatorItem> {
    list.iter()
        .map(|i| IndicatorItem {
            href: indicator_href(i.model.id),
            name: i.model.name.clone(),
            latest: i.latest().map_or_else(
                || lang.t("indicator-no-measurement"),
                |m| format!("{} {}", number_text(m.value, lang), i.model.unit),
            ),
            target: format!(
                "{} {}",
                number_text(i.model.target_value, lang),
                i.model.unit
            ),
            percent: percent(progress.indicators.get(&i.model.id).copied().flatten()),
        })
        .collect()
}

struct Ctx<'a> {
    lang: Lang,
    progress: &'a Progress,
    orgs: &'a HashMap<String, maillage_store::repo::groupings::OrgBrief>,
    pathways: &'a HashMap<Uuid, String>,
    visitor: &'a Visitor,
    grouping_id: Uuid,
}

fn action_items(list: &[ActionNode], depth: usize, ctx: &Ctx<'_>, out: &mut Vec<ActionItem>) {
    let n = list.len();
    for (i, a) in list.iter().enumerate() {
        out.push(ActionItem {
            id: a.model.id.to_string(),
            href: action_href(a.model.id),
            title: a.model.title.clone(),
            depth,
            status: status_label(ctx.lang, a.model.status),
            status_code: a.model.status.as_str().to_owned(),
            leads: a.leads.iter().map(|o| org_name(ctx.orgs, o)).collect(),
            partners: a.partners.iter().map(|o| org_name(ctx.orgs, o)).collect(),
            pathways: a
                .pathways
                .iter()
                .filter_map(|p| ctx.pathways.get(p).cloned())
                .collect(),
            percent: percent(ctx.progress.nodes.get(&a.model.id).copied().flatten()),
            can_edit: may_edit_action(ctx.visitor, ctx.grouping_id, &a.leads),
            first: i == 0,
            last: i + 1 == n,
            indicators: indicator_items(&a.indicators, ctx.progress, ctx.lang),
        });
        action_items(&a.children, depth + 1, ctx, out);
    }
}

pub async fn show_plan(
    State(state): State<AppState>,
    ReadablePlan { plan, .. }: ReadablePlan,
    p: Page,
    visitor: Visitor,
) -> Result<PlanPage, AppError> {
    let lang = p.lang;
    let ctx = repo::plan_context(&state.store, plan.id).await?;
    let progress = progress(&ctx.outline);
    let pathways: HashMap<Uuid, String> = ctx
        .pathways
        .iter()
        .map(|pw| (pw.id, pw.name.clone()))
        .collect();
    let c = Ctx {
        lang,
        progress: &progress,
        orgs: &ctx.orgs,
        pathways: &pathways,
        visitor: &visitor,
        grouping_id: plan.grouping_id,
    };
    let no = ctx.outline.orientations.len();
    let orientations = ctx
        .outline
        .orientations
        .iter()
        .enumerate()
        .map(|(oi, o)| {
            let ns = o.strategies.len();
            OrientationItem {
                id: o.model.id.to_string(),
                title: o.model.title.clone(),
                year: o.model.year_label.clone().unwrap_or_default(),
                percent: percent(progress.nodes.get(&o.model.id).copied().flatten()),
                weight: crate::text::number_field(o.model.weight, lang),
                first: oi == 0,
                last: oi + 1 == no,
                strategies: o
                    .strategies
                    .iter()
                    .enumerate()
                    .map(|(si, s)| {
                        let mut actions = Vec::new();
                        action_items(&s.actions, 0, &c, &mut actions);
                        StrategyItem {
                            id: s.model.id.to_string(),
                            title: s.model.title.clone(),
                            percent: percent(progress.nodes.get(&s.model.id).copied().flatten()),
                            weight: crate::text::number_field(s.model.weight, lang),
                            first: si == 0,
                            last: si + 1 == ns,
                            indicators: indicator_items(&s.indicators, &progress, lang),
                            actions,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(PlanPage {
        href: plan_href(plan.id),
        grouping: ctx.grouping.name.clone(),
        grouping_href: grouping_href(&ctx.grouping),
        status: plan_status_label(lang, &plan),
        draft: super::plan_status(&plan) == PlanStatus::Draft,
        weighting: lang.t(super::weighting(&plan).label_key()),
        percent: percent(progress.plan),
        counted: progress.counted,
        missing: progress.missing_measurements,
        abandoned: progress.abandoned,
        action_count: ctx.outline.actions().len(),
        orientations,
        can_edit: may_edit_grouping(&visitor, plan.grouping_id),
        plan,
        p,
    })
}

// ---------- the plan form ----------

#[derive(Debug, Clone, Default, Deserialize)]
pub struct PlanForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub start_year: String,
    #[serde(default)]
    pub end_year: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub weighting: String,
    #[serde(default)]
    pub version: String,
}

impl PlanForm {
    fn of(plan: &action_plan::Model) -> Self {
        PlanForm {
            title: plan.title.clone(),
            description: plan.description.clone().unwrap_or_default(),
            start_year: plan.start_year.to_string(),
            end_year: plan.end_year.to_string(),
            status: plan.status.as_str().to_owned(),
            weighting: plan.weighting.as_str().to_owned(),
            version: plan.version.to_string(),
        }
    }

    /// The input, or the errors by field.
    pub fn check(&self, lang: Lang) -> Result<PlanInput, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = self.title.trim().to_owned();
        if title.is_empty() {
            errors.push("title", lang.t("plan-error-title"));
        }
        let start: Option<i32> = self.start_year.trim().parse().ok();
        let end: Option<i32> = self.end_year.trim().parse().ok();
        if start.is_none() {
            errors.push("start_year", lang.t("error-plan-year"));
        }
        if end.is_none() {
            errors.push("end_year", lang.t("error-plan-year"));
        }
        if let (Some(s), Some(e)) = (start, end)
            && let Err(fe) = rules::validate_period(s, e)
        {
            errors.push(fe.field, lang.t(fe.key));
        }
        let status = self.status.parse::<PlanStatus>().ok();
        if status.is_none() {
            errors.push("status", lang.t("plan-error-status"));
        }
        let weighting = self.weighting.parse::<Weighting>().ok();
        if weighting.is_none() {
            errors.push("weighting", lang.t("plan-error-weighting"));
        }
        match (start, end, status, weighting) {
            (Some(start_year), Some(end_year), Some(status), Some(weighting))
                if errors.is_empty() =>
            {
                Ok(PlanInput {
                    title,
                    description: opt(&self.description),
                    start_year,
                    end_year,
                    status: status.as_str().to_owned(),
                    weighting: weighting.as_str().to_owned(),
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/plan_form.html")]
pub struct PlanFormPage {
    p: Page,
    title: String,
    intro: Option<String>,
    action: String,
    cancel: String,
    form: PlanForm,
    errors: FieldErrors,
    with_version: bool,
    statuses: Vec<Choice>,
    weightings: Vec<Choice>,
}

fn plan_form_page(
    p: Page,
    title: String,
    intro: Option<String>,
    action: String,
    cancel: String,
    form: PlanForm,
    errors: FieldErrors,
) -> PlanFormPage {
    let lang = p.lang;
    PlanFormPage {
        title,
        intro,
        with_version: !form.version.is_empty(),
        action,
        cancel,
        form,
        errors,
        statuses: PlanStatus::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: lang.t(s.label_key()),
            })
            .collect(),
        weightings: Weighting::ALL
            .iter()
            .map(|w| Choice {
                value: w.as_str().to_owned(),
                label: lang.t(w.label_key()),
            })
            .collect(),
        p,
    }
}

pub async fn show_new_plan(
    EditableGrouping { grouping: g, .. }: EditableGrouping,
    p: Page,
) -> Result<PlanFormPage, AppError> {
    let title = p.t1("plan-new-title", "name", &g.name);
    Ok(plan_form_page(
        p,
        title,
        None,
        format!("{}/plans/nouveau", grouping_href(&g)),
        grouping_href(&g),
        PlanForm {
            status: PlanStatus::Draft.as_str().to_owned(),
            weighting: Weighting::Equal.as_str().to_owned(),
            ..PlanForm::default()
        },
        FieldErrors::default(),
    ))
}

pub async fn create_plan(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, user }: EditableGrouping,
    p: Page,
    ip: ClientIp,
    Form(form): Form<PlanForm>,
) -> Result<Response, AppError> {
    match form.check(p.lang) {
        Ok(input) => {
            let plan = repo::create_plan(&state.store, &actor(&user, &ip), g.id, &input).await?;
            Ok(
                Redirect::to(&format!("{}?ok=flash-plan-saved", plan_href(plan.id)))
                    .into_response(),
            )
        }
        Err(errors) => {
            let title = p.t1("plan-new-title", "name", &g.name);
            let page = plan_form_page(
                p,
                title,
                None,
                format!("{}/plans/nouveau", grouping_href(&g)),
                grouping_href(&g),
                form,
                errors,
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub async fn show_plan_form(
    EditablePlan { plan, .. }: EditablePlan,
    p: Page,
) -> Result<PlanFormPage, AppError> {
    let title = p.t1("plan-edit-title", "name", &plan.title);
    Ok(plan_form_page(
        p,
        title,
        None,
        format!("{}/modifier", plan_href(plan.id)),
        plan_href(plan.id),
        PlanForm::of(&plan),
        FieldErrors::default(),
    ))
}

pub async fn update_plan(
    State(state): State<AppState>,
    EditablePlan { plan, user }: EditablePlan,
    p: Page,
    ip: ClientIp,
    Form(form): Form<PlanForm>,
) -> Result<Response, AppError> {
    let (status, errors) = match form.check(p.lang) {
        Ok(input) => {
            let version = form.version.parse().unwrap_or(-1);
            match repo::update_plan(&state.store, &actor(&user, &ip), plan.id, version, &input)
                .await
            {
                Ok(_) => {
                    return Ok(Redirect::to(&format!(
                        "{}?ok=flash-plan-saved",
                        plan_href(plan.id)
                    ))
                    .into_response());
                }
                Err(StoreError::Stale(_)) => {
                    let mut e = FieldErrors::default();
                    e.push("version", p.t("plans-error-stale"));
                    (StatusCode::CONFLICT, e)
                }
                Err(e) => return Err(e.into()),
            }
        }
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
    };
    let mut form = form;
    form.version = plan.version.to_string();
    let title = p.t1("plan-edit-title", "name", &plan.title);
    let page = plan_form_page(
        p,
        title,
        None,
        format!("{}/modifier", plan_href(plan.id)),
        plan_href(plan.id),
        form,
        errors,
    );
    Ok((status, page).into_response())
}

pub async fn show_copy_form(
    EditablePlan { plan, .. }: EditablePlan,
    p: Page,
) -> Result<PlanFormPage, AppError> {
    let span = plan.end_year - plan.start_year;
    let start = plan.end_year + 1;
    let form = PlanForm {
        title: format!("{} ({}-{})", plan.title, start, start + span),
        description: plan.description.clone().unwrap_or_default(),
        start_year: start.to_string(),
        end_year: (start + span).to_string(),
        status: PlanStatus::Draft.as_str().to_owned(),
        weighting: plan.weighting.as_str().to_owned(),
        version: String::new(),
    };
    let title = p.t1("plan-copy-title", "name", &plan.title);
    let intro = Some(p.t("plan-copy-intro"));
    Ok(plan_form_page(
        p,
        title,
        intro,
        format!("{}/copier", plan_href(plan.id)),
        plan_href(plan.id),
        form,
        FieldErrors::default(),
    ))
}

pub async fn create_copy(
    State(state): State<AppState>,
    EditablePlan { plan, user }: EditablePlan,
    p: Page,
    ip: ClientIp,
    Form(form): Form<PlanForm>,
) -> Result<Response, AppError> {
    match form.check(p.lang) {
        Ok(input) => {
            let copy = repo::copy_plan(&state.store, &actor(&user, &ip), plan.id, &input).await?;
            Ok(
                Redirect::to(&format!("{}?ok=flash-plan-copied", plan_href(copy.id)))
                    .into_response(),
            )
        }
        Err(errors) => {
            let title = p.t1("plan-copy-title", "name", &plan.title);
            let intro = Some(p.t("plan-copy-intro"));
            let page = plan_form_page(
                p,
                title,
                intro,
                format!("{}/copier", plan_href(plan.id)),
                plan_href(plan.id),
                form,
                errors,
            );
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub async fn delete_plan(
    State(state): State<AppState>,
    EditablePlan { plan, user }: EditablePlan,
    ip: ClientIp,
) -> Result<Response, AppError> {
    let g = groupings_repo::find_by_id(&state.store, plan.grouping_id)
        .await?
        .ok_or(AppError::NotFound)?;
    repo::delete_plan(&state.store, &actor(&user, &ip), plan.id).await?;
    Ok(Redirect::to(&format!("{}?ok=flash-plan-deleted", grouping_href(&g))).into_response())
}

// ---------- orientations and strategies ----------

#[derive(Debug, Deserialize)]
pub struct NodeForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    year_label: String,
    #[serde(default)]
    weight: String,
}

fn to_plan(plan_id: Uuid, anchor: &str, flash: &str) -> Response {
    let kind = if flash.contains("-error-") {
        "erreur"
    } else {
        "ok"
    };
    Redirect::to(&format!("{}?{kind}={flash}#{anchor}", plan_href(plan_id))).into_response()
}

fn parse_weight(text: &str) -> Option<f64> {
    if text.trim().is_empty() {
        return Some(1.0);
    }
    rules::parse_number(text).filter(|w| *w >= 0.0)
}

pub async fn create_orientation(
    State(state): State<AppState>,
    EditablePlan { plan, .. }: EditablePlan,
    Form(form): Form<NodeForm>,
) -> Result<Response, AppError> {
    if form.title.trim().is_empty() {
        return Ok(to_plan(plan.id, "plan", "flash-error-title-required"));
    }
    let o = repo::create_orientation(
        state.store.conn(),
        plan.id,
        form.title.trim(),
        opt(&form.year_label),
    )
    .await?;
    Ok(to_plan(
        plan.id,
        &format!("o-{}", o.id),
        "flash-outline-saved",
    ))
}

/// `modifier`, `monter`, `descendre`, `supprimer` and `strategies` (add a
/// strategy) on an orientation.
pub async fn update_orientation(
    State(state): State<AppState>,
    EditableOrientation {
        orientation: o,
        plan,
        ..
    }: EditableOrientation,
    Id(op): Id<NodeOp>,
    Form(form): Form<NodeForm>,
) -> Result<Response, AppError> {
    let anchor = format!("o-{}", o.id);
    match op {
        NodeOp::Edit => {
            let Some(weight) = parse_weight(&form.weight) else {
                return Ok(to_plan(plan.id, &anchor, "flash-error-weight"));
            };
            if form.title.trim().is_empty() {
                return Ok(to_plan(plan.id, &anchor, "flash-error-title-required"));
            }
            repo::update_orientation(
                &state.store,
                o.id,
                form.title.trim(),
                opt(&form.year_label),
                weight,
            )
            .await?;
        }
        NodeOp::Delete => {
            repo::delete_orientation(&state.store, o.id).await?;
            return Ok(to_plan(plan.id, "plan", "flash-outline-saved"));
        }
        NodeOp::AddStrategy => {
            if form.title.trim().is_empty() {
                return Ok(to_plan(plan.id, &anchor, "flash-error-title-required"));
            }
            let s = repo::create_strategy(state.store.conn(), &o, form.title.trim()).await?;
            return Ok(to_plan(
                plan.id,
                &format!("s-{}", s.id),
                "flash-outline-saved",
            ));
        }
        NodeOp::Up | NodeOp::Down => {
            let step = op.step().ok_or(AppError::NotFound)?;
            repo::move_orientation(&state.store, o.id, step).await?;
        }
    }
    Ok(to_plan(plan.id, &anchor, "flash-outline-saved"))
}

/// `modifier`, `monter`, `descendre`, `supprimer` on a strategy.
pub async fn update_strategy(
    State(state): State<AppState>,
    EditableStrategy {
        strategy: s, plan, ..
    }: EditableStrategy,
    Id(op): Id<NodeOp>,
    Form(form): Form<NodeForm>,
) -> Result<Response, AppError> {
    let anchor = format!("s-{}", s.id);
    match op {
        NodeOp::Edit => {
            let Some(weight) = parse_weight(&form.weight) else {
                return Ok(to_plan(plan.id, &anchor, "flash-error-weight"));
            };
            if form.title.trim().is_empty() {
                return Ok(to_plan(plan.id, &anchor, "flash-error-title-required"));
            }
            repo::update_strategy(&state.store, s.id, form.title.trim(), weight).await?;
        }
        NodeOp::Delete => {
            repo::delete_strategy(&state.store, s.id).await?;
            return Ok(to_plan(
                plan.id,
                &format!("o-{}", s.orientation_id),
                "flash-outline-saved",
            ));
        }
        NodeOp::AddStrategy => return Err(AppError::NotFound),
        NodeOp::Up | NodeOp::Down => {
            let step = op.step().ok_or(AppError::NotFound)?;
            repo::move_strategy(&state.store, s.id, step).await?;
        }
    }
    Ok(to_plan(plan.id, &anchor, "flash-outline-saved"))
}
