//! `maillage referrals purge`: empties the person's data of referrals
//! closed longer than their grouping's retention period (Law 25), in
//! batches that leave the application its turn at the database.

use std::io::IsTerminal;

use chrono::{DateTime, NaiveDate, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use maillage_store::repo::referrals_purge::{self, Batches};

use super::{open_store, print_json};
use crate::CliError;
use crate::config::Config;

/// `--as-of YYYY-MM-DD`: the end of that day (UTC), so that a referral due
/// that day is purged; no date: now.
pub fn as_of(raw: Option<&str>) -> Result<DateTime<Utc>, CliError> {
    let Some(raw) = raw else {
        return Ok(Utc::now());
    };
    let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        CliError::Usage(format!(
            "--as-of: « {raw} » is not a date written YYYY-MM-DD (e.g. 2027-01-31)"
        ))
    })?;
    date.and_hms_opt(23, 59, 59)
        .map(|t| t.and_utc())
        .ok_or_else(|| CliError::Usage(format!("--as-of: « {raw} » is out of range")))
}

pub async fn purge(
    config: &Config,
    raw_as_of: Option<&str>,
    batch: usize,
    json: bool,
) -> Result<(), CliError> {
    let as_of = as_of(raw_as_of)?;
    let store = open_store(config).await?;
    let bar = if !json && std::io::stderr().is_terminal() {
        let total = referrals_purge::count_due(&store, as_of).await?;
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} referrals purged ({elapsed})")
                .expect("valid template"),
        );
        Some(bar)
    } else {
        None
    };
    let report = |n: u64| {
        if let Some(b) = &bar {
            b.set_position(n);
        }
    };
    let batches = Batches {
        size: batch,
        ..Batches::default()
    };
    let purged = referrals_purge::purge(&store, as_of, &batches, &report).await?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    store.close().await;
    if json {
        print_json(&serde_json::json!({"purged": purged}));
    } else {
        eprintln!(
            "{} as of {}: the person's data is gone, the statistics stay",
            maillage_domain::numbers::counted(
                usize::try_from(purged).unwrap_or(usize::MAX),
                "referral purged",
                "referrals purged",
                maillage_domain::numbers::Language::English
            ),
            as_of.format("%Y-%m-%d %H:%M UTC")
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_is_the_end_of_a_day_written_iso() {
        let t = as_of(Some("2027-02-28")).unwrap();
        assert_eq!(t.to_rfc3339(), "2027-02-28T23:59:59+00:00");
        for bad in ["2027-02-30", "28/02/2027", "demain", ""] {
            assert!(matches!(as_of(Some(bad)), Err(CliError::Usage(_))), "{bad}");
        }
    }
}
