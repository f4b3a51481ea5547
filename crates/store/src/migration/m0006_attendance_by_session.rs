//! Attendance looked up by session: check-in ("is this registrant already
//! marked at this session?") and first-time organizations (attendance of a
//! grouping's earlier sessions) scanned the whole table without it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attendance {
    Table,
    SessionId,
    RegistrationId,
}

const INDEX: &str = "ix_attendance_session_registration";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name(INDEX)
                .table(Attendance::Table)
                .col(Attendance::SessionId)
                .col(Attendance::RegistrationId)
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
        .await
    }
}
