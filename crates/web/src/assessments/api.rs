//! The JSON API of DESIGN.md §4 *Assessments, toolkits, findings*
//! (assessment tools and responses).

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub(super) fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
}
