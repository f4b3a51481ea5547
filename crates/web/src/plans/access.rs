//! The plans area's resource extractors: each loads what its route names
//! (a plan, an orientation, a strategy, an action, an indicator), checks
//! that it belongs where the route says, and asks
//! `maillage_domain::plans::require_*` whether the visitor may read or
//! change it — 401 anonymous, 404 unknown (or a draft the account may not
//! see), 403 seen but not changeable.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use maillage_domain::Principal;
use maillage_domain::ids::{ActionId, IndicatorId, OrientationId, PlanId, StrategyId};
use maillage_domain::plans::{self as rules, Refusal};
use maillage_store::entity::{action, action_plan, indicator, orientation, strategy};
use maillage_store::repo::plans as repo;
use uuid::Uuid;

use crate::AppState;
use crate::auth::{SignedIn, Visitor};
use crate::error::AppError;
use crate::extract::Id;

impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        match refusal {
            Refusal::SignIn => AppError::Unauthenticated,
            Refusal::Hidden => AppError::NotFound,
            Refusal::Forbidden => AppError::Forbidden,
        }
    }
}

/// The signed-in account, once `check` (a domain rule) has let it through.
pub(crate) fn allowed<F>(visitor: Visitor, check: F) -> Result<Arc<SignedIn>, AppError>
where
    F: for<'a> FnOnce(Option<&'a Principal>) -> Result<&'a Principal, Refusal>,
{
    check(visitor.0.as_ref().map(|u| &u.principal))?;
    visitor.0.ok_or(AppError::Unauthenticated)
}

async fn visitor(parts: &mut Parts, state: &AppState) -> Visitor {
    let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
    visitor
}

async fn load_plan(state: &AppState, id: Uuid) -> Result<action_plan::Model, AppError> {
    repo::plan(state.store.conn(), id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The account, if signed in, once the rule lets the visitor read the plan
/// (anyone reads a published plan).
fn read(plan: &action_plan::Model, visitor: Visitor) -> Result<Option<Arc<SignedIn>>, AppError> {
    let grouping = plan.grouping_id.to_string();
    let status = super::plan_status(plan);
    rules::require_read_plan(visitor.0.as_ref().map(|u| &u.principal), &grouping, status)?;
    Ok(visitor.0)
}

fn edit(plan: &action_plan::Model, visitor: Visitor) -> Result<Arc<SignedIn>, AppError> {
    let grouping = plan.grouping_id.to_string();
    let status = super::plan_status(plan);
    allowed(visitor, |p| rules::require_edit_plan(p, &grouping, status))
}

/// A plan the visitor may read (anonymous for a published one).
pub struct ReadablePlan {
    pub plan: action_plan::Model,
    pub user: Option<Arc<SignedIn>>,
}

impl FromRequestParts<AppState> for ReadablePlan {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<PlanId>::from_request_parts(parts, state).await?;
        let plan = load_plan(state, id.uuid()).await?;
        let user = read(&plan, visitor(parts, state).await)?;
        Ok(ReadablePlan { plan, user })
    }
}

/// A plan the visitor coordinates (its outline, its form, its copies).
pub struct EditablePlan {
    pub plan: action_plan::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditablePlan {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<PlanId>::from_request_parts(parts, state).await?;
        let plan = load_plan(state, id.uuid()).await?;
        let user = edit(&plan, visitor(parts, state).await)?;
        Ok(EditablePlan { plan, user })
    }
}

/// An orientation of a plan the visitor coordinates.
pub struct EditableOrientation {
    pub orientation: orientation::Model,
    pub plan: action_plan::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableOrientation {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<OrientationId>::from_request_parts(parts, state).await?;
        let orientation = repo::orientation(state.store.conn(), id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        let plan = load_plan(state, orientation.plan_id).await?;
        let user = edit(&plan, visitor(parts, state).await)?;
        Ok(EditableOrientation {
            orientation,
            plan,
            user,
        })
    }
}

/// A strategy of a plan the visitor coordinates.
pub struct EditableStrategy {
    pub strategy: strategy::Model,
    pub plan: action_plan::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableStrategy {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<StrategyId>::from_request_parts(parts, state).await?;
        let strategy = repo::strategy(state.store.conn(), id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        let plan = load_plan(state, strategy.plan_id).await?;
        let user = edit(&plan, visitor(parts, state).await)?;
        Ok(EditableStrategy {
            strategy,
            plan,
            user,
        })
    }
}

async fn load_action(
    parts: &mut Parts,
    state: &AppState,
) -> Result<(action::Model, action_plan::Model), AppError> {
    let Id(id) = Id::<ActionId>::from_request_parts(parts, state).await?;
    let action = repo::action(state.store.conn(), id.uuid())
        .await?
        .ok_or(AppError::NotFound)?;
    let plan = load_plan(state, action.plan_id).await?;
    Ok((action, plan))
}

/// An action of a plan the visitor may read.
pub struct ReadableAction {
    pub action: action::Model,
    pub plan: action_plan::Model,
    pub user: Option<Arc<SignedIn>>,
}

impl FromRequestParts<AppState> for ReadableAction {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (action, plan) = load_action(parts, state).await?;
        let user = read(&plan, visitor(parts, state).await)?;
        Ok(ReadableAction { action, plan, user })
    }
}

/// An action the visitor may update: its grouping's coordinators, or a
/// member whose organization leads it.
pub struct EditableAction {
    pub action: action::Model,
    pub plan: action_plan::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableAction {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (action, plan) = load_action(parts, state).await?;
        let visitor = visitor(parts, state).await;
        // Reading first: a hidden draft is a 404 before its leads are asked.
        read(&plan, Visitor(visitor.0.clone()))?;
        let (leads, _) = repo::action_organizations(state.store.conn(), action.id).await?;
        let user = edit_action(&plan, visitor, &leads)?;
        Ok(EditableAction { action, plan, user })
    }
}

fn edit_action(
    plan: &action_plan::Model,
    visitor: Visitor,
    leads: &[String],
) -> Result<Arc<SignedIn>, AppError> {
    let grouping = plan.grouping_id.to_string();
    let status = super::plan_status(plan);
    let organization = visitor
        .0
        .as_ref()
        .and_then(|u| u.view.user.organization_id.clone());
    allowed(visitor, |p| {
        rules::require_edit_action(p, &grouping, status, organization.as_deref(), leads)
    })
}

/// An action of a plan the visitor coordinates (to move it, delete it or
/// add a sub-task under it), with its strategy.
pub struct ActionInEditablePlan {
    pub action: action::Model,
    pub strategy: strategy::Model,
    pub plan: action_plan::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ActionInEditablePlan {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (action, plan) = load_action(parts, state).await?;
        let strategy = repo::strategy(state.store.conn(), action.strategy_id)
            .await?
            .ok_or(AppError::NotFound)?;
        let user = edit(&plan, visitor(parts, state).await)?;
        Ok(ActionInEditablePlan {
            action,
            strategy,
            plan,
            user,
        })
    }
}

/// An indicator of a plan the visitor may read, and whether the visitor
/// may measure it (the action's editors, or the coordinators for a
/// strategy's indicator).
pub struct ReadableIndicator {
    pub indicator: indicator::Model,
    pub plan: action_plan::Model,
    pub user: Option<Arc<SignedIn>>,
    pub can_measure: bool,
}

impl FromRequestParts<AppState> for ReadableIndicator {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<IndicatorId>::from_request_parts(parts, state).await?;
        let indicator = repo::indicator(state.store.conn(), id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        let plan = load_plan(state, indicator.plan_id).await?;
        let visitor = visitor(parts, state).await;
        let user = read(&plan, Visitor(visitor.0.clone()))?;
        let can_measure = match indicator.action_id {
            Some(a) => {
                let (leads, _) = repo::action_organizations(state.store.conn(), a).await?;
                edit_action(&plan, visitor, &leads).is_ok()
            }
            None => edit(&plan, visitor).is_ok(),
        };
        Ok(ReadableIndicator {
            indicator,
            plan,
            user,
            can_measure,
        })
    }
}

/// An indicator the visitor may measure (and delete): 403 otherwise.
pub struct MeasurableIndicator {
    pub indicator: indicator::Model,
    pub plan: action_plan::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for MeasurableIndicator {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let readable = ReadableIndicator::from_request_parts(parts, state).await?;
        // Measuring needs an account: sign in first, then the rule.
        let user = readable.user.ok_or(AppError::Unauthenticated)?;
        if !readable.can_measure {
            return Err(AppError::Forbidden);
        }
        Ok(MeasurableIndicator {
            indicator: readable.indicator,
            plan: readable.plan,
            user,
        })
    }
}
