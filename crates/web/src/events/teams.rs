//! Teams (tables) of an event with their facilitators, split by hand or
//! automatically mixing sectors; the reflection canvas (questions edited by
//! the coordinators, answered on each participant's personal page, read by
//! their team and by the grouping); facilitators' observations; and the
//! mosaic of stickies.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maillage_domain::events::{CANVAS_PRESET, distinct_sectors, parse_count, sticky_lines};
use maillage_domain::ids::{ObservationId, QuestionId, StickyId, TeamId};
use maillage_store::entity::{event, registration};
use maillage_store::repo::events as events_repo;
use maillage_store::repo::events::teams::{self as repo, AssignRefusal};
use maillage_store::repo::groupings::{OrgBrief, org_briefs};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{InsideEvent, ManagedEvent, Op, Registrant};
use super::{event_href, manage_href};
use crate::AppState;
use crate::error::AppError;
use crate::extract::Id;
use crate::forms::Choice;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::{opt, sector_label};
use crate::reference::Reference;
use crate::text::format_date;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/evenements/{event}/equipes",
            get(show_teams).post(create_team),
        )
        .route(
            "/evenements/{event}/equipes/repartir",
            post(create_auto_teams),
        )
        .route("/evenements/{event}/equipes/affecter", post(update_member))
        .route("/evenements/{event}/equipes/{team}/{op}", post(update_team))
        .route(
            "/evenements/{event}/canevas",
            get(show_canvas).post(create_canvas_question),
        )
        .route(
            "/evenements/{event}/canevas/modele",
            post(create_canvas_preset),
        )
        .route(
            "/evenements/{event}/canevas/reponses",
            get(show_canvas_answers),
        )
        .route(
            "/evenements/{event}/canevas/{question}/{op}",
            post(update_canvas_question),
        )
        .route("/evenements/{event}/moi/{personal}", get(show_personal))
        .route(
            "/evenements/{event}/moi/{personal}/canevas",
            post(update_personal_canvas),
        )
        .route(
            "/evenements/{event}/observations",
            get(show_observations).post(create_observation),
        )
        .route(
            "/evenements/{event}/observations/{observation}/supprimer",
            post(delete_observation),
        )
        .route(
            "/evenements/{event}/mosaique",
            get(show_mosaic).post(create_stickies),
        )
        .route(
            "/evenements/{event}/mosaique/{sticky}/supprimer",
            post(delete_sticky),
        )
}

// ---------- shared ----------

/// The event as the area's pages head it, with the links between them.
pub struct EventHead {
    pub title: String,
    pub href: String,
    pub manage_href: String,
    pub can_manage: bool,
}

impl EventHead {
    pub fn of(e: &event::Model, can_manage: bool) -> Self {
        EventHead {
            title: e.title.clone(),
            href: event_href(e.id),
            manage_href: manage_href(e.id),
            can_manage,
        }
    }
}

fn to_page(e: &event::Model, page: &str, flash: &str, anchor: &str) -> Response {
    let kind = if flash.contains("-error-") {
        "erreur"
    } else {
        "ok"
    };
    let anchor = if anchor.is_empty() {
        String::new()
    } else {
        format!("#{anchor}")
    };
    Redirect::to(&format!(
        "{}/{page}?{kind}={flash}{anchor}",
        event_href(e.id)
    ))
    .into_response()
}

fn step_of(op: &str) -> Option<i32> {
    match op {
        "monter" => Some(-1),
        "descendre" => Some(1),
        _ => None,
    }
}

/// The organization a registrant names: from the directory, or typed in.
fn org_text(orgs: &HashMap<String, OrgBrief>, r: &registration::Model) -> String {
    r.organization_id
        .as_ref()
        .and_then(|o| orgs.get(o))
        .map(|b| b.name.clone())
        .or_else(|| r.organization_text.clone())
        .unwrap_or_default()
}

fn sector_code(orgs: &HashMap<String, OrgBrief>, r: &registration::Model) -> Option<String> {
    r.organization_id
        .as_ref()
        .and_then(|o| orgs.get(o))
        .and_then(|b| b.sector.clone())
}

async fn briefs_of(
    state: &AppState,
    regs: &[registration::Model],
) -> Result<HashMap<String, OrgBrief>, AppError> {
    let ids: Vec<String> = regs
        .iter()
        .filter_map(|r| r.organization_id.clone())
        .collect();
    Ok(org_briefs(state.store.conn(), Some(&ids)).await?)
}

// ---------- teams ----------

pub struct MemberItem {
    pub id: String,
    pub name: String,
    pub organization: String,
    pub sector: String,
}

pub struct TeamItem {
    pub id: String,
    pub name: String,
    pub facilitator: String,
    pub members: Vec<MemberItem>,
    pub sectors: usize,
    pub first: bool,
    pub last: bool,
}

pub struct PersonItem {
    pub id: String,
    pub name: String,
    pub organization: String,
    pub sector: String,
    pub team_id: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/teams_list.html")]
pub struct TeamsPage {
    p: Page,
    ev: EventHead,
    teams: Vec<TeamItem>,
    people: Vec<PersonItem>,
    team_choices: Vec<Choice>,
    unassigned: usize,
    suggested: usize,
}

pub async fn show_teams(
    State(state): State<AppState>,
    inside: InsideEvent,
    p: Page,
) -> Result<TeamsPage, AppError> {
    let can_manage = inside.may_manage();
    let e = inside.event;
    let lang = p.lang;
    let reference = Reference::load(&state).await?;
    let regs: Vec<registration::Model> = events_repo::registrations(state.store.conn(), e.id)
        .await?
        .into_iter()
        .filter(|r| r.status.is_confirmed())
        .collect();
    let orgs = briefs_of(&state, &regs).await?;
    let views = repo::teams_with_members(state.store.conn(), e.id).await?;
    let mut team_of: HashMap<Uuid, Uuid> = HashMap::new();
    let n = views.len();
    let teams = views
        .iter()
        .enumerate()
        .map(|(i, v)| {
            for m in &v.members {
                team_of.insert(m.id, v.team.id);
            }
            let codes: Vec<Option<String>> =
                v.members.iter().map(|m| sector_code(&orgs, m)).collect();
            TeamItem {
                id: v.team.id.to_string(),
                name: v.team.name.clone(),
                facilitator: v.team.facilitator.clone().unwrap_or_default(),
                members: v
                    .members
                    .iter()
                    .map(|m| MemberItem {
                        id: m.id.to_string(),
                        name: m.name.clone(),
                        organization: org_text(&orgs, m),
                        sector: sector_label(&reference, lang, sector_code(&orgs, m).as_deref()),
                    })
                    .collect(),
                sectors: distinct_sectors(codes.iter().map(Option::as_deref)),
                first: i == 0,
                last: i + 1 == n,
            }
        })
        .collect();
    let people: Vec<PersonItem> = regs
        .iter()
        .map(|r| PersonItem {
            id: r.id.to_string(),
            name: r.name.clone(),
            organization: org_text(&orgs, r),
            sector: sector_label(&reference, lang, sector_code(&orgs, r).as_deref()),
            team_id: team_of
                .get(&r.id)
                .map(ToString::to_string)
                .unwrap_or_default(),
        })
        .collect();
    let unassigned = people.iter().filter(|x| x.team_id.is_empty()).count();
    let team_choices = views
        .iter()
        .map(|v| Choice {
            value: v.team.id.to_string(),
            label: v.team.name.clone(),
        })
        .collect();
    Ok(TeamsPage {
        ev: EventHead::of(&e, can_manage),
        teams,
        suggested: if n > 0 {
            n
        } else {
            people.len().div_ceil(8).max(1)
        },
        people,
        team_choices,
        unassigned,
        p,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct TeamForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    facilitator: String,
}

pub async fn create_team(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Form(form): Form<TeamForm>,
) -> Result<Response, AppError> {
    if form.name.trim().is_empty() {
        return Ok(to_page(&e, "equipes", "flash-teams-error-name", "new-team"));
    }
    let t = repo::create_team(&state.store, e.id, &form.name, opt(&form.facilitator)).await?;
    Ok(to_page(
        &e,
        "equipes",
        "flash-teams-saved",
        &format!("t-{}", t.id),
    ))
}

/// `modifier` (name and facilitator), `monter`, `descendre`, `supprimer`.
pub async fn update_team(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Id(team): Id<TeamId>,
    Id(Op(op)): Id<Op>,
    Form(form): Form<TeamForm>,
) -> Result<Response, AppError> {
    let team = repo::team_of_event(state.store.conn(), e.id, team.uuid())
        .await?
        .ok_or(AppError::NotFound)?;
    let anchor = format!("t-{}", team.id);
    match op.as_str() {
        "modifier" => {
            if form.name.trim().is_empty() {
                return Ok(to_page(&e, "equipes", "flash-teams-error-name", &anchor));
            }
            repo::update_team(
                &state.store,
                e.id,
                team.id,
                &form.name,
                opt(&form.facilitator),
            )
            .await?;
        }
        "supprimer" => {
            repo::delete_team(&state.store, e.id, team.id).await?;
            return Ok(to_page(&e, "equipes", "flash-teams-deleted", ""));
        }
        other => {
            let step = step_of(other).ok_or(AppError::NotFound)?;
            repo::move_team(&state.store, e.id, team.id, step).await?;
        }
    }
    Ok(to_page(&e, "equipes", "flash-teams-saved", &anchor))
}

#[derive(Debug, Default, Deserialize)]
pub struct AutoForm {
    #[serde(default)]
    count: String,
}

/// The most teams an automatic split makes.
const MAX_TEAMS: usize = 100;

pub async fn create_auto_teams(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    p: Page,
    Form(form): Form<AutoForm>,
) -> Result<Response, AppError> {
    let count = match form.count.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_TEAMS).contains(&n) => n,
        _ => return Ok(to_page(&e, "equipes", "flash-teams-error-count", "auto")),
    };
    let lang = p.lang;
    repo::auto_assign(&state.store, e.id, count, |n| {
        lang.t_args("teams-default-name", &[("number", n.to_string())])
    })
    .await?;
    Ok(to_page(&e, "equipes", "flash-teams-split", "teams"))
}

#[derive(Debug, Default, Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    registration: String,
    #[serde(default)]
    team: String,
}

pub async fn update_member(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Form(form): Form<AssignForm>,
) -> Result<Response, AppError> {
    let Ok(registration) = Uuid::parse_str(form.registration.trim()) else {
        return Ok(to_page(&e, "equipes", "flash-teams-error-person", "people"));
    };
    let team = if form.team.trim().is_empty() {
        None
    } else {
        match Uuid::parse_str(form.team.trim()) {
            Ok(t) => Some(t),
            Err(_) => return Ok(to_page(&e, "equipes", "flash-teams-error-team", "people")),
        }
    };
    match repo::assign(&state.store, e.id, registration, team).await {
        Ok(Ok(())) => Ok(to_page(
            &e,
            "equipes",
            "flash-teams-assigned",
            &format!("r-{registration}"),
        )),
        Ok(Err(AssignRefusal::NotConfirmed)) => Ok(to_page(
            &e,
            "equipes",
            "flash-teams-error-not-confirmed",
            "people",
        )),
        Err(maillage_store::StoreError::NotFound) => {
            Ok(to_page(&e, "equipes", "flash-teams-error-person", "people"))
        }
        Err(other) => Err(other.into()),
    }
}

// ---------- canvas: questions ----------

pub struct CanvasQuestionItem {
    pub id: String,
    pub number: usize,
    pub prompt: String,
    pub answers: usize,
    pub first: bool,
    pub last: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/teams_canvas.html")]
pub struct CanvasPage {
    p: Page,
    ev: EventHead,
    questions: Vec<CanvasQuestionItem>,
}

pub async fn show_canvas(
    State(state): State<AppState>,
    inside: InsideEvent,
    p: Page,
) -> Result<CanvasPage, AppError> {
    let can_manage = inside.may_manage();
    let e = inside.event;
    let c = repo::canvas(state.store.conn(), e.id).await?;
    let n = c.questions.len();
    let questions = c
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| CanvasQuestionItem {
            id: q.id.to_string(),
            number: i + 1,
            prompt: q.prompt.clone(),
            answers: c.answers_to(q.id).count(),
            first: i == 0,
            last: i + 1 == n,
        })
        .collect();
    Ok(CanvasPage {
        ev: EventHead::of(&e, can_manage),
        questions,
        p,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct PromptForm {
    #[serde(default)]
    prompt: String,
}

/// The longest canvas question (characters).
const MAX_PROMPT: usize = 2000;

pub async fn create_canvas_question(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Form(form): Form<PromptForm>,
) -> Result<Response, AppError> {
    let prompt = form.prompt.trim();
    if prompt.is_empty() || prompt.chars().count() > MAX_PROMPT {
        return Ok(to_page(
            &e,
            "canevas",
            "flash-canvas-error-prompt",
            "new-question",
        ));
    }
    repo::add_canvas_questions(&state.store, e.id, &[prompt]).await?;
    Ok(to_page(&e, "canevas", "flash-canvas-saved", "questions"))
}

pub async fn create_canvas_preset(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
) -> Result<Response, AppError> {
    repo::add_canvas_questions(&state.store, e.id, &CANVAS_PRESET).await?;
    Ok(to_page(
        &e,
        "canevas",
        "flash-canvas-preset-added",
        "questions",
    ))
}

/// `modifier`, `monter`, `descendre`, `supprimer` on a question.
pub async fn update_canvas_question(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Id(question): Id<QuestionId>,
    Id(Op(op)): Id<Op>,
    Form(form): Form<PromptForm>,
) -> Result<Response, AppError> {
    let qid = question.uuid();
    let anchor = format!("q-{qid}");
    match op.as_str() {
        "modifier" => {
            let prompt = form.prompt.trim();
            if prompt.is_empty() || prompt.chars().count() > MAX_PROMPT {
                return Ok(to_page(&e, "canevas", "flash-canvas-error-prompt", &anchor));
            }
            repo::update_canvas_question(&state.store, e.id, qid, prompt).await?;
        }
        "supprimer" => {
            repo::delete_canvas_question(&state.store, e.id, qid).await?;
            return Ok(to_page(&e, "canevas", "flash-canvas-deleted", "questions"));
        }
        other => {
            let step = step_of(other).ok_or(AppError::NotFound)?;
            repo::move_canvas_question(&state.store, e.id, qid, step).await?;
        }
    }
    Ok(to_page(&e, "canevas", "flash-canvas-saved", &anchor))
}

// ---------- canvas: answers ----------

pub struct AnswerItem {
    pub who: String,
    pub organization: String,
    pub on_behalf: bool,
    pub text: String,
}

pub struct AnswerGroup {
    pub team: String,
    pub answers: Vec<AnswerItem>,
}

pub struct QuestionAnswers {
    pub number: usize,
    pub prompt: String,
    pub groups: Vec<AnswerGroup>,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/teams_canvas_answers.html")]
pub struct CanvasAnswersPage {
    p: Page,
    ev: EventHead,
    questions: Vec<QuestionAnswers>,
    total: usize,
}

/// Answers grouped by question, then by team (people in no team last).
fn group_answers(
    canvas: &repo::Canvas,
    views: &[repo::TeamView],
    regs: &HashMap<Uuid, registration::Model>,
    orgs: &HashMap<String, OrgBrief>,
    no_team: &str,
    only: Option<&[Uuid]>,
) -> Vec<QuestionAnswers> {
    let mut team_of: HashMap<Uuid, usize> = HashMap::new();
    for (i, v) in views.iter().enumerate() {
        for m in &v.members {
            team_of.insert(m.id, i);
        }
    }
    canvas
        .questions
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let mut buckets: Vec<Vec<AnswerItem>> = (0..=views.len()).map(|_| Vec::new()).collect();
            for a in canvas.answers_to(q.id) {
                let Some(rid) = a.registration_id else {
                    continue;
                };
                if only.is_some_and(|ids| !ids.contains(&rid)) {
                    continue;
                }
                let Some(r) = regs.get(&rid) else {
                    continue;
                };
                let slot = team_of.get(&rid).copied().unwrap_or(views.len());
                buckets[slot].push(AnswerItem {
                    who: r.name.clone(),
                    organization: org_text(orgs, r),
                    on_behalf: a.organization_id.is_some(),
                    text: a.text.clone(),
                });
            }
            let groups = buckets
                .into_iter()
                .enumerate()
                .filter(|(_, b)| !b.is_empty())
                .map(|(i, answers)| AnswerGroup {
                    team: views
                        .get(i)
                        .map_or_else(|| no_team.to_owned(), |v| v.team.name.clone()),
                    answers,
                })
                .collect();
            QuestionAnswers {
                number: qi + 1,
                prompt: q.prompt.clone(),
                groups,
            }
        })
        .collect()
}

pub async fn show_canvas_answers(
    State(state): State<AppState>,
    inside: InsideEvent,
    p: Page,
) -> Result<CanvasAnswersPage, AppError> {
    let can_manage = inside.may_manage();
    let e = inside.event;
    let canvas = repo::canvas(state.store.conn(), e.id).await?;
    let views = repo::teams_with_members(state.store.conn(), e.id).await?;
    let list = events_repo::registrations(state.store.conn(), e.id).await?;
    let orgs = briefs_of(&state, &list).await?;
    let regs: HashMap<Uuid, registration::Model> = list.into_iter().map(|r| (r.id, r)).collect();
    let questions = group_answers(&canvas, &views, &regs, &orgs, &p.t("teams-no-team"), None);
    Ok(CanvasAnswersPage {
        ev: EventHead::of(&e, can_manage),
        total: canvas.answers.len(),
        questions,
        p,
    })
}

// ---------- the participant's personal page ----------

pub struct MyQuestion {
    pub id: String,
    pub number: usize,
    pub prompt: String,
    pub answer: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/teams_personal.html")]
pub struct PersonalPage {
    p: Page,
    title: String,
    event_href: String,
    name: String,
    status: String,
    team: Option<String>,
    facilitator: String,
    teammates: Vec<MemberItem>,
    questions: Vec<MyQuestion>,
    action: String,
    organization: String,
    on_behalf: bool,
    team_answers: Vec<QuestionAnswers>,
    evaluation_href: String,
    links_href: String,
}

pub async fn show_personal(
    State(state): State<AppState>,
    Registrant {
        event: e,
        registration: me,
        token,
    }: Registrant,
    p: Page,
) -> Result<PersonalPage, AppError> {
    let lang = p.lang;
    let reference = Reference::load(&state).await?;
    let canvas = repo::canvas(state.store.conn(), e.id).await?;
    let views = repo::teams_with_members(state.store.conn(), e.id).await?;
    let list = events_repo::registrations(state.store.conn(), e.id).await?;
    let orgs = briefs_of(&state, &list).await?;
    let regs: HashMap<Uuid, registration::Model> = list.into_iter().map(|r| (r.id, r)).collect();
    let mine = views
        .iter()
        .find(|v| v.members.iter().any(|m| m.id == me.id));
    let mut on_behalf = false;
    let questions = canvas
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let answer = canvas
                .answers_to(q.id)
                .find(|a| a.registration_id == Some(me.id));
            on_behalf |= answer.is_some_and(|a| a.organization_id.is_some());
            MyQuestion {
                id: q.id.to_string(),
                number: i + 1,
                prompt: q.prompt.clone(),
                answer: answer.map(|a| a.text.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let team_answers = match mine {
        Some(v) => {
            let ids: Vec<Uuid> = v
                .members
                .iter()
                .map(|m| m.id)
                .filter(|m| *m != me.id)
                .collect();
            group_answers(&canvas, &views, &regs, &orgs, "", Some(&ids))
                .into_iter()
                .filter(|q| !q.groups.is_empty())
                .collect()
        }
        None => Vec::new(),
    };
    Ok(PersonalPage {
        title: e.title.clone(),
        event_href: event_href(e.id),
        name: me.name.clone(),
        status: lang.t(&format!("mypage-status-{}", me.status.as_str())),
        team: mine.map(|v| v.team.name.clone()),
        facilitator: mine
            .and_then(|v| v.team.facilitator.clone())
            .unwrap_or_default(),
        teammates: mine
            .map(|v| {
                v.members
                    .iter()
                    .filter(|m| m.id != me.id)
                    .map(|m| MemberItem {
                        id: m.id.to_string(),
                        name: m.name.clone(),
                        organization: org_text(&orgs, m),
                        sector: sector_label(&reference, lang, sector_code(&orgs, m).as_deref()),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        questions,
        action: format!("{}/moi/{token}/canevas", event_href(e.id)),
        organization: me
            .organization_id
            .as_ref()
            .and_then(|o| orgs.get(o))
            .map(|b| b.name.clone())
            .unwrap_or_default(),
        on_behalf,
        team_answers,
        evaluation_href: format!("{}/evaluation/repondre?jeton={token}", event_href(e.id)),
        links_href: format!("{}/moi/{token}/liens", event_href(e.id)),
        p,
    })
}

/// The most characters kept per canvas answer.
const MAX_ANSWER: usize = maillage_domain::limits::LONG_TEXT;

pub async fn update_personal_canvas(
    State(state): State<AppState>,
    _quota: crate::bounds::AnonymousWrite,
    Registrant {
        event: e,
        registration: me,
        token,
    }: Registrant,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let back = format!("{}/moi/{token}", event_href(e.id));
    if me.status.is_cancelled() {
        return Ok(
            Redirect::to(&format!("{back}?erreur=flash-mypage-error-cancelled")).into_response(),
        );
    }
    let on_behalf = fields.iter().any(|(k, v)| k == "au_nom" && !v.is_empty());
    let mut answers: Vec<(Uuid, String)> = Vec::new();
    for (k, v) in &fields {
        let Some(q) = k.strip_prefix("q-") else {
            continue;
        };
        let Ok(q) = Uuid::parse_str(q) else {
            return Ok(
                Redirect::to(&format!("{back}?erreur=flash-mypage-error-question")).into_response(),
            );
        };
        if v.chars().count() > MAX_ANSWER {
            return Ok(Redirect::to(&format!(
                "{back}?erreur=flash-mypage-error-too-long#canevas"
            ))
            .into_response());
        }
        answers.push((q, v.clone()));
    }
    let organization = if on_behalf {
        me.organization_id.clone()
    } else {
        None
    };
    match repo::save_canvas_answers(&state.store, e.id, me.id, organization, &answers).await {
        Ok(()) => {
            Ok(Redirect::to(&format!("{back}?ok=flash-mypage-saved#canevas")).into_response())
        }
        Err(maillage_store::StoreError::NotFound) => {
            Ok(Redirect::to(&format!("{back}?erreur=flash-mypage-error-question")).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

// ---------- observations ----------

pub struct ObservationItem {
    pub id: String,
    pub team: String,
    pub text: String,
    pub new_contacts: Option<i32>,
    pub date: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ObservationForm {
    #[serde(default)]
    team: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    new_contacts: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/teams_observations.html")]
pub struct ObservationsPage {
    p: Page,
    ev: EventHead,
    observations: Vec<ObservationItem>,
    team_choices: Vec<Choice>,
    total_contacts: i64,
    form: ObservationForm,
    error: Option<String>,
}

async fn observations_page(
    state: &AppState,
    e: &event::Model,
    p: Page,
    form: ObservationForm,
    error: Option<String>,
) -> Result<ObservationsPage, AppError> {
    let lang = p.lang;
    let teams = repo::teams(state.store.conn(), e.id).await?;
    let names: HashMap<Uuid, String> = teams.iter().map(|t| (t.id, t.name.clone())).collect();
    let list = repo::observations(state.store.conn(), e.id).await?;
    let total_contacts = list
        .iter()
        .filter_map(|o| o.new_contacts)
        .map(i64::from)
        .sum();
    Ok(ObservationsPage {
        ev: EventHead::of(e, true),
        observations: list
            .into_iter()
            .map(|o| ObservationItem {
                id: o.id.to_string(),
                team: o
                    .team_id
                    .and_then(|t| names.get(&t).cloned())
                    .unwrap_or_else(|| lang.t("observations-general")),
                text: o.text,
                new_contacts: o.new_contacts,
                date: format_date(o.created_at, lang),
            })
            .collect(),
        team_choices: teams
            .iter()
            .map(|t| Choice {
                value: t.id.to_string(),
                label: t.name.clone(),
            })
            .collect(),
        total_contacts,
        form,
        error,
        p,
    })
}

pub async fn show_observations(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    p: Page,
) -> Result<ObservationsPage, AppError> {
    observations_page(&state, &e, p, ObservationForm::default(), None).await
}

/// The longest observation kept (characters).
const MAX_OBSERVATION: usize = maillage_domain::limits::LONG_TEXT;

pub async fn create_observation(
    State(state): State<AppState>,
    ManagedEvent { event: e, user }: ManagedEvent,
    p: Page,
    Form(form): Form<ObservationForm>,
) -> Result<Response, AppError> {
    let text = form.text.trim().to_owned();
    let count = parse_count(&form.new_contacts);
    let team = if form.team.trim().is_empty() {
        Ok(None)
    } else {
        Uuid::parse_str(form.team.trim()).map(Some)
    };
    let error = if text.is_empty() || text.chars().count() > MAX_OBSERVATION {
        Some("observations-error-text")
    } else if count.is_err() {
        Some("observations-error-count")
    } else if team.is_err() {
        Some("observations-error-team")
    } else {
        None
    };
    if let (None, Ok(count), Ok(team)) = (error, count, team) {
        let author = Some(user.view.user.id);
        match repo::add_observation(&state.store, e.id, team, &text, count, author).await {
            Ok(_) => {
                return Ok(to_page(
                    &e,
                    "observations",
                    "flash-observations-saved",
                    "list",
                ));
            }
            Err(maillage_store::StoreError::NotFound) => {
                let msg = p.t("observations-error-team");
                let page = observations_page(&state, &e, p, form, Some(msg)).await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
            }
            Err(other) => return Err(other.into()),
        }
    }
    let msg = p.t(error.unwrap_or("observations-error-text"));
    let page = observations_page(&state, &e, p, form, Some(msg)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn delete_observation(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Id(observation): Id<ObservationId>,
) -> Result<Response, AppError> {
    repo::delete_observation(&state.store, e.id, observation.uuid()).await?;
    Ok(to_page(
        &e,
        "observations",
        "flash-observations-deleted",
        "list",
    ))
}

// ---------- mosaic ----------

pub struct StickyItem {
    pub id: String,
    pub text: String,
}

pub struct Wall {
    pub team: String,
    pub stickies: Vec<StickyItem>,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/teams_mosaic.html")]
pub struct MosaicPage {
    p: Page,
    ev: EventHead,
    walls: Vec<Wall>,
    team_choices: Vec<Choice>,
    count: usize,
}

pub async fn show_mosaic(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    p: Page,
) -> Result<MosaicPage, AppError> {
    let teams = repo::teams(state.store.conn(), e.id).await?;
    let stickies = repo::stickies(state.store.conn(), e.id).await?;
    let count = stickies.len();
    let walls = mosaic_walls(&teams, &stickies, p.lang);
    Ok(MosaicPage {
        ev: EventHead::of(&e, true),
        walls,
        team_choices: teams
            .iter()
            .map(|t| Choice {
                value: t.id.to_string(),
                label: t.name.clone(),
            })
            .collect(),
        count,
        p,
    })
}

/// Stickies by team in the teams' order, general ones last; empty walls
/// are left out.
fn mosaic_walls(
    teams: &[maillage_store::entity::team::Model],
    stickies: &[maillage_store::entity::sticky::Model],
    lang: Lang,
) -> Vec<Wall> {
    let mut walls: Vec<Wall> = teams
        .iter()
        .map(|t| Wall {
            team: t.name.clone(),
            stickies: Vec::new(),
        })
        .collect();
    walls.push(Wall {
        team: lang.t("mosaic-general"),
        stickies: Vec::new(),
    });
    let general = teams.len();
    for s in stickies {
        let slot = s
            .team_id
            .and_then(|t| teams.iter().position(|x| x.id == t))
            .unwrap_or(general);
        walls[slot].stickies.push(StickyItem {
            id: s.id.to_string(),
            text: s.text.clone(),
        });
    }
    walls.retain(|w| !w.stickies.is_empty());
    walls
}

#[derive(Debug, Default, Deserialize)]
pub struct StickiesForm {
    #[serde(default)]
    team: String,
    #[serde(default)]
    lines: String,
}

/// The longest sticky (characters) and the most typed at once.
const MAX_STICKY: usize = 500;
const MAX_STICKIES: usize = 200;

pub async fn create_stickies(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Form(form): Form<StickiesForm>,
) -> Result<Response, AppError> {
    let lines = sticky_lines(&form.lines);
    if lines.is_empty() {
        return Ok(to_page(&e, "mosaique", "flash-mosaic-error-empty", "add"));
    }
    if lines.len() > MAX_STICKIES || lines.iter().any(|l| l.chars().count() > MAX_STICKY) {
        return Ok(to_page(
            &e,
            "mosaique",
            "flash-mosaic-error-too-long",
            "add",
        ));
    }
    let team = if form.team.trim().is_empty() {
        None
    } else {
        match Uuid::parse_str(form.team.trim()) {
            Ok(t) => Some(t),
            Err(_) => return Ok(to_page(&e, "mosaique", "flash-mosaic-error-team", "add")),
        }
    };
    match repo::add_stickies(&state.store, e.id, team, &lines).await {
        Ok(_) => Ok(to_page(&e, "mosaique", "flash-mosaic-saved", "wall")),
        Err(maillage_store::StoreError::NotFound) => {
            Ok(to_page(&e, "mosaique", "flash-mosaic-error-team", "add"))
        }
        Err(other) => Err(other.into()),
    }
}

pub async fn delete_sticky(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Id(sticky): Id<StickyId>,
) -> Result<Response, AppError> {
    repo::delete_sticky(&state.store, e.id, sticky.uuid()).await?;
    Ok(to_page(&e, "mosaique", "flash-mosaic-deleted", "wall"))
}
