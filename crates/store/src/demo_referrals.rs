//! Demo referrals in the Jonquière grouping (`commun-enfant-jonquiere`):
//! the CLSC de Jonquière and the Commission scolaire De La Jonquière refer
//! families to three community organizations (Aide-Parents Plus, Le
//! Transit, the Patro), twenty referrals in every status, so that the
//! inboxes, the outboxes, the statistics and the network have something
//! to show. Four closed more than a year ago are already purged: their
//! person rows are gone, only what the statistics need is left.
//!
//! Three services publish their capacity; Le Transit's « Intervention et
//! accompagnement des familles » has a waiting list of six weeks.
//!
//! Everything is fictitious and says so: first names followed by
//! « (démo) », 555-01xx numbers. Dates are relative to the day the demo is
//! loaded. Loading is idempotent: a grouping that already has referrals is
//! left as it is.

use chrono::{DateTime, Duration, Utc};
use maillage_domain::referrals::{ACK_DAYS_DEFAULT, Side, Status, due_at};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set,
};
use uuid::Uuid;

use crate::StoreError;
use crate::demo::organization_id_by_name;
use crate::entity::{referral, referral_event, referral_person, service_referral_setting};
use crate::repo::groupings;

pub const GROUPING: &str = "commun-enfant-jonquiere";
const CLSC: &str = "CIUSSS du Saguenay–Lac-Saint-Jean – CLSC de Jonquière";
const SCHOOL: &str = "Commission scolaire De La Jonquière";
const AIDE: &str = "Aide-Parents Plus";
const TRANSIT: &str = "Centre d'intervention familiale Le Transit";
const PATRO: &str = "Patro de Jonquière";

/// A service: its organization and name.
type Target = (&'static str, &'static str);
const ATELIERS: Target = (AIDE, "Ateliers parents-enfants");
const ECOUTE: Target = (AIDE, "Écoute téléphonique pour parents");
const INTERVENTION: Target = (TRANSIT, "Intervention et accompagnement des familles");
const GROUPE: Target = (TRANSIT, "Ateliers de groupe pour parents");
const LOISIRS: Target = (PATRO, "Activités de loisirs pour les familles");

/// What three services publish: criteria, delay to acknowledge (days),
/// waiting list (weeks).
const CAPACITIES: &[(Target, &str, i32, Option<i32>)] = &[
    (
        INTERVENTION,
        "Familles de Jonquière avec au moins un enfant de 0 à 17 ans.",
        5,
        Some(6),
    ),
    (
        ATELIERS,
        "Parents d’enfants de 0 à 5 ans ; ateliers en petit groupe le mardi matin.",
        3,
        None,
    ),
    (LOISIRS, "Toutes les familles du secteur.", 7, None),
];

/// One demo referral: who sends, to which service, the moves after
/// « sent » (with a decline reason or an obstacle where the status needs
/// one), how many days ago it was sent, and after how many days the
/// service acknowledged it.
struct Spec {
    from: &'static str,
    to: Target,
    path: &'static [(Status, Option<&'static str>)],
    sent_days_ago: i64,
    ack_after: i64,
    first_name: &'static str,
}

use Status::{
    Accepted as A, Closed as C, Completed as D, Declined as X, NoFollowUp as N, Received as R,
    Started as S, Withdrawn as W,
};

const DONE: &[(Status, Option<&str>)] = &[(R, None), (A, None), (S, None), (D, None), (C, None)];

const SPECS: &[Spec] = &[
    // Closed more than a year ago: purged.
    Spec {
        from: CLSC,
        to: INTERVENTION,
        path: DONE,
        sent_days_ago: 500,
        ack_after: 2,
        first_name: "",
    },
    Spec {
        from: CLSC,
        to: ATELIERS,
        path: &[
            (R, None),
            (A, None),
            (S, None),
            (N, Some("transport")),
            (C, None),
        ],
        sent_days_ago: 480,
        ack_after: 1,
        first_name: "",
    },
    Spec {
        from: SCHOOL,
        to: INTERVENTION,
        path: &[(R, None), (X, Some("liste_attente")), (C, None)],
        sent_days_ago: 450,
        ack_after: 4,
        first_name: "",
    },
    Spec {
        from: CLSC,
        to: LOISIRS,
        path: DONE,
        sent_days_ago: 430,
        ack_after: 3,
        first_name: "",
    },
    // Within the retention period.
    Spec {
        from: CLSC,
        to: ATELIERS,
        path: DONE,
        sent_days_ago: 300,
        ack_after: 1,
        first_name: "Alix (démo)",
    },
    Spec {
        from: CLSC,
        to: GROUPE,
        path: &[
            (R, None),
            (A, None),
            (S, None),
            (N, Some("langue")),
            (C, None),
        ],
        sent_days_ago: 260,
        ack_after: 2,
        first_name: "Noé (démo)",
    },
    Spec {
        from: SCHOOL,
        to: ECOUTE,
        path: DONE,
        sent_days_ago: 200,
        ack_after: 1,
        first_name: "Maëlle (démo)",
    },
    Spec {
        from: CLSC,
        to: INTERVENTION,
        path: &[(R, None), (X, Some("liste_attente")), (C, None)],
        sent_days_ago: 180,
        ack_after: 6,
        first_name: "Jade (démo)",
    },
    Spec {
        from: CLSC,
        to: ATELIERS,
        path: &[
            (R, None),
            (A, None),
            (S, None),
            (N, Some("horaire")),
            (C, None),
        ],
        sent_days_ago: 160,
        ack_after: 2,
        first_name: "Éloi (démo)",
    },
    Spec {
        from: SCHOOL,
        to: LOISIRS,
        path: &[(R, None), (A, None), (W, None), (C, None)],
        sent_days_ago: 150,
        ack_after: 3,
        first_name: "Rosalie (démo)",
    },
    Spec {
        from: CLSC,
        to: GROUPE,
        path: &[(R, None), (A, None), (S, None), (D, None)],
        sent_days_ago: 120,
        ack_after: 2,
        first_name: "Tom (démo)",
    },
    Spec {
        from: CLSC,
        to: ATELIERS,
        path: &[(R, None), (X, Some("hors_mandat"))],
        sent_days_ago: 90,
        ack_after: 1,
        first_name: "Inès (démo)",
    },
    Spec {
        from: SCHOOL,
        to: INTERVENTION,
        path: &[(R, None), (X, Some("liste_attente"))],
        sent_days_ago: 70,
        ack_after: 5,
        first_name: "Félix (démo)",
    },
    Spec {
        from: CLSC,
        to: ECOUTE,
        path: &[(R, None), (A, None), (S, None)],
        sent_days_ago: 45,
        ack_after: 1,
        first_name: "Lou (démo)",
    },
    Spec {
        from: CLSC,
        to: LOISIRS,
        path: &[(R, None), (A, None), (S, None), (N, Some("cout"))],
        sent_days_ago: 40,
        ack_after: 4,
        first_name: "Zoé (démo)",
    },
    Spec {
        from: SCHOOL,
        to: ATELIERS,
        path: &[(R, None), (A, None)],
        sent_days_ago: 20,
        ack_after: 2,
        first_name: "Arthur (démo)",
    },
    Spec {
        from: CLSC,
        to: INTERVENTION,
        path: &[(R, None)],
        sent_days_ago: 12,
        ack_after: 3,
        first_name: "Clara (démo)",
    },
    // Not acknowledged: two overdue, one still in time.
    Spec {
        from: CLSC,
        to: INTERVENTION,
        path: &[],
        sent_days_ago: 10,
        ack_after: 0,
        first_name: "Léon (démo)",
    },
    Spec {
        from: SCHOOL,
        to: ECOUTE,
        path: &[],
        sent_days_ago: 8,
        ack_after: 0,
        first_name: "Margot (démo)",
    },
    Spec {
        from: SCHOOL,
        to: LOISIRS,
        path: &[],
        sent_days_ago: 2,
        ack_after: 0,
        first_name: "Hugo (démo)",
    },
];

/// A service of the demo by organization and name.
async fn service_id<C: ConnectionTrait>(
    conn: &C,
    org: &str,
    name: &str,
) -> Result<Option<String>, StoreError> {
    let row = conn
        .query_one(
            &Query::select()
                .column(Alias::new("id"))
                .from(Alias::new("services"))
                .and_where(Expr::col(Alias::new("organization_id")).eq(org))
                .and_where(Expr::col(Alias::new("name")).eq(name))
                .to_owned(),
        )
        .await?;
    Ok(match row {
        Some(r) => Some(r.try_get("", "id")?),
        None => None,
    })
}

/// A demo service's organization id, service id and ack delay.
struct Resolved {
    org: String,
    service: String,
    name: &'static str,
    ack_days: i32,
}

async fn resolve(txn: &DatabaseTransaction, t: Target) -> Result<Option<Resolved>, StoreError> {
    let Some(org) = organization_id_by_name(txn, t.0).await? else {
        return Ok(None);
    };
    let Some(service) = service_id(txn, &org, t.1).await? else {
        return Ok(None);
    };
    let ack_days = CAPACITIES
        .iter()
        .find(|(c, ..)| *c == t)
        .map_or(ACK_DAYS_DEFAULT, |c| c.2);
    Ok(Some(Resolved {
        org,
        service,
        name: t.1,
        ack_days,
    }))
}

pub(crate) async fn load(txn: &DatabaseTransaction) -> Result<(), StoreError> {
    let Some(g) = groupings::find_by_slug(txn, GROUPING).await? else {
        return Ok(());
    };
    let existing = referral::Entity::find()
        .filter(referral::Column::GroupingId.eq(g.id))
        .count(txn)
        .await?;
    if existing > 0 {
        return Ok(());
    }
    let now = Utc::now();
    capacities(txn, now).await?;
    let (Some(clsc), Some(school)) = (
        organization_id_by_name(txn, CLSC).await?,
        organization_id_by_name(txn, SCHOOL).await?,
    ) else {
        return Ok(());
    };
    for (i, spec) in SPECS.iter().enumerate() {
        let Some(to) = resolve(txn, spec.to).await? else {
            continue;
        };
        let from = if spec.from == CLSC { &clsc } else { &school };
        insert(txn, g.id, from, &to, spec, i, now).await?;
    }
    Ok(())
}

async fn capacities(txn: &DatabaseTransaction, now: DateTime<Utc>) -> Result<(), StoreError> {
    for (target, criteria, ack_days, waiting) in CAPACITIES {
        let Some(r) = resolve(txn, *target).await? else {
            continue;
        };
        if service_referral_setting::Entity::find_by_id(r.service.clone())
            .one(txn)
            .await?
            .is_some()
        {
            continue;
        }
        service_referral_setting::ActiveModel {
            service_id: Set(r.service),
            accepts_referrals: Set(true),
            criteria: Set(Some((*criteria).to_owned())),
            ack_days: Set(*ack_days),
            waiting_weeks: Set(*waiting),
            asked_fields: Set("[]".to_owned()),
            updated_at: Set(now),
            updated_by: Set(None),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

fn side_of(status: Status) -> Side {
    if status == Status::Withdrawn {
        Side::Sender
    } else {
        Side::Receiver
    }
}

async fn insert(
    txn: &DatabaseTransaction,
    grouping: Uuid,
    from: &str,
    to: &Resolved,
    spec: &Spec,
    index: usize,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let id = Uuid::new_v4();
    let sent = now
        - Duration::days(spec.sent_days_ago)
        - Duration::hours(2 + i64::try_from(index % 5).unwrap_or(0));
    // The moves: acknowledged after `ack_after` days, then one every three.
    let moves: Vec<(Status, Option<&str>, DateTime<Utc>)> = spec
        .path
        .iter()
        .enumerate()
        .map(|(k, (s, reason))| {
            let k = i64::try_from(k).unwrap_or(0);
            (*s, *reason, sent + Duration::days(spec.ack_after + 3 * k))
        })
        .collect();
    let status = moves.last().map_or(Status::Sent, |m| m.0);
    let at_of = |s: Status| moves.iter().find(|m| m.0 == s).map(|m| m.2);
    let closed_at = at_of(Status::Closed);
    let purged = spec.first_name.is_empty();
    let reason_of = |s: Status| {
        moves
            .iter()
            .find(|m| m.0 == s)
            .and_then(|m| m.1)
            .map(str::to_owned)
    };
    referral::ActiveModel {
        id: Set(id),
        grouping_id: Set(grouping),
        from_organization_id: Set(from.to_owned()),
        from_user_id: Set(None),
        to_organization_id: Set(to.org.clone()),
        service_id: Set(to.service.clone()),
        service_name: Set(to.name.to_owned()),
        redirected_from: Set(None),
        reason_term_id: Set(None),
        reason: Set((!purged).then(|| "Soutien aux parents (démo)".to_owned())),
        urgency: Set("normal".to_owned()),
        status: Set(status.as_str().to_owned()),
        decline_reason: Set(reason_of(Status::Declined)),
        obstacle: Set(reason_of(Status::NoFollowUp)),
        consent_given_by: Set("guardian".to_owned()),
        consent_shared: Set("prénom, téléphone, motif".to_owned()),
        consent_until: Set((sent + Duration::days(365)).date_naive()),
        consent_at: Set(sent),
        sent_at: Set(sent),
        due_at: Set(due_at(sent, to.ack_days)),
        acknowledged_at: Set(at_of(Status::Received)),
        closed_at: Set(closed_at),
        updated_at: Set(moves.last().map_or(sent, |m| m.2)),
        purged_at: Set(purged
            .then(|| closed_at.map(|c| c + Duration::days(366)))
            .flatten()),
        version: Set(i32::try_from(moves.len() + 1).unwrap_or(1)),
    }
    .insert(txn)
    .await?;
    if !purged {
        referral_person::ActiveModel {
            referral_id: Set(id),
            first_name: Set(spec.first_name.to_owned()),
            contact: Set(format!("418 555-01{:02}", index % 100)),
            language: Set("fr".to_owned()),
            age_group: Set(Some("0-5".to_owned())),
            extra: Set(None),
            note: Set(Some(
                "Référence de démonstration : personne fictive.".to_owned(),
            )),
        }
        .insert(txn)
        .await?;
    }
    event(txn, id, sent, Side::Sender, None, Status::Sent, None).await?;
    let mut previous = Status::Sent;
    for (s, reason, at) in &moves {
        event(txn, id, *at, side_of(*s), Some(previous), *s, *reason).await?;
        previous = *s;
    }
    Ok(())
}

async fn event(
    txn: &DatabaseTransaction,
    referral: Uuid,
    at: DateTime<Utc>,
    side: Side,
    from: Option<Status>,
    to: Status,
    reason: Option<&str>,
) -> Result<(), StoreError> {
    referral_event::ActiveModel {
        id: Set(Uuid::new_v4()),
        referral_id: Set(referral),
        at: Set(at),
        actor_id: Set(None),
        actor_name: Set(match side {
            Side::Sender => "Intervenante (démo)".to_owned(),
            Side::Receiver => "Accueil (démo)".to_owned(),
        }),
        side: Set(crate::repo::referrals::side_code(side).to_owned()),
        from_status: Set(from.map(|s| s.as_str().to_owned())),
        to_status: Set(to.as_str().to_owned()),
        reason: Set(reason.map(str::to_owned)),
        comment: Set(None),
        to_service_id: Set(None),
        to_referral_id: Set(None),
    }
    .insert(txn)
    .await?;
    Ok(())
}
