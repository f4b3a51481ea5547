//! The signed-in home page and the language switch.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use maillage_store::repo::{accounts, groupings};
use serde::Deserialize;

use crate::AppState;
use crate::auth::{Authorized, UseApp};
use crate::error::AppError;
use crate::extract::{Id, PathKey};
use crate::i18n::{LANG_COOKIE, Lang};
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(show_dashboard))
        .route("/langue/{lang}", get(update_language))
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    p: Page,
    my_groupings: Vec<accounts::GroupingRole>,
    organization_count: u64,
    grouping_count: usize,
    user_count: usize,
}

async fn show_dashboard(
    State(state): State<AppState>,
    p: Page,
    auth: Authorized<UseApp>,
) -> Result<DashboardPage, AppError> {
    let all = groupings::list(&state.store).await?;
    let user_count = if p.is_admin {
        accounts::list(&state.store).await?.len()
    } else {
        0
    };
    Ok(DashboardPage {
        my_groupings: auth.user().view.roles.clone(),
        organization_count: groupings::organization_count(&state.store).await?,
        grouping_count: all.len(),
        user_count,
        p,
    })
}

/// A language of the interface in a path (`/langue/{lang}`); any other
/// code is a 404.
struct LangCode(Lang);

impl std::str::FromStr for LangCode {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, ()> {
        Lang::parse(s).map(LangCode).ok_or(())
    }
}

impl PathKey for LangCode {
    const PARAM: &'static str = "lang";
}

#[derive(Deserialize)]
struct LangQuery {
    suivant: Option<String>,
}

/// Works without JavaScript: a plain link sets the cookie and comes back.
async fn update_language(
    Id(LangCode(lang)): Id<LangCode>,
    Query(q): Query<LangQuery>,
    jar: CookieJar,
) -> Response {
    let cookie = Cookie::build((LANG_COOKIE, lang.short()))
        .path("/")
        .same_site(SameSite::Lax)
        .max_age(time::Duration::days(365))
        .build();
    let next = maillage_domain::redirect::safe_local_target(q.suivant.as_deref());
    (jar.add(cookie), Redirect::to(&next)).into_response()
}
