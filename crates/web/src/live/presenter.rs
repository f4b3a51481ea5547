//! Running a room: the presenter's page (a laptop: the activity being run,
//! « Précédente » / « Suivante », open and close, results shown or hidden
//! to participants, counts, the results always, moderation of answers) and
//! the projector's page (large type on a dark background: the code, the
//! join link and its QR code, the prompt and the results the room may
//! see).
//!
//! Both pages work without JavaScript (a reload shows the state); with it,
//! `static/live.js` listens to the room's stream and reloads the page's
//! live part, asked with `X-Live-Fragment: 1` and answered with that part
//! alone (`?partie=resultats`: the results only).

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maillage_domain::ids::AnswerId;
use maillage_domain::live::{ActivityKind, ActivityStatus};
use maillage_store::repo::live::{self as repo, Activity, AnswerView, Room};
use maillage_store::repo::live_pages::{self as pages, Running};
use serde::Deserialize;

use super::access::{RunnableActivity, RunnableRoom};
use super::results::ResultsView;
use super::rooms::{From, back_to, kind_label, status_label};
use super::{changed, room_href};
use crate::AppState;
use crate::auth::{ClientIp, actor};
use crate::error::AppError;
use crate::events::site_base;
use crate::extract::Id;
use crate::forms::Choice;
use crate::i18n::Lang;
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/salles/{room}/animation", get(show_presenter))
        .route("/salles/{room}/projection", get(show_projector))
        .route(
            "/salles/{room}/activites/{activity}/ouvrir",
            post(update_activity_open),
        )
        .route(
            "/salles/{room}/activites/{activity}/fermer",
            post(update_activity_close),
        )
        .route(
            "/salles/{room}/activites/{activity}/masquer-resultats",
            post(update_results_hide),
        )
        .route(
            "/salles/{room}/activites/{activity}/afficher-resultats",
            post(update_results_show),
        )
        .route(
            "/salles/{room}/reponses/{answer}/masquer",
            post(update_answer_hide),
        )
        .route(
            "/salles/{room}/reponses/{answer}/afficher",
            post(update_answer_show),
        )
        .route(
            "/salles/{room}/reponses/{answer}/repondue",
            post(update_answer_answered),
        )
        .route(
            "/salles/{room}/reponses/{answer}/non-repondue",
            post(update_answer_unanswered),
        )
        .route(
            "/salles/{room}/reponses/{answer}/fusionner",
            post(update_answer_merge),
        )
}

/// The header `static/live.js` sends for a page's live part.
const FRAGMENT_HEADER: &str = "x-live-fragment";

fn is_fragment(headers: &HeaderMap) -> bool {
    headers.contains_key(FRAGMENT_HEADER)
}

#[derive(Debug, Default, Deserialize)]
pub struct PartQuery {
    #[serde(default)]
    partie: String,
}

impl PartQuery {
    fn results_only(&self) -> bool {
        self.partie == "resultats"
    }
}

/// The stream of a room (the participants' one: the presenter learns of
/// every change from it, and reloads its own view).
fn events_url(room: &Room) -> String {
    format!("/api/v1/live/{}/events", room.code)
}

// ---------- the presenter ----------

/// One answer as the presenter moderates it.
pub struct AnswerItem {
    pub id: String,
    pub text: String,
    pub author: String,
    pub votes: usize,
    pub hidden: bool,
    pub answered: bool,
    /// Merged into another: listed, but out of the results.
    pub merged: bool,
}

/// What an answer says, whatever its kind: its text, « Colonne : texte »,
/// its choices, or its value.
fn answer_text(lang: Lang, a: &AnswerView) -> String {
    match (&a.text, &a.column, a.value) {
        (Some(t), Some(c), _) => {
            lang.t_args("labelled", &[("label", c.clone()), ("item", t.clone())])
        }
        (Some(t), None, _) => t.clone(),
        (None, _, Some(v)) => v.to_string(),
        (None, _, None) => a.choices.join(" · "),
    }
}

/// The activity a page is about, with its results.
pub struct CurrentView {
    pub id: String,
    pub kind: &'static str,
    pub kind_label: String,
    pub prompt: String,
    pub status: String,
    pub open: bool,
    pub results_hidden: bool,
    pub results: ResultsView,
    pub answers: Vec<AnswerItem>,
    /// Answers counted in the results (neither hidden nor merged).
    pub counted: usize,
    /// The answers another may be merged into (word cloud, board,
    /// questions).
    pub merge_targets: Vec<Choice>,
    pub mergeable: bool,
    pub questions: bool,
    /// « Activité 2 sur 5 ».
    pub position: usize,
}

fn current_view(lang: Lang, running: &Running, position: usize) -> CurrentView {
    let a = &running.activity;
    let answers: Vec<AnswerItem> = running
        .answers
        .iter()
        .map(|v| AnswerItem {
            id: v.id.to_string(),
            text: answer_text(lang, v),
            author: v.nickname.clone().unwrap_or_default(),
            votes: usize::try_from(v.votes).unwrap_or_default(),
            hidden: v.hidden,
            answered: v.answered,
            merged: v.merged_into.is_some(),
        })
        .collect();
    let mergeable = matches!(
        a.kind,
        ActivityKind::WordCloud | ActivityKind::Board | ActivityKind::Questions
    );
    CurrentView {
        id: a.id.to_string(),
        kind: a.kind.as_str(),
        kind_label: kind_label(lang, a.kind),
        prompt: a.prompt.clone(),
        status: status_label(lang, a.status),
        open: a.status == ActivityStatus::Open,
        results_hidden: a.results_hidden,
        results: ResultsView::new(a.kind, &a.settings, &running.results, lang),
        counted: answers.iter().filter(|x| !x.hidden && !x.merged).count(),
        merge_targets: answers
            .iter()
            .filter(|x| !x.hidden && !x.merged)
            .map(|x| Choice {
                value: x.id.clone(),
                label: x.text.clone(),
            })
            .collect(),
        answers,
        mergeable,
        questions: a.kind == ActivityKind::Questions,
        position,
    }
}

/// An activity in the presenter's list.
pub struct StepItem {
    pub id: String,
    pub position: usize,
    pub kind: String,
    pub prompt: String,
    pub status: String,
    pub open: bool,
    pub current: bool,
}

/// The presenter's live part.
pub struct PresenterView {
    pub href: String,
    pub title: String,
    pub room_open: bool,
    pub code: String,
    pub join_url: String,
    pub events_url: String,
    pub participants: usize,
    pub total: usize,
    pub current: Option<CurrentView>,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub steps: Vec<StepItem>,
}

fn neighbours(activities: &[Activity], at: Option<usize>) -> (Option<String>, Option<String>) {
    let Some(at) = at else {
        return (None, activities.first().map(|a| a.id.to_string()));
    };
    (
        at.checked_sub(1)
            .and_then(|i| activities.get(i))
            .map(|a| a.id.to_string()),
        activities.get(at + 1).map(|a| a.id.to_string()),
    )
}

fn presenter_view(lang: Lang, room: &Room, data: &pages::Presenting, base: &str) -> PresenterView {
    let at = data
        .current
        .as_ref()
        .and_then(|c| data.activities.iter().position(|a| a.id == c.activity.id));
    let (previous, next) = neighbours(&data.activities, at);
    let current_id = data.current.as_ref().map(|c| c.activity.id);
    PresenterView {
        href: room_href(room.id),
        title: room.title.clone(),
        room_open: room.open,
        code: room.code.display(),
        join_url: format!("{base}{}", room.code.join_path()),
        events_url: events_url(room),
        participants: usize::try_from(data.participants).unwrap_or_default(),
        total: data.activities.len(),
        current: data
            .current
            .as_ref()
            .map(|c| current_view(lang, c, at.map_or(1, |i| i + 1))),
        previous,
        next,
        steps: data
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| StepItem {
                id: a.id.to_string(),
                position: i + 1,
                kind: kind_label(lang, a.kind),
                prompt: a.prompt.clone(),
                status: status_label(lang, a.status),
                open: a.status == ActivityStatus::Open,
                current: Some(a.id) == current_id,
            })
            .collect(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "live/presenter.html")]
pub struct PresenterPage {
    p: Page,
    v: PresenterView,
    grouping_name: String,
    rooms_href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "live/presenter_live.html")]
pub struct PresenterLive {
    p: Page,
    v: PresenterView,
}

#[derive(Template, WebTemplate)]
#[template(path = "live/presenter_results.html")]
pub struct PresenterResults {
    p: Page,
    v: PresenterView,
}

pub async fn show_presenter(
    State(state): State<AppState>,
    RunnableRoom { room, .. }: RunnableRoom,
    Query(q): Query<PartQuery>,
    headers: HeaderMap,
    p: Page,
) -> Result<Response, AppError> {
    let data = pages::presenting(&state.store, &room).await?;
    let v = presenter_view(p.lang, &room, &data, &site_base(&state, &headers));
    Ok(if is_fragment(&headers) && q.results_only() {
        PresenterResults { p, v }.into_response()
    } else if is_fragment(&headers) {
        PresenterLive { p, v }.into_response()
    } else {
        PresenterPage {
            p,
            v,
            grouping_name: data.grouping.name,
            rooms_href: format!("/regroupements/{}/salles", data.grouping.slug),
        }
        .into_response()
    })
}

// ---------- the projector ----------

/// The projector's live part.
pub struct ProjectorView {
    pub href: String,
    pub title: String,
    pub room_open: bool,
    pub code: String,
    pub join_url: String,
    /// The join URL's QR code (SVG).
    pub qr: String,
    pub events_url: String,
    pub participants: usize,
    pub current: Option<CurrentView>,
}

fn projector_view(lang: Lang, room: &Room, data: &pages::Projecting, base: &str) -> ProjectorView {
    let join_url = format!("{base}{}", room.code.join_path());
    ProjectorView {
        href: room_href(room.id),
        title: room.title.clone(),
        room_open: room.open,
        code: room.code.display(),
        qr: qr_svg(lang, &join_url, &room.code.display()),
        join_url,
        events_url: events_url(room),
        participants: usize::try_from(data.participants).unwrap_or_default(),
        current: data.current.as_ref().map(|c| {
            let mut view = current_view(lang, c, 1);
            view.results = view.results.on_dark(c.activity.kind, &c.results, lang);
            view
        }),
    }
}

/// The QR code of the join URL; none when the URL cannot be one (the page
/// still shows the URL and the code).
fn qr_svg(lang: Lang, url: &str, code: &str) -> String {
    let label = lang.t_args("live-qr-label", &[("code", code.to_owned())]);
    maillage_interop::qr::svg(url, &label).unwrap_or_default()
}

#[derive(Template, WebTemplate)]
#[template(path = "live/projector.html")]
pub struct ProjectorPage {
    p: Page,
    v: ProjectorView,
}

#[derive(Template, WebTemplate)]
#[template(path = "live/projector_live.html")]
pub struct ProjectorLive {
    p: Page,
    v: ProjectorView,
}

#[derive(Template, WebTemplate)]
#[template(path = "live/projector_results.html")]
pub struct ProjectorResults {
    p: Page,
    v: ProjectorView,
}

pub async fn show_projector(
    State(state): State<AppState>,
    RunnableRoom { room, .. }: RunnableRoom,
    Query(q): Query<PartQuery>,
    headers: HeaderMap,
    p: Page,
) -> Result<Response, AppError> {
    let data = pages::projecting(&state.store, &room).await?;
    let v = projector_view(p.lang, &room, &data, &site_base(&state, &headers));
    Ok(if is_fragment(&headers) && q.results_only() {
        ProjectorResults { p, v }.into_response()
    } else if is_fragment(&headers) {
        ProjectorLive { p, v }.into_response()
    } else {
        ProjectorPage { p, v }.into_response()
    })
}

// ---------- running the activities ----------

pub async fn update_activity_open(
    State(state): State<AppState>,
    RunnableActivity { room, activity, .. }: RunnableActivity,
    Form(from): Form<From>,
) -> Result<Response, AppError> {
    repo::start_activity(&state.store, room.id, activity.id, chrono::Utc::now()).await?;
    changed(&state, room.id);
    Ok(back_to(&room, &from.retour, "flash-live-activity-opened"))
}

pub async fn update_activity_close(
    State(state): State<AppState>,
    RunnableActivity { room, activity, .. }: RunnableActivity,
    Form(from): Form<From>,
) -> Result<Response, AppError> {
    repo::stop_activity(&state.store, room.id, activity.id, chrono::Utc::now()).await?;
    changed(&state, room.id);
    Ok(back_to(&room, &from.retour, "flash-live-activity-closed"))
}

async fn set_results_hidden(
    state: &AppState,
    a: &RunnableActivity,
    hidden: bool,
    from: &From,
) -> Result<Response, AppError> {
    repo::set_results_hidden(&state.store, a.room.id, a.activity.id, hidden).await?;
    changed(state, a.room.id);
    let flash = if hidden {
        "flash-live-results-hidden"
    } else {
        "flash-live-results-shown"
    };
    Ok(back_to(&a.room, &from.retour, flash))
}

pub async fn update_results_hide(
    State(state): State<AppState>,
    a: RunnableActivity,
    Form(from): Form<From>,
) -> Result<Response, AppError> {
    set_results_hidden(&state, &a, true, &from).await
}

pub async fn update_results_show(
    State(state): State<AppState>,
    a: RunnableActivity,
    Form(from): Form<From>,
) -> Result<Response, AppError> {
    set_results_hidden(&state, &a, false, &from).await
}

// ---------- moderation ----------

pub async fn update_answer_hide(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    Id(answer): Id<AnswerId>,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::set_answer_hidden(
        &state.store,
        &actor(&user, &ip),
        room.id,
        answer.uuid(),
        true,
    )
    .await?;
    changed(&state, room.id);
    Ok(back_to(&room, "animation", "flash-live-answer-hidden"))
}

pub async fn update_answer_show(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    Id(answer): Id<AnswerId>,
    ip: ClientIp,
) -> Result<Response, AppError> {
    repo::set_answer_hidden(
        &state.store,
        &actor(&user, &ip),
        room.id,
        answer.uuid(),
        false,
    )
    .await?;
    changed(&state, room.id);
    Ok(back_to(&room, "animation", "flash-live-answer-shown"))
}

pub async fn update_answer_answered(
    State(state): State<AppState>,
    RunnableRoom { room, .. }: RunnableRoom,
    Id(answer): Id<AnswerId>,
) -> Result<Response, AppError> {
    repo::set_answered(&state.store, room.id, answer.uuid(), true).await?;
    changed(&state, room.id);
    Ok(back_to(&room, "animation", "flash-live-answer-answered"))
}

pub async fn update_answer_unanswered(
    State(state): State<AppState>,
    RunnableRoom { room, .. }: RunnableRoom,
    Id(answer): Id<AnswerId>,
) -> Result<Response, AppError> {
    repo::set_answered(&state.store, room.id, answer.uuid(), false).await?;
    changed(&state, room.id);
    Ok(back_to(&room, "animation", "flash-live-answer-unanswered"))
}

#[derive(Debug, Default, Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    into: String,
}

pub async fn update_answer_merge(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    Id(answer): Id<AnswerId>,
    ip: ClientIp,
    Form(form): Form<MergeForm>,
) -> Result<Response, AppError> {
    let Ok(into) = uuid::Uuid::parse_str(form.into.trim()) else {
        return Ok(back_to(&room, "animation", "flash-live-error-merge"));
    };
    match repo::merge_answer(
        &state.store,
        &actor(&user, &ip),
        room.id,
        answer.uuid(),
        into,
    )
    .await
    {
        Ok(()) => {
            changed(&state, room.id);
            Ok(back_to(&room, "animation", "flash-live-answer-merged"))
        }
        Err(repo::LiveError::BadMerge | repo::LiveError::NotFound) => {
            Ok(back_to(&room, "animation", "flash-live-error-merge"))
        }
        Err(e) => Err(e.into()),
    }
}
