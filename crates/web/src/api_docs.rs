//! `/api/docs`: the API's documentation, drawn in the browser by the
//! vendored Swagger UI from `/api/v1/openapi.json`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::routing::get;

use crate::AppState;
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/docs", get(show_api_docs))
}

/// Public, like the OpenAPI document it shows. Without JavaScript the page
/// links the document itself.
#[derive(Template, WebTemplate)]
#[template(path = "api_docs.html")]
struct ApiDocsPage {
    p: Page,
}

async fn show_api_docs(p: Page) -> ApiDocsPage {
    ApiDocsPage { p }
}
