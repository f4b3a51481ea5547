//! `maillage serve`: migrate, optionally load the demo, then serve until
//! SIGINT/SIGTERM, letting in-flight requests finish.

use std::time::Duration;

use chrono::Utc;
use maillage_store::Store;
use maillage_store::repo::accounts;
use maillage_store::repo::referrals_purge::{self, Batches};
use maillage_web::{AppState, WebConfig};
use tokio::net::TcpListener;

use super::{demo, open_store};
use crate::CliError;
use crate::config::Config;

pub async fn run(config: &Config, with_demo: bool) -> Result<(), CliError> {
    let store = open_store(config).await?;
    if with_demo {
        let (report, login) = demo::load(&store).await?;
        eprintln!(
            "demo territory loaded: {} organizations, {} groupings",
            report.organizations, report.groupings
        );
        demo::print_login(&login);
    } else if accounts::count_active_admins(store.conn()).await? == 0 {
        eprintln!(
            "No administrator yet. Create one with:\n  maillage user add you@example.org --role admin\n\
             (Aucun administrateur : créez-en un avec la commande ci-dessus.)"
        );
    }
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|e| CliError::Usage(format!("cannot listen on {}: {e}", config.addr)))?;
    let local = listener
        .local_addr()
        .map_err(|e| CliError::Refused(e.to_string()))?;
    let search = maillage_app::search_sync::open(&store, &config.data_dir)
        .await
        .map_err(|e| CliError::Refused(format!("cannot open the search index: {e}")))?;
    let purge = tokio::spawn(daily_purge(store.clone()));
    let state = AppState::new(
        store,
        WebConfig {
            secure: config.secure,
            trust_forwarded_for: config.trust_forwarded_for,
            anonymous_writes: maillage_store::repo::rate_limits::Limit {
                max: config.anonymous_writes,
                ..maillage_web::default_anonymous_writes()
            },
            mail: config.mail.clone(),
            ..WebConfig::default()
        },
        search,
    );
    // The handlers are installed before the address is announced: a
    // supervisor (or a test) that sends SIGTERM as soon as it reads the line
    // must get a clean stop, not the default action that kills the process.
    let shutdown = shutdown_signal()?;
    eprintln!("maillage listening on http://{local}");
    if let Some(m) = &config.mail {
        eprintln!("confirmation e-mails go through {m:?}");
    }
    let served = maillage_web::serve(listener, state, shutdown).await;
    purge.abort();
    served.map_err(|e| CliError::Refused(format!("server error: {e}")))?;
    eprintln!("maillage stopped");
    Ok(())
}

/// The purge of referrals' personal data (Law 25): a minute after the
/// start (not in the way of the start itself), then every day. Batches
/// with pauses leave requests their turn; a failure is logged and tried
/// again the next day, never the server's end.
async fn daily_purge(store: Store) {
    tokio::time::sleep(Duration::from_mins(1)).await;
    let mut tick = tokio::time::interval(Duration::from_hours(24));
    loop {
        tick.tick().await;
        match referrals_purge::purge(&store, Utc::now(), &Batches::default(), &|_| {}).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(purged = n, "referrals purged after their retention period"),
            Err(e) => {
                tracing::warn!(error = %e, "the daily purge of referrals failed; tried again tomorrow");
            }
        }
    }
}

/// Registers SIGINT and SIGTERM now and returns a future that resolves on
/// the first of them.
#[cfg(unix)]
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, CliError> {
    use tokio::signal::unix::{SignalKind, signal};
    let register = |kind| {
        signal(kind).map_err(|e| CliError::Refused(format!("cannot listen for signals: {e}")))
    };
    let mut interrupt = register(SignalKind::interrupt())?;
    let mut terminate = register(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
        tracing::info!("shutting down: finishing in-flight requests");
    })
}

#[cfg(not(unix))]
fn shutdown_signal() -> Result<impl std::future::Future<Output = ()>, CliError> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down: finishing in-flight requests");
    })
}
