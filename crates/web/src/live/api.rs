//! The live JSON API of DESIGN.md §4 *Live*, added to the documented API
//! router by `crate::api` (tag `live`).
//!
//! Coordinator routes (`/api/v1/live/rooms/…`) name a room by id and take a
//! session (with its CSRF header) or an API token; they admit the room's
//! grouping's coordinators and the administrators ([`super::access`]).
//! Participant routes (`/api/v1/live/{code}/…`) name an open room by its
//! join code and act only as the device's participant token (the
//! `X-Participant` header or the `mlg_participant` cookie), never as a
//! session: [`is_participant_request`] is what lets them through the CSRF
//! guard.

mod coordinator;
mod participant;

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use maillage_domain::live::Settings;
use maillage_store::repo::live::{Activity, Room};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::PARTICIPANT_HEADER;
use crate::AppState;
use crate::error::ErrorInfo;

pub const TAG: &str = "live";

pub(crate) fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    let mut router = router
        .routes(routes!(coordinator::create_room))
        .routes(routes!(coordinator::show_room))
        .routes(routes!(coordinator::update_room_close))
        .routes(routes!(coordinator::update_room_reopen))
        .routes(routes!(coordinator::create_activity))
        .routes(routes!(coordinator::update_activity_open))
        .routes(routes!(coordinator::update_activity_close))
        .routes(routes!(coordinator::update_results_hide))
        .routes(routes!(coordinator::update_results_show))
        .routes(routes!(coordinator::show_results))
        .routes(routes!(coordinator::update_answer_hide))
        .routes(routes!(coordinator::update_answer_show))
        .routes(routes!(coordinator::update_answer_answered))
        .routes(routes!(coordinator::update_answer_unanswered))
        .routes(routes!(coordinator::update_answer_merge))
        .routes(routes!(participant::create_participant))
        .routes(routes!(participant::show_live))
        .routes(routes!(participant::create_answer))
        .routes(routes!(participant::create_vote));
    router
        .get_openapi_mut()
        .components
        .get_or_insert_with(Default::default)
        .add_security_scheme(
            "participant",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Participant",
                "The participant token `POST /api/v1/live/{code}/join` returned (browsers \
                 send it as the `mlg_participant` cookie instead). It acts only in the \
                 room it joined.",
            ))),
        );
    router
}

/// Whether a state-changing request is a participant's, which the CSRF
/// guard lets through without a CSRF token: its path is under a join code
/// (`/api/v1/live/{8 digits}/…`), where handlers act only as the
/// participant token and never as the session, and it carries the
/// `X-Participant` header or a JSON content type — neither of which a
/// cross-site page can send without a CORS preflight, which maillage never
/// grants. (A cross-site form cannot send the `SameSite=Lax` cookie either.)
pub(crate) fn is_participant_request(path: &str, headers: &HeaderMap) -> bool {
    let Some(rest) = path.strip_prefix("/api/v1/live/") else {
        return false;
    };
    let Some((code, _)) = rest.split_once('/') else {
        return false;
    };
    let is_code = code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit());
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    is_code && (json || headers.contains_key(PARTICIPANT_HEADER))
}

/// An error response whose message is one of the live Fluent keys (the
/// error layer words it in the visitor's language).
fn refusal(status: StatusCode, code: &'static str, message_key: &'static str) -> Response {
    let mut r = status.into_response();
    r.extensions_mut().insert(ErrorInfo {
        code,
        message_key,
        id: None,
    });
    r
}

crate::api::json_body!(pub Body, json = "live-api-error-json", fields = "live-api-error-fields");

/// `{"id": "..."}`: what a creation (or a change of one answer) returns.
#[derive(Serialize, ToSchema)]
pub struct IdJson {
    id: Uuid,
}

/// The fields of an activity's kind (the others are left out).
#[derive(Serialize, Deserialize, ToSchema, Default)]
pub struct SettingsJson {
    /// Word cloud: words (entries) kept per answer, 1 to 10 (3 by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_words: Option<u8>,
    /// Poll: the options, in order (at least two).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    options: Vec<String>,
    /// Poll: several options may be chosen.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    multiple: bool,
    /// Board: the columns, in order (at least one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    columns: Vec<String>,
    /// Scale: the lowest value, 0 to 10 (1 by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<i32>,
    /// Scale: the highest value, 0 to 10 (5 by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<i32>,
    /// Scale: what the lowest value means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min_label: Option<String>,
    /// Scale: what the highest value means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max_label: Option<String>,
}

impl From<&Settings> for SettingsJson {
    fn from(s: &Settings) -> Self {
        SettingsJson {
            max_words: s.max_words,
            options: s.options.clone(),
            multiple: s.multiple,
            columns: s.columns.clone(),
            min: s.min,
            max: s.max,
            min_label: s.min_label.clone(),
            max_label: s.max_label.clone(),
        }
    }
}

/// What participants see of their room.
#[derive(Serialize, ToSchema)]
pub struct PublicRoomJson {
    /// The 8-digit join code (shown « 1530 4040 »).
    code: String,
    title: String,
    /// The page participants open: `/rejoindre/{code}`.
    join_url: String,
}

impl From<&Room> for PublicRoomJson {
    fn from(room: &Room) -> Self {
        PublicRoomJson {
            code: room.code.to_string(),
            title: room.title.clone(),
            join_url: room.code.join_path(),
        }
    }
}

/// An activity as the coordinator reads it.
#[derive(Serialize, ToSchema)]
pub struct ActivityJson {
    id: Uuid,
    position: i32,
    /// `word_cloud`, `board`, `poll`, `scale` or `questions`.
    kind: String,
    prompt: String,
    #[serde(flatten)]
    settings: SettingsJson,
    /// `draft`, `open` or `closed`.
    status: String,
    /// Whether participants are kept from seeing the results.
    results_hidden: bool,
    /// Answers received (hidden and merged ones included).
    answers: u64,
}

impl ActivityJson {
    fn new(a: &Activity, answers: u64) -> Self {
        ActivityJson {
            id: a.id,
            position: a.position,
            kind: a.kind.as_str().to_owned(),
            prompt: a.prompt.clone(),
            settings: SettingsJson::from(&a.settings),
            status: a.status.as_str().to_owned(),
            results_hidden: a.results_hidden,
            answers,
        }
    }
}

/// Where an activity stands after a change.
#[derive(Serialize, ToSchema)]
pub struct ActivityStateJson {
    id: Uuid,
    /// `draft`, `open` or `closed`.
    status: String,
    results_hidden: bool,
}

impl From<&Activity> for ActivityStateJson {
    fn from(a: &Activity) -> Self {
        ActivityStateJson {
            id: a.id,
            status: a.status.as_str().to_owned(),
            results_hidden: a.results_hidden,
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn only_participant_routes_with_a_json_body_or_the_header_skip_csrf() {
        let json = headers(&[("content-type", "application/json; charset=utf-8")]);
        let token = headers(&[("x-participant", "abc")]);
        let form = headers(&[("content-type", "application/x-www-form-urlencoded")]);
        let text = headers(&[("content-type", "text/plain")]);
        assert!(is_participant_request(
            "/api/v1/live/15304040/answers",
            &json
        ));
        assert!(is_participant_request(
            "/api/v1/live/15304040/answers/x/vote",
            &token
        ));
        assert!(!is_participant_request("/api/v1/live/15304040/join", &form));
        assert!(!is_participant_request("/api/v1/live/15304040/join", &text));
        assert!(!is_participant_request("/api/v1/live/rooms/x/close", &json));
        assert!(!is_participant_request("/api/v1/live/rooms", &json));
        assert!(!is_participant_request("/api/v1/live/1530404/join", &json));
        assert!(!is_participant_request("/api/v1/live/15304040", &json));
        assert!(!is_participant_request("/rejoindre/15304040/x", &json));
    }
}
