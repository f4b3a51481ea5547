//! Referrals (« références »): an intervenant refers a person to a
//! service of another organization, with recorded consent and the least
//! personal data; the service acknowledges, accepts or declines, follows
//! up; the loop closes; the purge empties the person's data after the
//! grouping's retention period (Law 25). The JSON API of DESIGN.md §4
//! *Referrals* (tag `referrals`).
//!
//! Who sees what is `maillage_store::repo::referrals` (the two
//! organizations' members only, every read audited); the status machine
//! and the bounds are `maillage_domain::referrals`.
//!
//! - [`access`]: the extractors (a referral one may read, the account
//!   acting for its organization) and the one mapping of the store's
//!   refusals to HTTP.
//! - [`api`]: the JSON API, `/api/v1/referrals…`.
//! - [`notify`]: the e-mail notices of a new referral or a move.
//! - [`pages`]: the outbox, the inbox, the referral page and its moves,
//!   the form that sends one.
//! - [`form`]: that form; the dashboard's panel is in [`pages`].
//! - [`capacity`]: what a service publishes (criteria, delay, waiting list).
//! - [`stats`]: the grouping's statistics, without personal data.
//! - [`privacy`]: the privacy notice, a person's export and erasure.

pub mod access;
mod api;
mod capacity;
mod form;
pub mod notify;
mod pages;
mod privacy;
mod stats;

use axum::Router;
use maillage_domain::referrals::Status;
use uuid::Uuid;

use crate::AppState;
use crate::i18n::Lang;

/// The referral routes of the documented API.
pub(crate) fn api_routes(
    router: utoipa_axum::router::OpenApiRouter<AppState>,
) -> utoipa_axum::router::OpenApiRouter<AppState> {
    capacity::api_routes(stats::api_routes(api::routes(router)))
}

pub fn router() -> Router<AppState> {
    pages::router()
        .merge(capacity::router())
        .merge(stats::router())
        .merge(privacy::router())
}

pub fn referral_href(id: Uuid) -> String {
    format!("/references/{id}")
}

/// « Envoyée », « Reçue », « Acceptée », …
pub fn status_label(lang: Lang, status: Status) -> String {
    lang.t(status.label_key())
}

pub use capacity::{ServicePanel, service_panel, waiting_labels};
pub use pages::{DashboardPanel, dashboard_panel};
