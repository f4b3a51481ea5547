//! The one migration set, run on SQLite and PostgreSQL alike.
//!
//! Migrations only use sea-query's portable schema statements so that both
//! backends get the same tables; a migration, once released, never changes.

use sea_orm_migration::prelude::*;

mod m0001_foundation;
pub mod m0002_directory;
mod m0003_plans;
mod m0004_events;
mod m0005_network;
mod m0006_attendance_by_session;
mod m0007_confirmation_mail;
mod m0008_unique_checkin;
mod m0009_api_tokens;
mod m0010_rate_limits;
mod m20261207_live_rooms;
mod m20261207_public_password_resets;
mod m20261208_assessments;
mod m20261208_documents;
mod m20261208_evaluations;
mod m20261208_toolkits;
mod m20261209_referrals;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_foundation::Migration),
            Box::new(m0002_directory::Migration),
            Box::new(m0003_plans::Migration),
            Box::new(m0004_events::Migration),
            Box::new(m0005_network::Migration),
            Box::new(m0006_attendance_by_session::Migration),
            Box::new(m0007_confirmation_mail::Migration),
            Box::new(m0008_unique_checkin::Migration),
            Box::new(m0009_api_tokens::Migration),
            Box::new(m0010_rate_limits::Migration),
            Box::new(m20261207_public_password_resets::Migration),
            Box::new(m20261207_live_rooms::Migration),
            Box::new(m20261208_documents::Migration),
            Box::new(m20261208_assessments::Migration),
            Box::new(m20261208_evaluations::Migration),
            Box::new(m20261208_toolkits::Migration),
            Box::new(m20261209_referrals::Migration),
        ]
    }
}
