//! The web shell: French by default, English on request, errors as pages
//! or JSON, security headers, OpenAPI, probes.

use maillage_domain::Role;
use reqwest::StatusCode;

use crate::harness::{TestApp, body, location};
use maillage_test_macros::db_test;

#[db_test]
async fn pages_are_french_first_with_an_english_switch(app: &TestApp) {
    let c = app.signed_in("h@exemple.ca", Role::Admin).await;
    let (_, html) = c.get_text("/").await;
    assert!(html.contains("<html lang=\"fr-CA\">"));
    assert!(html.contains("Tableau de bord"));
    assert!(html.contains("href=\"/langue/en?suivant=/\""));
    let r = c.get("/langue/en?suivant=/").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/");
    let (_, html) = c.get_text("/").await;
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("Dashboard"));
    assert!(html.contains("Welcome to maillage"));
    assert!(!html.contains("Tableau de bord"));
    c.get("/langue/fr?suivant=/").await;
    let (_, html) = c.get_text("/").await;
    assert!(html.contains("Tableau de bord"));
}

#[db_test]
async fn errors_are_french_pages_or_json(app: &TestApp) {
    let c = app.signed_in("i@exemple.ca", Role::Viewer).await;
    let (status, html) = c.get_text("/nulle-part").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(html.contains("Page introuvable"), "{html}");
    assert!(html.contains("<html lang=\"fr-CA\">"));

    let (status, html) = c.get_text("/admin/utilisateurs").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("Accès refusé"));

    let r = c.get("/api/v1/nothing").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let doc: serde_json::Value = r.json().await.unwrap();
    assert_eq!(doc["error"]["code"], "not_found");
    assert!(
        doc["error"]["message"]
            .as_str()
            .unwrap()
            .contains("n’existe pas")
    );

    let r = c.get("/api/v1/users").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let doc: serde_json::Value = r.json().await.unwrap();
    assert_eq!(doc["error"]["code"], "forbidden");

    // Framework rejections get the same treatment: a bad path parameter,
    // a wrong method.
    let r = c
        .post_form("/admin/utilisateurs/pas-un-uuid/role", &[])
        .await;
    assert!(r.status().is_client_error());
    let r = c.http.put(c.url("/connexion")).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "unsafe methods need a CSRF token first"
    );
    let token = c.csrf().await;
    let r = c
        .http
        .delete(c.url("/connexion"))
        .header("x-csrf-token", token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    let html = body(r).await;
    assert!(html.contains("Action non permise"), "{html}");
}

#[db_test]
async fn security_headers_on_every_response(app: &TestApp) {
    let c = app.client();
    for path in [
        "/connexion",
        "/nulle-part",
        "/api/v1/me",
        "/static/maillage.css",
    ] {
        let r = c.get(path).await;
        let h = r.headers();
        let csp = h.get("content-security-policy").unwrap().to_str().unwrap();
        assert!(csp.contains("script-src 'self'"), "{path}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}");
        assert_eq!(h.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(h.get("referrer-policy").unwrap(), "same-origin");
    }
    let (_, html) = c.get_text("/connexion").await;
    assert!(!html.contains("<script>"), "no inline script");
    assert!(!html.contains("style=\""), "no inline style");
}

#[db_test]
async fn openapi_is_generated_from_the_handlers(app: &TestApp) {
    let doc: serde_json::Value = app
        .client()
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3.1"));
    assert_eq!(doc["info"]["title"], "maillage API");
    for path in ["/api/v1/me", "/api/v1/users", "/healthz", "/readyz"] {
        assert!(
            doc["paths"][path]["get"].is_object(),
            "{path} is documented"
        );
    }
    assert!(doc["components"]["schemas"]["UserJson"].is_object());
}

#[db_test]
async fn probes_answer(app: &TestApp) {
    let c = app.client();
    assert_eq!(c.get("/healthz").await.status(), StatusCode::OK);
    let r = c.get("/readyz").await;
    assert_eq!(r.status(), StatusCode::OK);
    let doc: serde_json::Value = r.json().await.unwrap();
    assert_eq!(doc["status"], "ready");
}

#[db_test]
async fn language_switch_only_redirects_locally(app: &TestApp) {
    let c = app.client();
    for next in [
        "https://ailleurs.example/",
        "//ailleurs.example",
        "\\\\ailleurs",
    ] {
        let r = c.get(&format!("/langue/en?suivant={next}")).await;
        assert_eq!(location(&r), "/", "{next}");
    }
    assert_eq!(
        c.get("/langue/klingon").await.status(),
        StatusCode::NOT_FOUND
    );
    let r = c.login("x@exemple.ca", "y").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[db_test]
async fn assets_are_served_with_their_types(app: &TestApp) {
    let c = app.client();
    let r = c.get("/static/vendor/htmx.min.js").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    let body = r.bytes().await.unwrap();
    let expected = include_str!("../../../web/static/vendor/htmx.min.js.sha256");
    let digest = sha256_hex(&body);
    assert!(
        expected.starts_with(&digest),
        "vendored htmx matches its recorded checksum"
    );
    let r = c.get("/static/maillage.css").await;
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert_eq!(
        c.get("/static/../Cargo.toml").await.status(),
        StatusCode::NOT_FOUND
    );
}

/// SHA-256 through the system's `sha256sum`, to avoid a crate only for this.
fn sha256_hex(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("sha256sum is installed");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}
