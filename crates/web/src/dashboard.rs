//! `/`: the dashboard of a signed-in account (its groupings, the events to
//! come, the recent activity) or the territory's home page for anyone else
//! ([`crate::home`]); and the language switch.

use askama::Template;
use askama_web::WebTemplate;
use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRequestParts, Query, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use maillage_store::repo::{accounts, groupings};
use serde::Deserialize;

use crate::AppState;
use crate::auth::{Authorized, RequestSession, SignedIn, UseApp, Visitor};
use crate::error::AppError;
use crate::extract::{Id, PathKey};
use crate::home::{RecentChange, UpcomingEvent};
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
    events: Vec<UpcomingEvent>,
    changes: Vec<RecentChange>,
    referrals: Option<crate::referrals::DashboardPanel>,
}

/// How many events to come and changes the dashboard lists.
const DASHBOARD_EVENTS: usize = 5;
const DASHBOARD_CHANGES: usize = 10;

/// Who is at `/`: an account that may use the application (an invited one
/// is sent to change its password first, as everywhere), or anyone else.
enum HomeVisitor {
    Anonymous,
    SignedIn(Arc<SignedIn>),
}

impl<S: Send + Sync> FromRequestParts<S> for HomeVisitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let signed_in = parts
            .extensions
            .get::<RequestSession>()
            .is_some_and(|s| s.user.is_some());
        if !signed_in {
            return Ok(HomeVisitor::Anonymous);
        }
        let auth = Authorized::<UseApp>::from_request_parts(parts, state).await?;
        Ok(HomeVisitor::SignedIn(auth.0))
    }
}

async fn show_dashboard(
    State(state): State<AppState>,
    p: Page,
    who: HomeVisitor,
) -> Result<Response, AppError> {
    let user = match who {
        HomeVisitor::Anonymous => {
            return Ok(crate::home::show_home(&state, p).await?.into_response());
        }
        HomeVisitor::SignedIn(user) => user,
    };
    let all = groupings::list(&state.store).await?;
    let user_count = if p.is_admin {
        accounts::list(&state.store).await?.len()
    } else {
        0
    };
    let visitor = Visitor(Some(user.clone()));
    Ok(DashboardPage {
        my_groupings: user.view.roles.clone(),
        organization_count: groupings::organization_count(&state.store).await?,
        grouping_count: all.len(),
        user_count,
        events: crate::home::upcoming_events(&state, &visitor, p.lang, DASHBOARD_EVENTS).await?,
        changes: crate::home::recent_changes(&state, p.lang, DASHBOARD_CHANGES).await?,
        referrals: crate::referrals::dashboard_panel(&state, &user).await?,
        p,
    }
    .into_response())
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
