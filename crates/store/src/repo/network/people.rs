//! The network at person level, inside one grouping: people are the
//! registrants of its events (one person per e-mail across the events) and
//! their walk-ins (one per normalized name and organization); they are
//! linked by attending the same session and, more strongly, by sitting at
//! the same table — the weights the organization level uses for the same
//! sources.
//!
//! One query per table, like [`super::evidence`]; nothing here
//! ever carries an e-mail out: a person is known by an opaque id (`p-` and
//! the id of their first registration, `w-` and the row of their first
//! walk-in), a display name and an organization.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use maillage_domain::network::PersonKey;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::{Evidence, Scope, Source};
use crate::StoreError;
use crate::entity::{attendance, event, event_session, registration, team, team_member};

/// One person of a grouping's network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: String,
    /// As the person last wrote it.
    pub name: String,
    /// The directory's organization, when known.
    pub organization_id: Option<String>,
    /// An organization typed in and not matched, when that is all there is.
    pub organization_text: Option<String>,
}

/// The people of a scope and the evidence linking them (`a`, `b` are
/// person ids).
#[derive(Debug, Clone, Default)]
pub struct PeopleNetwork {
    pub people: BTreeMap<String, Person>,
    pub evidence: Vec<Evidence>,
}

/// Every pair of a set, in order.
fn pairs(ids: &BTreeSet<String>) -> Vec<(String, String)> {
    let list: Vec<&String> = ids.iter().collect();
    let mut out = Vec::new();
    for (i, a) in list.iter().enumerate() {
        for b in &list[i + 1..] {
            out.push(((*a).clone(), (*b).clone()));
        }
    }
    out
}

/// The people of a grouping's events, or of one event, and their links.
/// The territory has no person level: it is always empty.
pub async fn people_evidence<C: ConnectionTrait>(
    conn: &C,
    scope: &Scope,
) -> Result<PeopleNetwork, StoreError> {
    let events: Vec<event::Model> = match scope {
        Scope::Grouping(g) => {
            event::Entity::find()
                .filter(event::Column::GroupingId.eq(*g))
                .filter(event::Column::Status.ne(event::EventStatus::Draft))
                .all(conn)
                .await?
        }
        Scope::Event(e) => event::Entity::find_by_id(*e).all(conn).await?,
        Scope::Territory => return Ok(PeopleNetwork::default()),
    };
    let event_ids: Vec<Uuid> = events.iter().map(|e| e.id).collect();
    if event_ids.is_empty() {
        return Ok(PeopleNetwork::default());
    }
    let sessions = event_session::Entity::find()
        .filter(event_session::Column::EventId.is_in(event_ids.clone()))
        .all(conn)
        .await?;
    let mut registrations = registration::Entity::find()
        .filter(registration::Column::EventId.is_in(event_ids.clone()))
        .all(conn)
        .await?;
    // Oldest first: the first registration names the person's id, the
    // latest their name and organization.
    registrations.sort_by(|x, y| x.created_at.cmp(&y.created_at).then(x.id.cmp(&y.id)));
    let mut attendance = attendance::Entity::find()
        .filter(attendance::Column::EventId.is_in(event_ids.clone()))
        .all(conn)
        .await?;
    attendance.sort_by_key(|a| a.id);
    let teams = team::Entity::find()
        .filter(team::Column::EventId.is_in(event_ids))
        .all(conn)
        .await?;
    let members = team_member::Entity::find()
        .filter(team_member::Column::TeamId.is_in(teams.iter().map(|t| t.id)))
        .all(conn)
        .await?;

    Ok(link_people(
        &sessions,
        &registrations,
        &attendance,
        &teams,
        &members,
    ))
}

/// The people and their links: co-attendance, session by session, and the
/// same table, dated by the event's first session.
fn link_people(
    sessions: &[event_session::Model],
    registrations: &[registration::Model],
    attendance: &[attendance::Model],
    teams: &[team::Model],
    members: &[team_member::Model],
) -> PeopleNetwork {
    let Identities {
        people,
        person_of_registration,
        person_of_row,
    } = identify(registrations, attendance);

    let mut out = Vec::new();
    // Co-attendance, session by session.
    let session_of: HashMap<Uuid, &event_session::Model> =
        sessions.iter().map(|s| (s.id, s)).collect();
    let mut present: BTreeMap<Uuid, BTreeSet<String>> = BTreeMap::new();
    for a in attendance {
        let who = match a.registration_id {
            Some(r) => person_of_registration.get(&r),
            None => person_of_row.get(&a.id),
        };
        if let Some(who) = who {
            present.entry(a.session_id).or_default().insert(who.clone());
        }
    }
    for (session, here) in &present {
        let s = session_of.get(session);
        let weight = super::newman_weight(here.len());
        for (a, b) in pairs(here) {
            out.push(Evidence {
                a,
                b,
                source: Source::CoAttendance,
                weight,
                on: s.map(|s| s.date),
                event: s.map(|s| s.event_id),
                session: Some(*session),
            });
        }
    }

    // The same table, dated by the event's first session.
    let mut first_date: HashMap<Uuid, NaiveDate> = HashMap::new();
    for s in sessions {
        let d = first_date.entry(s.event_id).or_insert(s.date);
        if s.date < *d {
            *d = s.date;
        }
    }
    let team_event: HashMap<Uuid, Uuid> = teams.iter().map(|t| (t.id, t.event_id)).collect();
    let mut at_table: BTreeMap<Uuid, BTreeSet<String>> = BTreeMap::new();
    for m in members {
        if let Some(who) = person_of_registration.get(&m.registration_id) {
            at_table.entry(m.team_id).or_default().insert(who.clone());
        }
    }
    for (t, here) in &at_table {
        let e = team_event.get(t).copied();
        let weight = super::newman_weight(here.len());
        for (a, b) in pairs(here) {
            out.push(Evidence {
                a,
                b,
                source: Source::SameTeam,
                weight,
                on: e.and_then(|e| first_date.get(&e).copied()),
                event: e,
                session: None,
            });
        }
    }

    // Only people who were there (present or at a table) are nodes.
    let there: BTreeSet<&String> = present
        .values()
        .chain(at_table.values())
        .flatten()
        .collect();
    let people = people
        .into_iter()
        .filter(|(id, _)| there.contains(id))
        .collect();
    PeopleNetwork {
        people,
        evidence: out,
    }
}

/// Who is who: each registration's and each walk-in row's person, and the
/// people by id.
struct Identities {
    people: BTreeMap<String, Person>,
    person_of_registration: HashMap<Uuid, String>,
    person_of_row: HashMap<i64, String>,
}

/// `registrations` oldest first (the first names the person's id, the
/// latest their name and organization), `attendance` by row.
fn identify(registrations: &[registration::Model], attendance: &[attendance::Model]) -> Identities {
    let mut by_key: HashMap<PersonKey, String> = HashMap::new();
    let mut people: BTreeMap<String, Person> = BTreeMap::new();
    let mut person_of_registration: HashMap<Uuid, String> = HashMap::new();
    for r in registrations {
        let Some(key) = PersonKey::registrant(&r.email) else {
            continue;
        };
        let id = by_key
            .entry(key)
            .or_insert_with(|| format!("p-{}", r.id))
            .clone();
        let p = people.entry(id.clone()).or_insert_with(|| Person {
            id: id.clone(),
            name: String::new(),
            organization_id: None,
            organization_text: None,
        });
        r.name.trim().clone_into(&mut p.name);
        if r.organization_id.is_some() {
            p.organization_id.clone_from(&r.organization_id);
            p.organization_text = None;
        } else if p.organization_id.is_none() {
            p.organization_text = r
                .organization_text
                .as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
        }
        person_of_registration.insert(r.id, id);
    }
    let mut person_of_row: HashMap<i64, String> = HashMap::new();
    for a in attendance.iter().filter(|a| a.registration_id.is_none()) {
        let Some(name) = a.person_name.as_deref() else {
            continue;
        };
        let Some(key) = PersonKey::walk_in(name, a.organization_id.as_deref()) else {
            continue;
        };
        let id = by_key
            .entry(key)
            .or_insert_with(|| format!("w-{}", a.id))
            .clone();
        people.entry(id.clone()).or_insert_with(|| Person {
            id: id.clone(),
            name: name.trim().to_owned(),
            organization_id: a.organization_id.clone(),
            organization_text: None,
        });
        person_of_row.insert(a.id, id);
    }

    Identities {
        people,
        person_of_registration,
        person_of_row,
    }
}
