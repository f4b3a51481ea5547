//! Multi-row inserts for imports: one statement per chunk of rows instead
//! of one per row, so that an import's statement count does not grow with
//! its size (beyond the chunks) and its write transaction stays short.

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, Query};

use crate::StoreError;

/// Bind parameters one statement may carry: under SQLite's limit (32,766
/// since 3.32) and PostgreSQL's (65,535), with room to spare.
pub(crate) const MAX_PARAMETERS: usize = 30_000;

/// Inserts `rows` (one value per column, in `columns` order) into `table`,
/// as few statements as the parameter limit allows.
pub(crate) async fn insert_rows<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Expr>>,
) -> Result<(), StoreError> {
    let per_statement = rows_per_statement(columns.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new(table))
            .columns(columns.iter().map(|c| Alias::new(*c)));
        for row in rows.by_ref().take(per_statement) {
            insert.values_panic(row);
        }
        conn.execute(&insert).await?;
    }
    Ok(())
}

/// Rows of `columns` values one statement carries.
fn rows_per_statement(columns: usize) -> usize {
    (MAX_PARAMETERS / columns.max(1)).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_stay_under_both_parameter_limits() {
        for columns in 1..=40 {
            let rows = rows_per_statement(columns);
            assert!(rows >= 1);
            assert!(rows * columns <= 32_766, "{columns} columns");
        }
        assert_eq!(rows_per_statement(18), 1_666);
    }
}
