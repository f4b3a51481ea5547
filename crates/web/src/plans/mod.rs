//! Multi-year action plans of the groupings: plan outlines with progress,
//! actions, indicators, the coverage portrait of a grouping, plan import
//! and export, and their JSON API (groupings themselves are in
//! [`crate::groupings`]).
//!
//! Who may do what is decided by `maillage_domain::plans::{may_read_plan,
//! may_edit_action}` and `Principal::allows`; handlers only ask.

pub mod access;
mod actions;
pub mod api;
pub mod import;
mod outline;
mod portrait;

pub use crate::groupings::{grouping_href, kind_label, may_edit_grouping, resolve_organization};

use std::collections::HashMap;

use axum::Router;
use axum::routing::{get, post};
use chrono::NaiveDate;
use maillage_domain::Principal;
use maillage_domain::plans::{self as rules, ActionStatus, PlanStatus, Weighting};
use maillage_store::entity::action_plan;
use maillage_store::repo::groupings::OrgBrief;
use maillage_store::repo::plans::{self as store_plans, ActionNode, Outline};
use uuid::Uuid;

use crate::AppState;
use crate::auth::Visitor;
use crate::i18n::Lang;
use crate::reference::Reference;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/regroupements/{grouping}/portrait",
            get(portrait::show_portrait),
        )
        .route(
            "/regroupements/{grouping}/plans/nouveau",
            get(outline::show_new_plan).post(outline::create_plan),
        )
        .route(
            "/regroupements/{grouping}/plans/importer",
            get(import::show_import)
                .post(import::create_import)
                .layer(crate::bounds::upload_limit()),
        )
        .route("/plans", get(outline::list_plans))
        .route("/plans/{plan}", get(outline::show_plan))
        .route(
            "/plans/{plan}/modifier",
            get(outline::show_plan_form).post(outline::update_plan),
        )
        .route(
            "/plans/{plan}/copier",
            get(outline::show_copy_form).post(outline::create_copy),
        )
        .route("/plans/{plan}/supprimer", post(outline::delete_plan))
        .route("/plans/{plan}/export.csv", get(import::show_export_csv))
        .route("/plans/{plan}/export.xlsx", get(import::show_export_xlsx))
        .route(
            "/plans/{plan}/orientations",
            post(outline::create_orientation),
        )
        .route(
            "/orientations/{orientation}/{op}",
            post(outline::update_orientation),
        )
        .route(
            "/strategies/{strategy}/{op}",
            post(outline::update_strategy),
        )
        .route(
            "/strategies/{strategy}/actions/nouvelle",
            get(actions::show_new_action).post(actions::create_action),
        )
        .route(
            "/strategies/{strategy}/indicateurs",
            post(actions::create_strategy_indicator),
        )
        .route("/actions/{action}", get(actions::show_action))
        .route(
            "/actions/{action}/modifier",
            get(actions::show_action_form).post(actions::update_action),
        )
        .route(
            "/actions/{action}/sous-actions/nouvelle",
            get(actions::show_new_subtask).post(actions::create_subtask),
        )
        .route(
            "/actions/{action}/indicateurs",
            post(actions::create_action_indicator),
        )
        .route("/actions/{action}/{op}", post(actions::update_action_place))
        .route("/indicateurs/{indicator}", get(actions::show_indicator))
        .route(
            "/indicateurs/{indicator}/mesures",
            post(actions::create_measurement),
        )
        .route(
            "/indicateurs/{indicator}/mesures/{measurement}/supprimer",
            post(actions::delete_measurement),
        )
        .route(
            "/indicateurs/{indicator}/supprimer",
            post(actions::delete_indicator),
        )
}

/// What a button does to a node of an outline or to a pathway, from the
/// route's `{op}`: any other word is a 404.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeOp {
    /// `modifier`
    Edit,
    /// `supprimer`
    Delete,
    /// `monter`
    Up,
    /// `descendre`
    Down,
    /// `strategies`: add a strategy under an orientation.
    AddStrategy,
}

impl NodeOp {
    /// `-1` up, `1` down, `None` for the others.
    pub fn step(self) -> Option<i32> {
        match self {
            NodeOp::Up => Some(-1),
            NodeOp::Down => Some(1),
            _ => None,
        }
    }
}

impl std::str::FromStr for NodeOp {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "modifier" => Ok(NodeOp::Edit),
            "supprimer" => Ok(NodeOp::Delete),
            "monter" => Ok(NodeOp::Up),
            "descendre" => Ok(NodeOp::Down),
            "strategies" => Ok(NodeOp::AddStrategy),
            _ => Err(()),
        }
    }
}

impl crate::extract::PathKey for NodeOp {
    const PARAM: &'static str = "op";
}

// ---------- who may ----------

fn principal(visitor: &Visitor) -> Option<&Principal> {
    visitor.0.as_ref().map(|u| &u.principal)
}

pub fn plan_status(plan: &action_plan::Model) -> PlanStatus {
    plan.status.into()
}

pub fn may_read_plan(visitor: &Visitor, plan: &action_plan::Model) -> bool {
    rules::may_read_plan(
        principal(visitor),
        &plan.grouping_id.to_string(),
        plan_status(plan),
    )
}

pub fn may_edit_action(visitor: &Visitor, grouping_id: Uuid, leads: &[String]) -> bool {
    visitor.0.as_ref().is_some_and(|u| {
        rules::may_edit_action(
            &u.principal,
            &grouping_id.to_string(),
            u.view.user.organization_id.as_deref(),
            leads,
        )
    })
}

// ---------- loading ----------

pub fn plan_href(id: Uuid) -> String {
    format!("/plans/{id}")
}

pub fn action_href(id: Uuid) -> String {
    format!("/actions/{id}")
}

pub fn indicator_href(id: Uuid) -> String {
    format!("/indicateurs/{id}")
}

// ---------- progress ----------

/// Progress of every node of an outline, by id, and of the plan.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    pub plan: Option<f64>,
    pub nodes: HashMap<Uuid, Option<f64>>,
    pub indicators: HashMap<Uuid, Option<f64>>,
    pub counted: usize,
    pub missing_measurements: usize,
    pub abandoned: usize,
}

fn indicator_data(i: &store_plans::IndicatorView) -> rules::IndicatorData {
    rules::IndicatorData {
        baseline: i.model.baseline_value,
        target: i.model.target_value,
        latest: i.latest().map(|m| m.value),
        weight: i.model.weight,
    }
}

fn action_node(a: &ActionNode) -> rules::Node {
    rules::Node {
        weight: a.model.weight,
        budget: a.model.budget,
        status: Some(a.model.status.into()),
        indicators: a.indicators.iter().map(indicator_data).collect(),
        children: a.children.iter().map(action_node).collect(),
    }
}

fn plan_node(outline: &Outline) -> rules::Node {
    rules::Node {
        weight: 1.0,
        budget: None,
        status: None,
        indicators: Vec::new(),
        children: outline
            .orientations
            .iter()
            .map(|o| rules::Node {
                weight: o.model.weight,
                budget: None,
                status: None,
                indicators: Vec::new(),
                children: o
                    .strategies
                    .iter()
                    .map(|s| rules::Node {
                        weight: s.model.weight,
                        budget: None,
                        status: None,
                        indicators: s.indicators.iter().map(indicator_data).collect(),
                        children: s.actions.iter().map(action_node).collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

pub fn weighting(plan: &action_plan::Model) -> Weighting {
    plan.weighting.into()
}

fn action_progress(list: &[ActionNode], rolled: &[rules::RolledUp], out: &mut Progress) {
    for (a, r) in list.iter().zip(rolled) {
        out.nodes.insert(a.model.id, r.value);
        for (i, v) in a.indicators.iter().zip(&r.indicators) {
            out.indicators.insert(i.model.id, *v);
        }
        action_progress(&a.children, &r.children, out);
    }
}

pub fn progress(outline: &Outline) -> Progress {
    let rolled = rules::roll_up(&plan_node(outline), weighting(&outline.plan));
    let mut out = Progress {
        plan: rolled.value,
        counted: rolled.counted,
        missing_measurements: rolled.missing_measurements,
        abandoned: rolled.abandoned,
        ..Progress::default()
    };
    for (o, ro) in outline.orientations.iter().zip(&rolled.children) {
        out.nodes.insert(o.model.id, ro.value);
        for (s, rs) in o.strategies.iter().zip(&ro.children) {
            out.nodes.insert(s.model.id, rs.value);
            for (i, v) in s.indicators.iter().zip(&rs.indicators) {
                out.indicators.insert(i.model.id, *v);
            }
            action_progress(&s.actions, &rs.children, &mut out);
        }
    }
    out
}

/// A progress as a whole percentage for `<progress>` and the text beside it.
pub fn percent(value: Option<f64>) -> Option<u32> {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a value in [0, 1] times 100, rounded"
    )]
    value.map(|v| (v.clamp(0.0, 1.0) * 100.0).round() as u32)
}

// ---------- labels ----------

pub fn status_label(lang: Lang, status: impl Into<ActionStatus>) -> String {
    lang.t(status.into().label_key())
}

pub fn plan_status_label(lang: Lang, plan: &action_plan::Model) -> String {
    lang.t(plan_status(plan).label_key())
}

/// A date as `2018-05-08` for forms and `8 mai 2018` for reading.
pub fn date_text(d: Option<NaiveDate>, lang: Lang) -> String {
    d.map(|d| crate::text::day_text(d, lang))
        .unwrap_or_default()
}

pub fn iso(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

pub use crate::text::number_text;

/// An organization's name, or its id when it is gone.
pub fn org_name<S: std::hash::BuildHasher>(
    orgs: &HashMap<String, OrgBrief, S>,
    id: &str,
) -> String {
    orgs.get(id)
        .map_or_else(|| id.to_owned(), |o| o.name.clone())
}

pub fn sector_of<S: std::hash::BuildHasher>(
    orgs: &HashMap<String, OrgBrief, S>,
    id: &str,
) -> Option<String> {
    orgs.get(id).and_then(|o| o.sector.clone())
}

/// The sector label of an organization.
pub fn sector_label(reference: &Reference, lang: Lang, code: Option<&str>) -> String {
    reference
        .sector_label(code, lang)
        .unwrap_or_else(|| lang.t("plans-no-sector"))
}

/// Parses an optional form date; `Err` when it is not one (the caller
/// knows which field it was).
#[expect(
    clippy::result_unit_err,
    reason = "the caller names the field; the error has nothing to add"
)]
pub fn form_date(text: &str) -> Result<Option<NaiveDate>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .or_else(|_| maillage_interop::dates::parse_date(t).map(Some))
        .map_err(|_| ())
}

/// A text field, `None` when blank.
pub fn opt(text: &str) -> Option<String> {
    let t = text.trim();
    (!t.is_empty()).then(|| t.to_owned())
}
