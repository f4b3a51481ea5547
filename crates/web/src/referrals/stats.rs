//! The grouping's referral statistics, without personal data: the page
//! (`/regroupements/{grouping}/references`), the same figures as CSV
//! (`…/references.csv`) and in the API (`GET
//! /api/v1/groupings/{id}/referral-stats`, tag `referrals`).
//!
//! Who reads them: any account with a role in the grouping, and the
//! administrators (401 anonymous, 403 anyone else) — the figures name the
//! organizations that refer to each other, the grouping's internal data.
//! They come from `repo::referrals_stats`, which never reads a person.

use std::collections::BTreeMap;
use std::str::FromStr;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{NaiveDate, Utc};
use maillage_domain::charts::{Bar, bar_chart};
use maillage_domain::referrals_stats::Rate;
use maillage_interop::table_file::{TableCell, write_csv};
use maillage_store::entity::grouping;
use maillage_store::repo::groupings as groupings_repo;
use maillage_store::repo::referrals_stats::{self as repo, GroupingStats, Period};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::api::ErrorBody;
use crate::assessments::portrait_access::require_read_grouping;
use crate::auth::Visitor;
use crate::error::AppError;
use crate::extract::{Id, PathKey};
use crate::groupings::access::GroupingBySlug;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::access::allowed;
use crate::reference::Reference;
use crate::text::number_text;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/regroupements/{grouping}/references",
            get(show_referral_stats),
        )
        .route(
            "/regroupements/{grouping}/references.csv",
            get(show_referral_stats_csv),
        )
}

pub(super) fn api_routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router.routes(routes!(show_referral_stats_api))
}

pub fn stats_href(g: &grouping::Model) -> String {
    format!("/regroupements/{}/references", g.slug)
}

// ---------- access ----------

/// A grouping whose statistics the visitor reads (any role in it, or
/// admin).
pub struct StatsReader {
    pub grouping: grouping::Model,
}

impl FromRequestParts<AppState> for StatsReader {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let GroupingBySlug(grouping) = GroupingBySlug::from_request_parts(parts, state).await?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        let gid = grouping.id.to_string();
        allowed(visitor, |p| require_read_grouping(p, &gid))?;
        Ok(StatsReader { grouping })
    }
}

/// The API's grouping, by id or slug (`{id}`).
#[derive(Debug, Clone)]
pub struct GroupingKey(String);

impl FromStr for GroupingKey {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(GroupingKey(s.to_owned()))
    }
}

impl PathKey for GroupingKey {
    const PARAM: &'static str = "id";
}

/// [`StatsReader`] for the API: the grouping by id or slug; 401
/// anonymous, 404 unknown, 403 outside.
pub struct ApiStatsReader(StatsReader);

impl FromRequestParts<AppState> for ApiStatsReader {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        if visitor.0.is_none() {
            return Err(AppError::Unauthenticated);
        }
        let Id(GroupingKey(key)) = Id::<GroupingKey>::from_request_parts(parts, state).await?;
        let found = match Uuid::parse_str(&key) {
            Ok(id) => groupings_repo::find_by_id(&state.store, id).await?,
            Err(_) => groupings_repo::find_by_slug(state.store.conn(), &key).await?,
        };
        let grouping = found.ok_or(AppError::NotFound)?;
        let gid = grouping.id.to_string();
        allowed(visitor, |p| require_read_grouping(p, &gid))?;
        Ok(ApiStatsReader(StatsReader { grouping }))
    }
}

// ---------- the period ----------

/// The period of a page or the CSV: `du` and `au`, `YYYY-MM-DD`, both
/// included.
#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    du: String,
    #[serde(default)]
    au: String,
}

fn day(v: &str) -> Result<Option<NaiveDate>, AppError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| AppError::BadRequest("refstats-bad-date"))
}

fn period(from: &str, to: &str) -> Result<Period, AppError> {
    let p = Period {
        from: day(from)?,
        to: day(to)?,
    };
    if let (Some(f), Some(t)) = (p.from, p.to)
        && f > t
    {
        return Err(AppError::BadRequest("refstats-bad-period"));
    }
    Ok(p)
}

async fn load(state: &AppState, g: &grouping::Model, p: Period) -> Result<GroupingStats, AppError> {
    Ok(repo::grouping_stats(state.store.conn(), g.id, p, Utc::now()).await?)
}

// ---------- what the page and the CSV show ----------

/// A label and a count.
pub struct CountRow {
    pub code: String,
    pub label: String,
    pub count: usize,
}

pub struct PairRow {
    pub from: String,
    pub to: String,
    pub count: usize,
    pub accepted: usize,
}

pub struct ServiceRow {
    pub name: String,
    pub referrals: usize,
    pub declined_waiting_list: usize,
    pub overdue: usize,
    /// « 6 semaines », or empty.
    pub waiting: String,
}

/// The figures in the visitor's language.
pub struct StatsView {
    pub total: usize,
    pub acceptance: String,
    pub acceptance_detail: String,
    pub completion: String,
    pub completion_detail: String,
    pub median_days: String,
    pub acknowledged: usize,
    pub statuses: Vec<CountRow>,
    pub sectors: Vec<PairRow>,
    pub organizations: Vec<PairRow>,
    pub obstacles: Vec<CountRow>,
    pub declines: Vec<CountRow>,
    pub services: Vec<ServiceRow>,
}

fn percent_text(r: Rate, lang: Lang) -> String {
    r.percent().map_or_else(
        || lang.t("refstats-none"),
        |v| {
            lang.t_args(
                "refstats-percent",
                &[("value", number_text(v.round(), lang))],
            )
        },
    )
}

fn rate_detail(r: Rate, lang: Lang) -> String {
    lang.t_args(
        "refstats-of",
        &[
            ("count", r.numerator.to_string()),
            ("total", r.denominator.to_string()),
        ],
    )
}

/// The view of `data` in `lang`: sector names from `reference`.
pub fn view(data: &GroupingStats, reference: &Reference, lang: Lang) -> StatsView {
    let s = &data.stats;
    let sector = |code: Option<&str>| {
        reference
            .sector_label(code, lang)
            .unwrap_or_else(|| lang.t("refstats-no-sector"))
    };
    StatsView {
        total: s.total,
        acceptance: percent_text(s.acceptance, lang),
        acceptance_detail: rate_detail(s.acceptance, lang),
        completion: percent_text(s.completion, lang),
        completion_detail: rate_detail(s.completion, lang),
        median_days: s.median_ack_days.map_or_else(
            || lang.t("refstats-none"),
            |d| number_text((d * 10.0).round() / 10.0, lang),
        ),
        acknowledged: s.acknowledged,
        statuses: s
            .by_status
            .iter()
            .map(|(st, n)| CountRow {
                code: st.as_str().to_owned(),
                label: lang.t(st.label_key()),
                count: *n,
            })
            .collect(),
        sectors: s
            .sector_pairs
            .iter()
            .map(|p| PairRow {
                from: sector(p.from_sector.as_deref()),
                to: sector(p.to_sector.as_deref()),
                count: p.referrals,
                accepted: p.accepted,
            })
            .collect(),
        organizations: s
            .organization_pairs
            .iter()
            .map(|p| PairRow {
                from: data.name_of(&p.from_organization),
                to: data.name_of(&p.to_organization),
                count: p.referrals,
                accepted: 0,
            })
            .collect(),
        obstacles: s
            .obstacles
            .iter()
            .map(|(o, n)| CountRow {
                code: o.as_str().to_owned(),
                label: lang.t(o.label_key()),
                count: *n,
            })
            .collect(),
        declines: s
            .decline_reasons
            .iter()
            .map(|(d, n)| CountRow {
                code: d.as_str().to_owned(),
                label: lang.t(d.label_key()),
                count: *n,
            })
            .collect(),
        services: s
            .saturated
            .iter()
            .map(|l| ServiceRow {
                name: l.service_name.clone(),
                referrals: l.referrals,
                declined_waiting_list: l.declined_waiting_list,
                overdue: l.overdue,
                waiting: l
                    .waiting_weeks
                    .filter(|w| *w > 0)
                    .map(|w| {
                        crate::text::count_text(
                            lang,
                            "refstats-weeks",
                            usize::try_from(w).unwrap_or(0),
                        )
                    })
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

// ---------- the page ----------

#[derive(Template, WebTemplate)]
#[template(path = "referrals/stats_grouping.html")]
pub struct StatsPage {
    p: Page,
    grouping_name: String,
    grouping_href: String,
    href: String,
    csv_href: String,
    from: String,
    to: String,
    v: StatsView,
    chart: String,
}

fn csv_href(g: &grouping::Model, q: &PeriodQuery) -> String {
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    if !q.du.trim().is_empty() {
        pairs.push(("du", q.du.trim()));
    }
    if !q.au.trim().is_empty() {
        pairs.push(("au", q.au.trim()));
    }
    let query = serde_urlencoded::to_string(&pairs).unwrap_or_default();
    let base = format!("{}.csv", stats_href(g));
    if query.is_empty() {
        base
    } else {
        format!("{base}?{query}")
    }
}

fn sector_chart(v: &StatsView, lang: Lang) -> String {
    #[expect(
        clippy::cast_precision_loss,
        reason = "referral counts are far below 2^52"
    )]
    let bars: Vec<Bar> = v
        .sectors
        .iter()
        .map(|r| Bar {
            label: lang.t_args(
                "refstats-flow",
                &[("from", r.from.clone()), ("to", r.to.clone())],
            ),
            value: r.count as f64,
            color: None,
        })
        .collect();
    bar_chart(
        "refstats-sectors-chart",
        &lang.t("refstats-sectors-chart"),
        &bars,
        &lang.t("refstats-empty"),
    )
}

pub async fn show_referral_stats(
    State(state): State<AppState>,
    StatsReader { grouping: g }: StatsReader,
    Query(q): Query<PeriodQuery>,
    p: Page,
) -> Result<StatsPage, AppError> {
    let data = load(&state, &g, period(&q.du, &q.au)?).await?;
    let reference = Reference::load(&state).await?;
    let v = view(&data, &reference, p.lang);
    Ok(StatsPage {
        chart: sector_chart(&v, p.lang),
        grouping_name: g.name.clone(),
        grouping_href: crate::groupings::grouping_href(&g),
        href: stats_href(&g),
        csv_href: csv_href(&g, &q),
        from: q.du.trim().to_owned(),
        to: q.au.trim().to_owned(),
        v,
        p,
    })
}

// ---------- the CSV ----------

/// The figures as one table: section, item, « to » (a flow's destination),
/// count, percentage.
pub fn csv_table(v: &StatsView, lang: Lang) -> (Vec<String>, Vec<Vec<TableCell>>) {
    let headers = [
        "refstats-col-section",
        "refstats-col-item",
        "refstats-col-to",
        "refstats-col-count",
        "refstats-col-detail",
    ]
    .map(|k| lang.t(k))
    .to_vec();
    #[expect(
        clippy::cast_precision_loss,
        reason = "referral counts are far below 2^52"
    )]
    let n = |x: usize| TableCell::Number(x as f64);
    let text = |s: &str| {
        if s.is_empty() {
            TableCell::Empty
        } else {
            TableCell::Text(s.to_owned())
        }
    };
    let section = |k: &str| TableCell::Text(lang.t(k));
    let mut rows = vec![
        vec![
            section("refstats-total"),
            TableCell::Empty,
            TableCell::Empty,
            n(v.total),
            TableCell::Empty,
        ],
        vec![
            section("refstats-acceptance"),
            text(&v.acceptance_detail),
            TableCell::Empty,
            TableCell::Empty,
            text(&v.acceptance),
        ],
        vec![
            section("refstats-completion"),
            text(&v.completion_detail),
            TableCell::Empty,
            TableCell::Empty,
            text(&v.completion),
        ],
        vec![
            section("refstats-median"),
            TableCell::Empty,
            TableCell::Empty,
            n(v.acknowledged),
            text(&v.median_days),
        ],
    ];
    rows.extend(detail_rows(v, lang));
    (headers, rows)
}

/// The CSV's rows after the key figures: counts, flows, services.
fn detail_rows(v: &StatsView, lang: Lang) -> Vec<Vec<TableCell>> {
    #[expect(
        clippy::cast_precision_loss,
        reason = "referral counts are far below 2^52"
    )]
    let n = |x: usize| TableCell::Number(x as f64);
    let text = |s: &str| {
        if s.is_empty() {
            TableCell::Empty
        } else {
            TableCell::Text(s.to_owned())
        }
    };
    let section = |k: &str| TableCell::Text(lang.t(k));
    let mut rows = Vec::new();
    for (key, list) in [
        ("refstats-by-status", &v.statuses),
        ("refstats-obstacles", &v.obstacles),
        ("refstats-declines", &v.declines),
    ] {
        for r in list {
            rows.push(vec![
                section(key),
                text(&r.label),
                TableCell::Empty,
                n(r.count),
                TableCell::Empty,
            ]);
        }
    }
    for (key, list) in [
        ("refstats-sectors", &v.sectors),
        ("refstats-organizations", &v.organizations),
    ] {
        for r in list {
            rows.push(vec![
                section(key),
                text(&r.from),
                text(&r.to),
                n(r.count),
                TableCell::Empty,
            ]);
        }
    }
    for r in &v.services {
        rows.push(vec![
            section("refstats-saturated"),
            text(&r.name),
            TableCell::Empty,
            n(r.referrals),
            text(&lang.t_args(
                if r.waiting.is_empty() {
                    "refstats-saturation-detail-none"
                } else {
                    "refstats-saturation-detail"
                },
                &[
                    ("declined", r.declined_waiting_list.to_string()),
                    ("overdue", r.overdue.to_string()),
                    ("waiting", r.waiting.clone()),
                ],
            )),
        ]);
    }
    rows
}

pub async fn show_referral_stats_csv(
    State(state): State<AppState>,
    StatsReader { grouping: g }: StatsReader,
    Query(q): Query<PeriodQuery>,
    lang: Lang,
) -> Result<Response, AppError> {
    let data = load(&state, &g, period(&q.du, &q.au)?).await?;
    let reference = Reference::load(&state).await?;
    let (headers, rows) = csv_table(&view(&data, &reference, lang), lang);
    let mut r = write_csv(&headers, &rows).into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    let slug: String = g.slug.chars().take(60).collect();
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"references-{slug}.csv\""))
            .unwrap_or_else(|_| HeaderValue::from_static("attachment")),
    );
    Ok(r)
}

// ---------- the API ----------

/// The period of the API: `from` and `to`, `YYYY-MM-DD`, both included.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    /// Referrals sent on or after this day.
    from: Option<String>,
    /// Referrals sent on or before this day.
    to: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RateJson {
    numerator: usize,
    denominator: usize,
    /// `null` when the denominator is 0.
    percent: Option<f64>,
}

impl From<Rate> for RateJson {
    fn from(r: Rate) -> Self {
        RateJson {
            numerator: r.numerator,
            denominator: r.denominator,
            percent: r.percent(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct SectorPairJson {
    /// The sending organization's sector code (`null`: none).
    from_sector: Option<String>,
    /// The receiving organization's sector code.
    to_sector: Option<String>,
    referrals: usize,
    accepted: usize,
}

#[derive(Serialize, ToSchema)]
pub struct OrganizationPairJson {
    from_organization: String,
    from_name: String,
    to_organization: String,
    to_name: String,
    referrals: usize,
}

#[derive(Serialize, ToSchema)]
pub struct ServiceLoadJson {
    service_id: String,
    service_name: String,
    referrals: usize,
    /// Declined for the waiting list.
    declined_waiting_list: usize,
    /// Not acknowledged within the published delay, now.
    overdue: usize,
    /// The waiting list the service publishes, in weeks.
    waiting_weeks: Option<i32>,
}

/// A grouping's referral statistics: no personal data.
#[derive(Serialize, ToSchema)]
pub struct ReferralStatsJson {
    grouping_id: Uuid,
    grouping_slug: String,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    total: usize,
    /// Current status → count (every status).
    by_status: BTreeMap<String, usize>,
    sector_pairs: Vec<SectorPairJson>,
    organization_pairs: Vec<OrganizationPairJson>,
    /// Accepted / decided (accepted, declined or redirected).
    acceptance: RateJson,
    /// Completed / accepted referrals that ended (completed, no follow-up,
    /// withdrawn after acceptance).
    completion: RateJson,
    /// Median days from sending to acknowledgement.
    median_ack_days: Option<f64>,
    acknowledged: usize,
    /// Obstacle code → count (no follow-up).
    obstacles: BTreeMap<String, usize>,
    /// Decline reason code → count.
    decline_reasons: BTreeMap<String, usize>,
    /// Most saturated first.
    saturated_services: Vec<ServiceLoadJson>,
}

fn stats_json(g: &grouping::Model, p: Period, data: &GroupingStats) -> ReferralStatsJson {
    let s = &data.stats;
    ReferralStatsJson {
        grouping_id: g.id,
        grouping_slug: g.slug.clone(),
        from: p.from,
        to: p.to,
        total: s.total,
        by_status: s
            .by_status
            .iter()
            .map(|(st, n)| (st.as_str().to_owned(), *n))
            .collect(),
        sector_pairs: s
            .sector_pairs
            .iter()
            .map(|x| SectorPairJson {
                from_sector: x.from_sector.clone(),
                to_sector: x.to_sector.clone(),
                referrals: x.referrals,
                accepted: x.accepted,
            })
            .collect(),
        organization_pairs: s
            .organization_pairs
            .iter()
            .map(|x| OrganizationPairJson {
                from_name: data.name_of(&x.from_organization),
                to_name: data.name_of(&x.to_organization),
                from_organization: x.from_organization.clone(),
                to_organization: x.to_organization.clone(),
                referrals: x.referrals,
            })
            .collect(),
        acceptance: s.acceptance.into(),
        completion: s.completion.into(),
        median_ack_days: s.median_ack_days,
        acknowledged: s.acknowledged,
        obstacles: s
            .obstacles
            .iter()
            .map(|(o, n)| (o.as_str().to_owned(), *n))
            .collect(),
        decline_reasons: s
            .decline_reasons
            .iter()
            .map(|(d, n)| (d.as_str().to_owned(), *n))
            .collect(),
        saturated_services: s
            .saturated
            .iter()
            .map(|l| ServiceLoadJson {
                service_id: l.service_id.clone(),
                service_name: l.service_name.clone(),
                referrals: l.referrals,
                declined_waiting_list: l.declined_waiting_list,
                overdue: l.overdue,
                waiting_weeks: l.waiting_weeks,
            })
            .collect(),
    }
}

/// A grouping's referral statistics (by id or slug), without personal
/// data: flows by sector and organization pair, acceptance and completion
/// rates, median delay to acknowledge, obstacles, decline reasons, the
/// services most saturated. For the grouping's accounts and administrators.
#[utoipa::path(get, path = "/api/v1/groupings/{id}/referral-stats", tag = "referrals",
    params(("id" = String, Path, description = "Grouping id or slug"), StatsQuery),
    responses(
        (status = 200, body = ReferralStatsJson),
        (status = 400, body = ErrorBody, description = "A date that is not YYYY-MM-DD, or from after to"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not an account of the grouping"),
        (status = 404, body = ErrorBody, description = "No such grouping")
    )
)]
async fn show_referral_stats_api(
    State(state): State<AppState>,
    ApiStatsReader(StatsReader { grouping: g }): ApiStatsReader,
    Query(q): Query<StatsQuery>,
) -> Result<Json<ReferralStatsJson>, AppError> {
    let p = period(
        q.from.as_deref().unwrap_or_default(),
        q.to.as_deref().unwrap_or_default(),
    )?;
    let data = load(&state, &g, p).await?;
    Ok(Json(stats_json(&g, p, &data)))
}
