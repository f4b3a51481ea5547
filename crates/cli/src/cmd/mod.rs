//! One module per command.

pub mod attendance;
pub mod demo;
pub mod generate;
pub mod graph;
pub mod hsds;
pub mod plan;
pub mod referrals;
pub mod search;
pub mod serve;
pub mod token;
pub mod user;

use maillage_store::Store;

use crate::CliError;
use crate::config::Config;

/// Every command starts here: data directory ready, database migrated.
pub async fn open_store(config: &Config) -> Result<Store, CliError> {
    config.prepare_data_dir()?;
    Ok(Store::open_and_migrate(&config.database_url).await?)
}

/// Prints exactly one JSON document on stdout.
pub fn print_json(value: &serde_json::Value) {
    use std::io::Write;
    // A closed pipe (`maillage … --json | head`) is the reader's choice, not
    // an error worth a panic.
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_owned());
    let _ = writeln!(std::io::stdout().lock(), "{text}");
}

pub async fn migrate(config: &Config, json: bool) -> Result<(), CliError> {
    config.prepare_data_dir()?;
    let store = Store::connect(&config.database_url).await?;
    let report = store.migrate().await?;
    if json {
        print_json(&serde_json::json!({"applied": report.applied}));
    } else {
        eprintln!(
            "database up to date ({} applied now)",
            maillage_domain::numbers::counted(
                report.applied,
                "migration",
                "migrations",
                maillage_domain::numbers::Language::English
            )
        );
    }
    store.close().await;
    Ok(())
}
