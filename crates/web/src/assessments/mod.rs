//! Self-assessment tools: the builder and the templates (`tools`), the
//! responses filled on a phone or a computer (`responses`), the portraits
//! of a respondent and of a grouping (`portrait`), the items that become
//! plan actions (`actions`), the exports (`export`) and the JSON API of
//! DESIGN.md §4 *Assessments, toolkits, findings* (`api`).
//!
//! What may be answered is `maillage_domain::assessments`; who may fill or
//! change what is decided by the extractors of [`access`].

pub mod access;
mod actions;
mod api;
mod api_portrait;
mod export;
mod portrait;
pub mod portrait_access;
mod responses;
mod tools;

use axum::Router;

use crate::AppState;

/// The assessments routes of the documented API.
pub(crate) fn api_routes(
    router: utoipa_axum::router::OpenApiRouter<AppState>,
) -> utoipa_axum::router::OpenApiRouter<AppState> {
    api_portrait::routes(api::routes(router))
}

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(tools::router())
        .merge(responses::router())
        .merge(portrait::router())
        .merge(actions::router())
        .merge(export::router())
}

/// « Vient de l’autoévaluation … » and the respondent's portrait, when an
/// item of a self-assessment became the action (the action page shows it).
pub(crate) async fn action_origin(
    store: &maillage_store::Store,
    action: uuid::Uuid,
    lang: crate::i18n::Lang,
) -> Result<Option<(String, String)>, crate::error::AppError> {
    Ok(
        maillage_store::repo::assessments_portrait::origin_of_action(store, action)
            .await?
            .map(|o| {
                (
                    lang.t_args(
                        "assess-portrait-origin",
                        &[
                            ("tool", o.tool_title),
                            (
                                "respondent",
                                portrait::respondent_name(&o.organization_name, &o.team),
                            ),
                            ("date", crate::text::day_text(o.on_date, lang)),
                            ("item", o.item_text),
                        ],
                    ),
                    portrait::response_portrait_href(o.response_id),
                )
            }),
    )
}
