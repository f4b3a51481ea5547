//! Declared links: after an event, a participant says with which
//! organizations present their organization made a new contact, exchanged
//! information, planned a collaboration or formalized a partnership.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{integer, string, timestamp_with_time_zone, uuid, uuid_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DeclaredLinks {
    Table,
    Id,
    EventId,
    RegistrationId,
    FromOrganizationId,
    ToOrganizationId,
    Level,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(DeclaredLinks::Table)
                .col(uuid(DeclaredLinks::Id).primary_key())
                .col(uuid(DeclaredLinks::EventId))
                .col(uuid_null(DeclaredLinks::RegistrationId))
                .col(string(DeclaredLinks::FromOrganizationId))
                .col(string(DeclaredLinks::ToOrganizationId))
                // 1 connaissance, 2 échange d'information, 3 collaboration,
                // 4 partenariat formel (the PARTNER tool's levels).
                .col(integer(DeclaredLinks::Level))
                .col(timestamp_with_time_zone(DeclaredLinks::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_declared_links_event")
                        .from(DeclaredLinks::Table, DeclaredLinks::EventId)
                        .to(Events::Table, Events::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_declared_links_registration")
                        .from(DeclaredLinks::Table, DeclaredLinks::RegistrationId)
                        .to(Registrations::Table, Registrations::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_declared_links_from")
                        .from(DeclaredLinks::Table, DeclaredLinks::FromOrganizationId)
                        .to(Organizations::Table, Organizations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_declared_links_to")
                        .from(DeclaredLinks::Table, DeclaredLinks::ToOrganizationId)
                        .to(Organizations::Table, Organizations::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_declared_links_event")
                .table(DeclaredLinks::Table)
                .col(DeclaredLinks::EventId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(DeclaredLinks::Table).to_owned())
            .await
    }
}
