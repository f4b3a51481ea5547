//! The territory's home page, what an anonymous visitor finds at `/` (what
//! maillage is here, the events to come, the groupings and their published
//! plans, a directory search), and the lists it shares with the signed-in
//! dashboard: events still to come and the latest public changes.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use chrono::{NaiveDate, Utc};
use maillage_domain::access::PUBLIC_CHANGES;
use maillage_domain::plans::PlanStatus;
use maillage_store::entity::{action_plan, event};
use maillage_store::repo::events as events_repo;
use maillage_store::repo::{directory_pages, groupings, home, plans as plans_repo};
use uuid::Uuid;

use crate::AppState;
use crate::auth::Visitor;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::{date_text, percent, plan_href, plan_status, progress};

/// An event still to come, as the home page and the dashboard list it.
pub struct UpcomingEvent {
    pub href: String,
    pub title: String,
    /// Its next session's date (« 8 mai 2018 »).
    pub date: String,
    /// Its next session's place, if given.
    pub place: String,
    pub grouping: String,
}

/// Today in Québec, as the event pages count it.
fn today() -> NaiveDate {
    maillage_domain::events::quebec_date(Utc::now().naive_utc())
}

/// The next `limit` events the visitor may see (drafts only for those who
/// manage them), soonest first by their next session.
pub async fn upcoming_events(
    state: &AppState,
    visitor: &Visitor,
    lang: Lang,
    limit: usize,
) -> Result<Vec<UpcomingEvent>, AppError> {
    let conn = state.store.conn();
    let sessions = home::sessions_from(conn, today()).await?;
    let events: HashMap<Uuid, event::Model> = events_repo::events_of(conn, None)
        .await?
        .into_iter()
        .filter(|e| crate::events::require_visible(visitor, e).is_ok())
        .map(|e| (e.id, e))
        .collect();
    let names: HashMap<Uuid, String> = groupings::list(&state.store)
        .await?
        .into_iter()
        .map(|g| (g.id, g.name))
        .collect();
    let next = maillage_domain::events::upcoming(
        sessions
            .iter()
            .filter(|s| events.contains_key(&s.event_id))
            .map(|s| (s.event_id, s.date)),
        today(),
        limit,
    );
    Ok(next
        .into_iter()
        .filter_map(|(id, date)| {
            let e = events.get(&id)?;
            let place = sessions
                .iter()
                .find(|s| s.event_id == id && s.date == date)
                .and_then(|s| s.place.clone())
                .unwrap_or_default();
            Some(UpcomingEvent {
                href: crate::events::event_href(id),
                title: e.title.clone(),
                date: date_text(Some(date), lang),
                place,
                grouping: e
                    .grouping_id
                    .and_then(|g| names.get(&g).cloned())
                    .unwrap_or_default(),
            })
        })
        .collect())
}

/// A change of the directory or of a grouping, as the dashboard lists it.
pub struct RecentChange {
    /// « Organisation », « Service », « Regroupement ».
    pub kind: String,
    pub name: String,
    pub href: String,
    /// « ajouté », « modifié »…
    pub what: String,
    pub date: String,
}

/// The latest changes anyone may see ([`PUBLIC_CHANGES`]), latest first;
/// rows no longer there (a merged organization) are left out.
pub async fn recent_changes(
    state: &AppState,
    lang: Lang,
    limit: usize,
) -> Result<Vec<RecentChange>, AppError> {
    let rows = home::recent_changes(state.store.conn(), PUBLIC_CHANGES, limit).await?;
    let ids_of = |table: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r.table_name == table)
            .map(|r| r.row_id.clone())
            .collect()
    };
    let organizations =
        directory_pages::organization_summaries(&state.store, &ids_of("organizations")).await?;
    let services = directory_pages::service_summaries(&state.store, &ids_of("services")).await?;
    let all_groupings: HashMap<String, (String, String)> = groupings::list(&state.store)
        .await?
        .into_iter()
        .map(|g| {
            (
                g.id.to_string(),
                (g.name.clone(), crate::groupings::grouping_href(&g)),
            )
        })
        .collect();
    Ok(rows
        .iter()
        .filter_map(|r| {
            let (kind, name, href) = match r.table_name.as_str() {
                "organizations" => organizations.get(&r.row_id).map(|o| {
                    let href = crate::directory::organization_href(&o.id);
                    ("home-change-organization", o.name.clone(), href)
                })?,
                "services" => services.get(&r.row_id).map(|s| {
                    let href = crate::directory::service_href(&s.id);
                    ("home-change-service", s.name.clone(), href)
                })?,
                "groupings" => all_groupings
                    .get(&r.row_id)
                    .map(|(n, h)| ("home-change-grouping", n.clone(), h.clone()))?,
                _ => return None,
            };
            let what = if r.op == "insert" {
                "home-change-added"
            } else {
                "home-change-updated"
            };
            Some(RecentChange {
                kind: lang.t(kind),
                name,
                href,
                what: lang.t(what),
                date: crate::text::format_date(r.at, lang),
            })
        })
        .collect())
}

pub struct GroupingLink {
    pub href: String,
    pub name: String,
    pub kind: String,
}

pub struct PlanLink {
    pub href: String,
    pub title: String,
    pub grouping: String,
    pub period: String,
    pub percent: Option<u32>,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    p: Page,
    events: Vec<UpcomingEvent>,
    groupings: Vec<GroupingLink>,
    plans: Vec<PlanLink>,
}

/// How many events to come the home page lists.
const HOME_EVENTS: usize = 6;

/// The published plans of every grouping, with their progress.
async fn published_plans(
    state: &AppState,
    names: &HashMap<Uuid, String>,
) -> Result<Vec<PlanLink>, AppError> {
    let conn = state.store.conn();
    let ids: Vec<Uuid> = names.keys().copied().collect();
    let plans: Vec<action_plan::Model> = plans_repo::plans_of(conn, &ids)
        .await?
        .into_iter()
        .filter(|pl| plan_status(pl) == PlanStatus::Published)
        .collect();
    let plan_ids: Vec<Uuid> = plans.iter().map(|pl| pl.id).collect();
    let progress: HashMap<Uuid, Option<u32>> = plans_repo::outlines(conn, &plan_ids)
        .await?
        .iter()
        .map(|o| (o.plan.id, percent(progress(o).plan)))
        .collect();
    Ok(plans
        .into_iter()
        .map(|pl| PlanLink {
            href: plan_href(pl.id),
            grouping: names.get(&pl.grouping_id).cloned().unwrap_or_default(),
            period: format!("{}–{}", pl.start_year, pl.end_year),
            percent: progress.get(&pl.id).copied().flatten(),
            title: pl.title,
        })
        .collect())
}

/// The home page of a visitor who is not signed in.
pub async fn show_home(state: &AppState, p: Page) -> Result<HomePage, AppError> {
    let lang = p.lang;
    let all = groupings::list(&state.store).await?;
    let names: HashMap<Uuid, String> = all.iter().map(|g| (g.id, g.name.clone())).collect();
    Ok(HomePage {
        events: upcoming_events(state, &Visitor(None), lang, HOME_EVENTS).await?,
        plans: published_plans(state, &names).await?,
        groupings: all
            .iter()
            .map(|g| GroupingLink {
                href: crate::groupings::grouping_href(g),
                name: g.name.clone(),
                kind: crate::groupings::kind_label(lang, g.kind),
            })
            .collect(),
        p,
    })
}
