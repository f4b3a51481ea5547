//! API tokens end to end: `maillage token create`, a script with
//! `Authorization: Bearer` reading and writing what its account may, the
//! refusals (read scope, revoked, expired, unknown, deactivated, HTML
//! pages), the account page, digests only, the audit, the OpenAPI
//! document — on SQLite and PostgreSQL.

use maillage_domain::token::{self, ApiScope};
use maillage_domain::{Email, Role};
use maillage_store::entity::{api_token, audit_log};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::{accounts, api_tokens};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

use crate::cli::{for_each_database, json, maillage, run, with_url};
use crate::harness::{TestApp, TestClient, asks_sign_in, body, location};
use maillage_test_macros::db_test;

/// `maillage token create` against the running app's database.
fn cli_token(app: &TestApp, args: &[&str]) -> Value {
    let url = (!app.db.url.starts_with("sqlite")).then_some(app.db.url.as_str());
    let mut cmd = with_url(maillage(app.db.dir.path()), url);
    cmd.args(["token", "create"]).args(args).arg("--json");
    let (code, stdout, stderr) = run(&mut cmd);
    assert_eq!(code, 0, "{stderr}");
    json(&stdout)
}

/// A script: no cookies, only its token.
struct Script {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Script {
    fn new(app: &TestApp, token: &str) -> Self {
        Self {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: app.url(""),
            token: token.to_owned(),
        }
    }

    async fn send(&self, method: reqwest::Method, path: &str) -> (StatusCode, Value) {
        let r = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(reqwest::Method::GET, path).await
    }

    async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.send(reqwest::Method::DELETE, path).await
    }
}

async fn audits(app: &TestApp, action: &str, target: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::Target.eq(target))
        .count(app.store.conn())
        .await
        .unwrap()
}

const DRAFT_GROUPING: &str = "groupement-partenaires-0-5-becancour";
const DRAFT: &str = "Plan d'action 2017-2019 (brouillon)";

/// What the script tests share: the demo's draft plan of `DRAFT_GROUPING`,
/// a member of that grouping (`script@`) with a read token (made by the
/// CLI with its defaults) and a coordinator of another grouping
/// (`ailleurs@`) with a write token.
struct Scripts {
    draft: uuid::Uuid,
    secret: String,
    read_id: String,
    reader: Script,
    outsider: Script,
}

async fn scripts(app: &TestApp) -> Scripts {
    let draft = app.plan_id(DRAFT_GROUPING, DRAFT).await;
    app.create_user("script@exemple.ca", Role::Member, Some(DRAFT_GROUPING))
        .await;
    app.create_user(
        "ailleurs@exemple.ca",
        Role::Coordinator,
        Some("commun-enfant-jonquiere"),
    )
    .await;

    let created = cli_token(app, &["--user", "script@exemple.ca"]);
    let secret = created["token"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("mlg_"), "{created}");
    assert_eq!(created["scope"], "read", "read is the default scope");
    assert_eq!(created["expires_at"], Value::Null);
    let read_id = created["id"].as_str().unwrap().to_owned();
    let reader = Script::new(app, &secret);

    let outsider = cli_token(app, &["--user", "ailleurs@exemple.ca", "--scope", "write"]);
    let outsider = Script::new(app, outsider["token"].as_str().unwrap());
    Scripts {
        draft,
        secret,
        read_id,
        reader,
        outsider,
    }
}

/// A write token of `script@`, made by the CLI.
fn writer(app: &TestApp) -> Script {
    let writer = cli_token(app, &["--user", "script@exemple.ca", "--scope", "write"]);
    assert_eq!(writer["scope"], "write");
    Script::new(app, writer["token"].as_str().unwrap())
}

#[db_test(demo)]
async fn a_token_reads_what_its_account_reads(app: &TestApp) {
    let Scripts {
        draft,
        reader,
        outsider,
        ..
    } = scripts(app).await;
    // It reads what its account reads: its grouping's draft, the directory.
    let (status, me) = reader.get("/api/v1/me").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["email"], "script@exemple.ca");
    let (status, plan) = reader.get(&format!("/api/v1/plans/{draft}")).await;
    assert_eq!(status, StatusCode::OK, "{plan}");
    assert_eq!(plan["title"], DRAFT);
    let (status, orgs) = reader.get("/api/v1/organizations").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        orgs["contents"].as_array().is_some_and(|a| !a.is_empty()),
        "{orgs}"
    );
    // …and not what its account may not.
    let (status, body) = reader.get("/api/v1/users").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "forbidden");
    let (status, _) = outsider.get(&format!("/api/v1/plans/{draft}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another grouping's draft");
}

#[db_test(demo)]
async fn a_read_token_writes_nothing_and_a_write_token_needs_no_csrf(app: &TestApp) {
    let Scripts {
        secret,
        read_id,
        reader,
        outsider,
        ..
    } = scripts(app).await;
    // A read token writes nothing; a write token needs no CSRF token.
    let (status, body) = reader.delete(&format!("/api/v1/tokens/{read_id}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body["error"]["code"], "forbidden");
    assert_eq!(reader.get("/api/v1/me").await.0, StatusCode::OK);
    let writer = writer(app);
    let (status, tokens) = writer.get("/api/v1/tokens").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(tokens.as_array().map(Vec::len), Some(2), "{tokens}");
    assert!(
        !tokens.to_string().contains(&secret),
        "never the token itself"
    );
    // Another account's token is not found, and stays live.
    let (status, _) = outsider.delete(&format!("/api/v1/tokens/{read_id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(reader.get("/api/v1/me").await.0, StatusCode::OK);
    let (status, _) = writer.delete(&format!("/api/v1/tokens/{read_id}")).await;
    assert_eq!(status, StatusCode::NO_CONTENT);

    // Revoked → 401, in the API's error shape.
    let (status, body) = reader.get("/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthenticated");
    assert!(body["error"]["message"].is_string());
}

#[db_test(demo)]
async fn unknown_and_expired_tokens_get_401(app: &TestApp) {
    scripts(app).await;
    // Unknown → 401, even on a route anyone may read.
    let unknown = Script::new(app, &token::new_api_token());
    let (status, body) = unknown.get("/api/v1/organizations").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthenticated");
    // Expired → 401 (made with a past expiry, not by waiting).
    let user = app.user_id("script@exemple.ca").await;
    let old = token::new_api_token();
    api_tokens::create(
        &app.store,
        &Actor::system(),
        api_tokens::NewToken {
            user_id: user,
            name: "Ancien".to_owned(),
            scope: ApiScope::Write,
            digest: token::digest(&old),
            expires_at: Some(chrono::Utc::now() - chrono::Duration::days(1)),
        },
    )
    .await
    .unwrap();
    let (status, body) = Script::new(app, &old).get("/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthenticated");
}

#[db_test(demo)]
async fn a_token_opens_the_api_only(app: &TestApp) {
    let Scripts { draft, .. } = scripts(app).await;
    let writer = writer(app);
    // Only under /api/v1: a page treats a bearer request as anonymous.
    let r = writer
        .http
        .get(format!("{}/plans/{draft}", writer.base))
        .bearer_auth(&writer.token)
        .send()
        .await
        .unwrap();
    assert!(asks_sign_in(&r), "{}", location(&r));
    let r = writer
        .http
        .post(format!("{}/profil/jetons", writer.base))
        .bearer_auth(&writer.token)
        .form(&[("name", "Par la porte"), ("scope", "write")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "no CSRF bypass on pages");
}

#[db_test(demo)]
async fn deactivating_the_account_stops_its_tokens(app: &TestApp) {
    scripts(app).await;
    let writer = writer(app);
    let user = app.user_id("script@exemple.ca").await;
    let admin = accounts::find_by_email(
        app.store.conn(),
        &Email::parse("ailleurs@exemple.ca").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    accounts::set_active(
        &app.store,
        &Actor {
            user_id: Some(admin.id),
            ip: None,
        },
        user,
        false,
    )
    .await
    .unwrap();
    assert_eq!(writer.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
}

#[db_test]
async fn only_digests_are_stored_and_uses_are_audited(app: &TestApp) {
    app.create_user("audit@exemple.ca", Role::Viewer, Some("table-de-test"))
        .await;
    let created = cli_token(
        app,
        &["--user", "audit@exemple.ca", "--name", "Tableau de bord"],
    );
    let secret = created["token"].as_str().unwrap();
    let id = created["id"].as_str().unwrap();
    let rows = api_token::Entity::find()
        .all(app.store.conn())
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "Tableau de bord");
    assert_eq!(rows[0].token_digest, token::digest(secret));
    assert!(!format!("{rows:?}").contains(secret.trim_start_matches("mlg_")));
    assert_eq!(audits(app, "api_token.create", id).await, 1);

    let script = Script::new(app, secret);
    for _ in 0..3 {
        assert_eq!(script.get("/api/v1/me").await.0, StatusCode::OK);
    }
    // The first use from an address is audited once, not every use.
    assert_eq!(audits(app, "api_token.new_address", id).await, 1);
    let row = api_token::Entity::find()
        .one(app.store.conn())
        .await
        .unwrap()
        .unwrap();
    assert!(row.last_used_at.is_some());
    assert_eq!(row.last_used_ip.as_deref(), Some("127.0.0.1"));

    let writer = cli_token(app, &["--user", "audit@exemple.ca", "--scope", "write"]);
    let writer = Script::new(app, writer["token"].as_str().unwrap());
    assert_eq!(
        writer.delete(&format!("/api/v1/tokens/{id}")).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(audits(app, "api_token.revoke", id).await, 1);
    // Revoking again changes nothing and audits nothing more.
    assert_eq!(
        writer.delete(&format!("/api/v1/tokens/{id}")).await.0,
        StatusCode::NO_CONTENT
    );
    assert_eq!(audits(app, "api_token.revoke", id).await, 1);
}

#[db_test]
async fn a_session_still_needs_its_csrf_token(app: &TestApp) {
    let browser = app.signed_in("navigateur@exemple.ca", Role::Viewer).await;
    let created = cli_token(app, &["--user", "navigateur@exemple.ca"]);
    let id = created["id"].as_str().unwrap();
    let r = browser
        .http
        .delete(browser.url(&format!("/api/v1/tokens/{id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "csrf");
    let csrf = browser.csrf().await;
    let r = browser
        .http
        .delete(browser.url(&format!("/api/v1/tokens/{id}")))
        .header("x-csrf-token", csrf)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
}

fn token_row<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("data-token=\"{id}\""))
        .unwrap_or_else(|| panic!("row of {id} in {html}"));
    let rest = &html[start..];
    &rest[..rest.find("</tr>").unwrap()]
}

/// Creates a token on the account page of `me`: shown once, on this
/// response only. Its secret and id.
async fn create_on_the_page(app: &TestApp, me: &TestClient) -> (String, String) {
    let r = me
        .post_form(
            "/profil/jetons",
            &[
                ("name", "Suivi du plan"),
                ("scope", "write"),
                ("expires_days", "30"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let html = body(r).await;
    assert!(html.contains("il ne sera plus jamais affiché"), "{html}");
    let start = html.find("id=\"new-api-token\">").unwrap() + "id=\"new-api-token\">".len();
    let secret = html[start..start + 68].to_owned();
    assert!(secret.starts_with("mlg_"), "{secret}");
    let row = api_token::Entity::find()
        .one(app.store.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.scope, "write");
    assert!(row.expires_at.is_some());
    let id = row.id.to_string();

    (secret, id)
}

#[db_test]
async fn the_account_page_refuses_bad_token_input(app: &TestApp) {
    let me = app.signed_in("profil@exemple.ca", Role::Viewer).await;
    let (status, html) = me.get_text("/profil").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Vous n’avez aucun jeton."), "{html}");

    // Refused input: a clear French message, nothing written.
    for (fields, message) in [
        (
            vec![("name", " "), ("scope", "read"), ("expires_days", "30")],
            "Donnez un nom au jeton.",
        ),
        (
            vec![
                ("name", "Script"),
                ("scope", "admin"),
                ("expires_days", "30"),
            ],
            "La portée est",
        ),
        (
            vec![("name", "Script"), ("scope", "read"), ("expires_days", "0")],
            "L’expiration est un nombre de jours",
        ),
    ] {
        let r = me.post_form("/profil/jetons", &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body(r).await;
        assert!(html.contains(message), "{message} in {html}");
    }
    let long = "x".repeat(101);
    let r = me
        .post_form("/profil/jetons", &[("name", &long), ("scope", "read")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Without the CSRF token, nothing either.
    let r = me
        .post_form_raw("/profil/jetons", &[("name", "Script"), ("scope", "write")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        api_token::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
        0
    );
}

#[db_test]
async fn a_token_made_on_the_account_page_is_shown_once(app: &TestApp) {
    let me = app.signed_in("profil@exemple.ca", Role::Viewer).await;
    let (secret, id) = create_on_the_page(app, &me).await;
    let script = Script::new(app, &secret);
    assert_eq!(script.get("/api/v1/me").await.0, StatusCode::OK);
    let (_, html) = me.get_text("/profil").await;
    assert!(!html.contains(&secret), "never shown again");
    let row_html = token_row(&html, &id);
    assert!(row_html.contains("Suivi du plan"), "{row_html}");
    assert!(row_html.contains("Lecture et écriture"), "{row_html}");
    assert!(
        !row_html.contains("Jamais utilisé"),
        "last use is shown: {row_html}"
    );
    assert!(row_html.contains("UTC"), "{row_html}");
}

#[db_test]
async fn only_its_owner_renames_and_revokes_a_token(app: &TestApp) {
    let me = app.signed_in("profil@exemple.ca", Role::Viewer).await;
    let (secret, id) = create_on_the_page(app, &me).await;
    let script = Script::new(app, &secret);
    // Renamed.
    let r = me
        .post_form(
            &format!("/profil/jetons/{id}/nom"),
            &[("name", "Tableau régional")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = me.get_text(&location(&r)).await;
    assert!(html.contains("Le jeton a été renommé."));
    assert!(token_row(&html, &id).contains("Tableau régional"));
    let r = me
        .post_form(&format!("/profil/jetons/{id}/nom"), &[("name", "")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Someone else can neither rename nor revoke it.
    let other = app.signed_in("autre@exemple.ca", Role::Viewer).await;
    let r = other
        .post_form(&format!("/profil/jetons/{id}/revoquer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = other
        .post_form(&format!("/profil/jetons/{id}/nom"), &[("name", "Volé")])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(script.get("/api/v1/me").await.0, StatusCode::OK);

    // Revoked.
    let r = me
        .post_form(&format!("/profil/jetons/{id}/revoquer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = me.get_text(&location(&r)).await;
    assert!(html.contains("Le jeton a été révoqué"));
    let row_html = token_row(&html, &id);
    assert!(row_html.contains("Révoqué"), "{row_html}");
    assert!(!row_html.contains("/revoquer"), "{row_html}");
    assert_eq!(script.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
}

#[db_test]
async fn the_account_page_makes_tokens_in_english_too(app: &TestApp) {
    let me = app.signed_in("profil@exemple.ca", Role::Viewer).await;
    // In English when the user switched.
    me.get("/langue/en?suivant=/profil").await;
    let r = me
        .post_form(
            "/profil/jetons",
            &[("name", "Script"), ("scope", "read"), ("expires_days", "")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert!(html.contains("Copy this token now"), "{html}");
    assert!(html.contains("Read only"), "{html}");
    assert!(html.contains("Never"), "a token without expiry: {html}");
}

#[db_test]
async fn the_openapi_document_declares_both_schemes(app: &TestApp) {
    let doc: Value = app
        .client()
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["type"], "http", "{schemes}");
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session"]["type"], "apiKey");
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["session"]["name"], "maillage_session");
    let security = doc["security"].as_array().expect("document-wide security");
    assert!(
        security.iter().any(|s| s.get("bearer").is_some()),
        "{security:?}"
    );
    assert!(
        security.iter().any(|s| s.get("session").is_some()),
        "{security:?}"
    );
    assert!(doc["paths"]["/api/v1/tokens"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/tokens/{id}"]["delete"].is_object());
}

#[tokio::test]
async fn token_create_checks_its_usage() {
    for_each_database(|data_dir, url| {
        let cmd = || with_url(maillage(data_dir), url);
        let (code, _, _) = run(cmd().arg("migrate"));
        assert_eq!(code, 0);
        for bad in [
            vec!["--user", "personne@exemple.ca", "--scope", "admin"],
            vec!["--user", "personne@exemple.ca", "--expires-days", "0"],
            vec!["--user", "personne@exemple.ca", "--expires-days", "deux"],
            vec!["--user", "pas-un-courriel"],
            vec!["--user", "personne@exemple.ca", "--name", "  "],
            vec![],
        ] {
            let (code, stdout, stderr) = run(cmd().args(["token", "create"]).args(&bad));
            assert_eq!(code, 2, "{bad:?}: {stderr}");
            assert!(stdout.is_empty(), "{bad:?}");
            assert!(!stderr.is_empty(), "{bad:?}");
        }
        let (code, stdout, stderr) =
            run(cmd().args(["token", "create", "--user", "inconnu@exemple.ca", "--json"]));
        assert_eq!(code, 1, "an unknown account: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("inconnu@exemple.ca"), "{stderr}");

        let (code, _, stderr) =
            run(cmd().args(["user", "add", "cli@exemple.ca", "--role", "admin", "--json"]));
        assert_eq!(code, 0, "{stderr}");
        // Without --json: the token alone on stdout, the rest on stderr.
        let (code, stdout, stderr) = run(cmd().args([
            "token",
            "create",
            "--user",
            "cli@exemple.ca",
            "--scope",
            "write",
            "--expires-days",
            "7",
        ]));
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.trim().starts_with("mlg_"), "{stdout}");
        assert_eq!(stdout.trim().len(), 68);
        assert!(stderr.contains("write"), "{stderr}");
        let (code, stdout, _) = run(cmd().args([
            "token",
            "create",
            "--user",
            "cli@exemple.ca",
            "--expires-days",
            "7",
            "--json",
        ]));
        assert_eq!(code, 0);
        let created = json(&stdout);
        assert!(created["expires_at"].is_string(), "{created}");
        assert!(created["id"].is_string());
    })
    .await;
}
