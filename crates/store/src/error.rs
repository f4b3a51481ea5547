use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot reach the database at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("unsupported database URL `{0}` (expected sqlite://… or postgres://…)")]
    UnsupportedUrl(String),
    #[error("cannot use the data directory {}: {reason}", path.display())]
    DataDir { path: PathBuf, reason: String },
    #[error(
        "the database was migrated by a newer maillage (unknown migrations: {}); \
         upgrade maillage before using this database",
        unknown.join(", ")
    )]
    DatabaseNewer { unknown: Vec<String> },
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
}

impl<E> From<sea_orm::TransactionError<E>> for StoreError
where
    E: Into<StoreError> + std::error::Error,
{
    fn from(e: sea_orm::TransactionError<E>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => StoreError::Db(db),
            sea_orm::TransactionError::Transaction(inner) => inner.into(),
        }
    }
}
