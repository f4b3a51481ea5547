//! Live participation: rooms joined by an 8-digit code, their activities
//! (word cloud, board of post-its, poll, scale, questions), the presenter's
//! and the projector's pages, the participants' phone pages, the JSON API
//! of DESIGN.md §4 *Live*, the live stream (SSE) and the exports.
//!
//! Who may run a room is `maillage_domain::live::require_run_room`, asked
//! by the extractors of [`access`]; what an answer may be and what the
//! results say is `maillage_domain::live`.

pub mod access;
mod api;
pub(crate) mod bilan;
pub(crate) mod export;
mod join;
mod presenter;
mod results;
mod rooms;
pub(crate) mod stream;

use axum::Router;
use maillage_domain::live::ActivityError;
use uuid::Uuid;

use crate::AppState;

pub(crate) use api::is_participant_request;

/// The live routes of the documented API: the JSON API and the stream.
pub(crate) fn api_routes(
    router: utoipa_axum::router::OpenApiRouter<AppState>,
) -> utoipa_axum::router::OpenApiRouter<AppState> {
    stream::routes(api::routes(router))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(rooms::router())
        .merge(presenter::router())
        .merge(join::router())
        .merge(export::router())
}

/// The cookie that holds a device's participant token.
pub const PARTICIPANT_COOKIE: &str = "mlg_participant";
/// The header API clients send their participant token in.
pub const PARTICIPANT_HEADER: &str = "x-participant";

/// Tells every live stream of the room (on every node) that it changed.
/// Called after the change is committed.
pub(crate) fn changed(state: &AppState, room: Uuid) {
    stream::publish(state, room);
}

/// The coordinator's page of a room.
pub fn room_href(room: Uuid) -> String {
    format!("/salles/{room}")
}

/// The Fluent key that words an activity the rules refuse.
pub fn activity_error_key(e: &ActivityError) -> &'static str {
    match e {
        ActivityError::UnknownKind => "live-error-kind",
        ActivityError::EmptyPrompt => "live-error-prompt-empty",
        ActivityError::PromptTooLong => "live-error-prompt-long",
        ActivityError::MaxWords => "live-error-max-words",
        ActivityError::TooFewOptions => "live-error-options",
        ActivityError::NoColumns => "live-error-columns",
        ActivityError::TooManyChoices => "live-error-too-many-choices",
        ActivityError::ChoiceTooLong => "live-error-choice-long",
        ActivityError::ScaleBounds => "live-error-scale",
    }
}
