//! The evaluation survey of an event: its questions, the anonymous
//! responses (one per registrant token, or any number through the general
//! link) and their results.
//!
//! A response never holds the registration: only a digest of the token
//! derived apart from the registration's own digest, so that the stored
//! rows cannot be joined back to a person.

use std::collections::HashMap;

use chrono::Utc;
use maillage_domain::events::{QuestionKind, stored_choices};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};
use uuid::Uuid;

use crate::entity::{survey_answer, survey_question, survey_response};
use crate::repo::order::{move_among, position, renumber};
use crate::{Store, StoreError};

/// The digest a response keeps of the registrant's token: not the one the
/// registration stores.
pub fn response_digest(token: &str) -> String {
    maillage_domain::token::digest(&format!("evaluation:{token}"))
}

/// The options of a question, one per line.
pub fn options_of(q: &survey_question::Model) -> Vec<String> {
    maillage_domain::events::parse_options(q.options.as_deref().unwrap_or_default())
}

pub async fn questions<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<survey_question::Model>, StoreError> {
    Ok(survey_question::Entity::find()
        .filter(survey_question::Column::EventId.eq(event_id))
        .order_by_asc(survey_question::Column::Position)
        .all(conn)
        .await?)
}

/// A question to add: kind, prompt, options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionInput {
    pub kind: QuestionKind,
    pub prompt: String,
    pub options: Vec<String>,
}

fn options_text(options: &[String]) -> Option<String> {
    (!options.is_empty()).then(|| options.join("\n"))
}

/// Adds questions after the existing ones, in one transaction.
pub async fn add_questions(
    store: &Store,
    event_id: Uuid,
    list: &[QuestionInput],
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let mut count = questions(&txn, event_id).await?.len();
    for q in list {
        survey_question::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(event_id),
            kind: Set(q.kind.as_str().to_owned()),
            prompt: Set(q.prompt.clone()),
            options: Set(options_text(&q.options)),
            position: Set(position(count)),
        }
        .insert(&txn)
        .await?;
        count += 1;
    }
    txn.commit().await?;
    Ok(())
}

async fn question_of<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
    id: Uuid,
) -> Result<survey_question::Model, StoreError> {
    survey_question::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|q| q.event_id == event_id)
        .ok_or(StoreError::NotFound)
}

pub async fn update_question(
    store: &Store,
    event_id: Uuid,
    id: Uuid,
    input: &QuestionInput,
) -> Result<(), StoreError> {
    let found = question_of(store.conn(), event_id, id).await?;
    let mut active: survey_question::ActiveModel = found.into();
    active.kind = Set(input.kind.as_str().to_owned());
    active.prompt = Set(input.prompt.clone());
    active.options = Set(options_text(&input.options));
    active.update(store.conn()).await?;
    Ok(())
}

pub async fn move_question(
    store: &Store,
    event_id: Uuid,
    id: Uuid,
    step: i32,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let ids = questions(&txn, event_id)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    move_among(&txn, "survey_questions", ids, id, step).await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes a question and the answers given to it.
pub async fn delete_question(store: &Store, event_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let txn = store.write().await?;
    question_of(&txn, event_id, id).await?;
    survey_answer::Entity::delete_many()
        .filter(survey_answer::Column::QuestionId.eq(id))
        .exec(&txn)
        .await?;
    survey_question::Entity::delete_by_id(id).exec(&txn).await?;
    let rest: Vec<Uuid> = questions(&txn, event_id)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    renumber(&txn, "survey_questions", &rest).await?;
    txn.commit().await?;
    Ok(())
}

/// Why a response is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseRefusal {
    /// This token already answered.
    AlreadyAnswered,
}

/// Whether this token digest already answered.
pub async fn has_answered<C: ConnectionTrait>(conn: &C, digest: &str) -> Result<bool, StoreError> {
    Ok(survey_response::Entity::find()
        .filter(survey_response::Column::TokenDigest.eq(digest))
        .count(conn)
        .await?
        > 0)
}

/// Records a response (`digest` from [`response_digest`], `None` for the
/// general link) with its checked answers, in one transaction.
pub async fn submit_response(
    store: &Store,
    event_id: Uuid,
    digest: Option<String>,
    answers: &[(Uuid, String)],
) -> Result<Result<survey_response::Model, ResponseRefusal>, StoreError> {
    let txn = store.write().await?;
    // Two sendings of one personal form at once: the second waits, then
    // finds the first (else both pass the check and one fails on the index).
    super::lock_event(store, &txn, event_id).await?;
    if let Some(d) = &digest
        && has_answered(&txn, d).await?
    {
        return Ok(Err(ResponseRefusal::AlreadyAnswered));
    }
    let ids: Vec<Uuid> = questions(&txn, event_id)
        .await?
        .into_iter()
        .map(|q| q.id)
        .collect();
    if answers.iter().any(|(q, _)| !ids.contains(q)) {
        return Err(StoreError::NotFound);
    }
    let response = survey_response::ActiveModel {
        id: Set(Uuid::new_v4()),
        event_id: Set(event_id),
        token_digest: Set(digest),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    for (question_id, value) in answers {
        survey_answer::ActiveModel {
            response_id: Set(response.id),
            question_id: Set(*question_id),
            value: Set(value.clone()),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(Ok(response))
}

/// Every response with its answers (question → value), oldest first.
pub async fn responses<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<(survey_response::Model, HashMap<Uuid, String>)>, StoreError> {
    let list = survey_response::Entity::find()
        .filter(survey_response::Column::EventId.eq(event_id))
        .order_by_asc(survey_response::Column::CreatedAt)
        .all(conn)
        .await?;
    if list.is_empty() {
        return Ok(Vec::new());
    }
    let answers = survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.is_in(list.iter().map(|r| r.id)))
        .all(conn)
        .await?;
    let mut by_response: HashMap<Uuid, HashMap<Uuid, String>> = HashMap::new();
    for a in answers {
        by_response
            .entry(a.response_id)
            .or_default()
            .insert(a.question_id, a.value);
    }
    Ok(list
        .into_iter()
        .map(|r| {
            let answers = by_response.remove(&r.id).unwrap_or_default();
            (r, answers)
        })
        .collect())
}

/// The results of one question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    pub id: Uuid,
    pub kind: QuestionKind,
    pub prompt: String,
    /// Choice questions: each option (then any answered value no longer an
    /// option) with its count; scales: `1` to `5`; free text: empty.
    pub counts: Vec<(String, usize)>,
    /// Responses that answered this question.
    pub answered: usize,
    /// Scales: the mean of the answers.
    pub mean: Option<f64>,
    /// Free text: the answers, oldest first.
    pub texts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SurveyResults {
    pub responses: usize,
    pub questions: Vec<QuestionResult>,
}

/// Counts, means and texts per question.
pub async fn survey_results<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<SurveyResults, StoreError> {
    let qs = questions(conn, event_id).await?;
    let all = responses(conn, event_id).await?;
    let questions = qs
        .iter()
        .map(|q| {
            let kind = q.kind();
            let values: Vec<&String> = all.iter().filter_map(|(_, a)| a.get(&q.id)).collect();
            let mut counts: Vec<(String, usize)> = match kind {
                QuestionKind::Single | QuestionKind::Multiple => {
                    options_of(q).into_iter().map(|o| (o, 0)).collect()
                }
                QuestionKind::Scale => (maillage_domain::events::SCALE_MIN
                    ..=maillage_domain::events::SCALE_MAX)
                    .map(|n| (n.to_string(), 0))
                    .collect(),
                QuestionKind::Text => Vec::new(),
            };
            let mut texts = Vec::new();
            let mut scale = Vec::new();
            for v in &values {
                match kind {
                    QuestionKind::Text => texts.push((*v).clone()),
                    _ => {
                        for choice in stored_choices(v) {
                            match counts.iter_mut().find(|(o, _)| o == choice) {
                                Some(c) => c.1 += 1,
                                None => counts.push((choice.to_owned(), 1)),
                            }
                            if kind == QuestionKind::Scale
                                && let Ok(n) = choice.parse::<u8>()
                            {
                                scale.push(n);
                            }
                        }
                    }
                }
            }
            QuestionResult {
                id: q.id,
                kind,
                prompt: q.prompt.clone(),
                counts,
                answered: values.len(),
                mean: maillage_domain::events::mean(&scale),
                texts,
            }
        })
        .collect();
    Ok(SurveyResults {
        responses: all.len(),
        questions,
    })
}
