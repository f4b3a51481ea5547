//! A grouping's referral statistics, without personal data: who refers to
//! whom (by sector pair and by organization pair), acceptance and
//! completion rates, the median delay to acknowledge, the obstacles and
//! decline reasons most reported, the services most saturated, and the
//! count by status.
//!
//! The figures come from what survives the purge (the referral's
//! organizations, service, statuses, reasons and dates, and the statuses
//! its history went through), never from the person: they are the same
//! before and after the purge.
//!
//! **Definitions.**
//! - *Decided*: the service answered — it accepted, declined or
//!   redirected the referral. *Acceptance* is accepted / decided.
//! - *Ended after acceptance*: an accepted referral that was completed,
//!   had no follow-up, or was withdrawn after acceptance. *Completion* is
//!   completed / ended after acceptance (a service still under way counts
//!   in neither).
//! - *Delay to acknowledge*: from sending to the service's « reçue ».
//! - *Saturation* of a service: its referrals declined for its waiting
//!   list, those overdue now (not acknowledged within its published
//!   delay), and the waiting list it publishes.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::referrals::{DeclineReason, Obstacle, Status, is_overdue};

/// How many services the saturation table lists at most.
pub const SATURATED_MAX: usize = 10;
/// How many organization pairs the flow table lists at most.
pub const ORGANIZATION_PAIRS_MAX: usize = 20;

/// One referral as the statistics read it: no person, no free text.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub from_organization: String,
    pub to_organization: String,
    /// The sectors' codes (`None`: the organization has no sector).
    pub from_sector: Option<String>,
    pub to_sector: Option<String>,
    pub service_id: String,
    pub service_name: String,
    /// The current status.
    pub status: Status,
    /// Every status the referral went through (its history), the current
    /// one included.
    pub reached: BTreeSet<Status>,
    pub decline_reason: Option<DeclineReason>,
    pub obstacle: Option<Obstacle>,
    pub sent_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
}

impl Record {
    fn has(&self, s: Status) -> bool {
        self.status == s || self.reached.contains(&s)
    }

    /// Whether the service accepted it (whatever came after).
    #[must_use]
    pub fn accepted(&self) -> bool {
        self.has(Status::Accepted) || self.has(Status::Started) || self.has(Status::Completed)
    }

    /// Whether the service answered: accepted, declined or redirected.
    #[must_use]
    pub fn decided(&self) -> bool {
        self.accepted() || self.has(Status::Declined) || self.has(Status::Redirected)
    }

    /// Whether an accepted referral is over: completed, no follow-up, or
    /// withdrawn after acceptance.
    #[must_use]
    pub fn ended_after_acceptance(&self) -> bool {
        self.accepted()
            && (self.has(Status::Completed)
                || self.has(Status::NoFollowUp)
                || self.has(Status::Withdrawn))
    }
}

/// A ratio and its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Rate {
    pub numerator: usize,
    pub denominator: usize,
}

impl Rate {
    /// The percentage, `None` when nothing is counted (never a division by
    /// zero shown as 0 %).
    #[must_use]
    pub fn percent(self) -> Option<f64> {
        #[expect(
            clippy::cast_precision_loss,
            reason = "referral counts are far below 2^52"
        )]
        (self.denominator > 0).then(|| 100.0 * self.numerator as f64 / self.denominator as f64)
    }
}

/// The median of `values` (the mean of the two middle ones for an even
/// count); `None` when empty. Values that are not finite are left out.
#[must_use]
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len().is_multiple_of(2) {
        f64::midpoint(v[mid - 1], v[mid])
    } else {
        v[mid]
    })
}

/// Referrals from one sector to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SectorPair {
    pub from_sector: Option<String>,
    pub to_sector: Option<String>,
    pub referrals: usize,
    pub accepted: usize,
}

/// Referrals from one organization to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OrganizationPair {
    pub from_organization: String,
    pub to_organization: String,
    pub referrals: usize,
}

/// How saturated a service looks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceLoad {
    pub service_id: String,
    pub service_name: String,
    pub referrals: usize,
    /// Declined for the waiting list.
    pub declined_waiting_list: usize,
    /// Not acknowledged within the published delay, now.
    pub overdue: usize,
    /// The waiting list the service publishes, in weeks.
    pub waiting_weeks: Option<i32>,
}

impl ServiceLoad {
    fn signals(&self) -> bool {
        self.declined_waiting_list > 0
            || self.overdue > 0
            || self.waiting_weeks.is_some_and(|w| w > 0)
    }
}

/// The statistics of a set of referrals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub total: usize,
    /// Every status, in the machine's order, with its count (zeros kept).
    pub by_status: Vec<(Status, usize)>,
    /// Largest flow first.
    pub sector_pairs: Vec<SectorPair>,
    /// Largest flow first, at most [`ORGANIZATION_PAIRS_MAX`].
    pub organization_pairs: Vec<OrganizationPair>,
    pub acceptance: Rate,
    pub completion: Rate,
    /// In days; `None` when no referral was acknowledged.
    pub median_ack_days: Option<f64>,
    /// How many acknowledged referrals the median is over.
    pub acknowledged: usize,
    /// Most reported first; only those reported.
    pub obstacles: Vec<(Obstacle, usize)>,
    pub decline_reasons: Vec<(DeclineReason, usize)>,
    /// Most saturated first, at most [`SATURATED_MAX`], only services with
    /// a sign of saturation.
    pub saturated: Vec<ServiceLoad>,
}

/// Counts by key, most first, then in the key's order.
fn ranked<K: Ord + Copy>(counts: BTreeMap<K, usize>) -> Vec<(K, usize)> {
    let mut v: Vec<(K, usize)> = counts.into_iter().filter(|(_, n)| *n > 0).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v
}

/// Sector pairs and organization pairs, largest flow first (the latter at
/// most [`ORGANIZATION_PAIRS_MAX`]).
type SectorCounts = BTreeMap<(Option<String>, Option<String>), (usize, usize)>;

fn flows(
    sectors: SectorCounts,
    orgs: BTreeMap<(String, String), usize>,
) -> (Vec<SectorPair>, Vec<OrganizationPair>) {
    let mut sector_pairs: Vec<SectorPair> = sectors
        .into_iter()
        .map(
            |((from_sector, to_sector), (referrals, accepted))| SectorPair {
                from_sector,
                to_sector,
                referrals,
                accepted,
            },
        )
        .collect();
    sector_pairs.sort_by_key(|p| std::cmp::Reverse(p.referrals));
    let mut organization_pairs: Vec<OrganizationPair> = orgs
        .into_iter()
        .map(
            |((from_organization, to_organization), referrals)| OrganizationPair {
                from_organization,
                to_organization,
                referrals,
            },
        )
        .collect();
    organization_pairs.sort_by_key(|p| std::cmp::Reverse(p.referrals));
    organization_pairs.truncate(ORGANIZATION_PAIRS_MAX);
    (sector_pairs, organization_pairs)
}

/// The services with a sign of saturation, most saturated first, at most
/// [`SATURATED_MAX`].
fn most_saturated(services: BTreeMap<String, ServiceLoad>) -> Vec<ServiceLoad> {
    let mut saturated: Vec<ServiceLoad> = services
        .into_values()
        .filter(ServiceLoad::signals)
        .collect();
    saturated.sort_by(|a, b| {
        (b.declined_waiting_list + b.overdue)
            .cmp(&(a.declined_waiting_list + a.overdue))
            .then(b.waiting_weeks.cmp(&a.waiting_weeks))
            .then(a.service_name.cmp(&b.service_name))
    });
    saturated.truncate(SATURATED_MAX);
    saturated
}

impl Stats {
    /// The statistics of `records` at `now` (for what is overdue);
    /// `waiting_weeks` is what each service publishes, by service id.
    #[must_use]
    pub fn compute(
        records: &[Record],
        waiting_weeks: &BTreeMap<String, Option<i32>>,
        now: DateTime<Utc>,
    ) -> Stats {
        let mut by_status: BTreeMap<Status, usize> = Status::ALL.iter().map(|s| (*s, 0)).collect();
        let mut sectors: SectorCounts = BTreeMap::new();
        let mut orgs: BTreeMap<(String, String), usize> = BTreeMap::new();
        let mut services: BTreeMap<String, ServiceLoad> = BTreeMap::new();
        let mut obstacles = BTreeMap::new();
        let mut declines = BTreeMap::new();
        let (mut acceptance, mut completion) = (Rate::default(), Rate::default());
        let mut delays = Vec::new();
        for r in records {
            *by_status.entry(r.status).or_default() += 1;
            let s = sectors
                .entry((r.from_sector.clone(), r.to_sector.clone()))
                .or_default();
            s.0 += 1;
            s.1 += usize::from(r.accepted());
            *orgs
                .entry((r.from_organization.clone(), r.to_organization.clone()))
                .or_default() += 1;
            if r.decided() {
                acceptance.denominator += 1;
                acceptance.numerator += usize::from(r.accepted());
            }
            if r.ended_after_acceptance() {
                completion.denominator += 1;
                completion.numerator += usize::from(r.has(Status::Completed));
            }
            if let Some(ack) = r.acknowledged_at {
                #[expect(
                    clippy::cast_precision_loss,
                    reason = "seconds between two dates are far below 2^52"
                )]
                delays.push((ack - r.sent_at).num_seconds().max(0) as f64 / 86_400.0);
            }
            if let Some(o) = r.obstacle {
                *obstacles.entry(o).or_default() += 1;
            }
            if let Some(d) = r.decline_reason {
                *declines.entry(d).or_default() += 1;
            }
            let load = services
                .entry(r.service_id.clone())
                .or_insert_with(|| ServiceLoad {
                    service_id: r.service_id.clone(),
                    service_name: r.service_name.clone(),
                    referrals: 0,
                    declined_waiting_list: 0,
                    overdue: 0,
                    waiting_weeks: waiting_weeks.get(&r.service_id).copied().flatten(),
                });
            load.referrals += 1;
            load.declined_waiting_list +=
                usize::from(r.decline_reason == Some(DeclineReason::WaitingList));
            load.overdue += usize::from(is_overdue(r.status, r.due_at, now));
        }
        let (sector_pairs, organization_pairs) = flows(sectors, orgs);
        let saturated = most_saturated(services);
        Stats {
            total: records.len(),
            by_status: Status::ALL
                .iter()
                .map(|s| (*s, by_status.get(s).copied().unwrap_or(0)))
                .collect(),
            sector_pairs,
            organization_pairs,
            acceptance,
            completion,
            median_ack_days: median(&delays),
            acknowledged: delays.len(),
            obstacles: ranked(obstacles),
            decline_reasons: ranked(declines),
            saturated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(day: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
            + Duration::days(day)
    }

    fn record(path: &[Status]) -> Record {
        Record {
            from_organization: "clsc".into(),
            to_organization: "famille".into(),
            from_sector: Some("sante-services-sociaux".into()),
            to_sector: Some("communautaire".into()),
            service_id: "halte".into(),
            service_name: "Halte-garderie".into(),
            status: *path.last().unwrap(),
            reached: path.iter().copied().collect(),
            decline_reason: None,
            obstacle: None,
            sent_at: at(0),
            due_at: at(5),
            acknowledged_at: path.contains(&Status::Received).then(|| at(2)),
        }
    }

    #[test]
    fn the_median_of_an_odd_and_an_even_count() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[f64::NAN, 5.0]), Some(5.0));
    }

    #[test]
    fn a_rate_over_nothing_is_no_rate() {
        assert_eq!(Rate::default().percent(), None);
        let r = Rate {
            numerator: 2,
            denominator: 3,
        };
        assert!((r.percent().unwrap() - 66.666_666).abs() < 1e-3);
    }

    #[test]
    fn acceptance_and_completion_count_what_the_loop_went_through() {
        use Status::*;
        let mut declined = record(&[Sent, Received, Declined, Closed]);
        declined.decline_reason = Some(DeclineReason::WaitingList);
        let mut lost = record(&[Sent, Received, Accepted, Started, NoFollowUp, Closed]);
        lost.obstacle = Some(Obstacle::Transport);
        let records = vec![
            record(&[Sent, Received, Accepted, Started, Completed, Closed]),
            record(&[Sent, Received, Accepted, Started]),
            declined,
            lost,
            record(&[Sent]),
            record(&[Sent, Received, Withdrawn]),
        ];
        let s = Stats::compute(&records, &BTreeMap::new(), at(10));
        assert_eq!(s.total, 6);
        // Decided: three accepted, one declined; the withdrawal before any
        // answer is no decision.
        assert_eq!(
            s.acceptance,
            Rate {
                numerator: 3,
                denominator: 4
            }
        );
        // Ended after acceptance: the completed one and the one without
        // follow-up; the one under way counts in neither.
        assert_eq!(
            s.completion,
            Rate {
                numerator: 1,
                denominator: 2
            }
        );
        assert_eq!(s.median_ack_days, Some(2.0));
        assert_eq!(s.acknowledged, 5);
        assert_eq!(s.obstacles, vec![(Obstacle::Transport, 1)]);
        assert_eq!(s.decline_reasons, vec![(DeclineReason::WaitingList, 1)]);
        assert_eq!(s.sector_pairs.len(), 1);
        assert_eq!(s.sector_pairs[0].referrals, 6);
        assert_eq!(s.sector_pairs[0].accepted, 3);
        let closed = s.by_status.iter().find(|(st, _)| *st == Closed).unwrap().1;
        assert_eq!(closed, 3);
        assert_eq!(s.by_status.len(), Status::ALL.len());
        // The one never acknowledged is overdue at day 10; one waiting-list
        // decline.
        assert_eq!(s.saturated.len(), 1);
        assert_eq!(s.saturated[0].overdue, 1);
        assert_eq!(s.saturated[0].declined_waiting_list, 1);
    }

    #[test]
    fn a_published_waiting_list_alone_marks_a_service() {
        use Status::*;
        let mut other = record(&[Sent, Received, Accepted]);
        other.service_id = "repit".into();
        other.service_name = "Répit".into();
        let quiet = record(&[Sent, Received, Accepted]);
        let weeks = BTreeMap::from([("repit".to_owned(), Some(6))]);
        let s = Stats::compute(&[other, quiet], &weeks, at(1));
        assert_eq!(s.saturated.len(), 1);
        assert_eq!(s.saturated[0].service_id, "repit");
        assert_eq!(s.saturated[0].waiting_weeks, Some(6));
    }
}
