//! The coverage portrait of a regional instance on the demo: its gaps,
//! its local groupings and its filters — on SQLite and PostgreSQL.

use maillage_domain::Role;
use reqwest::StatusCode;

use crate::harness::{TestApp, member_of};
use maillage_test_macros::db_test;

#[db_test(demo)]
async fn the_regional_portrait_shows_its_gaps(app: &TestApp) {
    let viewer = member_of(
        app,
        "portrait@exemple.ca",
        Role::Viewer,
        "mobilisation-famille-slsj",
    )
    .await;
    let (status, html) = viewer
        .get_text("/regroupements/mobilisation-famille-slsj/portrait")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"coverage-matrix\""));
    assert!(
        html.contains("aucune action sur cette voie"),
        "an uncovered pathway is flagged"
    );
    assert!(html.contains("La connaissance des moyens pour soutenir les jeunes"));
    assert!(html.contains("class=\"num gap\""), "empty cells are marked");
    assert!(
        html.contains("Par regroupement"),
        "the regional view lists local groupings"
    );
    assert!(html.contains("Commun'Enfant Jonquière 0-8 ans"));
    // Filters narrow the count; a status no action has empties it.
    let (status, filtered) = viewer
        .get_text("/regroupements/mobilisation-famille-slsj/portrait?annee=2001")
        .await;
    assert_eq!(status, StatusCode::OK);
    let count = |h: &str| {
        h.split("id=\"portrait-numbers\"")
            .nth(1)
            .and_then(|s| s.split("<h2>").nth(1))
            .and_then(|s| s.split("</h2>").next())
            .map(str::to_owned)
    };
    assert_eq!(count(&filtered).as_deref(), Some("0"));
    assert_ne!(count(&html).as_deref(), Some("0"));
}
