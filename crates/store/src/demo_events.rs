//! The demo's event (`demo/events.json`), drawn from the bilan of seed 004:
//! « Osons l'aventure », two sessions of Commun'Enfant Jonquière in 2018,
//! with the seed's attendance grid (48 organizations, 43 present on 8 May,
//! 31 on 27 November), registrants checked in, the seven teams of the
//! mosaic with their post-its, the facilitators' observations, the
//! « Regard sur les pratiques » canvas and an evaluation whose answers say
//! what the seed's compilation says (spring 2019, three favourite topics).
//!
//! The grid keeps the names as the seed's table writes them; each one is
//! resolved at load time with the directory's name matcher, as an imported
//! grid would be, so the demo also shows that the matcher knows them.
//!
//! Loading is idempotent: an event is skipped when its grouping already has
//! an event of the same title.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use maillage_domain::names::{Candidate, Match, Matcher};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use serde::Deserialize;
use uuid::Uuid;

use crate::StoreError;
use crate::entity::attendance::AttendanceSource;
use crate::entity::event::EventStatus;
use crate::entity::registration::RegistrationStatus;
use crate::entity::{
    attendance, canvas_answer, canvas_question, event, observation, registration, sticky,
    survey_answer, survey_question, survey_response, team, team_member,
};
use crate::repo::events::{self as events_repo, EventInput, SessionInput};
use crate::repo::groupings;

const EVENTS_JSON: &str = include_str!("../demo/events.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoEvents {
    pub events: Vec<DemoEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoEvent {
    /// Slug of a grouping of `territory.json`.
    pub grouping: String,
    pub title: String,
    pub description: Option<String>,
    #[serde(default)]
    pub intentions: Vec<String>,
    pub audience: Option<String>,
    pub capacity: Option<i32>,
    /// `draft`, `published` or `done`.
    pub status: String,
    pub registration_closes_on: Option<NaiveDate>,
    pub sessions: Vec<DemoSession>,
    /// The attendance grid, one row an organization, as the seed writes it.
    #[serde(default)]
    pub grid: Vec<DemoGridRow>,
    #[serde(default)]
    pub registrations: Vec<DemoRegistration>,
    #[serde(default)]
    pub teams: Vec<DemoTeam>,
    pub canvas: Option<DemoCanvas>,
    pub evaluation: Option<DemoEvaluation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoSession {
    pub date: NaiveDate,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub place: Option<String>,
    pub address: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoGridRow {
    /// The name as written in the grid (resolved with the name matcher).
    pub name: String,
    /// One per session, in the order of `sessions`.
    pub present: Vec<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoRegistration {
    pub name: String,
    pub email: String,
    /// An organization's name (resolved with the name matcher).
    pub organization: String,
    pub role: Option<String>,
    pub needs: Option<String>,
    /// Checked in at each session, in the order of `sessions`.
    pub present: Vec<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoTeam {
    pub name: String,
    pub facilitator: Option<String>,
    /// E-mails of registrants.
    #[serde(default)]
    pub members: Vec<String>,
    /// The team's post-its on the mosaic, one a line of the seed.
    #[serde(default)]
    pub stickies: Vec<String>,
    #[serde(default)]
    pub observations: Vec<DemoObservation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoObservation {
    pub text: String,
    /// « Nombre de nouveaux contacts observés ».
    pub new_contacts: Option<i32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoCanvas {
    pub questions: Vec<String>,
    #[serde(default)]
    pub answers: Vec<DemoCanvasAnswer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoCanvasAnswer {
    /// E-mail of a registrant.
    pub registrant: String,
    /// 1-based number of the question.
    pub question: usize,
    pub text: String,
    /// Answered on behalf of the registrant's organization.
    #[serde(default)]
    pub for_organization: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoEvaluation {
    pub questions: Vec<DemoSurveyQuestion>,
    /// One row a response, one value a question (`null`: not answered).
    #[serde(default)]
    pub responses: Vec<Vec<Option<DemoValue>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoSurveyQuestion {
    /// `single`, `multiple`, `scale` or `text`.
    pub kind: String,
    pub prompt: String,
    #[serde(default)]
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum DemoValue {
    Scale(i32),
    Text(String),
    Choices(Vec<String>),
}

impl DemoValue {
    /// The value as `survey_answers` keeps it (several choices one a line).
    pub fn stored(&self) -> String {
        match self {
            DemoValue::Scale(n) => n.to_string(),
            DemoValue::Text(t) => t.clone(),
            DemoValue::Choices(c) => c.join("\n"),
        }
    }
}

pub fn events() -> DemoEvents {
    serde_json::from_str(EVENTS_JSON).expect("demo/events.json is valid (tested)")
}

/// The matcher over every organization of the directory with its aliases,
/// as an attendance import sees them.
async fn matcher<C: ConnectionTrait>(conn: &C) -> Result<Matcher, StoreError> {
    let orgs = crate::repo::directory_pages::organizations_with_aliases_in(conn).await?;
    Ok(Matcher::new(orgs.into_iter().map(|(id, name, aliases)| {
        Candidate { id, name, aliases }
    })))
}

/// The organization a demo name designates: its name or an alias, never a
/// guess, since a demo that silently attached presences to the wrong
/// organization would teach the wrong thing.
fn resolve(matcher: &Matcher, name: &str) -> Result<String, StoreError> {
    match matcher.find(name) {
        Match::Exact { id } | Match::Alias { id } => Ok(id),
        other => Err(StoreError::Invalid(format!(
            "demo organization `{name}` does not resolve exactly: {other:?}"
        ))),
    }
}

fn position(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

fn minutes(i: usize) -> Duration {
    Duration::minutes(i64::try_from(i).unwrap_or(0))
}

/// A moment of the day of `date`, in UTC (Québec is UTC−4 in May and
/// UTC−5 in November; the demo does not need the exact hour).
fn at(date: NaiveDate, hour: u32) -> DateTime<Utc> {
    date.and_hms_opt(hour, 0, 0)
        .expect("a valid hour of the day")
        .and_utc()
}

/// Loads the demo's events; the groupings and organizations of
/// `territory.json` must be loaded first.
pub(crate) async fn load(txn: &DatabaseTransaction) -> Result<(), StoreError> {
    let demo = events();
    let mut matcher_cache = None;
    for e in &demo.events {
        let grouping = groupings::find_by_slug(txn, &e.grouping)
            .await?
            .ok_or_else(|| {
                StoreError::Invalid(format!("demo grouping `{}` is unknown", e.grouping))
            })?;
        let existing = event::Entity::find()
            .filter(event::Column::GroupingId.eq(grouping.id))
            .filter(event::Column::Title.eq(e.title.as_str()))
            .count(txn)
            .await?;
        if existing > 0 {
            continue;
        }
        if matcher_cache.is_none() {
            matcher_cache = Some(matcher(txn).await?);
        }
        let matcher = matcher_cache.as_ref().expect("built above");
        create_event(txn, grouping.id, e, matcher).await?;
    }
    Ok(())
}

async fn create_event(
    txn: &DatabaseTransaction,
    grouping_id: Uuid,
    e: &DemoEvent,
    matcher: &Matcher,
) -> Result<(), StoreError> {
    let model = events_repo::create_event_in(
        txn,
        &EventInput {
            grouping_id: Some(grouping_id),
            title: e.title.clone(),
            description: e.description.clone(),
            intentions: e.intentions.clone(),
            audience: e.audience.clone(),
            capacity: e.capacity,
            status: EventStatus::parse(&e.status)
                .ok_or_else(|| StoreError::Invalid(format!("demo event status `{}`", e.status)))?,
            registration_closes_on: e.registration_closes_on,
        },
    )
    .await?;
    let mut sessions = Vec::with_capacity(e.sessions.len());
    for s in &e.sessions {
        let created = events_repo::ensure_session(
            txn,
            model.id,
            &SessionInput {
                date: s.date,
                starts_at: s.starts_at.clone(),
                ends_at: s.ends_at.clone(),
                place: s.place.clone(),
                address: s.address.clone(),
            },
        )
        .await?;
        sessions.push(created);
    }
    let dates: Vec<NaiveDate> = sessions.iter().map(|s| s.date).collect();
    let session_ids: Vec<Uuid> = sessions.iter().map(|s| s.id).collect();

    write_grid(txn, model.id, &session_ids, &dates, &e.grid, matcher).await?;
    let registrants = write_registrations(txn, &model, &session_ids, &dates, e, matcher).await?;
    let last_day = dates.last().copied().unwrap_or_default();
    for (i, t) in e.teams.iter().enumerate() {
        write_team(txn, model.id, i, t, &registrants, last_day).await?;
    }
    if let Some(canvas) = &e.canvas {
        write_canvas(txn, model.id, canvas, &registrants, dates.first().copied()).await?;
    }
    if let Some(evaluation) = &e.evaluation {
        write_evaluation(txn, model.id, evaluation, last_day).await?;
    }
    Ok(())
}

/// The presences of the grid, by organization, as an imported grid writes
/// them (source `grid`, so a later import of the real grid replaces them).
async fn write_grid(
    txn: &DatabaseTransaction,
    event_id: Uuid,
    session_ids: &[Uuid],
    dates: &[NaiveDate],
    grid: &[DemoGridRow],
    matcher: &Matcher,
) -> Result<(), StoreError> {
    let mut seen = std::collections::HashSet::new();
    for (row_number, row) in grid.iter().enumerate() {
        let org = resolve(matcher, &row.name)?;
        for ((present, session), date) in row.present.iter().zip(session_ids).zip(dates) {
            if *present && seen.insert((*session, org.clone())) {
                attendance::ActiveModel {
                    event_id: Set(event_id),
                    session_id: Set(*session),
                    organization_id: Set(Some(org.clone())),
                    registration_id: Set(None),
                    person_name: Set(None),
                    source: Set(AttendanceSource::Grid),
                    created_at: Set(at(*date, 18) + minutes(row_number)),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
    }
    Ok(())
}

/// A registrant as the rest of the loader refers to it.
struct Registrant {
    id: Uuid,
    organization_id: String,
}

async fn write_registrations(
    txn: &DatabaseTransaction,
    e: &event::Model,
    session_ids: &[Uuid],
    dates: &[NaiveDate],
    demo: &DemoEvent,
    matcher: &Matcher,
) -> Result<HashMap<String, Registrant>, StoreError> {
    let opened = dates
        .first()
        .map_or_else(Utc::now, |d| at(*d, 13) - Duration::days(30));
    let mut out = HashMap::new();
    for (i, r) in demo.registrations.iter().enumerate() {
        let organization_id = resolve(matcher, &r.organization)?;
        let email = r.email.trim().to_lowercase();
        // The personal link is not printed anywhere by the demo: a random
        // token keeps the registrants' pages as private as real ones.
        let token = maillage_domain::token::new_token();
        let id = Uuid::new_v4();
        registration::ActiveModel {
            id: Set(id),
            event_id: Set(e.id),
            name: Set(r.name.clone()),
            email: Set(email.clone()),
            organization_id: Set(Some(organization_id.clone())),
            organization_text: Set(None),
            role: Set(r.role.clone()),
            needs: Set(r.needs.clone()),
            status: Set(RegistrationStatus::Confirmed),
            token_digest: Set(maillage_domain::token::digest(&token)),
            confirmation: Set(Some(confirmation(&r.name, e, demo))),
            confirmation_lang: Set(Some("fr".to_owned())),
            confirmation_sent_at: Set(None),
            confirmation_error: Set(None),
            created_at: Set(opened + Duration::hours(i64::try_from(i).unwrap_or(0) * 7)),
        }
        .insert(txn)
        .await?;
        for (n, ((present, session), date)) in
            r.present.iter().zip(session_ids).zip(dates).enumerate()
        {
            if *present {
                attendance::ActiveModel {
                    event_id: Set(e.id),
                    session_id: Set(*session),
                    organization_id: Set(Some(organization_id.clone())),
                    registration_id: Set(Some(id)),
                    person_name: Set(None),
                    source: Set(AttendanceSource::Checkin),
                    created_at: Set(at(*date, 12) + minutes(i + n)),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
        }
        out.insert(
            email,
            Registrant {
                id,
                organization_id,
            },
        );
    }
    Ok(out)
}

/// The confirmation a registrant got, as the registration page words it.
fn confirmation(name: &str, e: &event::Model, demo: &DemoEvent) -> String {
    let sessions: Vec<String> = demo
        .sessions
        .iter()
        .map(|s| {
            let hours = match (&s.starts_at, &s.ends_at) {
                (Some(from), Some(to)) => format!(", de {} à {}", hour_fr(from), hour_fr(to)),
                _ => String::new(),
            };
            let place = s
                .place
                .as_deref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            let address = s
                .address
                .as_deref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            format!("– le {}{hours}{place}{address}", date_fr(s.date))
        })
        .collect();
    format!(
        "Bonjour {name},\n\nVotre inscription à «\u{a0}{}\u{a0}» est confirmée.\n\n{}\n\nAu plaisir de vous y voir\u{202f}!",
        e.title,
        sessions.join("\n")
    )
}

/// `08:30` → `8 h 30`, the Québec way.
fn hour_fr(hhmm: &str) -> String {
    maillage_domain::dates::clock_text(hhmm, maillage_domain::numbers::Language::French)
}

/// `2018-05-08` → `mardi 8 mai 2018`.
fn date_fr(d: NaiveDate) -> String {
    const DAYS: [&str; 7] = [
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ];
    let day = DAYS[d.weekday().num_days_from_monday() as usize];
    let date = maillage_domain::dates::date_text(d, maillage_domain::numbers::Language::French);
    format!("{day} {date}")
}

async fn write_team(
    txn: &DatabaseTransaction,
    event_id: Uuid,
    index: usize,
    t: &DemoTeam,
    registrants: &HashMap<String, Registrant>,
    day: NaiveDate,
) -> Result<(), StoreError> {
    let id = Uuid::new_v4();
    team::ActiveModel {
        id: Set(id),
        event_id: Set(event_id),
        name: Set(t.name.clone()),
        facilitator: Set(t.facilitator.clone()),
        position: Set(position(index)),
    }
    .insert(txn)
    .await?;
    for email in &t.members {
        let member = registrant(registrants, email)?;
        team_member::ActiveModel {
            team_id: Set(id),
            registration_id: Set(member.id),
        }
        .insert(txn)
        .await?;
    }
    for (i, text) in t.stickies.iter().enumerate() {
        sticky::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(event_id),
            team_id: Set(Some(id)),
            text: Set(text.clone()),
            position: Set(position(i)),
            created_at: Set(at(day, 15) + minutes(index * 10 + i)),
        }
        .insert(txn)
        .await?;
    }
    for (i, o) in t.observations.iter().enumerate() {
        observation::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(event_id),
            team_id: Set(Some(id)),
            text: Set(o.text.clone()),
            new_contacts: Set(o.new_contacts),
            author_id: Set(None),
            created_at: Set(at(day, 17) + minutes(index * 10 + i)),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

fn registrant<'a>(
    registrants: &'a HashMap<String, Registrant>,
    email: &str,
) -> Result<&'a Registrant, StoreError> {
    registrants
        .get(&email.trim().to_lowercase())
        .ok_or_else(|| StoreError::Invalid(format!("demo registrant `{email}` is unknown")))
}

async fn write_canvas(
    txn: &DatabaseTransaction,
    event_id: Uuid,
    canvas: &DemoCanvas,
    registrants: &HashMap<String, Registrant>,
    first_day: Option<NaiveDate>,
) -> Result<(), StoreError> {
    let mut question_ids = Vec::with_capacity(canvas.questions.len());
    for (i, prompt) in canvas.questions.iter().enumerate() {
        let id = Uuid::new_v4();
        canvas_question::ActiveModel {
            id: Set(id),
            event_id: Set(event_id),
            prompt: Set(prompt.clone()),
            position: Set(position(i)),
        }
        .insert(txn)
        .await?;
        question_ids.push(id);
    }
    // The canvas was homework between the two sessions.
    let written = first_day.map_or_else(Utc::now, |d| at(d, 16) + Duration::days(60));
    for (i, a) in canvas.answers.iter().enumerate() {
        let question = a
            .question
            .checked_sub(1)
            .and_then(|q| question_ids.get(q))
            .ok_or_else(|| {
                StoreError::Invalid(format!("demo canvas question {} is unknown", a.question))
            })?;
        let who = registrant(registrants, &a.registrant)?;
        canvas_answer::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(event_id),
            question_id: Set(*question),
            registration_id: Set(Some(who.id)),
            organization_id: Set(a.for_organization.then(|| who.organization_id.clone())),
            text: Set(a.text.clone()),
            created_at: Set(written + Duration::hours(i64::try_from(i).unwrap_or(0))),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

async fn write_evaluation(
    txn: &DatabaseTransaction,
    event_id: Uuid,
    evaluation: &DemoEvaluation,
    day: NaiveDate,
) -> Result<(), StoreError> {
    let mut question_ids = Vec::with_capacity(evaluation.questions.len());
    for (i, q) in evaluation.questions.iter().enumerate() {
        let id = Uuid::new_v4();
        survey_question::ActiveModel {
            id: Set(id),
            event_id: Set(event_id),
            kind: Set(q.kind.clone()),
            prompt: Set(q.prompt.clone()),
            options: Set((!q.options.is_empty()).then(|| q.options.join("\n"))),
            position: Set(position(i)),
        }
        .insert(txn)
        .await?;
        question_ids.push(id);
    }
    for (i, values) in evaluation.responses.iter().enumerate() {
        let id = Uuid::new_v4();
        // Anonymous answers from the general link: paper forms typed in
        // after the event carry no registrant token.
        survey_response::ActiveModel {
            id: Set(id),
            event_id: Set(event_id),
            token_digest: Set(None),
            created_at: Set(at(day, 17) + minutes(i)),
        }
        .insert(txn)
        .await?;
        for (question, value) in question_ids.iter().zip(values) {
            if let Some(value) = value {
                survey_answer::ActiveModel {
                    response_id: Set(id),
                    question_id: Set(*question),
                    value: Set(value.stored()),
                }
                .insert(txn)
                .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use sea_orm::{EntityTrait, PaginatorTrait};

    use super::*;
    use crate::demo::territory;

    /// The matcher over the demo territory's organizations, their names as ids.
    fn territory_matcher() -> Matcher {
        Matcher::new(territory().organizations.into_iter().map(|o| Candidate {
            id: o.name.clone(),
            name: o.name,
            aliases: o.aliases,
        }))
    }

    fn osons() -> DemoEvent {
        events()
            .events
            .into_iter()
            .find(|e| e.title.starts_with("Osons l'aventure"))
            .expect("the demo has « Osons l'aventure »")
    }

    #[test]
    fn demo_events_file_is_consistent() {
        let demo = events();
        let base = territory();
        let slugs: HashSet<&str> = base.groupings.iter().map(|g| g.slug.as_str()).collect();
        let matcher = territory_matcher();
        for e in &demo.events {
            assert!(
                slugs.contains(e.grouping.as_str()),
                "grouping {}",
                e.grouping
            );
            assert!(["draft", "published", "done"].contains(&e.status.as_str()));
            let mut dates: Vec<NaiveDate> = e.sessions.iter().map(|s| s.date).collect();
            assert!(dates.is_sorted(), "sessions of {} by date", e.title);
            dates.dedup();
            assert_eq!(dates.len(), e.sessions.len(), "one session a date");

            let mut grid: HashMap<String, Vec<bool>> = HashMap::new();
            for row in &e.grid {
                assert_eq!(row.present.len(), e.sessions.len(), "{}", row.name);
                let id = resolve(&matcher, &row.name).unwrap_or_else(|err| panic!("{err}"));
                assert!(
                    grid.insert(id.clone(), row.present.clone()).is_none(),
                    "{} appears twice in the grid (as {id})",
                    row.name
                );
            }

            let mut emails = HashSet::new();
            for r in &e.registrations {
                assert!(emails.insert(r.email.to_lowercase()), "{} twice", r.email);
                assert!(
                    maillage_domain::email::Email::parse(&r.email).is_ok(),
                    "{}",
                    r.email
                );
                assert!(r.email.ends_with("@example.org"), "{}", r.email);
                assert_eq!(r.present.len(), e.sessions.len(), "{}", r.name);
                let id = resolve(&matcher, &r.organization).unwrap_or_else(|err| panic!("{err}"));
                // A check-in makes its organization present: registrants
                // come only when the grid has their organization, so the
                // grid's counts stay the seed's.
                let org_present = grid
                    .get(&id)
                    .unwrap_or_else(|| panic!("{id} not in the grid"));
                for (i, here) in r.present.iter().enumerate() {
                    assert!(!here || org_present[i], "{} at session {i}", r.name);
                }
            }

            let mut team_names = HashSet::new();
            let mut members = HashSet::new();
            for t in &e.teams {
                assert!(team_names.insert(t.name.as_str()), "team {}", t.name);
                for m in &t.members {
                    assert!(emails.contains(m.as_str()), "member {m} of {}", t.name);
                    assert!(members.insert(m.as_str()), "{m} in two teams");
                }
                for o in &t.observations {
                    assert!(o.new_contacts.is_none_or(|n| n >= 0));
                }
            }

            if let Some(c) = &e.canvas {
                for a in &c.answers {
                    assert!(emails.contains(a.registrant.as_str()), "{}", a.registrant);
                    assert!((1..=c.questions.len()).contains(&a.question));
                }
            }
            if let Some(ev) = &e.evaluation {
                for q in &ev.questions {
                    assert!(["single", "multiple", "scale", "text"].contains(&q.kind.as_str()));
                    assert_eq!(
                        q.options.is_empty(),
                        !["single", "multiple"].contains(&q.kind.as_str()),
                        "options of {}",
                        q.prompt
                    );
                }
                for (i, values) in ev.responses.iter().enumerate() {
                    assert_eq!(values.len(), ev.questions.len(), "response {i}");
                    for (q, v) in ev.questions.iter().zip(values) {
                        let ok = match (q.kind.as_str(), v) {
                            (_, None) => true,
                            ("scale", Some(DemoValue::Scale(n))) => (1..=5).contains(n),
                            ("single", Some(DemoValue::Text(t))) => q.options.contains(t),
                            ("multiple", Some(DemoValue::Choices(c))) => {
                                !c.is_empty() && c.iter().all(|c| q.options.contains(c))
                            }
                            ("text", Some(DemoValue::Text(t))) => !t.trim().is_empty(),
                            _ => false,
                        };
                        assert!(ok, "response {i} to {}: {v:?}", q.prompt);
                    }
                }
            }
        }
    }

    /// The seed's numbers: 48 organizations, 43 on 8 May, 31 on 27
    /// November; seven teams; the evaluation prefers spring 2019.
    #[test]
    fn osons_l_aventure_is_the_seed() {
        let e = osons();
        assert_eq!(e.grouping, "commun-enfant-jonquiere");
        assert_eq!(e.status, "done");
        assert_eq!(e.intentions.len(), 5);
        let dates: Vec<String> = e.sessions.iter().map(|s| s.date.to_string()).collect();
        assert_eq!(dates, ["2018-05-08", "2018-11-27"]);
        assert!(e.sessions.iter().all(|s| {
            s.place.as_deref() == Some("Le Calypso de Jonquière")
                && s.address.as_deref() == Some("rue d'Auteuil, Jonquière")
                && s.starts_at.as_deref() == Some("08:30")
                && s.ends_at.as_deref() == Some("12:00")
        }));
        assert_eq!(e.grid.len(), 48);
        let at = |i: usize| e.grid.iter().filter(|r| r.present[i]).count();
        assert_eq!((at(0), at(1)), (43, 31));
        let matcher = territory_matcher();
        let distinct: HashSet<String> = e
            .grid
            .iter()
            .map(|r| resolve(&matcher, &r.name).unwrap())
            .collect();
        assert_eq!(distinct.len(), 48);

        assert!((18..=25).contains(&e.registrations.len()));
        assert_eq!(e.teams.len(), 7);
        assert!(e.teams.iter().any(|t| t.name == "Les REbelles"));
        assert!(e.teams.iter().any(|t| t.name == "Les 5 CLÉS"));
        assert!(
            e.teams
                .iter()
                .all(|t| t.facilitator.is_some() && !t.stickies.is_empty())
        );
        assert!(e.teams.iter().all(|t| !t.observations.is_empty()));
        let counted = e
            .teams
            .iter()
            .flat_map(|t| &t.observations)
            .filter(|o| o.new_contacts.is_some())
            .count();
        assert!(counted >= 2);

        let canvas = e.canvas.as_ref().unwrap();
        assert_eq!(canvas.questions.len(), 5);
        for (q, start) in canvas.questions.iter().zip([
            "Points de départ",
            "Mot",
            "L'autre",
            "Organisation",
            "Les bons coups et les défis",
        ]) {
            assert!(q.starts_with(start), "{q}");
        }

        let ev = e.evaluation.as_ref().unwrap();
        assert!((20..=30).contains(&ev.responses.len()));
        let when = ev
            .questions
            .iter()
            .position(|q| q.prompt.starts_with("Moment préféré"))
            .unwrap();
        let mut votes: HashMap<String, usize> = HashMap::new();
        for r in &ev.responses {
            if let Some(DemoValue::Text(t)) = &r[when] {
                *votes.entry(t.clone()).or_default() += 1;
            }
        }
        let spring = votes["Printemps 2019"];
        assert!(
            spring * 2 > ev.responses.len(),
            "a majority for spring: {votes:?}"
        );
        assert!(
            ev.questions
                .iter()
                .any(|q| q.prompt.contains("sujet chouchou"))
        );
    }

    async fn counts(store: &crate::Store) -> Vec<u64> {
        let conn = store.conn();
        vec![
            event::Entity::find().count(conn).await.unwrap(),
            crate::entity::event_session::Entity::find()
                .count(conn)
                .await
                .unwrap(),
            registration::Entity::find().count(conn).await.unwrap(),
            attendance::Entity::find().count(conn).await.unwrap(),
            team::Entity::find().count(conn).await.unwrap(),
            team_member::Entity::find().count(conn).await.unwrap(),
            sticky::Entity::find().count(conn).await.unwrap(),
            observation::Entity::find().count(conn).await.unwrap(),
            canvas_question::Entity::find().count(conn).await.unwrap(),
            canvas_answer::Entity::find().count(conn).await.unwrap(),
            survey_question::Entity::find().count(conn).await.unwrap(),
            survey_response::Entity::find().count(conn).await.unwrap(),
            survey_answer::Entity::find().count(conn).await.unwrap(),
            crate::entity::organization::Entity::find()
                .count(conn)
                .await
                .unwrap(),
        ]
    }

    #[tokio::test]
    async fn loading_the_demo_event_twice_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open_and_migrate(&crate::default_database_url(dir.path()))
            .await
            .unwrap();
        crate::demo::load(&store).await.unwrap();
        let first = counts(&store).await;
        let demo = osons();
        // With the live demo's « Collaboration École-famille » (`demo_live`).
        assert_eq!(first[0], 2, "events");
        assert_eq!(first[1], 3, "sessions");
        assert_eq!(first[2], demo.registrations.len() as u64, "registrations");
        assert_eq!(first[4], 7, "teams");
        crate::demo::load(&store).await.unwrap();
        assert_eq!(counts(&store).await, first);

        let conn = store.conn();
        let commun = groupings::find_by_slug(conn, "commun-enfant-jonquiere")
            .await
            .unwrap()
            .unwrap();
        let found = events_repo::events_of(conn, Some(&[commun.id]))
            .await
            .unwrap();
        assert_eq!(found.len(), 1);
        let e = &found[0];
        assert!(e.title.starts_with("Osons l'aventure"));
        assert_eq!(events_repo::intentions(e).len(), 5);

        // Check-ins add people, never organizations the grid lacks.
        let presence = events_repo::presence(conn, e.id).await.unwrap();
        assert_eq!(presence.organizations.len(), 48);
        assert_eq!(presence.organizations_at(0), 43);
        assert_eq!(presence.organizations_at(1), 31);
        assert_eq!(presence.at_every_session().len(), 26);
        let checked_in = |i: usize| demo.registrations.iter().filter(|r| r.present[i]).count();
        assert_eq!(presence.people, vec![checked_in(0), checked_in(1)]);
        assert_eq!(
            events_repo::first_timers(conn, e, &presence)
                .await
                .unwrap()
                .len(),
            48,
            "the grouping's first event"
        );
        let registrants = events_repo::registrations(conn, e.id).await.unwrap();
        assert!(registrants.iter().all(|r| r.status == "confirmed"));
        let text = registrants[0].confirmation.as_deref().unwrap();
        assert!(
            text.contains(
                "– le mardi 8 mai 2018, de 8 h 30 à 12 h, Le Calypso de Jonquière \
                 (rue d'Auteuil, Jonquière)"
            ),
            "{text}"
        );
        let sessions = events_repo::sessions(conn, e.id).await.unwrap();
        assert_eq!(
            sessions[0].place.as_deref(),
            Some("Le Calypso de Jonquière")
        );
        assert_eq!(sessions[1].starts_at.as_deref(), Some("08:30"));
        store.close().await;
    }

    #[test]
    fn hours_read_the_quebec_way() {
        assert_eq!(hour_fr("08:30"), "8 h 30");
        assert_eq!(hour_fr("12:00"), "12 h");
        assert_eq!(hour_fr("00:15"), "0 h 15");
        assert_eq!(
            date_fr(NaiveDate::from_ymd_opt(2018, 5, 8).unwrap()),
            "mardi 8 mai 2018"
        );
        assert_eq!(
            date_fr(NaiveDate::from_ymd_opt(2018, 11, 27).unwrap()),
            "mardi 27 novembre 2018"
        );
    }

    /// `name` retyped with one kind of mess seen in real grids, the first
    /// that applies starting from `kind` (but every fifth `kind`, a
    /// qualifier): a dotted acronym, an apostrophe
    /// typed as a space or left out, a contraction, a gender or number slip,
    /// a qualifier in parentheses (which always applies).
    fn retyped(name: &str, kind: usize) -> String {
        let words: Vec<&str> = name.split(' ').collect();
        let with_word = |i: usize, word: &str| {
            let mut out: Vec<&str> = words.clone();
            out[i] = word;
            out.join(" ")
        };
        // One name in five gets a qualifier; the others the first kind that
        // applies to them.
        let kinds = if kind % 5 == 4 { 0 } else { 4 };
        for k in (0..kinds).map(|k| (kind + k) % 4).chain([4]) {
            match k {
                0 => {
                    let acronym = words.iter().position(|w| {
                        (2..=6).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
                    });
                    if let Some(i) = acronym {
                        let dotted: String = words[i].chars().flat_map(|c| [c, '.']).collect();
                        return with_word(i, &dotted);
                    }
                }
                1 => {
                    for elided in ["d'", "l'", "D'", "L'"] {
                        if let Some(at) = name.find(elided) {
                            let gap = if kind.is_multiple_of(2) { " " } else { "" };
                            return format!("{}{gap}{}", &name[..=at], &name[at + 2..]);
                        }
                    }
                }
                2 => {
                    for (long, short) in [
                        ("Commission", "Comm."),
                        ("Municipalité", "Mun."),
                        ("Université", "Univ."),
                        ("Association", "Assoc."),
                        ("Coopérative", "Coop."),
                        ("Cégep", "CEGEP"),
                    ] {
                        if name.contains(long) {
                            return name.replacen(long, short, 1);
                        }
                    }
                }
                3 => {
                    let slip = words
                        .iter()
                        .rposition(|w| w.chars().count() >= 5 && w.chars().all(char::is_lowercase));
                    if let Some(i) = slip {
                        let word = words[i];
                        let slipped = match word.strip_suffix('s') {
                            Some(singular) => singular.to_owned(),
                            None => format!("{word}s"),
                        };
                        return with_word(i, &slipped);
                    }
                }
                _ => {
                    let qualifier = [
                        "(programme Sport-études)",
                        "(point de service)",
                        "(siège social)",
                    ][kind % 3];
                    return format!("{name} {qualifier}");
                }
            }
        }
        unreachable!("a qualifier always applies")
    }

    /// The grid of « Osons l'aventure », retyped, against the whole demo
    /// territory: every name finds its organization and none another.
    #[test]
    fn a_retyped_grid_matches_the_demo_territory() {
        let matcher = territory_matcher();
        let grid = osons().grid;
        assert_eq!(grid.len(), 48);
        let mut right = 0;
        let mut wrong = Vec::new();
        let mut missed = Vec::new();
        for (i, row) in grid.iter().enumerate() {
            let expected = resolve(&matcher, &row.name).unwrap();
            let messy = retyped(&row.name, i);
            assert_ne!(messy, row.name);
            match matcher.find(&messy) {
                Match::Exact { id } | Match::Alias { id } | Match::Fuzzy { id, .. } => {
                    if id == expected {
                        right += 1;
                    } else {
                        wrong.push((messy, id));
                    }
                }
                other => missed.push((messy, other)),
            }
        }
        assert!(wrong.is_empty(), "wrong organizations: {wrong:#?}");
        assert!(missed.is_empty(), "not matched: {missed:#?}");
        assert_eq!(right, 48);
    }
}
