//! The grouping's referral statistics, without personal data.

use axum::Router;
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub(super) fn router() -> Router<AppState> {
    Router::new()
}

pub(super) fn api_routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
}
