//! A registrant is present at most once per session: the index of m0006
//! becomes unique, so that check-in is one `insert … on conflict do
//! nothing` instead of a count then an insert in a transaction. Rows of
//! grids and walk-ins have no registration, and NULLs never collide in a
//! unique index (SQLite and PostgreSQL alike), so they are not limited.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attendance {
    Table,
    Id,
    SessionId,
    RegistrationId,
}

const OLD_INDEX: &str = "ix_attendance_session_registration";
const INDEX: &str = "ux_attendance_session_registration";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Check-in never wrote a registrant twice, but a concurrent double
        // click could have before this index: keep the first row of each.
        let first_rows = Query::select()
            .expr(Expr::col(Attendance::Id).min())
            .from(Attendance::Table)
            .and_where(Expr::col(Attendance::RegistrationId).is_not_null())
            .group_by_columns([Attendance::SessionId, Attendance::RegistrationId])
            .to_owned();
        m.exec_stmt(
            Query::delete()
                .from_table(Attendance::Table)
                .and_where(Expr::col(Attendance::RegistrationId).is_not_null())
                .and_where(Expr::col(Attendance::Id).not_in_subquery(first_rows))
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name(OLD_INDEX)
                .table(Attendance::Table)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(INDEX)
                .table(Attendance::Table)
                .col(Attendance::SessionId)
                .col(Attendance::RegistrationId)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name(INDEX)
                .table(Attendance::Table)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(OLD_INDEX)
                .table(Attendance::Table)
                .col(Attendance::SessionId)
                .col(Attendance::RegistrationId)
                .to_owned(),
        )
        .await
    }
}
