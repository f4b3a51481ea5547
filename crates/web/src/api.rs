//! The JSON API under `/api/v1`, documented by the OpenAPI document that
//! utoipa builds from these handlers.

use std::str::FromStr;

use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use maillage_domain::ids::ApiTokenId;
use maillage_store::entity::api_token;
use maillage_store::repo::{accounts, api_tokens};
use serde::Serialize;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::AppState;
use crate::accounts::OwnToken;
use crate::auth::{Authorized, ClientIp, CurrentUser, ManageUsers, SESSION_COOKIE, actor};
use crate::error::AppError;
use crate::extract::{Id, PathKey};
use crate::health;

/// A key as the API's documented paths name it: `{id}`, as the Open
/// Referral HSDS 3.0 OpenAPI document does for every resource (the pages
/// name theirs `{organization}`, `{token}`…). `Id<ApiId<ApiTokenId>>`
/// reads `{id}` as an API token's id; a value that does not parse is a 404.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiId<T>(pub T);

impl<T: FromStr> FromStr for ApiId<T> {
    type Err = T::Err;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.parse().map(ApiId)
    }
}

impl<T: FromStr + Send> PathKey for ApiId<T> {
    const PARAM: &'static str = "id";
}

/// Reads a JSON body whatever its content type (the CSRF guard already
/// decided who may send it): malformed JSON is a 400 and fields of the
/// wrong shape a 422, each with the area's French message (`json`,
/// `fields`: Fluent keys) rather than serde's English.
pub async fn read_json_body<T: serde::de::DeserializeOwned, S: Send + Sync>(
    req: axum::extract::Request,
    state: &S,
    json: &'static str,
    fields: &'static str,
) -> Result<T, Response> {
    use axum::extract::FromRequest;
    use axum::response::IntoResponse;
    let bytes = axum::body::Bytes::from_request(req, state)
        .await
        .map_err(IntoResponse::into_response)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        if e.is_data() {
            AppError::Unprocessable(fields).into_response()
        } else {
            AppError::BadRequest(json).into_response()
        }
    })
}

/// Declares an area's `Body<T>` extractor over [`read_json_body`], naming the
/// area's two messages: one definition of the rule for every API area.
macro_rules! json_body {
    ($vis:vis $name:ident, json = $json:literal, fields = $fields:literal) => {
        /// A JSON body (see `crate::api::read_json_body`).
        $vis struct $name<T>(pub T);

        impl<T: serde::de::DeserializeOwned, S: Send + Sync> axum::extract::FromRequest<S>
            for $name<T>
        {
            type Rejection = axum::response::Response;

            async fn from_request(
                req: axum::extract::Request,
                state: &S,
            ) -> Result<Self, axum::response::Response> {
                $crate::api::read_json_body(req, state, $json, $fields)
                    .await
                    .map($name)
            }
        }
    };
}
pub(crate) use json_body;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "maillage API",
        description = "API of maillage, the intersectoral concertation platform. \
            Errors are `{\"error\": {\"code\": \"...\", \"message\": \"...\"}}`.",
        license(name = "AGPL-3.0-or-later")
    ),
    modifiers(&SecuritySchemes),
    // Public routes (health, the HSDS directory) also answer without either.
    security(("bearer" = []), ("session" = []), ()),
    tags(
        (name = "health", description = "Probes"),
        (name = "accounts", description = "Accounts, roles and API tokens"),
        (name = "plans", description = "Groupings, action plans, actions and indicators"),
        (name = "network", description = "The network of links between organizations"),
        (name = "live", description = "Live participation: rooms, activities, answers, results and the live stream"),
        (name = "assessments", description = "Self-assessment tools, their responses and portraits"),
        (name = "evaluations", description = "Evaluations: axes, findings, recommendations, their follow-up status and the plan actions that answer them"),
        (name = "toolkits", description = "Activity toolkits: themes, activities, search and the runs organizations record"),
        (name = "referrals", description = "Referrals between organizations: the closed loop, consent, the least personal data, statistics without it")
    ),
    components(schemas(ErrorBody, ErrorDetail))
)]
struct ApiDoc;

/// The two ways a request names its account.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("mlg_…")
                    .description(Some(
                        "An API token (`maillage token create`, or the profile page): \
                         `Authorization: Bearer mlg_…`. A `read` token is refused (403) on \
                         anything but GET, HEAD and OPTIONS; no CSRF token is needed. An \
                         unknown, revoked or expired token is refused (401).",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                SESSION_COOKIE,
                "The session cookie of a signed-in browser; its writes also need the \
                 CSRF token in the `X-CSRF-Token` header.",
            ))),
        );
    }
}

fn open_router() -> OpenApiRouter<AppState> {
    let router = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health::show_health))
        .routes(routes!(health::show_readiness))
        .routes(routes!(show_me))
        .routes(routes!(list_users))
        .routes(routes!(list_tokens))
        .routes(routes!(delete_token));
    let router = crate::network::api::routes(router);
    let router = crate::live::api_routes(router);
    let router = crate::assessments::api_routes(router);
    let router = crate::evaluations::api_routes(router);
    let router = crate::toolkits::api_routes(router);
    let router = crate::referrals::api_routes(router);
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
    pub error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine code such as `not_found`, `forbidden`, `unauthenticated`.
    pub code: String,
    /// Human message, French unless the language cookie says English.
    pub message: String,
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

#[derive(Serialize, ToSchema)]
pub struct TokenJson {
    id: Uuid,
    name: String,
    /// `read` or `write`.
    scope: String,
    created_at: DateTime<Utc>,
    expires_at: Option<DateTime<Utc>>,
    last_used_at: Option<DateTime<Utc>>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<api_token::Model> for TokenJson {
    fn from(t: api_token::Model) -> Self {
        Self {
            id: t.id,
            name: t.name,
            scope: t.scope,
            created_at: t.created_at,
            expires_at: t.expires_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        }
    }
}

/// The API tokens of the signed-in account (never the tokens themselves).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts", responses(
    (status = 200, body = [TokenJson]),
    (status = 401, body = ErrorBody, description = "Not signed in")
))]
async fn list_tokens(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
) -> Result<Json<Vec<TokenJson>>, AppError> {
    let tokens = api_tokens::list_for_user(&state.store, user.view.user.id).await?;
    Ok(Json(tokens.into_iter().map(TokenJson::from).collect()))
}

/// Revokes one of the signed-in account's API tokens (a script may revoke
/// the very token it uses). Another account's token is not found.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "accounts",
    params(("id" = Uuid, Path, description = "The id of the token.")),
    responses(
    (status = 204, description = "Revoked (or already revoked)"),
    (status = 401, body = ErrorBody, description = "Not signed in"),
    (status = 403, body = ErrorBody, description = "A read-only token, or no CSRF token with a session"),
    (status = 404, body = ErrorBody, description = "No such token of this account")
))]
async fn delete_token(
    State(state): State<AppState>,
    ApiOwnToken(OwnToken { token, user }): ApiOwnToken,
    ip: ClientIp,
) -> Result<StatusCode, AppError> {
    api_tokens::revoke(
        &state.store,
        &actor(&user, &ip),
        user.view.user.id,
        token.id,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// [`OwnToken`] named `{id}`, as the API documents its path.
struct ApiOwnToken(OwnToken);

impl FromRequestParts<AppState> for ApiOwnToken {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        CurrentUser::from_request_parts(parts, state).await?;
        let Id(ApiId(id)) = Id::<ApiId<ApiTokenId>>::from_request_parts(parts, state)
            .await
            .map_err(axum::response::IntoResponse::into_response)?;
        OwnToken::load(parts, state, id).await.map(ApiOwnToken)
    }
}
