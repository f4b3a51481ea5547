//! The demo's live participation rooms, both closed, as they would be
//! after their meetings:
//!
//! - seed 003's meeting « Collaboration École-famille » (13 October 2021):
//!   the Menti « 3 mots-clés… » as a word cloud of thirty answers (where
//!   « Écoute », « écoute », « l’écoute » and « Écoutes » group as one word)
//!   and the Padlet « Pour résoudre ces enjeux… » as a board whose columns
//!   are the seed's enjeux;
//! - seed 004's mosaic (« La MOSAÏQUE : L’œuvre collective des POST-IT
//!   GÉANTS des 7 équipes ») as a board of « Osons l’aventure », one column
//!   a team, each post-it answered by a device of that team.
//!
//! Ids and times are fixed, so that loading twice changes nothing and every
//! demo database holds the same rooms.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use maillage_domain::live::{ActivityKind, ActivityStatus, Settings};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::event::EventStatus;
use crate::entity::{
    event, event_session, live_activity, live_answer, live_participant, live_room, team,
};
use crate::repo::events::{self as events_repo, EventInput, SessionInput};
use crate::repo::groupings;

/// The grouping that holds seed 003's meeting (school perseverance: the
/// meeting is about the school–family link).
pub const SEED_003_GROUPING: &str = "chantier-monteregien-perseverance-scolaire";
pub const SEED_003_EVENT: &str = "Collaboration École-famille";
pub const SEED_003_ROOM: &str = "Collaboration École-famille · Lien école-famille";
pub const SEED_003_CLOUD: &str =
    "3 mots-clés… Quels sont les effets d’une collaboration riche avec les parents ?";
pub const SEED_003_BOARD: &str = "Pour résoudre ces enjeux, quelles actions avez-vous mis en \
                                  place ou quelles sont celles que vous comptez instaurer ?";
pub const SEED_004_ROOM: &str = "Osons l’aventure · La mosaïque";
pub const SEED_004_BOARD: &str =
    "La MOSAÏQUE : L’œuvre collective des POST-IT GÉANTS des 7 équipes";

/// The enjeux of seed 003, the board's columns.
const ENJEUX: [&str; 5] = [
    "Recrutement",
    "Multiplicité d’agents",
    "Ressources limitées",
    "Pérennité des actions",
    "Autres",
];

/// The thirty answers of « 3 mots-clés… ».
const CLOUD_ANSWERS: [&str; 30] = [
    "Confiance, Écoute, Réussite",
    "Communication, confiance, respect",
    "l’écoute, Ouverture, Engagement",
    "Écoutes, Bienveillance",
    "écoute, Motivation, Persévérance",
    "Lien de confiance, Valorisation",
    "Réussite éducative, Confiance, Respect",
    "Engagement parental, Communication",
    "Sentiment d’appartenance, Motivation",
    "Respect, Écoute, Partenariat",
    "Confiance",
    "Implication des parents, Réussite",
    "Ouverture, Dialogue, Accueil",
    "Estime de soi, Motivation, Réussite",
    "Collaboration, Confiance, Cohérence",
    "Bienveillance, Écoute, Respect",
    "Communication, Transparence",
    "Valorisation, Engagement, Réussite",
    "Persévérance scolaire, Confiance",
    "Accueil, Ouverture, Écoute",
    "Sentiment de compétence, Motivation",
    "Partenariat, Communication, Confiance",
    "Assiduité, Réussite, Bien-être",
    "Bien-être, Confiance",
    "Dialogue, Respect",
    "Pouvoir d’agir, Valorisation",
    "Engagement, Communication, Confiance",
    "Cohérence, Collaboration",
    "Écoute active, Ouverture",
    "Motivation, Bien-être, Réussite",
];

/// The board's post-its (column, text), from the seed's conditions and
/// pistes d'action.
const ENJEUX_STICKIES: [(&str, &str); 11] = [
    (
        "Recrutement",
        "Afficher les postes d’agents dans les organismes communautaires du territoire",
    ),
    (
        "Recrutement",
        "Faire connaître la mesure 15021 aux directions d’école",
    ),
    (
        "Multiplicité d’agents",
        "Une table des agents de soutien pour se coordonner",
    ),
    (
        "Multiplicité d’agents",
        "Un répertoire commun : qui fait quoi auprès des familles",
    ),
    (
        "Ressources limitées",
        "Mettre en commun les ressources disponibles avec les partenaires",
    ),
    (
        "Ressources limitées",
        "Dresser et mettre à jour la liste des organismes qui aident les familles",
    ),
    (
        "Pérennité des actions",
        "Inscrire le lien école-famille dans le projet éducatif",
    ),
    (
        "Pérennité des actions",
        "Assurer en continu un suivi des actions menées",
    ),
    (
        "Autres",
        "Donner la parole aux parents : leurs questions, leurs inquiétudes, leurs besoins",
    ),
    (
        "Autres",
        "Prioriser les familles à joindre et prendre le temps de créer le lien de confiance",
    ),
    (
        "Autres",
        "Se concerter avec les partenaires de la communauté",
    ),
];

/// A fixed id of the demo's live rows: `kind` says which table, `n` which
/// row.
fn id(kind: u16, n: usize) -> Uuid {
    let n = u128::try_from(n).unwrap_or(0);
    Uuid::from_u128(0x6d61_696c_6c61_6765_0000_0000_0000_0000 | (u128::from(kind) << 48) | n)
}

const ROOM: u16 = 1;
const ACTIVITY: u16 = 2;
const PARTICIPANT: u16 = 3;
const ANSWER: u16 = 4;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|day| day.and_hms_opt(h, min, 0))
        .expect("a valid demo time")
        .and_utc()
}

fn minutes(i: usize) -> Duration {
    Duration::minutes(i64::try_from(i).unwrap_or(0))
}

/// Loads the demo's rooms; the groupings and the event of seed 004 must be
/// loaded first. A room already there is left as it is.
pub(crate) async fn load(txn: &DatabaseTransaction) -> Result<(), StoreError> {
    seed_003(txn).await?;
    seed_004(txn).await?;
    Ok(())
}

async fn room_exists<C: ConnectionTrait>(conn: &C, room: Uuid) -> Result<bool, StoreError> {
    Ok(live_room::Entity::find()
        .filter(live_room::Column::Id.eq(room))
        .count(conn)
        .await?
        > 0)
}

/// The event « Collaboration École-famille » of 13 October 2021 (created
/// once) and its session.
async fn seed_003_session(
    txn: &DatabaseTransaction,
    grouping_id: Uuid,
) -> Result<Uuid, StoreError> {
    let found = event::Entity::find()
        .filter(event::Column::GroupingId.eq(grouping_id))
        .filter(event::Column::Title.eq(SEED_003_EVENT))
        .one(txn)
        .await?;
    let e = match found {
        Some(e) => e,
        None => {
            events_repo::create_event_in(
                txn,
                &EventInput {
                    grouping_id: Some(grouping_id),
                    title: SEED_003_EVENT.to_owned(),
                    description: Some(
                        "« L’école contribue à créer un contexte propice à la construction du \
                         rôle des parents et au développement de leur capacité à accompagner \
                         leur enfant dans sa réussite. » Rencontre sur la mesure d’agent en \
                         soutien aux élèves en milieu défavorisé (mesure 15021, volet 3)."
                            .to_owned(),
                    ),
                    intentions: vec![
                        "Retour sur les effets d’une collaboration école-famille positive"
                            .to_owned(),
                        "En connaître davantage sur la mesure d’agent en soutien aux élèves en \
                         milieu défavorisé"
                            .to_owned(),
                        "S’inspirer de témoignages pour nourrir la réflexion et soutenir le \
                         déploiement de la mesure"
                            .to_owned(),
                    ],
                    audience: None,
                    capacity: None,
                    status: EventStatus::Done,
                    registration_closes_on: None,
                },
            )
            .await?
        }
    };
    let session = events_repo::ensure_session(
        txn,
        e.id,
        &SessionInput {
            date: NaiveDate::from_ymd_opt(2021, 10, 13).expect("a valid date"),
            starts_at: Some("13:00".to_owned()),
            ends_at: Some("15:30".to_owned()),
            place: None,
            address: None,
        },
    )
    .await?;
    Ok(session.id)
}

struct NewRoom<'a> {
    n: usize,
    grouping_id: Uuid,
    session_id: Uuid,
    title: &'a str,
    code: &'a str,
    opened: DateTime<Utc>,
    closed: DateTime<Utc>,
}

async fn insert_room(txn: &DatabaseTransaction, r: &NewRoom<'_>) -> Result<Uuid, StoreError> {
    let room = live_room::ActiveModel {
        id: Set(id(ROOM, r.n)),
        grouping_id: Set(r.grouping_id),
        session_id: Set(Some(r.session_id)),
        title: Set(r.title.to_owned()),
        code: Set(r.code.to_owned()),
        // Closed: the code no longer answers, and may be drawn again.
        open_code: Set(None),
        created_by: Set(None),
        created_at: Set(r.opened),
        closed_at: Set(Some(r.closed)),
    }
    .insert(txn)
    .await?;
    Ok(room.id)
}

struct NewActivity<'a> {
    n: usize,
    room: Uuid,
    position: i32,
    kind: ActivityKind,
    prompt: &'a str,
    settings: Settings,
    opened: DateTime<Utc>,
}

async fn insert_activity(
    txn: &DatabaseTransaction,
    a: NewActivity<'_>,
) -> Result<Uuid, StoreError> {
    let activity = live_activity::ActiveModel {
        id: Set(id(ACTIVITY, a.n)),
        room_id: Set(a.room),
        position: Set(a.position),
        kind: Set(a.kind.as_str().to_owned()),
        prompt: Set(a.prompt.to_owned()),
        settings: Set(serde_json::to_string(&a.settings).unwrap_or_else(|_| "{}".to_owned())),
        status: Set(ActivityStatus::Closed.as_str().to_owned()),
        results_hidden: Set(false),
        opened_at: Set(Some(a.opened)),
        closed_at: Set(Some(a.opened + Duration::minutes(15))),
        created_at: Set(a.opened - Duration::days(1)),
    }
    .insert(txn)
    .await?;
    Ok(activity.id)
}

async fn insert_participant(
    txn: &DatabaseTransaction,
    n: usize,
    room: Uuid,
    team_id: Option<Uuid>,
    at: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let participant = live_participant::ActiveModel {
        id: Set(id(PARTICIPANT, n)),
        room_id: Set(room),
        // No device holds this token: the demo's answers are history.
        token_digest: Set(maillage_domain::token::digest(&format!("demo-live-{n}"))),
        nickname: Set(None),
        team_id: Set(team_id),
        created_at: Set(at),
    }
    .insert(txn)
    .await?;
    Ok(participant.id)
}

struct NewAnswer<'a> {
    n: usize,
    activity: Uuid,
    room: Uuid,
    participant: Uuid,
    column: Option<&'a str>,
    text: &'a str,
    votes: i32,
    at: DateTime<Utc>,
}

async fn insert_answer(txn: &DatabaseTransaction, a: &NewAnswer<'_>) -> Result<(), StoreError> {
    live_answer::ActiveModel {
        id: Set(id(ANSWER, a.n)),
        activity_id: Set(a.activity),
        room_id: Set(a.room),
        participant_id: Set(Some(a.participant)),
        once_per: Set(None),
        text: Set(Some(a.text.to_owned())),
        column_name: Set(a.column.map(str::to_owned)),
        choices: Set(None),
        value: Set(None),
        votes: Set(a.votes),
        answered: Set(false),
        hidden: Set(false),
        merged_into: Set(None),
        action_id: Set(None),
        created_at: Set(a.at),
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Seed 003: the word cloud and the enjeux board, one device a person.
async fn seed_003(txn: &DatabaseTransaction) -> Result<(), StoreError> {
    let room_id = id(ROOM, 1);
    if room_exists(txn, room_id).await? {
        return Ok(());
    }
    let Some(grouping) = groupings::find_by_slug(txn, SEED_003_GROUPING).await? else {
        return Err(StoreError::Invalid(format!(
            "demo grouping `{SEED_003_GROUPING}` is unknown"
        )));
    };
    let session_id = seed_003_session(txn, grouping.id).await?;
    let start = at(2021, 10, 13, 17, 0);
    let room = insert_room(
        txn,
        &NewRoom {
            n: 1,
            grouping_id: grouping.id,
            session_id,
            title: SEED_003_ROOM,
            // « 3 mots-clés… www.menti.com Code: 4039 4417 ».
            code: "40394417",
            opened: start - Duration::minutes(30),
            closed: start + Duration::hours(2),
        },
    )
    .await?;
    let cloud = insert_activity(
        txn,
        NewActivity {
            n: 1,
            room,
            position: 1,
            kind: ActivityKind::WordCloud,
            prompt: SEED_003_CLOUD,
            settings: Settings {
                max_words: Some(3),
                ..Settings::default()
            },
            opened: start,
        },
    )
    .await?;
    let board_start = start + Duration::minutes(75);
    let board = insert_activity(
        txn,
        NewActivity {
            n: 2,
            room,
            position: 2,
            kind: ActivityKind::Board,
            prompt: SEED_003_BOARD,
            settings: Settings {
                columns: ENJEUX.iter().map(|c| (*c).to_owned()).collect(),
                ..Settings::default()
            },
            opened: board_start,
        },
    )
    .await?;
    let mut participants = Vec::with_capacity(CLOUD_ANSWERS.len());
    for i in 0..CLOUD_ANSWERS.len() {
        participants.push(insert_participant(txn, i + 1, room, None, start - minutes(10)).await?);
    }
    for (i, text) in CLOUD_ANSWERS.iter().enumerate() {
        insert_answer(
            txn,
            &NewAnswer {
                n: i + 1,
                activity: cloud,
                room,
                participant: participants[i],
                column: None,
                text,
                votes: 0,
                at: start + Duration::seconds(i64::try_from(i * 9).unwrap_or(0)),
            },
        )
        .await?;
    }
    for (i, (column, text)) in ENJEUX_STICKIES.iter().enumerate() {
        insert_answer(
            txn,
            &NewAnswer {
                n: 100 + i,
                activity: board,
                room,
                participant: participants[(i * 3) % participants.len()],
                column: Some(column),
                text,
                // A few votes, as the room gave them.
                votes: i32::try_from((i * 7) % 5).unwrap_or(0),
                at: board_start + minutes(i),
            },
        )
        .await?;
    }
    Ok(())
}

/// Seed 004: the mosaic as a board of « Osons l'aventure », at its second
/// session, one column and one device a team.
async fn seed_004(txn: &DatabaseTransaction) -> Result<(), StoreError> {
    let room_id = id(ROOM, 2);
    if room_exists(txn, room_id).await? {
        return Ok(());
    }
    let demo = crate::demo_events::events();
    let Some(osons) = demo.events.first() else {
        return Ok(());
    };
    let Some(grouping) = groupings::find_by_slug(txn, &osons.grouping).await? else {
        return Ok(());
    };
    let Some(e) = event::Entity::find()
        .filter(event::Column::GroupingId.eq(grouping.id))
        .filter(event::Column::Title.eq(osons.title.as_str()))
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    let Some(session) = events_repo::sessions(txn, e.id).await?.into_iter().last() else {
        return Ok(());
    };
    let session: event_session::Model = session;
    let teams = team::Entity::find()
        .filter(team::Column::EventId.eq(e.id))
        .all(txn)
        .await?;
    let start = at(2018, 11, 27, 15, 0);
    let room = insert_room(
        txn,
        &NewRoom {
            n: 2,
            grouping_id: grouping.id,
            session_id: session.id,
            title: SEED_004_ROOM,
            code: "20181127",
            opened: start - Duration::minutes(30),
            closed: start + Duration::hours(2),
        },
    )
    .await?;
    let board = insert_activity(
        txn,
        NewActivity {
            n: 3,
            room,
            position: 1,
            kind: ActivityKind::Board,
            prompt: SEED_004_BOARD,
            settings: Settings {
                columns: osons.teams.iter().map(|t| t.name.clone()).collect(),
                ..Settings::default()
            },
            opened: start,
        },
    )
    .await?;
    let mut n = 200;
    for (i, t) in osons.teams.iter().enumerate() {
        let team_id = teams.iter().find(|x| x.name == t.name).map(|x| x.id);
        let participant = insert_participant(txn, 100 + i, room, team_id, start).await?;
        for (j, text) in t.stickies.iter().enumerate() {
            insert_answer(
                txn,
                &NewAnswer {
                    n,
                    activity: board,
                    room,
                    participant,
                    column: Some(&t.name),
                    text,
                    votes: 0,
                    at: start + minutes(i * 10 + j),
                },
            )
            .await?;
            n += 1;
        }
    }
    Ok(())
}
