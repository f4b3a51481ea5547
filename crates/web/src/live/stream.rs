//! The live stream: `GET /api/v1/live/{code}/events`, Server-Sent Events.
//!
//! On connect a client gets the room's state at once (event `activity`:
//! the open activity's JSON or `null`; event `results`: its results, when
//! it may see them), then an event whenever either changes. Results the
//! presenter hides reach only those who may run the room (session or API
//! token); participants get them again once shown.
//!
//! What a room looks like is read ONCE per node and change, not once per
//! client: a room followed on this node has one feeder task ([`Feeds`])
//! that reads the room after each of the hub's bumps (at most every
//! [`MIN_READ_INTERVAL`], bumps in between coalescing) and publishes an
//! `Arc<Snapshot>` in a watch channel every client of the node reads. The
//! feeder ends when its last client leaves.
//!
//! A reconnecting client (`Last-Event-ID` or not) simply gets the current
//! state again: the ids only number a node's snapshots.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::HeaderName;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use futures::Stream;
use maillage_store::repo::live as repo;
use maillage_store::{Store, StoreError};
use tokio::sync::watch;
use tokio::time::Instant;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::access::{OpenRoom, may_run};
use crate::AppState;
use crate::api::ErrorBody;
use crate::auth::Visitor;

/// The shortest time between two reads of a room: a burst of answers makes
/// one read, not one per answer, and an answer still shows well within a
/// second.
pub const MIN_READ_INTERVAL: Duration = Duration::from_millis(100);
/// A read that failed is tried again after this.
const RETRY: Duration = Duration::from_millis(500);
/// A comment line this often keeps proxies from closing a quiet stream.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The stream's route, in the documented API.
pub(crate) fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router.routes(routes!(show_events))
}

/// Tells the room's streams on every node that it changed (after the
/// change's commit; the notification to the other nodes goes on in the
/// background).
pub(crate) fn publish(state: &AppState, room: Uuid) {
    let hub = state.live.clone();
    tokio::spawn(async move { hub.publish(room).await });
}

/// The stream of an open room (404 unknown or closed, as the other
/// participant routes).
#[utoipa::path(get, path = "/api/v1/live/{code}/events", tag = "live",
    params(("code" = String, Path, description = "The room's join code (8 digits, spaces allowed)")),
    responses(
        (status = 200, content_type = "text/event-stream", body = String,
            description = "Server-Sent Events: on connect the room's state at once, then an event \
                on every change. `activity`: the open activity's JSON, or `null` (the room \
                closed: the stream ends). `results`: the open activity's results, as \
                `GET /api/v1/live/rooms/{id}/activities/{aid}/results` gives them; hidden \
                results only reach those who may run the room (session or API token). A \
                comment every 15 seconds keeps the connection open; a client that reconnects \
                gets the whole state again (`Last-Event-ID` is accepted and ignored)."),
        (status = 404, body = ErrorBody, description = "Unknown code, or the room is closed"),
        (status = 429, body = ErrorBody, description = "Too many unknown codes from this address")
    )
)]
async fn show_events(
    State(state): State<AppState>,
    OpenRoom(room): OpenRoom,
    visitor: Visitor,
) -> impl IntoResponse {
    let client = Client {
        snapshots: state.live_feeds.subscribe(&state, room.id),
        sees_hidden: may_run(&visitor, &room),
        sent_activity: None,
        sent_results: None,
        queue: VecDeque::new(),
        stopping: Box::pin(state.live.stopping()),
        keep_alive: tokio::time::interval_at(Instant::now() + KEEP_ALIVE, KEEP_ALIVE),
        done: false,
    };
    (
        [
            (CONTENT_TYPE, "text/event-stream"),
            (CACHE_CONTROL, "no-cache"),
            // nginx would otherwise hold the events in its buffer.
            (X_ACCEL_BUFFERING, "no"),
        ],
        Body::from_stream(client.frames()),
    )
}

const X_ACCEL_BUFFERING: HeaderName = HeaderName::from_static("x-accel-buffering");

/// One event as it goes on the wire. Built once per snapshot and shared
/// (`Bytes` clones are reference counts): 2,000 clients of a node do not
/// format 2,000 copies. The JSON is on one line (serde_json escapes line
/// breaks inside strings), so one `data:` line carries it.
fn frame(name: &str, id: u64, json: &str) -> Bytes {
    Bytes::from(format!("event: {name}\nid: {id}\ndata: {json}\n\n"))
}

/// A room as its streams show it, read once per node and change.
#[derive(Debug)]
pub struct Snapshot {
    /// Numbers this node's snapshots of the room (the events' ids).
    version: u64,
    /// The room is still open (a closed room's streams end).
    open: bool,
    /// The open activity's JSON, or `null`, and its event.
    activity: Arc<str>,
    activity_frame: Bytes,
    /// The open activity's results' JSON and its event.
    results: Option<(Arc<str>, Bytes)>,
    results_hidden: bool,
}

/// What one read of a room found, before it becomes a [`Snapshot`].
#[derive(PartialEq)]
struct Read {
    open: bool,
    activity: String,
    results: Option<String>,
    results_hidden: bool,
}

async fn read(store: &Store, room_id: Uuid) -> Result<Read, StoreError> {
    let open = repo::find_room(store, room_id)
        .await?
        .is_some_and(|r| r.open);
    let activity = if open {
        repo::open_activity(store, room_id).await?
    } else {
        None
    };
    let results = match &activity {
        Some(a) => Some(json(&repo::results(store, a).await?)),
        None => None,
    };
    Ok(Read {
        open,
        results_hidden: activity.as_ref().is_some_and(|a| a.results_hidden),
        activity: json(&activity),
        results,
    })
}

fn json<T: serde::Serialize>(value: &T) -> String {
    // Plain data (strings, numbers, maps with string keys) always
    // serializes.
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

type Feed = watch::Sender<Option<Arc<Snapshot>>>;

/// The rooms this node streams, each with the channel its feeder fills.
#[derive(Default)]
pub struct Feeds {
    rooms: Mutex<HashMap<Uuid, Feed>>,
}

impl Feeds {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uuid, Feed>> {
        self.rooms.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The room's snapshots, starting its feeder if none runs.
    fn subscribe(&self, state: &AppState, room: Uuid) -> watch::Receiver<Option<Arc<Snapshot>>> {
        let mut rooms = self.lock();
        if let Some(feed) = rooms.get(&room) {
            return feed.subscribe();
        }
        let (feed, rx) = watch::channel(None);
        rooms.insert(room, feed.clone());
        tokio::spawn(run_feed(state.clone(), room, feed));
        rx
    }

    /// Forgets the room's feed if nobody reads it any more; `false` when a
    /// client came meanwhile (the feeder goes on).
    fn retire(&self, room: Uuid, feed: &Feed) -> bool {
        let mut rooms = self.lock();
        if feed.receiver_count() > 0 {
            return false;
        }
        if rooms.get(&room).is_some_and(|f| f.same_channel(feed)) {
            rooms.remove(&room);
        }
        true
    }
}

/// Removes a feeder's entry however it ends (even by a panic), so that the
/// next client starts a new one instead of waiting on a dead channel.
struct Retired {
    state: AppState,
    room: Uuid,
    feed: Feed,
}

impl Drop for Retired {
    fn drop(&mut self) {
        let mut rooms = self.state.live_feeds.lock();
        if rooms
            .get(&self.room)
            .is_some_and(|f| f.same_channel(&self.feed))
        {
            rooms.remove(&self.room);
        }
    }
}

/// One room's feeder: reads the room, publishes the snapshot when it
/// differs, waits for the next bump; ends when no client is left.
async fn run_feed(state: AppState, room: Uuid, feed: Feed) {
    let mut bumps = state.live.subscribe(room);
    let guard = Retired { state, room, feed };
    let (state, feed) = (&guard.state, &guard.feed);
    let mut version = 0_u64;
    let mut last: Option<Read> = None;
    loop {
        bumps.borrow_and_update();
        let started = Instant::now();
        match read(&state.store, room).await {
            Ok(now) if last.as_ref() == Some(&now) => {}
            Ok(now) => {
                version += 1;
                let previous = feed.borrow().clone();
                // Unchanged parts keep their Arc and event: clients compare
                // pointers, and the event keeps its id.
                let (activity, activity_frame) = match &previous {
                    Some(p) if *p.activity == *now.activity => {
                        (p.activity.clone(), p.activity_frame.clone())
                    }
                    _ => (
                        Arc::from(now.activity.as_str()),
                        frame("activity", version, &now.activity),
                    ),
                };
                let kept = previous.as_ref().and_then(|p| p.results.clone());
                let results = match (kept, &now.results) {
                    (Some(kept), Some(r)) if *kept.0 == **r => Some(kept),
                    (_, r) => r
                        .as_deref()
                        .map(|r| (Arc::from(r), frame("results", version, r))),
                };
                feed.send_replace(Some(Arc::new(Snapshot {
                    version,
                    open: now.open,
                    activity,
                    activity_frame,
                    results,
                    results_hidden: now.results_hidden,
                })));
                last = Some(now);
            }
            Err(e) => {
                tracing::warn!(error = %e, %room, "could not read a live room");
                tokio::select! {
                    () = tokio::time::sleep(RETRY) => continue,
                    () = feed.closed() => {}
                }
                if guard.state.live_feeds.retire(room, feed) {
                    return;
                }
                continue;
            }
        }
        tokio::select! {
            () = tokio::time::sleep_until(started + MIN_READ_INTERVAL) => {}
            () = feed.closed() => {}
        }
        loop {
            tokio::select! {
                changed = bumps.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    break;
                }
                () = feed.closed() => {
                    if guard.state.live_feeds.retire(room, feed) {
                        return;
                    }
                }
            }
        }
    }
}

/// One client's stream.
struct Client {
    snapshots: watch::Receiver<Option<Arc<Snapshot>>>,
    /// May run the room: sees hidden results.
    sees_hidden: bool,
    sent_activity: Option<Arc<str>>,
    sent_results: Option<Arc<str>>,
    queue: VecDeque<Bytes>,
    stopping: Pin<Box<dyn Future<Output = ()> + Send>>,
    keep_alive: tokio::time::Interval,
    done: bool,
}

/// A comment line: proxies see traffic on a quiet stream.
const KEEP_ALIVE_FRAME: &[u8] = b":\n\n";

impl Client {
    fn frames(mut self) -> impl Stream<Item = Result<Bytes, Infallible>> {
        // The current snapshot, if any, is sent at once.
        self.snapshots.mark_changed();
        futures::stream::unfold(self, |mut client| async move {
            loop {
                if let Some(frame) = client.queue.pop_front() {
                    return Some((Ok(frame), client));
                }
                if client.done {
                    return None;
                }
                tokio::select! {
                    changed = client.snapshots.changed() => changed.ok()?,
                    _ = client.keep_alive.tick() => {
                        return Some((Ok(Bytes::from_static(KEEP_ALIVE_FRAME)), client));
                    }
                    () = &mut client.stopping => return None,
                }
                let snapshot = client.snapshots.borrow_and_update().clone();
                if let Some(snapshot) = snapshot {
                    client.follow(&snapshot);
                }
            }
        })
    }

    /// Queues what changed since the last events sent.
    fn follow(&mut self, s: &Snapshot) {
        if !s.open {
            if self.sent_activity.as_deref() != Some("null") {
                self.queue.push_back(frame("activity", s.version, "null"));
            }
            self.done = true;
            return;
        }
        if self.sent_activity.as_ref() != Some(&s.activity) {
            self.queue.push_back(s.activity_frame.clone());
            self.sent_activity = Some(s.activity.clone());
            // Another activity (or the same, shown or hidden): its results
            // are sent again.
            self.sent_results = None;
        }
        if s.results_hidden && !self.sees_hidden {
            self.sent_results = None;
            return;
        }
        if let Some((results, results_frame)) = &s.results
            && self.sent_results.as_ref() != Some(results)
        {
            self.queue.push_back(results_frame.clone());
            self.sent_results = Some(results.clone());
        }
    }
}
