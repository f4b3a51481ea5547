//! The fan-out of live rooms: who must look again at a room because
//! something in it changed.
//!
//! Every room somebody follows on this node has a version counter (a
//! `tokio::sync::watch` channel). A write to a room calls
//! [`LiveHub::publish`] after its commit: the counter goes up at once on this
//! node and, on PostgreSQL, a `pg_notify('maillage_live', …)` tells every
//! other node sharing the database, whose listener task bumps its own
//! counter. Followers (the SSE streams) wait on [`LiveHub::subscribe`]'s
//! receiver and read the room again; several bumps between two reads
//! coalesce into one, which is what a stream wants.
//!
//! The counters carry no data: the database stays the only truth, and a
//! missed notification only delays a read. That is why a listener that had
//! to reconnect bumps every room it follows: what happened while it was
//! away is read again.
//!
//! On SQLite a database is one node's (one file, one process): the fan-out
//! is local only.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::time::Duration;

use maillage_store::{Backend, Store};
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use tokio::sync::watch;
use uuid::Uuid;

/// The PostgreSQL channel every node listens on.
pub const CHANNEL: &str = "maillage_live";

/// The first wait before a lost listener connects again; it doubles up to
/// [`MAX_BACKOFF`].
const MIN_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// Rooms followed on this node, each with its version counter.
#[derive(Default)]
struct Rooms {
    map: Mutex<RoomMap>,
}

#[derive(Default)]
struct RoomMap {
    senders: HashMap<Uuid, watch::Sender<u64>>,
    /// The size at which rooms nobody follows any more are dropped: twice
    /// the rooms left after the last sweep (at least [`MIN_SWEEP`]), so that
    /// sweeping costs O(1) per subscription and the map never holds more
    /// than about twice the followed rooms.
    sweep_at: usize,
}

const MIN_SWEEP: usize = 64;

impl Rooms {
    fn lock(&self) -> std::sync::MutexGuard<'_, RoomMap> {
        // A panic while holding the lock leaves a consistent map (every
        // operation on it is a single insert, bump or retain).
        self.map.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn subscribe(&self, room: Uuid) -> watch::Receiver<u64> {
        let mut map = self.lock();
        if map.senders.len() >= map.sweep_at.max(MIN_SWEEP) {
            map.senders.retain(|_, tx| tx.receiver_count() > 0);
            map.sweep_at = map.senders.len() * 2;
        }
        map.senders
            .entry(room)
            .or_insert_with(|| watch::channel(0).0)
            .subscribe()
    }

    fn bump(&self, room: Uuid) {
        let mut map = self.lock();
        if let Some(tx) = map.senders.get(&room) {
            if tx.receiver_count() == 0 {
                map.senders.remove(&room);
            } else {
                tx.send_modify(|v| *v = v.wrapping_add(1));
            }
        }
    }

    fn bump_all(&self) {
        let mut map = self.lock();
        map.senders.retain(|_, tx| tx.receiver_count() > 0);
        for tx in map.senders.values() {
            tx.send_modify(|v| *v = v.wrapping_add(1));
        }
    }

    fn len(&self) -> usize {
        self.lock().senders.len()
    }
}

/// The live fan-out of one node; see the module documentation.
pub struct LiveHub {
    rooms: Arc<Rooms>,
    /// The store notifications go through, on PostgreSQL only.
    postgres: Option<Store>,
    /// This node, named in its notifications so that its listener skips
    /// them (it bumped its rooms already).
    node: Uuid,
    listener: Mutex<Option<tokio::task::AbortHandle>>,
    /// Set by [`LiveHub::stop`]: the streams end, so that a server's
    /// graceful shutdown does not wait for them forever.
    stopped: watch::Sender<bool>,
    /// Set once the listener has run `LISTEN` for the first time.
    listening: Arc<watch::Sender<bool>>,
}

impl std::fmt::Debug for LiveHub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveHub")
            .field("node", &self.node)
            .field("rooms", &self.rooms.len())
            .field("postgres", &self.postgres.is_some())
            .finish_non_exhaustive()
    }
}

impl LiveHub {
    /// A hub that bumps local followers only (tests, one process).
    pub fn local() -> Arc<LiveHub> {
        Arc::new(Self::with(None))
    }

    /// The hub of a node on `store`, without its listener yet: on
    /// PostgreSQL it already notifies the other nodes; [`LiveHub::listen`]
    /// (which needs a Tokio runtime) makes it hear them.
    pub fn new(store: &Store) -> Arc<LiveHub> {
        Arc::new(Self::with(
            (store.backend() == Backend::Postgres).then(|| store.clone()),
        ))
    }

    /// The hub of a node on `store`, listening to the other nodes.
    pub fn start(store: &Store) -> Arc<LiveHub> {
        let hub = Self::new(store);
        hub.listen();
        hub
    }

    fn with(postgres: Option<Store>) -> LiveHub {
        LiveHub {
            rooms: Arc::new(Rooms::default()),
            postgres,
            node: Uuid::new_v4(),
            listener: Mutex::new(None),
            stopped: watch::channel(false).0,
            listening: Arc::new(watch::channel(false).0),
        }
    }

    /// Starts the task that turns the other nodes' notifications into local
    /// bumps (PostgreSQL only; once; stopped by [`LiveHub::stop`] or when
    /// the hub is dropped). Returns whether a listener runs.
    pub fn listen(self: &Arc<Self>) -> bool {
        let Some(store) = &self.postgres else {
            return false;
        };
        let mut slot = self.listener.lock().unwrap_or_else(PoisonError::into_inner);
        if slot.is_none() {
            let task = tokio::spawn(listen(
                store.clone(),
                Arc::downgrade(&self.rooms),
                self.node,
                Arc::clone(&self.listening),
            ));
            *slot = Some(task.abort_handle());
        }
        true
    }

    /// Waits (at most `patience`) until the listener hears the other
    /// nodes: a server starts accepting connections after it, so that a
    /// change made elsewhere right after its start is not missed. Returns
    /// whether it does (always `true` on SQLite, where there is nothing to
    /// hear).
    pub async fn listening(&self, patience: Duration) -> bool {
        if self.postgres.is_none() {
            return true;
        }
        let mut listening = self.listening.subscribe();
        tokio::time::timeout(patience, listening.wait_for(|l| *l))
            .await
            .is_ok_and(|r| r.is_ok())
    }

    /// Stops the listener and tells the followers to end (a server
    /// shutting down).
    pub fn stop(&self) {
        self.stopped.send_replace(true);
        let task = self
            .listener
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(task) = task {
            task.abort();
        }
    }

    /// Resolves once [`LiveHub::stop`] was called (or the hub dropped): a
    /// stream selects on it to end with the server.
    pub fn stopping(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut stopped = self.stopped.subscribe();
        async move {
            let _ = stopped.wait_for(|s| *s).await;
        }
    }

    /// Follows `room`: the receiver's value changes after every change to
    /// the room (on any node), with changes close together coalesced. The
    /// room's counter lives while a receiver does.
    pub fn subscribe(&self, room: Uuid) -> watch::Receiver<u64> {
        self.rooms.subscribe(room)
    }

    /// Tells every follower of `room`, on every node, that it changed. Call
    /// it after the write's commit. A notification that cannot be sent is
    /// logged, not returned: the write stands, and the other nodes' streams
    /// catch up at the room's next change.
    pub async fn publish(&self, room: Uuid) {
        self.rooms.bump(room);
        if let Some(store) = &self.postgres {
            let payload = format!("{room} {}", self.node);
            let statement = Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), payload.into()],
            );
            if let Err(e) = store.conn().execute_raw(statement).await {
                tracing::warn!(error = %e, %room, "could not notify the other nodes of a live change");
            }
        }
    }

    /// How many rooms this node keeps a counter for (at most about twice
    /// those followed).
    pub fn tracked_rooms(&self) -> usize {
        self.rooms.len()
    }
}

impl Drop for LiveHub {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The listener task: bumps the rooms other nodes notify, connecting again
/// with backoff when the connection is lost, and ends when the pool closes
/// or the hub is gone.
async fn listen(store: Store, rooms: Weak<Rooms>, node: Uuid, listening: Arc<watch::Sender<bool>>) {
    let pool = store.conn().get_postgres_connection_pool().clone();
    let mut backoff = MIN_BACKOFF;
    let mut first = true;
    loop {
        let mut listener = match connect(&pool).await {
            Ok(l) => l,
            Err(e) if pool.is_closed() => {
                tracing::debug!(error = %e, "live listener ends: the pool is closed");
                return;
            }
            Err(e) => {
                tracing::warn!(error = %e, ?backoff, "live listener cannot connect; trying again");
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
        };
        backoff = MIN_BACKOFF;
        listening.send_replace(true);
        if !first {
            // Notifications sent while it was away are lost: read again.
            let Some(rooms) = rooms.upgrade() else { return };
            rooms.bump_all();
        }
        first = false;
        loop {
            match listener.try_recv().await {
                Ok(Some(notification)) => {
                    let Some(rooms) = rooms.upgrade() else { return };
                    match parse_payload(notification.payload()) {
                        Some((_, from)) if from == Some(node) => {}
                        Some((room, _)) => rooms.bump(room),
                        None => tracing::debug!(
                            payload = notification.payload(),
                            "ignored a live notification"
                        ),
                    }
                }
                // The connection was lost and made again (eager reconnect):
                // what was sent in between is missed.
                Ok(None) => {
                    let Some(rooms) = rooms.upgrade() else { return };
                    rooms.bump_all();
                }
                Err(e) if pool.is_closed() => {
                    tracing::debug!(error = %e, "live listener ends: the pool is closed");
                    return;
                }
                Err(e) => {
                    tracing::warn!(error = %e, "live listener lost its connection");
                    break;
                }
            }
        }
    }
}

async fn connect(pool: &sea_orm::sqlx::PgPool) -> Result<PgListener, sea_orm::sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// `"<room> <node>"` (this version) or `"<room>"` (anything else that wants
/// to wake the followers of a room, e.g. `psql`).
fn parse_payload(payload: &str) -> Option<(Uuid, Option<Uuid>)> {
    let mut parts = payload.split(' ');
    let room = Uuid::try_parse(parts.next()?).ok()?;
    let node = match parts.next() {
        Some(n) => Some(Uuid::try_parse(n).ok()?),
        None => None,
    };
    parts.next().is_none().then_some((room, node))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Waits (boundedly) for the receiver to see a new version.
    async fn changes(rx: &mut watch::Receiver<u64>) -> bool {
        tokio::time::timeout(Duration::from_secs(10), rx.changed())
            .await
            .is_ok_and(|r| r.is_ok())
    }

    #[test]
    fn payloads() {
        let room = Uuid::new_v4();
        let node = Uuid::new_v4();
        assert_eq!(
            parse_payload(&format!("{room} {node}")),
            Some((room, Some(node)))
        );
        assert_eq!(parse_payload(&room.to_string()), Some((room, None)));
        assert_eq!(parse_payload("nonsense"), None);
        assert_eq!(parse_payload(&format!("{room} x")), None);
        assert_eq!(parse_payload(&format!("{room} {node} more")), None);
        assert_eq!(parse_payload(""), None);
    }

    #[tokio::test]
    async fn a_publish_reaches_local_followers_of_that_room_only() {
        let hub = LiveHub::local();
        let room = Uuid::new_v4();
        let other = Uuid::new_v4();
        let mut a = hub.subscribe(room);
        let mut b = hub.subscribe(room);
        let c = hub.subscribe(other);
        hub.publish(room).await;
        assert!(changes(&mut a).await);
        assert!(changes(&mut b).await);
        assert!(!c.has_changed().unwrap());
        // Bumps close together coalesce into one change.
        hub.publish(room).await;
        hub.publish(room).await;
        assert!(changes(&mut a).await);
        assert!(!a.has_changed().unwrap());
    }

    #[tokio::test]
    async fn stopping_resolves_after_stop() {
        let hub = LiveHub::local();
        let stopping = hub.stopping();
        let early = tokio::time::timeout(Duration::from_millis(50), hub.stopping()).await;
        assert!(early.is_err(), "not before stop");
        hub.stop();
        assert!(
            tokio::time::timeout(Duration::from_secs(10), stopping)
                .await
                .is_ok()
        );
    }

    #[tokio::test]
    async fn a_publish_to_a_room_nobody_follows_keeps_nothing() {
        let hub = LiveHub::local();
        hub.publish(Uuid::new_v4()).await;
        assert_eq!(hub.tracked_rooms(), 0);
        let room = Uuid::new_v4();
        drop(hub.subscribe(room));
        hub.publish(room).await;
        assert_eq!(hub.tracked_rooms(), 0);
    }

    #[tokio::test]
    async fn rooms_nobody_follows_are_dropped() {
        let hub = LiveHub::local();
        let kept: Vec<_> = (0..10).map(|_| hub.subscribe(Uuid::new_v4())).collect();
        for _ in 0..10_000 {
            drop(hub.subscribe(Uuid::new_v4()));
        }
        assert!(
            hub.tracked_rooms() <= MIN_SWEEP.max(2 * kept.len()) + 1,
            "{} rooms kept",
            hub.tracked_rooms()
        );
        // The followed rooms survive the sweeps.
        let room = Uuid::new_v4();
        let mut rx = hub.subscribe(room);
        for _ in 0..1_000 {
            drop(hub.subscribe(Uuid::new_v4()));
        }
        hub.publish(room).await;
        assert!(changes(&mut rx).await);
    }

    #[tokio::test]
    async fn on_sqlite_there_is_no_listener() {
        let dir = std::env::temp_dir().join(format!("maillage-live-{}", Uuid::new_v4()));
        let store = Store::connect(&format!("sqlite://{}/db?mode=rwc", dir.display()))
            .await
            .unwrap();
        let hub = LiveHub::start(&store);
        assert!(!hub.listen());
        assert!(hub.listening(Duration::from_secs(1)).await);
        let room = Uuid::new_v4();
        let mut rx = hub.subscribe(room);
        hub.publish(room).await;
        assert!(changes(&mut rx).await);
        drop(hub);
        store.close().await;
        let _ = std::fs::remove_dir_all(dir);
    }

    /// A fresh PostgreSQL database on `MAILLAGE_TEST_POSTGRES_URL`, dropped
    /// by [`drop_database`]; `None` skips the test.
    async fn postgres_database() -> Option<(String, String, String)> {
        let admin = std::env::var("MAILLAGE_TEST_POSTGRES_URL")
            .ok()
            .filter(|u| !u.is_empty())?;
        let name = format!("maillage_test_{}", Uuid::new_v4().simple());
        let conn = sea_orm::Database::connect(&admin).await.unwrap();
        conn.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap();
        let _ = conn.close().await;
        let mut url = url::Url::parse(&admin).unwrap();
        url.set_path(&format!("/{name}"));
        Some((admin, name, url.to_string()))
    }

    async fn drop_database(admin: &str, name: &str) {
        let conn = sea_orm::Database::connect(admin).await.unwrap();
        let _ = conn
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await;
        let _ = conn.close().await;
    }

    /// Publishes on `from` until `rx` sees it: the other node's listener
    /// may not have run `LISTEN` yet when the first one is sent.
    async fn reaches(from: &LiveHub, room: Uuid, rx: &mut watch::Receiver<u64>) -> bool {
        for _ in 0..100 {
            from.publish(room).await;
            if tokio::time::timeout(Duration::from_millis(100), rx.changed())
                .await
                .is_ok()
            {
                return true;
            }
        }
        false
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres_a_publish_reaches_another_node() {
        let Some((admin, name, url)) = postgres_database().await else {
            return;
        };
        let store_a = Store::connect(&url).await.unwrap();
        let store_b = Store::connect(&url).await.unwrap();
        let a = LiveHub::start(&store_a);
        let b = LiveHub::start(&store_b);
        assert!(a.listening(Duration::from_secs(10)).await);
        assert!(b.listening(Duration::from_secs(10)).await);
        let room = Uuid::new_v4();
        let mut on_b = b.subscribe(room);
        let mut on_a = a.subscribe(room);
        assert!(reaches(&a, room, &mut on_b).await, "A → B");
        assert!(changes(&mut on_a).await, "A's own follower");
        assert!(reaches(&b, room, &mut on_a).await, "B → A");
        // Another room's followers are not woken.
        let other = Uuid::new_v4();
        let mut elsewhere = b.subscribe(other);
        a.publish(room).await;
        assert!(changes(&mut on_b).await);
        assert!(!elsewhere.has_changed().unwrap());
        // A hub's own notifications are skipped by its listener: one local
        // bump, nothing more once the notification has come back.
        let mut only_a = a.subscribe(other);
        a.publish(other).await;
        assert!(changes(&mut only_a).await);
        assert!(changes(&mut elsewhere).await, "B hears A");
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(!only_a.has_changed().unwrap());
        drop((a, b));
        store_a.close().await;
        store_b.close().await;
        drop_database(&admin, &name).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_postgres_a_lost_listener_connects_again_and_bumps_its_rooms() {
        let Some((admin, name, url)) = postgres_database().await else {
            return;
        };
        let store_a = Store::connect(&url).await.unwrap();
        let store_b = Store::connect(&url).await.unwrap();
        let a = LiveHub::start(&store_a);
        let b = LiveHub::start(&store_b);
        // Both listeners must be up before they are killed: `start` only
        // spawns them, and a message reaching B says nothing of A's.
        assert!(a.listening(Duration::from_secs(10)).await);
        assert!(b.listening(Duration::from_secs(10)).await);
        let room = Uuid::new_v4();
        let mut on_b = b.subscribe(room);
        assert!(reaches(&a, room, &mut on_b).await);
        // Kill the listening connections (A's and B's) from outside.
        let killed = store_a
            .conn()
            .query_all_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = current_database() AND pid <> pg_backend_pid() \
                 AND query LIKE 'LISTEN%'",
            ))
            .await
            .unwrap();
        assert_eq!(killed.len(), 2, "both listeners were found");
        // B reads its rooms again after reconnecting, and hears A again.
        assert!(changes(&mut on_b).await, "bumped after the reconnect");
        assert!(
            reaches(&a, room, &mut on_b).await,
            "A → B after the reconnect"
        );
        drop((a, b));
        store_a.close().await;
        store_b.close().await;
        drop_database(&admin, &name).await;
    }
}
