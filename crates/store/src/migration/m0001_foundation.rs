//! Accounts, sessions, audit and change logs, and the minimal organization
//! and grouping rows that roles are scoped to (later migrations extend them).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_pk_auto, boolean, string, string_null, text_null, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
    Name,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Groupings {
    Table,
    Id,
    Slug,
    Name,
    Kind,
    ParentId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    GroupingId,
    OrganizationId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    IsAdmin,
    Active,
    MustChangePassword,
    CreatedAt,
    UpdatedAt,
    LastLoginAt,
}

#[derive(DeriveIden)]
enum UserGroupingRoles {
    Table,
    UserId,
    GroupingId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    UserId,
    CsrfToken,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    Ip,
    UserAgent,
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    Email,
    Ip,
    Success,
    At,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    Action,
    Target,
    Ip,
    Detail,
}

#[derive(DeriveIden)]
enum ChangeLog {
    Table,
    Id,
    TableName,
    RowId,
    Op,
    At,
    GroupingId,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    #[expect(
        clippy::too_many_lines,
        reason = "a migration is one schema step, applied once and never edited: its `up` reads as the list of the tables it creates (accounts, sessions, sign-in attempts, audit and change logs, the organization and grouping rows roles hang on), in order"
    )]
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Organizations::Table)
                // Text: HSDS ids are kept exactly as imported.
                .col(string(Organizations::Id).primary_key())
                .col(string(Organizations::Name))
                .col(timestamp_with_time_zone(Organizations::CreatedAt))
                .col(timestamp_with_time_zone(Organizations::UpdatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Groupings::Table)
                .col(uuid(Groupings::Id).primary_key())
                .col(string(Groupings::Slug).unique_key())
                .col(string(Groupings::Name))
                .col(string(Groupings::Kind))
                .col(uuid_null(Groupings::ParentId))
                .col(timestamp_with_time_zone(Groupings::CreatedAt))
                .col(timestamp_with_time_zone(Groupings::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_groupings_parent")
                        .from(Groupings::Table, Groupings::ParentId)
                        .to(Groupings::Table, Groupings::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Memberships::Table)
                .col(uuid(Memberships::GroupingId))
                .col(string(Memberships::OrganizationId))
                .col(timestamp_with_time_zone(Memberships::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(Memberships::GroupingId)
                        .col(Memberships::OrganizationId),
                )
                .foreign_key(&mut fk(
                    "fk_memberships_grouping",
                    (Memberships::Table, Memberships::GroupingId),
                    (Groupings::Table, Groupings::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_memberships_organization",
                    (Memberships::Table, Memberships::OrganizationId),
                    (Organizations::Table, Organizations::Id),
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(uuid(Users::Id).primary_key())
                .col(string(Users::Email).unique_key())
                .col(string(Users::DisplayName))
                .col(string(Users::PasswordHash))
                .col(boolean(Users::IsAdmin))
                .col(boolean(Users::Active))
                .col(boolean(Users::MustChangePassword))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .col(timestamp_with_time_zone(Users::UpdatedAt))
                .col(timestamp_with_time_zone_null(Users::LastLoginAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(UserGroupingRoles::Table)
                .col(uuid(UserGroupingRoles::UserId))
                .col(uuid(UserGroupingRoles::GroupingId))
                .col(string(UserGroupingRoles::Role))
                .col(timestamp_with_time_zone(UserGroupingRoles::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(UserGroupingRoles::UserId)
                        .col(UserGroupingRoles::GroupingId),
                )
                .foreign_key(&mut fk(
                    "fk_user_grouping_roles_user",
                    (UserGroupingRoles::Table, UserGroupingRoles::UserId),
                    (Users::Table, Users::Id),
                ))
                .foreign_key(&mut fk(
                    "fk_user_grouping_roles_grouping",
                    (UserGroupingRoles::Table, UserGroupingRoles::GroupingId),
                    (Groupings::Table, Groupings::Id),
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(string(Sessions::Id).primary_key())
                .col(uuid(Sessions::UserId))
                .col(string(Sessions::CsrfToken))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                .col(string_null(Sessions::Ip))
                .col(string_null(Sessions::UserAgent))
                .foreign_key(&mut fk(
                    "fk_sessions_user",
                    (Sessions::Table, Sessions::UserId),
                    (Users::Table, Users::Id),
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_sessions_user")
                .table(Sessions::Table)
                .col(Sessions::UserId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LoginAttempts::Table)
                .col(big_pk_auto(LoginAttempts::Id))
                .col(string(LoginAttempts::Email))
                .col(string(LoginAttempts::Ip))
                .col(boolean(LoginAttempts::Success))
                .col(timestamp_with_time_zone(LoginAttempts::At))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("ix_login_attempts_email", LoginAttempts::Email),
            ("ix_login_attempts_ip", LoginAttempts::Ip),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(LoginAttempts::Table)
                    .col(col)
                    .col(LoginAttempts::At)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(big_pk_auto(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(uuid_null(AuditLog::ActorId))
                .col(string(AuditLog::Action))
                .col(string_null(AuditLog::Target))
                .col(string_null(AuditLog::Ip))
                .col(text_null(AuditLog::Detail))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ChangeLog::Table)
                .col(big_pk_auto(ChangeLog::Id))
                .col(string(ChangeLog::TableName))
                .col(string(ChangeLog::RowId))
                .col(string(ChangeLog::Op))
                .col(timestamp_with_time_zone(ChangeLog::At))
                .col(uuid_null(ChangeLog::GroupingId))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ChangeLog::Table.into_iden(),
            AuditLog::Table.into_iden(),
            LoginAttempts::Table.into_iden(),
            Sessions::Table.into_iden(),
            UserGroupingRoles::Table.into_iden(),
            Users::Table.into_iden(),
            Memberships::Table.into_iden(),
            Groupings::Table.into_iden(),
            Organizations::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
