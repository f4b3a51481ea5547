//! The evaluations' pages: the list, one evaluation with its axes,
//! constats and recommandations (and, for a coordinator of its grouping,
//! the forms that write them, follow their status and link them to plan
//! actions), the form of an evaluation, and a grouping's recommendations
//! with the « sans action » filter.
//!
//! A refused form comes back to the page with a message (nothing written);
//! an action or a strategy of another grouping — which the page never
//! offers, so only a forged form sends one — is a 422 page.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maillage_domain::evaluations::{
    self as rules, EvaluationError, EvaluationInput, RecommendationStatus,
};
use maillage_domain::ids::ActionId;
use maillage_domain::{Principal, Role};
use maillage_store::entity::{evaluation, grouping};
use maillage_store::repo::evaluations::{self as repo, LinkedAction, Recommendation};
use maillage_store::repo::{groupings, live_actions};
use sea_orm::EntityTrait;
use serde::Deserialize;
use uuid::Uuid;

use super::access::{
    EditableAxis, EditableEvaluation, EditableFinding, EditableRecommendation, ReadableEvaluation,
    may_edit, reader,
};
use super::{evaluation_href, status_label};
use crate::AppState;
use crate::auth::{ClientIp, Visitor, actor};
use crate::error::AppError;
use crate::extract::Id;
use crate::forms::Choice;
use crate::groupings::access::GroupingBySlug;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::action_href;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/evaluations",
            get(list_evaluations).post(create_evaluation),
        )
        .route("/evaluations/nouvelle", get(show_new_evaluation))
        .route("/evaluations/{evaluation}", get(show_evaluation))
        .route(
            "/evaluations/{evaluation}/modifier",
            get(show_edit_evaluation).post(update_evaluation),
        )
        .route(
            "/evaluations/{evaluation}/supprimer",
            post(delete_evaluation),
        )
        .route("/evaluations/{evaluation}/axes", post(create_axis))
        .route(
            "/evaluations/{evaluation}/axes/{axis}/modifier",
            post(update_axis),
        )
        .route(
            "/evaluations/{evaluation}/axes/{axis}/supprimer",
            post(delete_axis),
        )
        .route(
            "/evaluations/{evaluation}/axes/{axis}/constats",
            post(create_finding),
        )
        .route(
            "/evaluations/{evaluation}/axes/{axis}/recommandations",
            post(create_recommendation),
        )
        .route(
            "/evaluations/{evaluation}/constats/{finding}/modifier",
            post(update_finding),
        )
        .route(
            "/evaluations/{evaluation}/constats/{finding}/supprimer",
            post(delete_finding),
        )
        .route(
            "/recommandations/{recommendation}/modifier",
            post(update_recommendation),
        )
        .route(
            "/recommandations/{recommendation}/supprimer",
            post(delete_recommendation),
        )
        .route(
            "/recommandations/{recommendation}/statut",
            post(update_recommendation_status),
        )
        .route(
            "/recommandations/{recommendation}/actions",
            post(create_recommendation_link),
        )
        .route(
            "/recommandations/{recommendation}/actions/nouvelle",
            post(create_recommendation_action),
        )
        .route(
            "/recommandations/{recommendation}/actions/{action}/retirer",
            post(delete_recommendation_link),
        )
        .route(
            "/regroupements/{grouping}/recommandations",
            get(list_grouping_recommendations),
        )
}

// ---------- shared ----------

/// Back to the evaluation's page at `anchor`, with a one-shot message
/// (`flash-…` keys; those with `-error-` show as errors).
fn back(evaluation: Uuid, flash: &str, anchor: &str) -> Response {
    let kind = if flash.contains("-error-") {
        "erreur"
    } else {
        "ok"
    };
    Redirect::to(&format!(
        "{}?{kind}={flash}#{anchor}",
        evaluation_href(evaluation)
    ))
    .into_response()
}

/// The page's message for a refused input: the rule's key as a flash.
fn refused(evaluation: Uuid, e: EvaluationError, anchor: &str) -> Response {
    back(evaluation, &format!("flash-{}", e.key()), anchor)
}

fn status_choices(lang: Lang) -> Vec<Choice> {
    RecommendationStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: status_label(lang, *s),
        })
        .collect()
}

/// An action linked to a recommendation as the visitor may see it: its
/// title and link only if the visitor may read its plan (a draft plan is
/// its grouping's business).
pub struct ActionView {
    pub id: String,
    pub title: String,
    pub plan_title: String,
    pub href: String,
    pub visible: bool,
}

fn principal(visitor: &Visitor) -> Option<&Principal> {
    visitor.0.as_deref().map(|u| &u.principal)
}

fn action_view(visitor: &Visitor, a: &LinkedAction) -> ActionView {
    let visible = maillage_domain::plans::may_read_plan(
        principal(visitor),
        &a.grouping_id.to_string(),
        a.plan_status.into(),
    );
    ActionView {
        id: a.id.to_string(),
        title: if visible {
            a.title.clone()
        } else {
            String::new()
        },
        plan_title: if visible {
            a.plan_title.clone()
        } else {
            String::new()
        },
        href: if visible {
            action_href(a.id)
        } else {
            String::new()
        },
        visible,
    }
}

pub struct RecommendationView {
    pub id: String,
    pub text: String,
    pub status: String,
    pub status_code: String,
    pub reason: String,
    pub actions: Vec<ActionView>,
}

fn recommendation_view(lang: Lang, visitor: &Visitor, r: &Recommendation) -> RecommendationView {
    RecommendationView {
        id: r.model.id.to_string(),
        text: r.model.text.clone(),
        status: status_label(lang, r.status),
        status_code: r.status.as_str().to_owned(),
        reason: r.model.reason.clone().unwrap_or_default(),
        actions: r.actions.iter().map(|a| action_view(visitor, a)).collect(),
    }
}

// ---------- the list ----------

pub struct EvaluationRow {
    pub href: String,
    pub title: String,
    pub authors: String,
    pub year: i32,
    pub grouping_name: String,
    pub grouping_href: String,
    pub recommendations: usize,
    pub without_action: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "evaluations/list.html")]
pub struct ListPage {
    p: Page,
    rows: Vec<EvaluationRow>,
    can_create: bool,
}

/// The groupings the account coordinates (every grouping for an
/// administrator), by name.
async fn coordinated_groupings(
    state: &AppState,
    principal: &Principal,
) -> Result<Vec<grouping::Model>, AppError> {
    let mut all = grouping::Entity::find()
        .all(state.store.conn())
        .await
        .map_err(|e| AppError::from(maillage_store::StoreError::from(e)))?;
    all.retain(|g| {
        principal.is_admin
            || principal
                .grouping_roles
                .get(&g.id.to_string())
                .is_some_and(|r| *r >= Role::Coordinator)
    });
    all.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(all)
}

pub async fn list_evaluations(
    State(state): State<AppState>,
    visitor: Visitor,
    p: Page,
) -> Result<ListPage, AppError> {
    let user = reader(visitor)?;
    let all = repo::list(&state.store).await?;
    let can_create = user.principal.is_admin
        || user
            .principal
            .grouping_roles
            .values()
            .any(|r| *r >= Role::Coordinator);
    Ok(ListPage {
        rows: all
            .iter()
            .map(|e| EvaluationRow {
                href: evaluation_href(e.model.id),
                title: e.model.title.clone(),
                authors: e.model.authors.clone(),
                year: e.model.year,
                grouping_name: e.grouping_name.clone(),
                grouping_href: format!("/regroupements/{}", e.grouping_slug),
                recommendations: e.recommendations().count(),
                without_action: e
                    .recommendations()
                    .filter(|(_, r)| r.actions.is_empty())
                    .count(),
            })
            .collect(),
        can_create,
        p,
    })
}

// ---------- the form of an evaluation ----------

#[derive(Debug, Clone, Default, Deserialize)]
pub struct EvaluationForm {
    #[serde(default)]
    pub grouping: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub authors: String,
    #[serde(default)]
    pub year: String,
    #[serde(default)]
    pub citation: String,
}

impl EvaluationForm {
    fn input(&self) -> EvaluationInput {
        EvaluationInput {
            title: self.title.clone(),
            authors: self.authors.clone(),
            year: self.year.clone(),
            citation: self.citation.clone(),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "evaluations/form.html")]
pub struct FormPage {
    p: Page,
    /// Empty for a new evaluation.
    back_href: String,
    action: String,
    groupings: Vec<Choice>,
    form: EvaluationForm,
    error: Option<String>,
    is_new: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    regroupement: String,
}

async fn new_form_page(
    state: &AppState,
    p: Page,
    principal: &Principal,
    form: EvaluationForm,
    error: Option<String>,
) -> Result<FormPage, AppError> {
    let groupings = coordinated_groupings(state, principal).await?;
    if groupings.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(FormPage {
        back_href: "/evaluations".to_owned(),
        action: "/evaluations".to_owned(),
        groupings: groupings
            .into_iter()
            .map(|g| Choice {
                value: g.slug,
                label: g.name,
            })
            .collect(),
        form,
        error,
        is_new: true,
        p,
    })
}

pub async fn show_new_evaluation(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(q): Query<NewQuery>,
    p: Page,
) -> Result<FormPage, AppError> {
    let user = reader(visitor)?;
    let form = EvaluationForm {
        grouping: q.regroupement.trim().to_owned(),
        ..EvaluationForm::default()
    };
    new_form_page(&state, p, &user.principal, form, None).await
}

pub async fn create_evaluation(
    State(state): State<AppState>,
    visitor: Visitor,
    ip: ClientIp,
    p: Page,
    Form(form): Form<EvaluationForm>,
) -> Result<Response, AppError> {
    let user = reader(visitor)?;
    // Only a coordinator (of some grouping) writes evaluations: the others
    // are refused before their form is read.
    if coordinated_groupings(&state, &user.principal)
        .await?
        .is_empty()
    {
        return Err(AppError::Forbidden);
    }
    let grouping = groupings::find_by_slug(state.store.conn(), form.grouping.trim()).await?;
    let Some(grouping) = grouping else {
        let message = p.t("evaluations-error-grouping");
        let page = new_form_page(&state, p, &user.principal, form, Some(message)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    maillage_domain::plans::require_edit_grouping(Some(&user.principal), &grouping.id.to_string())?;
    match form.input().validate() {
        Ok(valid) => {
            let id = repo::create_evaluation(&state.store, &actor(&user, &ip), grouping.id, &valid)
                .await?;
            Ok(back(id, "flash-evaluations-created", "axes"))
        }
        Err(e) => {
            let message = p.t(e.key());
            let page = new_form_page(&state, p, &user.principal, form, Some(message)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

fn edit_form_page(
    p: Page,
    e: &evaluation::Model,
    form: EvaluationForm,
    error: Option<String>,
) -> FormPage {
    FormPage {
        back_href: evaluation_href(e.id),
        action: format!("{}/modifier", evaluation_href(e.id)),
        groupings: Vec::new(),
        form,
        error,
        is_new: false,
        p,
    }
}

pub async fn show_edit_evaluation(
    EditableEvaluation { evaluation: e, .. }: EditableEvaluation,
    p: Page,
) -> FormPage {
    let form = EvaluationForm {
        grouping: String::new(),
        title: e.title.clone(),
        authors: e.authors.clone(),
        year: e.year.to_string(),
        citation: e.citation.clone().unwrap_or_default(),
    };
    edit_form_page(p, &e, form, None)
}

pub async fn update_evaluation(
    State(state): State<AppState>,
    EditableEvaluation {
        evaluation: e,
        user,
    }: EditableEvaluation,
    ip: ClientIp,
    p: Page,
    Form(form): Form<EvaluationForm>,
) -> Result<Response, AppError> {
    match form.input().validate() {
        Ok(valid) => {
            repo::update_evaluation(&state.store, &actor(&user, &ip), e.id, &valid).await?;
            Ok(back(e.id, "flash-evaluations-updated", "evaluation"))
        }
        Err(err) => {
            let message = p.t(err.key());
            let page = edit_form_page(p, &e, form, Some(message));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub async fn delete_evaluation(
    State(state): State<AppState>,
    EditableEvaluation {
        evaluation: e,
        user,
    }: EditableEvaluation,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::delete_evaluation(&state.store, &actor(&user, &ip), e.id).await?;
    Ok(Redirect::to("/evaluations?ok=flash-evaluations-deleted").into_response())
}

// ---------- one evaluation ----------

pub struct FindingView {
    pub id: String,
    pub heading: String,
    pub text: String,
}

pub struct AxisView {
    pub id: String,
    pub title: String,
    pub findings: Vec<FindingView>,
    pub recommendations: Vec<RecommendationView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "evaluations/show.html")]
pub struct ShowPage {
    p: Page,
    id: String,
    href: String,
    title: String,
    authors: String,
    year: i32,
    citation: String,
    grouping_name: String,
    grouping_href: String,
    recommendations_href: String,
    without_action: usize,
    axes: Vec<AxisView>,
    can_edit: bool,
    statuses: Vec<Choice>,
    /// The grouping's actions a recommendation may be linked to.
    actions: Vec<Choice>,
    /// The grouping's strategies a new action may go under.
    strategies: Vec<Choice>,
}

pub async fn show_evaluation(
    State(state): State<AppState>,
    ReadableEvaluation {
        evaluation: e,
        can_edit,
        ..
    }: ReadableEvaluation,
    visitor: Visitor,
    p: Page,
) -> Result<ShowPage, AppError> {
    let lang = p.lang;
    let (actions, strategies) = if can_edit {
        let actions = repo::actions_of_grouping(&state.store, e.model.grouping_id)
            .await?
            .into_iter()
            .map(|a| Choice {
                value: a.id.to_string(),
                label: format!("{} — {}", a.title, a.plan_title),
            })
            .collect();
        let strategies = live_actions::strategies_of_grouping(&state.store, e.model.grouping_id)
            .await?
            .into_iter()
            .map(|s| Choice {
                value: s.id.to_string(),
                label: format!("{} — {}", s.title, s.plan_title),
            })
            .collect();
        (actions, strategies)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(ShowPage {
        id: e.model.id.to_string(),
        href: evaluation_href(e.model.id),
        title: e.model.title.clone(),
        authors: e.model.authors.clone(),
        year: e.model.year,
        citation: e.model.citation.clone().unwrap_or_default(),
        grouping_name: e.grouping_name.clone(),
        grouping_href: format!("/regroupements/{}", e.grouping_slug),
        recommendations_href: format!("/regroupements/{}/recommandations", e.grouping_slug),
        without_action: e
            .recommendations()
            .filter(|(_, r)| r.actions.is_empty())
            .count(),
        axes: e
            .axes
            .iter()
            .map(|a| AxisView {
                id: a.model.id.to_string(),
                title: a.model.title.clone(),
                findings: a
                    .findings
                    .iter()
                    .map(|f| FindingView {
                        id: f.id.to_string(),
                        heading: f.heading.clone().unwrap_or_default(),
                        text: f.text.clone(),
                    })
                    .collect(),
                recommendations: a
                    .recommendations
                    .iter()
                    .map(|r| recommendation_view(lang, &visitor, r))
                    .collect(),
            })
            .collect(),
        can_edit,
        statuses: status_choices(lang),
        actions,
        strategies,
        p,
    })
}

// ---------- axes, findings, recommendations ----------

#[derive(Debug, Default, Deserialize)]
pub struct AxisForm {
    #[serde(default)]
    title: String,
}

pub async fn create_axis(
    State(state): State<AppState>,
    EditableEvaluation {
        evaluation: e,
        user,
    }: EditableEvaluation,
    ip: ClientIp,
    Form(form): Form<AxisForm>,
) -> Result<Response, AppError> {
    let title = match rules::axis_title(&form.title) {
        Ok(t) => t,
        Err(err) => return Ok(refused(e.id, err, "nouvel-axe")),
    };
    let id = repo::add_axis(&state.store, &actor(&user, &ip), e.id, &title).await?;
    Ok(back(
        e.id,
        "flash-evaluations-axis-added",
        &format!("axe-{id}"),
    ))
}

pub async fn update_axis(
    State(state): State<AppState>,
    EditableAxis {
        evaluation,
        axis,
        user,
    }: EditableAxis,
    ip: ClientIp,
    Form(form): Form<AxisForm>,
) -> Result<Response, AppError> {
    let anchor = format!("axe-{}", axis.id);
    let title = match rules::axis_title(&form.title) {
        Ok(t) => t,
        Err(err) => return Ok(refused(evaluation.id, err, &anchor)),
    };
    repo::rename_axis(&state.store, &actor(&user, &ip), axis.id, &title).await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-axis-updated",
        &anchor,
    ))
}

pub async fn delete_axis(
    State(state): State<AppState>,
    EditableAxis {
        evaluation,
        axis,
        user,
    }: EditableAxis,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::delete_axis(&state.store, &actor(&user, &ip), axis.id).await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-axis-deleted",
        "axes",
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct FindingForm {
    #[serde(default)]
    heading: String,
    #[serde(default)]
    text: String,
}

fn finding_input(form: &FindingForm) -> Result<(Option<String>, String), EvaluationError> {
    Ok((
        rules::heading(&form.heading)?,
        rules::item_text(&form.text)?,
    ))
}

pub async fn create_finding(
    State(state): State<AppState>,
    EditableAxis {
        evaluation,
        axis,
        user,
    }: EditableAxis,
    ip: ClientIp,
    Form(form): Form<FindingForm>,
) -> Result<Response, AppError> {
    let anchor = format!("axe-{}", axis.id);
    let (heading, text) = match finding_input(&form) {
        Ok(v) => v,
        Err(err) => return Ok(refused(evaluation.id, err, &anchor)),
    };
    repo::add_finding(
        &state.store,
        &actor(&user, &ip),
        axis.id,
        heading.as_deref(),
        &text,
    )
    .await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-finding-added",
        &anchor,
    ))
}

pub async fn update_finding(
    State(state): State<AppState>,
    EditableFinding {
        evaluation,
        finding,
        user,
    }: EditableFinding,
    ip: ClientIp,
    Form(form): Form<FindingForm>,
) -> Result<Response, AppError> {
    let anchor = format!("c-{}", finding.id);
    let (heading, text) = match finding_input(&form) {
        Ok(v) => v,
        Err(err) => return Ok(refused(evaluation.id, err, &anchor)),
    };
    repo::update_finding(
        &state.store,
        &actor(&user, &ip),
        finding.id,
        heading.as_deref(),
        &text,
    )
    .await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-finding-updated",
        &anchor,
    ))
}

pub async fn delete_finding(
    State(state): State<AppState>,
    EditableFinding {
        evaluation,
        finding,
        user,
    }: EditableFinding,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::delete_finding(&state.store, &actor(&user, &ip), finding.id).await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-finding-deleted",
        &format!("axe-{}", finding.axis_id),
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct TextForm {
    #[serde(default)]
    text: String,
}

pub async fn create_recommendation(
    State(state): State<AppState>,
    EditableAxis {
        evaluation,
        axis,
        user,
    }: EditableAxis,
    ip: ClientIp,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    let text = match rules::item_text(&form.text) {
        Ok(t) => t,
        Err(err) => return Ok(refused(evaluation.id, err, &format!("axe-{}", axis.id))),
    };
    let id = repo::add_recommendation(&state.store, &actor(&user, &ip), axis.id, &text).await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-recommendation-added",
        &format!("r-{id}"),
    ))
}

pub async fn update_recommendation(
    State(state): State<AppState>,
    EditableRecommendation {
        recommendation: r,
        evaluation,
        user,
    }: EditableRecommendation,
    ip: ClientIp,
    Form(form): Form<TextForm>,
) -> Result<Response, AppError> {
    let anchor = format!("r-{}", r.id);
    let text = match rules::item_text(&form.text) {
        Ok(t) => t,
        Err(err) => return Ok(refused(evaluation.id, err, &anchor)),
    };
    repo::update_recommendation_text(&state.store, &actor(&user, &ip), r.id, &text).await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-recommendation-updated",
        &anchor,
    ))
}

pub async fn delete_recommendation(
    State(state): State<AppState>,
    EditableRecommendation {
        recommendation: r,
        evaluation,
        user,
    }: EditableRecommendation,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::delete_recommendation(&state.store, &actor(&user, &ip), r.id).await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-recommendation-deleted",
        &format!("axe-{}", r.axis_id),
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    reason: String,
}

pub async fn update_recommendation_status(
    State(state): State<AppState>,
    EditableRecommendation {
        recommendation: r,
        evaluation,
        user,
    }: EditableRecommendation,
    ip: ClientIp,
    Form(form): Form<StatusForm>,
) -> Result<Response, AppError> {
    let anchor = format!("r-{}", r.id);
    let change = match rules::status_change(&form.status, Some(&form.reason)) {
        Ok(c) => c,
        Err(err) => return Ok(refused(evaluation.id, err, &anchor)),
    };
    repo::set_status(&state.store, &actor(&user, &ip), r.id, &change).await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-status-updated",
        &anchor,
    ))
}

#[derive(Debug, Default, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    action: String,
}

pub async fn create_recommendation_link(
    State(state): State<AppState>,
    EditableRecommendation {
        recommendation: r,
        evaluation,
        user,
    }: EditableRecommendation,
    ip: ClientIp,
    Form(form): Form<LinkForm>,
) -> Result<Response, AppError> {
    let anchor = format!("r-{}", r.id);
    let action = form.action.trim();
    if action.is_empty() {
        return Ok(back(
            evaluation.id,
            "flash-evaluations-error-choose-action",
            &anchor,
        ));
    }
    let action = Uuid::parse_str(action)
        .map_err(|_| AppError::Unprocessable("evaluations-error-unknown-action"))?;
    let created = repo::link_action(&state.store, &actor(&user, &ip), r.id, action).await?;
    let flash = if created {
        "flash-evaluations-linked"
    } else {
        "flash-evaluations-already-linked"
    };
    Ok(back(evaluation.id, flash, &anchor))
}

#[derive(Debug, Default, Deserialize)]
pub struct NewActionForm {
    #[serde(default)]
    strategy: String,
    #[serde(default)]
    title: String,
}

pub async fn create_recommendation_action(
    State(state): State<AppState>,
    EditableRecommendation {
        recommendation: r,
        evaluation,
        user,
    }: EditableRecommendation,
    ip: ClientIp,
    Form(form): Form<NewActionForm>,
) -> Result<Response, AppError> {
    let anchor = format!("r-{}", r.id);
    let strategy = form.strategy.trim();
    if strategy.is_empty() {
        return Ok(back(
            evaluation.id,
            "flash-evaluations-error-choose-strategy",
            &anchor,
        ));
    }
    let strategy = Uuid::parse_str(strategy)
        .map_err(|_| AppError::Unprocessable("evaluations-error-foreign-strategy"))?;
    repo::create_action_for(
        &state.store,
        &actor(&user, &ip),
        r.id,
        strategy,
        &form.title,
    )
    .await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-action-created",
        &anchor,
    ))
}

pub async fn delete_recommendation_link(
    State(state): State<AppState>,
    EditableRecommendation {
        recommendation: r,
        evaluation,
        user,
    }: EditableRecommendation,
    Id(action): Id<ActionId>,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::unlink_action(&state.store, &actor(&user, &ip), r.id, action.uuid()).await?;
    Ok(back(
        evaluation.id,
        "flash-evaluations-unlinked",
        &format!("r-{}", r.id),
    ))
}

// ---------- a grouping's recommendations ----------

pub struct GroupingRecommendationRow {
    pub evaluation_title: String,
    pub evaluation_year: i32,
    pub axis_title: String,
    pub href: String,
    pub r: RecommendationView,
}

#[derive(Template, WebTemplate)]
#[template(path = "evaluations/recommendations.html")]
pub struct GroupingRecommendationsPage {
    p: Page,
    grouping_name: String,
    grouping_href: String,
    all_href: String,
    without_href: String,
    without_action: bool,
    rows: Vec<GroupingRecommendationRow>,
    total: usize,
    without_count: usize,
    can_edit: bool,
    new_href: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct RecommendationsQuery {
    #[serde(default, rename = "sans-action")]
    sans_action: String,
}

pub async fn list_grouping_recommendations(
    State(state): State<AppState>,
    GroupingBySlug(g): GroupingBySlug,
    visitor: Visitor,
    Query(q): Query<RecommendationsQuery>,
    p: Page,
) -> Result<GroupingRecommendationsPage, AppError> {
    reader(Visitor(visitor.0.clone()))?;
    let lang = p.lang;
    let without_action = matches!(q.sans_action.trim(), "1" | "oui" | "true");
    let all = repo::recommendations_of_grouping(&state.store, g.id, false).await?;
    let without_count = all
        .iter()
        .filter(|r| r.recommendation.actions.is_empty())
        .count();
    let href = format!("/regroupements/{}/recommandations", g.slug);
    Ok(GroupingRecommendationsPage {
        grouping_name: g.name.clone(),
        grouping_href: format!("/regroupements/{}", g.slug),
        without_href: format!("{href}?sans-action=1"),
        all_href: href,
        without_action,
        total: all.len(),
        without_count,
        rows: all
            .iter()
            .filter(|r| !without_action || r.recommendation.actions.is_empty())
            .map(|r| GroupingRecommendationRow {
                evaluation_title: r.evaluation_title.clone(),
                evaluation_year: r.evaluation_year,
                axis_title: r.axis_title.clone(),
                href: super::recommendation_href(r.evaluation_id, r.recommendation.model.id),
                r: recommendation_view(lang, &visitor, &r.recommendation),
            })
            .collect(),
        can_edit: may_edit(&visitor, g.id),
        new_href: format!("/evaluations/nouvelle?regroupement={}", g.slug),
        p,
    })
}

// ---------- the action's page ----------

/// The recommendations an action answers, as the action's page lists
/// them: (text, evaluation title, link to the recommendation, status).
pub async fn answered_recommendations(
    state: &AppState,
    lang: Lang,
    action: Uuid,
) -> Result<Vec<(String, String, String, String)>, AppError> {
    Ok(repo::recommendations_of_action(&state.store, action)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.text,
                r.evaluation_title,
                super::recommendation_href(r.evaluation_id, r.recommendation_id),
                status_label(lang, r.status),
            )
        })
        .collect())
}
