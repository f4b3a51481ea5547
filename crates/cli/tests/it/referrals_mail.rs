//! Referral notices by e-mail, against the fake SMTP server of
//! `events_mail`: the receiving organization's account is told of a new
//! referral, the sender of its acceptance; neither message holds the
//! person's first name, contact or the note — on SQLite and PostgreSQL.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::events_mail::{Captured, FakeSmtp, app_with};
use crate::harness::{Db, TestClient};
use crate::referrals_scene::{member_for, organization, referral_body, scene, service};
use maillage_test_macros::db_test;

async fn post(client: &TestClient, csrf: &str, path: &str, body: &Value) -> Value {
    let r = client
        .http
        .post(client.url(path))
        .header("x-csrf-token", csrf)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let answer: Value = r.json().await.unwrap();
    assert!(status.is_success(), "{path}: {status} {answer}");
    answer
}

fn to(m: &Captured, email: &str) -> bool {
    m.rcpt_to == [format!("<{email}>")]
}

fn holds_no_personal_data(m: &Captured) {
    let all = format!("{}\n{}", m.subject(), m.text());
    for personal in ["Amina", "819 555-0101", "matins"] {
        assert!(!all.contains(personal), "{personal} in the mail:\n{all}");
    }
}

#[db_test(kind)]
async fn the_receiver_is_mailed_a_new_referral_and_the_sender_its_acceptance(db: Db) {
    let smtp = FakeSmtp::start(false).await;
    let app = app_with(db, Some(smtp.mailer())).await;
    let s = scene(&app).await;
    let (sender_csrf, receiver_csrf) = (s.sender.csrf().await, s.receiver.csrf().await);
    let mut body = referral_body(&s);
    body["note"] = json!("Disponible les matins.");
    let created = post(&s.sender, &sender_csrf, "/api/v1/referrals", &body).await;
    let id = created["id"].as_str().unwrap().to_owned();

    let got = smtp.wait_for(1).await;
    let m = &got[0];
    assert!(to(m, &s.receiver_email), "{:?}", m.rcpt_to);
    assert_eq!(
        m.subject(),
        "Nouvelle référence pour «\u{a0}Halte-garderie et soutien parental\u{a0}»"
    );
    let text = m.text();
    assert!(text.contains(&format!("/references/{id}")), "{text}");
    assert!(
        text.contains("aucun renseignement sur la personne"),
        "{text}"
    );
    holds_no_personal_data(m);

    let status = format!("/api/v1/referrals/{id}/status");
    post(
        &s.receiver,
        &receiver_csrf,
        &status,
        &json!({"status": "received"}),
    )
    .await;
    post(
        &s.receiver,
        &receiver_csrf,
        &status,
        &json!({"status": "accepted"}),
    )
    .await;
    let got = smtp.wait_for(3).await;
    let to_sender: Vec<&Captured> = got.iter().filter(|m| to(m, &s.sender_email)).collect();
    assert_eq!(to_sender.len(), 2, "received, then accepted");
    let accepted = to_sender
        .iter()
        .find(|m| m.subject().ends_with("Acceptée"))
        .unwrap_or_else(|| {
            panic!(
                "the acceptance: {:?}",
                to_sender.iter().map(|m| m.subject()).collect::<Vec<_>>()
            )
        });
    assert!(accepted.text().contains("Acceptée"), "{}", accepted.text());
    assert!(accepted.text().contains(&format!("/references/{id}")));
    for m in &got {
        holds_no_personal_data(m);
    }
    assert_eq!(
        got.iter().filter(|m| to(m, &s.receiver_email)).count(),
        1,
        "the receiver is not told of its own moves"
    );
    app.stop().await;
}

#[db_test(kind)]
async fn a_refusing_mail_server_does_not_fail_the_referral(db: Db) {
    let smtp = FakeSmtp::start(true).await;
    let app = app_with(db, Some(smtp.mailer())).await;
    let s = scene(&app).await;
    let csrf = s.sender.csrf().await;
    let r = s
        .sender
        .http
        .post(s.sender.url("/api/v1/referrals"))
        .header("x-csrf-token", &csrf)
        .json(&referral_body(&s))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    app.stop().await;
}

#[db_test(kind)]
async fn a_redirection_is_mailed_to_the_new_service(db: Db) {
    let smtp = FakeSmtp::start(false).await;
    let app = app_with(db, Some(smtp.mailer())).await;
    let s = scene(&app).await;
    let third = organization(
        &app,
        "Carrefour jeunesse du Lac",
        "communautaire",
        s.grouping,
    )
    .await;
    let other_service = service(&app, &third, "Aide aux devoirs", "active").await;
    let third_email = "accueil@carrefour.test";
    member_for(&app, third_email, &s.grouping_slug, &third).await;
    let (sender_csrf, receiver_csrf) = (s.sender.csrf().await, s.receiver.csrf().await);
    let created = post(
        &s.sender,
        &sender_csrf,
        "/api/v1/referrals",
        &referral_body(&s),
    )
    .await;
    let id = created["id"].as_str().unwrap().to_owned();
    let status = format!("/api/v1/referrals/{id}/status");
    post(
        &s.receiver,
        &receiver_csrf,
        &status,
        &json!({"status": "received"}),
    )
    .await;
    let moved = post(
        &s.receiver,
        &receiver_csrf,
        &status,
        &json!({"status": "redirected", "to_service": other_service}),
    )
    .await;
    let new_id = moved["redirected_to"].as_str().unwrap().to_owned();
    // The receiver's new referral, the sender's « received » and
    // « redirected », the new service's new referral.
    let got = smtp.wait_for(4).await;
    let m = got
        .iter()
        .find(|m| to(m, third_email))
        .expect("the new service's organization is told");
    assert_eq!(
        m.subject(),
        "Nouvelle référence pour «\u{a0}Aide aux devoirs\u{a0}»"
    );
    assert!(
        m.text().contains(&format!("/references/{new_id}")),
        "{}",
        m.text()
    );
    holds_no_personal_data(m);
    assert!(
        got.iter()
            .any(|m| to(m, &s.sender_email) && m.subject().ends_with("Réorientée")),
        "the sender is told"
    );
    app.stop().await;
}
