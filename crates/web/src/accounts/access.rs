//! The accounts' resource extractors: an account an administrator manages,
//! a token of the signed-in account.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use maillage_domain::ids::{ApiTokenId, UserId};
use maillage_store::entity::{api_token, user};
use maillage_store::repo::{accounts, api_tokens};

use crate::AppState;
use crate::auth::{Authorized, CurrentUser, ManageUsers, SignedIn};
use crate::error::AppError;
use crate::extract::Id;

/// An account an administrator manages (`ManageUsers`): 401 anonymous, 403
/// for anyone else, then 404 when unknown.
pub struct ManagedAccount {
    pub account: user::Model,
    pub admin: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ManagedAccount {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let admin = Authorized::<ManageUsers>::from_request_parts(parts, state)
            .await?
            .0;
        let Id(id) = Id::<UserId>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let account = accounts::find_by_id(&state.store, id.uuid())
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .ok_or_else(|| AppError::NotFound.into_response())?;
        Ok(ManagedAccount { account, admin })
    }
}

/// One of the signed-in account's own API tokens: 401 anonymous, 404 when
/// unknown or another account's.
pub struct OwnToken {
    pub token: api_token::Model,
    pub user: Arc<SignedIn>,
}

impl OwnToken {
    /// The token `id` of the signed-in account, whatever the path names it.
    pub async fn load(
        parts: &mut Parts,
        state: &AppState,
        id: ApiTokenId,
    ) -> Result<Self, Response> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        let token = api_tokens::find_own(&state.store, user.view.user.id, id.uuid())
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .ok_or_else(|| AppError::NotFound.into_response())?;
        Ok(OwnToken { token, user })
    }
}

impl FromRequestParts<AppState> for OwnToken {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        // Signed in first: an anonymous visitor is sent to sign in even
        // with a malformed id.
        CurrentUser::from_request_parts(parts, state).await?;
        let Id(id) = Id::<ApiTokenId>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        OwnToken::load(parts, state, id).await
    }
}
