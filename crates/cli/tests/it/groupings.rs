//! Grouping pages on the demo: members by sector and by date, the former
//! members, a bad date and an unknown grouping — on SQLite and PostgreSQL.

use reqwest::StatusCode;

use crate::harness::TestApp;
use maillage_test_macros::db_test;

#[db_test(demo)]
async fn grouping_pages_show_members_by_sector_and_history(app: &TestApp) {
    let visitor = app.client();
    let (status, html) = visitor.get_text("/regroupements").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Mobilisation famille Saguenay–Lac-Saint-Jean"),
        "{html}"
    );
    assert!(html.contains("Regroupement local"));

    let (status, html) = visitor
        .get_text("/regroupements/groupement-partenaires-0-5-becancour")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Composition par secteur"));
    assert!(html.contains("<svg"), "the composition chart is inline SVG");
    assert!(html.contains("Services de garde éducatifs"));
    assert!(html.contains("Commission scolaire de la Riveraine"));
    // A member that left is in the history, not among today's members.
    assert!(html.contains("Anciens membres"));
    let (_, on_2016) = visitor
        .get_text("/regroupements/groupement-partenaires-0-5-becancour?date=2016-01-01#membres")
        .await;
    let members_2016 = on_2016
        .split("id=\"members-table\"")
        .nth(1)
        .unwrap_or_default();
    let members_2016 = members_2016.split("</table>").next().unwrap_or_default();
    assert!(
        members_2016.contains("Université du Québec à Trois-Rivières"),
        "{members_2016}"
    );
    let today = html
        .split("id=\"members-table\"")
        .nth(1)
        .unwrap_or_default();
    let today = today.split("</table>").next().unwrap_or_default();
    assert!(!today.contains("Université du Québec à Trois-Rivières"));

    let (status, _) = visitor
        .get_text("/regroupements/groupement-partenaires-0-5-becancour?date=hier")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = visitor.get_text("/regroupements/inconnu").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
