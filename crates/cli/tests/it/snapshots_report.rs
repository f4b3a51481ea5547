//! A snapshot of the bilan's text: the text of each section as generated
//! from the event's data (what the coordinator edits), for « Osons
//! l'aventure », the same on SQLite and PostgreSQL.

use maillage_domain::Role;
use maillage_test_macros::db_test;
use reqwest::StatusCode;

use crate::events_report::osons_event;
use crate::harness::{Redactions, TestApp};

/// The text between `start` (excluded) and the next `end`, from `from`.
fn between<'a>(html: &'a str, from: usize, start: &str, end: &str) -> Option<(&'a str, usize)> {
    let at = html[from..].find(start)? + from + start.len();
    let len = html[at..].find(end)?;
    Some((&html[at..at + len], at + len + end.len()))
}

/// Each section as `## N. Title` and its text, in the order of the page.
fn sections_text(html: &str) -> String {
    let mut out = String::new();
    let mut from = 0;
    while let Some((section, next)) =
        between(html, from, "<section class=\"report-section", "</section>")
    {
        let (title, _) = between(section, 0, "<h2>", "</h2>").expect("a section title");
        // The "edited" badge is not part of the title.
        let title = title.split(" <span").next().unwrap_or(title);
        let (text, _) = between(section, 0, "name=\"contenu\" rows=\"10\">", "</textarea>")
            .expect("the section's text (the coordinator may edit it)");
        out.push_str("## ");
        out.push_str(title);
        out.push_str("\n\n");
        out.push_str(text.trim_end());
        out.push_str("\n\n");
        from = next;
    }
    out
}

#[db_test]
async fn the_bilans_text(app: &TestApp) {
    let id = osons_event(app).await;
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let (status, html) = coordinator
        .get_text(&format!("/evenements/{id}/bilan"))
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let text = sections_text(&html);
    assert!(text.matches("\n## ").count() + 1 >= 8, "{text}");
    insta::assert_snapshot!("bilan_text", Redactions::new().text(&text));
}
