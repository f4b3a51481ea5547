//! The live JSON API of DESIGN.md §4 *Live* (filled by the helper that
//! owns it), added to the documented API router by `crate::api`.

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub(crate) fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
}
