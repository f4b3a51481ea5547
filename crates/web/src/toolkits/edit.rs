//! The coordinators' forms: a toolkit's themes (add, rename, delete) and
//! activities (add, edit, delete, each delete asked on a page first).
//! Bad input shows the form again with its French message (422), nothing
//! written.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use maillage_domain::toolkits::{self as rules, ActivityInput, Audience, ThemeInput, ToolkitError};
use maillage_store::entity::{toolkit, toolkit_activity};
use maillage_store::repo::toolkits::{self as repo, ActivityWrite, ToolkitsError};
use maillage_store::repo::{groupings, live_actions};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{EditableActivity, EditableTheme, EditableToolkit};
use super::pages::toolkit_page;
use super::{activity_href, audience_label, toolkit_href};
use crate::AppState;
use crate::auth::{ClientIp, actor};
use crate::error::AppError;
use crate::forms::Choice;
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/trousses/{toolkit}/themes", post(create_theme))
        .route(
            "/trousses/{toolkit}/themes/{theme}/modifier",
            get(show_theme_form).post(update_theme),
        )
        .route(
            "/trousses/{toolkit}/themes/{theme}/supprimer",
            get(show_delete_theme).post(delete_theme),
        )
        .route(
            "/trousses/{toolkit}/activites/nouvelle",
            get(show_new_activity).post(create_activity),
        )
        .route(
            "/trousses/{toolkit}/activites/{activity}/modifier",
            get(show_activity_form).post(update_activity),
        )
        .route(
            "/trousses/{toolkit}/activites/{activity}/supprimer",
            get(show_delete_activity).post(delete_activity),
        )
}

// ---------- themes ----------

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ThemeForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
}

impl ThemeForm {
    fn input(&self) -> ThemeInput {
        ThemeInput {
            title: self.title.clone(),
            description: self.description.clone(),
        }
    }
}

pub async fn create_theme(
    State(state): State<AppState>,
    EditableToolkit { toolkit, user }: EditableToolkit,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ThemeForm>,
) -> Result<Response, AppError> {
    match rules::validate_theme(&form.input()) {
        Ok(theme) => {
            repo::create_theme(&state.store, &actor(&user, &ip), toolkit.id, &theme).await?;
            Ok(Redirect::to(&format!(
                "{}?ok=flash-toolkits-theme-created",
                toolkit_href(&toolkit.slug)
            ))
            .into_response())
        }
        Err(e) => {
            let message = p.t(e.key());
            let page = toolkit_page(&state, p, toolkit, true, form, Some(message)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "toolkits/theme_form.html")]
pub struct ThemeFormPage {
    p: Page,
    toolkit_title: String,
    toolkit_href: String,
    action: String,
    delete_href: String,
    form: ThemeForm,
    error: Option<String>,
}

fn theme_form_page(
    p: Page,
    t: &toolkit::Model,
    theme_id: Uuid,
    form: ThemeForm,
    error: Option<String>,
) -> ThemeFormPage {
    let base = format!("{}/themes/{theme_id}", toolkit_href(&t.slug));
    ThemeFormPage {
        p,
        toolkit_title: t.title.clone(),
        toolkit_href: toolkit_href(&t.slug),
        action: format!("{base}/modifier"),
        delete_href: format!("{base}/supprimer"),
        form,
        error,
    }
}

pub async fn show_theme_form(
    EditableTheme { toolkit, theme, .. }: EditableTheme,
    p: Page,
) -> ThemeFormPage {
    let form = ThemeForm {
        title: theme.title,
        description: theme.description,
    };
    theme_form_page(p, &toolkit, theme.id, form, None)
}

pub async fn update_theme(
    State(state): State<AppState>,
    EditableTheme {
        toolkit,
        theme,
        user,
    }: EditableTheme,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ThemeForm>,
) -> Result<Response, AppError> {
    match rules::validate_theme(&form.input()) {
        Ok(valid) => {
            repo::update_theme(&state.store, &actor(&user, &ip), theme.id, &valid).await?;
            Ok(Redirect::to(&format!(
                "{}?ok=flash-toolkits-theme-saved",
                toolkit_href(&toolkit.slug)
            ))
            .into_response())
        }
        Err(e) => {
            let message = p.t(e.key());
            let page = theme_form_page(p, &toolkit, theme.id, form, Some(message));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "toolkits/delete.html")]
pub struct DeletePage {
    p: Page,
    heading: String,
    question: String,
    back_href: String,
    back_title: String,
    action: String,
}

pub async fn show_delete_theme(
    State(state): State<AppState>,
    EditableTheme { toolkit, theme, .. }: EditableTheme,
    p: Page,
) -> Result<DeletePage, AppError> {
    let tree = repo::tree(state.store.conn(), toolkit.clone()).await?;
    let count = tree
        .themes
        .iter()
        .find(|n| n.theme.id == theme.id)
        .map_or(0, |n| n.activities.len());
    Ok(DeletePage {
        heading: p.t("toolkits-theme-delete"),
        question: p.tc1("toolkits-theme-delete-confirm", count, "name", &theme.title),
        back_href: toolkit_href(&toolkit.slug),
        back_title: toolkit.title.clone(),
        action: format!(
            "{}/themes/{}/supprimer",
            toolkit_href(&toolkit.slug),
            theme.id
        ),
        p,
    })
}

pub async fn delete_theme(
    State(state): State<AppState>,
    EditableTheme {
        toolkit,
        theme,
        user,
    }: EditableTheme,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::delete_theme(&state.store, &actor(&user, &ip), theme.id).await?;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-toolkits-theme-deleted",
        toolkit_href(&toolkit.slug)
    ))
    .into_response())
}

// ---------- activities ----------

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActivityForm {
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub objectives: String,
    #[serde(default)]
    pub audiences: Vec<String>,
    #[serde(default)]
    pub duration: String,
    #[serde(default)]
    pub material: String,
    #[serde(default)]
    pub steps: String,
    #[serde(default)]
    pub tips: String,
    #[serde(default)]
    pub pathways: Vec<String>,
    #[serde(default)]
    pub strategy: String,
    #[serde(default)]
    pub placeholder: Option<String>,
}

impl ActivityForm {
    fn of(a: &toolkit_activity::Model, pathways: &[Uuid]) -> Self {
        ActivityForm {
            theme: a.theme_id.to_string(),
            title: a.title.clone(),
            objectives: a.objectives.clone(),
            audiences: Audience::split(&a.audiences)
                .into_iter()
                .map(|x| x.as_str().to_owned())
                .collect(),
            duration: a
                .duration_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
            material: a.material.clone(),
            steps: a.steps.clone(),
            tips: a.tips.clone(),
            pathways: pathways.iter().map(Uuid::to_string).collect(),
            strategy: a.strategy_id.map(|s| s.to_string()).unwrap_or_default(),
            placeholder: a.placeholder.then(|| "1".to_owned()),
        }
    }

    fn has_audience(&self, code: &str) -> bool {
        self.audiences.iter().any(|a| a == code)
    }

    fn has_pathway(&self, id: &str) -> bool {
        self.pathways.iter().any(|p| p == id)
    }

    /// What the rules and the store accept, or the first refusal. Ids
    /// that do not parse are refused as another toolkit's or grouping's.
    fn write(&self) -> Result<ActivityWrite, ToolkitError> {
        let activity = rules::validate_activity(&ActivityInput {
            title: self.title.clone(),
            objectives: self.objectives.clone(),
            audiences: self.audiences.clone(),
            duration: self.duration.clone(),
            material: self.material.clone(),
            steps: self.steps.clone(),
            tips: self.tips.clone(),
        })?;
        let theme_id =
            Uuid::parse_str(self.theme.trim()).map_err(|_| ToolkitError::ForeignTheme)?;
        let pathway_ids = self
            .pathways
            .iter()
            .filter(|p| !p.trim().is_empty())
            .map(|p| Uuid::parse_str(p.trim()).map_err(|_| ToolkitError::ForeignPathway))
            .collect::<Result<Vec<_>, _>>()?;
        let strategy_id = match self.strategy.trim() {
            "" => None,
            s => Some(Uuid::parse_str(s).map_err(|_| ToolkitError::ForeignStrategy)?),
        };
        Ok(ActivityWrite {
            theme_id,
            activity,
            pathway_ids,
            strategy_id,
            placeholder: self.placeholder.is_some(),
        })
    }
}

pub struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "toolkits/activity_form.html")]
pub struct ActivityFormPage {
    p: Page,
    heading: String,
    toolkit_title: String,
    toolkit_href: String,
    back_href: String,
    action: String,
    delete_href: String,
    themes: Vec<Choice>,
    audiences: Vec<Check>,
    pathways: Vec<Check>,
    strategies: Vec<Choice>,
    form: ActivityForm,
    error: Option<String>,
}

async fn activity_form_page(
    state: &AppState,
    p: Page,
    t: &toolkit::Model,
    activity: Option<Uuid>,
    form: ActivityForm,
    error: Option<String>,
) -> Result<ActivityFormPage, AppError> {
    let lang = p.lang;
    let tree = repo::tree(state.store.conn(), t.clone()).await?;
    let (pathways, strategies) = match t.grouping_id {
        Some(g) => (
            groupings::pathways(state.store.conn(), g).await?,
            live_actions::strategies_of_grouping(&state.store, g).await?,
        ),
        None => (Vec::new(), Vec::new()),
    };
    let base = toolkit_href(&t.slug);
    let (heading, back_href, action, delete_href) = match activity {
        Some(id) => {
            let href = activity_href(&t.slug, id);
            (
                p.t("toolkits-activity-edit"),
                href.clone(),
                format!("{href}/modifier"),
                format!("{href}/supprimer"),
            )
        }
        None => (
            p.t("toolkits-activity-new"),
            base.clone(),
            format!("{base}/activites/nouvelle"),
            String::new(),
        ),
    };
    Ok(ActivityFormPage {
        heading,
        toolkit_title: t.title.clone(),
        toolkit_href: base,
        back_href,
        action,
        delete_href,
        themes: tree
            .themes
            .iter()
            .map(|n| Choice {
                value: n.theme.id.to_string(),
                label: n.theme.title.clone(),
            })
            .collect(),
        audiences: Audience::ALL
            .into_iter()
            .map(|a| Check {
                value: a.as_str().to_owned(),
                label: audience_label(lang, a),
                checked: form.has_audience(a.as_str()),
            })
            .collect(),
        pathways: pathways
            .iter()
            .map(|x| Check {
                value: x.id.to_string(),
                label: x.name.clone(),
                checked: form.has_pathway(&x.id.to_string()),
            })
            .collect(),
        strategies: strategies
            .into_iter()
            .map(|s| Choice {
                value: s.id.to_string(),
                label: format!("{} — {}", s.plan_title, s.title),
            })
            .collect(),
        form,
        error,
        p,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct NewActivityQuery {
    #[serde(default)]
    theme: String,
}

pub async fn show_new_activity(
    State(state): State<AppState>,
    EditableToolkit { toolkit, .. }: EditableToolkit,
    axum::extract::Query(q): axum::extract::Query<NewActivityQuery>,
    p: Page,
) -> Result<ActivityFormPage, AppError> {
    let form = ActivityForm {
        theme: q.theme,
        ..ActivityForm::default()
    };
    activity_form_page(&state, p, &toolkit, None, form, None).await
}

/// The message of a refused activity, or the error it is.
fn refusal(p: &Page, e: ToolkitsError) -> Result<String, AppError> {
    match e {
        ToolkitsError::Rule(rule) => Ok(p.t(rule.key())),
        other => Err(other.into()),
    }
}

pub async fn create_activity(
    State(state): State<AppState>,
    EditableToolkit { toolkit, user }: EditableToolkit,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ActivityForm>,
) -> Result<Response, AppError> {
    let created = match form.write() {
        Ok(write) => {
            repo::create_activity(&state.store, &actor(&user, &ip), &toolkit, &write).await
        }
        Err(e) => Err(e.into()),
    };
    match created {
        Ok(a) => Ok(Redirect::to(&format!(
            "{}?ok=flash-toolkits-activity-created",
            activity_href(&toolkit.slug, a.id)
        ))
        .into_response()),
        Err(e) => {
            let message = refusal(&p, e)?;
            let page = activity_form_page(&state, p, &toolkit, None, form, Some(message)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub async fn show_activity_form(
    State(state): State<AppState>,
    EditableActivity {
        toolkit, activity, ..
    }: EditableActivity,
    p: Page,
) -> Result<ActivityFormPage, AppError> {
    let pathways = repo::pathway_ids_of(state.store.conn(), activity.id).await?;
    let form = ActivityForm::of(&activity, &pathways);
    activity_form_page(&state, p, &toolkit, Some(activity.id), form, None).await
}

pub async fn update_activity(
    State(state): State<AppState>,
    EditableActivity {
        toolkit,
        activity,
        user,
    }: EditableActivity,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ActivityForm>,
) -> Result<Response, AppError> {
    let saved = match form.write() {
        Ok(write) => {
            repo::update_activity(&state.store, &actor(&user, &ip), activity.id, &write).await
        }
        Err(e) => Err(e.into()),
    };
    match saved {
        Ok(a) => Ok(Redirect::to(&format!(
            "{}?ok=flash-toolkits-activity-saved",
            activity_href(&toolkit.slug, a.id)
        ))
        .into_response()),
        Err(e) => {
            let message = refusal(&p, e)?;
            let page =
                activity_form_page(&state, p, &toolkit, Some(activity.id), form, Some(message))
                    .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub async fn show_delete_activity(
    State(state): State<AppState>,
    EditableActivity {
        toolkit, activity, ..
    }: EditableActivity,
    p: Page,
) -> Result<DeletePage, AppError> {
    let runs = repo::activity_detail(state.store.conn(), activity.clone())
        .await?
        .runs
        .len();
    let href = activity_href(&toolkit.slug, activity.id);
    Ok(DeletePage {
        heading: p.t("toolkits-activity-delete"),
        question: p.tc1(
            "toolkits-activity-delete-confirm",
            runs,
            "name",
            &activity.title,
        ),
        back_title: activity.title.clone(),
        action: format!("{href}/supprimer"),
        back_href: href,
        p,
    })
}

pub async fn delete_activity(
    State(state): State<AppState>,
    EditableActivity {
        toolkit,
        activity,
        user,
    }: EditableActivity,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::delete_activity(&state.store, &actor(&user, &ip), activity.id).await?;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-toolkits-activity-deleted",
        toolkit_href(&toolkit.slug)
    ))
    .into_response())
}
