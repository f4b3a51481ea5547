//! The participants' routes, under an open room's join code: join (one
//! token per device), read the room's open activity, answer it, vote for a
//! post-it or a question. They act only as the participant token — the
//! `X-Participant` header or the `mlg_participant` cookie — never as a
//! session, and never reach another room: a token of another room is none
//! here (401), an activity or answer of another room is not found (404).

use axum::Json;
use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use chrono::Utc;
use maillage_domain::ids::AnswerId;
use maillage_domain::live::{AnswerInput, nickname};
use maillage_domain::token;
use maillage_store::repo::live::{self as repo, Participant, Room};
use maillage_store::repo::live_api;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Body, IdJson, PublicRoomJson, SettingsJson, TAG, refusal};
use crate::AppState;
use crate::api::ErrorBody;
use crate::error::AppError;
use crate::extract::Id;
use crate::live::access::{OpenRoom, RoomParticipant};
use crate::live::access::{PresentedToken, participant_cookie};
use crate::live::changed;

/// The open room of the path's code; an unknown (or closed) code says so
/// in words a participant understands.
pub struct CodeRoom(Room);

fn unknown_code(e: AppError) -> Response {
    match e {
        AppError::NotFound => refusal(
            StatusCode::NOT_FOUND,
            "not_found",
            "live-error-unknown-code",
        ),
        other => other.into_response(),
    }
}

impl FromRequestParts<AppState> for CodeRoom {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let OpenRoom(room) = OpenRoom::from_request_parts(parts, state)
            .await
            .map_err(unknown_code)?;
        Ok(CodeRoom(room))
    }
}

/// A participant of the path's room who may send one more answer or vote.
///
/// The limit is `live::access::admit_answer`'s, per participant. A guesser
/// of tokens gets 401 before any count; one of codes, 429 from the code
/// limit.
pub struct Answering {
    room: Room,
    participant: Participant,
}

impl FromRequestParts<AppState> for Answering {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let RoomParticipant { room, participant } =
            match RoomParticipant::from_request_parts(parts, state).await {
                Ok(found) => found,
                Err(AppError::Unauthenticated) => {
                    return Err(refusal(
                        StatusCode::UNAUTHORIZED,
                        "unauthenticated",
                        "live-error-no-participant",
                    ));
                }
                Err(e) => return Err(unknown_code(e)),
            };
        let admitted = crate::live::access::admit_answer(state, &participant)
            .await
            .map_err(IntoResponse::into_response)?;
        if let Err(wait) = admitted {
            let mut r = refusal(
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                "live-api-error-too-many-answers",
            );
            let seconds = u64::try_from(wait.num_seconds()).unwrap_or(1).max(1);
            r.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
            return Err(r);
        }
        Ok(Answering { room, participant })
    }
}

#[derive(Deserialize, ToSchema)]
pub struct JoinBody {
    /// Shown beside the answers in exports (40 characters kept).
    #[serde(default)]
    nickname: Option<String>,
    /// A team of the event the room is held at.
    #[serde(default)]
    team: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct ParticipantJson {
    /// The participant token: send it as `X-Participant` (it is also set
    /// as the `mlg_participant` cookie).
    participant: String,
}

/// Joins the room. A device that already holds a participant token (header
/// or cookie) keeps it, so that one device stays one participant; only the
/// token's digest is stored.
#[utoipa::path(post, path = "/api/v1/live/{code}/join", tag = TAG,
    security(()),
    params(("code" = String, Path, description = "The room's 8-digit join code")),
    request_body = JoinBody,
    responses(
        (status = 200, body = ParticipantJson),
        (status = 404, body = ErrorBody, description = "No open room holds this code"),
        (status = 422, body = ErrorBody, description = "A team of another event"),
        (status = 429, body = ErrorBody, description = "Too many unknown codes from this address")
    )
)]
pub(super) async fn create_participant(
    State(state): State<AppState>,
    CodeRoom(room): CodeRoom,
    PresentedToken(presented): PresentedToken,
    jar: CookieJar,
    Body(body): Body<JoinBody>,
) -> Result<(CookieJar, Json<ParticipantJson>), AppError> {
    let token = presented.unwrap_or_else(token::new_token);
    repo::join(
        &state.store,
        &room,
        &token::digest(&token),
        nickname(body.nickname.as_deref()),
        body.team,
        Utc::now(),
    )
    .await?;
    changed(&state, room.id);
    Ok((
        jar.add(participant_cookie(&state, token.clone())),
        Json(ParticipantJson { participant: token }),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct OpenActivityJson {
    id: Uuid,
    /// `word_cloud`, `board`, `poll`, `scale` or `questions`.
    kind: String,
    prompt: String,
    #[serde(flatten)]
    settings: SettingsJson,
    results_hidden: bool,
    /// The results (as `GET …/activities/{activity}/results` gives them),
    /// or null while the presenter hides them.
    #[schema(value_type = Option<Object>)]
    results: Option<maillage_domain::live::Results>,
}

#[derive(Serialize, ToSchema)]
pub struct LiveJson {
    room: PublicRoomJson,
    /// The activity open now, if any.
    activity: Option<OpenActivityJson>,
}

/// The room and the activity it runs now.
#[utoipa::path(get, path = "/api/v1/live/{code}", tag = TAG,
    security(()),
    params(("code" = String, Path, description = "The room's 8-digit join code")),
    responses(
        (status = 200, body = LiveJson),
        (status = 404, body = ErrorBody, description = "No open room holds this code"),
        (status = 429, body = ErrorBody, description = "Too many unknown codes from this address")
    )
)]
pub(super) async fn show_live(
    State(state): State<AppState>,
    CodeRoom(room): CodeRoom,
) -> Result<Json<LiveJson>, AppError> {
    let open = live_api::open_state(&state.store, &room).await?;
    Ok(Json(LiveJson {
        room: PublicRoomJson::from(&room),
        activity: open.map(|(a, results)| OpenActivityJson {
            id: a.id,
            kind: a.kind.as_str().to_owned(),
            prompt: a.prompt,
            settings: SettingsJson::from(&a.settings),
            results_hidden: a.results_hidden,
            results,
        }),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct AnswerBody {
    /// The activity answered (the room's open one).
    activity: Uuid,
    /// Word cloud, questions, board: the text (280 characters at most).
    #[serde(default)]
    text: Option<String>,
    /// Poll: the chosen options' labels.
    #[serde(default)]
    choices: Option<Vec<String>>,
    /// Scale: the value.
    #[serde(default)]
    value: Option<i32>,
    /// Board: the column's name.
    #[serde(default)]
    column: Option<String>,
}

/// Answers the room's open activity: `text` (word cloud, questions),
/// `choices` (poll), `value` (scale), `column` and `text` (board).
#[utoipa::path(post, path = "/api/v1/live/{code}/answers", tag = TAG,
    security(("participant" = [])),
    params(("code" = String, Path, description = "The room's 8-digit join code")),
    request_body = AnswerBody,
    responses(
        (status = 201, body = IdJson),
        (status = 401, body = ErrorBody, description = "No participant token of this room"),
        (status = 404, body = ErrorBody, description = "No open room holds this code, or an activity of another room"),
        (status = 409, body = ErrorBody, description = "The activity is not open, or a second poll or scale answer from this device"),
        (status = 422, body = ErrorBody, description = "Empty or over-280-character text, unknown option, column or value"),
        (status = 429, body = ErrorBody, description = "Too many answers from this device")
    )
)]
pub(super) async fn create_answer(
    State(state): State<AppState>,
    Answering { room, participant }: Answering,
    Body(body): Body<AnswerBody>,
) -> Result<(StatusCode, Json<IdJson>), AppError> {
    let input = AnswerInput {
        text: body.text,
        choices: body.choices,
        value: body.value,
        column: body.column,
    };
    let id = repo::answer(
        &state.store,
        &participant,
        body.activity,
        &input,
        Utc::now(),
    )
    .await?;
    changed(&state, room.id);
    Ok((StatusCode::CREATED, Json(IdJson { id })))
}

/// Votes for a post-it or a question of the open activity, once per device.
#[utoipa::path(post, path = "/api/v1/live/{code}/answers/{answer}/vote", tag = TAG,
    security(("participant" = [])),
    params(
        ("code" = String, Path, description = "The room's 8-digit join code"),
        ("answer" = Uuid, Path, description = "The post-it or question")
    ),
    responses(
        (status = 201, body = IdJson),
        (status = 401, body = ErrorBody, description = "No participant token of this room"),
        (status = 404, body = ErrorBody, description = "No open room holds this code, or an answer of another room"),
        (status = 409, body = ErrorBody, description = "Already voted from this device, or the activity is not open"),
        (status = 422, body = ErrorBody, description = "Not a post-it or a question"),
        (status = 429, body = ErrorBody, description = "Too many answers from this device")
    )
)]
pub(super) async fn create_vote(
    State(state): State<AppState>,
    Answering { room, participant }: Answering,
    Id(answer): Id<AnswerId>,
) -> Result<(StatusCode, Json<IdJson>), AppError> {
    let id = answer.uuid();
    repo::vote(&state.store, &participant, id, Utc::now()).await?;
    changed(&state, room.id);
    Ok((StatusCode::CREATED, Json(IdJson { id })))
}
