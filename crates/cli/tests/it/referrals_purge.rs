//! Law 25 for referrals (issue 18): thirteen months after closing only
//! statistics remain — in every table, and on SQLite in the database file
//! and its write-ahead log; a purge run twice purges nothing the second
//! time; a purge killed with SIGKILL leaves each referral fully purged or
//! untouched and the next run finishes; a person's export and erasure for
//! the two organizations only; the grouping's retention period for its
//! coordinators; the privacy notice — on SQLite and PostgreSQL.

use std::process::Stdio;
use std::time::Duration;

use chrono::{DateTime, Months, Utc};
use maillage_domain::referrals::{ConsentInput, PersonInput, ReferralInput, StatusInput};
use maillage_domain::{Principal, Role};
use maillage_store::entity::{
    audit_log, grouping, referral, referral_event, referral_notification, referral_person,
};
use maillage_store::repo::accounts;
use maillage_store::repo::referrals::{self, Actor, NewReferral};
use maillage_store::repo::referrals_purge::{self, Batches};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use uuid::Uuid;

use crate::cli::{json, maillage, run};
use crate::harness::{Db, TestApp, body, location, member_of};
use crate::referrals_scene::{Scene, member_for, organization, scene};
use maillage_test_macros::db_test;

/// Distinctive strings: found by bytes in a file only if they are there.
const FIRST_NAME: &str = "Zéphyrine-Unique-7731";
const CONTACT: &str = "zephyrine.unique.7731@courriel.test";
const NOTE: &str = "Note-Confidentielle-4412 : la famille vit chez la grand-mère";
const COMMENT: &str = "Commentaire-Prive-9020 au sujet de Zéphyrine";
const REASON: &str = "Motif-Libre-5563 écrit à la main";
const SHARED: &str = "Partage-Consentement-3307 prénom et courriel";
const MARKERS: [&str; 6] = [
    "Unique-7731",
    "unique.7731",
    "Confidentielle-4412",
    "Prive-9020",
    "Libre-5563",
    "Consentement-3307",
];

/// An account as the store sees it.
struct Who {
    id: Uuid,
    name: String,
    org: Option<String>,
    principal: Principal,
}

impl Who {
    fn actor(&self) -> Actor<'_> {
        Actor {
            user_id: self.id,
            name: &self.name,
            organization_id: self.org.as_deref(),
            principal: &self.principal,
            ip: Some("127.0.0.1"),
        }
    }
}

async fn who(app: &TestApp, email: &str) -> Who {
    let id = app.user_id(email).await;
    let view = accounts::view(&app.store, id).await.unwrap().unwrap();
    Who {
        id,
        name: view.user.display_name.clone(),
        org: view.user.organization_id.clone(),
        principal: view.principal(),
    }
}

fn input() -> ReferralInput {
    ReferralInput {
        reason: REASON.to_owned(),
        urgency: Some("normal".to_owned()),
        person: PersonInput {
            first_name: FIRST_NAME.to_owned(),
            contact: CONTACT.to_owned(),
            language: Some("fr".to_owned()),
            age_group: Some("0-5".to_owned()),
            extra: std::collections::BTreeMap::default(),
        },
        consent: Some(ConsentInput {
            given_by: "guardian".to_owned(),
            shared: SHARED.to_owned(),
            until: "2099-12-31".to_owned(),
        }),
        note: Some(NOTE.to_owned()),
    }
}

/// A referral sent at `at`, left at `sent`.
async fn sent(app: &TestApp, s: &Scene, at: DateTime<Utc>) -> Uuid {
    let sender = who(app, &s.sender_email).await;
    let (r, _) = referrals::create(
        &app.store,
        &sender.actor(),
        &NewReferral {
            grouping: None,
            from_organization: s.sender_org.clone(),
            service: s.service.clone(),
            input: input(),
        },
        at,
    )
    .await
    .expect("the referral is sent");
    r.id
}

/// The whole loop: sent, received, accepted, started, completed, closed,
/// each move with a comment, at `at`.
async fn closed(app: &TestApp, s: &Scene, at: DateTime<Utc>) -> Uuid {
    let id = sent(app, s, at).await;
    let receiver = who(app, &s.receiver_email).await;
    for status in ["received", "accepted", "started", "completed", "closed"] {
        referrals::change_status(
            &app.store,
            &receiver.actor(),
            id,
            &StatusInput {
                status: status.to_owned(),
                reason: None,
                comment: Some(COMMENT.to_owned()),
                to_service: None,
            },
            None,
            at,
        )
        .await
        .unwrap_or_else(|e| panic!("move to {status}: {e}"));
    }
    id
}

/// Every row of the tables a referral writes to, as text (every column).
async fn all_text(app: &TestApp) -> String {
    let conn = app.store.conn();
    [
        format!("{:?}", referral::Entity::find().all(conn).await.unwrap()),
        format!(
            "{:?}",
            referral_person::Entity::find().all(conn).await.unwrap()
        ),
        format!(
            "{:?}",
            referral_event::Entity::find().all(conn).await.unwrap()
        ),
        format!(
            "{:?}",
            referral_notification::Entity::find()
                .all(conn)
                .await
                .unwrap()
        ),
        format!("{:?}", audit_log::Entity::find().all(conn).await.unwrap()),
    ]
    .concat()
}

fn months(at: DateTime<Utc>, n: u32) -> DateTime<Utc> {
    at.checked_add_months(Months::new(n)).unwrap()
}

async fn purge(app: &TestApp, as_of: DateTime<Utc>) -> u64 {
    referrals_purge::purge(&app.store, as_of, &Batches::default(), &|_| {})
        .await
        .expect("purge")
}

#[db_test]
async fn thirteen_months_later_only_statistics_remain(app: &TestApp) {
    let s = scene(app).await;
    let closed_at = Utc::now();
    let id = closed(app, &s, closed_at).await;
    // A referral still open is never purged, however old.
    let open = sent(app, &s, closed_at).await;
    let before = all_text(app).await;
    for m in MARKERS {
        assert!(before.contains(m), "the test sees {m} before the purge");
    }

    assert_eq!(
        purge(app, months(closed_at, 11)).await,
        0,
        "11 months: kept"
    );
    assert!(
        referral_person::Entity::find_by_id(id)
            .one(app.store.conn())
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        purge(app, months(closed_at, 13)).await,
        1,
        "13 months: purged"
    );

    let conn = app.store.conn();
    assert!(
        referral_person::Entity::find_by_id(id)
            .one(conn)
            .await
            .unwrap()
            .is_none(),
        "the person's row is gone"
    );
    let events = referral_event::Entity::find()
        .filter(referral_event::Column::ReferralId.eq(id))
        .all(conn)
        .await
        .unwrap();
    assert_eq!(events.len(), 6, "the history's steps stay");
    assert!(events.iter().all(|e| e.comment.is_none()), "{events:?}");
    let r = referral::Entity::find_by_id(id)
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    assert!(r.purged_at.is_some());
    assert_eq!(r.status, "closed");
    assert_eq!(r.service_id, s.service);
    assert_eq!(r.from_organization_id, s.sender_org);
    assert_eq!(r.to_organization_id, s.receiver_org);
    assert_eq!(
        r.closed_at.map(|c| c.timestamp()),
        Some(closed_at.timestamp())
    );
    assert!(r.reason.is_none(), "a hand-written reason goes");
    assert_eq!(r.consent_shared, "");
    assert_eq!(r.consent_given_by, "guardian", "who consented stays");

    // Only the open referral still holds the person: drop it to read
    // every table for the purged one.
    let after = all_text(app).await;
    let person_of_open = referral_person::Entity::find_by_id(open)
        .one(conn)
        .await
        .unwrap()
        .expect("the open referral keeps its person");
    referral_person::Entity::delete_by_id(open)
        .exec(conn)
        .await
        .unwrap();
    referral::Entity::delete_by_id(open)
        .exec(conn)
        .await
        .unwrap();
    let only_purged = all_text(app).await;
    for m in MARKERS {
        assert!(
            !only_purged.contains(m),
            "{m} is left somewhere: {only_purged}"
        );
    }
    assert!(after.contains(&person_of_open.first_name));

    assert_eq!(purge(app, months(closed_at, 13)).await, 0, "a second run");
}

fn file_bytes(dir: &std::path::Path) -> Vec<u8> {
    let mut all = Vec::new();
    for name in ["maillage.db", "maillage.db-wal"] {
        if let Ok(b) = std::fs::read(dir.join(name)) {
            all.extend(b);
        }
    }
    all
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[tokio::test]
async fn sqlite_purge_leaves_no_bytes_in_the_file_or_its_log() {
    let app = TestApp::spawn(Db::Sqlite).await.unwrap();
    let s = scene(&app).await;
    let closed_at = Utc::now();
    let id = closed(&app, &s, closed_at).await;
    let dir = app.db.dir.path().to_path_buf();
    let disk = file_bytes(&dir);
    for m in [FIRST_NAME, CONTACT, NOTE, COMMENT, REASON, SHARED] {
        assert!(contains(&disk, m), "before the purge the disk holds {m}");
    }
    assert_eq!(purge(&app, months(closed_at, 13)).await, 1);
    let disk = file_bytes(&dir);
    for m in [FIRST_NAME, CONTACT, NOTE, COMMENT, REASON, SHARED] {
        assert!(
            !contains(&disk, m),
            "after the purge the disk still holds {m}"
        );
    }
    assert!(
        std::fs::metadata(dir.join("maillage.db-wal")).map_or(0, |m| m.len()) == 0,
        "the write-ahead log is truncated"
    );
    // The statistics are still read from the same file.
    let r = referral::Entity::find_by_id(id)
        .one(app.store.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.status, "closed");
    app.stop().await;
}

fn cli(app: &TestApp) -> std::process::Command {
    let mut c = maillage(&app.db.dir.path().join("cli"));
    c.arg("--database-url").arg(&app.db.url);
    c
}

#[db_test]
async fn the_command_purges_once_and_refuses_a_bad_date(app: &TestApp) {
    let s = scene(app).await;
    let closed_at = Utc::now();
    closed(app, &s, closed_at).await;
    let early = months(closed_at, 11).format("%Y-%m-%d").to_string();
    let late = months(closed_at, 13).format("%Y-%m-%d").to_string();

    let (code, out, err) = run(cli(app).args(["referrals", "purge", "--as-of", &early, "--json"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out), serde_json::json!({"purged": 0}));
    let (code, out, err) = run(cli(app).args(["referrals", "purge", "--as-of", &late, "--json"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out), serde_json::json!({"purged": 1}));
    let (code, out, _) = run(cli(app).args(["referrals", "purge", "--as-of", &late, "--json"]));
    assert_eq!(code, 0);
    assert_eq!(json(&out), serde_json::json!({"purged": 0}), "a second run");
    let (code, out, err) = run(cli(app).args(["referrals", "purge", "--as-of", &late]));
    assert_eq!(code, 0);
    assert!(out.is_empty(), "without --json the sentence goes to stderr");
    assert!(err.contains("0 referrals purged"), "{err}");

    for bad in ["2027-02-30", "31/01/2027", "demain"] {
        let (code, out, err) = run(cli(app).args(["referrals", "purge", "--as-of", bad, "--json"]));
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(out.is_empty());
        assert!(
            err.contains("--as-of") && err.contains("YYYY-MM-DD"),
            "{err}"
        );
    }
}

/// `n` closed referrals of the scene written in bulk, each with its
/// person and a history line with a comment, closed at `closed_at`.
async fn bulk_closed(app: &TestApp, s: &Scene, n: usize, closed_at: DateTime<Utc>) {
    let conn = app.store.conn();
    let ids: Vec<Uuid> = (0..n).map(|_| Uuid::new_v4()).collect();
    for chunk in ids.chunks(200) {
        let rows = chunk.iter().map(|id| referral::ActiveModel {
            id: Set(*id),
            grouping_id: Set(s.grouping),
            from_organization_id: Set(s.sender_org.clone()),
            from_user_id: Set(None),
            to_organization_id: Set(s.receiver_org.clone()),
            service_id: Set(s.service.clone()),
            service_name: Set("Halte-garderie".to_owned()),
            redirected_from: Set(None),
            reason_term_id: Set(None),
            reason: Set(Some(REASON.to_owned())),
            urgency: Set("normal".to_owned()),
            status: Set("closed".to_owned()),
            decline_reason: Set(None),
            obstacle: Set(None),
            consent_given_by: Set("person".to_owned()),
            consent_shared: Set(SHARED.to_owned()),
            consent_until: Set(chrono::NaiveDate::from_ymd_opt(2099, 1, 1).unwrap()),
            consent_at: Set(closed_at),
            sent_at: Set(closed_at),
            due_at: Set(closed_at),
            acknowledged_at: Set(Some(closed_at)),
            closed_at: Set(Some(closed_at)),
            updated_at: Set(closed_at),
            purged_at: Set(None),
            version: Set(6),
        });
        referral::Entity::insert_many(rows)
            .exec(conn)
            .await
            .unwrap();
        let people = chunk.iter().map(|id| referral_person::ActiveModel {
            referral_id: Set(*id),
            first_name: Set(FIRST_NAME.to_owned()),
            contact: Set(CONTACT.to_owned()),
            language: Set("fr".to_owned()),
            age_group: Set(None),
            extra: Set(None),
            note: Set(Some(NOTE.to_owned())),
        });
        referral_person::Entity::insert_many(people)
            .exec(conn)
            .await
            .unwrap();
        let events = chunk.iter().map(|id| referral_event::ActiveModel {
            id: Set(Uuid::new_v4()),
            referral_id: Set(*id),
            at: Set(closed_at),
            actor_id: Set(None),
            actor_name: Set("Accueil".to_owned()),
            side: Set("receiver".to_owned()),
            from_status: Set(Some("completed".to_owned())),
            to_status: Set("closed".to_owned()),
            reason: Set(None),
            comment: Set(Some(COMMENT.to_owned())),
            to_service_id: Set(None),
            to_referral_id: Set(None),
        });
        referral_event::Entity::insert_many(events)
            .exec(conn)
            .await
            .unwrap();
    }
}

/// Every referral is fully purged or untouched; returns how many are
/// purged.
async fn all_or_nothing(app: &TestApp) -> usize {
    let conn = app.store.conn();
    let people: std::collections::HashSet<Uuid> = referral_person::Entity::find()
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|p| p.referral_id)
        .collect();
    let commented: std::collections::HashSet<Uuid> = referral_event::Entity::find()
        .filter(referral_event::Column::Comment.is_not_null())
        .all(conn)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.referral_id)
        .collect();
    let mut purged = 0;
    for r in referral::Entity::find().all(conn).await.unwrap() {
        let untouched = people.contains(&r.id)
            && commented.contains(&r.id)
            && r.purged_at.is_none()
            && r.reason.is_some();
        let done = !people.contains(&r.id)
            && !commented.contains(&r.id)
            && r.purged_at.is_some()
            && r.reason.is_none()
            && r.consent_shared.is_empty();
        assert!(untouched || done, "half purged: {r:?}");
        purged += usize::from(done);
    }
    purged
}

#[db_test]
async fn a_purge_killed_mid_way_leaves_no_half_purged_referral_and_resumes(app: &TestApp) {
    const N: usize = 3_000;
    let s = scene(app).await;
    let closed_at = Utc::now();
    bulk_closed(app, &s, N, closed_at).await;
    let late = months(closed_at, 13).format("%Y-%m-%d").to_string();

    let mut child = cli(app)
        .args([
            "referrals",
            "purge",
            "--as-of",
            &late,
            "--batch",
            "5",
            "--json",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the purge");
    let conn = app.store.conn();
    let started = std::time::Instant::now();
    loop {
        let purged = referral::Entity::find()
            .filter(referral::Column::PurgedAt.is_not_null())
            .count(conn)
            .await
            .unwrap();
        if purged > 0 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_mins(2),
            "the purge never purged anything"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    // SIGKILL: no chance to finish the batch or clean up.
    child.kill().expect("kill -9");
    child.wait().unwrap();

    let purged = all_or_nothing(app).await;
    assert!(purged > 0 && purged < N, "killed mid-way: {purged} of {N}");

    let (code, out, err) = run(cli(app).args(["referrals", "purge", "--as-of", &late, "--json"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["purged"].as_u64(), Some((N - purged) as u64));
    assert_eq!(all_or_nothing(app).await, N, "the next run finishes");
}

#[db_test]
async fn export_and_erasure_are_for_the_two_organizations_only(app: &TestApp) {
    let s = scene(app).await;
    let id = sent(app, &s, Utc::now()).await;
    let other_org = organization(app, "Carrefour jeunesse", "communautaire", s.grouping).await;
    let stranger = member_for(app, "autre@carrefour.test", &s.grouping_slug, &other_org).await;
    let coordinator = member_of(app, "coord@table.test", Role::Coordinator, &s.grouping_slug).await;
    let export = format!("/references/{id}/export");
    let erase = format!("/references/{id}/effacer");

    for outsider in [&stranger, &coordinator] {
        assert_eq!(outsider.get(&export).await.status(), StatusCode::NOT_FOUND);
        let r = outsider.post_form(&erase, &[]).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    assert_ne!(app.client().get(&export).await.status(), StatusCode::OK);
    assert!(
        referral_person::Entity::find_by_id(id)
            .one(app.store.conn())
            .await
            .unwrap()
            .is_some(),
        "nothing erased by a stranger"
    );

    let r = s.receiver.get(&export).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert_eq!(r.headers()[reqwest::header::CACHE_CONTROL], "no-store");
    let data: serde_json::Value = r.json().await.unwrap();
    assert_eq!(data["person"]["first_name"], FIRST_NAME);
    assert_eq!(data["person"]["contact"], CONTACT);
    assert_eq!(data["person"]["note"], NOTE);
    assert_eq!(data["consent"]["given_by"], "guardian");
    assert_eq!(data["consent"]["shared"], SHARED);
    assert_eq!(data["history"][0]["to_status"], "sent");

    // The referral's page offers both to its two organizations.
    let page = body(s.sender.get(&format!("/references/{id}")).await).await;
    assert!(page.contains(&format!("action=\"{erase}\"")), "{page}");
    assert!(page.contains(&format!("href=\"{export}\"")));

    let r = s.sender.post_form(&erase, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = body(s.receiver.get(&format!("/references/{id}")).await).await;
    assert!(page.contains("id=\"person-erased\""));
    assert!(!page.contains(FIRST_NAME) && !page.contains(CONTACT));
    assert_eq!(
        location(&r),
        format!("/references/{id}?ok=flash-referrals-erased")
    );
    let conn = app.store.conn();
    assert!(
        referral_person::Entity::find_by_id(id)
            .one(conn)
            .await
            .unwrap()
            .is_none()
    );
    let row = referral::Entity::find_by_id(id)
        .one(conn)
        .await
        .unwrap()
        .unwrap();
    assert!(row.purged_at.is_some());
    assert_eq!(row.status, "sent", "the status is the loop's, untouched");

    // A move after the erasure keeps no new free text: the purge never
    // comes back to an erased referral.
    let csrf = s.receiver.csrf().await;
    let r = s
        .receiver
        .http
        .post(s.receiver.url(&format!("/api/v1/referrals/{id}/status")))
        .header("x-csrf-token", csrf)
        .json(&serde_json::json!({"status": "received", "comment": FIRST_NAME}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let comments = referral_event::Entity::find()
        .filter(referral_event::Column::ReferralId.eq(id))
        .all(conn)
        .await
        .unwrap();
    assert!(comments.iter().all(|e| e.comment.is_none()), "{comments:?}");

    let data: serde_json::Value = s.sender.get(&export).await.json().await.unwrap();
    assert!(data["person"].is_null());
    assert!(data["purged_at"].is_string());

    let audit = audit_log::Entity::find().all(conn).await.unwrap();
    let actions: Vec<&str> = audit
        .iter()
        .filter(|a| a.target.as_deref() == Some(id.to_string().as_str()))
        .map(|a| a.action.as_str())
        .collect();
    assert!(actions.contains(&"referral.export"), "{actions:?}");
    assert!(actions.contains(&"referral.erase"), "{actions:?}");
    let text = format!("{audit:?}");
    for m in MARKERS {
        assert!(!text.contains(m), "the audit log holds {m}");
    }
}

#[db_test]
async fn erasure_reaches_the_copy_a_redirection_made(app: &TestApp) {
    let s = scene(app).await;
    let id = sent(app, &s, Utc::now()).await;
    let other =
        crate::referrals_scene::service(app, &s.receiver_org, "Cuisine collective", "active").await;
    let receiver = who(app, &s.receiver_email).await;
    for (status, to) in [("received", None), ("redirected", Some(other))] {
        referrals::change_status(
            &app.store,
            &receiver.actor(),
            id,
            &StatusInput {
                status: status.to_owned(),
                reason: None,
                comment: None,
                to_service: to,
            },
            None,
            Utc::now(),
        )
        .await
        .unwrap_or_else(|e| panic!("{status}: {e}"));
    }
    let conn = app.store.conn();
    assert_eq!(
        referral_person::Entity::find().count(conn).await.unwrap(),
        2
    );
    let erased = referrals_purge::erase(&app.store, &who(app, &s.sender_email).await.actor(), id)
        .await
        .unwrap();
    assert_eq!(erased.len(), 2);
    assert_eq!(
        referral_person::Entity::find().count(conn).await.unwrap(),
        0
    );
}

#[db_test]
async fn the_retention_period_is_the_coordinators_and_bounded(app: &TestApp) {
    let s = scene(app).await;
    let coordinator = member_of(app, "coord@table.test", Role::Coordinator, &s.grouping_slug).await;
    let page = format!("/regroupements/{}/references/conservation", s.grouping_slug);
    let (status, html) = coordinator.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Conservation des références"), "{html}");
    assert!(html.contains("value=\"12\""), "the default, 12 months");

    let r = coordinator.post_form(&page, &[("months", "24")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("{page}?ok=flash-referrals-retention-saved")
    );
    let months_now = || async {
        grouping::Entity::find_by_id(s.grouping)
            .one(app.store.conn())
            .await
            .unwrap()
            .unwrap()
            .referral_retention_months
    };
    assert_eq!(months_now().await, 24);

    for bad in ["0", "121", "douze", ""] {
        let r = coordinator.post_form(&page, &[("months", bad)]).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let html = body(r).await;
        assert!(
            html.contains("La durée de conservation va de 1 à 120 mois."),
            "{html}"
        );
    }
    assert_eq!(months_now().await, 24, "nothing written");

    assert_eq!(s.sender.get(&page).await.status(), StatusCode::FORBIDDEN);
    let r = s.sender.post_form(&page, &[("months", "1")]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(months_now().await, 24);

    // The purge follows the grouping's period: 24 months, not 12.
    let closed_at = Utc::now();
    closed(app, &s, closed_at).await;
    assert_eq!(purge(app, months(closed_at, 13)).await, 0);
    assert_eq!(purge(app, months(closed_at, 25)).await, 1);
}

#[db_test]
async fn the_privacy_notice_is_public_and_french(app: &TestApp) {
    let (status, html) = app.client().get_text("/confidentialite/references").await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Confidentialité des références",
        "mois après la fermeture",
        "Ni les coordonnateurs du regroupement, ni les administrateurs",
        "journal d’audit",
        "Effacement",
    ] {
        assert!(html.contains(expected), "{expected}: {html}");
    }
}
