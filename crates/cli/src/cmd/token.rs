//! `maillage token create`.

use std::io::Write;

use maillage_domain::{Email, token};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::{accounts, api_tokens};

use super::{open_store, print_json};
use crate::config::Config;
use crate::{CliError, TokenCreateArgs};

pub async fn create(config: &Config, args: TokenCreateArgs) -> Result<(), CliError> {
    let email = Email::parse(&args.user).map_err(|e| CliError::Usage(format!("--user: {e}")))?;
    let name = match &args.name {
        Some(raw) => {
            token::api_token_name(raw).map_err(|e| CliError::Usage(format!("--name: {e}")))?
        }
        None => "cli".to_owned(),
    };
    let scope = token::ApiScope::from(args.scope);

    let store = open_store(config).await?;
    let user = accounts::find_by_email(store.conn(), &email)
        .await?
        .ok_or_else(|| CliError::Refused(format!("no account has the e-mail {email}")))?;
    if !user.active {
        return Err(CliError::Refused(format!(
            "the account {email} is deactivated"
        )));
    }
    let secret = token::new_api_token();
    let created = api_tokens::create(
        &store,
        &Actor::system(),
        api_tokens::NewToken {
            user_id: user.id,
            name,
            scope,
            digest: token::digest(&secret),
            expires_at: args.expires_days.map(api_tokens::days_from_now),
        },
    )
    .await?;
    store.close().await;

    if args.json {
        print_json(&serde_json::json!({
            "id": created.id,
            "token": secret,
            "scope": created.scope,
            "expires_at": created.expires_at,
        }));
    } else {
        let expiry = created.expires_at.map_or_else(
            || "never expires".to_owned(),
            |at| format!("expires {}", at.format("%Y-%m-%d %H:%M UTC")),
        );
        eprintln!(
            "token « {} » created for {email} ({} scope, {expiry}); it is shown only now:",
            created.name, created.scope
        );
        let _ = writeln!(std::io::stdout().lock(), "{secret}");
    }
    Ok(())
}
