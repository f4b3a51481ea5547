//! The referrals area's extractors and its one mapping of the store's
//! refusals to HTTP.
//!
//! A referral is read through [`ReadableReferral`]: an account of one of
//! its two organizations (with the member role) gets it, audited; anyone
//! else gets 404, as if it did not exist — a stranger learns nothing, not
//! even that the id is taken. Anonymous visitors get the sign-in page.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use maillage_domain::ids::ReferralId;
use maillage_store::repo::referrals::{self as repo, Actor, ReferralsError};

use crate::AppState;
use crate::api::ApiId;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::error::AppError;
use crate::extract::Id;

/// The one mapping: unknown or unseen → 404, another organization's
/// account → 403, bad input → 422 (a French message), a move the status
/// machine refuses or a stale page → 409.
impl From<ReferralsError> for AppError {
    fn from(e: ReferralsError) -> Self {
        match e {
            ReferralsError::NotFound => AppError::NotFound,
            ReferralsError::Forbidden => AppError::Forbidden,
            ReferralsError::Invalid(e) => AppError::Unprocessable(e.key()),
            ReferralsError::Conflict(e) => AppError::Conflict(e.key()),
            ReferralsError::Store(e) => AppError::from(e),
        }
    }
}

impl From<maillage_domain::referrals::ReferralError> for AppError {
    fn from(e: maillage_domain::referrals::ReferralError) -> Self {
        ReferralsError::from(e).into()
    }
}

/// The signed-in account acting in the referrals area, with its address
/// for the audit log.
pub struct Referrer {
    pub user: Arc<SignedIn>,
    pub ip: String,
}

impl Referrer {
    /// The store's view of the account.
    pub fn actor(&self) -> Actor<'_> {
        Actor {
            user_id: self.user.view.user.id,
            name: &self.user.view.user.display_name,
            organization_id: self.user.view.user.organization_id.as_deref(),
            principal: &self.user.principal,
            ip: Some(&self.ip),
        }
    }
}

impl FromRequestParts<AppState> for Referrer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Ok(Visitor(user)) = Visitor::from_request_parts(parts, state).await;
        let user = user.ok_or(AppError::Unauthenticated)?;
        let Ok(ClientIp(ip)) = ClientIp::from_request_parts(parts, state).await;
        Ok(Referrer { user, ip })
    }
}

/// A referral the account may read (loaded, audited).
pub struct ReadableReferral {
    pub view: repo::ReferralView,
    pub referrer: Referrer,
}

async fn readable(
    parts: &mut Parts,
    state: &AppState,
    id: uuid::Uuid,
) -> Result<ReadableReferral, AppError> {
    let referrer = Referrer::from_request_parts(parts, state).await?;
    let view = repo::view(&state.store, &referrer.actor(), id).await?;
    Ok(ReadableReferral { view, referrer })
}

impl FromRequestParts<AppState> for ReadableReferral {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<ReferralId>::from_request_parts(parts, state).await?;
        readable(parts, state, id.uuid()).await
    }
}

/// [`ReadableReferral`] named `{id}` (the API).
pub struct ApiReadableReferral(pub ReadableReferral);

impl FromRequestParts<AppState> for ApiReadableReferral {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(ApiId(id)) = Id::<ApiId<ReferralId>>::from_request_parts(parts, state).await?;
        readable(parts, state, id.uuid())
            .await
            .map(ApiReadableReferral)
    }
}
