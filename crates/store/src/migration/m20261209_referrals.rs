//! Referrals between organizations (issue 18, DESIGN.md §4 *Referrals*).
//!
//! The person's data lives in its own table, `referral_people`, one row per
//! referral: purging a referral deletes that row (and empties the free
//! texts of its history), while `referrals` keeps ids, dates, statuses,
//! organizations and services for the statistics. On SQLite the
//! connection runs with `secure_delete`, so the deleted bytes are
//! overwritten, not left in free pages.
//!
//! `service_referral_settings` is what a service publishes about taking
//! referrals (criteria, delay to acknowledge, waiting list, named fields it
//! asks for); it is maillage's own, beside the HSDS `services` table, so
//! the HSDS export stays the standard's.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, date, integer, integer_null, string, string_null, text, text_null,
    timestamp_with_time_zone, timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Groupings {
    Table,
    Id,
    ReferralRetentionMonths,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ServiceReferralSettings {
    Table,
    ServiceId,
    AcceptsReferrals,
    Criteria,
    AckDays,
    WaitingWeeks,
    AskedFields,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum Referrals {
    Table,
    Id,
    GroupingId,
    FromOrganizationId,
    FromUserId,
    ToOrganizationId,
    ServiceId,
    ServiceName,
    RedirectedFrom,
    ReasonTermId,
    Reason,
    Urgency,
    Status,
    DeclineReason,
    Obstacle,
    ConsentGivenBy,
    ConsentShared,
    ConsentUntil,
    ConsentAt,
    SentAt,
    DueAt,
    AcknowledgedAt,
    ClosedAt,
    UpdatedAt,
    PurgedAt,
    Version,
}

#[derive(DeriveIden)]
enum ReferralPeople {
    Table,
    ReferralId,
    FirstName,
    Contact,
    Language,
    AgeGroup,
    Extra,
    Note,
}

#[derive(DeriveIden)]
enum ReferralEvents {
    Table,
    Id,
    ReferralId,
    At,
    ActorId,
    ActorName,
    Side,
    FromStatus,
    ToStatus,
    Reason,
    Comment,
    ToServiceId,
    ToReferralId,
}

#[derive(DeriveIden)]
enum ReferralNotifications {
    Table,
    Id,
    UserId,
    ReferralId,
    Status,
    CreatedAt,
    ReadAt,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .on_update(ForeignKeyAction::Cascade)
        .to_owned()
}

fn index(name: &str, table: impl IntoIden, cols: Vec<Referrals>) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(c);
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    #[expect(
        clippy::too_many_lines,
        reason = "one table after the other, read top to bottom"
    )]
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Groupings::Table)
                .add_column(integer(Groupings::ReferralRetentionMonths).default(12))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ServiceReferralSettings::Table)
                .col(string(ServiceReferralSettings::ServiceId).primary_key())
                .col(boolean(ServiceReferralSettings::AcceptsReferrals))
                .col(text_null(ServiceReferralSettings::Criteria))
                .col(integer(ServiceReferralSettings::AckDays))
                .col(integer_null(ServiceReferralSettings::WaitingWeeks))
                // A JSON array of the named fields the service asks for.
                .col(text(ServiceReferralSettings::AskedFields))
                .col(timestamp_with_time_zone(ServiceReferralSettings::UpdatedAt))
                .col(uuid_null(ServiceReferralSettings::UpdatedBy))
                .foreign_key(&mut fk(
                    "fk_service_referral_settings_service",
                    (
                        ServiceReferralSettings::Table,
                        ServiceReferralSettings::ServiceId,
                    ),
                    (Services::Table, Services::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_service_referral_settings_user",
                    (
                        ServiceReferralSettings::Table,
                        ServiceReferralSettings::UpdatedBy,
                    ),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Referrals::Table)
                .col(uuid(Referrals::Id).primary_key())
                .col(uuid(Referrals::GroupingId))
                .col(string(Referrals::FromOrganizationId))
                .col(uuid_null(Referrals::FromUserId))
                .col(string(Referrals::ToOrganizationId))
                // No foreign key to `services`: the statistics outlive a
                // service removed from the directory, with its name.
                .col(string(Referrals::ServiceId))
                .col(string(Referrals::ServiceName))
                .col(uuid_null(Referrals::RedirectedFrom))
                .col(string_null(Referrals::ReasonTermId))
                // The term's name, or the free text typed (emptied by the
                // purge when no term names it).
                .col(string_null(Referrals::Reason))
                .col(string(Referrals::Urgency))
                .col(string(Referrals::Status))
                .col(string_null(Referrals::DeclineReason))
                .col(string_null(Referrals::Obstacle))
                .col(string(Referrals::ConsentGivenBy))
                .col(string(Referrals::ConsentShared))
                .col(date(Referrals::ConsentUntil))
                .col(timestamp_with_time_zone(Referrals::ConsentAt))
                .col(timestamp_with_time_zone(Referrals::SentAt))
                .col(timestamp_with_time_zone(Referrals::DueAt))
                .col(timestamp_with_time_zone_null(Referrals::AcknowledgedAt))
                .col(timestamp_with_time_zone_null(Referrals::ClosedAt))
                .col(timestamp_with_time_zone(Referrals::UpdatedAt))
                .col(timestamp_with_time_zone_null(Referrals::PurgedAt))
                .col(integer(Referrals::Version).default(1))
                .foreign_key(&mut fk(
                    "fk_referrals_grouping",
                    (Referrals::Table, Referrals::GroupingId),
                    (Groupings::Table, Groupings::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_referrals_from_organization",
                    (Referrals::Table, Referrals::FromOrganizationId),
                    (Organizations::Table, Organizations::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_referrals_to_organization",
                    (Referrals::Table, Referrals::ToOrganizationId),
                    (Organizations::Table, Organizations::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_referrals_user",
                    (Referrals::Table, Referrals::FromUserId),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_referrals_redirected_from",
                    (Referrals::Table, Referrals::RedirectedFrom),
                    (Referrals::Table, Referrals::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            (
                "ix_referrals_service",
                vec![Referrals::ServiceId, Referrals::SentAt],
            ),
            (
                "ix_referrals_to_organization",
                vec![Referrals::ToOrganizationId, Referrals::SentAt],
            ),
            (
                "ix_referrals_from_organization",
                vec![Referrals::FromOrganizationId, Referrals::SentAt],
            ),
            (
                "ix_referrals_grouping",
                vec![Referrals::GroupingId, Referrals::SentAt],
            ),
            // The purge's scan: closed, not yet purged, oldest first.
            (
                "ix_referrals_purge",
                vec![Referrals::PurgedAt, Referrals::ClosedAt],
            ),
            (
                "ix_referrals_redirected_from",
                vec![Referrals::RedirectedFrom],
            ),
        ] {
            m.create_index(index(name, Referrals::Table, cols)).await?;
        }

        m.create_table(
            Table::create()
                .table(ReferralPeople::Table)
                .col(uuid(ReferralPeople::ReferralId).primary_key())
                .col(string(ReferralPeople::FirstName))
                .col(string(ReferralPeople::Contact))
                .col(string(ReferralPeople::Language))
                .col(string_null(ReferralPeople::AgeGroup))
                // A JSON object of the named fields the service asked for.
                .col(text_null(ReferralPeople::Extra))
                .col(text_null(ReferralPeople::Note))
                .foreign_key(&mut fk(
                    "fk_referral_people_referral",
                    (ReferralPeople::Table, ReferralPeople::ReferralId),
                    (Referrals::Table, Referrals::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ReferralEvents::Table)
                .col(uuid(ReferralEvents::Id).primary_key())
                .col(uuid(ReferralEvents::ReferralId))
                .col(timestamp_with_time_zone(ReferralEvents::At))
                .col(uuid_null(ReferralEvents::ActorId))
                // The staff member who signed the change, as named then.
                .col(string(ReferralEvents::ActorName))
                .col(string(ReferralEvents::Side))
                .col(string_null(ReferralEvents::FromStatus))
                .col(string(ReferralEvents::ToStatus))
                .col(string_null(ReferralEvents::Reason))
                // Free text: emptied by the purge.
                .col(text_null(ReferralEvents::Comment))
                .col(string_null(ReferralEvents::ToServiceId))
                .col(uuid_null(ReferralEvents::ToReferralId))
                .foreign_key(&mut fk(
                    "fk_referral_events_referral",
                    (ReferralEvents::Table, ReferralEvents::ReferralId),
                    (Referrals::Table, Referrals::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_referral_events_user",
                    (ReferralEvents::Table, ReferralEvents::ActorId),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_referral_events_referral")
                .table(ReferralEvents::Table)
                .col(ReferralEvents::ReferralId)
                .col(ReferralEvents::At)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ReferralNotifications::Table)
                .col(uuid(ReferralNotifications::Id).primary_key())
                .col(uuid(ReferralNotifications::UserId))
                .col(uuid(ReferralNotifications::ReferralId))
                .col(string(ReferralNotifications::Status))
                .col(timestamp_with_time_zone(ReferralNotifications::CreatedAt))
                .col(timestamp_with_time_zone_null(ReferralNotifications::ReadAt))
                .foreign_key(&mut fk(
                    "fk_referral_notifications_user",
                    (ReferralNotifications::Table, ReferralNotifications::UserId),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_referral_notifications_referral",
                    (
                        ReferralNotifications::Table,
                        ReferralNotifications::ReferralId,
                    ),
                    (Referrals::Table, Referrals::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_referral_notifications_user")
                .table(ReferralNotifications::Table)
                .col(ReferralNotifications::UserId)
                .col(ReferralNotifications::ReadAt)
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ReferralNotifications::Table.into_iden(),
            ReferralEvents::Table.into_iden(),
            ReferralPeople::Table.into_iden(),
            Referrals::Table.into_iden(),
            ServiceReferralSettings::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        m.alter_table(
            Table::alter()
                .table(Groupings::Table)
                .drop_column(Groupings::ReferralRetentionMonths)
                .to_owned(),
        )
        .await
    }
}
