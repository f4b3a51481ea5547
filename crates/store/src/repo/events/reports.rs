//! The bilan of an event: everything it is made from, loaded with a fixed
//! number of queries whatever the number of participants, and the
//! coordinator's edited sections (`report_sections`).

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use maillage_domain::names::normalize;
use maillage_domain::reports::{
    MemberInfo, ObservationInfo, OrgPresence, QuestionInfo, ReportInput, SessionInfo, TeamInfo,
};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::{self as events, Presence};
use crate::entity::{
    attendance, event, grouping, observation, registration, report_section, sticky, survey_answer,
    survey_question, survey_response, team, team_member,
};
use crate::repo::audit::{self, Actor};
use crate::repo::groupings::{self, OrgBrief};
use crate::{Store, StoreError};

/// What the bilan of one event is made from, as stored.
#[derive(Debug, Clone)]
pub struct ReportData {
    pub event: event::Model,
    pub grouping: Option<grouping::Model>,
    pub presence: Presence,
    pub first_timers: HashSet<String>,
    pub attendance: Vec<attendance::Model>,
    pub registrations: Vec<registration::Model>,
    /// The organizations present or registered.
    pub organizations: HashMap<String, OrgBrief>,
    pub teams: Vec<team::Model>,
    pub members: Vec<team_member::Model>,
    pub stickies: Vec<sticky::Model>,
    pub observations: Vec<observation::Model>,
    pub questions: Vec<survey_question::Model>,
    /// By the time they came in.
    pub responses: Vec<survey_response::Model>,
    pub answers: Vec<survey_answer::Model>,
    pub edits: Vec<report_section::Model>,
}

/// Loads the bilan's data of `e`: one query per table, never one per
/// participant.
pub async fn load<C: ConnectionTrait>(
    conn: &C,
    e: &event::Model,
) -> Result<ReportData, StoreError> {
    let grouping = match e.grouping_id {
        Some(g) => grouping::Entity::find_by_id(g).one(conn).await?,
        None => None,
    };
    let attendance = events::attendance_rows(conn, e.id).await?;
    let presence = events::presence_of(events::sessions(conn, e.id).await?, &attendance);
    let first_timers: HashSet<String> = events::first_timers(conn, e, &presence)
        .await?
        .into_iter()
        .collect();
    let registrations = events::registrations(conn, e.id).await?;
    let mut org_ids: Vec<String> = presence
        .organizations
        .keys()
        .cloned()
        .chain(
            registrations
                .iter()
                .filter_map(|r| r.organization_id.clone()),
        )
        .collect();
    org_ids.sort();
    org_ids.dedup();
    let organizations = groupings::org_briefs(conn, Some(&org_ids)).await?;
    let teams = team::Entity::find()
        .filter(team::Column::EventId.eq(e.id))
        .order_by_asc(team::Column::Position)
        .order_by_asc(team::Column::Name)
        .all(conn)
        .await?;
    let members = team_member::Entity::find()
        .filter(
            team_member::Column::TeamId.in_subquery(
                Query::select()
                    .column(team::Column::Id)
                    .from(team::Entity)
                    .and_where(team::Column::EventId.eq(e.id))
                    .to_owned(),
            ),
        )
        .all(conn)
        .await?;
    let stickies = sticky::Entity::find()
        .filter(sticky::Column::EventId.eq(e.id))
        .order_by_asc(sticky::Column::Position)
        .order_by_asc(sticky::Column::CreatedAt)
        .all(conn)
        .await?;
    let observations = observation::Entity::find()
        .filter(observation::Column::EventId.eq(e.id))
        .order_by_asc(observation::Column::CreatedAt)
        .all(conn)
        .await?;
    let questions = survey_question::Entity::find()
        .filter(survey_question::Column::EventId.eq(e.id))
        .order_by_asc(survey_question::Column::Position)
        .all(conn)
        .await?;
    let response_ids = Query::select()
        .column(survey_response::Column::Id)
        .from(survey_response::Entity)
        .and_where(survey_response::Column::EventId.eq(e.id))
        .to_owned();
    let responses = survey_response::Entity::find()
        .filter(survey_response::Column::EventId.eq(e.id))
        .order_by_asc(survey_response::Column::CreatedAt)
        .all(conn)
        .await?;
    let answers = survey_answer::Entity::find()
        .filter(survey_answer::Column::ResponseId.in_subquery(response_ids))
        .all(conn)
        .await?;
    let edits = edits(conn, e.id).await?;
    Ok(ReportData {
        event: e.clone(),
        grouping,
        presence,
        first_timers,
        attendance,
        registrations,
        organizations,
        teams,
        members,
        stickies,
        observations,
        questions,
        responses,
        answers,
        edits,
    })
}

impl ReportData {
    /// Distinct people present at one session at least: registrants
    /// checked in, and walk-ins told apart by name and organization.
    pub fn people(&self) -> usize {
        let mut registrants = HashSet::new();
        let mut walk_ins = HashSet::new();
        for a in &self.attendance {
            if let Some(r) = a.registration_id {
                registrants.insert(r);
            } else if let Some(name) = &a.person_name {
                walk_ins.insert((normalize(name), a.organization_id.clone()));
            }
        }
        registrants.len() + walk_ins.len()
    }

    /// The plain data the bilan is composed from; `date_text` writes a date
    /// for readers, `sector_label` names a sector code.
    pub fn input(
        &self,
        date_text: &dyn Fn(chrono::NaiveDate) -> String,
        sector_label: &dyn Fn(&str) -> String,
    ) -> ReportInput {
        let e = &self.event;
        let org_name = |id: &str| self.org_name(id);
        let sessions = self
            .presence
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| SessionInfo {
                date: s.date,
                date_text: date_text(s.date),
                starts_at: s.starts_at.clone(),
                ends_at: s.ends_at.clone(),
                place: s.place.clone(),
                address: s.address.clone(),
                people: self.presence.people.get(i).copied().unwrap_or(0),
            })
            .collect();
        let organizations = self
            .presence
            .organizations
            .iter()
            .map(|(id, present)| {
                let sector = self.organizations.get(id).and_then(|b| b.sector.clone());
                OrgPresence {
                    id: id.clone(),
                    name: org_name(id),
                    sector_label: sector.as_deref().map(sector_label),
                    sector,
                    present: present.clone(),
                    first_time: self.first_timers.contains(id),
                }
            })
            .collect();
        let (teams, loose_stickies) = self.teams_info();
        let team_names: HashMap<Uuid, &str> =
            self.teams.iter().map(|t| (t.id, t.name.as_str())).collect();
        let observations = self
            .observations
            .iter()
            .map(|o| ObservationInfo {
                team: o
                    .team_id
                    .and_then(|t| team_names.get(&t))
                    .map(|n| (*n).to_owned()),
                text: o.text.clone(),
                new_contacts: o.new_contacts,
            })
            .collect();
        let questions = self.questions_info();
        ReportInput {
            title: e.title.clone(),
            grouping: self.grouping.as_ref().map(|g| g.name.clone()),
            description: e.description.clone(),
            intentions: events::intentions(e),
            audience: e.audience.clone(),
            sessions,
            organizations,
            people: self.people(),
            registered: self
                .registrations
                .iter()
                .filter(|r| r.status.is_confirmed())
                .count(),
            teams,
            loose_stickies,
            observations,
            questions,
            responses: self.responses.len(),
            language: maillage_domain::numbers::Language::French,
        }
    }

    /// An organization's name (its id when unknown).
    fn org_name(&self, id: &str) -> String {
        self.organizations
            .get(id)
            .map_or_else(|| id.to_owned(), |b| b.name.clone())
    }

    /// The teams with their members and stickies, and the stickies of no
    /// team.
    fn teams_info(&self) -> (Vec<TeamInfo>, Vec<String>) {
        let org_name = |id: &str| self.org_name(id);
        let regs: HashMap<Uuid, &registration::Model> =
            self.registrations.iter().map(|r| (r.id, r)).collect();
        let mut members_of: HashMap<Uuid, Vec<MemberInfo>> = HashMap::new();
        for m in &self.members {
            let Some(r) = regs.get(&m.registration_id) else {
                continue;
            };
            let (organization, sector) = match &r.organization_id {
                Some(id) => (
                    Some(org_name(id)),
                    self.organizations.get(id).and_then(|b| b.sector.clone()),
                ),
                None => (r.organization_text.clone(), None),
            };
            members_of.entry(m.team_id).or_default().push(MemberInfo {
                name: r.name.clone(),
                organization,
                sector,
            });
        }
        let mut stickies_of: HashMap<Uuid, Vec<String>> = HashMap::new();
        let mut loose_stickies = Vec::new();
        let team_ids: HashSet<Uuid> = self.teams.iter().map(|t| t.id).collect();
        for s in &self.stickies {
            match s.team_id.filter(|t| team_ids.contains(t)) {
                Some(t) => stickies_of.entry(t).or_default().push(s.text.clone()),
                None => loose_stickies.push(s.text.clone()),
            }
        }
        let teams = self
            .teams
            .iter()
            .map(|t| {
                let mut members = members_of.remove(&t.id).unwrap_or_default();
                members.sort_by_cached_key(|m| normalize(&m.name));
                TeamInfo {
                    name: t.name.clone(),
                    facilitator: t.facilitator.clone().filter(|f| !f.trim().is_empty()),
                    members,
                    stickies: stickies_of.remove(&t.id).unwrap_or_default(),
                }
            })
            .collect();
        (teams, loose_stickies)
    }

    /// The evaluation's questions with their answers.
    fn questions_info(&self) -> Vec<QuestionInfo> {
        // Answers in the order they came in, so that a value is shown as
        // first written.
        let order: HashMap<Uuid, usize> = self
            .responses
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id, i))
            .collect();
        let mut answers: Vec<&survey_answer::Model> = self.answers.iter().collect();
        answers.sort_by_key(|a| order.get(&a.response_id).copied().unwrap_or(usize::MAX));
        let mut answers_of: HashMap<Uuid, Vec<String>> = HashMap::new();
        for a in answers {
            answers_of
                .entry(a.question_id)
                .or_default()
                .push(a.value.clone());
        }
        self.questions
            .iter()
            .map(|q| QuestionInfo {
                kind: q.kind(),
                prompt: q.prompt.clone(),
                options: q
                    .options
                    .as_deref()
                    .unwrap_or_default()
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                answers: answers_of.remove(&q.id).unwrap_or_default(),
            })
            .collect()
    }

    /// The coordinator's text of a section, if edited.
    pub fn edit(&self, section: &str) -> Option<&report_section::Model> {
        self.edits.iter().find(|s| s.section == section)
    }
}

/// The edited sections of an event's bilan.
pub async fn edits<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<report_section::Model>, StoreError> {
    Ok(report_section::Entity::find()
        .filter(report_section::Column::EventId.eq(event_id))
        .all(conn)
        .await?)
}

/// Saves the coordinator's text of one section (replacing an earlier one);
/// the other sections are left as they are.
pub async fn save_section(
    store: &Store,
    actor: &Actor,
    event_id: Uuid,
    section: &str,
    content: &str,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let existing = report_section::Entity::find_by_id((event_id, section.to_owned()))
        .one(&txn)
        .await?;
    match existing {
        Some(found) => {
            let mut active: report_section::ActiveModel = found.into();
            active.content = Set(content.to_owned());
            active.updated_at = Set(Utc::now());
            active.updated_by = Set(actor.user_id);
            active.update(&txn).await?;
        }
        None => {
            report_section::ActiveModel {
                event_id: Set(event_id),
                section: Set(section.to_owned()),
                content: Set(content.to_owned()),
                updated_at: Set(Utc::now()),
                updated_by: Set(actor.user_id),
            }
            .insert(&txn)
            .await?;
        }
    }
    audit::record(
        &txn,
        actor,
        "event_report.edit",
        Some(event_id.to_string()),
        Some(serde_json::json!({ "section": section })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Forgets the coordinator's text of one section: the generated one shows
/// again. Returns whether there was one.
pub async fn reset_section(
    store: &Store,
    actor: &Actor,
    event_id: Uuid,
    section: &str,
) -> Result<bool, StoreError> {
    let txn = store.write().await?;
    let res = report_section::Entity::delete_many()
        .filter(report_section::Column::EventId.eq(event_id))
        .filter(report_section::Column::Section.eq(section))
        .exec(&txn)
        .await?;
    if res.rows_affected > 0 {
        audit::record(
            &txn,
            actor,
            "event_report.reset",
            Some(event_id.to_string()),
            Some(serde_json::json!({ "section": section })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(res.rows_affected > 0)
}
