//! The bilan of an event (*event report*): generated from its data
//! (origin, sessions, attendance grid, numbers, teams and mosaic,
//! facilitators' observations, evaluation, next steps), edited section by
//! section by its coordinators, printable on A4, and downloadable as one
//! standalone HTML file or as a PDF.

use std::path::{Path as FsPath, PathBuf};
use std::time::Duration;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use maillage_domain::charts::{self, Bar};
use maillage_domain::numbers::{self, Decimals};
use maillage_domain::reports::{self, Block, QuestionKind, Report, Words};
use maillage_store::entity::event;
use maillage_store::repo::events::reports as repo;
use serde::Deserialize;

use super::access::{InsideEvent, ManagedEvent, Section};
use super::{event_href, manage_href};
use crate::AppState;
use crate::auth::ClientIp;
use crate::auth::actor;
use crate::error::AppError;
use crate::extract::Id;
use crate::i18n::Lang;
use crate::live::bilan::LiveBilan;
use crate::page::Page;
use crate::reference::Reference;
use crate::text::format_date;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/evenements/{event}/bilan", get(show_report))
        .route("/evenements/{event}/bilan.html", get(download_html))
        .route("/evenements/{event}/bilan.pdf", get(download_pdf))
        .route("/evenements/{event}/bilan/{section}", post(save_section))
        .route(
            "/evenements/{event}/bilan/{section}/regenerer",
            post(reset_section),
        )
}

/// The longest text a section may hold.
const MAX_SECTION_CHARS: usize = maillage_domain::limits::DOCUMENT;

/// Chromiums printing at once.
static PDF_SLOTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// How long Chromium may take to print the PDF.
const PDF_TIMEOUT: Duration = Duration::from_mins(1);

fn report_href(e: &event::Model) -> String {
    format!("{}/bilan", event_href(e.id))
}

struct LangWords(Lang);

impl Words for LangWords {
    fn word(&self, key: &str, args: &[(&'static str, String)]) -> String {
        if args.is_empty() {
            self.0.t(key)
        } else {
            self.0.t_args(key, args)
        }
    }
}

/// One section as shown: the coordinator's text when edited, else the
/// generated one.
pub struct SectionView {
    pub key: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
    /// The text in the edit form.
    pub text: String,
    pub edited: bool,
    pub edited_on: String,
}

/// A question of the evaluation as shown.
pub struct QuestionView {
    pub prompt: String,
    pub kind: &'static str,
    pub answered: usize,
    pub mean: String,
    /// An SVG bar chart of the counts, or empty.
    pub chart: String,
    pub texts: Vec<String>,
}

/// What the page and the downloaded file both show.
struct Body {
    report: Report,
    sections: Vec<SectionView>,
    sector_chart: String,
    questions: Vec<QuestionView>,
    generated_on: String,
    live: LiveBilan,
}

async fn build(state: &AppState, e: &event::Model, lang: Lang) -> Result<Body, AppError> {
    let conn = state.store.conn();
    let data = repo::load(conn, e).await?;
    let reference = Reference::load(state).await?;
    let date_text = |d: chrono::NaiveDate| crate::text::day_text(d, lang);
    let sector_label = |code: &str| {
        reference
            .sector_label(Some(code), lang)
            .unwrap_or_else(|| code.to_owned())
    };
    let mut input = data.input(&date_text, &sector_label);
    input.language = crate::text::number_language(lang);
    let live = crate::live::bilan::load(
        state,
        e.id,
        lang,
        &mut input.teams,
        &mut input.loose_stickies,
    )
    .await?;
    let report = reports::compose(&input, &LangWords(lang));
    let sections = report
        .sections
        .iter()
        .map(|s| {
            let edit = data.edit(s.key);
            let text = edit.map_or_else(|| s.text.clone(), |m| m.content.clone());
            SectionView {
                key: s.key,
                title: s.title.clone(),
                blocks: reports::blocks(&text),
                text,
                edited: edit.is_some(),
                edited_on: edit
                    .map(|m| format_date(m.updated_at, lang))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let bars: Vec<Bar> = report
        .numbers
        .sector_mix
        .iter()
        .map(|s| Bar {
            label: s.label.clone(),
            #[expect(
                clippy::cast_precision_loss,
                reason = "counts of organizations stay far below 2^52"
            )]
            value: s.organizations as f64,
            color: Some(charts::sector_color(&s.code).to_owned()),
        })
        .collect();
    let sector_chart = charts::bar_chart(
        "bilan-secteurs",
        &lang.t("report-sector-chart"),
        &bars,
        &lang.t("report-no-attendance-yet"),
    );
    let questions = report
        .evaluation
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| question_view(i, q, lang))
        .collect();
    Ok(Body {
        report,
        sections,
        sector_chart,
        questions,
        generated_on: format_date(chrono::Utc::now(), lang),
        live,
    })
}

/// One evaluation question of the bilan: its chart (none for free text
/// without counts) and its answers.
fn question_view(i: usize, q: &reports::QuestionResult, lang: Lang) -> QuestionView {
    let chart = if q.kind == QuestionKind::Text && q.counts.is_empty() {
        String::new()
    } else {
        let bars: Vec<Bar> = q
            .counts
            .iter()
            .map(|(label, n)| Bar {
                label: label.clone(),
                #[expect(
                    clippy::cast_precision_loss,
                    reason = "counts of answers stay far below 2^52"
                )]
                value: *n as f64,
                color: None,
            })
            .collect();
        charts::bar_chart(
            &format!("bilan-question-{i}"),
            &q.prompt,
            &bars,
            &lang.t("report-no-answers"),
        )
    };
    QuestionView {
        prompt: q.prompt.clone(),
        kind: q.kind.as_str(),
        answered: q.answered,
        mean: q
            .mean
            .map(|m| numbers::french(m, Decimals::Exactly(1)))
            .unwrap_or_default(),
        chart,
        // Topics are counted in the chart already.
        texts: if q.favourite_topic {
            Vec::new()
        } else {
            q.texts.clone()
        },
    }
}

// ---------- the page ----------

#[derive(Template, WebTemplate)]
#[template(path = "events/report_page.html")]
pub struct ReportPage {
    p: Page,
    e: event::Model,
    event_href: String,
    manage_href: String,
    href: String,
    can_edit: bool,
    report: Report,
    sections: Vec<SectionView>,
    sector_chart: String,
    questions: Vec<QuestionView>,
    generated_on: String,
    live: LiveBilan,
}

async fn show_report(
    State(state): State<AppState>,
    inside: InsideEvent,
    p: Page,
) -> Result<ReportPage, AppError> {
    let can_edit = inside.may_manage();
    let e = inside.event;
    let body = build(&state, &e, p.lang).await?;
    Ok(ReportPage {
        event_href: event_href(e.id),
        manage_href: manage_href(e.id),
        href: report_href(&e),
        can_edit,
        report: body.report,
        sections: body.sections,
        sector_chart: body.sector_chart,
        questions: body.questions,
        generated_on: body.generated_on,
        live: body.live,
        e,
        p,
    })
}

// ---------- editing ----------

#[derive(Debug, Default, Deserialize)]
pub struct SectionForm {
    #[serde(default)]
    contenu: String,
}

async fn save_section(
    State(state): State<AppState>,
    ManagedEvent { event: e, user }: ManagedEvent,
    Id(Section(section)): Id<Section>,
    ip: ClientIp,
    Form(form): Form<SectionForm>,
) -> Result<Response, AppError> {
    let key = reports::section_key(&section).ok_or(AppError::NotFound)?;
    let back = report_href(&e);
    // Line endings as browsers send them (CRLF) are kept as LF.
    let text = form.contenu.replace("\r\n", "\n").trim().to_owned();
    if text.is_empty() {
        return Ok(
            Redirect::to(&format!("{back}?erreur=flash-report-empty#section-{key}"))
                .into_response(),
        );
    }
    if text.chars().count() > MAX_SECTION_CHARS {
        return Ok(Redirect::to(&format!(
            "{back}?erreur=flash-report-too-long#section-{key}"
        ))
        .into_response());
    }
    repo::save_section(&state.store, &actor(&user, &ip), e.id, key, &text).await?;
    Ok(Redirect::to(&format!("{back}?ok=flash-report-saved#section-{key}")).into_response())
}

async fn reset_section(
    State(state): State<AppState>,
    ManagedEvent { event: e, user }: ManagedEvent,
    Id(Section(section)): Id<Section>,
    ip: ClientIp,
) -> Result<Response, AppError> {
    let key = reports::section_key(&section).ok_or(AppError::NotFound)?;
    repo::reset_section(&state.store, &actor(&user, &ip), e.id, key).await?;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-report-reset#section-{key}",
        report_href(&e)
    ))
    .into_response())
}

// ---------- downloads ----------

/// The bilan as one file: its stylesheet inside, no link back to the site,
/// so that it reads the same in a mail attachment, offline, or printed.
#[derive(Template)]
#[template(path = "events/report_standalone.html")]
pub struct StandaloneReport {
    p: Page,
    e: event::Model,
    href: String,
    can_edit: bool,
    report: Report,
    sections: Vec<SectionView>,
    sector_chart: String,
    questions: Vec<QuestionView>,
    generated_on: String,
    live: LiveBilan,
}

async fn standalone(
    state: &AppState,
    e: event::Model,
    p: Page,
) -> Result<(event::Model, String), AppError> {
    let body = build(state, &e, p.lang).await?;
    let html = StandaloneReport {
        href: report_href(&e),
        can_edit: false,
        report: body.report,
        sections: body.sections,
        sector_chart: body.sector_chart,
        questions: body.questions,
        generated_on: body.generated_on,
        live: body.live,
        e: e.clone(),
        p,
    }
    .render()
    .map_err(|err| AppError::internal(format!("bilan template: {err}")))?;
    Ok((e, html))
}

/// `bilan-osons-l-aventure.pdf`: ASCII, so every mail client keeps it.
fn file_name(e: &event::Model, ext: &str) -> String {
    let slug = maillage_domain::slug::slugify(&e.title);
    let slug: String = slug.chars().take(60).collect();
    if slug.is_empty() {
        format!("bilan.{ext}")
    } else {
        format!("bilan-{slug}.{ext}")
    }
}

fn attachment(name: &str) -> HeaderValue {
    HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

async fn download_html(
    State(state): State<AppState>,
    InsideEvent { event, .. }: InsideEvent,
    p: Page,
) -> Result<Response, AppError> {
    let (e, html) = standalone(&state, event, p).await?;
    let mut r = Html(html).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_DISPOSITION,
        attachment(&file_name(&e, "html")),
    );
    // The file carries its own stylesheet and nothing else: no script, no
    // image, no request anywhere.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    Ok(r)
}

/// The Chromium that prints PDFs: `MAILLAGE_CHROMIUM`, `/usr/bin/chromium`,
/// or `chromium` (or `chromium-browser`) in `PATH`.
fn chromium() -> Option<PathBuf> {
    find_chromium(
        std::env::var_os("MAILLAGE_CHROMIUM"),
        FsPath::new("/usr/bin/chromium"),
        std::env::var_os("PATH"),
    )
}

/// A `MAILLAGE_CHROMIUM` that names no file means no Chromium, rather
/// than another one found elsewhere: the setting says which to use.
fn find_chromium(
    configured: Option<std::ffi::OsString>,
    default: &FsPath,
    path: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    if let Some(configured) = configured.filter(|p| !p.is_empty()) {
        let configured = PathBuf::from(configured);
        return configured.is_file().then_some(configured);
    }
    if default.is_file() {
        return Some(default.to_path_buf());
    }
    std::env::split_paths(&path?)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

#[derive(Debug)]
enum PdfError {
    NoChromium,
    Failed(String),
}

/// Prints `html` to PDF with headless Chromium.
///
/// Chromium rather than a PDF library: the PDF is the page itself, laid out
/// by the same print stylesheet, fonts and inline SVG charts the browser
/// shows, so there is no second layout engine to keep in step with the
/// templates (a PDF library would need every table, chart and page break
/// drawn again by hand).
async fn print_pdf(html: &str) -> Result<Vec<u8>, PdfError> {
    let binary = chromium().ok_or(PdfError::NoChromium)?;
    // A Chromium takes a few hundred megabytes: a burst of downloads waits
    // its turn rather than starting one each.
    let _slot = PDF_SLOTS
        .acquire()
        .await
        .map_err(|e| PdfError::Failed(e.to_string()))?;
    let dir = tempfile::tempdir().map_err(|e| PdfError::Failed(e.to_string()))?;
    let input = dir.path().join("bilan.html");
    let output = dir.path().join("bilan.pdf");
    let profile = dir.path().join("profile");
    tokio::fs::write(&input, html)
        .await
        .map_err(|e| PdfError::Failed(e.to_string()))?;
    let mut command = tokio::process::Command::new(&binary);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", output.display()))
        .arg(file_url(&input))
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    let child = command.spawn().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound | std::io::ErrorKind::PermissionDenied => PdfError::NoChromium,
        _ => PdfError::Failed(e.to_string()),
    })?;
    let out = tokio::time::timeout(PDF_TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| PdfError::Failed("Chromium took longer than 60 s".to_owned()))?
        .map_err(|e| PdfError::Failed(e.to_string()))?;
    let pdf = tokio::fs::read(&output).await.unwrap_or_default();
    if !pdf.starts_with(b"%PDF") {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let tail: String = stderr
            .chars()
            .rev()
            .take(400)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Err(PdfError::Failed(format!("status {}: {tail}", out.status)));
    }
    Ok(pdf)
}

fn file_url(path: &FsPath) -> String {
    format!(
        "file://{}",
        maillage_domain::percent::encode_path(&path.to_string_lossy())
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "events/report_unavailable.html")]
pub struct PdfUnavailable {
    p: Page,
    e: event::Model,
    href: String,
    message: String,
}

async fn download_pdf(
    State(state): State<AppState>,
    InsideEvent { event, .. }: InsideEvent,
    p: Page,
) -> Result<Response, AppError> {
    let page = p.clone();
    let (e, html) = standalone(&state, event, p).await?;
    match print_pdf(&html).await {
        Ok(pdf) => {
            let mut r = pdf.into_response();
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                attachment(&file_name(&e, "pdf")),
            );
            Ok(r)
        }
        Err(err) => {
            let key = match &err {
                PdfError::NoChromium => "report-pdf-no-chromium",
                PdfError::Failed(detail) => {
                    tracing::warn!(event = %e.id, error = %detail, "bilan PDF failed");
                    "report-pdf-failed"
                }
            };
            // A page of its own with 503 (not an error of the app): the HTML
            // download still works and says what to install.
            let message = page.t(key);
            let body = PdfUnavailable {
                href: report_href(&e),
                message,
                e,
                p: page,
            };
            Ok((StatusCode::SERVICE_UNAVAILABLE, body).into_response())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chromium_is_looked_for_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let in_path = dir.path().join("chromium");
        std::fs::write(&in_path, b"").unwrap();
        let missing = dir.path().join("absent");
        let path = Some(dir.path().as_os_str().to_owned());
        assert_eq!(
            find_chromium(None, &missing, path.clone()),
            Some(in_path.clone())
        );
        assert_eq!(find_chromium(None, &missing, None), None);
        assert_eq!(
            find_chromium(Some("".into()), &in_path, None),
            Some(in_path.clone())
        );
        assert_eq!(
            find_chromium(Some(missing.clone().into_os_string()), &in_path, path),
            None,
            "a configured path that names nothing is not replaced"
        );
        assert_eq!(
            find_chromium(None, &missing, Some(missing.clone().into_os_string())),
            None
        );
    }

    #[test]
    fn file_urls_and_names_are_ascii() {
        assert_eq!(
            file_url(FsPath::new("/tmp/a b/bilan é.html")),
            "file:///tmp/a%20b/bilan%20%C3%A9.html"
        );
        let mut e = event::Model {
            id: uuid::Uuid::nil(),
            grouping_id: None,
            title: "Osons l'aventure : regard sur les pratiques".to_owned(),
            description: None,
            intentions: None,
            audience: None,
            capacity: None,
            status: maillage_store::entity::event::EventStatus::Done,
            registration_closes_on: None,
            version: 1,
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
        };
        assert_eq!(
            file_name(&e, "pdf"),
            "bilan-osons-l-aventure-regard-sur-les-pratiques.pdf"
        );
        "« »".clone_into(&mut e.title);
        assert_eq!(file_name(&e, "html"), "bilan.html");
    }
}
