//! The groupings area's resource extractors: a grouping named by its slug
//! (404 unknown), and what the visitor may do with it, as
//! `maillage_domain::plans::require_*` decides — 401 anonymous, 403 not
//! allowed.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use maillage_domain::plans as rules;
use maillage_store::entity::grouping;

use crate::AppState;
use crate::auth::{SignedIn, Visitor};
use crate::error::AppError;
use crate::extract::{GroupingSlug, Id};
use crate::plans::access::allowed;

/// The grouping whose slug the route carries in `{grouping}`.
pub struct GroupingBySlug(pub grouping::Model);

impl FromRequestParts<AppState> for GroupingBySlug {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(GroupingSlug(slug)) = Id::<GroupingSlug>::from_request_parts(parts, state).await?;
        maillage_store::repo::groupings::find_by_slug(state.store.conn(), &slug)
            .await?
            .map(GroupingBySlug)
            .ok_or(AppError::NotFound)
    }
}

/// A grouping the visitor coordinates (its form, members, staff, pathways,
/// funders, new plans and imports).
pub struct EditableGrouping {
    pub grouping: grouping::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableGrouping {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let GroupingBySlug(grouping) = GroupingBySlug::from_request_parts(parts, state).await?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        let id = grouping.id.to_string();
        let user = allowed(visitor, |p| rules::require_edit_grouping(p, &id))?;
        Ok(EditableGrouping { grouping, user })
    }
}

/// An account that may create groupings (administrators).
pub struct GroupingCreator(pub Arc<SignedIn>);

impl FromRequestParts<AppState> for GroupingCreator {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        allowed(visitor, rules::require_create_grouping).map(GroupingCreator)
    }
}
