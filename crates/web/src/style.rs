//! `/style`: every component of the stylesheet on one page, with its
//! class names, for developers (administrators only). Nothing is read
//! from the database: the page shows the design system, not data.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::routing::get;
use chrono::NaiveDate;
use maillage_domain::charts::{self, Bar, ChartLabels, LineSeries};

use crate::AppState;
use crate::auth::{Authorized, ManageUsers};
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new().route("/style", get(show_style))
}

#[derive(Template, WebTemplate)]
#[template(path = "style.html")]
struct StylePage {
    p: Page,
    bar_chart: String,
    line_chart: String,
    multi_line_chart: String,
}

async fn show_style(p: Page, _auth: Authorized<ManageUsers>) -> StylePage {
    let bars: Vec<Bar> = [
        ("education", "style-sample-sector-education", 12.0),
        ("sante-services-sociaux", "style-sample-sector-health", 8.0),
        ("communautaire", "style-sample-sector-community", 17.0),
        ("municipal", "style-sample-sector-municipal", 3.0),
    ]
    .into_iter()
    .map(|(code, key, value)| Bar {
        label: p.t(key),
        value,
        color: Some(charts::sector_color(code).to_owned()),
    })
    .collect();
    let bar_chart = charts::bar_chart("style-bars", &p.t("style-chart-bars"), &bars, "");
    let date = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or_default();
    let series = LineSeries {
        unit: "%".to_owned(),
        points: vec![
            (date(2022, 6), 41.0),
            (date(2023, 6), 48.0),
            (date(2024, 6), 57.0),
        ],
        baseline: Some((date(2021, 6), 35.0)),
        target: Some((date(2026, 6), 70.0)),
        labels: ChartLabels {
            baseline: p.t("style-chart-baseline"),
            target: p.t("style-chart-target"),
            empty: String::new(),
        },
    };
    let line_chart = charts::line_chart("style-line", &p.t("style-chart-line"), &series);
    let years: Vec<String> = (2022..=2025).map(|y| y.to_string()).collect();
    let multi_line_chart = charts::multi_line_chart(
        "style-multi",
        &p.t("style-chart-multi"),
        &years,
        &[
            (
                p.t("style-sample-sector-education"),
                vec![4.0, 6.0, 9.0, 11.0],
                charts::sector_color("education").to_owned(),
            ),
            (
                p.t("style-sample-sector-community"),
                vec![7.0, 8.0, 12.0, 16.0],
                charts::sector_color("communautaire").to_owned(),
            ),
        ],
        None,
    );
    StylePage {
        p,
        bar_chart,
        line_chart,
        multi_line_chart,
    }
}
