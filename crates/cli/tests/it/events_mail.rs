//! Confirmation e-mails over SMTP, against a fake server in the test: the
//! message a registrant gets (recipient, subject, body with the personal
//! link, French or English), a server that refuses it (the registration
//! still succeeds; the coordinators see why, and resend), the message to
//! whoever leaves the waiting list, and the list without any server — on
//! SQLite and PostgreSQL.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use maillage_domain::Role;
use maillage_store::entity::registration;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::pages as event_pages;
use maillage_store::repo::events::{self, EventInput, SessionInput};
use maillage_web::WebConfig;
use maillage_web::mail::Mailer;
use reqwest::StatusCode;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpListener;
use uuid::Uuid;

use crate::harness::{Db, TestApp, TestClient, location, member_of};
use maillage_test_macros::db_test;

const TITLE: &str = "Rencontre régionale — Jonquière 2031";

// ---------- a fake SMTP server (also used by `accounts`) ----------

/// One message as the server received it.
#[derive(Debug, Clone)]
pub(crate) struct Captured {
    mail_from: String,
    pub(crate) rcpt_to: Vec<String>,
    /// Everything between DATA and the final `.`, dot-stuffing undone.
    data: String,
}

impl Captured {
    fn header(&self, name: &str) -> String {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        // Unfold continuation lines, then find the header.
        let unfolded = head.replace("\r\n ", " ").replace("\r\n\t", " ");
        let prefix = format!("{}:", name.to_ascii_lowercase());
        unfolded
            .split("\r\n")
            .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_owned())
            .unwrap_or_default()
    }

    pub(crate) fn subject(&self) -> String {
        decode_words(&self.header("Subject"))
    }

    /// The plain-text body, its transfer encoding undone.
    pub(crate) fn text(&self) -> String {
        let raw = self
            .data
            .split_once("\r\n\r\n")
            .map(|(_, b)| b)
            .unwrap_or_default();
        let encoding = self.header("Content-Transfer-Encoding").to_lowercase();
        let text = match encoding.as_str() {
            "quoted-printable" => quoted_printable(raw),
            "base64" => String::from_utf8(base64(&raw.replace("\r\n", ""))).unwrap(),
            _ => raw.to_owned(),
        };
        text.replace("\r\n", "\n")
    }
}

/// A server speaking just enough SMTP; `refuse` answers 550 to RCPT.
pub(crate) struct FakeSmtp {
    addr: SocketAddr,
    messages: Arc<Mutex<Vec<Captured>>>,
    refuse: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl FakeSmtp {
    pub(crate) async fn start(refuse: bool) -> FakeSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let refuse = Arc::new(AtomicBool::new(refuse));
        let (m, r) = (messages.clone(), refuse.clone());
        let task = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(session(socket, m.clone(), r.clone()));
            }
        });
        FakeSmtp {
            addr,
            messages,
            refuse,
            task,
        }
    }

    pub(crate) fn mailer(&self) -> Mailer {
        Mailer::from_settings(
            &format!("smtp://{}?tls=none", self.addr),
            "Maillage <noreply@exemple.ca>",
        )
        .expect("the test relay's settings")
    }

    pub(crate) async fn wait_for(&self, n: usize) -> Vec<Captured> {
        for _ in 0..200 {
            let got = self.messages.lock().unwrap().clone();
            if got.len() >= n {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the fake SMTP server got fewer than {n} messages");
    }
}

impl Drop for FakeSmtp {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn session(
    socket: tokio::net::TcpStream,
    messages: Arc<Mutex<Vec<Captured>>>,
    refuse: Arc<AtomicBool>,
) {
    let (read, mut write) = socket.into_split();
    let mut lines = BufReader::new(read);
    if !reply(&mut write, "220 faux.exemple.ca ESMTP").await {
        return;
    }
    let mut current = Captured {
        mail_from: String::new(),
        rcpt_to: Vec::new(),
        data: String::new(),
    };
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer = match verb.as_str() {
            "EHLO" | "HELO" => "250 faux.exemple.ca",
            "MAIL" => {
                current.mail_from = command[10..].trim().to_owned();
                "250 OK"
            }
            "RCPT" if refuse.load(Ordering::SeqCst) => "550 5.1.1 mailbox unavailable",
            "RCPT" => {
                current.rcpt_to.push(command[8..].trim().to_owned());
                "250 OK"
            }
            "DATA" => {
                if !reply(&mut write, "354 End data with <CR><LF>.<CR><LF>").await {
                    return;
                }
                let mut data = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    if line == ".\r\n" {
                        break;
                    }
                    let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                    data.push_str(unstuffed);
                }
                current.data = data;
                messages.lock().unwrap().push(current.clone());
                "250 OK queued"
            }
            "RSET" | "NOOP" => "250 OK",
            "QUIT" => {
                let _ = reply(&mut write, "221 Bye").await;
                return;
            }
            _ => "502 command not implemented",
        };
        if !reply(&mut write, answer).await {
            return;
        }
    }
}

async fn reply(w: &mut tokio::net::tcp::OwnedWriteHalf, text: &str) -> bool {
    w.write_all(format!("{text}\r\n").as_bytes()).await.is_ok()
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes().filter(|c| *c != b'=') {
        let v = u32::try_from(ALPHABET.iter().position(|a| *a == c).expect("base64")).unwrap();
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).unwrap());
        }
    }
    out
}

fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).expect("quoted-printable"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// RFC 2047 encoded words (`=?utf-8?b?…?=`), as lettre writes them: the
/// space between two encoded words is not part of the text.
fn decode_words(header: &str) -> String {
    let mut out = String::new();
    let mut previous_encoded = false;
    for word in header.split_whitespace() {
        let encoded = word.to_ascii_lowercase().starts_with("=?utf-8?b?") && word.ends_with("?=");
        let joined = encoded && previous_encoded;
        if !out.is_empty() && !joined {
            out.push(' ');
        }
        if encoded {
            out.push_str(&String::from_utf8(base64(&word[10..word.len() - 2])).unwrap());
        } else {
            out.push_str(word);
        }
        previous_encoded = encoded;
    }
    out
}

// ---------- the app around it ----------

pub(crate) async fn app_with(db: Db, mail: Option<Mailer>) -> TestApp {
    TestApp::spawn_with_config(
        db,
        WebConfig {
            mail,
            ..WebConfig::default()
        },
    )
    .await
    .expect("the database is available")
}

async fn published_event(app: &TestApp) -> Uuid {
    let session = SessionInput {
        date: chrono::NaiveDate::from_ymd_opt(2031, 5, 8).unwrap(),
        starts_at: Some("09:00".to_owned()),
        place: Some("Le Calypso".to_owned()),
        ..SessionInput::default()
    };
    app.published_event(TITLE, None, Some(&session)).await
}

async fn register(client: &TestClient, event: Uuid, name: &str, email: &str) -> String {
    let r = client
        .post_form(
            &format!("/evenements/{event}/inscription"),
            &[
                ("name", name),
                ("email", email),
                ("organization_text", "CPE La Sagamie"),
            ],
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "the registration succeeds"
    );
    let (status, html) = client.get_text(&location(&r)).await;
    assert_eq!(status, StatusCode::OK, "the confirmation page");
    html
}

async fn registration_of(app: &TestApp, event: Uuid, email: &str) -> registration::Model {
    events::registrations(app.store.conn(), event)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.email == email)
        .expect("the registration is stored")
}

/// The registration once the background sending has recorded an outcome.
async fn settled(app: &TestApp, event: Uuid, email: &str) -> registration::Model {
    for _ in 0..200 {
        let r = registration_of(app, event, email).await;
        if r.confirmation_sent_at.is_some() || r.confirmation_error.is_some() {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no outcome recorded for {email}");
}

#[db_test(kind)]
async fn the_confirmation_is_mailed_in_the_registrants_language(db: Db) {
    let smtp = FakeSmtp::start(false).await;
    let app = app_with(db, Some(smtp.mailer())).await;
    let e = published_event(&app).await;

    let html = register(&app.client(), e, "Josette Tremblay", "Josette@Exemple.ca").await;
    assert!(
        html.contains("Un courriel de confirmation est envoyé à josette@exemple.ca."),
        "{html}"
    );
    let got = smtp.wait_for(1).await;
    let m = &got[0];
    assert_eq!(m.rcpt_to, ["<josette@exemple.ca>"]);
    assert!(
        m.mail_from.contains("noreply@exemple.ca"),
        "{}",
        m.mail_from
    );
    assert_eq!(m.subject(), format!("Inscription confirmée\u{a0}: {TITLE}"));
    assert!(m.header("To").contains("josette@exemple.ca"));
    let stored = registration_of(&app, e, "josette@exemple.ca").await;
    let text = m.text();
    let confirmation = stored.confirmation.clone().unwrap();
    assert!(
        text.trim_end().contains(confirmation.trim_end()),
        "the body is the stored confirmation:\n{text}\n---\n{confirmation}"
    );
    assert!(text.contains("Bonjour Josette Tremblay"), "{text}");
    assert!(
        text.contains(&format!("/evenements/{e}/moi/")),
        "the personal link: {text}"
    );
    let sent = settled(&app, e, "josette@exemple.ca").await;
    assert!(sent.confirmation_sent_at.is_some() && sent.confirmation_error.is_none());

    // The page's language is the message's.
    let english = app.client();
    english
        .get(&format!("/langue/en?suivant=/evenements/{e}"))
        .await;
    let html = register(&english, e, "Jordan Smith", "jordan@exemple.ca").await;
    assert!(
        html.contains("A confirmation e-mail is on its way to jordan@exemple.ca."),
        "{html}"
    );
    let got = smtp.wait_for(2).await;
    let m = got
        .iter()
        .find(|m| m.rcpt_to == ["<jordan@exemple.ca>"])
        .expect("the second message");
    assert_eq!(m.subject(), format!("Registration confirmed: {TITLE}"));
    assert!(m.text().contains("Hello Jordan Smith"), "{}", m.text());

    let coordinator = member_of(
        &app,
        "coordination@exemple.ca",
        Role::Coordinator,
        "table-de-test",
    )
    .await;
    settled(&app, e, "jordan@exemple.ca").await;
    let (status, html) = coordinator
        .get_text(&format!("/evenements/{e}/gestion"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(html.matches("evpages-mail-sent").count(), 2, "{html}");
    assert!(html.contains("Envoyé le"), "{html}");
    assert!(!html.contains("Renvoyer la confirmation"));
    app.stop().await;
}

#[db_test(kind)]
async fn a_refused_confirmation_is_shown_and_can_be_resent(db: Db) {
    let smtp = FakeSmtp::start(true).await;
    let app = app_with(db, Some(smtp.mailer())).await;
    let e = published_event(&app).await;

    let html = register(&app.client(), e, "Claudette Gagnon", "claudette@exemple.ca").await;
    assert!(
        html.contains("Inscription confirmée"),
        "the confirmation page, as always: {html}"
    );
    let failed = settled(&app, e, "claudette@exemple.ca").await;
    let reason = failed.confirmation_error.clone().unwrap();
    assert!(reason.contains("550"), "{reason}");
    assert!(failed.confirmation_sent_at.is_none());
    assert_eq!(failed.status, "confirmed", "the registration stands");

    let coordinator = member_of(
        &app,
        "coordination@exemple.ca",
        Role::Coordinator,
        "table-de-test",
    )
    .await;
    let manage = format!("/evenements/{e}/gestion");
    let (_, html) = coordinator.get_text(&manage).await;
    assert!(html.contains("Échec de l’envoi"), "{html}");
    assert!(html.contains("mailbox unavailable"), "the reason: {html}");
    assert!(html.contains("Renvoyer la confirmation"), "{html}");

    // Still refused: the coordinator is told, nothing else changes.
    let resend = format!("/evenements/{e}/inscriptions/{}/confirmation", failed.id);
    let r = coordinator.post_form(&resend, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&r).contains("erreur=flash-evpages-error-mail-failed"),
        "{}",
        location(&r)
    );
    let (_, html) = coordinator.get_text(&location(&r)).await;
    assert!(
        html.contains("Le serveur de courriel a refusé la confirmation"),
        "{html}"
    );

    // The server accepts again: one click sends it.
    smtp.refuse.store(false, Ordering::SeqCst);
    let r = coordinator.post_form(&resend, &[]).await;
    assert!(location(&r).contains("ok=flash-evpages-mail-resent"));
    let got = smtp.wait_for(1).await;
    assert_eq!(got[0].rcpt_to, ["<claudette@exemple.ca>"]);
    assert_eq!(
        got[0].subject(),
        format!("Inscription confirmée\u{a0}: {TITLE}")
    );
    let sent = registration_of(&app, e, "claudette@exemple.ca").await;
    assert!(sent.confirmation_sent_at.is_some() && sent.confirmation_error.is_none());
    let (_, html) = coordinator.get_text(&manage).await;
    assert!(html.contains("Envoyé le") && !html.contains("Échec de l’envoi"));

    // Only the event's coordinators may resend.
    let viewer = member_of(&app, "lecture@exemple.ca", Role::Viewer, "table-de-test").await;
    let r = viewer.post_form(&resend, &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // A server that cannot be reached at all: the same.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        l.local_addr().unwrap()
    };
    drop(smtp);
    let nowhere =
        Mailer::from_settings(&format!("smtp://{closed}?tls=none"), "noreply@exemple.ca").unwrap();
    let app2 = app_with(db, Some(nowhere)).await;
    let e2 = published_event(&app2).await;
    register(&app2.client(), e2, "Marc Simard", "marc@exemple.ca").await;
    let failed = settled(&app2, e2, "marc@exemple.ca").await;
    assert!(failed.confirmation_error.is_some());
    app2.stop().await;
    app.stop().await;
}

#[db_test(kind)]
async fn without_a_server_nothing_is_sent(db: Db) {
    let app = app_with(db, None).await;
    let e = published_event(&app).await;
    let html = register(&app.client(), e, "Josette Tremblay", "josette@exemple.ca").await;
    // The registrant is not told about the server: that is the
    // coordinators' concern; the page says nothing of a mail.
    assert!(!html.contains("Aucun serveur de courriel"), "{html}");
    assert!(
        !html.contains("Un courriel de confirmation est envoyé"),
        "{html}"
    );
    let r = registration_of(&app, e, "josette@exemple.ca").await;
    assert!(r.confirmation.is_some());
    assert!(r.confirmation_sent_at.is_none() && r.confirmation_error.is_none());
    let coordinator = member_of(
        &app,
        "coordination@exemple.ca",
        Role::Coordinator,
        "table-de-test",
    )
    .await;
    let (_, html) = coordinator
        .get_text(&format!("/evenements/{e}/gestion"))
        .await;
    assert!(html.contains("Non configuré"), "{html}");
    assert!(!html.contains("Renvoyer la confirmation"));
    let r = coordinator
        .post_form(
            &format!("/evenements/{e}/inscriptions/{}/confirmation", r.id),
            &[],
        )
        .await;
    assert!(location(&r).contains("erreur=flash-evpages-error-mail-off"));
    app.stop().await;
}

/// The personal link a message carries.
fn personal_link(text: &str) -> String {
    text.split_whitespace()
        .find(|w| w.contains("/moi/"))
        .expect("a personal link")
        .to_owned()
}

/// The registration once the mail sent after `before` has an outcome.
async fn resettled(app: &TestApp, event: Uuid, email: &str, before: &str) -> registration::Model {
    for _ in 0..200 {
        let r = registration_of(app, event, email).await;
        if r.confirmation.as_deref() != Some(before)
            && (r.confirmation_sent_at.is_some() || r.confirmation_error.is_some())
        {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no new outcome recorded for {email}");
}

#[db_test(kind)]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn a_place_that_opens_up_is_mailed_to_the_next_in_line(db: Db) {
    let smtp = FakeSmtp::start(false).await;
    let app = app_with(db, Some(smtp.mailer())).await;
    let gid = app.grouping("table-de-test").await;
    let input = |capacity| EventInput {
        grouping_id: Some(gid),
        title: TITLE.to_owned(),
        status: maillage_store::entity::event::EventStatus::Published,
        capacity: Some(capacity),
        ..EventInput::default()
    };
    let e = event_pages::create_event_with_session(&app.store, &Actor::system(), &input(1), None)
        .await
        .unwrap()
        .id;
    register(&app.client(), e, "Josette Tremblay", "josette@exemple.ca").await;
    let english = app.client();
    english
        .get(&format!("/langue/en?suivant=/evenements/{e}"))
        .await;
    register(&english, e, "Jordan Smith", "jordan@exemple.ca").await;
    register(&app.client(), e, "Camille Roy", "camille@exemple.ca").await;
    let got = smtp.wait_for(3).await;
    let to = |got: &[Captured], who: &str| -> Vec<Captured> {
        got.iter()
            .filter(|m| m.rcpt_to == [format!("<{who}>")])
            .cloned()
            .collect()
    };
    let waiting = &to(&got, "jordan@exemple.ca")[0];
    assert_eq!(waiting.subject(), format!("Waiting list: {TITLE}"));
    let jordan_link = personal_link(&waiting.text());
    let before = settled(&app, e, "jordan@exemple.ca").await;

    // Josette cancels: Jordan takes her place and is told, in English,
    // with the personal link he already has.
    let coordinator = member_of(
        &app,
        "coordination@exemple.ca",
        Role::Coordinator,
        "table-de-test",
    )
    .await;
    let josette = registration_of(&app, e, "josette@exemple.ca").await.id;
    let r = coordinator
        .post_form(
            &format!("/evenements/{e}/inscriptions/{josette}/annuler"),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let got = smtp.wait_for(4).await;
    let promoted = to(&got, "jordan@exemple.ca");
    assert_eq!(promoted.len(), 2, "{got:?}");
    let m = &promoted[1];
    assert_eq!(m.subject(), format!("Registration confirmed: {TITLE}"));
    let text = m.text();
    assert!(text.contains("Hello Jordan Smith"), "{text}");
    assert!(text.contains("A place opened up"), "{text}");
    assert_eq!(personal_link(&text), jordan_link);
    let after = resettled(
        &app,
        e,
        "jordan@exemple.ca",
        before.confirmation.as_deref().unwrap(),
    )
    .await;
    assert_eq!(after.status, "confirmed");
    assert!(after.confirmation_sent_at.is_some() && after.confirmation_error.is_none());
    assert!(
        text.trim_end()
            .contains(after.confirmation.as_deref().unwrap().trim_end()),
        "the stored message is the one sent"
    );
    let (_, html) = coordinator
        .get_text(&format!("/evenements/{e}/gestion"))
        .await;
    assert_eq!(html.matches("evpages-mail-sent").count(), 3, "{html}");

    // A larger capacity opens a place too: Camille is told, in French.
    let camille_before = settled(&app, e, "camille@exemple.ca").await;
    let edit = format!("/evenements/{e}/modifier");
    let (_, form) = coordinator.get_text(&edit).await;
    assert!(form.contains("name=\"version\" value=\"1\""), "{form}");
    let gid = gid.to_string();
    let r = coordinator
        .post_form(
            &edit,
            &[
                ("grouping_id", gid.as_str()),
                ("title", TITLE),
                ("capacity", "2"),
                ("status", "published"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let got = smtp.wait_for(5).await;
    let camille = to(&got, "camille@exemple.ca");
    assert_eq!(camille.len(), 2, "{got:?}");
    assert_eq!(
        camille[1].subject(),
        format!("Inscription confirmée\u{a0}: {TITLE}")
    );
    assert!(
        camille[1].text().contains("Une place s’est libérée"),
        "{}",
        camille[1].text()
    );
    let camille_after = resettled(
        &app,
        e,
        "camille@exemple.ca",
        camille_before.confirmation.as_deref().unwrap(),
    )
    .await;
    assert_eq!(camille_after.status, "confirmed");
    app.stop().await;
}
