//! The live area's resource extractors. Coordinator routes name a room by
//! id (`{room}`, `{activity}`) and admit the grouping's coordinators (401
//! anonymous, 403 others). Participant routes name an open room by its
//! code (`{code}`) and find the device by its participant token (cookie
//! or `X-Participant`): 401 without one valid in this room.
//!
//! Unknown codes are counted per address; past [`CODE_GUESSES`] every
//! code lookup from the address is refused (429) until the window passes,
//! so that a guesser learns nothing, not even from a hit.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use maillage_domain::ids::{ActivityId, RoomId};
use maillage_domain::live::{self as rules, JoinCode};
use maillage_store::repo::live::{self as repo, Activity, Participant, Room};
use maillage_store::repo::rate_limits::{self, Limit};

use super::{PARTICIPANT_COOKIE, PARTICIPANT_HEADER};
use crate::AppState;
use crate::auth::{ClientIp, SignedIn, Visitor};
use crate::error::AppError;
use crate::extract::Id;
use crate::plans::access::allowed;

/// The rate-limit bucket of unknown join codes.
const CODE_BUCKET: &str = "live-code";

/// Unknown codes one address may try: a room of phones behind one venue
/// address mistypes a few; a script guessing 90 million codes is stopped.
pub const CODE_GUESSES: Limit = Limit {
    max: 30,
    window: chrono::Duration::minutes(10),
};

/// Answers and votes one device may send, whichever way they come (the
/// phone's forms or the API): a phone answers a few times a minute; a
/// script behind one token is stopped. Counted per participant, not per
/// address: the thirty phones of a meeting share the venue's address (and
/// the load test posts 50 answers a second from loopback), so the
/// anonymous-write limit per address (`crate::bounds::AnonymousWrite`)
/// would refuse a real room.
const ANSWERS: Limit = Limit {
    max: 60,
    window: chrono::Duration::minutes(1),
};
const ANSWER_BUCKET: &str = "live-answer";

/// Counts one answer or vote of the participant: `Err(wait)` past the limit.
pub async fn admit_answer(
    state: &AppState,
    participant: &Participant,
) -> Result<Result<(), chrono::Duration>, AppError> {
    Ok(rate_limits::admit(
        &state.store,
        ANSWER_BUCKET,
        &participant.id.to_string(),
        ANSWERS,
        chrono::Utc::now(),
    )
    .await?)
}

/// Whether the visitor may prepare and run the room.
pub fn may_run(visitor: &Visitor, room: &Room) -> bool {
    rules::require_run_room(
        visitor.0.as_deref().map(|u| &u.principal),
        &room.grouping_id.to_string(),
    )
    .is_ok()
}

/// A room the visitor runs (a coordinator of its grouping, or an
/// administrator).
pub struct RunnableRoom {
    pub room: Room,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for RunnableRoom {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(id) = Id::<RoomId>::from_request_parts(parts, state).await?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        let room = repo::find_room(&state.store, id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        let grouping = room.grouping_id.to_string();
        let user = allowed(visitor, |p| rules::require_run_room(p, &grouping))?;
        Ok(RunnableRoom { room, user })
    }
}

/// An activity of a room the visitor runs (404 when the activity is
/// another room's).
pub struct RunnableActivity {
    pub room: Room,
    pub activity: Activity,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for RunnableActivity {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let RunnableRoom { room, user } = RunnableRoom::from_request_parts(parts, state).await?;
        let Id(id) = Id::<ActivityId>::from_request_parts(parts, state).await?;
        let activity = repo::find_activity(&state.store, room.id, id.uuid())
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(RunnableActivity {
            room,
            activity,
            user,
        })
    }
}

/// The open room whose code the path carries: 404 unknown or closed, 429
/// once the address has tried too many unknown codes.
pub struct OpenRoom(pub Room);

impl FromRequestParts<AppState> for OpenRoom {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(code) = Id::<JoinCode>::from_request_parts(parts, state).await?;
        let Ok(ClientIp(ip)) = ClientIp::from_request_parts(parts, state).await;
        find_open_room(state, &code, &ip)
            .await?
            .map(OpenRoom)
            .ok_or(AppError::NotFound)
    }
}

/// The open room of `code`, counting an unknown code against the address
/// (the join form calls this with what was typed).
pub async fn find_open_room(
    state: &AppState,
    code: &JoinCode,
    ip: &str,
) -> Result<Option<Room>, AppError> {
    let now = chrono::Utc::now();
    if rate_limits::exhausted(&state.store, CODE_BUCKET, ip, CODE_GUESSES, now).await? {
        return Err(AppError::TooManyRequests);
    }
    let room = repo::find_open_room(&state.store, code).await?;
    if room.is_none() {
        // Counted only; the next lookup is the one refused.
        let _ = rate_limits::admit(&state.store, CODE_BUCKET, ip, CODE_GUESSES, now).await?;
    }
    Ok(room)
}

/// The participant token the request carries: the `X-Participant` header
/// (API clients) or the device's cookie.
pub fn participant_token(parts: &Parts) -> Option<String> {
    parts
        .headers
        .get(PARTICIPANT_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .or_else(|| {
            CookieJar::from_headers(&parts.headers)
                .get(PARTICIPANT_COOKIE)
                .map(|c| c.value().to_owned())
        })
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty() && t.len() <= 200)
}

/// Whether a token could have been drawn by this server
/// (`maillage_domain::token::new_token`: 64 hex digits). A join reuses only
/// such a token, so that no client picks a guessable one.
pub fn is_server_made(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The participant token the request already carries, if this server
/// could have made it (see [`is_server_made`]).
pub struct PresentedToken(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for PresentedToken {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(PresentedToken(
            participant_token(parts).filter(|t| is_server_made(t)),
        ))
    }
}

/// How long a device keeps its participant token: a year of sessions of
/// the same table, so that a phone stays the same participant.
const PARTICIPANT_MAX_AGE: time::Duration = time::Duration::days(400);

/// The device's participant cookie, set by the phone's join form and the
/// API's join alike: HttpOnly (no script reads it), Lax (a link or a QR
/// code opening the room still carries it).
pub(crate) fn participant_cookie(
    state: &AppState,
    token: String,
) -> axum_extra::extract::cookie::Cookie<'static> {
    axum_extra::extract::cookie::Cookie::build((PARTICIPANT_COOKIE, token))
        .path("/")
        .http_only(true)
        .secure(state.config.secure)
        .same_site(axum_extra::extract::cookie::SameSite::Lax)
        .max_age(PARTICIPANT_MAX_AGE)
        .build()
}

/// A device that joined the open room of the path's code: 401 without a
/// token valid in this room (a token of another room is none here).
pub struct RoomParticipant {
    pub room: Room,
    pub participant: Participant,
}

impl FromRequestParts<AppState> for RoomParticipant {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let OpenRoom(room) = OpenRoom::from_request_parts(parts, state).await?;
        let token = participant_token(parts).ok_or(AppError::Unauthenticated)?;
        let digest = maillage_domain::token::digest(&token);
        let participant = repo::participant(&state.store, room.id, &digest)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        Ok(RoomParticipant { room, participant })
    }
}
