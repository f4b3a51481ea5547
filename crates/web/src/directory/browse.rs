//! `GET /repertoire`: the search box with its filters and the results;
//! `GET /repertoire/resultats`: the results alone, for htmx as one types.
//!
//! Without a query the directory lists organizations (or services)
//! alphabetically, page by page; with one it asks the search index.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use maillage_domain::Permission;
use maillage_search::{Filters, Found, Kind};
use maillage_store::repo::directory_pages::{self as pages, BrowseFilter, Summary, sort_key};
use serde::{Deserialize, Serialize};

use super::{
    Choice, MAX_QUERY_CHARS, PAGE_SIZE, Reference, SEARCH_LIMIT, Visitor, count_text,
    organization_href, service_href, snippet,
};
use crate::AppState;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::Page;

/// The search form, as a query string (French names, like the paths).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct SearchForm {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub secteur: String,
    #[serde(default)]
    pub territoire: String,
    #[serde(default)]
    pub age: String,
    #[serde(default)]
    pub langue: String,
    /// A taxonomy term (theme) name.
    #[serde(default)]
    pub theme: String,
    /// `organisation` or `service`.
    #[serde(default, rename = "type")]
    pub kind: String,
    /// « Près de » : a municipality of the directory's addresses.
    #[serde(default)]
    pub pres: String,
    #[serde(default, skip_serializing)]
    pub page: Option<String>,
}

impl SearchForm {
    fn kind(&self) -> Option<Kind> {
        match self.kind.as_str() {
            "organisation" => Some(Kind::Organization),
            "service" => Some(Kind::Service),
            _ => None,
        }
    }

    fn page_number(&self) -> usize {
        self.page
            .as_deref()
            .and_then(|p| p.trim().parse::<usize>().ok())
            .filter(|p| *p >= 1 && *p <= 100_000)
            .unwrap_or(1)
    }

    /// The query string of this form (without the page), for links.
    fn query_string(&self) -> String {
        let pairs: Vec<(&str, &str)> = [
            ("q", self.q.as_str()),
            ("secteur", self.secteur.as_str()),
            ("territoire", self.territoire.as_str()),
            ("age", self.age.as_str()),
            ("langue", self.langue.as_str()),
            ("theme", self.theme.as_str()),
            ("type", self.kind.as_str()),
            ("pres", self.pres.as_str()),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    fn href(&self, page: usize) -> String {
        let qs = self.query_string();
        match (qs.is_empty(), page > 1) {
            (true, false) => "/repertoire".to_owned(),
            (true, true) => format!("/repertoire?page={page}"),
            (false, false) => format!("/repertoire?{qs}"),
            (false, true) => format!("/repertoire?{qs}&page={page}"),
        }
    }
}

/// One line of the results.
pub struct ResultRow {
    /// `organization` or `service` (the row's `data-kind`).
    pub kind: &'static str,
    pub is_service: bool,
    pub id: String,
    pub name: String,
    pub href: String,
    pub organization_name: String,
    pub organization_href: String,
    pub snippet: String,
    pub sector: Option<String>,
    /// « Liste d’attente : 6 semaines », for a service with a waiting list.
    pub waiting: Option<String>,
}

/// Adds the waiting lists services publish to their rows.
async fn with_waiting(
    state: &AppState,
    lang: Lang,
    mut rows: Vec<ResultRow>,
) -> Result<Vec<ResultRow>, AppError> {
    let ids: Vec<String> = rows
        .iter()
        .filter(|r| r.is_service)
        .map(|r| r.id.clone())
        .collect();
    let mut waiting = crate::referrals::waiting_labels(state, lang, &ids).await?;
    for r in rows.iter_mut().filter(|r| r.is_service) {
        r.waiting = waiting.remove(&r.id);
    }
    Ok(rows)
}

/// What the results part of the page shows.
pub struct Results {
    pub rows: Vec<ResultRow>,
    /// Above the list: how many, and of what.
    pub heading: String,
    /// A friendly word when there is nothing to show.
    pub empty: Option<String>,
    /// The query was cut to the longest length used.
    pub truncated: bool,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub page_label: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/search.html")]
pub struct SearchPage {
    p: Page,
    form: SearchForm,
    sectors: Vec<Choice>,
    territories: Vec<Choice>,
    age_groups: Vec<String>,
    themes: Vec<String>,
    /// The municipalities of « Près de ».
    towns: Vec<String>,
    results: Results,
    can_edit: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/results.html")]
pub struct ResultsFragment {
    p: Page,
    results: Results,
}

pub async fn list_directory(
    State(state): State<AppState>,
    p: Page,
    visitor: Visitor,
    Query(form): Query<SearchForm>,
) -> Result<SearchPage, AppError> {
    let reference = Reference::load(&state).await?;
    let towns = pages::towns(&state.store).await?;
    let results = results(&state, (&reference, &towns), p.lang, &form, false).await?;
    Ok(SearchPage {
        sectors: reference.sector_choices(p.lang),
        territories: reference.territory_choices(),
        age_groups: pages::age_groups(&state.store).await?,
        themes: pages::themes(&state.store).await?,
        towns,
        can_edit: visitor.may(Permission::EditDirectory),
        results,
        form,
        p,
    })
}

/// The results alone (htmx swaps them in as one types); the address bar
/// then shows the full page's address, so that reloading or sharing it
/// works without JavaScript.
pub async fn list_results(
    State(state): State<AppState>,
    p: Page,
    Query(form): Query<SearchForm>,
) -> Result<Response, AppError> {
    let reference = Reference::load(&state).await?;
    let towns = pages::towns(&state.store).await?;
    let results = results(&state, (&reference, &towns), p.lang, &form, true).await?;
    let mut response = ResultsFragment { p, results }.into_response();
    if let Ok(v) = HeaderValue::from_str(&form.href(1)) {
        response.headers_mut().insert("hx-replace-url", v);
    }
    Ok(response)
}

fn blank_to_none(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

/// The name a language has in the search documents.
fn language_name(code: &str) -> Option<&'static str> {
    match code {
        "fr" => Some("Français"),
        "en" => Some("English"),
        _ => None,
    }
}

/// The town of the list that `value` names, case and accents aside.
fn known_town(towns: &[String], value: &str) -> Option<String> {
    let wanted = sort_key(value.trim());
    towns.iter().find(|t| sort_key(t) == wanted).cloned()
}

async fn results(
    state: &AppState,
    (reference, towns): (&Reference, &[String]),
    lang: Lang,
    form: &SearchForm,
    prefix: bool,
) -> Result<Results, AppError> {
    let truncated = form.q.chars().count() > MAX_QUERY_CHARS;
    let q: String = form.q.chars().take(MAX_QUERY_CHARS).collect();
    let q = q.trim();
    // Unknown filter values (an old link, a hand-made address) are ignored.
    let sector = blank_to_none(&form.secteur).filter(|s| reference.has_sector(s));
    let territory = blank_to_none(&form.territoire).filter(|t| reference.has_territory(t));
    let age_group = blank_to_none(&form.age);
    let theme = blank_to_none(&form.theme);
    let language = blank_to_none(&form.langue).filter(|l| language_name(l).is_some());
    let town = known_town(towns, &form.pres);
    if q.is_empty() && !form.q.is_empty() {
        // Only spaces: nothing to look for, and a word to say so.
        return Ok(Results {
            rows: Vec::new(),
            heading: count_text(lang, "directory-hits", 0),
            empty: Some(lang.t("directory-blank-query")),
            truncated,
            previous: None,
            next: None,
            page_label: None,
        });
    }
    if q.is_empty() {
        let filter = BrowseFilter {
            sector,
            territories: territory
                .map(|t| reference.with_descendants(&t))
                .unwrap_or_default(),
            age_group,
            language,
            term: theme.clone(),
            town,
        };
        return browse(state, reference, lang, form, &filter, truncated).await;
    }
    let filters = Filters {
        kind: form.kind(),
        sector,
        territory,
        term: theme,
        language: language
            .as_deref()
            .and_then(language_name)
            .map(str::to_owned),
        age_group,
        town,
    };
    let page = form.page_number();
    let search = state.search.clone();
    let query = q.to_owned();
    let found = tokio::task::spawn_blocking(move || {
        search.search_page(
            &query,
            (page - 1) * SEARCH_LIMIT,
            SEARCH_LIMIT,
            &filters,
            prefix,
        )
    })
    .await
    .map_err(AppError::internal)?
    .unwrap_or_else(|e| {
        // A query is never worth an error page: say nothing was found.
        tracing::warn!(error = %e, "directory search failed");
        Found::default()
    });
    let rows = hit_rows(state, reference, lang, &found.hits).await?;
    let empty =
        (found.total == 0).then(|| lang.t_args("directory-no-hits", &[("query", q.to_owned())]));
    // Pages end where the engine's hits do.
    let reachable = found.total.min(maillage_search::MAX_LIMIT);
    let (previous, next, page_label) = pager(lang, form, page, reachable, SEARCH_LIMIT);
    Ok(Results {
        heading: count_text(lang, "directory-hits", found.total),
        rows,
        empty,
        truncated,
        previous,
        next,
        page_label,
    })
}

/// The links to the previous and next pages and « Page 2 sur 3 », for a
/// list of `total` rows.
fn pager(
    lang: Lang,
    form: &SearchForm,
    page: usize,
    total: usize,
    per_page: usize,
) -> (Option<String>, Option<String>, Option<String>) {
    let pages = total.div_ceil(per_page).max(1);
    (
        (page > 1 && page <= pages).then(|| form.href(page - 1)),
        (page < pages).then(|| form.href(page + 1)),
        (pages > 1).then(|| {
            lang.t_args(
                "directory-page-of",
                &[("page", page.to_string()), ("pages", pages.to_string())],
            )
        }),
    )
}

async fn browse(
    state: &AppState,
    reference: &Reference,
    lang: Lang,
    form: &SearchForm,
    filter: &BrowseFilter,
    truncated: bool,
) -> Result<Results, AppError> {
    let services = match form.kind() {
        Some(Kind::Service) => true,
        Some(Kind::Organization) => false,
        None => filter.age_group.is_some() || filter.language.is_some() || filter.term.is_some(),
    };
    let page = form.page_number();
    let offset = (page - 1) * PAGE_SIZE;
    let found = if services {
        pages::browse_services(&state.store, filter, offset, PAGE_SIZE).await?
    } else {
        pages::browse_organizations(&state.store, filter, offset, PAGE_SIZE).await?
    };
    let kind = if services {
        Kind::Service
    } else {
        Kind::Organization
    };
    let (previous, next, page_label) = pager(lang, form, page, found.total, PAGE_SIZE);
    let rows: Vec<ResultRow> = found
        .rows
        .iter()
        .map(|s| row(kind, s, reference, lang))
        .collect();
    let rows = with_waiting(state, lang, rows).await?;
    let (heading_key, empty_key) = if services {
        ("directory-service-count", "directory-no-services")
    } else {
        ("directory-organization-count", "directory-no-organizations")
    };
    Ok(Results {
        heading: count_text(lang, heading_key, found.total),
        empty: rows.is_empty().then(|| lang.t(empty_key)),
        rows,
        truncated,
        previous,
        next,
        page_label,
    })
}

/// The rows of the search hits, in their order.
async fn hit_rows(
    state: &AppState,
    reference: &Reference,
    lang: Lang,
    hits: &[maillage_search::Hit],
) -> Result<Vec<ResultRow>, AppError> {
    let org_ids: Vec<String> = hits
        .iter()
        .filter(|h| h.kind == Kind::Organization)
        .map(|h| h.id.clone())
        .collect();
    let service_ids: Vec<String> = hits
        .iter()
        .filter(|h| h.kind == Kind::Service)
        .map(|h| h.id.clone())
        .collect();
    let orgs = pages::organization_summaries(&state.store, &org_ids).await?;
    let services = pages::service_summaries(&state.store, &service_ids).await?;
    // A hit the database no longer has (the index is a moment behind) is
    // left out.
    let rows: Vec<ResultRow> = hits
        .iter()
        .filter_map(|h| match h.kind {
            Kind::Organization => orgs
                .get(&h.id)
                .map(|s| row(Kind::Organization, s, reference, lang)),
            Kind::Service => services
                .get(&h.id)
                .map(|s| row(Kind::Service, s, reference, lang)),
        })
        .collect();
    with_waiting(state, lang, rows).await
}

fn row(kind: Kind, s: &Summary, reference: &Reference, lang: Lang) -> ResultRow {
    let (kind_name, href) = match kind {
        Kind::Organization => ("organization", organization_href(&s.id)),
        Kind::Service => ("service", service_href(&s.id)),
    };
    ResultRow {
        kind: kind_name,
        is_service: kind == Kind::Service,
        id: s.id.clone(),
        name: s.name.clone(),
        href,
        organization_name: s.organization_name.clone(),
        organization_href: organization_href(&s.organization_id),
        snippet: snippet(&s.description, 180),
        sector: reference.sector_label(s.sector.as_deref(), lang),
        waiting: None,
    }
}
