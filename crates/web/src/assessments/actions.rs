//! An item of a response that calls for work (« À améliorer », « À
//! développer ») becomes an action of the grouping's plan: the respondent's
//! portrait posts here, the action is created and linked in one
//! transaction, and the portrait then links to it. An item that already
//! became an action keeps it.

use axum::Router;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum_extra::extract::Form;
use maillage_domain::ids::AssessmentItemId;
use maillage_store::repo::assessments_portrait::{self as repo, ItemActionError, Target};
use serde::Deserialize;
use uuid::Uuid;

use super::portrait::response_portrait_href;
use super::portrait_access::ActionableResponse;
use crate::AppState;
use crate::auth::{ClientIp, actor};
use crate::error::AppError;
use crate::extract::Id;

pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        "/autoevaluations/{response}/enonces/{item}/action",
        post(create_item_action),
    )
}

impl From<ItemActionError> for AppError {
    fn from(e: ItemActionError) -> Self {
        match e {
            ItemActionError::NotFound => AppError::NotFound,
            ItemActionError::NoCall => AppError::Unprocessable("assess-portrait-error-no-call"),
            ItemActionError::ForeignPlan => {
                AppError::Unprocessable("assess-portrait-error-foreign-plan")
            }
            ItemActionError::NoStrategy => {
                AppError::Unprocessable("assess-portrait-error-no-strategy")
            }
            ItemActionError::Assessment(e) => AppError::from(e),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct ItemActionForm {
    #[serde(default)]
    strategie: String,
}

/// Turns the item into an action under the chosen strategy and comes back
/// to the respondent's portrait, where the item now links to its action.
async fn create_item_action(
    State(state): State<AppState>,
    ActionableResponse { response, user }: ActionableResponse,
    Id(item): Id<AssessmentItemId>,
    ip: ClientIp,
    Form(form): Form<ItemActionForm>,
) -> Result<Response, AppError> {
    let strategy = Uuid::parse_str(form.strategie.trim())
        .map_err(|_| AppError::Unprocessable("assess-portrait-error-foreign-plan"))?;
    repo::item_to_action(
        &state.store,
        &actor(&user, &ip),
        response.id,
        item.uuid(),
        Target::Strategy(strategy),
    )
    .await?;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-assess-portrait-action#enonce-{}",
        response_portrait_href(response.id),
        item.uuid()
    ))
    .into_response())
}
