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
    /// Someone saved the record after the form was read (its version moved),
    /// or a proposal was decided meanwhile: nothing changed.
    #[error("the {0} was saved by someone else since it was read")]
    Stale(&'static str),
    #[error("the event already has a session on that date")]
    SessionDateTaken,
    #[error("the address (slug) {0} is taken")]
    SlugTaken(String),
    #[error("an account already exists for {0}")]
    EmailTaken(String),
    /// The change would leave no active administrator.
    #[error("the last active administrator cannot lose the role or be deactivated")]
    LastAdministrator,
    #[error("you cannot deactivate your own account")]
    OwnAccount,
    /// The parent chosen for a grouping is one of its descendants.
    #[error("a grouping cannot be placed under itself or one of its descendants")]
    GroupingCycle,
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
