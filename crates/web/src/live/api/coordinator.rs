//! The coordinator's routes: create a room, read it, close and reopen it,
//! prepare and run its activities, read the results (always, hidden or
//! not) and moderate the answers. A session (with the `X-CSRF-Token`
//! header) or an API token; the room's grouping's coordinators and the
//! administrators only (401 anonymous, 403 others, 404 unknown).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::Utc;
use maillage_domain::ids::AnswerId;
use maillage_domain::live::{ActivityInput, require_run_room};
use maillage_store::repo::live::{self as repo, NewRoom};
use maillage_store::repo::{groupings, live_api};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{ActivityJson, ActivityStateJson, Body, IdJson, SettingsJson, TAG};
use crate::AppState;
use crate::api::ErrorBody;
use crate::auth::{ClientIp, CurrentUser, actor};
use crate::error::AppError;
use crate::extract::Id;
use crate::live::access::{RunnableActivity, RunnableRoom};
use crate::live::changed;

#[derive(Deserialize, ToSchema)]
pub struct NewRoomBody {
    /// The grouping's slug.
    grouping: String,
    title: String,
    /// An event session of the grouping the room is held at.
    #[serde(default)]
    session: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct RoomCreatedJson {
    id: Uuid,
    /// The 8-digit join code.
    code: String,
    /// `/rejoindre/{code}`.
    join_url: String,
}

/// Creates an open room of a grouping, with a join code no other open room
/// holds.
#[utoipa::path(post, path = "/api/v1/live/rooms", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    request_body = NewRoomBody,
    responses(
        (status = 201, body = RoomCreatedJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the grouping, or a read token"),
        (status = 422, body = ErrorBody, description = "Unknown grouping, empty title, or a session of another grouping")
    )
)]
pub(super) async fn create_room(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ip: ClientIp,
    Body(body): Body<NewRoomBody>,
) -> Result<(StatusCode, Json<RoomCreatedJson>), AppError> {
    let grouping = groupings::find_by_slug(state.store.conn(), body.grouping.trim())
        .await?
        .ok_or(AppError::Unprocessable("live-api-error-grouping"))?;
    require_run_room(Some(&user.principal), &grouping.id.to_string())?;
    let new = NewRoom {
        grouping_id: grouping.id,
        session_id: body.session,
        title: body.title,
    };
    let room = repo::create_room(&state.store, &actor(&user, &ip), &new, Utc::now()).await?;
    changed(&state, room.id);
    Ok((
        StatusCode::CREATED,
        Json(RoomCreatedJson {
            id: room.id,
            code: room.code.to_string(),
            join_url: room.code.join_path(),
        }),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct RoomJson {
    id: Uuid,
    grouping_id: Uuid,
    session_id: Option<Uuid>,
    title: String,
    /// The 8-digit join code.
    code: String,
    /// `/rejoindre/{code}`.
    join_url: String,
    /// Whether the code lets participants in.
    open: bool,
    created_at: chrono::DateTime<Utc>,
    closed_at: Option<chrono::DateTime<Utc>>,
    /// Devices that joined.
    participants: u64,
    /// In the order they run.
    activities: Vec<ActivityJson>,
}

/// A room with its activities (in order, with their answer counts) and
/// how many devices joined.
#[utoipa::path(get, path = "/api/v1/live/rooms/{room}", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("room" = Uuid, Path, description = "Room id")),
    responses(
        (status = 200, body = RoomJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping"),
        (status = 404, body = ErrorBody, description = "No such room")
    )
)]
pub(super) async fn show_room(
    State(state): State<AppState>,
    RunnableRoom { room, .. }: RunnableRoom,
) -> Result<Json<RoomJson>, AppError> {
    let overview = live_api::overview(&state.store, room.id).await?;
    Ok(Json(RoomJson {
        id: room.id,
        grouping_id: room.grouping_id,
        session_id: room.session_id,
        title: room.title,
        code: room.code.to_string(),
        join_url: room.code.join_path(),
        open: room.open,
        created_at: room.created_at,
        closed_at: room.closed_at,
        participants: overview.participants,
        activities: overview
            .activities
            .iter()
            .map(|(a, n)| ActivityJson::new(a, *n))
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct RoomStateJson {
    id: Uuid,
    /// The join code (a reopened room gets a new one if another open room
    /// took its own meanwhile).
    code: String,
    join_url: String,
    open: bool,
}

impl From<&repo::Room> for RoomStateJson {
    fn from(room: &repo::Room) -> Self {
        RoomStateJson {
            id: room.id,
            code: room.code.to_string(),
            join_url: room.code.join_path(),
            open: room.open,
        }
    }
}

/// Closes a room and its open activity: the code stops working; the
/// answers stay.
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/close", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("room" = Uuid, Path, description = "Room id")),
    responses(
        (status = 200, body = RoomStateJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room")
    )
)]
pub(super) async fn update_room_close(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    ip: ClientIp,
) -> Result<Json<RoomStateJson>, AppError> {
    let room = repo::close_room(&state.store, &actor(&user, &ip), room.id, Utc::now()).await?;
    changed(&state, room.id);
    Ok(Json(RoomStateJson::from(&room)))
}

/// Opens a closed room again (at the next session), with its own code if
/// still free, otherwise a new one.
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/reopen", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("room" = Uuid, Path, description = "Room id")),
    responses(
        (status = 200, body = RoomStateJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room")
    )
)]
pub(super) async fn update_room_reopen(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    ip: ClientIp,
) -> Result<Json<RoomStateJson>, AppError> {
    let room = repo::reopen_room(&state.store, &actor(&user, &ip), room.id).await?;
    changed(&state, room.id);
    Ok(Json(RoomStateJson::from(&room)))
}

#[derive(Deserialize, ToSchema)]
pub struct NewActivityBody {
    /// `word_cloud`, `board`, `poll`, `scale` or `questions`.
    kind: String,
    prompt: String,
    /// The fields of its kind; the others are ignored.
    #[serde(flatten)]
    settings: SettingsJson,
}

impl From<NewActivityBody> for ActivityInput {
    fn from(b: NewActivityBody) -> Self {
        let s = b.settings;
        ActivityInput {
            kind: b.kind,
            prompt: b.prompt,
            max_words: s.max_words,
            options: s.options,
            multiple: s.multiple,
            columns: s.columns,
            min: s.min,
            max: s.max,
            min_label: s.min_label,
            max_label: s.max_label,
        }
    }
}

/// Adds an activity (a draft) at the end of the room's list.
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/activities", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("room" = Uuid, Path, description = "Room id")),
    request_body = NewActivityBody,
    responses(
        (status = 201, body = IdJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room"),
        (status = 422, body = ErrorBody, description = "Unknown kind, empty prompt, or settings its kind refuses")
    )
)]
pub(super) async fn create_activity(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    ip: ClientIp,
    Body(body): Body<NewActivityBody>,
) -> Result<(StatusCode, Json<IdJson>), AppError> {
    let draft = ActivityInput::from(body).validate()?;
    let activity = repo::add_activity(
        &state.store,
        &actor(&user, &ip),
        room.id,
        &draft,
        Utc::now(),
    )
    .await?;
    changed(&state, room.id);
    Ok((StatusCode::CREATED, Json(IdJson { id: activity.id })))
}

/// Opens an activity; the one open before closes (one at a time).
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/activities/{activity}/open", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("room" = Uuid, Path, description = "Room id"),
        ("activity" = Uuid, Path, description = "Activity id")
    ),
    responses(
        (status = 200, body = ActivityStateJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room, or an activity of another room"),
        (status = 409, body = ErrorBody, description = "The room is closed")
    )
)]
pub(super) async fn update_activity_open(
    State(state): State<AppState>,
    RunnableActivity { room, activity, .. }: RunnableActivity,
) -> Result<Json<ActivityStateJson>, AppError> {
    let activity = repo::start_activity(&state.store, room.id, activity.id, Utc::now()).await?;
    changed(&state, room.id);
    Ok(Json(ActivityStateJson::from(&activity)))
}

/// Closes an activity (its answers stay; it may be opened again).
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/activities/{activity}/close", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("room" = Uuid, Path, description = "Room id"),
        ("activity" = Uuid, Path, description = "Activity id")
    ),
    responses(
        (status = 200, body = ActivityStateJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room, or an activity of another room")
    )
)]
pub(super) async fn update_activity_close(
    State(state): State<AppState>,
    RunnableActivity { room, activity, .. }: RunnableActivity,
) -> Result<Json<ActivityStateJson>, AppError> {
    let activity = repo::stop_activity(&state.store, room.id, activity.id, Utc::now()).await?;
    changed(&state, room.id);
    Ok(Json(ActivityStateJson::from(&activity)))
}

/// Hides the activity's results from participants (the presenter still
/// sees them).
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/activities/{activity}/hide-results", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("room" = Uuid, Path, description = "Room id"),
        ("activity" = Uuid, Path, description = "Activity id")
    ),
    responses(
        (status = 200, body = ActivityStateJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room, or an activity of another room")
    )
)]
pub(super) async fn update_results_hide(
    State(state): State<AppState>,
    RunnableActivity { room, activity, .. }: RunnableActivity,
) -> Result<Json<ActivityStateJson>, AppError> {
    let activity = repo::set_results_hidden(&state.store, room.id, activity.id, true).await?;
    changed(&state, room.id);
    Ok(Json(ActivityStateJson::from(&activity)))
}

/// Shows the activity's results to participants again (the default).
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/activities/{activity}/show-results", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("room" = Uuid, Path, description = "Room id"),
        ("activity" = Uuid, Path, description = "Activity id")
    ),
    responses(
        (status = 200, body = ActivityStateJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room, or an activity of another room")
    )
)]
pub(super) async fn update_results_show(
    State(state): State<AppState>,
    RunnableActivity { room, activity, .. }: RunnableActivity,
) -> Result<Json<ActivityStateJson>, AppError> {
    let activity = repo::set_results_hidden(&state.store, room.id, activity.id, false).await?;
    changed(&state, room.id);
    Ok(Json(ActivityStateJson::from(&activity)))
}

/// The activity's results, hidden from participants or not — the same JSON
/// as the live stream's: word cloud `{"kind": "word_cloud", "answers": n,
/// "words": [{"text", "count"}]}` (count descending, then text); poll
/// `{"kind": "poll", "options": [{"label", "count"}]}`; scale `{"kind":
/// "scale", "counts": {"1": n, …}, "mean": f|null}`; board `{"kind":
/// "board", "columns": [{"name", "stickies": [{"id", "text", "votes"}]}]}`;
/// questions `{"kind": "questions", "questions": [{"id", "text", "votes",
/// "answered"}]}`. Hidden and merged answers are left out.
#[utoipa::path(get, path = "/api/v1/live/rooms/{room}/activities/{activity}/results", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("room" = Uuid, Path, description = "Room id"),
        ("activity" = Uuid, Path, description = "Activity id")
    ),
    responses(
        (status = 200, body = serde_json::Value, description = "The results, in the shape of the activity's kind"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping"),
        (status = 404, body = ErrorBody, description = "No such room, or an activity of another room")
    )
)]
pub(super) async fn show_results(
    State(state): State<AppState>,
    RunnableActivity { activity, .. }: RunnableActivity,
) -> Result<Json<maillage_domain::live::Results>, AppError> {
    Ok(Json(repo::results(&state.store, &activity).await?))
}

/// Hides an answer from the results (moderation).
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/answers/{answer}/hide", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("room" = Uuid, Path, description = "Room id"),
        ("answer" = Uuid, Path, description = "Answer id")
    ),
    responses(
        (status = 200, body = IdJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room, or an answer of another room")
    )
)]
pub(super) async fn update_answer_hide(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    Id(answer): Id<AnswerId>,
    ip: ClientIp,
) -> Result<Json<IdJson>, AppError> {
    let id = answer.uuid();
    repo::set_answer_hidden(&state.store, &actor(&user, &ip), room.id, id, true).await?;
    changed(&state, room.id);
    Ok(Json(IdJson { id }))
}

/// Shows a hidden answer again.
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/answers/{answer}/show", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("room" = Uuid, Path, description = "Room id"),
        ("answer" = Uuid, Path, description = "Answer id")
    ),
    responses(
        (status = 200, body = IdJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room, or an answer of another room")
    )
)]
pub(super) async fn update_answer_show(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    Id(answer): Id<AnswerId>,
    ip: ClientIp,
) -> Result<Json<IdJson>, AppError> {
    let id = answer.uuid();
    repo::set_answer_hidden(&state.store, &actor(&user, &ip), room.id, id, false).await?;
    changed(&state, room.id);
    Ok(Json(IdJson { id }))
}

/// Marks a question answered.
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/answers/{answer}/answered", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("room" = Uuid, Path, description = "Room id"),
        ("answer" = Uuid, Path, description = "Answer id")
    ),
    responses(
        (status = 200, body = IdJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room, or an answer of another room")
    )
)]
pub(super) async fn update_answer_answered(
    State(state): State<AppState>,
    RunnableRoom { room, .. }: RunnableRoom,
    Id(answer): Id<AnswerId>,
) -> Result<Json<IdJson>, AppError> {
    let id = answer.uuid();
    repo::set_answered(&state.store, room.id, id, true).await?;
    changed(&state, room.id);
    Ok(Json(IdJson { id }))
}

/// Marks a question not answered (yet).
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/answers/{answer}/unanswered", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("room" = Uuid, Path, description = "Room id"),
        ("answer" = Uuid, Path, description = "Answer id")
    ),
    responses(
        (status = 200, body = IdJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room, or an answer of another room")
    )
)]
pub(super) async fn update_answer_unanswered(
    State(state): State<AppState>,
    RunnableRoom { room, .. }: RunnableRoom,
    Id(answer): Id<AnswerId>,
) -> Result<Json<IdJson>, AppError> {
    let id = answer.uuid();
    repo::set_answered(&state.store, room.id, id, false).await?;
    changed(&state, room.id);
    Ok(Json(IdJson { id }))
}

#[derive(Deserialize, ToSchema)]
pub struct MergeBody {
    /// The answer (of the same activity) this one joins.
    into: Uuid,
}

/// Merges an answer into another of the same activity: it leaves the
/// results and its votes count for the other.
#[utoipa::path(post, path = "/api/v1/live/rooms/{room}/answers/{answer}/merge", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(
        ("room" = Uuid, Path, description = "Room id"),
        ("answer" = Uuid, Path, description = "Answer id")
    ),
    request_body = MergeBody,
    responses(
        (status = 200, body = IdJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not a coordinator of the room's grouping, or a read token"),
        (status = 404, body = ErrorBody, description = "No such room, or an answer of another room"),
        (status = 422, body = ErrorBody, description = "Into itself, or into another activity's answer")
    )
)]
pub(super) async fn update_answer_merge(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    Id(answer): Id<AnswerId>,
    ip: ClientIp,
    Body(body): Body<MergeBody>,
) -> Result<Json<IdJson>, AppError> {
    let id = answer.uuid();
    repo::merge_answer(&state.store, &actor(&user, &ip), room.id, id, body.into).await?;
    changed(&state, room.id);
    Ok(Json(IdJson { id }))
}
