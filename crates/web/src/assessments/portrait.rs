//! The portraits: a grouping's (stacked bars per item across its
//! respondents, the same numbers as a table, « ce qui a progressé »
//! between two dates, the exports) and a respondent's (its items by level,
//! each item that calls for work with its way into the plan), each with a
//! printable A4 version.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use chrono::NaiveDate;
use maillage_domain::assessments::portrait::{
    self as rules, GroupingPortrait, Move, ResponseRecord,
};
use maillage_domain::assessments::{NOT_RELEVANT, ResponseStatus, Scale};
use maillage_domain::charts::{StackLevel, StackedBar, stacked_bar_chart};
use maillage_store::repo::assessments_portrait::{self as repo, PortraitData, ResponseDetail};
use maillage_store::repo::live_actions;
use serde::Deserialize;
use uuid::Uuid;

use super::portrait_access::{ReadableGroupingTool, ReadableResponse, may_make_actions};
use crate::AppState;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::Page;
use crate::text::day_text;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/regroupements/{grouping}/autoevaluations/{tool}/portrait",
            get(show_grouping_portrait),
        )
        .route(
            "/regroupements/{grouping}/autoevaluations/{tool}/portrait/imprimer",
            get(show_grouping_portrait_print),
        )
        .route(
            "/autoevaluations/{response}/portrait",
            get(show_response_portrait),
        )
        .route(
            "/autoevaluations/{response}/portrait/imprimer",
            get(show_response_portrait_print),
        )
}

/// `/regroupements/{slug}/autoevaluations/{tool}/portrait`.
pub fn grouping_portrait_href(slug: &str, tool: Uuid) -> String {
    format!("/regroupements/{slug}/autoevaluations/{tool}/portrait")
}

/// `/autoevaluations/{response}/portrait`.
pub fn response_portrait_href(response: Uuid) -> String {
    format!("/autoevaluations/{response}/portrait")
}

/// « École Saint-Pierre — Équipe du 2e cycle ».
pub fn respondent_name(name: &str, team: &str) -> String {
    if team.trim().is_empty() {
        name.to_owned()
    } else {
        format!("{name} — {team}")
    }
}

/// The legend's levels of a scale.
pub fn stack_levels(scale: &Scale) -> Vec<StackLevel> {
    scale
        .0
        .iter()
        .map(|l| StackLevel {
            label: l.label.clone(),
            aside: l.code == NOT_RELEVANT,
        })
        .collect()
}

/// The grouping's portrait as SVG stacked bars.
pub fn portrait_chart(lang: Lang, scale: &Scale, portrait: &GroupingPortrait) -> String {
    let bars: Vec<StackedBar> = portrait
        .items
        .iter()
        .map(|i| StackedBar {
            label: i.text.clone(),
            counts: i.counts.clone(),
        })
        .collect();
    stacked_bar_chart(
        "assess-portrait-chart",
        &crate::text::count_text(lang, "assess-portrait-chart-title", portrait.respondents),
        &stack_levels(scale),
        &bars,
        portrait.respondents,
        &lang.t("assess-portrait-none"),
    )
}

pub struct CountRow {
    pub text: String,
    pub counts: Vec<usize>,
    pub unanswered: usize,
}

pub struct ResponseLink {
    pub name: String,
    pub date: String,
    pub href: String,
    pub version: i32,
    pub counted: bool,
}

pub struct MoveLine {
    pub text: String,
    pub before: String,
    pub after: String,
}

pub struct ProgressView {
    pub respondent: String,
    pub before: Option<String>,
    pub after: String,
    /// (Fluent key of the heading, its items), the empty kinds left out.
    pub kinds: Vec<(&'static str, Vec<MoveLine>)>,
}

/// Everything both versions (screen and print) of a grouping's portrait
/// show.
pub struct GroupingView {
    pub grouping_name: String,
    pub grouping_href: String,
    pub tool_title: String,
    pub href: String,
    /// `/regroupements/{slug}/autoevaluations/{tool}`: the exports' prefix.
    pub base: String,
    pub respondents: usize,
    pub chart: String,
    pub levels: Vec<String>,
    pub rows: Vec<CountRow>,
    pub responses: Vec<ResponseLink>,
    pub from: String,
    pub to: String,
    pub progress: Option<Vec<ProgressView>>,
    pub bad_dates: bool,
    pub query: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ProgressQuery {
    #[serde(default)]
    du: String,
    #[serde(default)]
    au: String,
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

fn level_label(scale: &Scale, lang: Lang, code: Option<&str>) -> String {
    code.and_then(|c| scale.level(c))
        .map_or_else(|| lang.t("assess-portrait-unanswered"), |l| l.label.clone())
}

async fn grouping_view(
    state: &AppState,
    access: &ReadableGroupingTool,
    lang: Lang,
    query: &ProgressQuery,
) -> Result<GroupingView, AppError> {
    let data = repo::grouping_data(state.store.conn(), &access.tool, access.grouping.id)
        .await
        .map_err(AppError::from)?;
    let records = data.records();
    let latest = rules::latest_submitted(&records, None);
    let counted: std::collections::HashSet<Uuid> = latest.iter().map(|r| r.id).collect();
    let portrait = rules::grouping_portrait(&data.scale, &data.items, &latest);
    let dates: Vec<NaiveDate> = records
        .iter()
        .filter(|r| r.status == ResponseStatus::Submitted)
        .map(|r| r.on_date)
        .collect();
    let (from, to) = (parse_date(&query.du), parse_date(&query.au));
    let asked = !query.du.trim().is_empty() || !query.au.trim().is_empty();
    let progress = match (from, to) {
        (Some(from), Some(to)) => Some(progress_views(&data, &records, lang, from, to)),
        _ => None,
    };
    let base = grouping_portrait_href(&access.grouping.slug, access.tool.id);
    Ok(GroupingView {
        grouping_name: access.grouping.name.clone(),
        grouping_href: crate::groupings::grouping_href(&access.grouping),
        tool_title: access.tool.title.clone(),
        respondents: portrait.respondents,
        chart: portrait_chart(lang, &data.scale, &portrait),
        levels: data.scale.0.iter().map(|l| l.label.clone()).collect(),
        rows: portrait
            .items
            .iter()
            .map(|i| CountRow {
                text: i.text.clone(),
                counts: i.counts.clone(),
                unanswered: i.unanswered,
            })
            .collect(),
        responses: data
            .responses
            .iter()
            .filter(|r| r.record.status == ResponseStatus::Submitted)
            .rev()
            .map(|r| ResponseLink {
                name: respondent_name(&data.name_of(&r.record.respondent), &r.record.team),
                date: day_text(r.record.on_date, lang),
                href: response_portrait_href(r.record.id),
                version: r.model.tool_version,
                counted: counted.contains(&r.record.id),
            })
            .collect(),
        from: from
            .or_else(|| dates.iter().min().copied())
            .map(|d| d.to_string())
            .unwrap_or_default(),
        to: to
            .or_else(|| dates.iter().max().copied())
            .map(|d| d.to_string())
            .unwrap_or_default(),
        bad_dates: asked && progress.is_none(),
        query: if progress.is_some() {
            format!("?du={}&au={}", query.du.trim(), query.au.trim())
        } else {
            String::new()
        },
        progress,
        base: base.trim_end_matches("/portrait").to_owned(),
        href: base,
    })
}

fn progress_views(
    data: &PortraitData,
    records: &[ResponseRecord],
    lang: Lang,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<ProgressView> {
    rules::progress(&data.scale, &data.items, records, from, to)
        .into_iter()
        .map(|p| {
            let lines = |how: Move| -> Vec<MoveLine> {
                p.of(how)
                    .map(|m| MoveLine {
                        text: m.text.clone(),
                        before: level_label(&data.scale, lang, m.before.as_deref()),
                        after: level_label(&data.scale, lang, m.after.as_deref()),
                    })
                    .collect()
            };
            ProgressView {
                respondent: respondent_name(&data.name_of(&p.respondent), &p.team),
                before: p.before.map(|(_, d)| day_text(d, lang)),
                after: day_text(p.after.1, lang),
                kinds: [
                    ("assess-portrait-move-improved", Move::Improved),
                    ("assess-portrait-move-worsened", Move::Worsened),
                    ("assess-portrait-move-new", Move::NewlyAnswered),
                    ("assess-portrait-move-set-aside", Move::SetAside),
                    ("assess-portrait-move-unchanged", Move::Unchanged),
                ]
                .into_iter()
                .map(|(key, how)| (key, lines(how)))
                .filter(|(_, l)| !l.is_empty())
                .collect(),
            }
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/portrait_grouping.html")]
pub struct GroupingPortraitPage {
    p: Page,
    v: GroupingView,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/portrait_grouping_print.html")]
pub struct GroupingPortraitPrint {
    p: Page,
    v: GroupingView,
}

async fn show_grouping_portrait(
    State(state): State<AppState>,
    access: ReadableGroupingTool,
    Query(query): Query<ProgressQuery>,
    p: Page,
) -> Result<GroupingPortraitPage, AppError> {
    let v = grouping_view(&state, &access, p.lang, &query).await?;
    Ok(GroupingPortraitPage { p, v })
}

async fn show_grouping_portrait_print(
    State(state): State<AppState>,
    access: ReadableGroupingTool,
    Query(query): Query<ProgressQuery>,
    p: Page,
) -> Result<GroupingPortraitPrint, AppError> {
    let v = grouping_view(&state, &access, p.lang, &query).await?;
    Ok(GroupingPortraitPrint { p, v })
}

// ---------- a respondent's portrait ----------

#[derive(Debug, Clone)]
pub struct StrategyOption {
    pub id: Uuid,
    /// « Plan 2024-2027 — Stratégie ».
    pub label: String,
}

pub struct ItemView {
    pub id: Uuid,
    pub text: String,
    pub comment: Option<String>,
    pub action_href: Option<String>,
    /// Where « Créer une action » posts, when the item calls for one and
    /// the visitor may make it.
    pub form_action: Option<String>,
}

pub struct GroupView {
    pub label: String,
    pub code: String,
    pub items: Vec<ItemView>,
}

pub struct ResponseView {
    pub tool_title: String,
    pub version: i32,
    pub respondent: String,
    pub date: String,
    pub draft: bool,
    pub href: String,
    pub grouping_href: Option<String>,
    pub groups: Vec<GroupView>,
    pub strategies: Vec<StrategyOption>,
    pub may_act: bool,
    pub calls: usize,
}

async fn response_view(
    state: &AppState,
    access: &ReadableResponse,
    lang: Lang,
) -> Result<ResponseView, AppError> {
    let response = &access.response;
    let ResponseDetail {
        tool,
        snapshot,
        row,
        organization_name,
    } = repo::response_detail(state.store.conn(), response)
        .await
        .map_err(AppError::from)?;
    let items: Vec<_> = snapshot.items().cloned().collect();
    let may_act = may_make_actions(&access.user, response);
    let strategies: Vec<StrategyOption> = if may_act {
        live_actions::strategies_of_grouping(&state.store, response.grouping_id)
            .await?
            .into_iter()
            .map(|s| StrategyOption {
                id: s.id,
                label: format!("{} — {}", s.plan_title, s.title),
            })
            .collect()
    } else {
        Vec::new()
    };
    let href = response_portrait_href(response.id);
    let mut calls = 0;
    let groups = rules::by_level(&snapshot.scale, &items, &row.record)
        .into_iter()
        .map(|g| {
            let code = g.level.as_ref().map(|l| l.code.clone()).unwrap_or_default();
            let calls_for_action = snapshot.scale.calls_for_action(&code);
            GroupView {
                label: g
                    .level
                    .map_or_else(|| lang.t("assess-portrait-unanswered"), |l| l.label),
                items: g
                    .items
                    .into_iter()
                    .map(|i| {
                        let action = row.actions.get(&i.id).copied();
                        if calls_for_action {
                            calls += 1;
                        }
                        ItemView {
                            comment: row.comments.get(&i.id).cloned(),
                            action_href: action.map(crate::plans::action_href),
                            form_action: (calls_for_action
                                && action.is_none()
                                && may_act
                                && !strategies.is_empty())
                            .then(|| {
                                format!("/autoevaluations/{}/enonces/{}/action", response.id, i.id)
                            }),
                            id: i.id,
                            text: i.text,
                        }
                    })
                    .collect(),
                code,
            }
        })
        .collect();
    let grouping =
        maillage_store::repo::groupings::find_by_id(&state.store, response.grouping_id).await?;
    Ok(ResponseView {
        tool_title: snapshot.title.clone(),
        version: response.tool_version,
        respondent: respondent_name(&organization_name, &response.team),
        date: day_text(response.on_date, lang),
        draft: row.record.status != ResponseStatus::Submitted,
        grouping_href: grouping.map(|g| grouping_portrait_href(&g.slug, tool.id)),
        href,
        groups,
        strategies,
        may_act,
        calls,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/portrait_response.html")]
pub struct ResponsePortraitPage {
    p: Page,
    v: ResponseView,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/portrait_response_print.html")]
pub struct ResponsePortraitPrint {
    p: Page,
    v: ResponseView,
}

async fn show_response_portrait(
    State(state): State<AppState>,
    access: ReadableResponse,
    p: Page,
) -> Result<ResponsePortraitPage, AppError> {
    let v = response_view(&state, &access, p.lang).await?;
    Ok(ResponsePortraitPage { p, v })
}

async fn show_response_portrait_print(
    State(state): State<AppState>,
    access: ReadableResponse,
    p: Page,
) -> Result<ResponsePortraitPrint, AppError> {
    let v = response_view(&state, &access, p.lang).await?;
    Ok(ResponsePortraitPrint { p, v })
}
