//! The iCal feeds: one event, a grouping's published and done events.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use chrono::NaiveTime;
use maillage_interop::ical::{CalendarEvent, EventZone, event_calendar};
use maillage_store::entity::{event, event_session};
use maillage_store::repo::events::{self as repo};
use maillage_store::repo::groupings as groupings_repo;
use uuid::Uuid;

use super::access::VisibleEvent;
use super::confirmation::site_base;
use super::event_href;
use crate::AppState;
use crate::error::AppError;
use crate::extract::{GroupingSlug, Id};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/evenements/{event}/calendrier.ics",
            get(show_event_calendar),
        )
        .route(
            "/regroupements/{grouping}/evenements.ics",
            get(show_grouping_calendar),
        )
}

fn calendar_entries(
    base: &str,
    e: &event::Model,
    sessions: &[event_session::Model],
) -> Vec<CalendarEvent> {
    sessions
        .iter()
        .map(|s| {
            let time = |t: &Option<String>| {
                t.as_deref()
                    .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
            };
            let start_time = time(&s.starts_at).unwrap_or(NaiveTime::MIN);
            let start = s.date.and_time(start_time);
            // Without an end, an hour; without any time, the whole day.
            let end = match (time(&s.starts_at), time(&s.ends_at)) {
                (_, Some(t)) if s.date.and_time(t) > start => s.date.and_time(t),
                (Some(_), _) => start + chrono::Duration::hours(1),
                (None, _) => start + chrono::Duration::days(1),
            };
            let location = match (&s.place, &s.address) {
                (Some(p), Some(a)) => Some(format!("{p}, {a}")),
                (Some(p), None) => Some(p.clone()),
                (None, Some(a)) => Some(a.clone()),
                (None, None) => None,
            };
            CalendarEvent {
                uid: format!("session-{}@maillage", s.id),
                title: e.title.clone(),
                description: e.description.clone(),
                start,
                end,
                zone: EventZone::Toronto,
                location,
                url: Some(format!("{base}{}", event_href(e.id))),
            }
        })
        .collect()
}

fn calendar_response(text: String, filename: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_owned(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
        ],
        text,
    )
        .into_response()
}

pub async fn show_event_calendar(
    State(state): State<AppState>,
    VisibleEvent { event: e, .. }: VisibleEvent,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let sessions = repo::sessions(state.store.conn(), e.id).await?;
    let base = site_base(&state, &headers);
    let text = event_calendar(&calendar_entries(&base, &e, &sessions));
    Ok(calendar_response(text, "evenement.ics"))
}

/// The published and done events of a grouping, for a calendar to follow.
pub async fn show_grouping_calendar(
    State(state): State<AppState>,
    Id(GroupingSlug(slug)): Id<GroupingSlug>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let g = groupings_repo::find_by_slug(state.store.conn(), &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let base = site_base(&state, &headers);
    let events: Vec<event::Model> = repo::events_of(state.store.conn(), Some(&[g.id]))
        .await?
        .into_iter()
        .filter(|e| !e.status.is_draft())
        .collect();
    let ids: Vec<Uuid> = events.iter().map(|e| e.id).collect();
    let sessions = repo::sessions_of_events(state.store.conn(), &ids).await?;
    let mut entries = Vec::new();
    for e in &events {
        let list = sessions.get(&e.id).map_or(&[][..], Vec::as_slice);
        entries.extend(calendar_entries(&base, e, list));
    }
    entries.sort_by_key(|c| c.start);
    Ok(calendar_response(
        event_calendar(&entries),
        &format!("{slug}.ics"),
    ))
}
