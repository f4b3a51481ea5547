//! A grouping's self-assessments as files: its submitted responses (one
//! row per answer) and its portrait (one row per item, a column per
//! level), each as CSV for Excel (BOM, labels in the visitor's language,
//! French by default) and as XLSX. Linked from the grouping's portrait.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maillage_domain::assessments::ResponseStatus;
use maillage_domain::assessments::portrait as rules;
use maillage_interop::table_file::{TableCell, write_csv, write_xlsx};
use maillage_store::repo::assessments_portrait::{self as repo, PortraitData};

use super::portrait::respondent_name;
use super::portrait_access::ReadableGroupingTool;
use crate::AppState;
use crate::error::AppError;
use crate::i18n::Lang;

pub(super) fn router() -> Router<AppState> {
    let base = "/regroupements/{grouping}/autoevaluations/{tool}";
    Router::new()
        .route(&format!("{base}/reponses.csv"), get(show_responses_csv))
        .route(&format!("{base}/reponses.xlsx"), get(show_responses_xlsx))
        .route(&format!("{base}/portrait.csv"), get(show_portrait_csv))
        .route(&format!("{base}/portrait.xlsx"), get(show_portrait_xlsx))
}

/// The responses' table: one row per answer of every submitted response,
/// oldest response first.
pub fn responses_table(data: &PortraitData, lang: Lang) -> (Vec<String>, Vec<Vec<TableCell>>) {
    let headers = [
        "assess-export-col-respondent",
        "assess-export-col-organization",
        "assess-export-col-team",
        "assess-export-col-date",
        "assess-export-col-version",
        "assess-export-col-item",
        "assess-export-col-level",
        "assess-export-col-level-code",
        "assess-export-col-comment",
        "assess-export-col-action",
    ]
    .map(|k| lang.t(k))
    .to_vec();
    let mut rows = Vec::new();
    for r in data
        .responses
        .iter()
        .filter(|r| r.record.status == ResponseStatus::Submitted)
    {
        for item in &data.items {
            if !r.record.answers.contains_key(&item.id) {
                continue;
            }
            let code = r.record.level(item.id).unwrap_or_default();
            let label = data
                .scale
                .level(code)
                .map(|l| l.label.clone())
                .unwrap_or_default();
            let text = |s: String| {
                if s.is_empty() {
                    TableCell::Empty
                } else {
                    TableCell::Text(s)
                }
            };
            rows.push(vec![
                TableCell::Text(respondent_name(
                    &data.name_of(&r.record.respondent),
                    &r.record.team,
                )),
                TableCell::Text(r.record.respondent.clone()),
                text(r.record.team.clone()),
                TableCell::Date(r.record.on_date),
                TableCell::Number(f64::from(r.model.tool_version)),
                TableCell::Text(item.text.clone()),
                text(label),
                text(code.to_owned()),
                text(r.comments.get(&item.id).cloned().unwrap_or_default()),
                text(
                    r.actions
                        .get(&item.id)
                        .map(|a| crate::plans::action_href(*a))
                        .unwrap_or_default(),
                ),
            ]);
        }
    }
    (headers, rows)
}

/// The portrait's table: one row per item, a column per level, then the
/// items left open and the respondents counted.
pub fn portrait_table(data: &PortraitData, lang: Lang) -> (Vec<String>, Vec<Vec<TableCell>>) {
    let records = data.records();
    let latest = rules::latest_submitted(&records, None);
    let portrait = rules::grouping_portrait(&data.scale, &data.items, &latest);
    let mut headers = vec![lang.t("assess-export-col-item")];
    headers.extend(data.scale.0.iter().map(|l| l.label.clone()));
    headers.push(lang.t("assess-export-col-unanswered"));
    headers.push(lang.t("assess-export-col-respondents"));
    #[expect(
        clippy::cast_precision_loss,
        reason = "counts of respondents are far below 2^52"
    )]
    let rows = portrait
        .items
        .iter()
        .map(|i| {
            let mut row = vec![TableCell::Text(i.text.clone())];
            row.extend(i.counts.iter().map(|n| TableCell::Number(*n as f64)));
            row.push(TableCell::Number(i.unanswered as f64));
            row.push(TableCell::Number(portrait.respondents as f64));
            row
        })
        .collect();
    (headers, rows)
}

fn file_name(access: &ReadableGroupingTool, what: &str, ext: &str) -> String {
    let slug: String = access.grouping.slug.chars().take(60).collect();
    format!("autoevaluation-{slug}-{what}.{ext}")
}

fn download(body: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
            .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
    );
    r
}

const CSV: &str = "text/csv; charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async fn data_of(
    state: &AppState,
    access: &ReadableGroupingTool,
) -> Result<PortraitData, AppError> {
    repo::grouping_data(state.store.conn(), &access.tool, access.grouping.id)
        .await
        .map_err(AppError::from)
}

async fn show_responses_csv(
    State(state): State<AppState>,
    access: ReadableGroupingTool,
    lang: Lang,
) -> Result<Response, AppError> {
    let (headers, rows) = responses_table(&data_of(&state, &access).await?, lang);
    Ok(download(
        write_csv(&headers, &rows).into_bytes(),
        CSV,
        &file_name(&access, "reponses", "csv"),
    ))
}

async fn show_responses_xlsx(
    State(state): State<AppState>,
    access: ReadableGroupingTool,
    lang: Lang,
) -> Result<Response, AppError> {
    let (headers, rows) = responses_table(&data_of(&state, &access).await?, lang);
    let bytes = write_xlsx(&lang.t("assess-export-sheet-responses"), &headers, &rows)
        .map_err(AppError::internal)?;
    Ok(download(
        bytes,
        XLSX,
        &file_name(&access, "reponses", "xlsx"),
    ))
}

async fn show_portrait_csv(
    State(state): State<AppState>,
    access: ReadableGroupingTool,
    lang: Lang,
) -> Result<Response, AppError> {
    let (headers, rows) = portrait_table(&data_of(&state, &access).await?, lang);
    Ok(download(
        write_csv(&headers, &rows).into_bytes(),
        CSV,
        &file_name(&access, "portrait", "csv"),
    ))
}

async fn show_portrait_xlsx(
    State(state): State<AppState>,
    access: ReadableGroupingTool,
    lang: Lang,
) -> Result<Response, AppError> {
    let (headers, rows) = portrait_table(&data_of(&state, &access).await?, lang);
    let bytes = write_xlsx(&lang.t("assess-export-sheet-portrait"), &headers, &rows)
        .map_err(AppError::internal)?;
    Ok(download(
        bytes,
        XLSX,
        &file_name(&access, "portrait", "xlsx"),
    ))
}
