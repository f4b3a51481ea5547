//! Snapshots of the error pages: the French 404 and 403 pages (their title
//! and main content) and the API's JSON 404, the same on SQLite and
//! PostgreSQL.

use maillage_domain::Role;
use maillage_test_macros::db_test;
use reqwest::StatusCode;

use crate::harness::{Redactions, TestApp};

/// The parts of an HTML page that say what happened: its language, its
/// title and its `<main>`, without the surrounding layout.
fn page_content(html: &str) -> String {
    let lang = html
        .find("<html lang=\"")
        .map(|at| {
            let rest = &html[at..];
            &rest[..rest.find('>').map_or(rest.len(), |end| end + 1)]
        })
        .expect("an <html lang> element");
    let title = html
        .find("<title>")
        .and_then(|at| {
            let rest = &html[at..];
            rest.find("</title>")
                .map(|end| &rest[..end + "</title>".len()])
        })
        .expect("a <title>");
    let main = html
        .find("<main")
        .and_then(|at| {
            let rest = &html[at..];
            rest.find("</main>")
                .map(|end| &rest[..end + "</main>".len()])
        })
        .expect("a <main>");
    let main: Vec<&str> = main
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect();
    format!("{lang}\n{title}\n{}\n", main.join("\n"))
}

#[db_test]
async fn the_french_404_page(app: &TestApp) {
    let c = app.signed_in("visiteur@exemple.ca", Role::Viewer).await;
    let (status, html) = c.get_text("/nulle-part").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    insta::assert_snapshot!("page_404", Redactions::new().text(&page_content(&html)));
}

#[db_test]
async fn the_french_403_page(app: &TestApp) {
    let c = app.signed_in("visiteur@exemple.ca", Role::Viewer).await;
    let (status, html) = c.get_text("/admin/utilisateurs").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    insta::assert_snapshot!("page_403", Redactions::new().text(&page_content(&html)));
}

#[db_test]
async fn the_json_404_of_the_api(app: &TestApp) {
    let c = app.client();
    for (name, path) in [
        ("api_404_route", "/api/v1/nulle-part"),
        (
            "api_404_organization",
            "/api/v1/organizations/00000000-0000-4000-8000-000000000000",
        ),
    ] {
        let r = c.get(path).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "GET {path}");
        let content_type = r
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        assert!(
            content_type.starts_with("application/json"),
            "{content_type}"
        );
        let doc: serde_json::Value = r.json().await.expect("a JSON body");
        insta::assert_json_snapshot!(name, doc);
    }
}
