//! Actions (and sub-tasks), their indicators and the measurements that
//! follow them. Coordinators of the grouping edit everything; members edit
//! the actions their organization leads (and measure their indicators).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use maillage_domain::charts::{self, ChartLabels, LineSeries};
use maillage_domain::plans::{self as rules, ActionStatus};
use maillage_store::StoreError;
use maillage_store::entity::{action, action_plan, pathway};
use maillage_store::repo::groupings as groupings_repo;
use maillage_store::repo::plans::{
    self as repo, ActionInput, IndicatorInput, IndicatorOf, MeasurementInput,
};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{
    ActionInEditablePlan, EditableAction, EditableStrategy, MeasurableIndicator, ReadableAction,
    ReadableIndicator,
};
use super::outline::{IndicatorItem, indicator_items};
use super::{
    NodeOp, action_href, date_text, form_date, indicator_href, iso, may_edit_action,
    may_edit_grouping, number_text, opt, org_name, percent, plan_href, progress, status_label,
};
use crate::AppState;
use crate::auth::ClientIp;
use crate::auth::{SignedIn, Visitor, actor};
use crate::directory::organization_href;
use crate::error::AppError;
use crate::extract::Id;
use crate::forms::{Choice, FieldErrors};
use crate::groupings::resolve_organization;
use crate::i18n::Lang;
use crate::page::Page;
use maillage_domain::ids::MeasurementId;

// ---------- the action page ----------

pub struct OrgItem {
    pub name: String,
    pub href: String,
    pub sector: String,
    pub member: bool,
}

pub struct SubItem {
    pub href: String,
    pub title: String,
    pub status: String,
    pub percent: Option<u32>,
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/action.html")]
pub struct ActionPage {
    p: Page,
    a: action::Model,
    href: String,
    plan_title: String,
    plan_href: String,
    strategy: String,
    orientation: String,
    parent: Option<SubItem>,
    status: String,
    start: String,
    end: String,
    budget: String,
    documents: Vec<String>,
    leads: Vec<OrgItem>,
    partners: Vec<OrgItem>,
    pathways: Vec<String>,
    percent: Option<u32>,
    subtasks: Vec<SubItem>,
    indicators: Vec<IndicatorItem>,
    can_edit: bool,
    can_add: bool,
    /// The post-it of a live room this action came from: its line and the
    /// room's post-its page.
    origin: Option<(String, String)>,
    /// The recommendations of evaluations this action answers (signed-in
    /// readers only): text, evaluation, link, status.
    answers: Vec<(String, String, String, String)>,
}

#[expect(
    clippy::too_many_lines,
    reason = "one page's fields, each with its origin (plans, live, evaluations)"
)]
pub async fn show_action(
    State(state): State<AppState>,
    ReadableAction {
        action: a, plan, ..
    }: ReadableAction,
    p: Page,
    visitor: Visitor,
) -> Result<ActionPage, AppError> {
    let lang = p.lang;
    let ctx = repo::plan_context(&state.store, plan.id).await?;
    let prog = progress(&ctx.outline);
    let node = ctx.outline.find_action(a.id).ok_or(AppError::NotFound)?;
    let members: Vec<String> = groupings_repo::memberships(state.store.conn(), plan.grouping_id)
        .await?
        .into_iter()
        .filter(maillage_store::repo::groupings::Member::is_current)
        .map(|m| m.organization_id)
        .collect();
    let reference = crate::reference::Reference::load(&state).await?;
    let org = |id: &String| OrgItem {
        name: org_name(&ctx.orgs, id),
        href: organization_href(id),
        sector: super::sector_label(&reference, lang, super::sector_of(&ctx.orgs, id).as_deref()),
        member: members.contains(id),
    };
    let (strategy, orientation) = ctx
        .outline
        .orientations
        .iter()
        .find_map(|o| {
            o.strategies
                .iter()
                .find(|s| s.model.id == a.strategy_id)
                .map(|s| (s.model.title.clone(), o.model.title.clone()))
        })
        .unwrap_or_default();
    let parent = a
        .parent_id
        .and_then(|pid| ctx.outline.find_action(pid))
        .map(|pa| SubItem {
            href: action_href(pa.model.id),
            title: pa.model.title.clone(),
            status: status_label(lang, pa.model.status),
            percent: percent(prog.nodes.get(&pa.model.id).copied().flatten()),
        });
    let pathways: HashMap<Uuid, String> = ctx
        .pathways
        .iter()
        .map(|pw| (pw.id, pw.name.clone()))
        .collect();
    let origin = maillage_store::repo::live_actions::origin_of_action(&state.store, a.id)
        .await?
        .map(|o| {
            (
                lang.t_args("live-report-origin", &[("room", o.room_title)]),
                format!("{}/post-it", crate::live::room_href(o.room_id)),
            )
        });
    let answers = if visitor.0.is_some() {
        crate::evaluations::answered_recommendations(&state, lang, a.id).await?
    } else {
        Vec::new()
    };
    Ok(ActionPage {
        origin,
        answers,
        href: action_href(a.id),
        plan_title: plan.title.clone(),
        plan_href: plan_href(plan.id),
        strategy,
        orientation,
        parent,
        status: status_label(lang, a.status),
        start: date_text(a.start_on, lang),
        end: date_text(a.end_on, lang),
        budget: a
            .budget
            .map(|b| format!("{} $", number_text(b, lang)))
            .unwrap_or_default(),
        documents: a
            .documents
            .as_deref()
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect(),
        leads: node.leads.iter().map(org).collect(),
        partners: node.partners.iter().map(org).collect(),
        pathways: node
            .pathways
            .iter()
            .filter_map(|pw| pathways.get(pw).cloned())
            .collect(),
        percent: percent(prog.nodes.get(&a.id).copied().flatten()),
        subtasks: node
            .children
            .iter()
            .map(|c| SubItem {
                href: action_href(c.model.id),
                title: c.model.title.clone(),
                status: status_label(lang, c.model.status),
                percent: percent(prog.nodes.get(&c.model.id).copied().flatten()),
            })
            .collect(),
        indicators: indicator_items(&node.indicators, &prog, lang),
        can_edit: may_edit_action(&visitor, plan.grouping_id, &node.leads),
        can_add: may_edit_grouping(&visitor, plan.grouping_id),
        a,
        p,
    })
}

// ---------- the action form ----------

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub audience: String,
    #[serde(default)]
    pub start_on: String,
    #[serde(default)]
    pub end_on: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub budget: String,
    #[serde(default)]
    pub documents: String,
    /// Members picked in the list.
    #[serde(default)]
    pub leads: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    /// Other organizations, by name, one a line.
    #[serde(default)]
    pub other_leads: String,
    #[serde(default)]
    pub other_partners: String,
    #[serde(default)]
    pub pathways: Vec<String>,
    #[serde(default)]
    pub weight: String,
    #[serde(default)]
    pub confirm_non_member: String,
    #[serde(default)]
    pub version: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/action_form.html")]
pub struct ActionFormPage {
    p: Page,
    title: String,
    action: String,
    cancel: String,
    form: ActionForm,
    errors: FieldErrors,
    warning: Option<String>,
    statuses: Vec<Choice>,
    members: Vec<Choice>,
    pathways: Vec<Choice>,
}

impl ActionFormPage {
    fn has(list: &[String], value: &str) -> bool {
        list.iter().any(|v| v == value)
    }

    pub fn is_lead(&self, value: &str) -> bool {
        Self::has(&self.form.leads, value)
    }

    pub fn is_partner(&self, value: &str) -> bool {
        Self::has(&self.form.partners, value)
    }

    pub fn serves(&self, value: &str) -> bool {
        Self::has(&self.form.pathways, value)
    }
}

struct FormContext {
    members: Vec<Choice>,
    member_ids: Vec<String>,
    pathways: Vec<pathway::Model>,
}

async fn form_context(state: &AppState, grouping_id: Uuid) -> Result<FormContext, AppError> {
    let members: Vec<_> = groupings_repo::memberships(state.store.conn(), grouping_id)
        .await?
        .into_iter()
        .filter(maillage_store::repo::groupings::Member::is_current)
        .collect();
    Ok(FormContext {
        member_ids: members.iter().map(|m| m.organization_id.clone()).collect(),
        members: members
            .into_iter()
            .map(|m| Choice {
                value: m.organization_id,
                label: m.name,
            })
            .collect(),
        pathways: groupings_repo::pathways(state.store.conn(), grouping_id).await?,
    })
}

#[expect(
    clippy::too_many_arguments,
    reason = "the parts of one page, named at each call"
)]
fn form_page(
    p: Page,
    title: String,
    action: String,
    cancel: String,
    form: ActionForm,
    errors: FieldErrors,
    warning: Option<String>,
    ctx: FormContext,
) -> ActionFormPage {
    let lang = p.lang;
    ActionFormPage {
        title,
        action,
        cancel,
        form,
        errors,
        warning,
        statuses: ActionStatus::ALL
            .iter()
            .map(|s| Choice {
                value: s.as_str().to_owned(),
                label: lang.t(s.label_key()),
            })
            .collect(),
        members: ctx.members,
        pathways: ctx
            .pathways
            .into_iter()
            .map(|pw| Choice {
                value: pw.id.to_string(),
                label: pw.name,
            })
            .collect(),
        p,
    }
}

/// A budget as typed (`12 500 $`), `None` when blank; `Err` when it is not
/// a number of dollars.
fn budget_of(text: &str) -> Result<Option<f64>, ()> {
    match text.trim() {
        "" => Ok(None),
        b => match rules::parse_number(b.trim_end_matches('$').trim()) {
            Some(v) if v >= 0.0 => Ok(Some(v)),
            _ => Err(()),
        },
    }
}

/// A weight as typed, 1 when blank; `Err` when it is not a number ≥ 0.
fn weight_of(text: &str) -> Result<f64, ()> {
    match text.trim() {
        "" => Ok(1.0),
        w => match rules::parse_number(w) {
            Some(v) if v >= 0.0 => Ok(v),
            _ => Err(()),
        },
    }
}

/// What is wrong with the form (errors), and what needs a confirmation
/// (a lead that is not a member of the grouping).
async fn check(
    state: &AppState,
    form: &ActionForm,
    ctx: &FormContext,
    lang: Lang,
) -> (ActionInput, FieldErrors, Option<String>) {
    let mut errors = FieldErrors::default();
    let title = form.title.trim().to_owned();
    if title.is_empty() {
        errors.push("title", lang.t("action-error-title"));
    }
    let status = form.status.parse::<ActionStatus>().ok();
    if status.is_none() {
        errors.push("status", lang.t("action-error-status"));
    }
    let start_on = form_date(&form.start_on).unwrap_or_else(|()| {
        errors.push("start_on", lang.t("plans-error-date"));
        None
    });
    let end_on = form_date(&form.end_on).unwrap_or_else(|()| {
        errors.push("end_on", lang.t("plans-error-date"));
        None
    });
    if let (Some(s), Some(e)) = (start_on, end_on)
        && e < s
    {
        errors.push("end_on", lang.t("action-error-end-before-start"));
    }
    let budget = budget_of(&form.budget).unwrap_or_else(|()| {
        errors.push("budget", lang.t("action-error-budget"));
        None
    });
    let weight = weight_of(&form.weight).unwrap_or_else(|()| {
        errors.push("weight", lang.t("action-error-weight"));
        1.0
    });
    let mut resolve = async |field: &'static str, picked: &[String], others: &str| {
        let mut ids: Vec<String> = picked
            .iter()
            .filter(|id| ctx.member_ids.contains(id))
            .cloned()
            .collect();
        for name in others.lines().flat_map(|l| l.split(';')) {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            match resolve_organization(state, name).await {
                Ok(id) => ids.push(id),
                Err(key) => errors.push(field, format!("{} «\u{a0}{name}\u{a0}»", lang.t(key))),
            }
        }
        ids.dedup();
        ids
    };
    let leads = resolve("other_leads", &form.leads, &form.other_leads).await;
    let partners = resolve("other_partners", &form.partners, &form.other_partners).await;
    let pathway_ids: Vec<Uuid> = form
        .pathways
        .iter()
        .filter_map(|p| Uuid::parse_str(p).ok())
        .filter(|p| ctx.pathways.iter().any(|pw| pw.id == *p))
        .collect();
    let outsiders: Vec<&String> = leads
        .iter()
        .filter(|l| !ctx.member_ids.contains(l))
        .collect();
    let warning = (!outsiders.is_empty() && form.confirm_non_member != "1")
        .then(|| lang.t("action-warning-lead-not-member"));
    (
        ActionInput {
            title,
            description: opt(&form.description),
            audience: opt(&form.audience),
            start_on,
            end_on,
            status: status.unwrap_or(ActionStatus::AVenir).as_str().to_owned(),
            budget,
            documents: form
                .documents
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            leads,
            partners,
            pathways: pathway_ids,
            weight,
        },
        errors,
        warning,
    )
}

fn empty_form() -> ActionForm {
    ActionForm {
        status: ActionStatus::AVenir.as_str().to_owned(),
        weight: "1".to_owned(),
        ..ActionForm::default()
    }
}

pub async fn show_new_action(
    State(state): State<AppState>,
    EditableStrategy {
        strategy: s, plan, ..
    }: EditableStrategy,
    p: Page,
) -> Result<ActionFormPage, AppError> {
    let ctx = form_context(&state, plan.grouping_id).await?;
    let title = p.t1("action-new-title", "name", &s.title);
    Ok(form_page(
        p,
        title,
        format!("/strategies/{}/actions/nouvelle", s.id),
        plan_href(plan.id),
        empty_form(),
        FieldErrors::default(),
        None,
        ctx,
    ))
}

#[expect(
    clippy::too_many_arguments,
    reason = "the creation of an action and of a sub-task share it"
)]
async fn save_new(
    state: &AppState,
    p: Page,
    user: &SignedIn,
    ip: &ClientIp,
    s: &maillage_store::entity::strategy::Model,
    plan: &action_plan::Model,
    parent: Option<Uuid>,
    form: ActionForm,
) -> Result<Response, AppError> {
    let ctx = form_context(state, plan.grouping_id).await?;
    let (input, errors, warning) = check(state, &form, &ctx, p.lang).await;
    if errors.is_empty() && warning.is_none() {
        let a = repo::create_action(&state.store, &actor(user, ip), s.id, parent, &input).await?;
        return Ok(
            Redirect::to(&format!("{}?ok=flash-action-saved", action_href(a.id))).into_response(),
        );
    }
    let (title, target) = match parent {
        Some(pid) => (
            p.t1("action-new-subtask-title", "name", &s.title),
            format!("/actions/{pid}/sous-actions/nouvelle"),
        ),
        None => (
            p.t1("action-new-title", "name", &s.title),
            format!("/strategies/{}/actions/nouvelle", s.id),
        ),
    };
    let page = form_page(
        p,
        title,
        target,
        plan_href(plan.id),
        form,
        errors,
        warning,
        ctx,
    );
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn create_action(
    State(state): State<AppState>,
    EditableStrategy {
        strategy: s,
        plan,
        user,
    }: EditableStrategy,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    save_new(&state, p, &user, &ip, &s, &plan, None, form).await
}

pub async fn show_new_subtask(
    State(state): State<AppState>,
    ActionInEditablePlan {
        action: parent,
        plan,
        ..
    }: ActionInEditablePlan,
    p: Page,
) -> Result<ActionFormPage, AppError> {
    let ctx = form_context(&state, plan.grouping_id).await?;
    let title = p.t1("action-new-subtask-title", "name", &parent.title);
    Ok(form_page(
        p,
        title,
        format!("/actions/{}/sous-actions/nouvelle", parent.id),
        action_href(parent.id),
        empty_form(),
        FieldErrors::default(),
        None,
        ctx,
    ))
}

pub async fn create_subtask(
    State(state): State<AppState>,
    ActionInEditablePlan {
        action: parent,
        strategy: s,
        plan,
        user,
    }: ActionInEditablePlan,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    save_new(&state, p, &user, &ip, &s, &plan, Some(parent.id), form).await
}

pub async fn show_action_form(
    State(state): State<AppState>,
    EditableAction {
        action: a, plan, ..
    }: EditableAction,
    p: Page,
) -> Result<ActionFormPage, AppError> {
    let ctx = form_context(&state, plan.grouping_id).await?;
    let (leads, partners) = repo::action_organizations(state.store.conn(), a.id).await?;
    let pathways = repo::outline(state.store.conn(), plan.id)
        .await?
        .find_action(a.id)
        .map(|n| n.pathways.iter().map(Uuid::to_string).collect())
        .unwrap_or_default();
    let briefs = groupings_repo::org_briefs(
        state.store.conn(),
        Some(&leads.iter().chain(&partners).cloned().collect::<Vec<_>>()),
    )
    .await?;
    let outside = |ids: &[String]| {
        ids.iter()
            .filter(|i| !ctx.member_ids.contains(i))
            .map(|i| org_name(&briefs, i))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let form = ActionForm {
        title: a.title.clone(),
        description: a.description.clone().unwrap_or_default(),
        audience: a.audience.clone().unwrap_or_default(),
        start_on: iso(a.start_on),
        end_on: iso(a.end_on),
        status: a.status.as_str().to_owned(),
        budget: a
            .budget
            .map(|b| crate::text::number_field(b, p.lang))
            .unwrap_or_default(),
        documents: a.documents.clone().unwrap_or_default(),
        other_leads: outside(&leads),
        other_partners: outside(&partners),
        confirm_non_member: if leads.iter().any(|l| !ctx.member_ids.contains(l)) {
            "1".to_owned()
        } else {
            String::new()
        },
        leads,
        partners,
        pathways,
        weight: crate::text::number_field(a.weight, p.lang),
        version: a.version.to_string(),
    };
    let title = p.t1("action-edit-title", "name", &a.title);
    Ok(form_page(
        p,
        title,
        format!("{}/modifier", action_href(a.id)),
        action_href(a.id),
        form,
        FieldErrors::default(),
        None,
        ctx,
    ))
}

pub async fn update_action(
    State(state): State<AppState>,
    EditableAction {
        action: a,
        plan,
        user,
    }: EditableAction,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ActionForm>,
) -> Result<Response, AppError> {
    let ctx = form_context(&state, plan.grouping_id).await?;
    let (input, mut errors, warning) = check(&state, &form, &ctx, p.lang).await;
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() && warning.is_none() {
        let version = form.version.parse().unwrap_or(-1);
        match repo::update_action(&state.store, &actor(&user, &ip), a.id, version, &input).await {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("{}?ok=flash-action-saved", action_href(a.id)))
                        .into_response(),
                );
            }
            Err(StoreError::Stale(_)) => {
                errors.push("version", p.t("plans-error-stale"));
                status = StatusCode::CONFLICT;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut form = form;
    form.version = a.version.to_string();
    let title = p.t1("action-edit-title", "name", &a.title);
    let page = form_page(
        p,
        title,
        format!("{}/modifier", action_href(a.id)),
        action_href(a.id),
        form,
        errors,
        warning,
        ctx,
    );
    Ok((status, page).into_response())
}

/// `monter`, `descendre` and `supprimer` (coordinators).
pub async fn update_action_place(
    State(state): State<AppState>,
    ActionInEditablePlan {
        action: a,
        plan,
        user,
        ..
    }: ActionInEditablePlan,
    Id(op): Id<NodeOp>,
    ip: ClientIp,
) -> Result<Response, AppError> {
    if op == NodeOp::Delete {
        repo::delete_action(&state.store, &actor(&user, &ip), a.id).await?;
        let back = a.parent_id.map_or_else(|| plan_href(plan.id), action_href);
        return Ok(Redirect::to(&format!("{back}?ok=flash-action-deleted")).into_response());
    }
    let step = op.step().ok_or(AppError::NotFound)?;
    repo::move_action(&state.store, a.id, step).await?;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-outline-saved#a-{}",
        plan_href(plan.id),
        a.id
    ))
    .into_response())
}

// ---------- indicators ----------

#[derive(Debug, Clone, Default, Deserialize)]
pub struct IndicatorForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    unit: String,
    #[serde(default)]
    baseline_value: String,
    #[serde(default)]
    baseline_on: String,
    #[serde(default)]
    target_value: String,
    #[serde(default)]
    target_on: String,
    #[serde(default)]
    weight: String,
}

/// The indicator, or the flash key of the first problem.
fn check_indicator(form: &IndicatorForm) -> Result<IndicatorInput, &'static str> {
    let number = |t: &str| -> Result<Option<f64>, &'static str> {
        if t.trim().is_empty() {
            Ok(None)
        } else {
            rules::parse_number(t)
                .map(Some)
                .ok_or("flash-error-indicator-number")
        }
    };
    let date = |t: &str| form_date(t).map_err(|()| "flash-error-indicator-date");
    let input = rules::IndicatorInput {
        name: form.name.trim().to_owned(),
        unit: form.unit.trim().to_owned(),
        baseline_value: number(&form.baseline_value)?,
        baseline_on: date(&form.baseline_on)?,
        target_value: number(&form.target_value)?,
        target_on: date(&form.target_on)?,
    };
    if let Some(e) = rules::validate_indicator(&input).first() {
        return Err(flash_of(e.key));
    }
    let weight = match form.weight.trim() {
        "" => 1.0,
        w => rules::parse_number(w)
            .filter(|v| *v >= 0.0)
            .ok_or("flash-error-indicator-number")?,
    };
    Ok(IndicatorInput {
        name: input.name,
        unit: input.unit,
        baseline_value: input.baseline_value,
        baseline_on: input.baseline_on,
        target_value: input.target_value.unwrap_or_default(),
        target_on: input.target_on,
        weight,
    })
}

/// The flash message of a domain error key (same text, flash prefix).
fn flash_of(key: &str) -> &'static str {
    match key {
        "error-indicator-name-required" => "flash-error-indicator-name-required",
        "error-indicator-unit-required" => "flash-error-indicator-unit-required",
        "error-indicator-target-required" => "flash-error-indicator-target-required",
        "error-indicator-target-before-baseline" => "flash-error-indicator-target-before-baseline",
        "error-indicator-target-equals-baseline" => "flash-error-indicator-target-equals-baseline",
        "error-measurement-unit" => "flash-error-measurement-unit",
        "error-measurement-number" => "flash-error-measurement-number",
        _ => "flash-error-indicator-number",
    }
}

pub async fn create_action_indicator(
    State(state): State<AppState>,
    EditableAction {
        action: a, plan, ..
    }: EditableAction,
    Form(form): Form<IndicatorForm>,
) -> Result<Response, AppError> {
    let back = action_href(a.id);
    match check_indicator(&form) {
        Ok(input) => {
            repo::create_indicator(
                state.store.conn(),
                plan.id,
                IndicatorOf::Action(a.id),
                &input,
            )
            .await?;
            Ok(
                Redirect::to(&format!("{back}?ok=flash-indicator-saved#indicateurs"))
                    .into_response(),
            )
        }
        Err(key) => Ok(Redirect::to(&format!("{back}?erreur={key}#indicateurs")).into_response()),
    }
}

pub async fn create_strategy_indicator(
    State(state): State<AppState>,
    EditableStrategy {
        strategy: s, plan, ..
    }: EditableStrategy,
    Form(form): Form<IndicatorForm>,
) -> Result<Response, AppError> {
    let back = plan_href(plan.id);
    match check_indicator(&form) {
        Ok(input) => {
            repo::create_indicator(
                state.store.conn(),
                plan.id,
                IndicatorOf::Strategy(s.id),
                &input,
            )
            .await?;
            Ok(
                Redirect::to(&format!("{back}?ok=flash-indicator-saved#s-{}", s.id))
                    .into_response(),
            )
        }
        Err(key) => Ok(Redirect::to(&format!("{back}?erreur={key}#s-{}", s.id)).into_response()),
    }
}

pub struct MeasurementItem {
    pub id: String,
    pub date: String,
    pub value: String,
    pub source: String,
    pub comment: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/indicator.html")]
pub struct IndicatorPage {
    p: Page,
    i: maillage_store::entity::indicator::Model,
    href: String,
    of_title: String,
    of_href: String,
    plan_title: String,
    plan_href: String,
    baseline: String,
    target: String,
    percent: Option<u32>,
    chart: String,
    measurements: Vec<MeasurementItem>,
    can_measure: bool,
    today: String,
}

/// The title and link of what an indicator measures: its action, or its
/// strategy on the plan's page.
fn owner(
    outline: &repo::Outline,
    i: &maillage_store::entity::indicator::Model,
    plan_id: Uuid,
) -> (String, String) {
    match i.action_id.and_then(|a| outline.find_action(a)) {
        Some(a) => (a.model.title.clone(), action_href(a.model.id)),
        None => (
            outline
                .orientations
                .iter()
                .flat_map(|o| o.strategies.iter())
                .find(|s| Some(s.model.id) == i.strategy_id)
                .map(|s| s.model.title.clone())
                .unwrap_or_default(),
            i.strategy_id
                .map(|s| format!("{}#s-{s}", plan_href(plan_id)))
                .unwrap_or_default(),
        ),
    }
}

pub async fn show_indicator(
    State(state): State<AppState>,
    ReadableIndicator {
        indicator: i,
        plan,
        can_measure,
        ..
    }: ReadableIndicator,
    p: Page,
) -> Result<IndicatorPage, AppError> {
    let lang = p.lang;
    let outline = repo::outline(state.store.conn(), plan.id).await?;
    let prog = progress(&outline);
    let view = outline
        .orientations
        .iter()
        .flat_map(|o| o.strategies.iter())
        .flat_map(|s| {
            s.indicators.iter().chain(
                s.actions
                    .iter()
                    .flat_map(|a| a.walk())
                    .flat_map(|a| a.indicators.iter()),
            )
        })
        .find(|v| v.model.id == i.id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let (of_title, of_href) = owner(&outline, &i, plan.id);
    let value = |v: f64| format!("{} {}", number_text(v, lang), i.unit);
    let series = LineSeries {
        unit: i.unit.clone(),
        points: view
            .measurements
            .iter()
            .filter_map(|m| m.measured_on.map(|d| (d, m.value)))
            .collect(),
        baseline: i.baseline_value.and_then(|v| i.baseline_on.map(|d| (d, v))),
        target: i.target_on.map(|d| (d, i.target_value)),
        labels: ChartLabels {
            baseline: lang.t("indicator-baseline"),
            target: lang.t("indicator-target"),
            empty: lang.t("indicator-no-measurement"),
        },
    };
    let chart = charts::line_chart(&format!("indicateur-{}", i.id.simple()), &i.name, &series);
    let mut measurements: Vec<MeasurementItem> = view
        .measurements
        .iter()
        .map(|m| MeasurementItem {
            id: m.id.to_string(),
            date: date_text(m.measured_on, lang),
            value: value(m.value),
            source: m.source.clone().unwrap_or_default(),
            comment: m.comment.clone().unwrap_or_default(),
        })
        .collect();
    measurements.reverse();
    Ok(IndicatorPage {
        href: indicator_href(i.id),
        of_title,
        of_href,
        plan_title: plan.title.clone(),
        plan_href: plan_href(plan.id),
        baseline: i.baseline_value.map_or_else(
            || lang.t("indicator-no-baseline"),
            |v| {
                let d = date_text(i.baseline_on, lang);
                if d.is_empty() {
                    value(v)
                } else {
                    format!("{} ({d})", value(v))
                }
            },
        ),
        target: {
            let d = date_text(i.target_on, lang);
            if d.is_empty() {
                value(i.target_value)
            } else {
                format!("{} ({d})", value(i.target_value))
            }
        },
        percent: percent(prog.indicators.get(&i.id).copied().flatten()),
        chart,
        measurements,
        can_measure,
        today: chrono::Utc::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string(),
        i,
        p,
    })
}

#[derive(Debug, Deserialize)]
pub struct MeasurementForm {
    #[serde(default)]
    value: String,
    #[serde(default)]
    measured_on: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    comment: String,
}

pub async fn create_measurement(
    State(state): State<AppState>,
    MeasurableIndicator {
        indicator: i, user, ..
    }: MeasurableIndicator,
    Form(form): Form<MeasurementForm>,
) -> Result<Response, AppError> {
    let back = indicator_href(i.id);
    let value = match rules::parse_measurement(&form.value, &i.unit) {
        Ok(v) => v,
        Err(e) => {
            return Ok(Redirect::to(&format!("{back}?erreur={}", flash_of(e.key))).into_response());
        }
    };
    let Ok(Some(measured_on)) = form_date(&form.measured_on) else {
        return Ok(
            Redirect::to(&format!("{back}?erreur=flash-error-measurement-date")).into_response(),
        );
    };
    let by = Some(user.view.user.id);
    repo::add_measurement(
        state.store.conn(),
        i.id,
        &MeasurementInput {
            value,
            measured_on,
            source: opt(&form.source),
            comment: opt(&form.comment),
        },
        by,
    )
    .await?;
    Ok(Redirect::to(&format!("{back}?ok=flash-measurement-saved")).into_response())
}

pub async fn delete_measurement(
    State(state): State<AppState>,
    MeasurableIndicator { indicator: i, .. }: MeasurableIndicator,
    Id(m): Id<MeasurementId>,
) -> Result<Response, AppError> {
    repo::delete_measurement(&state.store, i.id, m.uuid()).await?;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-measurement-deleted",
        indicator_href(i.id)
    ))
    .into_response())
}

pub async fn delete_indicator(
    State(state): State<AppState>,
    MeasurableIndicator {
        indicator: i, plan, ..
    }: MeasurableIndicator,
) -> Result<Response, AppError> {
    repo::delete_indicator(&state.store, i.id).await?;
    let back = i.action_id.map_or_else(|| plan_href(plan.id), action_href);
    Ok(Redirect::to(&format!("{back}?ok=flash-indicator-deleted")).into_response())
}
