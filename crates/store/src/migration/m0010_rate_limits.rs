//! Writes counted per client address and kind, for the limits on what
//! anonymous visitors may send (registrations, answers, declared links).
//! Kept in the database, like `login_attempts`, so that every node behind a
//! load balancer sees the same count.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{big_pk_auto, string, timestamp_with_time_zone};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateLimitHits {
    Table,
    Id,
    Bucket,
    Client,
    At,
}

const INDEX: &str = "ix_rate_limit_hits_bucket_client_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RateLimitHits::Table)
                .col(big_pk_auto(RateLimitHits::Id))
                .col(string(RateLimitHits::Bucket))
                .col(string(RateLimitHits::Client))
                .col(timestamp_with_time_zone(RateLimitHits::At))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name(INDEX)
                .table(RateLimitHits::Table)
                .col(RateLimitHits::Bucket)
                .col(RateLimitHits::Client)
                .col(RateLimitHits::At)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RateLimitHits::Table).to_owned())
            .await
    }
}
