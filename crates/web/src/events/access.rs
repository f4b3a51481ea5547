//! The events area's resource extractors: each loads what the path names
//! (an event, a session of it, a registration, a registrant by personal
//! token) and checks the visitor against `maillage_domain::events`' rules,
//! rejecting as a handler would have (401 anonymous, 403 outside, 404
//! unknown or a draft one may not see).

use std::convert::Infallible;
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use maillage_domain::Principal;
use maillage_domain::events as rules;
use maillage_domain::ids::{EventId, RegistrationId, SessionId};
use maillage_store::entity::{event, event_session, registration};
use maillage_store::repo::events as repo;
use maillage_store::repo::events::pages as store_pages;

use crate::AppState;
use crate::auth::{SignedIn, Visitor};
use crate::error::AppError;
use crate::extract::{Id, PathKey};

/// The principal of a visitor, if signed in.
pub fn principal(visitor: &Visitor) -> Option<&Principal> {
    visitor.0.as_deref().map(|u| &u.principal)
}

/// Whether the visitor coordinates the event (buttons shown to them).
pub fn may_manage(visitor: &Visitor, e: &event::Model) -> bool {
    rules::may_manage(principal(visitor), &e.access())
}

/// The event the path names, with the visitor; 404 when unknown.
async fn load(parts: &mut Parts, state: &AppState) -> Result<(event::Model, Visitor), AppError> {
    let Id(id) = Id::<EventId>::from_request_parts(parts, state).await?;
    let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
    let event = repo::event(state.store.conn(), id.uuid())
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((event, visitor))
}

/// The signed-in account once a rule has let it through.
fn signed_in(visitor: Visitor) -> Result<Arc<SignedIn>, AppError> {
    visitor.0.ok_or(AppError::Unauthenticated)
}

/// An account that may create events (it coordinates some grouping): 401
/// anonymous, 403 otherwise.
pub struct EventCreator {
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EventCreator {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        rules::require_create(principal(&visitor))?;
        Ok(EventCreator {
            user: signed_in(visitor)?,
        })
    }
}

/// An event anyone may see: 404 unknown, and a draft is 404 to those who do
/// not manage it.
pub struct VisibleEvent {
    pub event: event::Model,
    pub visitor: Visitor,
}

impl VisibleEvent {
    /// Whether the visitor coordinates it.
    pub fn may_manage(&self) -> bool {
        may_manage(&self.visitor, &self.event)
    }
}

impl FromRequestParts<AppState> for VisibleEvent {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (event, visitor) = load(parts, state).await?;
        rules::require_visible(principal(&visitor), &event.access())?;
        Ok(VisibleEvent { event, visitor })
    }
}

/// An event the visitor manages: 401 anonymous, 403 outside, 404 unknown.
pub struct ManagedEvent {
    pub event: event::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ManagedEvent {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (event, visitor) = load(parts, state).await?;
        rules::require_manage(principal(&visitor), &event.access())?;
        Ok(ManagedEvent {
            event,
            user: signed_in(visitor)?,
        })
    }
}

/// An event of the visitor's grouping (any role): 401 anonymous, 403
/// outside, 404 unknown or a draft they do not manage.
pub struct InsideEvent {
    pub event: event::Model,
    pub visitor: Visitor,
}

impl InsideEvent {
    /// Whether the visitor also coordinates it.
    pub fn may_manage(&self) -> bool {
        may_manage(&self.visitor, &self.event)
    }
}

impl FromRequestParts<AppState> for InsideEvent {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (event, visitor) = load(parts, state).await?;
        rules::require_inside(principal(&visitor), &event.access())?;
        Ok(InsideEvent { event, visitor })
    }
}

/// A session (`{session}`) of an event the visitor manages; 404 when it
/// is not one of the event's.
pub struct ManagedSession {
    pub event: event::Model,
    pub session: event_session::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ManagedSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let ManagedEvent { event, user } = ManagedEvent::from_request_parts(parts, state).await?;
        let Id(id) = Id::<SessionId>::from_request_parts(parts, state).await?;
        let session = store_pages::session(state.store.conn(), event.id, id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(ManagedSession {
            event,
            session,
            user,
        })
    }
}

/// A registration (`{registration}`) to an event the visitor manages; 404
/// when it is not one of the event's.
pub struct ManagedRegistration {
    pub event: event::Model,
    pub registration: registration::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ManagedRegistration {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let ManagedEvent { event, user } = ManagedEvent::from_request_parts(parts, state).await?;
        let Id(id) = Id::<RegistrationId>::from_request_parts(parts, state).await?;
        let registration = repo::registration_of(state.store.conn(), event.id, id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(ManagedRegistration {
            event,
            registration,
            user,
        })
    }
}

/// The registrant whose personal token the path carries, and their event:
/// the token is the permission (no account needed); 404 when the token is
/// not one of this event's registrations.
pub struct Registrant {
    pub event: event::Model,
    pub registration: registration::Model,
    /// The token as given (their links are built from it).
    pub token: String,
}

impl FromRequestParts<AppState> for Registrant {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (event, _) = load(parts, state).await?;
        let Id(PersonalToken(token)) =
            Id::<PersonalToken>::from_request_parts(parts, state).await?;
        let registration = repo::registration_by_token(state.store.conn(), &token)
            .await?
            .filter(|r| r.event_id == event.id)
            .ok_or(AppError::NotFound)?;
        Ok(Registrant {
            event,
            registration,
            token,
        })
    }
}

macro_rules! text_segments {
    ($($(#[$doc:meta])* $ty:ident => $name:literal,)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct $ty(pub String);

        impl FromStr for $ty {
            type Err = Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self(s.to_owned()))
            }
        }

        impl PathKey for $ty {
            const PARAM: &'static str = $name;
        }
    )*};
}

text_segments! {
    /// What to do to a row (`{op}`: `monter`, `descendre`, `supprimer`…).
    Op => "op",
    /// A section of the bilan (`{section}`).
    Section => "section",
    /// A registrant's personal token, as their links carry it (`{personal}`).
    PersonalToken => "personal",
}

/// A walk-in's attendance row (`{walk_in}`); 404 when not a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkIn(pub i64);

impl FromStr for WalkIn {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(Self)
    }
}

impl PathKey for WalkIn {
    const PARAM: &'static str = "walk_in";
}
