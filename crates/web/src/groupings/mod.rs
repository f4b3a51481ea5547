//! Groupings: the list, a grouping's page (members on any date, staff,
//! pathways, funders, composition by sector, plans), the forms that keep it
//! current, and the area's resource extractors ([`access`]). Their plans
//! are in [`crate::plans`].

pub mod access;
mod pages;

pub use pages::resolve_organization;

use axum::Router;
use axum::routing::{get, post};
use maillage_domain::Permission;
use maillage_store::entity::grouping;
use uuid::Uuid;

use crate::AppState;
use crate::auth::Visitor;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/regroupements", get(pages::list_groupings))
        .route(
            "/regroupements/nouveau",
            get(pages::show_new_grouping).post(pages::create_grouping),
        )
        .route("/regroupements/{grouping}", get(pages::show_grouping))
        .route(
            "/regroupements/{grouping}/modifier",
            get(pages::show_grouping_form).post(pages::update_grouping),
        )
        .route(
            "/regroupements/{grouping}/voies",
            post(pages::create_pathway),
        )
        .route(
            "/regroupements/{grouping}/voies/{pathway}/{op}",
            post(pages::update_pathway),
        )
        .route(
            "/regroupements/{grouping}/personnel",
            post(pages::create_staff),
        )
        .route(
            "/regroupements/{grouping}/personnel/{staff}/supprimer",
            post(pages::delete_staff),
        )
        .route(
            "/regroupements/{grouping}/membres",
            post(pages::update_membership),
        )
        .route(
            "/regroupements/{grouping}/membres/{organization}/retirer",
            post(pages::delete_membership),
        )
        .route(
            "/regroupements/{grouping}/bailleurs",
            post(pages::create_funder),
        )
        .route(
            "/regroupements/{grouping}/bailleurs/{organization}/retirer",
            post(pages::delete_funder),
        )
}

/// Whether the visitor coordinates the grouping (which buttons a page
/// shows; the routes behind them ask [`access::EditableGrouping`]).
pub fn may_edit_grouping(visitor: &Visitor, grouping_id: Uuid) -> bool {
    visitor.0.as_ref().is_some_and(|u| {
        u.principal
            .allows(Permission::EditGrouping, Some(&grouping_id.to_string()))
    })
}

pub fn grouping_href(g: &grouping::Model) -> String {
    format!("/regroupements/{}", g.slug)
}

pub fn kind_label(lang: Lang, kind: grouping::Kind) -> String {
    lang.t(maillage_domain::plans::GroupingKind::from(kind).label_key())
}
