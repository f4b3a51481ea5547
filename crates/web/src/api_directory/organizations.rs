//! `/api/v1/organizations` and `/api/v1/organizations/{id}`.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use maillage_search::Kind;
use maillage_store::repo::hsds_api;
use utoipa::IntoParams;

use super::HsdsKey;
use super::TAG_HSDS;
use super::documents::{self, OrganizationShape};
use super::lists::{self, keep_ranked, search_ranks};
use super::query::{
    DEFAULT_PER_PAGE, FromQuery, ListFormat, MAX_PER_PAGE, Paging, Params, QueryMap, found,
};
use super::schema::{HsdsOrganization, OrganizationPage};
use crate::AppState;
use crate::api::ApiId;
use crate::api::ErrorBody;
use crate::error::AppError;
use crate::extract::Id;
use crate::i18n::Lang;

#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganizationListQuery {
    /// Full-text search (names, aliases, descriptions, terms, towns; case,
    /// accents and one typo in words of 5+ letters never matter). The list
    /// is then ordered by relevance, and holds at most 1,000 matches.
    search: Option<String>,
    /// `true`: each organization has its `services`, fully nested.
    full_service: Option<bool>,
    /// `true`: fully nested organizations, as `/organizations/{id}` gives.
    full: Option<bool>,
    /// Page number, from 1.
    #[param(minimum = 1, default = 1)]
    page: Option<u64>,
    /// Results per page.
    #[param(minimum = 1, maximum = 500, default = 50)]
    per_page: Option<u64>,
    /// `json`: one page; `ndjson`: every result, one JSON object per line,
    /// without paging.
    #[param(inline)]
    format: Option<ListFormat>,
}

impl FromQuery for OrganizationListQuery {
    const NAMES: &'static [&'static str] = &[
        "search",
        "full_service",
        "full",
        "page",
        "per_page",
        "format",
    ];

    fn from_query(q: &QueryMap) -> Result<Self, AppError> {
        let paging = Paging::read(q, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
        Ok(OrganizationListQuery {
            search: q.text("search"),
            full_service: q.flag("full_service")?,
            full: q.flag("full")?,
            page: Some(paging.page),
            per_page: Some(paging.per_page),
            format: Some(paging.format),
        })
    }
}

impl OrganizationListQuery {
    fn paging(&self) -> Paging {
        Paging::given(self.page, self.per_page, self.format)
    }

    fn shape(&self) -> OrganizationShape {
        OrganizationShape {
            full: self.full == Some(true),
            full_services: self.full_service == Some(true),
        }
    }
}

/// The ids of the organizations matching `p`, in list order.
async fn matching(state: &AppState, p: &OrganizationListQuery) -> Result<Vec<String>, AppError> {
    let keys = hsds_api::organization_keys(&state.store).await?;
    let keys = match p.search.as_deref() {
        Some(q) => keep_ranked(
            keys,
            &search_ranks(state, q, Kind::Organization).await?,
            false,
        ),
        None => keys,
    };
    Ok(lists::ids(keys))
}

/// Organizations, one page at a time, sorted by name then id.
#[utoipa::path(
    get,
    path = "/api/v1/organizations",
    tag = TAG_HSDS,
    operation_id = "getPaginatedListOfOrganizations",
    params(OrganizationListQuery),
    responses(
        (status = 200, description = "A page of organizations (their one-to-one fields unless \
            `full` or `full_service`)", content(
            (OrganizationPage = "application/json"),
            (HsdsOrganization = "application/x-ndjson")
        )),
        (status = 400, description = "An invalid or unknown parameter", body = ErrorBody)
    )
)]
pub async fn list_organizations(
    State(state): State<AppState>,
    Params(p): Params<OrganizationListQuery>,
) -> Result<Response, AppError> {
    let ids = matching(&state, &p).await?;
    let shape = p.shape();
    lists::respond(ids, p.paging(), |page: Vec<String>| {
        let store = state.store.clone();
        async move { Ok(documents::organizations(&store, &page, shape).await?) }
    })
    .await
}

#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OrganizationQuery {
    /// `true`: the organization's `services` are fully nested; otherwise
    /// they have their one-to-one fields only.
    full_service: Option<bool>,
}

impl FromQuery for OrganizationQuery {
    const NAMES: &'static [&'static str] = &["full_service"];

    fn from_query(q: &QueryMap) -> Result<Self, AppError> {
        Ok(OrganizationQuery {
            full_service: q.flag("full_service")?,
        })
    }
}

/// A fully nested organization: its services, locations (with addresses,
/// phones, schedules…), contacts, phones, programs, funding, identifiers,
/// attributes and metadata.
#[utoipa::path(
    get,
    path = "/api/v1/organizations/{id}",
    tag = TAG_HSDS,
    operation_id = "getOrganizationById",
    params(
        ("id" = String, Path, description = "The id of the organization."),
        OrganizationQuery
    ),
    responses(
        (status = 200, description = "The organization, fully nested", body = HsdsOrganization),
        (status = 400, description = "An invalid or unknown parameter", body = ErrorBody),
        (status = 404, description = "No organization has this id", body = ErrorBody)
    )
)]
pub async fn show_organization(
    State(state): State<AppState>,
    Id(ApiId(HsdsKey(id))): Id<ApiId<HsdsKey>>,
    lang: Lang,
    Params(p): Params<OrganizationQuery>,
) -> Result<Json<HsdsOrganization>, AppError> {
    let shape = OrganizationShape {
        full: true,
        full_services: p.full_service == Some(true),
    };
    let items = documents::organizations(&state.store, std::slice::from_ref(&id), shape).await?;
    found(items, lang, "Aucune organisation", "No organization", &id)
}
