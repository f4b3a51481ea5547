//! What a room leaves for after the meeting, for its coordinators: every
//! answer as a CSV file, a word cloud as SVG or PNG, and the board's
//! post-its turned into actions of the grouping's plan.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use chrono::SecondsFormat;
use maillage_domain::ids::AnswerId;
use maillage_domain::live::cloud::{CloudOptions, cloud_svg};
use maillage_domain::live::{ActivityKind, Results};
use maillage_interop::csv_out::{self, Cell};
use maillage_store::repo::live::{self as repo, Room};
use maillage_store::repo::live_actions::{self, StickyActionError, StrategyChoice};
use maillage_store::repo::live_report::{self, RoomExport};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{RunnableActivity, RunnableRoom};
use super::room_href;
use crate::AppState;
use crate::auth::{ClientIp, actor};
use crate::error::AppError;
use crate::extract::Id;
use crate::i18n::Lang;
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/salles/{room}/export.csv", get(show_export_csv))
        .route(
            "/salles/{room}/activites/{activity}/nuage.svg",
            get(show_cloud_svg),
        )
        .route(
            "/salles/{room}/activites/{activity}/nuage.png",
            get(show_cloud_png),
        )
        .route("/salles/{room}/post-it", get(list_stickies))
        .route(
            "/salles/{room}/reponses/{answer}/action",
            post(create_sticky_action),
        )
}

/// Width of the PNG cloud: sharp on a projector and in a slide deck.
const PNG_WIDTH: u32 = 1600;

/// `salle-collaboration-ecole-famille.csv`: ASCII, so every mail client
/// and file system keeps it.
fn file_name(room: &Room, suffix: &str) -> String {
    let slug: String = maillage_domain::slug::slugify(&room.title)
        .chars()
        .take(60)
        .collect();
    if slug.is_empty() {
        format!("salle{suffix}")
    } else {
        format!("salle-{slug}{suffix}")
    }
}

fn attachment(name: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

fn kind_key(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::WordCloud => "live-report-kind-word-cloud",
        ActivityKind::Board => "live-report-kind-board",
        ActivityKind::Poll => "live-report-kind-poll",
        ActivityKind::Scale => "live-report-kind-scale",
        ActivityKind::Questions => "live-report-kind-questions",
    }
}

/// The column labels of the CSV file, in order.
const CSV_COLUMNS: [&str; 14] = [
    "live-report-col-activity",
    "live-report-col-kind",
    "live-report-col-prompt",
    "live-report-col-column",
    "live-report-col-text",
    "live-report-col-choices",
    "live-report-col-value",
    "live-report-col-votes",
    "live-report-col-answered",
    "live-report-col-hidden",
    "live-report-col-merged-into",
    "live-report-col-nickname",
    "live-report-col-team",
    "live-report-col-created-at",
];

/// The room's answers, one row each, every activity in its order; the
/// cells are text a spreadsheet cannot run (`csv_out`).
fn write_csv(export: &RoomExport, lang: Lang) -> String {
    let yes = lang.t("live-report-yes");
    let no = lang.t("live-report-no");
    let yes_no = |b: bool| if b { yes.as_str() } else { no.as_str() };
    csv_out::to_excel_string_quoted(|w| {
        w.write_text(CSV_COLUMNS.map(|k| lang.t(k)))?;
        for a in &export.activities {
            let kind = lang.t(kind_key(a.activity.kind));
            for answer in &a.answers {
                let merged_into = answer
                    .merged_into
                    .map(|id| {
                        a.answers
                            .iter()
                            .find(|x| x.id == id)
                            .and_then(|x| x.text.clone())
                            .unwrap_or_else(|| id.to_string())
                    })
                    .unwrap_or_default();
                let team = answer
                    .team_id
                    .and_then(|t| export.teams.get(&t).cloned())
                    .unwrap_or_default();
                w.write([
                    (Cell::Number, a.activity.position.to_string()),
                    (Cell::Text, kind.clone()),
                    (Cell::Text, a.activity.prompt.clone()),
                    (Cell::Text, answer.column.clone().unwrap_or_default()),
                    (Cell::Text, answer.text.clone().unwrap_or_default()),
                    (Cell::Text, answer.choices.join(" ; ")),
                    (
                        Cell::Number,
                        answer.value.map(|v| v.to_string()).unwrap_or_default(),
                    ),
                    (Cell::Number, answer.votes.to_string()),
                    (Cell::Text, yes_no(answer.answered).to_owned()),
                    (Cell::Text, yes_no(answer.hidden).to_owned()),
                    (Cell::Text, merged_into),
                    (Cell::Text, answer.nickname.clone().unwrap_or_default()),
                    (Cell::Text, team),
                    (
                        Cell::Text,
                        answer.created_at.to_rfc3339_opts(SecondsFormat::Secs, true),
                    ),
                ])?;
            }
        }
        Ok(())
    })
}

async fn show_export_csv(
    State(state): State<AppState>,
    RunnableRoom { room, .. }: RunnableRoom,
    lang: Lang,
) -> Result<Response, AppError> {
    let export = live_report::room_export(&state.store, room.id).await?;
    let body = write_csv(&export, lang);
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        attachment(&file_name(&room, ".csv")),
    );
    Ok(r)
}

/// An activity's word cloud as SVG; 404 for another kind of activity.
pub fn cloud_of(results: &Results, lang: Lang) -> Option<String> {
    let Results::WordCloud { answers, words } = results else {
        return None;
    };
    let counted: Vec<(&str, u32)> = words.iter().map(|w| (w.text.as_str(), w.count)).collect();
    let label = crate::text::count_text(
        lang,
        "live-report-cloud-label",
        usize::try_from(*answers).unwrap_or(usize::MAX),
    );
    Some(cloud_svg(&counted, &CloudOptions { label, dark: false }))
}

async fn cloud(
    state: &AppState,
    activity: &maillage_store::repo::live::Activity,
    lang: Lang,
) -> Result<String, AppError> {
    if activity.kind != ActivityKind::WordCloud {
        return Err(AppError::NotFound);
    }
    let results = repo::results(&state.store, activity).await?;
    cloud_of(&results, lang).ok_or(AppError::NotFound)
}

fn cloud_name(room: &Room, position: i32, ext: &str) -> String {
    file_name(room, &format!("-nuage-{position}.{ext}"))
}

async fn show_cloud_svg(
    State(state): State<AppState>,
    RunnableActivity { room, activity, .. }: RunnableActivity,
    lang: Lang,
) -> Result<Response, AppError> {
    let svg = cloud(&state, &activity, lang).await?;
    let mut r = svg.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_DISPOSITION,
        attachment(&cloud_name(&room, activity.position, "svg")),
    );
    Ok(r)
}

async fn show_cloud_png(
    State(state): State<AppState>,
    RunnableActivity { room, activity, .. }: RunnableActivity,
    lang: Lang,
) -> Result<Response, AppError> {
    let svg = cloud(&state, &activity, lang).await?;
    // Drawing takes a few tens of milliseconds of CPU: off the async
    // workers.
    let png =
        tokio::task::spawn_blocking(move || maillage_interop::svg_png::render_png(&svg, PNG_WIDTH))
            .await
            .map_err(AppError::internal)?
            .map_err(AppError::internal)?;
    let mut r = png.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert(
        header::CONTENT_DISPOSITION,
        attachment(&cloud_name(&room, activity.position, "png")),
    );
    Ok(r)
}

// ---------- post-its → plan actions ----------

/// A strategy offered for a post-it.
#[derive(Debug, Clone)]
pub struct StrategyOption {
    pub id: Uuid,
    /// « Plan 2024-2027 — Stratégie ».
    pub label: String,
}

impl From<StrategyChoice> for StrategyOption {
    fn from(s: StrategyChoice) -> Self {
        StrategyOption {
            id: s.id,
            label: format!("{} — {}", s.plan_title, s.title),
        }
    }
}

/// What `live/sticky_action.html` shows beside one post-it: the link to
/// the action it became, or the form that makes one.
#[derive(Debug, Clone)]
pub struct StickyAction {
    pub answer: Uuid,
    pub form_action: String,
    pub action_href: Option<String>,
    pub strategies: Vec<StrategyOption>,
}

impl StickyAction {
    /// For the post-it `answer` of `room` (`action`: the action it became).
    pub fn new(
        room: Uuid,
        answer: Uuid,
        action: Option<Uuid>,
        strategies: &[StrategyOption],
    ) -> Self {
        StickyAction {
            answer,
            form_action: format!("{}/reponses/{answer}/action", room_href(room)),
            action_href: action.map(crate::plans::action_href),
            strategies: strategies.to_vec(),
        }
    }
}

/// The strategies of the room's grouping's plans, for [`StickyAction`].
pub async fn strategy_options(
    state: &AppState,
    room: &Room,
) -> Result<Vec<StrategyOption>, AppError> {
    Ok(
        live_actions::strategies_of_grouping(&state.store, room.grouping_id)
            .await?
            .into_iter()
            .map(StrategyOption::from)
            .collect(),
    )
}

pub struct StickyItem {
    pub column: String,
    pub text: String,
    pub votes: usize,
    pub sa: StickyAction,
}

pub struct BoardItem {
    pub prompt: String,
    pub stickies: Vec<StickyItem>,
}

#[derive(Template, WebTemplate)]
#[template(path = "live/stickies.html")]
pub struct StickiesPage {
    p: Page,
    room: Room,
    room_href: String,
    boards: Vec<BoardItem>,
    has_strategies: bool,
}

/// Every post-it of the room's boards, each with its way into the plan.
async fn list_stickies(
    State(state): State<AppState>,
    RunnableRoom { room, .. }: RunnableRoom,
    p: Page,
) -> Result<StickiesPage, AppError> {
    let export = live_report::room_export(&state.store, room.id).await?;
    let strategies = strategy_options(&state, &room).await?;
    let boards = export
        .activities
        .iter()
        .filter(|a| a.activity.kind == ActivityKind::Board)
        .map(|a| BoardItem {
            prompt: a.activity.prompt.clone(),
            stickies: a
                .answers
                .iter()
                .filter(|x| !x.hidden && x.merged_into.is_none())
                .map(|x| StickyItem {
                    column: x.column.clone().unwrap_or_default(),
                    text: x.text.clone().unwrap_or_default(),
                    votes: usize::try_from(x.votes).unwrap_or(0),
                    sa: StickyAction::new(room.id, x.id, x.action_id, &strategies),
                })
                .collect(),
        })
        .collect();
    Ok(StickiesPage {
        room_href: room_href(room.id),
        has_strategies: !strategies.is_empty(),
        boards,
        room,
        p,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct StickyActionForm {
    #[serde(default)]
    strategie: String,
}

/// Turns a post-it into an action of the grouping's plan and comes back to
/// the room's post-its, where it now links to its action.
async fn create_sticky_action(
    State(state): State<AppState>,
    RunnableRoom { room, user }: RunnableRoom,
    Id(answer): Id<AnswerId>,
    ip: ClientIp,
    Form(form): Form<StickyActionForm>,
) -> Result<Response, AppError> {
    let strategy = Uuid::parse_str(form.strategie.trim())
        .map_err(|_| AppError::Unprocessable("live-report-error-strategy"))?;
    let created = live_actions::sticky_to_action(
        &state.store,
        &actor(&user, &ip),
        &room,
        answer.uuid(),
        strategy,
    )
    .await
    .map_err(|e| match e {
        StickyActionError::Live(e) => AppError::from(e),
        StickyActionError::ForeignPlan => AppError::Unprocessable("live-report-error-strategy"),
    })?;
    let _ = created;
    Ok(Redirect::to(&format!(
        "{}/post-it?ok=live-report-flash-action#post-it-{}",
        room_href(room.id),
        answer.uuid()
    ))
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_ascii_from_the_title() {
        let mut room = Room {
            id: Uuid::nil(),
            grouping_id: Uuid::nil(),
            session_id: None,
            title: "Collaboration École-famille : 3 mots-clés".to_owned(),
            code: maillage_domain::live::JoinCode::parse("15304040").unwrap(),
            open: true,
            created_at: chrono::Utc::now(),
            closed_at: None,
        };
        assert_eq!(
            file_name(&room, ".csv"),
            "salle-collaboration-ecole-famille-3-mots-cles.csv"
        );
        assert_eq!(
            cloud_name(&room, 2, "png"),
            "salle-collaboration-ecole-famille-3-mots-cles-nuage-2.png"
        );
        "« »".clone_into(&mut room.title);
        assert_eq!(file_name(&room, ".csv"), "salle.csv");
    }
}
