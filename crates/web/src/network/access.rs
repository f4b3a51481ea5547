//! The network's resource extractors: whose network a request asks for,
//! loaded and checked before the handler runs (404 for what is not there
//! or not visible, 401 for anonymous visitors), with the filters of its
//! query string and the level the visitor gets.
//!
//! The person level is for the accounts of the grouping only
//! (`maillage_domain::network::may_see_people`): a page asked for it by
//! anyone else shows the organizations, as if nothing had been asked
//! ([`GroupingNetwork`], [`EventNetwork`]); an export or the API answers
//! 404, as for a network that is not there ([`GroupingNetworkFile`],
//! [`EventNetworkFile`], [`ApiGroupingNetwork`]).

use std::str::FromStr;

use axum::extract::{FromRequestParts, Query, RawQuery};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use maillage_domain::ids::EventId;
use maillage_store::entity::{event, grouping, registration};
use maillage_store::repo::events as events_repo;
use maillage_store::repo::groupings as groupings_repo;
use maillage_store::repo::network::{Source, Weighting};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use super::Params;
use super::people::{Level, may_see_people};
use crate::AppState;
use crate::auth::{CurrentUser, Visitor};
use crate::error::AppError;
use crate::extract::{GroupingSlug, Id, PathKey};

/// 401 for an anonymous visitor: every network is for signed-in accounts.
fn signed_in(visitor: &Visitor) -> Result<(), AppError> {
    if visitor.0.is_none() {
        Err(AppError::Unauthenticated)
    } else {
        Ok(())
    }
}

async fn query_params(parts: &mut Parts, state: &AppState) -> Params {
    let Ok(RawQuery(raw)) = RawQuery::from_request_parts(parts, state).await;
    Params::parse(raw.as_deref())
}

/// The territory's network: any signed-in account, organization level
/// always, whoever asks.
pub struct TerritoryNetwork {
    pub params: Params,
}

impl FromRequestParts<AppState> for TerritoryNetwork {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        signed_in(&visitor)?;
        let mut params = query_params(parts, state).await;
        params.level = Level::Organizations;
        Ok(TerritoryNetwork { params })
    }
}

/// A grouping's network (`{grouping}`: its slug) for a signed-in account:
/// 404 unknown, then 401 anonymous. `params.level` is the level the
/// visitor gets: people only when asked for and allowed.
pub struct GroupingNetwork {
    pub grouping: grouping::Model,
    pub params: Params,
    /// Whether the visitor may choose the person level.
    pub may_see_people: bool,
}

impl GroupingNetwork {
    async fn read(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(GroupingSlug(slug)) = Id::<GroupingSlug>::from_request_parts(parts, state).await?;
        let grouping = groupings_repo::find_by_slug(state.store.conn(), &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        signed_in(&visitor)?;
        let mut params = query_params(parts, state).await;
        let may_see_people = may_see_people(&visitor, Some(grouping.id));
        hide_private_sources(&mut params, may_see_people);
        Ok(GroupingNetwork {
            grouping,
            params,
            may_see_people,
        })
    }
}

impl FromRequestParts<AppState> for GroupingNetwork {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let mut network = GroupingNetwork::read(parts, state).await?;
        network.params.level = page_level(network.params.level, network.may_see_people);
        Ok(network)
    }
}

/// A grouping's network for an export: as [`GroupingNetwork`], but the
/// person level asked for by an account outside the grouping is a 404.
pub struct GroupingNetworkFile(pub GroupingNetwork);

impl FromRequestParts<AppState> for GroupingNetworkFile {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let network = GroupingNetwork::read(parts, state).await?;
        file_level(network.params.level, network.may_see_people)?;
        Ok(GroupingNetworkFile(network))
    }
}

/// An event's network (`{event}`) for a signed-in account: 404 unknown,
/// 401 anonymous, 404 for a draft the visitor does not manage. The person
/// level is for the accounts of the event's grouping.
pub struct EventNetwork {
    pub event: event::Model,
    pub params: Params,
    /// Whether the visitor may choose the person level.
    pub may_see_people: bool,
}

impl EventNetwork {
    async fn read(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<EventId>::from_request_parts(parts, state).await?;
        let event = events_repo::event(state.store.conn(), id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        signed_in(&visitor)?;
        crate::events::require_visible(&visitor, &event)?;
        let params = query_params(parts, state).await;
        let may_see_people = may_see_people(&visitor, event.grouping_id);
        Ok(EventNetwork {
            event,
            params,
            may_see_people,
        })
    }
}

impl FromRequestParts<AppState> for EventNetwork {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let mut network = EventNetwork::read(parts, state).await?;
        network.params.level = page_level(network.params.level, network.may_see_people);
        Ok(network)
    }
}

/// An event's network for an export: as [`EventNetwork`], but the person
/// level asked for by an account outside the grouping is a 404.
pub struct EventNetworkFile(pub EventNetwork);

impl FromRequestParts<AppState> for EventNetworkFile {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let network = EventNetwork::read(parts, state).await?;
        file_level(network.params.level, network.may_see_people)?;
        Ok(EventNetworkFile(network))
    }
}

/// On a page, people only when asked for and allowed (otherwise the
/// organizations, as if nothing had been asked).
/// A grouping's referral flows are its internal data, as its people are:
/// an account outside the grouping gets its network without them, as if
/// there were none.
fn hide_private_sources(params: &mut Params, inside: bool) {
    if !inside {
        params.hidden = vec![Source::Referral];
    }
}

fn page_level(asked: Level, may_see_people: bool) -> Level {
    if may_see_people {
        asked
    } else {
        Level::Organizations
    }
}

/// In a file or the API, people asked for by someone outside: that network
/// is not there.
fn file_level(asked: Level, may_see_people: bool) -> Result<(), AppError> {
    if asked == Level::People && !may_see_people {
        Err(AppError::NotFound)
    } else {
        Ok(())
    }
}

/// The API's grouping: by id or by slug (`{id}`, as the OpenAPI document
/// names it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupingIdOrSlug(pub String);

impl FromStr for GroupingIdOrSlug {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(GroupingIdOrSlug(s.to_owned()))
    }
}

impl PathKey for GroupingIdOrSlug {
    const PARAM: &'static str = "id";
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NetworkQuery {
    /// The network on this date (`YYYY-MM-DD`): later evidence is left out.
    at: Option<String>,
    /// Sources kept, comma-separated: `co_attendance`, `same_team`,
    /// `joint_action`, `co_membership`, `declared`, `referral` (default:
    /// all; `referral`, the grouping's referrals, for its own accounts and
    /// administrators only).
    sources: Option<String>,
    /// Links whose weight is below are left out (default: 0.2 with the
    /// collaboration weight, 1 with the count; 0 keeps every link).
    min_weight: Option<f64>,
    /// `collaboration` (Newman 2001, default: each shared session, table or
    /// other grouping of n organizations adds 1/(n − 1), a joint action 1,
    /// a declared link its level, a referral 0.5) or `count` (how many
    /// times they met).
    weighting: Option<String>,
    /// `organizations` (default) or `people`: links between the people of
    /// the grouping's events, for the grouping's own accounts only.
    level: Option<String>,
}

impl NetworkQuery {
    /// The filters it asks for; 400 for what is not understood.
    fn params(&self) -> Result<Params, AppError> {
        let mut params = Params::default();
        if let Some(at) = self.at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            params.at = Some(
                NaiveDate::parse_from_str(at, "%Y-%m-%d")
                    .map_err(|_| AppError::BadRequest("network-bad-date"))?,
            );
        }
        if let Some(list) = &self.sources {
            for part in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let s = Source::parse(part).ok_or(AppError::BadRequest("network-bad-source"))?;
                if !params.sources.contains(&s) {
                    params.sources.push(s);
                }
            }
        }
        if let Some(w) = self.min_weight {
            if !(w.is_finite() && w >= 0.0) {
                return Err(AppError::BadRequest("network-bad-weight"));
            }
            params.set_min_weight(w);
        }
        match self.weighting.as_deref().map(str::trim) {
            None | Some("" | "collaboration") => {}
            Some("count") => params.set_weighting(Weighting::Count),
            Some(_) => return Err(AppError::BadRequest("network-bad-weighting")),
        }
        if let Some(level) = self
            .level
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            params.level = Level::parse(level)
                .filter(|l| l.api_code() == level)
                .ok_or(AppError::BadRequest("network-bad-level"))?;
        }
        Ok(params)
    }
}

/// `GET /api/v1/groupings/{id}/network`: 401 anonymous, 400 for a query
/// that does not deserialize, 404 unknown grouping, 400 for filters not
/// understood, 404 for the person level asked by an account outside.
pub struct ApiGroupingNetwork {
    pub grouping: grouping::Model,
    pub params: Params,
}

impl FromRequestParts<AppState> for ApiGroupingNetwork {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        let Id(GroupingIdOrSlug(id)) = Id::<GroupingIdOrSlug>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let Query(query) = Query::<NetworkQuery>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        let found = match Uuid::parse_str(&id) {
            Ok(uuid) => groupings_repo::find_by_id(&state.store, uuid).await,
            Err(_) => groupings_repo::find_by_slug(state.store.conn(), &id).await,
        };
        let grouping = found
            .map_err(|e| AppError::from(e).into_response())?
            .ok_or_else(|| AppError::NotFound.into_response())?;
        let mut params = query.params().map_err(IntoResponse::into_response)?;
        let allowed = may_see_people(&Visitor(Some(user)), Some(grouping.id));
        file_level(params.level, allowed).map_err(IntoResponse::into_response)?;
        hide_private_sources(&mut params, allowed);
        Ok(ApiGroupingNetwork { grouping, params })
    }
}

/// A registrant's personal token, as their personal link carries it
/// (`{token}`): any text, an unknown one is the loader's 404.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonalToken(pub String);

impl FromStr for PersonalToken {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(PersonalToken(s.to_owned()))
    }
}

impl PathKey for PersonalToken {
    const PARAM: &'static str = "token";
}

/// The registrant of an event who declares links, by their personal link
/// (`/evenements/{event}/moi/{token}`): 404 for an unknown event, a token
/// of another event, or a cancelled registration.
pub struct Declarant {
    pub event: event::Model,
    pub registration: registration::Model,
    /// The token as the link carries it, to link back to the form.
    pub token: String,
}

impl FromRequestParts<AppState> for Declarant {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<EventId>::from_request_parts(parts, state).await?;
        let Id(PersonalToken(token)) =
            Id::<PersonalToken>::from_request_parts(parts, state).await?;
        let conn = state.store.conn();
        let event = events_repo::event(conn, id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        let registration = events_repo::registration_by_token(conn, &token)
            .await?
            .filter(|r| {
                r.event_id == event.id && r.status != registration::RegistrationStatus::Cancelled
            })
            .ok_or(AppError::NotFound)?;
        Ok(Declarant {
            event,
            registration,
            token,
        })
    }
}
