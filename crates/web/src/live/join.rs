//! The participants' phone pages: `/rejoindre` (alias `/join`) asks for the
//! room's code, `/rejoindre/{code}` asks a new device for an optional
//! nickname and team, then shows the open activity with its answer form
//! and, unless the presenter hides them, its results.
//!
//! No account: a device is known by its participant token (the
//! `mlg_participant` cookie, one per device, only its digest stored per
//! room). The pages work without JavaScript (a reload shows the state);
//! `static/live.js` refreshes the live part on the room's stream, asking
//! for the fragments with `X-Live-Fragment: 1`. Every answer and vote is
//! post/redirect/get, so that a reload never sends it again.

mod view;

use std::convert::Infallible;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use axum_extra::extract::CookieJar;
use maillage_domain::ids::{ActivityId, AnswerId};
use maillage_domain::live::{ActivityKind, AnswerInput, JoinCode};
use maillage_domain::token;
use maillage_store::repo::live::{self as repo, LiveError, Participant, Room};
use maillage_store::repo::live_join::{self as phone, PhoneState, TeamChoice};
use serde::Deserialize;
use uuid::Uuid;

use self::view::{PhoneLive, Typed};
use super::access::{
    OpenRoom, RoomParticipant, find_open_room, is_server_made, participant_cookie,
    participant_token,
};
use super::changed;
use crate::AppState;
use crate::auth::ClientIp;
use crate::error::AppError;
use crate::extract::Id;
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/rejoindre", get(show_code_form).post(create_code_lookup))
        .route("/join", get(show_code_form).post(create_code_lookup))
        .route("/rejoindre/{code}", get(show_room).post(create_participant))
        .route("/rejoindre/{code}/resultats", get(show_results))
        .route(
            "/rejoindre/{code}/activites/{activity}",
            post(create_answer),
        )
        .route(
            "/rejoindre/{code}/reponses/{answer}/vote",
            post(create_vote),
        )
}

/// The header `static/live.js` sends when it asks for a page's live part
/// only (no layout).
const FRAGMENT_HEADER: &str = "x-live-fragment";

fn is_fragment(headers: &HeaderMap) -> bool {
    headers.contains_key(FRAGMENT_HEADER)
}

// ---------- the code form ----------

#[derive(Template, WebTemplate)]
#[template(path = "live/join_code.html")]
pub struct CodePage {
    p: Page,
    code: String,
    error: Option<String>,
}

pub async fn show_code_form(p: Page) -> CodePage {
    CodePage {
        p,
        code: String::new(),
        error: None,
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// Reads the code as typed (« 1530 4040 », « 1530-4040 ») and sends the
/// visitor to its room; an unknown code counts against the address.
pub async fn create_code_lookup(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    p: Page,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let typed: String = form.code.chars().take(40).collect();
    let refuse = |p: Page, status: StatusCode, key: &str| {
        let error = Some(p.t(key));
        (
            status,
            CodePage {
                p,
                code: typed.clone(),
                error,
            },
        )
            .into_response()
    };
    let Some(code) = JoinCode::parse(&typed) else {
        return Ok(refuse(
            p,
            StatusCode::UNPROCESSABLE_ENTITY,
            "live-error-code-format",
        ));
    };
    match find_open_room(&state, &code, &ip).await? {
        Some(room) => Ok(Redirect::to(&room.code.join_path()).into_response()),
        None => Ok(refuse(p, StatusCode::NOT_FOUND, "live-error-unknown-code")),
    }
}

// ---------- joining a room ----------

/// The participant token the request carries (cookie or header), if any.
pub struct DeviceToken(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for DeviceToken {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(DeviceToken(participant_token(parts)))
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "live/join_room.html")]
pub struct JoinRoomPage {
    p: Page,
    title: String,
    code_display: String,
    action: String,
    teams: Vec<TeamChoice>,
    nickname: String,
    team: String,
    error: Option<String>,
}

impl JoinRoomPage {
    fn new(p: Page, room: &Room, teams: Vec<TeamChoice>) -> Self {
        JoinRoomPage {
            p,
            title: room.title.clone(),
            code_display: room.code.display(),
            action: room.code.join_path(),
            teams,
            nickname: String::new(),
            team: String::new(),
            error: None,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "live/phone.html")]
pub struct PhonePage {
    p: Page,
    live: PhoneLive,
}

/// The live part alone, for `static/live.js`.
#[derive(Template, WebTemplate)]
#[template(path = "live/phone_live.html")]
pub struct PhoneFragment {
    p: Page,
    live: PhoneLive,
}

/// The results part alone, for `static/live.js`.
#[derive(Template, WebTemplate)]
#[template(path = "live/phone_results.html")]
pub struct ResultsFragment {
    p: Page,
    live: PhoneLive,
}

/// The phone page of a room with `live`, whole or as its live part.
fn phone_response(p: Page, live: PhoneLive, fragment: bool) -> Response {
    if fragment {
        PhoneFragment { p, live }.into_response()
    } else {
        PhonePage { p, live }.into_response()
    }
}

/// The room as the device sees it: the join form until it joined, then
/// the open activity.
pub async fn show_room(
    State(state): State<AppState>,
    OpenRoom(room): OpenRoom,
    DeviceToken(token): DeviceToken,
    headers: HeaderMap,
    p: Page,
) -> Result<Response, AppError> {
    let digest = token.as_deref().map(token::digest);
    match phone::phone_state(&state.store, &room, digest.as_deref()).await? {
        PhoneState::Joined { participant, view } => {
            let live = PhoneLive::new(&p, &room, &participant, &view, Typed::default(), None);
            Ok(phone_response(p, live, is_fragment(&headers)))
        }
        // A fragment asked by a page whose device is no participant any
        // more: refused, so the script keeps what is shown and a reload
        // shows the join form.
        PhoneState::NotJoined { .. } if is_fragment(&headers) => Err(AppError::Unauthenticated),
        PhoneState::NotJoined { teams } => Ok(JoinRoomPage::new(p, &room, teams).into_response()),
    }
}

/// The results part of the open activity (what `static/live.js` reloads
/// when only the results changed, so that a half-typed answer stays).
pub async fn show_results(
    State(state): State<AppState>,
    OpenRoom(room): OpenRoom,
    DeviceToken(token): DeviceToken,
    p: Page,
) -> Result<Response, AppError> {
    let digest = token.as_deref().map(token::digest);
    match phone::phone_state(&state.store, &room, digest.as_deref()).await? {
        PhoneState::Joined { participant, view } => {
            let live = PhoneLive::new(&p, &room, &participant, &view, Typed::default(), None);
            Ok(ResultsFragment { p, live }.into_response())
        }
        PhoneState::NotJoined { .. } => Err(AppError::Unauthenticated),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct JoinForm {
    #[serde(default)]
    nickname: String,
    #[serde(default)]
    team: String,
}

/// Joins the room with this device: its token is reused (one per device,
/// whatever the room) when this server could have drawn it, or drawn now
/// (so that no device picks a guessable one). Like the API's join, no
/// per-address limit: a room's phones share the venue's address; guessers
/// of codes are stopped by the code limit.
pub async fn create_participant(
    State(state): State<AppState>,
    OpenRoom(room): OpenRoom,
    DeviceToken(token): DeviceToken,
    jar: CookieJar,
    p: Page,
    Form(form): Form<JoinForm>,
) -> Result<Response, AppError> {
    let nickname = maillage_domain::live::nickname(Some(&form.nickname));
    let team = match form.team.trim() {
        "" => Ok(None),
        raw => Uuid::parse_str(raw).map(Some),
    };
    let token = token
        .filter(|t| is_server_made(t))
        .unwrap_or_else(token::new_token);
    let joined = match team {
        Ok(team) => {
            repo::join(
                &state.store,
                &room,
                &token::digest(&token),
                nickname,
                team,
                chrono::Utc::now(),
            )
            .await
        }
        Err(_) => Err(LiveError::ForeignTeam),
    };
    match joined {
        Ok(_) => {
            changed(&state, room.id);
            let jar = jar.add(participant_cookie(&state, token));
            let to = format!("{}?ok=flash-live-joined", room.code.join_path());
            Ok((jar, Redirect::to(&to)).into_response())
        }
        Err(LiveError::ForeignTeam) => {
            let teams = phone::teams_of_room(&state.store, &room).await?;
            let error = Some(p.t("live-error-foreign-team"));
            let mut page = JoinRoomPage::new(p, &room, teams);
            page.nickname = form.nickname.chars().take(200).collect();
            page.error = error;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

// ---------- answering and voting ----------

/// A device that joined the room of the path's code and may send one more
/// answer or vote; one that did not is sent to the join form (its cookie
/// may have been cleared).
pub struct Joined {
    room: Room,
    participant: Participant,
}

impl FromRequestParts<AppState> for Joined {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let (room, participant) = match RoomParticipant::from_request_parts(parts, state).await {
            Ok(RoomParticipant { room, participant }) => (room, participant),
            Err(AppError::Unauthenticated) => {
                let Id(code) = Id::<JoinCode>::from_request_parts(parts, state)
                    .await
                    .map_err(IntoResponse::into_response)?;
                return Err(Redirect::to(&code.join_path()).into_response());
            }
            Err(e) => return Err(e.into_response()),
        };
        let admitted = super::access::admit_answer(state, &participant)
            .await
            .map_err(IntoResponse::into_response)?;
        match admitted {
            Ok(()) => Ok(Joined { room, participant }),
            Err(_) => Err(AppError::TooManyRequests.into_response()),
        }
    }
}

/// The status and the message key of a refused answer or vote; `None`
/// for what is no refusal to show on the page (404, a failure).
fn refusal(e: LiveError) -> Result<(StatusCode, &'static str), AppError> {
    match AppError::from(e) {
        AppError::Conflict(key) => Ok((StatusCode::CONFLICT, key)),
        AppError::Unprocessable(key) => Ok((StatusCode::UNPROCESSABLE_ENTITY, key)),
        other => Err(other),
    }
}

/// The phone page again with the refusal's message and what was typed.
async fn refused_page(
    state: &AppState,
    Joined { room, participant }: &Joined,
    p: Page,
    (status, key): (StatusCode, &'static str),
    typed: Typed,
) -> Result<Response, AppError> {
    let view = phone::phone_view(&state.store, room.id, participant.id).await?;
    // « Choose one option » would mislead on a poll that takes several.
    let multiple = view.activity.as_ref().is_some_and(|a| a.settings.multiple);
    let key = if key == "live-error-one-option" && multiple {
        "live-phone-error-choose-some"
    } else {
        key
    };
    let error = Some(p.t(key));
    let live = PhoneLive::new(&p, room, participant, &view, typed, error);
    Ok((status, PhonePage { p, live }).into_response())
}

fn thanked(room: &Room, flash: &str) -> Response {
    Redirect::to(&format!("{}?ok={flash}#activite", room.code.join_path())).into_response()
}

/// An answer through the phone's form (any kind: the fields of its kind
/// are read, the others ignored).
pub async fn create_answer(
    State(state): State<AppState>,
    joined: Joined,
    Id(activity): Id<ActivityId>,
    p: Page,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let typed = Typed::from_fields(&fields);
    let input: AnswerInput = typed.input();
    match repo::answer(
        &state.store,
        &joined.participant,
        activity.uuid(),
        &input,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(_) => {
            changed(&state, joined.room.id);
            Ok(thanked(&joined.room, "flash-live-answer-sent"))
        }
        Err(e) => {
            let refused = refusal(e)?;
            refused_page(&state, &joined, p, refused, typed).await
        }
    }
}

/// A vote for a post-it or a question of the room.
pub async fn create_vote(
    State(state): State<AppState>,
    joined: Joined,
    Id(answer): Id<AnswerId>,
    p: Page,
) -> Result<Response, AppError> {
    match repo::vote(
        &state.store,
        &joined.participant,
        answer.uuid(),
        chrono::Utc::now(),
    )
    .await
    {
        Ok(()) => {
            changed(&state, joined.room.id);
            Ok(thanked(&joined.room, "flash-live-vote-sent"))
        }
        Err(e) => {
            let refused = refusal(e)?;
            refused_page(&state, &joined, p, refused, Typed::default()).await
        }
    }
}
