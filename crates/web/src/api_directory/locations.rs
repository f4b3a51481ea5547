//! `/api/v1/locations` and `/api/v1/locations/{id}` (not in the HSDS 3.0
//! API, which nests locations in organizations and services at locations;
//! same conventions as its other lists).

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use maillage_store::repo::hsds_api;
use utoipa::IntoParams;

use super::HsdsKey;
use super::TAG_HSDS;
use super::documents;
use super::lists::{self, keep_matching_text};
use super::query::{
    DEFAULT_PER_PAGE, FromQuery, ListFormat, MAX_PER_PAGE, Paging, Params, QueryMap, found,
};
use super::schema::{HsdsLocation, LocationPage};
use super::services::NoQuery;
use crate::AppState;
use crate::api::ApiId;
use crate::api::ErrorBody;
use crate::error::AppError;
use crate::extract::Id;
use crate::i18n::Lang;

#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LocationListQuery {
    /// Locations whose name, alternate name or description contains every
    /// word of this text (case and accents aside).
    search: Option<String>,
    /// Locations of this organization.
    organization_id: Option<String>,
    /// `true`: fully nested locations, as `/locations/{id}` gives.
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

impl FromQuery for LocationListQuery {
    const NAMES: &'static [&'static str] = &[
        "search",
        "organization_id",
        "full",
        "page",
        "per_page",
        "format",
    ];

    fn from_query(q: &QueryMap) -> Result<Self, AppError> {
        let paging = Paging::read(q, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
        Ok(LocationListQuery {
            search: q.text("search"),
            organization_id: q.text("organization_id"),
            full: q.flag("full")?,
            page: Some(paging.page),
            per_page: Some(paging.per_page),
            format: Some(paging.format),
        })
    }
}

impl LocationListQuery {
    fn paging(&self) -> Paging {
        Paging::given(self.page, self.per_page, self.format)
    }
}

/// Locations, one page at a time, sorted by name then id.
#[utoipa::path(
    get,
    path = "/api/v1/locations",
    tag = TAG_HSDS,
    operation_id = "getPaginatedListOfLocations",
    params(LocationListQuery),
    responses(
        (status = 200, description = "A page of locations (their one-to-one fields unless \
            `full`)", content(
            (LocationPage = "application/json"),
            (HsdsLocation = "application/x-ndjson")
        )),
        (status = 400, description = "An invalid or unknown parameter", body = ErrorBody)
    )
)]
pub async fn list_locations(
    State(state): State<AppState>,
    Params(p): Params<LocationListQuery>,
) -> Result<Response, AppError> {
    let mut keys = hsds_api::location_keys(&state.store, p.organization_id.as_deref()).await?;
    if let Some(q) = p.search.as_deref() {
        keys = keep_matching_text(keys, q);
    }
    let full = p.full == Some(true);
    lists::respond(lists::ids(keys), p.paging(), |page: Vec<String>| {
        let store = state.store.clone();
        async move { Ok(documents::locations(&store, &page, full).await?) }
    })
    .await
}

/// A fully nested location: its addresses, phones, schedules, contacts,
/// languages, accessibility, attributes and metadata.
#[utoipa::path(
    get,
    path = "/api/v1/locations/{id}",
    tag = TAG_HSDS,
    operation_id = "getLocationById",
    params(("id" = String, Path, description = "The id of the location.")),
    responses(
        (status = 200, description = "The location, fully nested", body = HsdsLocation),
        (status = 400, description = "An unknown parameter", body = ErrorBody),
        (status = 404, description = "No location has this id", body = ErrorBody)
    )
)]
pub async fn show_location(
    State(state): State<AppState>,
    Id(ApiId(HsdsKey(id))): Id<ApiId<HsdsKey>>,
    lang: Lang,
    Params(NoQuery): Params<NoQuery>,
) -> Result<Json<HsdsLocation>, AppError> {
    let items = documents::locations(&state.store, std::slice::from_ref(&id), true).await?;
    found(items, lang, "Aucun lieu", "No location", &id)
}
