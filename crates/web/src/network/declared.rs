//! Declared links: after an event, each registrant (through the personal
//! link of their registration) names the organizations present with which
//! theirs created a new contact, exchanged information or planned a
//! collaboration, and how far it went.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use maillage_store::entity::declared_link::DeclaredLevel;
use maillage_store::entity::event;
use maillage_store::repo::events as events_repo;
use maillage_store::repo::groupings as groupings_repo;
use maillage_store::repo::network as repo;

use super::access::Declarant;
use crate::AppState;
use crate::error::AppError;
use crate::events::event_href;
use crate::page::Page;

pub struct Level {
    pub value: i32,
    pub label: String,
}

pub struct Present {
    pub id: String,
    pub name: String,
    pub checked: bool,
    pub level: i32,
}

#[derive(Template, WebTemplate)]
#[template(path = "network/declared.html")]
pub struct DeclaredPage {
    p: Page,
    e: event::Model,
    event_href: String,
    action: String,
    my_org: Option<String>,
    present: Vec<Present>,
    levels: Vec<Level>,
    saved: bool,
}

pub const LEVEL_KEYS: [&str; 4] = [
    "network-level-1",
    "network-level-2",
    "network-level-3",
    "network-level-4",
];

/// The organizations present at the event (any session), but the
/// registrant's own, by name.
async fn present_organizations(
    state: &AppState,
    e: &event::Model,
    own: Option<&str>,
) -> Result<Vec<(String, String)>, AppError> {
    let conn = state.store.conn();
    let presence = events_repo::presence(conn, e.id).await?;
    let ids: Vec<String> = presence
        .organizations
        .keys()
        .filter(|id| Some(id.as_str()) != own)
        .cloned()
        .collect();
    let briefs = groupings_repo::org_briefs(conn, Some(&ids)).await?;
    let mut out: Vec<(String, String)> = ids
        .into_iter()
        .map(|id| {
            let name = briefs
                .get(&id)
                .map_or_else(|| id.clone(), |b| b.name.clone());
            (id, name)
        })
        .collect();
    out.sort_by_cached_key(|(_, name)| maillage_domain::names::normalize(name));
    Ok(out)
}

pub async fn show_form(
    State(state): State<AppState>,
    Declarant {
        event: e,
        registration: me,
        token,
    }: Declarant,
    RawQuery(raw): RawQuery,
    p: Page,
) -> Result<DeclaredPage, AppError> {
    let conn = state.store.conn();
    let before: HashMap<String, DeclaredLevel> = repo::declared_by(conn, e.id, me.id)
        .await?
        .into_iter()
        .map(|d| (d.to_organization_id, d.level))
        .collect();
    let my_org = match &me.organization_id {
        Some(o) => groupings_repo::org_briefs(conn, Some(std::slice::from_ref(o)))
            .await?
            .get(o)
            .map(|b| b.name.clone())
            .or_else(|| Some(o.clone())),
        None => None,
    };
    let present = present_organizations(&state, &e, me.organization_id.as_deref())
        .await?
        .into_iter()
        .map(|(id, name)| Present {
            checked: before.contains_key(&id),
            level: before.get(&id).map_or(1, |l| l.number()),
            id,
            name,
        })
        .collect();
    let levels = DeclaredLevel::ALL
        .into_iter()
        .zip(LEVEL_KEYS)
        .map(|(level, k)| Level {
            value: level.number(),
            label: p.t(k),
        })
        .collect();
    Ok(DeclaredPage {
        event_href: event_href(e.id),
        action: format!("{}/moi/{token}/liens", event_href(e.id)),
        my_org,
        present,
        levels,
        saved: raw.is_some_and(|q| q.contains("enregistre=1")),
        e,
        p,
    })
}

pub async fn save_form(
    State(state): State<AppState>,
    // Counted first, as every anonymous write (even one that finds nothing).
    _quota: crate::bounds::AnonymousWrite,
    Declarant {
        event: e,
        registration: me,
        token,
    }: Declarant,
    Form(form): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let action = format!("{}/moi/{token}/liens", event_href(e.id));
    let Some(own) = me.organization_id.clone() else {
        // The page says to ask the coordinator; nothing to save.
        return Ok(Redirect::to(&action).into_response());
    };
    let present: HashMap<String, String> = present_organizations(&state, &e, Some(&own))
        .await?
        .into_iter()
        .collect();
    let levels: HashMap<&str, i32> = form
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("niveau-")
                .map(|org| (org, v.trim().parse::<i32>().unwrap_or(1)))
        })
        .collect();
    let mut chosen: Vec<(String, DeclaredLevel)> = form
        .iter()
        .filter(|(k, _)| k == "org")
        .map(|(_, v)| v.clone())
        .filter(|org| present.contains_key(org))
        .map(|org| {
            let level = levels.get(org.as_str()).copied().unwrap_or(1);
            (org, DeclaredLevel::clamped(level))
        })
        .collect();
    chosen.sort();
    chosen.dedup_by(|a, b| a.0 == b.0);
    repo::declare(&state.store, e.id, me.id, &own, &chosen).await?;
    Ok(Redirect::to(&format!("{action}?enregistre=1")).into_response())
}
