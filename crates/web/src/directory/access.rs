//! The directory's resource extractors: each reads its key from the path,
//! checks who may (before loading, so that a refused visitor learns nothing
//! about what exists: 403 whether or not the entry is there), then loads
//! the entry (404 once it is gone).

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use maillage_domain::Permission;
use maillage_domain::ids::{ProposalId, UserId};
use maillage_store::entity::user;
use maillage_store::repo::directory::{self as dir, OrganizationView, ServiceView};
use maillage_store::repo::{accounts, organizations};

use crate::AppState;
use crate::auth::{Authorized, EditDirectory, ProposeDirectoryEdit, SignedIn};
use crate::error::AppError;
use crate::extract::{Id, OrganizationKey, ServiceKey};

async fn organization(
    state: &AppState,
    key: OrganizationKey,
) -> Result<OrganizationView, AppError> {
    dir::organization(&state.store, &key.0)
        .await?
        .ok_or(AppError::NotFound)
}

async fn service(state: &AppState, key: ServiceKey) -> Result<ServiceView, AppError> {
    dir::service(&state.store, &key.0)
        .await?
        .ok_or(AppError::NotFound)
}

async fn editor(parts: &mut Parts, state: &AppState) -> Result<Arc<SignedIn>, Response> {
    Ok(
        Authorized::<EditDirectory>::from_request_parts(parts, state)
            .await?
            .0,
    )
}

/// An organization of the directory, as anyone may read it: 404 once it is
/// gone.
pub struct OrganizationPage {
    pub organization: OrganizationView,
}

impl FromRequestParts<AppState> for OrganizationPage {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(key) = Id::<OrganizationKey>::from_request_parts(parts, state).await?;
        Ok(OrganizationPage {
            organization: organization(state, key).await?,
        })
    }
}

/// An organization the visitor may edit (`EditDirectory`): 401 anonymous,
/// 403 without the permission, 404 once it is gone.
pub struct EditableOrganization {
    pub organization: OrganizationView,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableOrganization {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let user = editor(parts, state).await?;
        let Id(key) = Id::<OrganizationKey>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let organization = organization(state, key)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(EditableOrganization { organization, user })
    }
}

/// A service of the directory, as anyone may read it: 404 once it is gone.
pub struct ServicePage {
    pub service: ServiceView,
}

impl FromRequestParts<AppState> for ServicePage {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(key) = Id::<ServiceKey>::from_request_parts(parts, state).await?;
        Ok(ServicePage {
            service: service(state, key).await?,
        })
    }
}

/// A service the visitor may edit (`EditDirectory`): 401, 403, then 404.
pub struct EditableService {
    pub service: ServiceView,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableService {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let user = editor(parts, state).await?;
        let Id(key) = Id::<ServiceKey>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let service = service(state, key)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(EditableService { service, user })
    }
}

/// A member's proposal still waiting for a decision, for someone who may
/// decide it (`EditDirectory`): 401, 403, then 404 when unknown or already
/// decided.
pub struct PendingProposal {
    pub proposal: organizations::Proposal,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for PendingProposal {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let user = editor(parts, state).await?;
        let Id(id) = Id::<ProposalId>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let proposal = organizations::pending_proposal(&state.store, id.uuid())
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .ok_or_else(|| AppError::NotFound.into_response())?;
        Ok(PendingProposal { proposal, user })
    }
}

/// An account named in the path of an organization the visitor may edit
/// (`/repertoire/organisations/{organization}/representants/{user}/…`):
/// 404 when either is unknown. Whether the account represents the
/// organization is for the handler to say (taking off someone who does
/// not is a no-op).
pub struct OrganizationAccount {
    pub organization: OrganizationView,
    pub account: user::Model,
    pub user: Arc<SignedIn>,
}

impl OrganizationAccount {
    /// Whether the account represents the organization.
    pub fn represents(&self) -> bool {
        self.account.organization_id.as_deref() == Some(self.organization.id())
    }
}

impl FromRequestParts<AppState> for OrganizationAccount {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let EditableOrganization { organization, user } =
            EditableOrganization::from_request_parts(parts, state).await?;
        let Id(id) = Id::<UserId>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let account = accounts::find_by_id(&state.store, id.uuid())
            .await
            .map_err(|e| AppError::from(e).into_response())?
            .ok_or_else(|| AppError::NotFound.into_response())?;
        Ok(OrganizationAccount {
            organization,
            account,
            user,
        })
    }
}

/// A member who represents the organization of the path (their account's
/// own organization): they may propose edits to it. Coordinators, who edit
/// directly, are sent to the edit form; anyone else gets 403; a
/// representative of an organization that is gone gets 404.
pub struct Representative {
    pub user: Arc<SignedIn>,
    pub organization: OrganizationView,
}

impl FromRequestParts<AppState> for Representative {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let auth = Authorized::<ProposeDirectoryEdit>::from_request_parts(parts, state).await?;
        let Id(key) = Id::<OrganizationKey>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let user = auth.0;
        if user.view.user.organization_id.as_deref() == Some(key.0.as_str()) {
            let organization = organization(state, key)
                .await
                .map_err(IntoResponse::into_response)?;
            return Ok(Representative { user, organization });
        }
        if user.principal.allows(Permission::EditDirectory, None) {
            let target = format!("{}/modifier", super::organization_href(&key.0));
            return Err(Redirect::to(&target).into_response());
        }
        Err(AppError::Forbidden.into_response())
    }
}
