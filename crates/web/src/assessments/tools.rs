//! The tools' pages: the list (the platform's templates and the tools of
//! the visitor's groupings, with a form that creates a blank tool), a
//! tool's page (its current version, « Remplir » for a grouping, « Copier
//! dans mon regroupement ») and the builder (title, introduction, scale,
//! sections and items: add, edit, move, archive, delete). Every change of
//! the builder publishes the tool (`repo::assessments::publish`).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maillage_domain::Role;
use maillage_domain::assessments::{Scale, Snapshot, require_read_tool};
use maillage_domain::ids::{AssessmentItemId, AssessmentSectionId};
use maillage_store::entity::assessment_tool;
use maillage_store::repo::assessments::{self as repo, AssessmentError, ToolInput};
use maillage_store::repo::groupings;
use serde::Deserialize;
use uuid::Uuid;

use super::access::{EditableTool, ToolRef, error_key, is_conflict, may_edit_tool};
use crate::AppState;
use crate::auth::{ClientIp, SignedIn, Visitor, actor};
use crate::error::AppError;
use crate::extract::Id;
use crate::forms::Choice;
use crate::page::Page;
use crate::plans::access::allowed;

pub(super) fn router() -> Router<AppState> {
    const ITEM: &str = "/outils-autoevaluation/{tool}/elements/{item}";
    const SECTION: &str = "/outils-autoevaluation/{tool}/sections/{section}";
    Router::new()
        .route("/outils-autoevaluation", get(list_tools).post(create_tool))
        .route("/outils-autoevaluation/{tool}", get(show_tool))
        .route("/outils-autoevaluation/{tool}/remplir", get(show_fill))
        .route("/outils-autoevaluation/{tool}/copier", post(create_copy))
        .route(
            "/outils-autoevaluation/{tool}/modifier",
            get(show_builder).post(update_tool),
        )
        .route(
            "/outils-autoevaluation/{tool}/sections",
            post(create_section),
        )
        .route(&format!("{SECTION}/modifier"), post(update_section))
        .route(&format!("{SECTION}/monter"), post(update_section_up))
        .route(&format!("{SECTION}/descendre"), post(update_section_down))
        .route(&format!("{SECTION}/supprimer"), post(delete_section))
        .route(&format!("{SECTION}/elements"), post(create_item))
        .route(&format!("{ITEM}/modifier"), post(update_item))
        .route(&format!("{ITEM}/monter"), post(update_item_up))
        .route(&format!("{ITEM}/descendre"), post(update_item_down))
        .route(&format!("{ITEM}/archiver"), post(update_item_archive))
        .route(&format!("{ITEM}/retablir"), post(update_item_restore))
        .route(&format!("{ITEM}/supprimer"), post(delete_item))
}

/// A tool's page.
pub fn tool_href(id: Uuid) -> String {
    format!("/outils-autoevaluation/{id}")
}

fn builder_href(id: Uuid) -> String {
    format!("/outils-autoevaluation/{id}/modifier")
}

/// A grouping the account works in, and what it may do there.
#[derive(Debug, Clone)]
pub struct MyGrouping {
    pub id: Uuid,
    pub slug: String,
    pub name: String,
    pub may_fill: bool,
    pub may_edit: bool,
}

/// The account's groupings (every grouping for an administrator), by name.
pub async fn my_groupings(state: &AppState, user: &SignedIn) -> Result<Vec<MyGrouping>, AppError> {
    let mut out: Vec<MyGrouping> = if user.principal.is_admin {
        groupings::list(&state.store)
            .await?
            .into_iter()
            .map(|g| MyGrouping {
                id: g.id,
                slug: g.slug,
                name: g.name,
                may_fill: true,
                may_edit: true,
            })
            .collect()
    } else {
        user.view
            .roles
            .iter()
            .map(|r| MyGrouping {
                id: r.grouping_id,
                slug: r.grouping_slug.clone(),
                name: r.grouping_name.clone(),
                may_fill: r.role >= Role::Member,
                may_edit: r.role >= Role::Coordinator,
            })
            .collect()
    };
    out.sort_by_cached_key(|g| maillage_store::repo::directory_pages::sort_key(&g.name));
    Ok(out)
}

fn choices<'a>(groupings: impl Iterator<Item = &'a MyGrouping>) -> Vec<Choice> {
    groupings
        .map(|g| Choice {
            value: g.slug.clone(),
            label: g.name.clone(),
        })
        .collect()
}

// ---------- the list ----------

pub struct ToolCard {
    pub href: String,
    pub title: String,
    pub grouping: String,
    pub version: i32,
    pub items: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewToolForm {
    #[serde(default)]
    pub grouping: String,
    #[serde(default)]
    pub title: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/tools_list.html")]
pub struct ToolsPage {
    p: Page,
    templates: Vec<ToolCard>,
    mine: Vec<ToolCard>,
    coordinated: Vec<Choice>,
    form: NewToolForm,
    error: Option<String>,
}

async fn tools_page(
    state: &AppState,
    p: Page,
    user: &SignedIn,
    form: NewToolForm,
    error: Option<String>,
) -> Result<ToolsPage, AppError> {
    let groupings = my_groupings(state, user).await?;
    let scope: Option<Vec<Uuid>> =
        (!user.principal.is_admin).then(|| groupings.iter().map(|g| g.id).collect());
    let tools = repo::list_tools(state.store.conn(), scope.as_deref()).await?;
    let mut templates = Vec::new();
    let mut mine = Vec::new();
    for tool in tools {
        let snapshot = repo::snapshot(state.store.conn(), tool.id, tool.version).await?;
        let card = ToolCard {
            href: tool_href(tool.id),
            title: tool.title.clone(),
            grouping: tool
                .grouping_id
                .and_then(|g| groupings.iter().find(|m| m.id == g))
                .map(|g| p.t1("assess-tool-of-grouping", "name", &g.name))
                .unwrap_or_default(),
            version: tool.version,
            items: snapshot.items().count(),
        };
        if tool.grouping_id.is_none() {
            templates.push(card);
        } else {
            mine.push(card);
        }
    }
    Ok(ToolsPage {
        templates,
        mine,
        coordinated: choices(groupings.iter().filter(|g| g.may_edit)),
        form,
        error,
        p,
    })
}

/// Any signed-in account (the templates are everyone's).
fn signed_in(visitor: Visitor) -> Result<std::sync::Arc<SignedIn>, AppError> {
    allowed(visitor, |p| require_read_tool(p, None))
}

pub async fn list_tools(
    State(state): State<AppState>,
    visitor: Visitor,
    p: Page,
) -> Result<ToolsPage, AppError> {
    let user = signed_in(visitor)?;
    tools_page(&state, p, &user, NewToolForm::default(), None).await
}

/// The grouping a form names by slug, if the account coordinates it.
async fn coordinated_grouping(
    state: &AppState,
    user: &SignedIn,
    slug: &str,
) -> Result<Option<MyGrouping>, AppError> {
    Ok(my_groupings(state, user)
        .await?
        .into_iter()
        .find(|g| g.slug == slug.trim() && g.may_edit))
}

pub async fn create_tool(
    State(state): State<AppState>,
    visitor: Visitor,
    p: Page,
    ip: ClientIp,
    Form(form): Form<NewToolForm>,
) -> Result<Response, AppError> {
    let user = signed_in(visitor)?;
    let refused = |key: &str| Some(p.t(key));
    let error = match coordinated_grouping(&state, &user, &form.grouping).await? {
        None => refused("assess-tool-error-grouping"),
        Some(g) => {
            let input = ToolInput {
                title: form.title.clone(),
                ..ToolInput::default()
            };
            match repo::create_tool(&state.store, &actor(&user, &ip), Some(g.id), &input).await {
                Ok(tool) => {
                    return Ok(Redirect::to(&format!(
                        "{}?ok=flash-assess-tool-created",
                        builder_href(tool.id)
                    ))
                    .into_response());
                }
                Err(e) => match error_key(&e) {
                    Some(key) => refused(key),
                    None => return Err(e.into()),
                },
            }
        }
    };
    let page = tools_page(&state, p, &user, form, error).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

// ---------- a tool ----------

pub struct ShowItem {
    pub text: String,
}

pub struct ShowSection {
    pub title: String,
    pub guide: Option<String>,
    pub items: Vec<ShowItem>,
}

/// A version's sections as the pages show them.
pub fn show_sections(snapshot: &Snapshot) -> Vec<ShowSection> {
    snapshot
        .sections
        .iter()
        .map(|s| ShowSection {
            title: s.title.clone(),
            guide: s.guide.clone(),
            items: s
                .items
                .iter()
                .map(|i| ShowItem {
                    text: i.text.clone(),
                })
                .collect(),
        })
        .collect()
}

/// A long text's paragraphs (blank lines part them).
pub fn paragraphs(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default()
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/tool_show.html")]
pub struct ToolPage {
    p: Page,
    id: String,
    title: String,
    owner: String,
    is_template: bool,
    archived: bool,
    version: i32,
    introduction: Vec<String>,
    scale: Vec<String>,
    sections: Vec<ShowSection>,
    fill_groupings: Vec<Choice>,
    copy_groupings: Vec<Choice>,
    can_edit: bool,
}

pub async fn show_tool(
    State(state): State<AppState>,
    ToolRef { tool, user }: ToolRef,
    p: Page,
) -> Result<ToolPage, AppError> {
    let snapshot = repo::snapshot(state.store.conn(), tool.id, tool.version).await?;
    let groupings = my_groupings(&state, &user).await?;
    let owner = tool
        .grouping_id
        .and_then(|g| groupings.iter().find(|m| m.id == g).map(|m| m.name.clone()));
    let fill = groupings
        .iter()
        .filter(|g| g.may_fill && tool.grouping_id.is_none_or(|t| t == g.id));
    Ok(ToolPage {
        id: tool.id.to_string(),
        title: snapshot.title.clone(),
        owner: owner
            .map(|o| p.t1("assess-tool-of-grouping", "name", &o))
            .unwrap_or_default(),
        is_template: tool.grouping_id.is_none(),
        archived: tool.archived,
        version: tool.version,
        introduction: paragraphs(snapshot.introduction.as_deref()),
        scale: snapshot.scale.0.iter().map(|l| l.label.clone()).collect(),
        sections: show_sections(&snapshot),
        fill_groupings: if tool.archived {
            Vec::new()
        } else {
            choices(fill)
        },
        copy_groupings: choices(groupings.iter().filter(|g| g.may_edit)),
        can_edit: may_edit_tool(&user, &tool),
        p,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct FillQuery {
    #[serde(default)]
    regroupement: String,
}

/// « Remplir »: to the grouping's responses, the tool chosen for a new one.
pub async fn show_fill(
    ToolRef { tool, .. }: ToolRef,
    Query(q): Query<FillQuery>,
) -> Result<Response, AppError> {
    let slug = q.regroupement.trim();
    if slug.is_empty() {
        return Ok(Redirect::to(&tool_href(tool.id)).into_response());
    }
    Ok(Redirect::to(&format!(
        "/regroupements/{}/autoevaluations?outil={}#nouvelle",
        crate::error::url_escape(slug),
        tool.id
    ))
    .into_response())
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct CopyForm {
    #[serde(default)]
    pub grouping: String,
}

pub async fn create_copy(
    State(state): State<AppState>,
    ToolRef { tool, user }: ToolRef,
    ip: ClientIp,
    Form(form): Form<CopyForm>,
) -> Result<Response, AppError> {
    let grouping = coordinated_grouping(&state, &user, &form.grouping)
        .await?
        .ok_or(AppError::Forbidden)?;
    let copy = repo::copy_tool(&state.store, &actor(&user, &ip), tool.id, grouping.id).await?;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-assess-tool-copied",
        builder_href(copy.id)
    ))
    .into_response())
}

// ---------- the builder ----------

pub struct BuilderItemRow {
    pub id: String,
    pub text: String,
    pub archived: bool,
    pub answers: usize,
    pub first: bool,
    pub last: bool,
}

pub struct BuilderSectionRow {
    pub id: String,
    pub title: String,
    pub guide: String,
    pub items: Vec<BuilderItemRow>,
    pub first: bool,
    pub last: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/tool_builder.html")]
pub struct BuilderPage {
    p: Page,
    base: String,
    tool_href: String,
    title: String,
    introduction: String,
    scale: String,
    version: i32,
    sections: Vec<BuilderSectionRow>,
    error: Option<String>,
}

async fn builder_page(
    state: &AppState,
    p: Page,
    tool: &assessment_tool::Model,
    error: Option<String>,
) -> Result<BuilderPage, AppError> {
    let sections = repo::builder(state.store.conn(), tool.id).await?;
    let n = sections.len();
    let scale: Scale = repo::scale_of(tool)?;
    Ok(BuilderPage {
        base: builder_href(tool.id)
            .trim_end_matches("/modifier")
            .to_owned(),
        tool_href: tool_href(tool.id),
        title: tool.title.clone(),
        introduction: tool.introduction.clone().unwrap_or_default(),
        scale: scale.to_lines(),
        version: tool.version,
        sections: sections
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let m = s.items.len();
                BuilderSectionRow {
                    id: s.section.id.to_string(),
                    title: s.section.title,
                    guide: s.section.guide.unwrap_or_default(),
                    items: s
                        .items
                        .into_iter()
                        .enumerate()
                        .map(|(j, it)| BuilderItemRow {
                            id: it.item.id.to_string(),
                            text: it.item.text,
                            archived: it.item.archived_at.is_some(),
                            answers: usize::try_from(it.answers).unwrap_or(usize::MAX),
                            first: j == 0,
                            last: j + 1 == m,
                        })
                        .collect(),
                    first: i == 0,
                    last: i + 1 == n,
                }
            })
            .collect(),
        error,
        p,
    })
}

pub async fn show_builder(
    State(state): State<AppState>,
    EditableTool { tool, .. }: EditableTool,
    p: Page,
) -> Result<BuilderPage, AppError> {
    builder_page(&state, p, &tool, None).await
}

/// Back to the builder after a change (at `anchor`), or the builder again
/// with the refusal's message (nothing was written).
async fn after_change<T>(
    state: &AppState,
    p: Page,
    tool_id: Uuid,
    result: Result<T, AssessmentError>,
    anchor: &str,
) -> Result<Response, AppError> {
    match result {
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?ok=flash-assess-tool-saved#{anchor}",
            builder_href(tool_id)
        ))
        .into_response()),
        Err(e) => {
            let Some(key) = error_key(&e) else {
                return Err(e.into());
            };
            let status = if is_conflict(&e) {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let tool = repo::tool(state.store.conn(), tool_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let message = p.t(key);
            let page = builder_page(state, p, &tool, Some(message)).await?;
            Ok((status, page).into_response())
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ToolForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub introduction: String,
    #[serde(default)]
    pub scale: String,
}

pub async fn update_tool(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ToolForm>,
) -> Result<Response, AppError> {
    let input = ToolInput {
        title: form.title,
        introduction: form.introduction,
        scale: form.scale,
    };
    let result = repo::update_tool(&state.store, &actor(&user, &ip), tool.id, &input).await;
    after_change(&state, p, tool.id, result, "outil").await
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct SectionForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub guide: String,
}

pub async fn create_section(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    p: Page,
    ip: ClientIp,
    Form(form): Form<SectionForm>,
) -> Result<Response, AppError> {
    let result = repo::create_section(
        &state.store,
        &actor(&user, &ip),
        tool.id,
        &form.title,
        &form.guide,
    )
    .await;
    let anchor = match &result {
        Ok(id) => format!("section-{id}"),
        Err(_) => "nouvelle-section".to_owned(),
    };
    after_change(&state, p, tool.id, result, &anchor).await
}

pub async fn update_section(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(section): Id<AssessmentSectionId>,
    p: Page,
    ip: ClientIp,
    Form(form): Form<SectionForm>,
) -> Result<Response, AppError> {
    let result = repo::update_section(
        &state.store,
        &actor(&user, &ip),
        tool.id,
        section.uuid(),
        &form.title,
        &form.guide,
    )
    .await;
    after_change(&state, p, tool.id, result, &format!("section-{section}")).await
}

async fn move_section(
    state: &AppState,
    tool: &assessment_tool::Model,
    user: &SignedIn,
    section: AssessmentSectionId,
    p: Page,
    ip: &ClientIp,
    step: i32,
) -> Result<Response, AppError> {
    let result = repo::move_section(
        &state.store,
        &actor(user, ip),
        tool.id,
        section.uuid(),
        step,
    )
    .await;
    after_change(state, p, tool.id, result, &format!("section-{section}")).await
}

pub async fn update_section_up(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(section): Id<AssessmentSectionId>,
    p: Page,
    ip: ClientIp,
) -> Result<Response, AppError> {
    move_section(&state, &tool, &user, section, p, &ip, -1).await
}

pub async fn update_section_down(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(section): Id<AssessmentSectionId>,
    p: Page,
    ip: ClientIp,
) -> Result<Response, AppError> {
    move_section(&state, &tool, &user, section, p, &ip, 1).await
}

pub async fn delete_section(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(section): Id<AssessmentSectionId>,
    p: Page,
    ip: ClientIp,
) -> Result<Response, AppError> {
    let result =
        repo::delete_section(&state.store, &actor(&user, &ip), tool.id, section.uuid()).await;
    after_change(&state, p, tool.id, result, "sections").await
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ItemForm {
    #[serde(default)]
    pub text: String,
}

pub async fn create_item(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(section): Id<AssessmentSectionId>,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ItemForm>,
) -> Result<Response, AppError> {
    let result = repo::create_item(
        &state.store,
        &actor(&user, &ip),
        tool.id,
        section.uuid(),
        &form.text,
    )
    .await;
    let anchor = match &result {
        Ok(id) => format!("element-{id}"),
        Err(_) => format!("section-{section}"),
    };
    after_change(&state, p, tool.id, result, &anchor).await
}

pub async fn update_item(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(item): Id<AssessmentItemId>,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ItemForm>,
) -> Result<Response, AppError> {
    let result = repo::update_item(
        &state.store,
        &actor(&user, &ip),
        tool.id,
        item.uuid(),
        &form.text,
    )
    .await;
    after_change(&state, p, tool.id, result, &format!("element-{item}")).await
}

/// What a button of an item does.
#[derive(Debug, Clone, Copy)]
enum ItemChange {
    Move(i32),
    Archive(bool),
}

async fn change_item(
    state: &AppState,
    tool: &assessment_tool::Model,
    user: &SignedIn,
    item: AssessmentItemId,
    p: Page,
    ip: &ClientIp,
    change: ItemChange,
) -> Result<Response, AppError> {
    let who = actor(user, ip);
    let result = match change {
        ItemChange::Move(step) => {
            repo::move_item(&state.store, &who, tool.id, item.uuid(), step).await
        }
        ItemChange::Archive(archived) => {
            repo::set_item_archived(&state.store, &who, tool.id, item.uuid(), archived).await
        }
    };
    after_change(state, p, tool.id, result, &format!("element-{item}")).await
}

pub async fn update_item_up(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(item): Id<AssessmentItemId>,
    p: Page,
    ip: ClientIp,
) -> Result<Response, AppError> {
    change_item(&state, &tool, &user, item, p, &ip, ItemChange::Move(-1)).await
}

pub async fn update_item_down(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(item): Id<AssessmentItemId>,
    p: Page,
    ip: ClientIp,
) -> Result<Response, AppError> {
    change_item(&state, &tool, &user, item, p, &ip, ItemChange::Move(1)).await
}

pub async fn update_item_archive(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(item): Id<AssessmentItemId>,
    p: Page,
    ip: ClientIp,
) -> Result<Response, AppError> {
    change_item(
        &state,
        &tool,
        &user,
        item,
        p,
        &ip,
        ItemChange::Archive(true),
    )
    .await
}

pub async fn update_item_restore(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(item): Id<AssessmentItemId>,
    p: Page,
    ip: ClientIp,
) -> Result<Response, AppError> {
    change_item(
        &state,
        &tool,
        &user,
        item,
        p,
        &ip,
        ItemChange::Archive(false),
    )
    .await
}

pub async fn delete_item(
    State(state): State<AppState>,
    EditableTool { tool, user }: EditableTool,
    Id(item): Id<AssessmentItemId>,
    p: Page,
    ip: ClientIp,
) -> Result<Response, AppError> {
    let result = repo::delete_item(&state.store, &actor(&user, &ip), tool.id, item.uuid()).await;
    after_change(&state, p, tool.id, result, "sections").await
}
