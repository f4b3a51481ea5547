//! Siblings kept in order by a `position` column (orientations, strategies,
//! actions, pathways, teams, canvas and survey questions): the one way
//! every area renumbers them and moves one up or down.

use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use uuid::Uuid;

use crate::StoreError;

/// The index of the neighbour one `step` away, if inside `0..len`.
pub fn neighbour(at: usize, step: i32, len: usize) -> Option<usize> {
    let to = i64::try_from(at).ok()? + i64::from(step);
    usize::try_from(to).ok().filter(|to| *to < len && *to != at)
}

pub(crate) fn position(i: usize) -> i32 {
    i32::try_from(i).unwrap_or(i32::MAX)
}

/// Gives the rows `ids` of `table` the positions 0, 1, 2… in that order.
pub(crate) async fn renumber<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    ids: &[Uuid],
) -> Result<(), StoreError> {
    for (i, id) in ids.iter().enumerate() {
        conn.execute(
            &Query::update()
                .table(Alias::new(table))
                .value(Alias::new("position"), position(i))
                .and_where(Expr::col(Alias::new("id")).eq(*id))
                .to_owned(),
        )
        .await?;
    }
    Ok(())
}

/// Moves `id` one place among `siblings` (in their order) and renumbers.
pub(crate) async fn move_among<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    mut siblings: Vec<Uuid>,
    id: Uuid,
    step: i32,
) -> Result<(), StoreError> {
    let at = siblings
        .iter()
        .position(|s| *s == id)
        .ok_or(StoreError::NotFound)?;
    if let Some(to) = neighbour(at, step, siblings.len()) {
        siblings.swap(at, to);
        renumber(conn, table, &siblings).await?;
    }
    Ok(())
}
