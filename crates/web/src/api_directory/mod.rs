//! The directory's JSON API: search (`/api/v1/search`, the engine and shape
//! of `maillage search --json`) and the Open Referral HSDS 3.0 API
//! (`vendor/hsds-3.0/schema/openapi.json`) for organizations, services,
//! services at locations, taxonomies and taxonomy terms, plus locations.
//!
//! Everything here is public and read-only. Handlers stay thin: [`query`]
//! checks the parameters (every problem is a 400 JSON error naming the
//! parameter), [`lists`] finds the sorted ids of a list, the store loads the
//! rows of one page at once and [`documents`] turns them into HSDS JSON,
//! whose OpenAPI schemas [`schema`] derives from the same HSDS tables.

mod about;
mod documents;
mod lists;
mod locations;
mod organizations;
mod query;
mod schema;
mod search;
mod services;
mod taxonomies;

use axum::routing::get;
use utoipa::openapi::tag::TagBuilder;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// The id of an HSDS row in an API path (`{id}`): kept as imported, so any
/// text; an unknown one is the handler's 404.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HsdsKey(pub String);

impl std::str::FromStr for HsdsKey {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(HsdsKey(s.to_owned()))
    }
}

/// Tag of the search endpoint.
pub const TAG_DIRECTORY: &str = "directory";
/// Tag of the Open Referral HSDS 3.0 endpoints.
pub const TAG_HSDS: &str = "hsds";

pub fn routes(mut router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    add_tags(&mut router);
    router
        .routes(routes!(search::list_search_hits))
        .routes(routes!(about::show_about))
        .route("/api/v1", get(about::show_about))
        .routes(routes!(organizations::list_organizations))
        .routes(routes!(organizations::show_organization))
        .routes(routes!(services::list_services))
        .routes(routes!(services::show_service))
        .routes(routes!(services::list_service_at_locations))
        .routes(routes!(services::show_service_at_location))
        .routes(routes!(locations::list_locations))
        .routes(routes!(locations::show_location))
        .routes(routes!(taxonomies::list_taxonomies))
        .routes(routes!(taxonomies::show_taxonomy))
        .routes(routes!(taxonomies::list_taxonomy_terms))
        .routes(routes!(taxonomies::show_taxonomy_term))
}

fn add_tags(router: &mut OpenApiRouter<AppState>) {
    let openapi = router.get_openapi_mut();
    let tags = openapi.tags.get_or_insert_with(Vec::new);
    for (name, description) in [
        (
            TAG_DIRECTORY,
            "Search of the directory (organizations and services), French analysis",
        ),
        (
            TAG_HSDS,
            "Open Referral HSDS 3.0 API: organizations, services, locations, taxonomies",
        ),
    ] {
        if !tags.iter().any(|t| t.name == name) {
            tags.push(
                TagBuilder::new()
                    .name(name)
                    .description(Some(description))
                    .build(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    fn refs(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("$ref", Value::String(r)) => out.push(r.clone()),
                        _ => refs(v, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| refs(v, out)),
            _ => {}
        }
    }

    #[test]
    fn every_path_is_documented_and_every_reference_resolves() {
        let doc = serde_json::to_value(crate::openapi()).unwrap();
        for path in [
            "/api/v1/",
            "/api/v1/search",
            "/api/v1/organizations",
            "/api/v1/organizations/{id}",
            "/api/v1/services",
            "/api/v1/services/{id}",
            "/api/v1/service_at_locations",
            "/api/v1/service_at_locations/{id}",
            "/api/v1/locations",
            "/api/v1/locations/{id}",
            "/api/v1/taxonomies",
            "/api/v1/taxonomies/{id}",
            "/api/v1/taxonomy_terms",
            "/api/v1/taxonomy_terms/{id}",
        ] {
            assert!(doc["paths"][path]["get"].is_object(), "{path}");
        }
        let mut found = Vec::new();
        refs(&doc, &mut found);
        assert!(!found.is_empty());
        for r in found {
            let name = r.trim_start_matches("#/components/schemas/");
            assert!(
                doc["components"]["schemas"][name].is_object(),
                "{r} is not a component"
            );
        }
    }
}
