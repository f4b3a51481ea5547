//! The coordinator's pages to prepare live participation: a grouping's
//! rooms (« salles ») and the form that creates one, a room's page with
//! its code, its settings and its activities (one add form per kind,
//! edit, move, delete), closing, reopening and deleting a room (deleting
//! asks on a page first). The presenter's and projector's pages are
//! [`super::presenter`].

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maillage_domain::live::{
    self as rules, ActivityInput, ActivityKind, ActivityStatus, MAX_PROMPT,
};
use maillage_store::entity::grouping;
use maillage_store::repo::live::{self as repo, Activity, LiveError, NewRoom, Room};
use maillage_store::repo::live_pages::{self as pages, SessionRef};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{RunnableActivity, RunnableRoom};
use super::{activity_error_key, changed, room_href};
use crate::AppState;
use crate::auth::{ClientIp, SignedIn, Visitor, actor};
use crate::error::AppError;
use crate::forms::Choice;
use crate::groupings::access::GroupingBySlug;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::access::allowed;
use crate::text::{day_text, hours_text};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/regroupements/{grouping}/salles",
            get(list_rooms).post(create_room),
        )
        .route("/evenements/{event}/salles", get(show_event_rooms))
        .route("/salles/{room}", get(show_room))
        .route("/salles/{room}/modifier", post(update_room))
        .route("/salles/{room}/fermer", post(close_room))
        .route("/salles/{room}/rouvrir", post(reopen_room))
        .route(
            "/salles/{room}/supprimer",
            get(show_delete_room).post(delete_room),
        )
        .route("/salles/{room}/activites", post(create_activity))
        .route(
            "/salles/{room}/activites/{activity}/modifier",
            get(show_activity_form).post(update_activity),
        )
        .route(
            "/salles/{room}/activites/{activity}/monter",
            post(update_activity_up),
        )
        .route(
            "/salles/{room}/activites/{activity}/descendre",
            post(update_activity_down),
        )
        .route(
            "/salles/{room}/activites/{activity}/supprimer",
            post(delete_activity),
        )
}

// ---------- shared with the presenter ----------

/// « Nuage de mots », « Sondage », …
pub(super) fn kind_label(lang: Lang, kind: ActivityKind) -> String {
    lang.t(&format!("live-kind-{}", kind.as_str()))
}

/// « En préparation », « Ouverte », « Fermée ».
pub(super) fn status_label(lang: Lang, status: ActivityStatus) -> String {
    lang.t(&format!("live-status-{}", status.as_str()))
}

/// « Rencontre des partenaires — 13 octobre 2021, 8 h 30 ».
pub(super) fn session_label(lang: Lang, s: &SessionRef) -> String {
    let hours = hours_text(s.starts_at.as_deref(), None, lang);
    let when = if hours.is_empty() {
        day_text(s.date, lang)
    } else {
        format!("{}, {hours}", day_text(s.date, lang))
    };
    format!("{} — {when}", s.event_title)
}

/// Back to the room's page (or its presenter's, when the form came from
/// there), with a one-shot message.
pub(super) fn back_to(room: &Room, from: &str, flash: &str) -> Response {
    let kind = if flash.contains("-error-") {
        "erreur"
    } else {
        "ok"
    };
    let (page, anchor) = if from == "animation" {
        (format!("{}/animation", room_href(room.id)), "#direct")
    } else {
        (room_href(room.id), "#activites")
    };
    Redirect::to(&format!("{page}?{kind}={flash}{anchor}")).into_response()
}

/// The page a form came from (`retour`), so that it lands back there.
#[derive(Debug, Default, Deserialize)]
pub struct From {
    #[serde(default)]
    pub retour: String,
}

// ---------- a grouping's rooms ----------

/// A grouping whose rooms the visitor runs (its coordinators and the
/// administrators).
pub struct RunnableGrouping {
    pub grouping: grouping::Model,
    pub user: std::sync::Arc<SignedIn>,
}

impl axum::extract::FromRequestParts<AppState> for RunnableGrouping {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, AppError> {
        let GroupingBySlug(grouping) = GroupingBySlug::from_request_parts(parts, state).await?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        let id = grouping.id.to_string();
        let user = allowed(visitor, |p| rules::require_run_room(p, &id))?;
        Ok(RunnableGrouping { grouping, user })
    }
}

pub struct RoomRow {
    pub href: String,
    pub title: String,
    pub code: String,
    pub session: String,
    pub open: bool,
    pub activities: usize,
    pub participants: usize,
    pub answers: usize,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct RoomForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub session: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct RoomsQuery {
    #[serde(default)]
    seance: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "live/rooms_list.html")]
pub struct RoomsPage {
    p: Page,
    grouping_name: String,
    grouping_href: String,
    action: String,
    rooms: Vec<RoomRow>,
    sessions: Vec<Choice>,
    form: RoomForm,
    error: Option<String>,
    max_title: usize,
}

fn session_choices(lang: Lang, sessions: &[SessionRef]) -> Vec<Choice> {
    sessions
        .iter()
        .map(|s| Choice {
            value: s.id.to_string(),
            label: session_label(lang, s),
        })
        .collect()
}

async fn rooms_page(
    state: &AppState,
    p: Page,
    g: &grouping::Model,
    form: RoomForm,
    error: Option<String>,
) -> Result<RoomsPage, AppError> {
    let lang = p.lang;
    let data = pages::rooms_of_grouping(&state.store, g.id).await?;
    Ok(RoomsPage {
        grouping_name: g.name.clone(),
        grouping_href: format!("/regroupements/{}", g.slug),
        action: format!("/regroupements/{}/salles", g.slug),
        rooms: data
            .rooms
            .iter()
            .map(|r| RoomRow {
                href: room_href(r.room.id),
                title: r.room.title.clone(),
                code: r.room.code.display(),
                session: r
                    .session
                    .as_ref()
                    .map(|s| session_label(lang, s))
                    .unwrap_or_default(),
                open: r.room.open,
                activities: usize::try_from(r.activities).unwrap_or_default(),
                participants: usize::try_from(r.participants).unwrap_or_default(),
                answers: usize::try_from(r.answers).unwrap_or_default(),
            })
            .collect(),
        sessions: session_choices(lang, &data.sessions),
        form,
        error,
        max_title: MAX_PROMPT,
        p,
    })
}

pub async fn list_rooms(
    State(state): State<AppState>,
    RunnableGrouping { grouping: g, .. }: RunnableGrouping,
    Query(q): Query<RoomsQuery>,
    p: Page,
) -> Result<RoomsPage, AppError> {
    let form = RoomForm {
        session: q.seance.trim().to_owned(),
        ..RoomForm::default()
    };
    rooms_page(&state, p, &g, form, None).await
}

/// The session a form names: none when blank; a text that is no id is
/// refused as a session of no event of the grouping.
fn session_of(form: &RoomForm) -> Result<Option<Uuid>, LiveError> {
    match form.session.trim() {
        "" => Ok(None),
        s => Uuid::parse_str(s)
            .map(Some)
            .map_err(|_| LiveError::ForeignSession),
    }
}

/// The message a refused room form shows, or the error it is.
fn room_refusal(lang: Lang, e: LiveError) -> Result<String, AppError> {
    match e {
        LiveError::Title => Ok(lang.t("live-error-title")),
        LiveError::ForeignSession => Ok(lang.t("live-error-foreign-session")),
        other => Err(other.into()),
    }
}

pub async fn create_room(
    State(state): State<AppState>,
    RunnableGrouping { grouping: g, user }: RunnableGrouping,
    p: Page,
    ip: ClientIp,
    Form(form): Form<RoomForm>,
) -> Result<Response, AppError> {
    let created = match session_of(&form) {
        Ok(session_id) => {
            let new = NewRoom {
                grouping_id: g.id,
                session_id,
                title: form.title.clone(),
            };
            repo::create_room(&state.store, &actor(&user, &ip), &new, chrono::Utc::now()).await
        }
        Err(e) => Err(e),
    };
    match created {
        Ok(room) => Ok(Redirect::to(&format!(
            "{}?ok=flash-live-room-created",
            room_href(room.id)
        ))
        .into_response()),
        Err(e) => {
            let message = room_refusal(p.lang, e)?;
            let page = rooms_page(&state, p, &g, form, Some(message)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// The event's link to its rooms: its only room, or its grouping's rooms
/// with the event's first session chosen for a new one.
pub async fn show_event_rooms(
    State(state): State<AppState>,
    crate::events::ManagedEvent { event: e, .. }: crate::events::ManagedEvent,
) -> Result<Response, AppError> {
    let (grouping, rooms, first_session) = pages::rooms_of_event(&state.store, e.id).await?;
    let target = match (grouping, rooms.as_slice()) {
        (_, [only]) => room_href(only.id),
        (Some(g), _) => match first_session {
            Some(s) => format!("/regroupements/{}/salles?seance={s}", g.slug),
            None => format!("/regroupements/{}/salles", g.slug),
        },
        (None, _) => return Err(AppError::NotFound),
    };
    Ok(Redirect::to(&target).into_response())
}

// ---------- a room ----------

pub struct ActivityRow {
    pub id: String,
    pub position: usize,
    pub kind: String,
    pub prompt: String,
    pub detail: String,
    pub status: String,
    pub open: bool,
    pub first: bool,
    pub last: bool,
}

/// What an activity asks besides its prompt: « 3 mots par réponse »,
/// « Oui · Non », « 1 à 5 ».
fn activity_detail(lang: Lang, a: &Activity) -> String {
    let s = &a.settings;
    match a.kind {
        ActivityKind::WordCloud => {
            crate::text::count_text(lang, "live-words-per-answer", s.max_words())
        }
        ActivityKind::Board => s.columns.join(" · "),
        ActivityKind::Poll => {
            let options = s.options.join(" · ");
            if s.multiple {
                format!("{options} ({})", lang.t("live-poll-multiple-short"))
            } else {
                options
            }
        }
        ActivityKind::Scale => {
            let (min, max) = s.scale();
            lang.t_args(
                "live-scale-range",
                &[("min", min.to_string()), ("max", max.to_string())],
            )
        }
        ActivityKind::Questions => String::new(),
    }
}

fn activity_rows(lang: Lang, activities: &[Activity]) -> Vec<ActivityRow> {
    let n = activities.len();
    activities
        .iter()
        .enumerate()
        .map(|(i, a)| ActivityRow {
            id: a.id.to_string(),
            position: i + 1,
            kind: kind_label(lang, a.kind),
            prompt: a.prompt.clone(),
            detail: activity_detail(lang, a),
            status: status_label(lang, a.status),
            open: a.status == ActivityStatus::Open,
            first: i == 0,
            last: i + 1 == n,
        })
        .collect()
}

/// An activity form as typed (every kind's fields; only those of `kind`
/// are read).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActivityForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub prompt: String,
    #[serde(default)]
    pub max_words: String,
    #[serde(default)]
    pub options: String,
    #[serde(default)]
    pub multiple: String,
    #[serde(default)]
    pub columns: String,
    #[serde(default)]
    pub min: String,
    #[serde(default)]
    pub max: String,
    #[serde(default)]
    pub min_label: String,
    #[serde(default)]
    pub max_label: String,
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn blank_to_none(text: &str) -> Option<String> {
    Some(text.trim().to_owned()).filter(|t| !t.is_empty())
}

impl ActivityForm {
    /// The rules' input; a number that is not one is refused as the field
    /// it was typed in.
    fn input(&self) -> Result<ActivityInput, rules::ActivityError> {
        let number = |raw: &str, e: rules::ActivityError| -> Result<Option<i32>, _> {
            match raw.trim() {
                "" => Ok(None),
                n => n.parse::<i32>().map(Some).map_err(|_| e),
            }
        };
        let max_words = match number(&self.max_words, rules::ActivityError::MaxWords)? {
            None => None,
            Some(n) => Some(u8::try_from(n).map_err(|_| rules::ActivityError::MaxWords)?),
        };
        Ok(ActivityInput {
            kind: self.kind.trim().to_owned(),
            prompt: self.prompt.clone(),
            max_words,
            options: lines(&self.options),
            multiple: !self.multiple.trim().is_empty(),
            columns: lines(&self.columns),
            min: number(&self.min, rules::ActivityError::ScaleBounds)?,
            max: number(&self.max, rules::ActivityError::ScaleBounds)?,
            min_label: blank_to_none(&self.min_label),
            max_label: blank_to_none(&self.max_label),
        })
    }

    /// The form of an activity as stored (to edit it).
    fn of(a: &Activity) -> Self {
        let s = &a.settings;
        let (min, max) = s.scale();
        ActivityForm {
            kind: a.kind.as_str().to_owned(),
            prompt: a.prompt.clone(),
            max_words: s.max_words().to_string(),
            options: s.options.join("\n"),
            multiple: if s.multiple {
                "on".into()
            } else {
                String::new()
            },
            columns: s.columns.join("\n"),
            min: min.to_string(),
            max: max.to_string(),
            min_label: s.min_label.clone().unwrap_or_default(),
            max_label: s.max_label.clone().unwrap_or_default(),
        }
    }

    /// An empty form of `kind`, with its defaults.
    fn blank(kind: ActivityKind) -> Self {
        ActivityForm {
            kind: kind.as_str().to_owned(),
            max_words: "3".into(),
            min: "1".into(),
            max: "5".into(),
            ..ActivityForm::default()
        }
    }
}

/// One add form (or the edit form) of an activity kind, with its values
/// and its message.
pub struct KindForm {
    pub kind: &'static str,
    pub title: String,
    pub hint: String,
    pub action: String,
    pub form: ActivityForm,
    pub error: Option<String>,
    /// Prefix of the fields' ids (unique on the page).
    pub id: String,
}

impl KindForm {
    pub fn checked(&self) -> bool {
        !self.form.multiple.trim().is_empty()
    }
}

fn kind_forms(lang: Lang, room: &Room, typed: Option<&(&ActivityForm, String)>) -> Vec<KindForm> {
    ActivityKind::ALL
        .into_iter()
        .map(|kind| {
            let (form, error) = match &typed {
                Some((f, e)) if f.kind.trim() == kind.as_str() => ((*f).clone(), Some(e.clone())),
                _ => (ActivityForm::blank(kind), None),
            };
            KindForm {
                kind: kind.as_str(),
                title: kind_label(lang, kind),
                hint: lang.t(&format!("live-kind-{}-hint", kind.as_str())),
                action: format!("{}/activites", room_href(room.id)),
                form,
                error,
                id: format!("new-{}", kind.as_str()),
            }
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "live/rooms_show.html")]
pub struct RoomPage {
    p: Page,
    href: String,
    title: String,
    open: bool,
    code: String,
    join_path: String,
    grouping_name: String,
    rooms_href: String,
    session: String,
    sessions: Vec<Choice>,
    room_form: RoomForm,
    room_error: Option<String>,
    activities: Vec<ActivityRow>,
    forms: Vec<KindForm>,
    /// A form refused: its message at the top of the page too.
    error: Option<String>,
}

struct RoomTyped<'a> {
    room_form: Option<(RoomForm, String)>,
    activity: Option<(&'a ActivityForm, String)>,
}

async fn room_page(
    state: &AppState,
    p: Page,
    room: &Room,
    typed: RoomTyped<'_>,
) -> Result<RoomPage, AppError> {
    let lang = p.lang;
    let plan = pages::room_plan(&state.store, room).await?;
    let (room_form, room_error) = match typed.room_form {
        Some((f, e)) => (f, Some(e)),
        None => (
            RoomForm {
                title: room.title.clone(),
                session: room.session_id.map(|s| s.to_string()).unwrap_or_default(),
            },
            None,
        ),
    };
    let error = room_error
        .clone()
        .or_else(|| typed.activity.as_ref().map(|(_, e)| e.clone()));
    Ok(RoomPage {
        href: room_href(room.id),
        title: room.title.clone(),
        open: room.open,
        code: room.code.display(),
        join_path: room.code.join_path(),
        rooms_href: format!("/regroupements/{}/salles", plan.grouping.slug),
        grouping_name: plan.grouping.name.clone(),
        session: plan
            .session
            .as_ref()
            .map(|s| session_label(lang, s))
            .unwrap_or_default(),
        sessions: session_choices(lang, &plan.sessions),
        room_form,
        room_error,
        activities: activity_rows(lang, &plan.activities),
        forms: kind_forms(lang, room, typed.activity.as_ref()),
        error,
        p,
    })
}

pub async fn show_room(
    State(state): State<AppState>,
    RunnableRoom { room, .. }: RunnableRoom,
    p: Page,
) -> Result<RoomPage, AppError> {
    room_page(
        &state,
        p,
        &room,
        RoomTyped {
            room_form: None,
            activity: None,
        },
    )
    .await
}

pub async fn update_room(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    p: Page,
    ip: ClientIp,
    Form(form): Form<RoomForm>,
) -> Result<Response, AppError> {
    let updated = match session_of(&form) {
        Ok(session_id) => {
            repo::update_room(
                &state.store,
                &actor(&user, &ip),
                room.id,
                &form.title,
                session_id,
            )
            .await
        }
        Err(e) => Err(e),
    };
    match updated {
        Ok(room) => {
            changed(&state, room.id);
            Ok(back_to(&room, "", "flash-live-room-saved"))
        }
        Err(e) => {
            let message = room_refusal(p.lang, e)?;
            let typed = RoomTyped {
                room_form: Some((form, message)),
                activity: None,
            };
            let page = room_page(&state, p, &room, typed).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub async fn close_room(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    ip: ClientIp,
    Form(from): Form<From>,
) -> Result<Response, AppError> {
    let room = repo::close_room(
        &state.store,
        &actor(&user, &ip),
        room.id,
        chrono::Utc::now(),
    )
    .await?;
    changed(&state, room.id);
    Ok(back_to(&room, &from.retour, "flash-live-room-closed"))
}

pub async fn reopen_room(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    ip: ClientIp,
    Form(from): Form<From>,
) -> Result<Response, AppError> {
    let room = repo::reopen_room(&state.store, &actor(&user, &ip), room.id).await?;
    changed(&state, room.id);
    Ok(back_to(&room, &from.retour, "flash-live-room-reopened"))
}

#[derive(Template, WebTemplate)]
#[template(path = "live/rooms_delete.html")]
pub struct DeleteRoomPage {
    p: Page,
    href: String,
    title: String,
    code: String,
}

pub async fn show_delete_room(RunnableRoom { room, .. }: RunnableRoom, p: Page) -> DeleteRoomPage {
    DeleteRoomPage {
        href: room_href(room.id),
        code: room.code.display(),
        title: room.title,
        p,
    }
}

pub async fn delete_room(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    ip: ClientIp,
) -> Result<Response, AppError> {
    let slug = pages::delete_room(&state.store, &actor(&user, &ip), &room).await?;
    changed(&state, room.id);
    Ok(Redirect::to(&format!(
        "/regroupements/{slug}/salles?ok=flash-live-room-deleted"
    ))
    .into_response())
}

// ---------- activities ----------

/// The key of the message for an activity the rules or the store refuse,
/// or the error it is.
fn activity_refusal(e: LiveError) -> Result<&'static str, AppError> {
    match e {
        LiveError::TooManyActivities => Ok("live-error-too-many-activities"),
        other => Err(other.into()),
    }
}

pub async fn create_activity(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    p: Page,
    ip: ClientIp,
    Form(form): Form<ActivityForm>,
) -> Result<Response, AppError> {
    let key = match form.input().and_then(|i| i.validate()) {
        Ok(draft) => {
            match repo::add_activity(
                &state.store,
                &actor(&user, &ip),
                room.id,
                &draft,
                chrono::Utc::now(),
            )
            .await
            {
                Ok(_) => {
                    changed(&state, room.id);
                    return Ok(back_to(&room, "", "flash-live-activity-added"));
                }
                Err(e) => activity_refusal(e)?,
            }
        }
        Err(e) => activity_error_key(&e),
    };
    let message = p.t(key);
    let typed = RoomTyped {
        room_form: None,
        activity: Some((&form, message)),
    };
    let page = room_page(&state, p, &room, typed).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "live/rooms_activity_form.html")]
pub struct ActivityFormPage {
    p: Page,
    room_href: String,
    room_title: String,
    f: KindForm,
}

fn activity_form_page(
    p: Page,
    room: &Room,
    a: &Activity,
    form: ActivityForm,
    error: Option<String>,
) -> ActivityFormPage {
    let lang = p.lang;
    ActivityFormPage {
        room_href: room_href(room.id),
        room_title: room.title.clone(),
        f: KindForm {
            kind: a.kind.as_str(),
            title: kind_label(lang, a.kind),
            hint: lang.t(&format!("live-kind-{}-hint", a.kind.as_str())),
            action: format!("{}/activites/{}/modifier", room_href(room.id), a.id),
            form,
            error,
            id: "edit".to_owned(),
        },
        p,
    }
}

pub async fn show_activity_form(
    RunnableActivity { room, activity, .. }: RunnableActivity,
    p: Page,
) -> ActivityFormPage {
    let form = ActivityForm::of(&activity);
    activity_form_page(p, &room, &activity, form, None)
}

pub async fn update_activity(
    State(state): State<AppState>,
    RunnableActivity {
        room,
        activity,
        user,
    }: RunnableActivity,
    p: Page,
    ip: ClientIp,
    Form(mut form): Form<ActivityForm>,
) -> Result<Response, AppError> {
    // The kind stays: answers already given were given to it.
    activity.kind.as_str().clone_into(&mut form.kind);
    match form.input().and_then(|i| i.validate()) {
        Ok(draft) => {
            repo::update_activity(
                &state.store,
                &actor(&user, &ip),
                room.id,
                activity.id,
                &draft,
            )
            .await?;
            changed(&state, room.id);
            Ok(back_to(&room, "", "flash-live-activity-saved"))
        }
        Err(e) => {
            let message = p.t(activity_error_key(&e));
            let page = activity_form_page(p, &room, &activity, form, Some(message));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

async fn move_activity(
    state: &AppState,
    a: RunnableActivity,
    up: bool,
) -> Result<Response, AppError> {
    repo::move_activity(&state.store, a.room.id, a.activity.id, up).await?;
    changed(state, a.room.id);
    Ok(back_to(&a.room, "", "flash-live-activity-moved"))
}

pub async fn update_activity_up(
    State(state): State<AppState>,
    a: RunnableActivity,
) -> Result<Response, AppError> {
    move_activity(&state, a, true).await
}

pub async fn update_activity_down(
    State(state): State<AppState>,
    a: RunnableActivity,
) -> Result<Response, AppError> {
    move_activity(&state, a, false).await
}

pub async fn delete_activity(
    State(state): State<AppState>,
    RunnableActivity {
        room,
        activity,
        user,
    }: RunnableActivity,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::delete_activity(&state.store, &actor(&user, &ip), room.id, activity.id).await?;
    changed(&state, room.id);
    Ok(back_to(&room, "", "flash-live-activity-deleted"))
}
