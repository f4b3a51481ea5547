//! Storage of maillage on SQLite (default, embedded) or PostgreSQL.
//!
//! One [`Store`] wraps the connection pool; each area has a repository module
//! under [`repo`] whose functions take the store (or a transaction) and keep
//! their writes, audit entries and change-log rows in one transaction.

pub mod demo;
pub mod demo_assessments;
pub mod demo_directory;
pub mod demo_evaluations;
pub mod demo_events;
pub mod demo_live;
pub mod demo_plans;
pub mod demo_referrals;
pub mod demo_toolkits;
pub mod entity;
mod error;
pub mod migration;
pub mod repo;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection,
    DatabaseTransaction, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

pub use error::StoreError;
pub use sea_orm::DatabaseConnection as Connection;

use crate::migration::Migrator;

/// The SQLite file inside the data directory.
pub const SQLITE_FILE: &str = "maillage.db";

/// The default database URL for a data directory.
pub fn default_database_url(data_dir: &Path) -> String {
    format!("sqlite://{}?mode=rwc", data_dir.join(SQLITE_FILE).display())
}

/// Hides the password of a database URL before it goes into a message.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        _ => url.to_owned(),
    }
}

#[derive(Clone, Debug)]
pub struct Store {
    db: DatabaseConnection,
}

impl Store {
    /// Connects to `url` (`sqlite://…` or `postgres://…`). SQLite files are
    /// created when missing and opened in WAL mode with foreign keys on and a
    /// busy timeout, so that concurrent writers wait instead of failing.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let backend = Backend::of_url(url)?;
        let sqlite_dir = sqlite_path(url)
            .filter(|_| backend == Backend::Sqlite)
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .filter(|d| !d.as_os_str().is_empty());
        if let Some(dir) = sqlite_dir {
            std::fs::create_dir_all(&dir).map_err(|e| StoreError::DataDir {
                path: dir.clone(),
                reason: e.to_string(),
            })?;
        }
        let mut opts = ConnectOptions::new(url.to_owned());
        opts.sqlx_logging(false)
            .connect_timeout(Duration::from_secs(5))
            .acquire_timeout(Duration::from_secs(10))
            .map_sqlx_sqlite_opts(|o| {
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10))
                    // Deleted and overwritten content is zeroed, not left
                    // in free pages: a purged referral leaves no bytes
                    // (Law 25; `repo::referrals_purge`).
                    .pragma("secure_delete", "ON")
            });
        if backend == Backend::Sqlite {
            // One writer at a time is SQLite's rule; a small pool avoids
            // piling readers behind a long write.
            opts.max_connections(8);
        } else {
            opts.max_connections(16);
        }
        let db = Database::connect(opts)
            .await
            .map_err(|e| StoreError::Unreachable {
                url: redact_url(url),
                reason: e.to_string(),
            })?;
        Ok(Self { db })
    }

    /// Opens the store for `url`, refusing a database that a newer maillage
    /// has migrated, and applies pending migrations.
    pub async fn open_and_migrate(url: &str) -> Result<Self, StoreError> {
        let store = Self::connect(url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Applies pending migrations; a no-op on an up-to-date database.
    pub async fn migrate(&self) -> Result<MigrationReport, StoreError> {
        self.refuse_newer_schema().await?;
        let pending = Migrator::get_pending_migrations(&self.db).await?.len();
        Migrator::up(&self.db, None).await?;
        // Seed 003's tools are offered on every database, demo or not.
        let txn = self.write().await?;
        repo::assessments::ensure_templates(&txn)
            .await
            .map_err(|e| match e {
                repo::assessments::AssessmentError::Store(e) => e,
                other => StoreError::Invalid(other.to_string()),
            })?;
        txn.commit().await?;
        Ok(MigrationReport { applied: pending })
    }

    async fn refuse_newer_schema(&self) -> Result<(), StoreError> {
        let known: Vec<String> = Migrator::migrations()
            .iter()
            .map(|m| m.name().to_owned())
            .collect();
        let applied = Migrator::get_migration_models(&self.db).await?;
        let unknown: Vec<String> = applied
            .into_iter()
            .map(|m| m.version)
            .filter(|v| !known.contains(v))
            .collect();
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(StoreError::DatabaseNewer { unknown })
        }
    }

    pub fn conn(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Begins a transaction that will write. On SQLite it is `BEGIN
    /// IMMEDIATE`: the write lock is taken at once, so concurrent writers
    /// queue on the busy timeout. A deferred transaction that reads first and
    /// writes later cannot wait for another writer (SQLITE_BUSY_SNAPSHOT) and
    /// would fail at once with « database is locked ». PostgreSQL takes row
    /// locks as it goes; it needs nothing here.
    pub async fn write(&self) -> Result<DatabaseTransaction, StoreError> {
        let options = TransactionOptions {
            sqlite_transaction_mode: (self.backend() == Backend::Sqlite)
                .then_some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        Ok(self.db.begin_with_options(options).await?)
    }

    /// This store on the same pool, counting every statement it sends (in
    /// or out of transactions) from now on. Tests use it to check that an
    /// operation's statement count does not grow with its input's size.
    #[must_use]
    pub fn counting_statements(&self) -> (Store, Arc<AtomicUsize>) {
        let count = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&count);
        let mut db = self.db.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        (Store { db }, count)
    }

    pub fn backend(&self) -> Backend {
        match self.db.get_database_backend() {
            DatabaseBackend::Postgres => Backend::Postgres,
            _ => Backend::Sqlite,
        }
    }

    /// Whether the database answers a trivial query (`/readyz`).
    pub async fn ping(&self) -> bool {
        self.db.execute_unprepared("SELECT 1").await.is_ok()
    }

    pub async fn close(self) {
        let _ = self.db.close().await;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MigrationReport {
    pub applied: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl(redact_url(url)))
        }
    }
}

/// The file path of a `sqlite://PATH?…` URL (none for in-memory databases).
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        None
    } else {
        Some(PathBuf::from(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(Backend::of_url("sqlite://x.db").unwrap(), Backend::Sqlite);
        assert_eq!(
            Backend::of_url("postgres://a@b/c").unwrap(),
            Backend::Postgres
        );
        assert!(Backend::of_url("mysql://a@b/c").is_err());
        assert_eq!(
            redact_url("postgres://u:secret@h/db"),
            "postgres://u:***@h/db"
        );
        assert_eq!(
            sqlite_path("sqlite:///tmp/a/b.db?mode=rwc"),
            Some(PathBuf::from("/tmp/a/b.db"))
        );
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
