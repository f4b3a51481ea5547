//! The reading pages: the toolkits, a toolkit's themes and activities, an
//! activity with where it was run, the search with its filters, and a
//! grouping's toolkit usage.

use std::collections::{BTreeMap, HashMap, HashSet};

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use maillage_domain::toolkits::{Audience, DurationBand, ToolkitKind, duration_text};
use maillage_store::entity::{toolkit, toolkit_activity};
use maillage_store::repo::toolkits::{self as repo, ActivityRow, RunView};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{ReadableActivity, ReadableToolkit, Reader, may_edit, reader};
use super::runs::{RunForm, RunTarget, run_targets};
use super::{activity_href, audience_label, toolkit_href};
use crate::AppState;
use crate::auth::Visitor;
use crate::error::AppError;
use crate::forms::Choice;
use crate::groupings::access::GroupingBySlug;
use crate::i18n::Lang;
use crate::page::Page;
use crate::text::{day_text, snippet};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/trousses", get(list_toolkits))
        .route("/trousses/recherche", get(list_search))
        .route("/trousses/{toolkit}", get(show_toolkit))
        .route(
            "/trousses/{toolkit}/activites/{activity}",
            get(show_activity),
        )
        .route(
            "/regroupements/{grouping}/trousses",
            get(show_grouping_usage),
        )
}

/// « Trousse » or « Répertoire ».
pub(super) fn kind_label(lang: Lang, kind: ToolkitKind) -> String {
    lang.t(&format!("toolkits-kind-{}", kind.as_str()))
}

fn kind_of(t: &toolkit::Model) -> ToolkitKind {
    ToolkitKind::parse(&t.kind).unwrap_or(ToolkitKind::Toolkit)
}

// ---------- the list ----------

pub struct ToolkitCard {
    pub href: String,
    pub title: String,
    pub kind: String,
    pub grouping: String,
    pub description: String,
    pub themes: usize,
    pub activities: usize,
    pub runs: usize,
    pub placeholders: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "toolkits/list.html")]
pub struct ListPage {
    p: Page,
    toolkits: Vec<ToolkitCard>,
}

pub async fn list_toolkits(
    State(state): State<AppState>,
    Reader(_): Reader,
    p: Page,
) -> Result<ListPage, AppError> {
    let lang = p.lang;
    let toolkits = repo::list(&state.store)
        .await?
        .into_iter()
        .map(|s| ToolkitCard {
            href: toolkit_href(&s.toolkit.slug),
            kind: kind_label(lang, s.kind),
            grouping: s.grouping.map(|g| g.name).unwrap_or_default(),
            description: snippet(&s.toolkit.description, 300),
            themes: s.themes,
            activities: s.activities,
            runs: s.runs,
            placeholders: s.placeholders > 0,
            title: s.toolkit.title,
        })
        .collect();
    Ok(ListPage { p, toolkits })
}

// ---------- a toolkit ----------

/// An activity as lists show it.
pub struct ActivityItem {
    pub href: String,
    pub title: String,
    pub audiences: Vec<String>,
    pub duration: String,
    pub placeholder: bool,
    pub runs: usize,
}

fn activity_item(lang: Lang, slug: &str, a: &toolkit_activity::Model, runs: usize) -> ActivityItem {
    ActivityItem {
        href: activity_href(slug, a.id),
        title: a.title.clone(),
        audiences: Audience::split(&a.audiences)
            .into_iter()
            .map(|x| audience_label(lang, x))
            .collect(),
        duration: a.duration_minutes.map(duration_text).unwrap_or_default(),
        placeholder: a.placeholder,
        runs,
    }
}

pub struct ThemeSection {
    pub id: String,
    pub title: String,
    pub description: String,
    pub edit_href: String,
    pub activities: Vec<ActivityItem>,
}

#[derive(Template, WebTemplate)]
#[template(path = "toolkits/show.html")]
pub struct ToolkitPage {
    p: Page,
    href: String,
    title: String,
    kind: String,
    is_list: bool,
    description: String,
    source_note: String,
    grouping_name: String,
    grouping_href: String,
    plan_title: String,
    plan_href: String,
    themes: Vec<ThemeSection>,
    activity_count: usize,
    placeholder_count: usize,
    can_edit: bool,
    theme_form: super::edit::ThemeForm,
    error: Option<String>,
}

pub(super) async fn toolkit_page(
    state: &AppState,
    p: Page,
    t: toolkit::Model,
    can_edit: bool,
    theme_form: super::edit::ThemeForm,
    error: Option<String>,
) -> Result<ToolkitPage, AppError> {
    let lang = p.lang;
    let tree = repo::tree(state.store.conn(), t).await?;
    let slug = tree.toolkit.slug.clone();
    let themes: Vec<ThemeSection> = tree
        .themes
        .iter()
        .map(|node| ThemeSection {
            id: node.theme.id.to_string(),
            title: node.theme.title.clone(),
            description: node.theme.description.clone(),
            edit_href: format!("{}/themes/{}/modifier", toolkit_href(&slug), node.theme.id),
            activities: node
                .activities
                .iter()
                .map(|a| activity_item(lang, &slug, a, tree.runs.get(&a.id).copied().unwrap_or(0)))
                .collect(),
        })
        .collect();
    let activity_count = themes.iter().map(|t| t.activities.len()).sum();
    let placeholder_count = themes
        .iter()
        .flat_map(|t| &t.activities)
        .filter(|a| a.placeholder)
        .count();
    Ok(ToolkitPage {
        href: toolkit_href(&slug),
        title: tree.toolkit.title.clone(),
        kind: kind_label(lang, tree.kind),
        is_list: tree.kind == ToolkitKind::List,
        description: tree.toolkit.description.clone(),
        source_note: tree.toolkit.source_note.clone(),
        grouping_name: tree
            .grouping
            .as_ref()
            .map(|g| g.name.clone())
            .unwrap_or_default(),
        grouping_href: tree
            .grouping
            .as_ref()
            .map(|g| format!("/regroupements/{}/trousses", g.slug))
            .unwrap_or_default(),
        plan_title: tree
            .plan
            .as_ref()
            .map(|x| x.title.clone())
            .unwrap_or_default(),
        plan_href: tree
            .plan
            .as_ref()
            .map(|x| format!("/plans/{}", x.id))
            .unwrap_or_default(),
        themes,
        activity_count,
        placeholder_count,
        can_edit,
        theme_form,
        error,
        p,
    })
}

pub async fn show_toolkit(
    State(state): State<AppState>,
    ReadableToolkit { toolkit, user }: ReadableToolkit,
    p: Page,
) -> Result<ToolkitPage, AppError> {
    let can_edit = may_edit(&user, &toolkit);
    toolkit_page(
        &state,
        p,
        toolkit,
        can_edit,
        super::edit::ThemeForm::default(),
        None,
    )
    .await
}

// ---------- an activity ----------

pub struct RunRow {
    pub date: String,
    pub organization: String,
    pub grouping: String,
    pub grouping_href: String,
    pub participants: usize,
    pub comment: String,
}

fn run_row(lang: Lang, r: &RunView) -> RunRow {
    RunRow {
        date: day_text(r.ran_on, lang),
        organization: r.organization.clone(),
        grouping: r.grouping_name.clone(),
        grouping_href: format!("/regroupements/{}/trousses", r.grouping_slug),
        participants: usize::try_from(r.participants).unwrap_or_default(),
        comment: r.comment.clone().unwrap_or_default(),
    }
}

/// A text as paragraphs, one a line.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "toolkits/activity.html")]
pub struct ActivityPage {
    p: Page,
    toolkit_href: String,
    toolkit_title: String,
    href: String,
    title: String,
    theme: String,
    is_list: bool,
    placeholder: bool,
    audiences: Vec<String>,
    duration: String,
    objectives: Vec<String>,
    material: Vec<String>,
    steps: Vec<String>,
    tips: Vec<String>,
    pathways: Vec<String>,
    strategy: String,
    strategy_plan: String,
    strategy_href: String,
    runs: Vec<RunRow>,
    run_organizations: usize,
    run_participants: usize,
    can_edit: bool,
    targets: Vec<RunTarget>,
    run_form: RunForm,
    error: Option<String>,
    today: String,
    attachments: Vec<AttachmentRow>,
    /// Why the last file was refused (set by the attachments' handler).
    pub(super) attachment_error: Option<String>,
}

pub struct AttachmentRow {
    pub href: String,
    pub name: String,
    pub kilobytes: usize,
}

pub(super) async fn activity_page(
    state: &AppState,
    p: Page,
    user: &crate::auth::SignedIn,
    t: &toolkit::Model,
    a: toolkit_activity::Model,
    run_form: RunForm,
    error: Option<String>,
) -> Result<ActivityPage, AppError> {
    let lang = p.lang;
    let detail = repo::activity_detail(state.store.conn(), a).await?;
    let a = &detail.activity;
    let runs: Vec<RunRow> = detail.runs.iter().map(|r| run_row(lang, r)).collect();
    let organizations: HashSet<&str> = detail
        .runs
        .iter()
        .map(|r| r.organization_id.as_str())
        .collect();
    let strategy = detail.strategy.as_ref();
    Ok(ActivityPage {
        toolkit_href: toolkit_href(&t.slug),
        toolkit_title: t.title.clone(),
        href: activity_href(&t.slug, a.id),
        title: a.title.clone(),
        theme: detail.theme.title.clone(),
        is_list: kind_of(t) == ToolkitKind::List,
        placeholder: a.placeholder,
        audiences: Audience::split(&a.audiences)
            .into_iter()
            .map(|x| audience_label(lang, x))
            .collect(),
        duration: a.duration_minutes.map(duration_text).unwrap_or_default(),
        objectives: lines(&a.objectives),
        material: lines(&a.material),
        steps: lines(&a.steps),
        tips: lines(&a.tips),
        pathways: detail.pathways.iter().map(|x| x.name.clone()).collect(),
        strategy: strategy.map(|s| s.title.clone()).unwrap_or_default(),
        strategy_plan: strategy.map(|s| s.plan_title.clone()).unwrap_or_default(),
        strategy_href: strategy
            .map(|s| format!("/plans/{}", s.plan_id))
            .unwrap_or_default(),
        run_organizations: organizations.len(),
        run_participants: detail
            .runs
            .iter()
            .map(|r| usize::try_from(r.participants).unwrap_or_default())
            .sum(),
        runs,
        can_edit: may_edit(user, t),
        targets: run_targets(state, user).await?,
        run_form,
        error,
        today: chrono::Utc::now().date_naive().to_string(),
        attachments: repo::attachments(state.store.conn(), a.id)
            .await?
            .into_iter()
            .map(|d| AttachmentRow {
                href: format!("{}/documents/{}", activity_href(&t.slug, a.id), d.id),
                kilobytes: usize::try_from((d.size + 1023) / 1024).unwrap_or_default(),
                name: d.file_name,
            })
            .collect(),
        attachment_error: None,
        p,
    })
}

pub async fn show_activity(
    State(state): State<AppState>,
    ReadableActivity {
        toolkit,
        activity,
        user,
    }: ReadableActivity,
    p: Page,
) -> Result<ActivityPage, AppError> {
    activity_page(
        &state,
        p,
        &user,
        &toolkit,
        activity,
        RunForm::default(),
        None,
    )
    .await
}

// ---------- search ----------

#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    pub q: String,
    /// An audience code.
    #[serde(default)]
    pub public: String,
    /// A theme's id.
    #[serde(default)]
    pub theme: String,
    /// A duration band (`courte`, `moyenne`, `longue`).
    #[serde(default)]
    pub duree: String,
}

pub struct SearchResult {
    pub item: ActivityItem,
    pub toolkit: String,
    pub theme: String,
    pub objectives: String,
}

/// The theme choices: each toolkit's themes, « toolkit · theme ».
pub struct ThemeChoice {
    pub value: String,
    pub label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "toolkits/search.html")]
pub struct SearchPage {
    p: Page,
    form: SearchQuery,
    audiences: Vec<Choice>,
    themes: Vec<ThemeChoice>,
    durations: Vec<Choice>,
    results: Vec<SearchResult>,
    searched: bool,
}

/// The activities the query and the filters keep, best first (in the
/// toolkits' order without a query). Shared with the API.
pub(super) async fn find_activities(
    state: &AppState,
    q: &str,
    audience: Option<Audience>,
    theme: Option<Uuid>,
    band: Option<DurationBand>,
) -> Result<Vec<ActivityRow>, AppError> {
    let rows = repo::all_activities(state.store.conn()).await?;
    let keep = |r: &ActivityRow| {
        audience.is_none_or(|a| r.audiences().contains(&a))
            && theme.is_none_or(|t| r.activity.theme_id == t)
            && band.is_none_or(|b| b.contains(r.activity.duration_minutes))
    };
    if q.trim().is_empty() {
        return Ok(rows.into_iter().filter(|r| keep(r)).collect());
    }
    let hits = state.toolkit_search.search(&state.store, q).await?;
    let mut by_id: HashMap<String, ActivityRow> = rows
        .into_iter()
        .map(|r| (r.activity.id.to_string(), r))
        .collect();
    Ok(hits
        .into_iter()
        .filter_map(|h| by_id.remove(&h.id))
        .filter(|r| keep(r))
        .collect())
}

pub async fn list_search(
    State(state): State<AppState>,
    Reader(_): Reader,
    Query(form): Query<SearchQuery>,
    p: Page,
) -> Result<SearchPage, AppError> {
    let lang = p.lang;
    let audience = Audience::parse(&form.public);
    let theme = Uuid::parse_str(form.theme.trim()).ok();
    let band = DurationBand::parse(&form.duree);
    let searched =
        !form.q.trim().is_empty() || audience.is_some() || theme.is_some() || band.is_some();
    let results = if searched {
        find_activities(&state, &form.q, audience, theme, band)
            .await?
            .iter()
            .map(|r| SearchResult {
                item: activity_item(lang, &r.toolkit_slug, &r.activity, 0),
                toolkit: r.toolkit_title.clone(),
                theme: r.theme_title.clone(),
                objectives: snippet(&r.activity.objectives, 200),
            })
            .collect()
    } else {
        Vec::new()
    };
    // Theme choices: every toolkit's themes, in order.
    let mut themes = Vec::new();
    for t in repo::all(state.store.conn()).await? {
        let tree = repo::tree(state.store.conn(), t).await?;
        for node in tree.themes {
            themes.push(ThemeChoice {
                value: node.theme.id.to_string(),
                label: format!("{} · {}", tree.toolkit.title, node.theme.title),
            });
        }
    }
    Ok(SearchPage {
        audiences: Audience::ALL
            .into_iter()
            .map(|a| Choice {
                value: a.as_str().to_owned(),
                label: audience_label(lang, a),
            })
            .collect(),
        durations: DurationBand::ALL
            .into_iter()
            .map(|b| Choice {
                value: b.as_str().to_owned(),
                label: lang.t(&format!("toolkits-duration-{}", b.as_str())),
            })
            .collect(),
        themes,
        results,
        searched,
        form,
        p,
    })
}

// ---------- a grouping's usage ----------

pub struct UsageActivity {
    pub href: String,
    pub title: String,
    pub toolkit: String,
    pub runs: usize,
    pub participants: usize,
    pub organizations: Vec<String>,
}

pub struct UsageRun {
    pub date: String,
    pub organization: String,
    pub activity: String,
    pub href: String,
    pub participants: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "toolkits/usage.html")]
pub struct UsagePage {
    p: Page,
    grouping_name: String,
    grouping_href: String,
    activities: Vec<UsageActivity>,
    runs: Vec<UsageRun>,
    total_participants: usize,
    total_organizations: usize,
}

pub async fn show_grouping_usage(
    State(state): State<AppState>,
    visitor: Visitor,
    GroupingBySlug(g): GroupingBySlug,
    p: Page,
) -> Result<UsagePage, AppError> {
    reader(visitor)?;
    let lang = p.lang;
    let rows = repo::runs_of_grouping(state.store.conn(), g.id).await?;
    let mut by_activity: BTreeMap<(String, String), UsageActivity> = BTreeMap::new();
    let mut organizations: HashSet<String> = HashSet::new();
    for r in &rows {
        let href = activity_href(&r.toolkit_slug, r.run.activity_id);
        let participants = usize::try_from(r.run.participants).unwrap_or_default();
        organizations.insert(r.run.organization_id.clone());
        let entry = by_activity
            .entry((r.activity_title.clone(), href.clone()))
            .or_insert_with(|| UsageActivity {
                href,
                title: r.activity_title.clone(),
                toolkit: r.toolkit_title.clone(),
                runs: 0,
                participants: 0,
                organizations: Vec::new(),
            });
        entry.runs += 1;
        entry.participants += participants;
        if !entry.organizations.contains(&r.run.organization) {
            entry.organizations.push(r.run.organization.clone());
        }
    }
    let runs: Vec<UsageRun> = rows
        .iter()
        .map(|r| UsageRun {
            date: day_text(r.run.ran_on, lang),
            organization: r.run.organization.clone(),
            activity: r.activity_title.clone(),
            href: activity_href(&r.toolkit_slug, r.run.activity_id),
            participants: usize::try_from(r.run.participants).unwrap_or_default(),
        })
        .collect();
    Ok(UsagePage {
        grouping_href: format!("/regroupements/{}", g.slug),
        grouping_name: g.name,
        total_participants: runs.iter().map(|r| r.participants).sum(),
        total_organizations: organizations.len(),
        activities: by_activity.into_values().collect(),
        runs,
        p,
    })
}
