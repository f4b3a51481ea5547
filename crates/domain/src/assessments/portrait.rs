//! Portraits of self-assessment responses: a respondent's items by level,
//! a grouping's distribution per item across its respondents, and « ce qui
//! a progressé » between two dates.
//!
//! A grouping's portrait counts, for each respondent (an organization, or
//! one of its teams), its **latest submitted** response: the portrait says
//! where the grouping stands now, and a school that answered every year
//! counts once. Drafts never count. Items keep their id across the versions
//! of a tool, so an item is followed from one version to the next by its
//! id; « Non pertinent » counts in a distribution but never ranks, so it is
//! neither a progress nor a setback.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use super::{ResponseStatus, Scale, ScaleLevel, SnapshotItem};

/// A response as the portraits read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseRecord {
    pub id: Uuid,
    /// The respondent organization's id.
    pub respondent: String,
    /// The team within the organization; empty for the whole organization.
    pub team: String,
    pub on_date: NaiveDate,
    pub status: ResponseStatus,
    /// Item → level (`None` while a draft leaves it open).
    pub answers: HashMap<Uuid, Option<String>>,
}

impl ResponseRecord {
    fn key(&self) -> (&str, &str) {
        (&self.respondent, &self.team)
    }

    /// The level given to `item`, if any.
    #[must_use]
    pub fn level(&self, item: Uuid) -> Option<&str> {
        self.answers.get(&item).and_then(|l| l.as_deref())
    }
}

/// For each respondent (and team), its latest submitted response dated on
/// or before `until` (every date when `None`). Among responses of the same
/// date, the last one given wins: `responses` come oldest first. The result
/// keeps the order in which respondents first appear.
#[must_use]
pub fn latest_submitted(
    responses: &[ResponseRecord],
    until: Option<NaiveDate>,
) -> Vec<&ResponseRecord> {
    let mut order: Vec<(&str, &str)> = Vec::new();
    let mut best: HashMap<(&str, &str), &ResponseRecord> = HashMap::new();
    for r in responses {
        if r.status != ResponseStatus::Submitted || until.is_some_and(|u| r.on_date > u) {
            continue;
        }
        match best.get(&r.key()) {
            None => {
                order.push(r.key());
                best.insert(r.key(), r);
            }
            Some(b) if b.on_date <= r.on_date => {
                best.insert(r.key(), r);
            }
            Some(_) => {}
        }
    }
    order
        .into_iter()
        .filter_map(|k| best.get(&k).copied())
        .collect()
}

/// An item of a grouping's portrait: how many respondents put it at each
/// level of the scale (in the scale's order) and how many left it open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemCounts {
    pub item: Uuid,
    pub text: String,
    pub counts: Vec<usize>,
    pub unanswered: usize,
}

/// A grouping's portrait of a tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupingPortrait {
    /// Respondents counted (one latest submitted response each).
    pub respondents: usize,
    pub items: Vec<ItemCounts>,
}

/// Counts `responses` (already chosen, see [`latest_submitted`]) per item
/// of `items` and per level of `scale`.
#[must_use]
pub fn grouping_portrait(
    scale: &Scale,
    items: &[SnapshotItem],
    responses: &[&ResponseRecord],
) -> GroupingPortrait {
    let index: HashMap<&str, usize> = scale
        .0
        .iter()
        .enumerate()
        .map(|(i, l)| (l.code.as_str(), i))
        .collect();
    let items = items
        .iter()
        .map(|item| {
            let mut counts = vec![0; scale.0.len()];
            let mut unanswered = 0;
            for r in responses {
                match r.level(item.id).and_then(|l| index.get(l)) {
                    Some(&i) => counts[i] += 1,
                    None => unanswered += 1,
                }
            }
            ItemCounts {
                item: item.id,
                text: item.text.clone(),
                counts,
                unanswered,
            }
        })
        .collect();
    GroupingPortrait {
        respondents: responses.len(),
        items,
    }
}

/// The items of one level in a respondent's portrait; `level` is `None`
/// for the items left open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelGroup {
    pub level: Option<ScaleLevel>,
    pub items: Vec<SnapshotItem>,
}

/// A respondent's portrait: its items grouped by level, in the scale's
/// order, then the items left open; empty levels are left out.
#[must_use]
pub fn by_level(
    scale: &Scale,
    items: &[SnapshotItem],
    response: &ResponseRecord,
) -> Vec<LevelGroup> {
    let mut groups: Vec<LevelGroup> = scale
        .0
        .iter()
        .map(|l| LevelGroup {
            level: Some(l.clone()),
            items: Vec::new(),
        })
        .collect();
    let mut open = Vec::new();
    for item in items {
        match response
            .level(item.id)
            .and_then(|code| scale.0.iter().position(|l| l.code == code))
        {
            Some(i) => groups[i].items.push(item.clone()),
            None => open.push(item.clone()),
        }
    }
    groups.push(LevelGroup {
        level: None,
        items: open,
    });
    groups.retain(|g| !g.items.is_empty());
    groups
}

/// How an item moved between two responses of the same respondent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Move {
    /// Its rank got better (« À développer » → « À améliorer »).
    Improved,
    /// Its rank got worse.
    Worsened,
    /// Same rank (or « Non pertinent » both times).
    Unchanged,
    /// Ranked now, open or « Non pertinent » (or not asked) before.
    NewlyAnswered,
    /// Ranked before, open or « Non pertinent » now.
    SetAside,
}

/// How `item` moved from `before` (none: the respondent had not answered
/// yet) to `after`; `None` when it is ranked at neither date and was not
/// « Non pertinent » both times (nothing to tell).
#[must_use]
pub fn item_move(
    scale: &Scale,
    before: Option<&ResponseRecord>,
    after: &ResponseRecord,
    item: Uuid,
) -> Option<Move> {
    let old = before.and_then(|b| b.level(item));
    let new = after.level(item);
    match (
        old.and_then(|l| scale.rank(l)),
        new.and_then(|l| scale.rank(l)),
    ) {
        (Some(a), Some(b)) if b < a => Some(Move::Improved),
        (Some(a), Some(b)) if b > a => Some(Move::Worsened),
        (Some(_), Some(_)) => Some(Move::Unchanged),
        (None, Some(_)) => Some(Move::NewlyAnswered),
        (Some(_), None) => Some(Move::SetAside),
        (None, None) => (old.is_some() && old == new).then_some(Move::Unchanged),
    }
}

/// One item's move, with its levels at both dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemMove {
    pub item: Uuid,
    pub text: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub how: Move,
}

/// What moved for one respondent between two dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RespondentProgress {
    pub respondent: String,
    pub team: String,
    /// The response read at the first date, if there was one.
    pub before: Option<(Uuid, NaiveDate)>,
    pub after: (Uuid, NaiveDate),
    pub moves: Vec<ItemMove>,
}

impl RespondentProgress {
    /// The moves of one kind, in the items' order.
    pub fn of(&self, how: Move) -> impl Iterator<Item = &ItemMove> {
        self.moves.iter().filter(move |m| m.how == how)
    }
}

/// « Ce qui a progressé » between `from` and `to`: for each respondent, its
/// latest submitted response on or before `from` against its latest on or
/// before `to` (a respondent with nothing new since `from` is left out).
/// Items are followed by id whatever the versions answered.
#[must_use]
pub fn progress(
    scale: &Scale,
    items: &[SnapshotItem],
    responses: &[ResponseRecord],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<RespondentProgress> {
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    let before: HashMap<(&str, &str), &ResponseRecord> = latest_submitted(responses, Some(from))
        .into_iter()
        .map(|r| (r.key(), r))
        .collect();
    latest_submitted(responses, Some(to))
        .into_iter()
        .filter_map(|after| {
            let before = before.get(&after.key()).copied();
            if before.is_some_and(|b| b.id == after.id) {
                return None;
            }
            let moves = items
                .iter()
                .filter_map(|item| {
                    item_move(scale, before, after, item.id).map(|how| ItemMove {
                        item: item.id,
                        text: item.text.clone(),
                        before: before.and_then(|b| b.level(item.id)).map(str::to_owned),
                        after: after.level(item.id).map(str::to_owned),
                        how,
                    })
                })
                .collect();
            Some(RespondentProgress {
                respondent: after.respondent.clone(),
                team: after.team.clone(),
                before: before.map(|b| (b.id, b.on_date)),
                after: (after.id, after.on_date),
                moves,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessments::NOT_RELEVANT;

    fn items() -> Vec<SnapshotItem> {
        (0..4)
            .map(|i| SnapshotItem {
                id: Uuid::from_u128(i + 1),
                text: format!("Énoncé {i}"),
            })
            .collect()
    }

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, d).unwrap()
    }

    fn response(
        n: u128,
        who: &str,
        d: u32,
        status: ResponseStatus,
        levels: &[Option<&str>],
    ) -> ResponseRecord {
        ResponseRecord {
            id: Uuid::from_u128(100 + n),
            respondent: who.to_owned(),
            team: String::new(),
            on_date: date(d),
            status,
            answers: levels
                .iter()
                .enumerate()
                .map(|(i, l)| (Uuid::from_u128(i as u128 + 1), l.map(str::to_owned)))
                .collect(),
        }
    }

    const S: ResponseStatus = ResponseStatus::Submitted;
    const D: ResponseStatus = ResponseStatus::Draft;

    #[test]
    fn the_grouping_counts_each_respondents_latest_submitted_response() {
        let rs = vec![
            response(1, "a", 1, S, &[Some("a_developper"), Some("en_place")]),
            response(
                2,
                "b",
                2,
                S,
                &[Some("a_developper"), None, Some(NOT_RELEVANT)],
            ),
            response(3, "a", 5, S, &[Some("a_ameliorer"), Some("en_place")]),
            // A later draft does not count.
            response(4, "b", 9, D, &[Some("en_place")]),
        ];
        let latest = latest_submitted(&rs, None);
        assert_eq!(
            latest.iter().map(|r| r.id).collect::<Vec<_>>(),
            [Uuid::from_u128(103), Uuid::from_u128(102)]
        );
        let p = grouping_portrait(&Scale::default(), &items(), &latest);
        assert_eq!(p.respondents, 2);
        assert_eq!(p.items[0].counts, [0, 1, 1, 0]);
        assert_eq!(p.items[1].counts, [1, 0, 0, 0]);
        assert_eq!(p.items[1].unanswered, 1);
        assert_eq!(p.items[2].counts, [0, 0, 0, 1]);
        assert_eq!(p.items[3].unanswered, 2);
        // Up to a date, the earlier response.
        let early = latest_submitted(&rs, Some(date(3)));
        assert_eq!(early[0].id, Uuid::from_u128(101));
    }

    #[test]
    fn a_respondent_sees_its_items_by_level_then_the_open_ones() {
        let r = response(
            1,
            "a",
            1,
            S,
            &[Some("a_developper"), Some("en_place"), None],
        );
        let groups = by_level(&Scale::default(), &items(), &r);
        let codes: Vec<Option<&str>> = groups
            .iter()
            .map(|g| g.level.as_ref().map(|l| l.code.as_str()))
            .collect();
        assert_eq!(codes, [Some("en_place"), Some("a_developper"), None]);
        assert_eq!(groups[2].items.len(), 2);
    }

    #[test]
    fn progress_compares_ranks_and_never_ranks_not_relevant() {
        let rs = vec![
            response(
                1,
                "a",
                1,
                S,
                &[
                    Some("a_developper"),
                    Some("en_place"),
                    Some(NOT_RELEVANT),
                    Some("a_ameliorer"),
                ],
            ),
            response(
                2,
                "a",
                8,
                S,
                &[
                    Some("a_ameliorer"),
                    Some("a_developper"),
                    Some("en_place"),
                    Some(NOT_RELEVANT),
                ],
            ),
            response(3, "b", 8, S, &[Some("en_place"), Some(NOT_RELEVANT)]),
            response(4, "c", 1, S, &[Some("en_place")]),
        ];
        let p = progress(&Scale::default(), &items(), &rs, date(2), date(9));
        // « c » answered nothing new: left out.
        assert_eq!(p.len(), 2);
        let a = &p[0];
        assert_eq!(a.respondent, "a");
        assert_eq!(a.before, Some((Uuid::from_u128(101), date(1))));
        let kinds: Vec<Move> = a.moves.iter().map(|m| m.how).collect();
        assert_eq!(
            kinds,
            [
                Move::Improved,
                Move::Worsened,
                Move::NewlyAnswered,
                Move::SetAside
            ]
        );
        let b = &p[1];
        assert_eq!(b.before, None);
        assert_eq!(b.of(Move::NewlyAnswered).count(), 1);
        assert_eq!(b.moves.len(), 1, "« Non pertinent » alone tells nothing");
        // Dates given in the wrong order are read in the right one.
        assert_eq!(
            progress(&Scale::default(), &items(), &rs, date(9), date(2)),
            p
        );
        let same = response(5, "a", 9, S, &[Some(NOT_RELEVANT)]);
        assert_eq!(
            item_move(&Scale::default(), Some(&same), &same, Uuid::from_u128(1)),
            Some(Move::Unchanged)
        );
    }
}
