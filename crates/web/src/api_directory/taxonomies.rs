//! `/api/v1/taxonomies`, `/api/v1/taxonomies/{id}`, `/api/v1/taxonomy_terms`
//! and `/api/v1/taxonomy_terms/{id}`.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use maillage_store::repo::hsds_api::{self, TermFilter};
use utoipa::IntoParams;

use super::HsdsKey;
use super::TAG_HSDS;
use super::documents;
use super::lists::{self, keep_matching_text};
use super::query::{
    DEFAULT_PER_PAGE, FromQuery, ListFormat, MAX_PER_PAGE, Paging, Params, QueryMap, found,
};
use super::schema::{HsdsTaxonomy, HsdsTaxonomyTerm, TaxonomyPage, TaxonomyTermPage};
use super::services::NoQuery;
use crate::AppState;
use crate::api::ApiId;
use crate::api::ErrorBody;
use crate::error::AppError;
use crate::extract::Id;
use crate::i18n::Lang;

#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaxonomyListQuery {
    /// Taxonomies whose name or description contains every word of this
    /// text (case and accents aside).
    search: Option<String>,
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

impl FromQuery for TaxonomyListQuery {
    const NAMES: &'static [&'static str] = &["search", "page", "per_page", "format"];

    fn from_query(q: &QueryMap) -> Result<Self, AppError> {
        let paging = Paging::read(q, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
        Ok(TaxonomyListQuery {
            search: q.text("search"),
            page: Some(paging.page),
            per_page: Some(paging.per_page),
            format: Some(paging.format),
        })
    }
}

/// Taxonomies, one page at a time, sorted by name then id.
#[utoipa::path(
    get,
    path = "/api/v1/taxonomies",
    tag = TAG_HSDS,
    operation_id = "getPaginatedListOfTaxonomies",
    params(TaxonomyListQuery),
    responses(
        (status = 200, description = "A page of taxonomies", content(
            (TaxonomyPage = "application/json"),
            (HsdsTaxonomy = "application/x-ndjson")
        )),
        (status = 400, description = "An invalid or unknown parameter", body = ErrorBody)
    )
)]
pub async fn list_taxonomies(
    State(state): State<AppState>,
    Params(p): Params<TaxonomyListQuery>,
) -> Result<Response, AppError> {
    let mut keys = hsds_api::taxonomy_keys(&state.store).await?;
    if let Some(q) = p.search.as_deref() {
        keys = keep_matching_text(keys, q);
    }
    let paging = Paging::given(p.page, p.per_page, p.format);
    lists::respond(lists::ids(keys), paging, |page: Vec<String>| {
        let store = state.store.clone();
        async move { Ok(documents::taxonomies(&store, &page).await?) }
    })
    .await
}

/// Full information on a taxonomy.
#[utoipa::path(
    get,
    path = "/api/v1/taxonomies/{id}",
    tag = TAG_HSDS,
    operation_id = "getTaxonomyById",
    params(("id" = String, Path, description = "The id of the taxonomy.")),
    responses(
        (status = 200, description = "The taxonomy", body = HsdsTaxonomy),
        (status = 400, description = "An unknown parameter", body = ErrorBody),
        (status = 404, description = "No taxonomy has this id", body = ErrorBody)
    )
)]
pub async fn show_taxonomy(
    State(state): State<AppState>,
    Id(ApiId(HsdsKey(id))): Id<ApiId<HsdsKey>>,
    lang: Lang,
    Params(NoQuery): Params<NoQuery>,
) -> Result<Json<HsdsTaxonomy>, AppError> {
    let items = documents::taxonomies(&state.store, std::slice::from_ref(&id)).await?;
    found(items, lang, "Aucune taxonomie", "No taxonomy", &id)
}

#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaxonomyTermListQuery {
    /// Terms whose name, code or description contains every word of this
    /// text (case and accents aside).
    search: Option<String>,
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
    /// Terms of this taxonomy.
    taxonomy_id: Option<String>,
    /// `true`: only the terms that are not child terms (without a parent).
    top_only: Option<bool>,
    /// Terms whose parent is this term.
    parent_id: Option<String>,
}

impl FromQuery for TaxonomyTermListQuery {
    const NAMES: &'static [&'static str] = &[
        "search",
        "page",
        "per_page",
        "format",
        "taxonomy_id",
        "top_only",
        "parent_id",
    ];

    fn from_query(q: &QueryMap) -> Result<Self, AppError> {
        let paging = Paging::read(q, DEFAULT_PER_PAGE, MAX_PER_PAGE)?;
        Ok(TaxonomyTermListQuery {
            search: q.text("search"),
            page: Some(paging.page),
            per_page: Some(paging.per_page),
            format: Some(paging.format),
            taxonomy_id: q.text("taxonomy_id"),
            top_only: q.flag("top_only")?,
            parent_id: q.text("parent_id"),
        })
    }
}

/// Taxonomy terms, one page at a time, sorted by name then id.
#[utoipa::path(
    get,
    path = "/api/v1/taxonomy_terms",
    tag = TAG_HSDS,
    operation_id = "getPaginatedListOfTaxonomyTerms",
    params(TaxonomyTermListQuery),
    responses(
        (status = 200, description = "A page of taxonomy terms, each with its taxonomy", content(
            (TaxonomyTermPage = "application/json"),
            (HsdsTaxonomyTerm = "application/x-ndjson")
        )),
        (status = 400, description = "An invalid or unknown parameter", body = ErrorBody)
    )
)]
pub async fn list_taxonomy_terms(
    State(state): State<AppState>,
    Params(p): Params<TaxonomyTermListQuery>,
) -> Result<Response, AppError> {
    let filter = TermFilter {
        taxonomy_id: p.taxonomy_id.clone(),
        parent_id: p.parent_id.clone(),
        top_only: p.top_only == Some(true),
    };
    let mut keys = hsds_api::taxonomy_term_keys(&state.store, &filter).await?;
    if let Some(q) = p.search.as_deref() {
        keys = keep_matching_text(keys, q);
    }
    let paging = Paging::given(p.page, p.per_page, p.format);
    lists::respond(lists::ids(keys), paging, |page: Vec<String>| {
        let store = state.store.clone();
        async move { Ok(documents::taxonomy_terms(&store, &page).await?) }
    })
    .await
}

/// Full information on a taxonomy term, with its taxonomy.
#[utoipa::path(
    get,
    path = "/api/v1/taxonomy_terms/{id}",
    tag = TAG_HSDS,
    operation_id = "getTaxonomyTermById",
    params(("id" = String, Path, description = "The id of the taxonomy term.")),
    responses(
        (status = 200, description = "The taxonomy term", body = HsdsTaxonomyTerm),
        (status = 400, description = "An unknown parameter", body = ErrorBody),
        (status = 404, description = "No taxonomy term has this id", body = ErrorBody)
    )
)]
pub async fn show_taxonomy_term(
    State(state): State<AppState>,
    Id(ApiId(HsdsKey(id))): Id<ApiId<HsdsKey>>,
    lang: Lang,
    Params(NoQuery): Params<NoQuery>,
) -> Result<Json<HsdsTaxonomyTerm>, AppError> {
    let items = documents::taxonomy_terms(&state.store, std::slice::from_ref(&id)).await?;
    found(
        items,
        lang,
        "Aucun terme de taxonomie",
        "No taxonomy term",
        &id,
    )
}
