//! API tokens: a script acts as an account through `Authorization: Bearer`.
//! Only the digest of a token is kept, like sessions. The addresses a token
//! was used from are kept so that the first use from a new one is audited
//! once, not on every request.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    string, string_null, timestamp_with_time_zone, timestamp_with_time_zone_null, uuid,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    Name,
    Scope,
    TokenDigest,
    CreatedAt,
    ExpiresAt,
    LastUsedAt,
    LastUsedIp,
    RevokedAt,
}

#[derive(DeriveIden)]
enum ApiTokenAddresses {
    Table,
    TokenId,
    Ip,
    FirstSeenAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ApiTokens::Table)
                .col(uuid(ApiTokens::Id).primary_key())
                .col(uuid(ApiTokens::UserId))
                .col(string(ApiTokens::Name))
                .col(string(ApiTokens::Scope))
                .col(string(ApiTokens::TokenDigest).unique_key())
                .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                .col(string_null(ApiTokens::LastUsedIp))
                .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_api_tokens_user")
                        .from(ApiTokens::Table, ApiTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_api_tokens_user")
                .table(ApiTokens::Table)
                .col(ApiTokens::UserId)
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ApiTokenAddresses::Table)
                .col(uuid(ApiTokenAddresses::TokenId))
                .col(string(ApiTokenAddresses::Ip))
                .col(timestamp_with_time_zone(ApiTokenAddresses::FirstSeenAt))
                .primary_key(
                    Index::create()
                        .col(ApiTokenAddresses::TokenId)
                        .col(ApiTokenAddresses::Ip),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_api_token_addresses_token")
                        .from(ApiTokenAddresses::Table, ApiTokenAddresses::TokenId)
                        .to(ApiTokens::Table, ApiTokens::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ApiTokenAddresses::Table.into_iden(),
            ApiTokens::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
