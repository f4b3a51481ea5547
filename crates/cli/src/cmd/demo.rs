//! `maillage demo`: the demo territory of the seed documents.

use maillage_domain::{Email, password};
use maillage_store::Store;
use maillage_store::repo::accounts;

use super::{open_store, print_json};
use crate::CliError;
use crate::config::Config;

pub const DEMO_ADMIN_EMAIL: &str = "admin@maillage.example";

pub struct DemoLogin {
    pub email: String,
    pub password: String,
}

/// Loads the demo territory and (re)sets the demo administrator's password.
pub async fn load(
    store: &Store,
) -> Result<(maillage_store::demo::DemoReport, DemoLogin), CliError> {
    let report = maillage_store::demo::load(store).await?;
    let password = password::generate_one_time();
    let hash = password::hash(&password).map_err(|e| CliError::Refused(e.to_string()))?;
    let email = Email::parse(DEMO_ADMIN_EMAIL).expect("valid demo e-mail");
    accounts::ensure_admin(store, &email, "Admin démo", hash).await?;
    Ok((
        report,
        DemoLogin {
            email: DEMO_ADMIN_EMAIL.to_owned(),
            password,
        },
    ))
}

pub fn print_login(login: &DemoLogin) {
    eprintln!("Demo administrator / administrateur de démo:");
    eprintln!("  e-mail / courriel: {}", login.email);
    eprintln!("  password / mot de passe: {}", login.password);
}

pub async fn run(config: &Config, json: bool) -> Result<(), CliError> {
    let store = open_store(config).await?;
    let (report, login) = load(&store).await?;
    if json {
        print_json(&serde_json::json!({
            "organizations": report.organizations,
            "groupings": report.groupings,
            "admin": {"email": login.email, "password": login.password},
        }));
    } else {
        eprintln!(
            "demo territory loaded: {} organizations, {} groupings",
            report.organizations, report.groupings
        );
        print_login(&login);
    }
    store.close().await;
    Ok(())
}
