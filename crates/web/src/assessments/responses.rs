//! The responses' pages: a grouping's self-assessments (respondent, team,
//! date, status, version; the form that starts a new one) and a response
//! (`/autoevaluations/{response}`): the filling form while it is a draft —
//! radio buttons per item with the scale's labels, a comment per item,
//! « Enregistrer le brouillon » and « Soumettre », all without JavaScript on
//! a 360 px phone — or what was answered once submitted (with « Rouvrir »
//! for a coordinator).
//!
//! A save carries the revision the form was read at: when someone saved
//! meanwhile, nothing is written and the form comes back (409) with the
//! answers now stored and a message that says so.

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::NaiveDate;
use maillage_domain::assessments::{AnswerInput, ResponseStatus, Snapshot};
use maillage_domain::plans::Refusal;
use maillage_domain::{Permission, Principal};
use maillage_store::entity::grouping;
use maillage_store::repo::assessments as tools_repo;
use maillage_store::repo::assessments::AssessmentError;
use maillage_store::repo::assessments_responses::{
    self as repo, NewResponse, ResponseView, SaveResponse,
};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{
    EditableResponse, ReopenableResponse, ResponseRef, error_key, is_conflict, may_fill, may_reopen,
};
use super::tools::tool_href;
use crate::AppState;
use crate::auth::{ClientIp, SignedIn, Visitor, actor};
use crate::error::AppError;
use crate::forms::Choice;
use crate::groupings::access::GroupingBySlug;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::access::allowed;
use crate::text::day_text;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/regroupements/{grouping}/autoevaluations",
            get(list_responses).post(create_response),
        )
        .route(
            "/autoevaluations/{response}",
            get(show_response).post(update_response),
        )
        .route("/autoevaluations/{response}/rouvrir", post(update_reopen))
}

/// A response's page.
pub fn response_href(id: Uuid) -> String {
    format!("/autoevaluations/{id}")
}

/// A grouping's self-assessments page.
pub fn grouping_href(slug: &str) -> String {
    format!("/regroupements/{slug}/autoevaluations")
}

/// « Brouillon », « Soumise ».
pub fn status_label(lang: Lang, status: ResponseStatus) -> String {
    lang.t(&format!("assess-response-status-{}", status.as_str()))
}

/// « École X — Équipe du 2e cycle », or the organization alone.
pub fn respondent_label(respondent: &str, team: &str) -> String {
    if team.is_empty() {
        respondent.to_owned()
    } else {
        format!("{respondent} — {team}")
    }
}

// ---------- a grouping's responses ----------

/// A grouping whose responses the visitor may see (its people: 403 for
/// others, 401 anonymous).
pub struct GroupingResponses {
    pub grouping: grouping::Model,
    pub user: Arc<SignedIn>,
}

fn read_grouping<'a>(
    principal: Option<&'a Principal>,
    grouping: &str,
) -> Result<&'a Principal, Refusal> {
    let principal = principal.ok_or(Refusal::SignIn)?;
    if principal.allows(Permission::ReadGrouping, Some(grouping)) {
        Ok(principal)
    } else {
        Err(Refusal::Forbidden)
    }
}

impl FromRequestParts<AppState> for GroupingResponses {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let GroupingBySlug(grouping) = GroupingBySlug::from_request_parts(parts, state).await?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        let id = grouping.id.to_string();
        let user = allowed(visitor, |p| read_grouping(p, &id))?;
        Ok(GroupingResponses { grouping, user })
    }
}

pub struct ResponseRow {
    pub href: String,
    pub respondent: String,
    pub tool: String,
    pub date: String,
    pub status: String,
    pub draft: bool,
    pub version: String,
    pub older: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct NewResponseForm {
    #[serde(default)]
    pub tool: String,
    #[serde(default)]
    pub respondent: String,
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub date: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/responses_list.html")]
pub struct ResponsesPage {
    p: Page,
    grouping_name: String,
    grouping_href: String,
    action: String,
    rows: Vec<ResponseRow>,
    can_fill: bool,
    tools: Vec<Choice>,
    respondents: Vec<Choice>,
    form: NewResponseForm,
    error: Option<String>,
}

async fn responses_page(
    state: &AppState,
    p: Page,
    g: &grouping::Model,
    user: &SignedIn,
    form: NewResponseForm,
    error: Option<String>,
) -> Result<ResponsesPage, AppError> {
    let lang = p.lang;
    let conn = state.store.conn();
    let rows = repo::responses_of_grouping(conn, g.id).await?;
    let tools = tools_repo::list_tools(conn, Some(&[g.id])).await?;
    let respondents = repo::respondents(conn, g.id).await?;
    Ok(ResponsesPage {
        grouping_name: g.name.clone(),
        grouping_href: format!("/regroupements/{}", g.slug),
        action: grouping_href(&g.slug),
        rows: rows
            .iter()
            .map(|r| ResponseRow {
                href: response_href(r.response.id),
                respondent: respondent_label(&r.respondent, &r.response.team),
                tool: r.tool_title.clone(),
                date: day_text(r.response.on_date, lang),
                status: status_label(lang, r.status),
                draft: r.status == ResponseStatus::Draft,
                version: lang.t_args(
                    "assess-response-version-n",
                    &[("version", r.response.tool_version.to_string())],
                ),
                older: r.response.tool_version < r.current_version,
            })
            .collect(),
        can_fill: may_fill(user, g.id),
        tools: tools
            .into_iter()
            .map(|t| Choice {
                value: t.id.to_string(),
                label: t.title,
            })
            .collect(),
        respondents: respondents
            .into_iter()
            .map(|(id, name)| Choice {
                value: id,
                label: name,
            })
            .collect(),
        form,
        error,
        p,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct ResponsesQuery {
    #[serde(default)]
    outil: String,
}

pub async fn list_responses(
    State(state): State<AppState>,
    GroupingResponses { grouping: g, user }: GroupingResponses,
    Query(q): Query<ResponsesQuery>,
    p: Page,
) -> Result<ResponsesPage, AppError> {
    let form = NewResponseForm {
        tool: q.outil.trim().to_owned(),
        date: chrono::Utc::now().date_naive().to_string(),
        ..NewResponseForm::default()
    };
    responses_page(&state, p, &g, &user, form, None).await
}

/// Why a new response's form is refused before the store is asked.
fn new_response(g: &grouping::Model, form: &NewResponseForm) -> Result<NewResponse, &'static str> {
    let tool_id = Uuid::parse_str(form.tool.trim()).map_err(|_| "assess-response-error-tool")?;
    let respondent = form.respondent.trim();
    if respondent.is_empty() {
        return Err("assess-response-error-respondent");
    }
    let on_date = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map_err(|_| "assess-response-error-date")?;
    Ok(NewResponse {
        tool_id,
        grouping_id: g.id,
        organization_id: respondent.to_owned(),
        team: form.team.clone(),
        on_date,
        status: ResponseStatus::Draft,
        answers: Vec::new(),
    })
}

pub async fn create_response(
    State(state): State<AppState>,
    GroupingResponses { grouping: g, user }: GroupingResponses,
    p: Page,
    ip: ClientIp,
    Form(form): Form<NewResponseForm>,
) -> Result<Response, AppError> {
    if !may_fill(&user, g.id) {
        return Err(AppError::Forbidden);
    }
    let (status, key) = match new_response(&g, &form) {
        Err(key) => (StatusCode::UNPROCESSABLE_ENTITY, key),
        Ok(new) => match repo::create_response(&state.store, &actor(&user, &ip), &new).await {
            Ok(row) => {
                return Ok(Redirect::to(&format!(
                    "{}?ok=flash-assess-response-created",
                    response_href(row.id)
                ))
                .into_response());
            }
            // A tool that is no tool of this grouping is a bad choice.
            Err(AssessmentError::NotFound) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "assess-response-error-tool",
            ),
            Err(e) => match error_key(&e) {
                Some(key) if is_conflict(&e) => (StatusCode::CONFLICT, key),
                Some(key) => (StatusCode::UNPROCESSABLE_ENTITY, key),
                None => return Err(e.into()),
            },
        },
    };
    let message = p.t(key);
    let page = responses_page(&state, p, &g, &user, form, Some(message)).await?;
    Ok((status, page).into_response())
}

// ---------- a response ----------

pub struct LevelOption {
    pub code: String,
    pub label: String,
    pub checked: bool,
}

pub struct FillItem {
    pub id: String,
    pub number: usize,
    pub text: String,
    pub levels: Vec<LevelOption>,
    pub unanswered: bool,
    pub level_label: String,
    pub comment: String,
}

pub struct FillSection {
    pub title: String,
    pub guide: Option<String>,
    pub items: Vec<FillItem>,
}

/// What a form shows for each item: its level code and its comment.
type Answers = HashMap<Uuid, (Option<String>, Option<String>)>;

fn stored_answers(view: &ResponseView) -> Answers {
    view.answers
        .iter()
        .map(|a| (a.item_id, (a.level.clone(), a.comment.clone())))
        .collect()
}

fn fill_sections(lang: Lang, snapshot: &Snapshot, answers: &Answers) -> Vec<FillSection> {
    let mut number = 0;
    snapshot
        .sections
        .iter()
        .map(|s| FillSection {
            title: s.title.clone(),
            guide: s.guide.clone(),
            items: s
                .items
                .iter()
                .map(|i| {
                    number += 1;
                    let (level, comment) = answers.get(&i.id).cloned().unwrap_or_default();
                    let level = level.filter(|l| !l.is_empty());
                    FillItem {
                        id: i.id.to_string(),
                        number,
                        text: i.text.clone(),
                        levels: snapshot
                            .scale
                            .0
                            .iter()
                            .map(|l| LevelOption {
                                code: l.code.clone(),
                                label: l.label.clone(),
                                checked: level.as_deref() == Some(l.code.as_str()),
                            })
                            .collect(),
                        unanswered: level.is_none(),
                        level_label: level
                            .as_deref()
                            .map(|code| {
                                snapshot
                                    .scale
                                    .level(code)
                                    .map_or_else(|| code.to_owned(), |l| l.label.clone())
                            })
                            .unwrap_or_else(|| lang.t("assess-response-unanswered")),
                        comment: comment.unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "assessments/response.html")]
pub struct ResponsePage {
    p: Page,
    href: String,
    title: String,
    tool_href: String,
    list_href: String,
    respondent: String,
    date: String,
    status: String,
    draft: bool,
    version: String,
    older_note: Option<String>,
    introduction: Vec<String>,
    sections: Vec<FillSection>,
    revision: i32,
    can_fill: bool,
    can_reopen: bool,
    error: Option<String>,
}

async fn response_page(
    state: &AppState,
    p: Page,
    user: &SignedIn,
    view: &ResponseView,
    answers: &Answers,
    error: Option<String>,
) -> Result<ResponsePage, AppError> {
    let lang = p.lang;
    let r = &view.response;
    let slug = maillage_store::repo::groupings::find_by_id(&state.store, r.grouping_id)
        .await?
        .map(|g| g.slug)
        .unwrap_or_default();
    let draft = view.status == ResponseStatus::Draft;
    Ok(ResponsePage {
        href: response_href(r.id),
        title: view.snapshot.title.clone(),
        tool_href: tool_href(r.tool_id),
        list_href: grouping_href(&slug),
        respondent: respondent_label(&view.respondent, &r.team),
        date: day_text(r.on_date, lang),
        status: status_label(lang, view.status),
        draft,
        version: lang.t_args(
            "assess-response-version-n",
            &[("version", r.tool_version.to_string())],
        ),
        older_note: view.is_older_version().then(|| {
            lang.t_args(
                "assess-response-older-note",
                &[("version", r.tool_version.to_string())],
            )
        }),
        introduction: super::tools::paragraphs(view.snapshot.introduction.as_deref()),
        sections: fill_sections(lang, &view.snapshot, answers),
        revision: r.revision,
        can_fill: draft && may_fill(user, r.grouping_id),
        can_reopen: !draft && may_reopen(user, r.grouping_id),
        error,
        p,
    })
}

pub async fn show_response(
    State(state): State<AppState>,
    ResponseRef { response, user }: ResponseRef,
    p: Page,
) -> Result<ResponsePage, AppError> {
    let view = repo::read_response(state.store.conn(), response.id).await?;
    response_page(&state, p, &user, &view, &stored_answers(&view), None).await
}

/// The filling form as posted: `revision`, `intent` (`draft` or
/// `submit`), and per item `level-{id}` and `comment-{id}`.
struct FilledForm {
    revision: Option<i32>,
    submit: bool,
    answers: Vec<AnswerInput>,
    typed: Answers,
}

fn read_form(fields: &[(String, String)]) -> FilledForm {
    let mut revision = None;
    let mut submit = false;
    let mut typed: Answers = HashMap::new();
    for (name, value) in fields {
        let item = |rest: &str| Uuid::parse_str(rest).unwrap_or(Uuid::nil());
        if name == "revision" {
            revision = value.trim().parse().ok();
        } else if name == "intent" {
            submit = value == "submit";
        } else if let Some(rest) = name.strip_prefix("level-") {
            typed.entry(item(rest)).or_default().0 = Some(value.clone());
        } else if let Some(rest) = name.strip_prefix("comment-") {
            typed.entry(item(rest)).or_default().1 = Some(value.clone());
        }
    }
    let mut answers: Vec<AnswerInput> = typed
        .iter()
        .map(|(item, (level, comment))| AnswerInput {
            item: *item,
            level: level.clone(),
            comment: comment.clone(),
        })
        .collect();
    answers.sort_by_key(|a| a.item);
    FilledForm {
        revision,
        submit,
        answers,
        typed,
    }
}

pub async fn update_response(
    State(state): State<AppState>,
    EditableResponse { response, user }: EditableResponse,
    p: Page,
    ip: ClientIp,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let form = read_form(&fields);
    let save = SaveResponse {
        // A form without its revision is as stale as can be.
        revision: form.revision.unwrap_or(0),
        status: if form.submit {
            ResponseStatus::Submitted
        } else {
            ResponseStatus::Draft
        },
        answers: form.answers,
    };
    let result = repo::save_response(&state.store, &actor(&user, &ip), response.id, &save).await;
    let e = match result {
        Ok(_) => {
            let flash = if form.submit {
                "flash-assess-response-submitted"
            } else {
                "flash-assess-response-saved"
            };
            return Ok(
                Redirect::to(&format!("{}?ok={flash}", response_href(response.id))).into_response(),
            );
        }
        Err(e) => e,
    };
    let Some(key) = error_key(&e) else {
        return Err(e.into());
    };
    let view = repo::read_response(state.store.conn(), response.id).await?;
    // Someone saved meanwhile (or submitted): show what is stored now; any
    // other refusal shows the form as typed, to fix.
    let (status, answers) = if is_conflict(&e) {
        (StatusCode::CONFLICT, stored_answers(&view))
    } else {
        (StatusCode::UNPROCESSABLE_ENTITY, form.typed)
    };
    let message = p.t(key);
    let page = response_page(&state, p, &user, &view, &answers, Some(message)).await?;
    Ok((status, page).into_response())
}

pub async fn update_reopen(
    State(state): State<AppState>,
    ReopenableResponse { response, user }: ReopenableResponse,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::reopen_response(&state.store, &actor(&user, &ip), response.id).await?;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-assess-response-reopened",
        response_href(response.id)
    ))
    .into_response())
}
