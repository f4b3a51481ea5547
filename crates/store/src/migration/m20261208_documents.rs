//! Uploaded documents (an evaluation's report, a toolkit activity's
//! attachment), kept in the database so that a backup of the database is a
//! backup of everything and both backends behave alike.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_integer, blob, string, timestamp_with_time_zone, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
    FileName,
    MediaType,
    Size,
    Bytes,
    CreatedBy,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Documents::Table)
                .col(uuid(Documents::Id).primary_key())
                .col(string(Documents::FileName))
                .col(string(Documents::MediaType))
                .col(big_integer(Documents::Size))
                .col(blob(Documents::Bytes))
                .col(uuid_null(Documents::CreatedBy))
                .col(timestamp_with_time_zone(Documents::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_documents_user")
                        .from(Documents::Table, Documents::CreatedBy)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Documents::Table).to_owned())
            .await
    }
}
