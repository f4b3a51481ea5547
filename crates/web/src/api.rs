//! The JSON API under `/api/v1`, documented by the OpenAPI document that
//! utoipa builds from these handlers.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use maillage_store::repo::accounts;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::auth::{Authorized, CurrentUser, ManageUsers};
use crate::error::AppError;
use crate::health;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "maillage API",
        description = "API of maillage, the intersectoral concertation platform. \
            Errors are `{\"error\": {\"code\": \"...\", \"message\": \"...\"}}`.",
        license(name = "AGPL-3.0-or-later")
    ),
    tags(
        (name = "health", description = "Probes"),
        (name = "accounts", description = "Accounts and roles"),
        (name = "plans", description = "Groupings, action plans, actions and indicators"),
        (name = "network", description = "The network of links between organizations")
    ),
    components(schemas(ErrorBody, ErrorDetail))
)]
struct ApiDoc;

fn open_router() -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::show_health))
        .routes(routes!(health::show_readiness))
        .routes(routes!(show_me))
        .routes(routes!(list_users));
    let router = crate::network::api::routes(router);
    crate::plans::api::routes(crate::api_directory::routes(router))
}

/// The API routes, with `/api/v1/openapi.json` serving their description.
pub fn router() -> Router<AppState> {
    let (router, spec) = open_router().split_for_parts();
    router.route(
        "/api/v1/openapi.json",
        get(move || async move { Json(spec.clone()) }),
    )
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    open_router().split_for_parts().1
}

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub(crate) error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine code such as `not_found`, `forbidden`, `unauthenticated`.
    pub(crate) code: String,
    /// Human message, French unless the language cookie says English.
    pub(crate) message: String,
}

#[derive(Serialize, ToSchema)]
pub struct RoleJson {
    grouping_id: Uuid,
    grouping_slug: String,
    grouping_name: String,
    /// `coordinator`, `member` or `viewer`.
    role: String,
}

#[derive(Serialize, ToSchema)]
pub struct UserJson {
    id: Uuid,
    email: String,
    display_name: String,
    is_admin: bool,
    active: bool,
    roles: Vec<RoleJson>,
    created_at: DateTime<Utc>,
    last_login_at: Option<DateTime<Utc>>,
}

impl From<&accounts::UserView> for UserJson {
    fn from(v: &accounts::UserView) -> Self {
        Self {
            id: v.user.id,
            email: v.user.email.clone(),
            display_name: v.user.display_name.clone(),
            is_admin: v.user.is_admin,
            active: v.user.active,
            roles: v
                .roles
                .iter()
                .map(|r| RoleJson {
                    grouping_id: r.grouping_id,
                    grouping_slug: r.grouping_slug.clone(),
                    grouping_name: r.grouping_name.clone(),
                    role: r.role.as_str().to_owned(),
                })
                .collect(),
            created_at: v.user.created_at,
            last_login_at: v.user.last_login_at,
        }
    }
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", responses(
    (status = 200, body = UserJson),
    (status = 401, body = ErrorBody, description = "Not signed in")
))]
async fn show_me(CurrentUser(user): CurrentUser) -> Json<UserJson> {
    Json(UserJson::from(&user.view))
}

/// Every account (administrators only).
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts", responses(
    (status = 200, body = [UserJson]),
    (status = 401, body = ErrorBody, description = "Not signed in"),
    (status = 403, body = ErrorBody, description = "Not an administrator")
))]
async fn list_users(
    State(state): State<AppState>,
    _auth: Authorized<ManageUsers>,
) -> Result<Json<Vec<UserJson>>, AppError> {
    let users = accounts::list(&state.store).await?;
    Ok(Json(users.iter().map(UserJson::from).collect()))
}
