//! The event list: events by grouping, drafts for those who manage them.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use maillage_store::entity::event;
use maillage_store::repo::events::pages as store_pages;
use maillage_store::repo::events::{self as repo};
use maillage_store::repo::groupings as groupings_repo;
use uuid::Uuid;

use super::access::may_manage;
use super::{event_href, status_label};
use crate::AppState;
use crate::auth::Visitor;
use crate::error::AppError;
use crate::page::Page;
use crate::plans::date_text;

pub fn router() -> Router<AppState> {
    Router::new().route("/evenements", get(list_events))
}

pub struct EventItem {
    pub href: String,
    pub title: String,
    pub first_date: String,
    pub sessions: usize,
    pub status: String,
    pub published: bool,
}

pub struct GroupingEvents {
    pub name: String,
    pub href: String,
    pub ics_href: String,
    pub events: Vec<EventItem>,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/pages_list.html")]
pub struct EventsPage {
    p: Page,
    groups: Vec<GroupingEvents>,
    can_create: bool,
}

/// Events by grouping: published and done ones for everyone, drafts for
/// those who manage them.
pub async fn list_events(
    State(state): State<AppState>,
    p: Page,
    visitor: Visitor,
) -> Result<EventsPage, AppError> {
    let lang = p.lang;
    let groupings = groupings_repo::list(&state.store).await?;
    let events = repo::events_of(state.store.conn(), None).await?;
    let first_dates = store_pages::session_summaries(state.store.conn()).await?;
    let mut by_grouping: HashMap<Option<Uuid>, Vec<&event::Model>> = HashMap::new();
    for e in events
        .iter()
        .filter(|e| !e.status.is_draft() || may_manage(&visitor, e))
    {
        by_grouping.entry(e.grouping_id).or_default().push(e);
    }
    let item = |e: &event::Model| {
        let (first, n) = first_dates
            .get(&e.id)
            .map_or((None, 0), |(d, n)| (Some(*d), *n));
        EventItem {
            href: event_href(e.id),
            title: e.title.clone(),
            first_date: date_text(first, lang),
            sessions: n,
            status: status_label(lang, e.status),
            published: e.status.is_published(),
        }
    };
    let mut groups = Vec::new();
    for g in &groupings {
        if let Some(list) = by_grouping.get(&Some(g.id)) {
            groups.push(GroupingEvents {
                name: g.name.clone(),
                href: format!("/regroupements/{}", g.slug),
                ics_href: format!("/regroupements/{}/evenements.ics", g.slug),
                events: list.iter().map(|e| item(e)).collect(),
            });
        }
    }
    if let Some(list) = by_grouping.get(&None) {
        groups.push(GroupingEvents {
            name: lang.t("evpages-no-grouping"),
            href: String::new(),
            ics_href: String::new(),
            events: list.iter().map(|e| item(e)).collect(),
        });
    }
    let can_create = maillage_domain::events::may_create(super::access::principal(&visitor));
    Ok(EventsPage {
        p,
        groups,
        can_create,
    })
}
