//! Activity toolkits (« trousses ») and lists of activities
//! (« répertoires »): the list, a toolkit's themes and activities, an
//! activity's page with where it was run, the search (French, accents and
//! typos) with its filters, the coordinators' forms for themes and
//! activities, the members' form that records a run, a grouping's page of
//! toolkit usage, and the JSON API (tag `toolkits`).
//!
//! Who may read, change or record is `maillage_domain::toolkits` (asked by
//! the extractors of [`access`]); the search is [`search`], a small index
//! of `maillage_search::activities` rebuilt whenever a toolkit changed.

pub mod access;
mod api;
mod attachments;
mod edit;
mod pages;
mod runs;
pub mod search;

use axum::Router;
use maillage_domain::toolkits::Audience;
use maillage_store::repo::toolkits::ToolkitsError;

use crate::AppState;
use crate::error::AppError;
use crate::i18n::Lang;

pub(crate) fn api_routes(
    router: utoipa_axum::router::OpenApiRouter<AppState>,
) -> utoipa_axum::router::OpenApiRouter<AppState> {
    api::routes(router)
}

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(pages::router())
        .merge(edit::router())
        .merge(runs::router())
        .merge(attachments::router())
}

/// A toolkit's page.
pub fn toolkit_href(slug: &str) -> String {
    format!("/trousses/{slug}")
}

/// An activity's page.
pub fn activity_href(slug: &str, activity: uuid::Uuid) -> String {
    format!("/trousses/{slug}/activites/{activity}")
}

/// « Parents », « 0-5 ans », …
pub fn audience_label(lang: Lang, audience: Audience) -> String {
    lang.t(&format!("toolkits-audience-{}", audience.as_str()))
}

/// A toolkit change refused: 404, a rule's French message (422), or the
/// store's error.
impl From<ToolkitsError> for AppError {
    fn from(e: ToolkitsError) -> Self {
        match e {
            ToolkitsError::NotFound => AppError::NotFound,
            ToolkitsError::Rule(rule) => AppError::Unprocessable(rule.key()),
            ToolkitsError::Store(e) => e.into(),
        }
    }
}
