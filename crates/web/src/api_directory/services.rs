//! `/api/v1/services`, `/api/v1/services/{id}`, `/api/v1/service_at_locations`
//! and `/api/v1/service_at_locations/{id}`.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use maillage_search::Kind;
use maillage_store::repo::hsds_api::{self, Key, ServiceFilter};
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{OneOfBuilder, Ref, Schema};
use utoipa::{IntoParams, PartialSchema, ToSchema};

use super::HsdsKey;
use super::TAG_HSDS;
use super::documents::{self, ServiceMinimal};
use super::lists::{self, keep_modified_after, keep_ranked, search_ranks};
use super::query::{
    DEFAULT_PER_PAGE, FromQuery, ListFormat, MAX_PER_PAGE, MINIMAL_PER_PAGE, Paging, Params,
    QueryMap, found,
};
use super::schema::{
    HsdsService, HsdsServiceAtLocation, ServiceAtLocationPage, ServicePage, components, page_schema,
};
use crate::AppState;
use crate::api::ApiId;
use crate::api::ErrorBody;
use crate::error::AppError;
use crate::extract::Id;
use crate::i18n::Lang;

#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceListQuery {
    /// Full-text search (names, alternate names, descriptions, the
    /// organization's name, terms, towns; case, accents and one typo in
    /// words of 5+ letters never matter). The list is then ordered by
    /// relevance, and holds at most 1,000 matches.
    search: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1, default = 1)]
    page: Option<u64>,
    /// Results per page (with `minimal=true`: up to 100,000, all by default).
    #[param(minimum = 1, maximum = 500, default = 50)]
    per_page: Option<u64>,
    /// `json`: one page; `ndjson`: every result, one JSON object per line,
    /// without paging.
    #[param(inline)]
    format: Option<ListFormat>,
    /// Services with this taxonomy term (through their attributes).
    taxonomy_term_id: Option<String>,
    /// Services with any term of this taxonomy.
    taxonomy_id: Option<String>,
    /// Services of this organization.
    organization_id: Option<String>,
    /// Services whose `last_modified` is on or after this date and time
    /// (RFC 3339; a date alone means midnight UTC). Services without
    /// `last_modified` are left out.
    modified_after: Option<DateTime<Utc>>,
    /// `true`: only each service's `id` and `modified_date` (its
    /// `last_modified`), every service in one page by default.
    minimal: Option<bool>,
    /// `true`: fully nested services, as `/services/{id}` gives.
    full: Option<bool>,
}

impl FromQuery for ServiceListQuery {
    const NAMES: &'static [&'static str] = &[
        "search",
        "page",
        "per_page",
        "format",
        "taxonomy_term_id",
        "taxonomy_id",
        "organization_id",
        "modified_after",
        "minimal",
        "full",
    ];

    fn from_query(q: &QueryMap) -> Result<Self, AppError> {
        let minimal = q.flag("minimal")?;
        let paging = if minimal == Some(true) {
            Paging::read(q, MINIMAL_PER_PAGE, MINIMAL_PER_PAGE)?
        } else {
            Paging::read(q, DEFAULT_PER_PAGE, MAX_PER_PAGE)?
        };
        Ok(ServiceListQuery {
            search: q.text("search"),
            page: Some(paging.page),
            per_page: Some(paging.per_page),
            format: Some(paging.format),
            taxonomy_term_id: q.text("taxonomy_term_id"),
            taxonomy_id: q.text("taxonomy_id"),
            organization_id: q.text("organization_id"),
            modified_after: q.datetime("modified_after")?,
            minimal,
            full: q.flag("full")?,
        })
    }
}

impl ServiceListQuery {
    fn paging(&self) -> Paging {
        Paging::given(self.page, self.per_page, self.format)
    }

    fn filter(&self) -> ServiceFilter {
        ServiceFilter {
            organization_id: self.organization_id.clone(),
            taxonomy_term_id: self.taxonomy_term_id.clone(),
            taxonomy_id: self.taxonomy_id.clone(),
        }
    }
}

/// The services matching `p`, in list order.
async fn matching_services(state: &AppState, p: &ServiceListQuery) -> Result<Vec<Key>, AppError> {
    let mut keys = hsds_api::service_keys(&state.store, &p.filter()).await?;
    if let Some(after) = p.modified_after {
        keys = keep_modified_after(keys, after);
    }
    if let Some(q) = p.search.as_deref() {
        keys = keep_ranked(keys, &search_ranks(state, q, Kind::Service).await?, false);
    }
    Ok(keys)
}

/// The services list's page: services, or with `minimal=true` ids and dates.
pub enum ServiceListPage {}

impl PartialSchema for ServiceListPage {
    fn schema() -> RefOr<Schema> {
        OneOfBuilder::new()
            .item(Ref::from_schema_name(ServicePage::name()))
            .item(page_schema(RefOr::Ref(Ref::from_schema_name(
                ServiceMinimal::name(),
            ))))
            .into()
    }
}

impl ToSchema for ServiceListPage {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ServiceListPage")
    }

    fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
        components(out);
        out.push((ServicePage::name().into_owned(), ServicePage::schema()));
        out.push((
            ServiceMinimal::name().into_owned(),
            ServiceMinimal::schema(),
        ));
    }
}

/// Services, one page at a time, sorted by name then id.
#[utoipa::path(
    get,
    path = "/api/v1/services",
    tag = TAG_HSDS,
    operation_id = "getPaginatedListOfServices",
    params(ServiceListQuery),
    responses(
        (status = 200, description = "A page of services: their one-to-one fields with their \
            organization and program, fully nested with `full=true`, or only ids and dates with \
            `minimal=true`", content(
            (ServiceListPage = "application/json"),
            (HsdsService = "application/x-ndjson")
        )),
        (status = 400, description = "An invalid or unknown parameter", body = ErrorBody)
    )
)]
pub async fn list_services(
    State(state): State<AppState>,
    Params(p): Params<ServiceListQuery>,
) -> Result<Response, AppError> {
    let keys = matching_services(&state, &p).await?;
    if p.minimal == Some(true) {
        let dates: HashMap<String, Option<String>> = keys
            .iter()
            .map(|k| (k.id.clone(), k.last_modified.clone()))
            .collect();
        return lists::respond(lists::ids(keys), p.paging(), |page: Vec<String>| {
            let items = page
                .into_iter()
                .map(|id| ServiceMinimal {
                    modified_date: dates.get(&id).cloned().flatten(),
                    id,
                })
                .collect();
            std::future::ready(Ok(items))
        })
        .await;
    }
    let full = p.full == Some(true);
    lists::respond(lists::ids(keys), p.paging(), |page: Vec<String>| {
        let store = state.store.clone();
        async move { Ok(documents::services(&store, &page, full).await?) }
    })
    .await
}

/// A fully nested service: its organization, program, phones, schedules,
/// service areas, services at locations (with their locations), languages,
/// funding, costs, required documents, contacts, attributes and metadata.
#[utoipa::path(
    get,
    path = "/api/v1/services/{id}",
    tag = TAG_HSDS,
    operation_id = "getFullyNestedServiceById",
    params(("id" = String, Path, description = "The id of the service.")),
    responses(
        (status = 200, description = "The service, fully nested", body = HsdsService),
        (status = 400, description = "An unknown parameter", body = ErrorBody),
        (status = 404, description = "No service has this id", body = ErrorBody)
    )
)]
pub async fn show_service(
    State(state): State<AppState>,
    Id(ApiId(HsdsKey(id))): Id<ApiId<HsdsKey>>,
    lang: Lang,
    Params(NoQuery): Params<NoQuery>,
) -> Result<Json<HsdsService>, AppError> {
    let items = documents::services(&state.store, std::slice::from_ref(&id), true).await?;
    found(items, lang, "Aucun service", "No service", &id)
}

/// A request that takes no query parameter.
#[derive(Debug)]
pub struct NoQuery;

impl FromQuery for NoQuery {
    const NAMES: &'static [&'static str] = &[];

    fn from_query(_: &QueryMap) -> Result<Self, AppError> {
        Ok(NoQuery)
    }
}

#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ServiceAtLocationListQuery {
    /// Full-text search of the services (see `/services`); the list is then
    /// ordered by the relevance of their service.
    search: Option<String>,
    /// Those whose service has this taxonomy term.
    taxonomy_term_id: Option<String>,
    /// Those whose service has any term of this taxonomy.
    taxonomy_id: Option<String>,
    /// Those whose service is provided by this organization.
    organization_id: Option<String>,
    /// Those whose service's `last_modified` is on or after this date and
    /// time (RFC 3339; a date alone means midnight UTC).
    modified_after: Option<DateTime<Utc>>,
    /// `true`: fully nested, as `/service_at_locations/{id}` gives.
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
    /// Those whose location has an address with this postal code (spaces
    /// and case aside). maillage stores no service area geometry.
    postcode: Option<String>,
    /// Not supported (maillage has no postal code centroids): any value is
    /// refused with 400.
    #[expect(dead_code, reason = "documented, then refused by from_query")]
    proximity: Option<String>,
}

impl FromQuery for ServiceAtLocationListQuery {
    const NAMES: &'static [&'static str] = &[
        "search",
        "taxonomy_term_id",
        "taxonomy_id",
        "organization_id",
        "modified_after",
        "full",
        "page",
        "per_page",
        "format",
        "postcode",
        "proximity",
    ];

    fn from_query(q: &QueryMap) -> Result<Self, AppError> {
        q.unsupported(
            "proximity",
            "le répertoire ne connaît pas la position des codes postaux.",
            "the directory does not know where postal codes are.",
        )?;
        let paging = Paging::read(q, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
        Ok(ServiceAtLocationListQuery {
            search: q.text("search"),
            taxonomy_term_id: q.text("taxonomy_term_id"),
            taxonomy_id: q.text("taxonomy_id"),
            organization_id: q.text("organization_id"),
            modified_after: q.datetime("modified_after")?,
            full: q.flag("full")?,
            page: Some(paging.page),
            per_page: Some(paging.per_page),
            format: Some(paging.format),
            postcode: q.text("postcode"),
            proximity: None,
        })
    }
}

impl ServiceAtLocationListQuery {
    fn paging(&self) -> Paging {
        Paging::given(self.page, self.per_page, self.format)
    }
}

/// The services at locations matching `p`, in list order.
async fn matching_service_at_locations(
    state: &AppState,
    p: &ServiceAtLocationListQuery,
) -> Result<Vec<String>, AppError> {
    let filter = ServiceFilter {
        organization_id: p.organization_id.clone(),
        taxonomy_term_id: p.taxonomy_term_id.clone(),
        taxonomy_id: p.taxonomy_id.clone(),
    };
    let mut keys =
        hsds_api::service_at_location_keys(&state.store, &filter, p.postcode.as_deref()).await?;
    if let Some(after) = p.modified_after {
        keys = keep_modified_after(keys, after);
    }
    if let Some(q) = p.search.as_deref() {
        keys = keep_ranked(keys, &search_ranks(state, q, Kind::Service).await?, true);
    }
    Ok(lists::ids(keys))
}

/// Services at locations, one page at a time, sorted by service name, then
/// location name, then id.
#[utoipa::path(
    get,
    path = "/api/v1/service_at_locations",
    tag = TAG_HSDS,
    operation_id = "getPaginatedListOfServiceAtLocation",
    params(ServiceAtLocationListQuery),
    responses(
        (status = 200, description = "A page of services at locations, each with its service \
            and location", content(
            (ServiceAtLocationPage = "application/json"),
            (HsdsServiceAtLocation = "application/x-ndjson")
        )),
        (status = 400, description = "An invalid, unknown or unsupported parameter", body = ErrorBody)
    )
)]
pub async fn list_service_at_locations(
    State(state): State<AppState>,
    Params(p): Params<ServiceAtLocationListQuery>,
) -> Result<Response, AppError> {
    let ids = matching_service_at_locations(&state, &p).await?;
    let full = p.full == Some(true);
    lists::respond(ids, p.paging(), |page: Vec<String>| {
        let store = state.store.clone();
        async move { Ok(documents::service_at_locations(&store, &page, full).await?) }
    })
    .await
}

/// A fully nested service at a location: its service, location (with
/// addresses, phones, schedules…), contacts, phones, schedules, attributes
/// and metadata.
#[utoipa::path(
    get,
    path = "/api/v1/service_at_locations/{id}",
    tag = TAG_HSDS,
    operation_id = "getServiceAtLocationWithNestedDataById",
    params(("id" = String, Path, description = "The id of the service at a location.")),
    responses(
        (status = 200, description = "The service at a location, fully nested", body = HsdsServiceAtLocation),
        (status = 400, description = "An unknown parameter", body = ErrorBody),
        (status = 404, description = "No service at a location has this id", body = ErrorBody)
    )
)]
pub async fn show_service_at_location(
    State(state): State<AppState>,
    Id(ApiId(HsdsKey(id))): Id<ApiId<HsdsKey>>,
    lang: Lang,
    Params(NoQuery): Params<NoQuery>,
) -> Result<Json<HsdsServiceAtLocation>, AppError> {
    let items =
        documents::service_at_locations(&state.store, std::slice::from_ref(&id), true).await?;
    found(
        items,
        lang,
        "Aucun service à un lieu",
        "No service at a location",
        &id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_services_page_is_one_of_two_shapes() {
        let json = serde_json::to_value(ServiceListPage::schema()).unwrap();
        assert_eq!(json["oneOf"].as_array().unwrap().len(), 2);
    }
}
