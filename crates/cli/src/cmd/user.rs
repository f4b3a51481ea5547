//! `maillage user add`.

use std::io::{BufRead, Write};

use maillage_domain::{Email, Role, password};
use maillage_store::StoreError;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::{accounts, groupings};

use super::{open_store, print_json};
use crate::config::Config;
use crate::{CliError, UserAddArgs};

pub async fn add(config: &Config, args: UserAddArgs) -> Result<(), CliError> {
    let email = Email::parse(&args.email).map_err(|e| CliError::Usage(e.to_string()))?;
    let role = Role::from(args.role);
    if role == Role::Admin && args.grouping.is_some() {
        return Err(CliError::Usage(
            "--grouping does not apply to the admin role".into(),
        ));
    }
    if role.is_scoped() && args.grouping.is_none() {
        return Err(CliError::Usage(format!(
            "--grouping SLUG is required for the role {role}"
        )));
    }
    let display_name = args.name.clone().unwrap_or_else(|| {
        email
            .as_str()
            .split('@')
            .next()
            .unwrap_or_default()
            .to_owned()
    });
    if display_name.trim().is_empty() || display_name.chars().count() > 120 {
        return Err(CliError::Usage(
            "--name must have 1 to 120 characters".into(),
        ));
    }
    let (password, one_time) = if args.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| CliError::Usage(format!("cannot read the password from stdin: {e}")))?;
        let line = line.trim_end_matches(['\r', '\n']).to_owned();
        password::check_policy(&line, email.as_str())
            .map_err(|e| CliError::Usage(e.to_string()))?;
        (line, false)
    } else {
        (password::generate_one_time(), true)
    };

    let store = open_store(config).await?;
    let grouping = match &args.grouping {
        Some(slug) => Some(
            groupings::find_by_slug(store.conn(), slug)
                .await?
                .ok_or_else(|| CliError::Refused(format!("no grouping has the slug `{slug}`")))?,
        ),
        None => None,
    };
    let hash = password::hash(&password).map_err(|e| CliError::Refused(e.to_string()))?;
    let created = accounts::create_user(
        &store,
        &Actor::system(),
        accounts::NewUser {
            email: email.clone(),
            display_name,
            password_hash: hash,
            role,
            grouping_id: grouping.as_ref().map(|g| g.id),
            must_change_password: one_time,
        },
    )
    .await
    .map_err(|e| match e {
        e @ StoreError::EmailTaken(_) => CliError::Refused(e.to_string()),
        other => other.into(),
    })?;
    store.close().await;

    if args.json {
        print_json(&serde_json::json!({
            "id": created.id,
            "email": created.email,
            "role": role.as_str(),
            "grouping": args.grouping,
            "one_time_password": one_time.then_some(&password),
        }));
    } else if one_time {
        eprintln!("account created for {email} ({role})");
        eprintln!("one-time password (to replace at first sign-in):");
        let _ = writeln!(std::io::stdout().lock(), "{password}");
    } else {
        eprintln!("account created for {email} ({role})");
    }
    Ok(())
}
