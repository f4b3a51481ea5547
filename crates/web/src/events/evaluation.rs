//! The evaluation survey of an event: the coordinators' builder (single
//! and multiple choice, 1–5 scale, free text; the seed's preset), the
//! public answer page (anonymous; one answer per registrant token, any
//! number through the general link), the results with charts and the CSV
//! export.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maillage_domain::charts::{Bar, bar_chart};
use maillage_domain::events::{QuestionKind, SURVEY_PRESET, check_answer, check_question};
use maillage_domain::ids::QuestionId;
use maillage_interop::csv_out::{self, Cell};
use maillage_store::entity::{event, survey_question};
use maillage_store::repo::events as events_repo;
use maillage_store::repo::events::evaluations::{self as repo, QuestionInput, ResponseRefusal};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{InsideEvent, ManagedEvent, Op, VisibleEvent};
use super::event_href;
use super::teams::EventHead;
use crate::AppState;
use crate::error::AppError;
use crate::extract::Id;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::number_text;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/evenements/{event}/evaluation",
            get(show_builder).post(create_question),
        )
        .route("/evenements/{event}/evaluation/modele", post(create_preset))
        .route(
            "/evenements/{event}/evaluation/questions/{question}/{op}",
            post(update_question),
        )
        .route(
            "/evenements/{event}/evaluation/repondre",
            get(show_answer_form).post(create_response),
        )
        .route(
            "/evenements/{event}/evaluation/resultats",
            get(show_results),
        )
        .route(
            "/evenements/{event}/evaluation/resultats.csv",
            get(show_results_csv),
        )
}

fn to_builder(e: &event::Model, flash: &str, anchor: &str) -> Response {
    let kind = if flash.contains("-error-") {
        "erreur"
    } else {
        "ok"
    };
    Redirect::to(&format!(
        "{}/evaluation?{kind}={flash}#{anchor}",
        event_href(e.id)
    ))
    .into_response()
}

fn kind_label(lang: Lang, kind: QuestionKind) -> String {
    lang.t(kind.label_key())
}

/// A kind offered by the builder's select.
pub struct KindChoice {
    pub kind: QuestionKind,
    pub value: &'static str,
    pub label: String,
}

// ---------- the builder ----------

pub struct BuilderQuestion {
    pub id: String,
    pub number: usize,
    pub kind: QuestionKind,
    pub kind_label: String,
    pub prompt: String,
    pub options: Vec<String>,
    pub options_text: String,
    pub first: bool,
    pub last: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/evaluation_builder.html")]
pub struct BuilderPage {
    p: Page,
    ev: EventHead,
    questions: Vec<BuilderQuestion>,
    kinds: Vec<KindChoice>,
    public_href: String,
    responses: usize,
}

pub async fn show_builder(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    p: Page,
) -> Result<BuilderPage, AppError> {
    let lang = p.lang;
    let list = repo::questions(state.store.conn(), e.id).await?;
    let responses = repo::responses(state.store.conn(), e.id).await?.len();
    let n = list.len();
    let questions = list
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let options = repo::options_of(q);
            BuilderQuestion {
                id: q.id.to_string(),
                number: i + 1,
                kind: q.kind(),
                kind_label: kind_label(lang, q.kind()),
                prompt: q.prompt.clone(),
                options_text: options.join("\n"),
                options,
                first: i == 0,
                last: i + 1 == n,
            }
        })
        .collect();
    Ok(BuilderPage {
        ev: EventHead::of(&e, true),
        questions,
        kinds: QuestionKind::ALL
            .iter()
            .map(|k| KindChoice {
                kind: *k,
                value: k.as_str(),
                label: lang.t(k.label_key()),
            })
            .collect(),
        public_href: format!("{}/evaluation/repondre", event_href(e.id)),
        responses,
        p,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct QuestionForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    prompt: String,
    #[serde(default)]
    options: String,
}

/// The longest question (characters).
const MAX_PROMPT: usize = 2000;

fn question_input(form: &QuestionForm) -> Result<QuestionInput, &'static str> {
    if form.prompt.chars().count() > MAX_PROMPT {
        return Err("flash-evaluation-error-prompt");
    }
    match check_question(&form.kind, &form.prompt, &form.options) {
        Ok((kind, prompt, options)) => Ok(QuestionInput {
            kind,
            prompt,
            options,
        }),
        Err(e) => Err(match e.key() {
            "evaluation-error-options" => "flash-evaluation-error-options",
            "evaluation-error-kind" => "flash-evaluation-error-kind",
            _ => "flash-evaluation-error-prompt",
        }),
    }
}

pub async fn create_question(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Form(form): Form<QuestionForm>,
) -> Result<Response, AppError> {
    match question_input(&form) {
        Ok(input) => {
            repo::add_questions(&state.store, e.id, &[input]).await?;
            Ok(to_builder(&e, "flash-evaluation-saved", "questions"))
        }
        Err(flash) => Ok(to_builder(&e, flash, "new-question")),
    }
}

pub async fn create_preset(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
) -> Result<Response, AppError> {
    let list: Vec<QuestionInput> = SURVEY_PRESET
        .iter()
        .map(|q| QuestionInput {
            kind: q.kind,
            prompt: q.prompt.to_owned(),
            options: q.options.iter().map(|o| (*o).to_owned()).collect(),
        })
        .collect();
    repo::add_questions(&state.store, e.id, &list).await?;
    Ok(to_builder(&e, "flash-evaluation-preset-added", "questions"))
}

/// `modifier`, `monter`, `descendre`, `supprimer` on a question.
pub async fn update_question(
    State(state): State<AppState>,
    ManagedEvent { event: e, .. }: ManagedEvent,
    Id(question): Id<QuestionId>,
    Id(Op(op)): Id<Op>,
    Form(form): Form<QuestionForm>,
) -> Result<Response, AppError> {
    let qid = question.uuid();
    let anchor = format!("q-{qid}");
    match op.as_str() {
        "modifier" => match question_input(&form) {
            Ok(input) => repo::update_question(&state.store, e.id, qid, &input).await?,
            Err(flash) => return Ok(to_builder(&e, flash, &anchor)),
        },
        "supprimer" => {
            repo::delete_question(&state.store, e.id, qid).await?;
            return Ok(to_builder(&e, "flash-evaluation-deleted", "questions"));
        }
        "monter" => repo::move_question(&state.store, e.id, qid, -1).await?,
        "descendre" => repo::move_question(&state.store, e.id, qid, 1).await?,
        _ => return Err(AppError::NotFound),
    }
    Ok(to_builder(&e, "flash-evaluation-saved", &anchor))
}

// ---------- answering ----------

pub struct AnswerOption {
    pub value: String,
    pub id: String,
    pub checked: bool,
}

pub struct AnswerQuestion {
    pub id: String,
    pub number: usize,
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<AnswerOption>,
    pub text: String,
    pub error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/evaluation_answer.html")]
pub struct AnswerPage {
    p: Page,
    title: String,
    event_href: String,
    action: String,
    questions: Vec<AnswerQuestion>,
    /// A message instead of the form (already answered, thanks).
    notice: Option<String>,
    done: bool,
    has_errors: bool,
    personal: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    jeton: Option<String>,
    /// Set by the redirect after an answer: the page thanks (and shows no
    /// form), so that a reload sends nothing again.
    #[serde(default)]
    merci: Option<String>,
}

fn answer_questions(
    list: &[survey_question::Model],
    given: &HashMap<String, Vec<String>>,
    errors: &HashMap<Uuid, String>,
) -> Vec<AnswerQuestion> {
    list.iter()
        .enumerate()
        .map(|(i, q)| {
            let values = given
                .get(&format!("q-{}", q.id))
                .cloned()
                .unwrap_or_default();
            let options = match q.kind() {
                QuestionKind::Scale => (maillage_domain::events::SCALE_MIN
                    ..=maillage_domain::events::SCALE_MAX)
                    .map(|n| n.to_string())
                    .collect(),
                QuestionKind::Text => Vec::new(),
                QuestionKind::Single | QuestionKind::Multiple => repo::options_of(q),
            };
            AnswerQuestion {
                id: q.id.to_string(),
                number: i + 1,
                kind: q.kind(),
                prompt: q.prompt.clone(),
                options: options
                    .into_iter()
                    .enumerate()
                    .map(|(j, o)| AnswerOption {
                        checked: values.contains(&o),
                        id: format!("q-{}-{j}", q.id),
                        value: o,
                    })
                    .collect(),
                text: if q.kind() == QuestionKind::Text {
                    values.join("\n")
                } else {
                    String::new()
                },
                error: errors.get(&q.id).cloned(),
            }
        })
        .collect()
}

/// The registrant's token, checked against the event: `Ok(None)` for the
/// general link, 404 for a token that is not one of its registrations.
async fn token_digest(
    state: &AppState,
    e: &event::Model,
    token: Option<&str>,
) -> Result<Option<String>, AppError> {
    let Some(token) = token.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    events_repo::registration_by_token(state.store.conn(), token)
        .await?
        .filter(|r| r.event_id == e.id && !r.status.is_cancelled())
        .ok_or(AppError::NotFound)?;
    Ok(Some(repo::response_digest(token)))
}

fn answer_action(e: &event::Model, token: Option<&str>) -> String {
    match token.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!(
            "{}/evaluation/repondre?jeton={}",
            event_href(e.id),
            crate::error::url_escape(t)
        ),
        None => format!("{}/evaluation/repondre", event_href(e.id)),
    }
}

pub async fn show_answer_form(
    State(state): State<AppState>,
    VisibleEvent { event: e, .. }: VisibleEvent,
    Query(q): Query<TokenQuery>,
    p: Page,
) -> Result<Response, AppError> {
    let digest = token_digest(&state, &e, q.jeton.as_deref()).await?;
    let list = repo::questions(state.store.conn(), e.id).await?;
    let mut notice = None;
    let thanked = q.merci.is_some();
    if thanked {
        notice = Some(p.t("evaluation-thanks"));
    } else if let Some(d) = &digest
        && repo::has_answered(state.store.conn(), d).await?
    {
        notice = Some(p.t("evaluation-already-answered"));
    } else if list.is_empty() {
        notice = Some(p.t("evaluation-no-questions"));
    }
    Ok(AnswerPage {
        title: e.title.clone(),
        event_href: event_href(e.id),
        action: answer_action(&e, q.jeton.as_deref()),
        questions: answer_questions(&list, &HashMap::new(), &HashMap::new()),
        notice,
        done: thanked,
        has_errors: false,
        personal: digest.is_some(),
        p,
    }
    .into_response())
}

pub async fn create_response(
    State(state): State<AppState>,
    Query(q): Query<TokenQuery>,
    p: Page,
    _quota: crate::bounds::AnonymousWrite,
    VisibleEvent { event: e, .. }: VisibleEvent,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let digest = token_digest(&state, &e, q.jeton.as_deref()).await?;
    let list = repo::questions(state.store.conn(), e.id).await?;
    let mut given: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in fields {
        if k.starts_with("q-") {
            given.entry(k).or_default().push(v);
        }
    }
    let mut errors: HashMap<Uuid, String> = HashMap::new();
    let mut answers: Vec<(Uuid, String)> = Vec::new();
    for question in &list {
        let kind = question.kind();
        let values = given
            .get(&format!("q-{}", question.id))
            .cloned()
            .unwrap_or_default();
        match check_answer(kind, &repo::options_of(question), &values) {
            Ok(Some(v)) => answers.push((question.id, v)),
            Ok(None) => {}
            Err(err) => {
                errors.insert(question.id, p.t(err.key()));
            }
        }
    }
    let page =
        |p: Page, notice: Option<String>, done: bool, errors: &HashMap<Uuid, String>| AnswerPage {
            title: e.title.clone(),
            event_href: event_href(e.id),
            action: answer_action(&e, q.jeton.as_deref()),
            questions: answer_questions(&list, &given, errors),
            notice,
            done,
            has_errors: !errors.is_empty(),
            personal: digest.is_some(),
            p,
        };
    if list.is_empty() {
        let notice = Some(p.t("evaluation-no-questions"));
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(p, notice, false, &errors),
        )
            .into_response());
    }
    if !errors.is_empty() {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(p, None, false, &errors),
        )
            .into_response());
    }
    if answers.is_empty() {
        let notice = Some(p.t("evaluation-error-empty"));
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            page(p, notice, false, &errors),
        )
            .into_response());
    }
    match repo::submit_response(&state.store, e.id, digest.clone(), &answers).await {
        // Post/redirect/get: the thanks are a page of their own.
        Ok(Ok(_)) => {
            let action = answer_action(&e, q.jeton.as_deref());
            let glue = if action.contains('?') { '&' } else { '?' };
            Ok(Redirect::to(&format!("{action}{glue}merci=1")).into_response())
        }
        Ok(Err(ResponseRefusal::AlreadyAnswered)) => {
            let notice = Some(p.t("evaluation-already-answered"));
            Ok((StatusCode::CONFLICT, page(p, notice, true, &errors)).into_response())
        }
        // Questions deleted while the form was open.
        Err(maillage_store::StoreError::NotFound) => {
            let notice = Some(p.t("evaluation-error-changed"));
            Ok((StatusCode::CONFLICT, page(p, notice, false, &errors)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

// ---------- results ----------

pub struct ResultItem {
    pub number: usize,
    pub prompt: String,
    pub kind_label: String,
    pub answered: usize,
    pub chart: String,
    pub counts: Vec<(String, usize)>,
    pub mean: Option<String>,
    pub texts: Vec<String>,
    pub is_text: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/evaluation_results.html")]
pub struct ResultsPage {
    p: Page,
    ev: EventHead,
    responses: usize,
    questions: Vec<ResultItem>,
}

pub async fn show_results(
    State(state): State<AppState>,
    inside: InsideEvent,
    p: Page,
) -> Result<ResultsPage, AppError> {
    let can_manage = inside.may_manage();
    let e = inside.event;
    let lang = p.lang;
    let results = repo::survey_results(state.store.conn(), e.id).await?;
    let questions = results
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let is_text = q.kind == QuestionKind::Text;
            let bars: Vec<Bar> = q
                .counts
                .iter()
                .map(|(label, n)| Bar {
                    label: label.clone(),
                    value: f64::from(u32::try_from(*n).unwrap_or(u32::MAX)),
                    color: None,
                })
                .collect();
            ResultItem {
                number: i + 1,
                prompt: q.prompt.clone(),
                kind_label: kind_label(lang, q.kind),
                answered: q.answered,
                chart: if is_text || q.answered == 0 {
                    String::new()
                } else {
                    bar_chart(
                        &format!("eval-{}", i + 1),
                        &q.prompt,
                        &bars,
                        &lang.t("evaluation-no-answers"),
                    )
                },
                counts: q.counts.clone(),
                mean: q
                    .mean
                    .map(|m| number_text((m * 100.0).round() / 100.0, lang)),
                texts: q.texts.clone(),
                is_text,
            }
        })
        .collect();
    Ok(ResultsPage {
        ev: EventHead::of(&e, can_manage),
        responses: results.responses,
        questions,
        p,
    })
}

pub async fn show_results_csv(
    State(state): State<AppState>,
    InsideEvent { event: e, .. }: InsideEvent,
    p: Page,
) -> Result<Response, AppError> {
    let list = repo::questions(state.store.conn(), e.id).await?;
    let responses = repo::responses(state.store.conn(), e.id).await?;
    let table = csv_out::to_string_quoted(|w| {
        let mut header = vec![p.t("evaluation-csv-response")];
        header.extend(list.iter().map(|q| q.prompt.clone()));
        w.write_text(&header)?;
        for (i, (_, answers)) in responses.iter().enumerate() {
            let mut row = vec![(Cell::Number, (i + 1).to_string())];
            row.extend(list.iter().map(|q| {
                // Several choices share a cell; a free text keeps its lines.
                let value = answers.get(&q.id).map_or_else(String::new, |v| {
                    if q.kind() == QuestionKind::Text {
                        v.clone()
                    } else {
                        v.replace('\n', "; ")
                    }
                });
                (Cell::Text, value)
            }));
            w.write(row)?;
        }
        Ok(())
    });
    // The BOM makes Excel read the file as UTF-8.
    let out = format!("\u{feff}{table}");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"evaluation-{}.csv\"", e.id),
            ),
        ],
        out,
    )
        .into_response())
}
