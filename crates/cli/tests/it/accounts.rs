//! Sign-in, sessions, passwords, invitations, rate limits and the audit log.

use maillage_domain::Role;
use maillage_store::entity::{audit_log, session, user};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use crate::harness::{TestApp, asks_sign_in, body, location, sign_in_button};
use maillage_test_macros::db_test;

async fn audit_count(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(app.store.conn())
        .await
        .unwrap()
}

#[db_test]
async fn login_and_logout(app: &TestApp) {
    let pw = app
        .create_user("josette@cpe.example", Role::Admin, None)
        .await;
    let c = app.client();
    let r = c.login("Josette@CPE.example", &pw).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/");
    let (status, html) = c.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Tableau de bord"), "{html}");
    assert!(html.contains("Bienvenue dans maillage"));

    let r = c.post_form("/deconnexion", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with("/connexion"));
    // Signed out, `/` is the territory's home page, not the dashboard.
    let (status, html) = c.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"home-intro\""), "{html}");
    assert!(!html.contains("Tableau de bord"), "{html}");
    assert_eq!(
        session::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
        0
    );
}

#[db_test]
async fn wrong_password_and_unknown_user_are_refused_alike(app: &TestApp) {
    app.create_user("a@exemple.ca", Role::Admin, None).await;
    let c = app.client();
    for (email, pw) in [
        ("a@exemple.ca", "pas le bon mot"),
        ("personne@exemple.ca", "peu importe"),
    ] {
        let r = c.login(email, pw).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
        assert!(
            r.headers()
                .get_all("set-cookie")
                .iter()
                .all(|v| !v.to_str().unwrap().starts_with("maillage_session="))
        );
        let html = body(r).await;
        assert!(
            html.contains("Adresse courriel ou mot de passe incorrect."),
            "{html}"
        );
    }
    assert_eq!(
        session::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
        0
    );
}

#[db_test]
async fn expired_session_asks_to_sign_in_again(app: &TestApp) {
    let c = app.signed_in("b@exemple.ca", Role::Admin).await;
    assert_eq!(c.get("/").await.status(), StatusCode::OK);
    session::Entity::update_many()
        .col_expr(
            session::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .exec(app.store.conn())
        .await
        .unwrap();
    let r = c.get("/admin/utilisateurs").await;
    assert!(asks_sign_in(&r));
    let html = body(r).await;
    assert!(html.contains("Votre session a expiré"), "{html}");
    let target = sign_in_button(&html);
    assert!(target.contains("raison=expiree"), "{target}");
    let (_, html) = c.get_text(&target).await;
    assert!(html.contains("Votre session a expiré"), "{html}");
    assert!(html.contains("name=\"suivant\" value=\"/admin/utilisateurs\""));
    // The API says 401 in JSON instead of redirecting.
    let r = c.get("/api/v1/me").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[db_test]
async fn missing_or_wrong_csrf_token_changes_nothing(app: &TestApp) {
    let c = app.signed_in("c@exemple.ca", Role::Admin).await;
    let before = user::Entity::find().count(app.store.conn()).await.unwrap();
    let fields = [
        ("email", "nouveau@exemple.ca"),
        ("display_name", "Nouveau"),
        ("role", "admin"),
        ("grouping", ""),
    ];
    let r = c.post_form_raw("/admin/utilisateurs", &fields).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let html = body(r).await;
    assert!(html.contains("jeton de sécurité"), "{html}");
    let mut with_bad = fields.to_vec();
    with_bad.push(("csrf", "0000"));
    let r = c.post_form_raw("/admin/utilisateurs", &with_bad).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // A JSON body without the header is refused too.
    let r = c
        .http
        .post(c.url("/deconnexion"))
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        user::Entity::find().count(app.store.conn()).await.unwrap(),
        before
    );
    // The anonymous login form needs its token as well.
    let anon = app.client();
    let r = anon
        .post_form_raw(
            "/connexion",
            &[("email", "c@exemple.ca"), ("password", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[db_test]
async fn malformed_and_over_long_emails_are_refused(app: &TestApp) {
    let c = app.client();
    let long = format!("{}@exemple.ca", "a".repeat(300));
    for (email, message) in [
        ("pas-une-adresse", "n’est pas valide"),
        (long.as_str(), "dépasse 254 caractères"),
        ("", "Indiquez une adresse courriel"),
    ] {
        let r = c.login(email, "quelconque").await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        let html = body(r).await;
        assert!(html.contains(message), "{email}: {html}");
    }
}

#[db_test]
async fn failed_logins_are_rate_limited_per_account(app: &TestApp) {
    let pw = app.create_user("d@exemple.ca", Role::Admin, None).await;
    let c = app.client();
    for _ in 0..5 {
        assert_eq!(
            c.login("d@exemple.ca", "mauvais-mot").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    // Even the right password is refused while the account is locked.
    let r = c.login("d@exemple.ca", &pw).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    let html = body(r).await;
    assert!(html.contains("Trop de tentatives"), "{html}");
    assert!(audit_count(app, "login.rate_limited").await >= 1);
    // Another account from the same address is not locked by these.
    let other = app.create_user("e@exemple.ca", Role::Admin, None).await;
    assert_eq!(
        c.login("e@exemple.ca", &other).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[db_test]
async fn password_change_checks_and_replaces(app: &TestApp) {
    let pw = app
        .create_user("f@exemple.ca", Role::Viewer, Some("table-de-test"))
        .await;
    let c = app.client();
    assert_eq!(
        c.login("f@exemple.ca", &pw).await.status(),
        StatusCode::SEE_OTHER
    );
    let r = c
        .post_form(
            "/profil/mot-de-passe",
            &[("current", "faux"), ("new", "court"), ("confirm", "autre")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("Le mot de passe actuel est incorrect."));
    assert!(html.contains("au moins 10 caractères"));
    assert!(html.contains("La confirmation ne correspond pas"));

    let new = "une longue phrase de passe";
    let r = c
        .post_form(
            "/profil/mot-de-passe",
            &[("current", &pw), ("new", new), ("confirm", new)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/profil?ok=flash-password-changed");
    let (_, html) = c.get_text("/profil?ok=flash-password-changed").await;
    assert!(html.contains("Votre mot de passe a été changé."));
    // This session goes on; the old password no longer works.
    assert_eq!(c.get("/").await.status(), StatusCode::OK);
    let other = app.client();
    assert_eq!(
        other.login("f@exemple.ca", &pw).await.status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        other.login("f@exemple.ca", new).await.status(),
        StatusCode::SEE_OTHER
    );
}

#[db_test]
async fn invited_user_replaces_one_time_password(app: &TestApp) {
    let grouping = app.grouping("commun-enfant-jonquiere").await.to_string();
    let admin = app.signed_in("admin@exemple.ca", Role::Admin).await;
    let r = admin
        .post_form(
            "/admin/utilisateurs",
            &[
                ("email", "Claudette@Exemple.ca"),
                ("display_name", "Claudette"),
                ("role", "coordinator"),
                ("grouping", &grouping),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    let start = html.find("id=\"one-time-password\">").unwrap() + "id=\"one-time-password\">".len();
    let one_time = html[start..start + 23].to_owned();
    assert_eq!(one_time.matches('-').count(), 3, "{one_time}");

    let c = app.client();
    let r = c.login("claudette@exemple.ca", &one_time).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = c.get("/").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/profil?ok=flash-change-one-time-password");
    let new = "Commun'Enfant 2026";
    let r = c
        .post_form(
            "/profil/mot-de-passe",
            &[("current", &one_time), ("new", new), ("confirm", new)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, html) = c.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Regroupement commun-enfant-jonquiere"),
        "{html}"
    );
    assert!(html.contains("Coordination"));
}

#[db_test]
async fn admin_changes_roles_and_deactivates(app: &TestApp) {
    let admin = app.signed_in("admin@exemple.ca", Role::Admin).await;
    let member = app.signed_in("membre@exemple.ca", Role::Member).await;
    let id = app.user_id("membre@exemple.ca").await;
    let grouping = app.grouping("autre-table").await.to_string();

    let r = admin
        .post_form(
            &format!("/admin/utilisateurs/{id}/role"),
            &[("role", "coordinator"), ("grouping", &grouping)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/admin/utilisateurs?ok=flash-role-changed");
    let me: serde_json::Value = member.get("/api/v1/me").await.json().await.unwrap();
    let roles = me["roles"].as_array().unwrap();
    assert!(
        roles
            .iter()
            .any(|r| r["role"] == "coordinator" && r["grouping_slug"] == "autre-table")
    );

    // A scoped role without a grouping is refused.
    let r = admin
        .post_form(
            &format!("/admin/utilisateurs/{id}/role"),
            &[("role", "viewer")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    let r = admin
        .post_form(&format!("/admin/utilisateurs/{id}/desactiver"), &[])
        .await;
    assert_eq!(
        location(&r),
        "/admin/utilisateurs?ok=flash-user-deactivated"
    );
    // Its session is gone at once: `/` is the anonymous home page.
    let (status, html) = member.get_text("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"home-intro\""), "{html}");
    let users: serde_json::Value = admin.get("/api/v1/users").await.json().await.unwrap();
    let row = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "membre@exemple.ca")
        .unwrap();
    assert_eq!(row["active"], false);
    let r = admin
        .post_form(&format!("/admin/utilisateurs/{id}/activer"), &[])
        .await;
    assert_eq!(location(&r), "/admin/utilisateurs?ok=flash-user-activated");
}

#[db_test]
async fn last_admin_cannot_be_demoted_or_deactivated(app: &TestApp) {
    let admin = app.signed_in("seul@exemple.ca", Role::Admin).await;
    let id = app.user_id("seul@exemple.ca").await;
    let grouping = app.grouping("table").await.to_string();
    let r = admin
        .post_form(
            &format!("/admin/utilisateurs/{id}/role"),
            &[("role", "viewer"), ("grouping", &grouping)],
        )
        .await;
    assert_eq!(location(&r), "/admin/utilisateurs?erreur=flash-last-admin");
    let r = admin
        .post_form(&format!("/admin/utilisateurs/{id}/desactiver"), &[])
        .await;
    assert_eq!(
        location(&r),
        "/admin/utilisateurs?erreur=flash-not-yourself"
    );
    let (_, html) = admin
        .get_text("/admin/utilisateurs?erreur=flash-last-admin")
        .await;
    assert!(html.contains("il doit rester au moins"), "{html}");
    let me: serde_json::Value = admin.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["is_admin"], true);
}

#[db_test]
async fn invite_refuses_bad_input_and_duplicates(app: &TestApp) {
    let admin = app.signed_in("admin@exemple.ca", Role::Admin).await;
    let before = user::Entity::find().count(app.store.conn()).await.unwrap();
    let cases: [(&[(&str, &str)], &str); 4] = [
        (
            &[("email", "nope"), ("display_name", "X"), ("role", "admin")],
            "n’est pas valide",
        ),
        (
            &[
                ("email", "x@exemple.ca"),
                ("display_name", " "),
                ("role", "admin"),
            ],
            "Indiquez un nom",
        ),
        (
            &[
                ("email", "x@exemple.ca"),
                ("display_name", "X"),
                ("role", "roi"),
            ],
            "Choisissez un rôle",
        ),
        (
            &[
                ("email", "x@exemple.ca"),
                ("display_name", "X"),
                ("role", "member"),
            ],
            "Choisissez le regroupement",
        ),
    ];
    for (fields, message) in cases {
        let r = admin.post_form("/admin/utilisateurs", fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body(r).await;
        assert!(html.contains(message), "{message}: {html}");
    }
    let r = admin
        .post_form(
            "/admin/utilisateurs",
            &[
                ("email", "ADMIN@exemple.ca"),
                ("display_name", "Doublon"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("Un compte existe déjà"));
    assert_eq!(
        user::Entity::find().count(app.store.conn()).await.unwrap(),
        before
    );
}

#[db_test]
async fn sensitive_actions_are_audited(app: &TestApp) {
    let admin = app.signed_in("admin@exemple.ca", Role::Admin).await;
    app.client()
        .login("admin@exemple.ca", "mauvais mot de passe")
        .await;
    admin
        .post_form(
            "/admin/utilisateurs",
            &[
                ("email", "g@exemple.ca"),
                ("display_name", "G"),
                ("role", "admin"),
            ],
        )
        .await;
    let id = app.user_id("g@exemple.ca").await;
    admin
        .post_form(&format!("/admin/utilisateurs/{id}/desactiver"), &[])
        .await;
    for action in [
        "login.success",
        "login.failure",
        "user.create",
        "user.deactivate",
    ] {
        assert!(audit_count(app, action).await >= 1, "{action} is audited");
    }
    let failure = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("login.failure"))
        .one(app.store.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(failure.target.as_deref(), Some("admin@exemple.ca"));
    assert_eq!(failure.ip.as_deref(), Some("127.0.0.1"));
}

#[db_test]
async fn a_viewer_posting_to_admin_forms_changes_nothing(app: &TestApp) {
    let viewer = app.signed_in("lecteur@exemple.ca", Role::Viewer).await;
    let id = app.user_id("lecteur@exemple.ca").await;
    let before = user::Entity::find().all(app.store.conn()).await.unwrap();
    let r = viewer
        .post_form(
            "/admin/utilisateurs",
            &[
                ("email", "intrus@exemple.ca"),
                ("display_name", "Intrus"),
                ("role", "admin"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        body(r)
            .await
            .contains("Vous n’avez pas les droits nécessaires")
    );
    let r = viewer
        .post_form(
            &format!("/admin/utilisateurs/{id}/role"),
            &[("role", "admin")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let after = user::Entity::find().all(app.store.conn()).await.unwrap();
    assert_eq!(before, after);
}

#[db_test]
async fn failed_logins_are_rate_limited_per_address(app: &TestApp) {
    let pw = app.create_user("vraie@exemple.ca", Role::Admin, None).await;
    let c = app.client();
    // Twenty failures spread over many accounts, as a password-spraying
    // attempt would do, lock the address itself.
    for i in 0..20 {
        let r = c
            .login(&format!("inconnu{i}@exemple.ca"), "devine-moi-svp")
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    }
    let r = c.login("vraie@exemple.ca", &pw).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(body(r).await.contains("Trop de tentatives"));
}

/// Targets a browser would read as another site (`/\t/evil` is `//evil`),
/// or that are not valid in a header, send people home instead.
const HOSTILE_TARGETS: &[&str] = &[
    "/%09/evil.example/",
    "//evil.example/",
    "/%5Cevil.example",
    "/%2F%2Fevil.example",
    "https://evil.example/",
    "/%0D/evil.example/",
    "/%0A/evil.example/",
    "/%0B/evil.example/",
    "/ok%0D%0ASet-Cookie:%20x=y",
];

#[db_test]
async fn hostile_redirect_targets_go_home(app: &TestApp) {
    let c = app.client();
    for target in HOSTILE_TARGETS {
        let r = c.get(&format!("/langue/en?suivant={target}")).await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{target}");
        assert_eq!(location(&r), "/", "language switch to {target}");
    }
    let r = c.get("/langue/en?suivant=/repertoire?q=a").await;
    assert_eq!(location(&r), "/repertoire?q=a");

    let pw = app.create_user("r@exemple.ca", Role::Admin, None).await;
    for target in HOSTILE_TARGETS {
        let c = app.client();
        let token = c.csrf().await;
        let r = c
            .http
            .post(c.url("/connexion"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "email=r%40exemple.ca&password={}&csrf={token}&suivant={target}",
                urlencode(&pw)
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{target}");
        assert_eq!(location(&r), "/", "sign-in then {target}");
        // Already signed in, the login page redirects at once: same rule.
        let r = c.get(&format!("/connexion?suivant={target}")).await;
        assert_eq!(location(&r), "/", "signed-in login page to {target}");
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// A CSRF token in a URL lands in logs and Referer headers: no template or
/// handler builds one (forms carry it in a hidden field, scripts in the
/// `x-csrf-token` header).
#[test]
fn no_url_carries_the_csrf_token() {
    fn visit(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                visit(&path, found);
            } else if path
                .extension()
                .is_some_and(|e| e == "html" || e == "rs" || e == "js")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                for (i, line) in text.lines().enumerate() {
                    if line.contains("?csrf=") || line.contains("&csrf=") {
                        found.push(format!("{}:{}: {line}", path.display(), i + 1));
                    }
                }
            }
        }
    }
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let mut found = Vec::new();
    for sub in ["templates", "src", "static", "assets"] {
        let dir = web.join(sub);
        if dir.is_dir() {
            visit(&dir, &mut found);
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

// ---------- « Mot de passe oublié » ----------

/// The `/mot-de-passe/…` link of a reset message.
fn reset_link(text: &str) -> String {
    let from = text
        .find("/mot-de-passe/")
        .expect("a reset link in the message");
    text[from..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[db_test]
async fn forgot_password_without_a_mail_server_says_to_ask_a_coordinator(app: &TestApp) {
    app.create_user("josette@exemple.ca", Role::Member, Some("table-de-test"))
        .await;
    let c = app.client();
    let (_, login) = c.get_text("/connexion").await;
    assert!(login.contains("href=\"/mot-de-passe-oublie\""), "{login}");
    let (status, html) = c.get_text("/mot-de-passe-oublie").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Demandez à une coordonnatrice"), "{html}");
    assert!(!html.contains("action=\"/mot-de-passe-oublie\""), "{html}");
    // A request anyway changes nothing and says the same.
    let r = c
        .post_form("/mot-de-passe-oublie", &[("email", "josette@exemple.ca")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/mot-de-passe-oublie");
    let links = maillage_store::entity::password_reset::Entity::find()
        .count(app.store.conn())
        .await
        .unwrap();
    assert_eq!(links, 0);
}

#[db_test(kind)]
async fn forgot_password_mails_a_link_that_works_once(db: crate::harness::Db) {
    use crate::events_mail::{FakeSmtp, app_with};
    let smtp = FakeSmtp::start(false).await;
    let app = app_with(db, Some(smtp.mailer())).await;
    let old = app
        .create_user("josette@exemple.ca", Role::Member, Some("table-de-test"))
        .await;
    let signed_in = app.client();
    assert_eq!(
        signed_in.login("josette@exemple.ca", &old).await.status(),
        StatusCode::SEE_OTHER
    );
    let c = app.client();

    // An address without an account gets the same answer, and no mail.
    let unknown = c
        .post_form("/mot-de-passe-oublie", &[("email", "personne@exemple.ca")])
        .await;
    let known = c
        .post_form("/mot-de-passe-oublie", &[("email", "Josette@Exemple.ca")])
        .await;
    assert_eq!(unknown.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&unknown), location(&known));
    let (_, html) = c.get_text(&location(&known)).await;
    assert!(html.contains("Si un compte actif correspond"), "{html}");
    let mails = smtp.wait_for(1).await;
    assert_eq!(mails.len(), 1, "one message, for the account only");
    assert_eq!(mails[0].rcpt_to, vec!["<josette@exemple.ca>".to_owned()]);
    assert!(mails[0].subject().contains("nouveau mot de passe"));
    let link = reset_link(&mails[0].text());

    // A malformed address is said so (nothing about accounts).
    let r = c
        .post_form("/mot-de-passe-oublie", &[("email", "pas-une-adresse")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The link opens a form; a weak or mismatched password is refused.
    let (status, html) = c.get_text(&link).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let r = c
        .post_form(&link, &[("new", "court"), ("confirm", "court")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let new = "une phrase assez longue";
    let r = c
        .post_form(&link, &[("new", new), ("confirm", "autre chose encore")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c.post_form(&link, &[("new", new), ("confirm", new)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/connexion?ok=flash-password-reset");

    // The old password no longer works, the new one does, the sessions
    // the account had are over, and the link works once.
    assert_eq!(
        app.client()
            .login("josette@exemple.ca", &old)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.client().login("josette@exemple.ca", new).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(asks_sign_in(&signed_in.get("/profil").await));
    let (status, html) = c.get_text(&link).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(html.contains("n’est plus valide"), "{html}");
    let r = c
        .post_form(
            &link,
            &[
                ("new", "encore une autre phrase"),
                ("confirm", "encore une autre phrase"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert_eq!(
        app.client().login("josette@exemple.ca", new).await.status(),
        StatusCode::SEE_OTHER
    );
    app.stop().await;
}

#[db_test]
async fn an_expired_reset_link_is_refused(app: &TestApp) {
    use maillage_store::repo::password_resets;
    app.create_user("josette@exemple.ca", Role::Member, Some("table-de-test"))
        .await;
    let user = maillage_store::repo::accounts::find_by_email(
        app.store.conn(),
        &maillage_domain::Email::parse("josette@exemple.ca").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    let secret = maillage_domain::token::new_token();
    let two_hours_ago = chrono::Utc::now() - chrono::Duration::hours(2);
    password_resets::create(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        &user,
        maillage_domain::token::digest(&secret),
        two_hours_ago,
        maillage_domain::password::RESET_LINK_VALIDITY,
    )
    .await
    .unwrap();
    let c = app.client();
    let link = format!("/mot-de-passe/{secret}");
    let (status, _) = c.get_text(&link).await;
    assert_eq!(status, StatusCode::GONE);
    let pw = "une phrase assez longue";
    let r = c.post_form(&link, &[("new", pw), ("confirm", pw)]).await;
    assert_eq!(r.status(), StatusCode::GONE);
    assert_eq!(
        c.login("josette@exemple.ca", pw).await.status(),
        StatusCode::UNAUTHORIZED
    );
    // An unknown link is the same page.
    let (status, _) = c.get_text("/mot-de-passe/inconnu").await;
    assert_eq!(status, StatusCode::GONE);
}

#[db_test(kind)]
async fn forgot_password_requests_are_limited_per_address(db: crate::harness::Db) {
    use crate::events_mail::{FakeSmtp, app_with};
    let smtp = FakeSmtp::start(false).await;
    let app = app_with(db, Some(smtp.mailer())).await;
    let c = app.client();
    let limit = maillage_domain::password::RESET_REQUESTS_PER_ADDRESS;
    for i in 0..limit {
        let r = c
            .post_form(
                "/mot-de-passe-oublie",
                &[("email", &format!("p{i}@exemple.ca"))],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "request {i}");
    }
    let r = c
        .post_form("/mot-de-passe-oublie", &[("email", "encore@exemple.ca")])
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    assert!(body(r).await.contains("Trop de tentatives"));
    app.stop().await;
}

#[db_test]
async fn an_invitation_starts_at_the_least_powerful_role(app: &TestApp) {
    let admin = app.signed_in("admin@exemple.ca", Role::Admin).await;
    let (status, html) = admin.get_text("/admin/utilisateurs").await;
    assert_eq!(status, StatusCode::OK);
    let select = &html[html.find("id=\"invite-role\"").expect("the invite's role")..];
    let select = &select[..select.find("</select>").unwrap()];
    assert!(
        select.contains("<option value=\"viewer\" selected>"),
        "{select}"
    );
    assert!(!select.contains("value=\"admin\" selected"), "{select}");
}
