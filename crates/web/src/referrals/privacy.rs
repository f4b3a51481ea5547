//! Law 25 in the referrals area: the public privacy notice, a person's
//! export (right of access) and erasure on request, and the grouping's
//! retention period (its coordinators set it).
//!
//! The export and the erasure are for the two organizations' members only
//! (`repo::referrals::Actor::side`); anyone else gets 404, as for the
//! referral itself. Both are audited with the referral's id only.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use maillage_domain::ids::ReferralId;
use maillage_domain::referrals::{
    RETENTION_MONTHS_DEFAULT, RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN,
};
use maillage_store::repo::groupings;
use maillage_store::repo::referrals::ReferralsError;
use maillage_store::repo::referrals_purge as repo;
use serde::Deserialize;

use super::access::Referrer;
use super::referral_href;
use crate::AppState;
use crate::auth::{ClientIp, actor};
use crate::error::AppError;
use crate::extract::Id;
use crate::groupings::access::EditableGrouping;
use crate::page::Page;

/// The privacy notice's address, for links from the referral form and page.
pub const NOTICE_HREF: &str = "/confidentialite/references";

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(NOTICE_HREF, get(show_privacy_notice))
        .route("/references/{referral}/export", get(show_referral_export))
        .route(
            "/references/{referral}/effacer",
            post(delete_referral_person),
        )
        .route(
            "/regroupements/{grouping}/references/conservation",
            get(show_retention).post(update_retention),
        )
}

/// One grouping's retention period, as the notice lists them.
pub struct RetentionRow {
    pub name: String,
    pub months: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals/privacy_notice.html")]
pub struct NoticePage {
    p: Page,
    default_months: usize,
    groupings: Vec<RetentionRow>,
}

pub async fn show_privacy_notice(
    State(state): State<AppState>,
    p: Page,
) -> Result<NoticePage, AppError> {
    let groupings = groupings::list(&state.store)
        .await?
        .into_iter()
        .map(|g| RetentionRow {
            name: g.name,
            months: usize::try_from(g.referral_retention_months).unwrap_or_default(),
        })
        .collect();
    Ok(NoticePage {
        p,
        default_months: usize::try_from(RETENTION_MONTHS_DEFAULT).unwrap_or(12),
        groupings,
    })
}

/// Everything held about the person of a referral, as a JSON download.
pub async fn show_referral_export(
    State(state): State<AppState>,
    Id(id): Id<ReferralId>,
    referrer: Referrer,
) -> Result<Response, AppError> {
    let export = repo::export(&state.store, &referrer.actor(), id.uuid()).await?;
    let body = serde_json::to_string_pretty(&export).map_err(AppError::internal)?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"reference-{}.json\"", id.uuid()),
            ),
            // Personal data: no copy in a shared or browser cache.
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// The person's erasure on request; back to the referral's page, which
/// then shows only what the statistics keep.
pub async fn delete_referral_person(
    State(state): State<AppState>,
    Id(id): Id<ReferralId>,
    referrer: Referrer,
) -> Result<Response, AppError> {
    repo::erase(&state.store, &referrer.actor(), id.uuid()).await?;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-referrals-erased",
        referral_href(id.uuid())
    ))
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals/privacy_retention.html")]
pub struct RetentionPage {
    p: Page,
    grouping_name: String,
    grouping_href: String,
    action: String,
    months: String,
    min: i32,
    max: i32,
    error: Option<String>,
}

fn retention_page(
    p: Page,
    g: &maillage_store::entity::grouping::Model,
    months: String,
    error: Option<String>,
) -> RetentionPage {
    RetentionPage {
        p,
        grouping_name: g.name.clone(),
        grouping_href: format!("/regroupements/{}", g.slug),
        action: retention_href(&g.slug),
        months,
        min: RETENTION_MONTHS_MIN,
        max: RETENTION_MONTHS_MAX,
        error,
    }
}

fn retention_href(slug: &str) -> String {
    format!("/regroupements/{slug}/references/conservation")
}

pub async fn show_retention(
    EditableGrouping { grouping, .. }: EditableGrouping,
    p: Page,
) -> RetentionPage {
    let months = grouping.referral_retention_months.to_string();
    retention_page(p, &grouping, months, None)
}

#[derive(Debug, Default, Deserialize)]
pub struct RetentionForm {
    #[serde(default)]
    months: String,
}

pub async fn update_retention(
    State(state): State<AppState>,
    EditableGrouping { grouping, user }: EditableGrouping,
    ip: ClientIp,
    p: Page,
    Form(form): Form<RetentionForm>,
) -> Result<Response, AppError> {
    let saved = match repo::parse_retention(&form.months) {
        Ok(months) => {
            repo::set_retention(&state.store, &actor(&user, &ip), grouping.id, months).await
        }
        Err(e) => Err(ReferralsError::Invalid(e)),
    };
    match saved {
        Ok(()) => Ok(Redirect::to(&format!(
            "{}?ok=flash-referrals-retention-saved",
            retention_href(&grouping.slug)
        ))
        .into_response()),
        Err(ReferralsError::Invalid(e)) => {
            let message = p.t(e.key());
            let page = retention_page(p, &grouping, form.months, Some(message));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
