//! Recording a run: a member of a grouping notes that one of the
//! grouping's member organizations ran an activity (date, participants,
//! comment), from the activity's page.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use maillage_domain::toolkits::{self as rules, RunInput, ToolkitError};
use maillage_store::repo::groupings;
use maillage_store::repo::toolkits::{self as repo, RunWrite, ToolkitsError};
use serde::Deserialize;
use uuid::Uuid;

use super::access::ReadableActivity;
use super::activity_href;
use super::pages::activity_page;
use crate::AppState;
use crate::auth::{ClientIp, SignedIn, actor};
use crate::error::AppError;
use crate::forms::Choice;
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/trousses/{toolkit}/activites/{activity}/utilisations",
        post(create_run),
    )
}

/// The run form as typed. `organisation` is `{grouping id}:{organization
/// id}`: one choice names both, so that they cannot disagree.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RunForm {
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub date: String,
    #[serde(default)]
    pub participants: String,
    #[serde(default)]
    pub comment: String,
}

/// A grouping the account records runs for, with its member
/// organizations (the form's option group).
pub struct RunTarget {
    pub grouping: String,
    pub options: Vec<Choice>,
}

/// The groupings the account is a member (or more) of — every grouping for
/// an administrator — with their current member organizations.
pub(super) async fn run_targets(
    state: &AppState,
    user: &SignedIn,
) -> Result<Vec<RunTarget>, AppError> {
    let principal = &user.principal;
    let all = groupings::list(&state.store).await?;
    let mut out = Vec::new();
    for g in all {
        let id = g.id.to_string();
        if rules::require_record_run(Some(principal), &id).is_err() {
            continue;
        }
        let options: Vec<Choice> = repo::member_organizations(state.store.conn(), g.id)
            .await?
            .into_iter()
            .map(|(org, name)| Choice {
                value: format!("{}:{org}", g.id),
                label: name,
            })
            .collect();
        if !options.is_empty() {
            out.push(RunTarget {
                grouping: g.name,
                options,
            });
        }
    }
    Ok(out)
}

/// Splits `{grouping id}:{organization id}`.
fn target_of(value: &str) -> Option<(Uuid, String)> {
    let (g, org) = value.trim().split_once(':')?;
    let g = Uuid::parse_str(g).ok()?;
    (!org.is_empty()).then(|| (g, org.to_owned()))
}

pub async fn create_run(
    State(state): State<AppState>,
    ReadableActivity {
        toolkit,
        activity,
        user,
    }: ReadableActivity,
    p: Page,
    ip: ClientIp,
    Form(form): Form<RunForm>,
) -> Result<Response, AppError> {
    let refused = |e: ToolkitError| Err::<Response, ToolkitError>(e);
    let outcome = match target_of(&form.organisation) {
        None => refused(ToolkitError::ForeignOrganization),
        Some((grouping_id, organization_id)) => {
            rules::require_record_run(Some(&user.principal), &grouping_id.to_string())?;
            let input = RunInput {
                date: form.date.clone(),
                participants: form.participants.clone(),
                comment: form.comment.clone(),
            };
            match rules::validate_run(&input, chrono::Utc::now().date_naive()) {
                Err(e) => refused(e),
                Ok(run) => {
                    let write = RunWrite {
                        activity_id: activity.id,
                        grouping_id,
                        organization_id,
                        run,
                        recorded_by: Some(user.view.user.id),
                    };
                    match repo::record_run(&state.store, &actor(&user, &ip), &write).await {
                        Ok(_) => Ok(Redirect::to(&format!(
                            "{}?ok=flash-toolkits-run-recorded#utilisations",
                            activity_href(&toolkit.slug, activity.id)
                        ))
                        .into_response()),
                        Err(ToolkitsError::Rule(e)) => refused(e),
                        Err(other) => return Err(other.into()),
                    }
                }
            }
        }
    };
    match outcome {
        Ok(response) => Ok(response),
        Err(e) => {
            let message = p.t(e.key());
            let page =
                activity_page(&state, p, &user, &toolkit, activity, form, Some(message)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}
