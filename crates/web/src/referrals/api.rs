//! `/api/v1/referrals…` (DESIGN.md §4 *Referrals*, tag `referrals`).

use utoipa_axum::router::OpenApiRouter;

use crate::AppState;

pub(super) fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
}
