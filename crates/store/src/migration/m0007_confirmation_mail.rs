//! The confirmation e-mail's outcome on each registration: when it was
//! sent, or why the mail server refused it, and the language it was
//! written in (a resend keeps the registrant's language, not the
//! coordinator's). All empty when no SMTP server is configured.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{string_null, text_null, timestamp_with_time_zone_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Registrations {
    Table,
    ConfirmationLang,
    ConfirmationSentAt,
    ConfirmationError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        for column in [
            string_null(Registrations::ConfirmationLang),
            timestamp_with_time_zone_null(Registrations::ConfirmationSentAt),
            text_null(Registrations::ConfirmationError),
        ] {
            m.alter_table(
                Table::alter()
                    .table(Registrations::Table)
                    .add_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Registrations::ConfirmationLang,
            Registrations::ConfirmationSentAt,
            Registrations::ConfirmationError,
        ] {
            m.alter_table(
                Table::alter()
                    .table(Registrations::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
