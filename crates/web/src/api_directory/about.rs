//! `GET /api/v1/`: what this API is (HSDS `getAPIMetaInformation`).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use serde::Serialize;
use utoipa::ToSchema;

use super::TAG_HSDS;
use crate::AppState;

/// Where the HSDS 3.0 specification this API follows is published.
pub const HSDS_PROFILE: &str = "https://github.com/openreferral/specification/tree/3.0";

/// Information about this API and its relationship with HSDS.
#[derive(Debug, Serialize, ToSchema)]
pub struct About {
    /// HSDS version of this API.
    version: String,
    /// URL of the information on the HSDS profile of this API (maillage
    /// follows HSDS 3.0 without a profile).
    #[schema(format = "uri")]
    profile: String,
    /// URL of the OpenAPI document which defines this API.
    #[schema(format = "uri")]
    openapi_url: String,
}

/// Information about this API and its relationship with HSDS.
#[utoipa::path(
    get,
    path = "/api/v1/",
    tag = TAG_HSDS,
    operation_id = "getAPIMetaInformation",
    responses((status = 200, description = "Information about this API", body = About))
)]
pub async fn show_about(State(state): State<AppState>, headers: HeaderMap) -> Json<About> {
    let scheme = if state.config.secure { "https" } else { "http" };
    let openapi_url = match headers.get(header::HOST).and_then(|h| h.to_str().ok()) {
        Some(host) => format!("{scheme}://{host}/api/v1/openapi.json"),
        None => "/api/v1/openapi.json".to_owned(),
    };
    Json(About {
        version: maillage_domain::hsds::PACKAGE.version.to_owned(),
        profile: HSDS_PROFILE.to_owned(),
        openapi_url,
    })
}
