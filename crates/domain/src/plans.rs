//! Rules of groupings, multi-year action plans and their indicators.
//!
//! A plan is a tree: plan → orientations → strategies → actions → sub-tasks.
//! Only actions and sub-tasks have a status; indicators may hang on any node.
//!
//! # How progress is computed (shown to funders)
//!
//! **An indicator** goes from its baseline (0 when there is none) to its
//! target. Its progress is `(latest − baseline) / (target − baseline)`,
//! clamped between 0 % and 100 %: going past the target counts as 100 %,
//! going the wrong way as 0 %. A decreasing target (fewer dropouts) works the
//! same way. When the target equals the baseline, the indicator is at 100 %
//! once the latest measurement equals the target, else at 0 %. An indicator
//! never measured has **no** progress: it is left out (not counted as 0 %)
//! and reported as a missing measurement.
//!
//! **A node** (plan, orientation, strategy, action, sub-task) is at the
//! weighted mean of its own indicators that have a progress and of its
//! children that have one. Weights depend on the plan's weighting:
//! - *poids égaux*: every indicator and every child weighs 1;
//! - *poids choisis*: each indicator and each child weighs what the
//!   coordinator chose;
//! - *selon le budget*: children weigh their budget (none = 0), scaled so
//!   that a child of average budget weighs as much as one indicator; when no
//!   child has a budget, children weigh 1 each. Indicators weigh 1.
//!
//! Something of weight 0 does not count. A node where nothing counts (no
//! measurement, no child with a progress) takes the progress its status
//! implies: à venir 0 %, en cours 50 %, réalisée 100 %, reportée 0 %; with no
//! status it has no progress.
//!
//! **An abandoned action** is left out of its parent's progress, its
//! measurements and missing measurements too; its own progress is still shown.
//! A plan whose every action is abandoned has no progress.

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::access::{Permission, Principal};
use crate::directory::FieldError;
use crate::names::normalize;

/// Every Fluent key this module may return in a [`FieldError`].
pub const ERROR_KEYS: &[&str] = &[
    "error-plan-year",
    "error-plan-period-order",
    "error-indicator-name-required",
    "error-indicator-unit-required",
    "error-indicator-target-required",
    "error-indicator-target-before-baseline",
    "error-indicator-target-equals-baseline",
    "error-indicator-number",
    "error-measurement-unit",
    "error-measurement-number",
];

pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2100;

fn err(field: &'static str, key: &'static str) -> FieldError {
    FieldError { field, key }
}

/// Case, accents, `_`, `-` and runs of spaces folded away, so that a code
/// (`a_venir`), a French label (`À venir`) and a typed variant (`a  venir`)
/// meet.
fn fold(text: &str) -> String {
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A text that names none of an enumeration's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{value}`")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}

/// An enumeration stored by a stable code, labelled through Fluent and read
/// back from codes or from the labels people type in spreadsheets.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $kind:literal, $prefix:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal [$($label:literal),* $(,)?] ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),+];

            /// The code stored in the database and used by the API.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The Fluent message of the label: a prefix naming the
            /// enumeration, then the code.
            pub fn label_key(self) -> &'static str {
                match self {
                    $($name::$variant => concat!($prefix, $code),)+
                }
            }

            fn names(self) -> &'static [&'static str] {
                match self {
                    $($name::$variant => &[$code, $($label),*],)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = fold(s);
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.names().iter().any(|n| fold(n) == wanted))
                    .ok_or_else(|| UnknownValue { kind: $kind, value: s.to_owned() })
            }
        }
    };
}

coded_enum! {
    /// Where an action stands.
    ActionStatus, "action status", "action-status-" {
        AVenir = "a_venir" ["à venir", "upcoming", "not started", "planned"],
        EnCours = "en_cours" ["en cours", "in progress", "ongoing"],
        Realisee = "realisee" [
            "réalisée", "réalisé", "terminée", "terminé", "done", "completed", "complete",
        ],
        Reportee = "reportee" ["reportée", "reporté", "postponed"],
        Abandonnee = "abandonnee" [
            "abandonnée", "abandonné", "abandoned", "cancelled", "canceled",
        ],
    }
}

impl ActionStatus {
    /// The French label a plan file shows (`Réalisée`, not `realisee`):
    /// the same words as the pages' `action-status-*` messages, and read
    /// back by [`FromStr`] like the code.
    #[must_use]
    pub fn file_label(self) -> &'static str {
        match self {
            ActionStatus::AVenir => "À venir",
            ActionStatus::EnCours => "En cours",
            ActionStatus::Realisee => "Réalisée",
            ActionStatus::Reportee => "Reportée",
            ActionStatus::Abandonnee => "Abandonnée",
        }
    }

    /// The progress the status implies when nothing is measured; `None` for
    /// an abandoned action, which roll-ups leave out.
    pub fn default_progress(self) -> Option<f64> {
        match self {
            ActionStatus::AVenir | ActionStatus::Reportee => Some(0.0),
            ActionStatus::EnCours => Some(0.5),
            ActionStatus::Realisee => Some(1.0),
            ActionStatus::Abandonnee => None,
        }
    }
}

coded_enum! {
    /// Whether a plan is still being written (seen by its grouping only) or
    /// published (seen by every signed-in account).
    PlanStatus, "plan status", "plan-status-" {
        Draft = "draft" ["brouillon"],
        Published = "published" ["publié", "publiée"],
    }
}

coded_enum! {
    GroupingKind, "grouping kind", "grouping-kind-" {
        RegionalInstance = "regional_instance" ["instance régionale", "regional instance"],
        LocalGrouping = "local_grouping" ["regroupement local", "local grouping"],
        Table = "table" ["table de concertation", "concertation table"],
    }
}

/// A new grouping is a local grouping unless said otherwise (the form's
/// first choice).
impl Default for GroupingKind {
    fn default() -> Self {
        GroupingKind::LocalGrouping
    }
}

coded_enum! {
    /// What an organization is in a grouping.
    MembershipRole, "membership role", "membership-role-" {
        Member = "member" ["membre"],
        Lead = "lead" ["porteur", "porteuse"],
        Fiduciary = "fiduciary" ["fiduciaire"],
        Observer = "observer" ["observateur", "observatrice"],
    }
}

coded_enum! {
    /// How a plan weighs the parts of a node in its progress.
    Weighting, "weighting", "weighting-" {
        Equal = "equal" ["poids égaux", "equal weights"],
        Custom = "custom" ["poids choisis", "custom weights"],
        Budget = "budget" ["selon le budget", "by budget"],
    }
}

// ---------------------------------------------------------------------------
// Periods and dates

/// A plan runs from `start_year` to `end_year`, both included.
pub fn validate_period(start_year: i32, end_year: i32) -> Result<(), FieldError> {
    let range = MIN_YEAR..=MAX_YEAR;
    if !range.contains(&start_year) {
        return Err(err("start_year", "error-plan-year"));
    }
    if !range.contains(&end_year) {
        return Err(err("end_year", "error-plan-year"));
    }
    if end_year < start_year {
        return Err(err("end_year", "error-plan-period-order"));
    }
    Ok(())
}

/// The years of a period label as plans name themselves: `2014-2017`,
/// `2014–2017`, `2008 - 2012`, `2014-17`, `2016`, `2014 à 2017`.
///
/// The order is not checked: `2017-2014` gives `(2017, 2014)` so that
/// [`validate_period`] can say what is wrong.
pub fn parse_period(text: &str) -> Option<(i32, i32)> {
    fn year(part: &str) -> Option<i32> {
        let part = part.trim();
        (part.len() == 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    }
    let text = text.trim();
    if let Some(y) = year(text) {
        return Some((y, y));
    }
    let dashes = ['-', '–', '—', '‑', '‐', '−', '/'];
    let (start, end) = text
        .split_once(dashes)
        .or_else(|| text.split_once(" à "))
        .or_else(|| text.split_once(" au "))
        .or_else(|| text.split_once(" to "))?;
    let start = year(start)?;
    let end_text = end.trim();
    let end = if end_text.len() == 2 && end_text.bytes().all(|b| b.is_ascii_digit()) {
        // `2014-17`: the end year in the start's century, or the next one.
        let short: i32 = end_text.parse().ok()?;
        let end = start - start.rem_euclid(100) + short;
        if end < start { end + 100 } else { end }
    } else {
        year(end_text)?
    };
    Some((start, end))
}

/// The same day `years` later (or earlier), for copying a plan into a new
/// period; Feb 29 becomes Feb 28 in a common year.
pub fn shift_date_years(date: NaiveDate, years: i32) -> NaiveDate {
    let Some(year) = date.year().checked_add(years) else {
        return if years > 0 {
            NaiveDate::MAX
        } else {
            NaiveDate::MIN
        };
    };
    date.with_year(year)
        .or_else(|| date.with_day(28).and_then(|d| d.with_year(year)))
        .unwrap_or(if years > 0 {
            NaiveDate::MAX
        } else {
            NaiveDate::MIN
        })
}

// ---------------------------------------------------------------------------
// Groupings

/// Whether making `new_parent` the parent of `child` would make a grouping
/// its own ancestor.
///
/// A chain of parents above `new_parent` that already loops (bad data) also
/// answers `true`: attaching to it would hide the grouping from every tree.
pub fn creates_cycle(
    child: &str,
    new_parent: &str,
    parent_of: impl Fn(&str) -> Option<String>,
) -> bool {
    let mut seen: HashSet<String> = HashSet::new();
    let mut current = new_parent.to_owned();
    loop {
        if current == child || !seen.insert(current.clone()) {
            return true;
        }
        match parent_of(&current) {
            Some(parent) => current = parent,
            None => return false,
        }
    }
}

// ---------------------------------------------------------------------------
// Numbers and indicators

/// A number written the French or the English way: `12,5`, `12.5`, `1 200`
/// (space, no-break space or narrow no-break space between thousands),
/// `1,234.5`, `1.234,5`, `-3`, `+4`.
///
/// A single `,` or `.` is the decimal separator (`1,200` is 1.2, as a French
/// reader means it); repeated, or followed by the other one, it separates
/// thousands, which then come in groups of three.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    let (negative, rest) = if let Some(rest) = text.strip_prefix(['-', '−']) {
        (true, rest)
    } else if let Some(rest) = text.strip_prefix('+') {
        (false, rest)
    } else {
        (false, text)
    };
    if rest.is_empty() {
        return None;
    }
    let commas = rest.matches(',').count();
    let dots = rest.matches('.').count();
    let decimal = match (commas, dots) {
        (1, 0) => Some(','),
        (0, 1) => Some('.'),
        (_, 0) | (0, _) => None,
        _ => {
            // Both: the last one written is the decimal separator, once.
            let last = rest.rfind([',', '.']).map(|i| rest.as_bytes()[i] as char)?;
            let once = if last == ',' { commas } else { dots };
            if once != 1 {
                return None;
            }
            Some(last)
        }
    };
    let (int_part, frac_part) = match decimal {
        Some(sep) => {
            let (i, f) = rest.split_once(sep)?;
            (i, Some(f))
        }
        None => (rest, None),
    };

    let mut digits = String::new();
    let groups: Vec<&str> = int_part
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .collect();
    if groups.len() > 1 {
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    for group in &groups {
        if !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    if let Some(frac) = frac_part {
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if digits.is_empty() {
            digits.push('0');
        }
        digits.push('.');
        digits.push_str(frac);
    }
    if digits.is_empty() {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

/// A unit compared the way people write it: no case, no accents, singular,
/// `%` for `pour cent`.
fn unit_key(unit: &str) -> String {
    let folded = fold(unit.trim().trim_end_matches('.'));
    let folded = match folded.as_str() {
        "pour cent" | "pourcent" | "pourcentage" | "percent" | "per cent" | "percentage" => {
            "%".to_owned()
        }
        _ => folded,
    };
    folded
        .split(' ')
        .map(|word| {
            let singular = word
                .strip_suffix('s')
                .or_else(|| word.strip_suffix('x'))
                .filter(|w| w.chars().count() >= 2);
            singular.unwrap_or(word)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a unit typed with a measurement is the indicator's unit.
pub fn same_unit(typed: &str, unit: &str) -> bool {
    unit_key(typed) == unit_key(unit)
}

/// A measurement typed as a number, optionally followed by the indicator's
/// unit (`12 organisations`, `45,5 %`, `3 pour cent`).
pub fn parse_measurement(text: &str, unit: &str) -> Result<f64, FieldError> {
    let text = text.trim();
    let split = text
        .char_indices()
        .find(|(_, c)| {
            !(c.is_ascii_digit() || c.is_whitespace() || matches!(c, ',' | '.' | '-' | '−' | '+'))
        })
        .map_or(text.len(), |(i, _)| i);
    let (number, typed_unit) = text.split_at(split);
    let value = parse_number(number).ok_or(err("value", "error-measurement-number"))?;
    let typed_unit = typed_unit.trim();
    if !typed_unit.is_empty() && !same_unit(typed_unit, unit) {
        return Err(err("value", "error-measurement-unit"));
    }
    Ok(value)
}

/// What a coordinator enters for an indicator.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct IndicatorInput {
    pub name: String,
    pub unit: String,
    pub baseline_value: Option<f64>,
    pub baseline_on: Option<NaiveDate>,
    pub target_value: Option<f64>,
    pub target_on: Option<NaiveDate>,
}

pub fn validate_indicator(input: &IndicatorInput) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if input.name.trim().is_empty() {
        errors.push(err("name", "error-indicator-name-required"));
    }
    if input.unit.trim().is_empty() {
        errors.push(err("unit", "error-indicator-unit-required"));
    }
    let baseline = input.baseline_value;
    if baseline.is_some_and(|b| !b.is_finite()) {
        errors.push(err("baseline_value", "error-indicator-number"));
    }
    match input.target_value {
        None => errors.push(err("target_value", "error-indicator-target-required")),
        Some(t) if !t.is_finite() => errors.push(err("target_value", "error-indicator-number")),
        Some(t) => {
            // A target equal to the baseline measures no change at all.
            if baseline.is_some_and(|b| b.is_finite() && same_value(b, t)) {
                errors.push(err(
                    "target_value",
                    "error-indicator-target-equals-baseline",
                ));
            }
        }
    }
    if let (Some(from), Some(to)) = (input.baseline_on, input.target_on)
        && to < from
    {
        errors.push(err("target_on", "error-indicator-target-before-baseline"));
    }
    errors
}

// ---------------------------------------------------------------------------
// Progress

/// Equal up to rounding: `0.1 + 0.2` typed as `0,3` is the same target.
fn same_value(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// An indicator's progress in `[0, 1]`, `None` before its first measurement
/// (see the module documentation).
pub fn indicator_progress(baseline: Option<f64>, target: f64, latest: Option<f64>) -> Option<f64> {
    let latest = latest.filter(|v| v.is_finite())?;
    if !target.is_finite() {
        return None;
    }
    let base = baseline.filter(|v| v.is_finite()).unwrap_or(0.0);
    if same_value(target, base) {
        return Some(if same_value(latest, target) { 1.0 } else { 0.0 });
    }
    let span = target - base;
    Some(((latest - base) / span).clamp(0.0, 1.0))
}

/// An indicator as the roll-up needs it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct IndicatorData {
    pub baseline: Option<f64>,
    pub target: f64,
    pub latest: Option<f64>,
    /// Used with [`Weighting::Custom`] only.
    pub weight: f64,
}

/// A node of a plan: the plan itself, an orientation, a strategy, an action
/// or a sub-task.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Node {
    /// Used with [`Weighting::Custom`] only.
    pub weight: f64,
    /// Used with [`Weighting::Budget`] only.
    pub budget: Option<f64>,
    /// Actions and sub-tasks only.
    pub status: Option<ActionStatus>,
    pub indicators: Vec<IndicatorData>,
    pub children: Vec<Node>,
}

/// The progress of a node and of everything under it, in the same shape.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RolledUp {
    /// In `[0, 1]`; `None` when nothing is known.
    pub value: Option<f64>,
    /// Abandoned: left out of the parent's progress.
    pub excluded: bool,
    /// The progress of each of the node's own indicators, in order.
    pub indicators: Vec<Option<f64>>,
    /// One per child, in order, the excluded ones included.
    pub children: Vec<RolledUp>,
    /// Measured indicators, and nodes judged by their status alone, that the
    /// value rests on.
    pub counted: usize,
    /// Indicators without any measurement (outside abandoned subtrees).
    pub missing_measurements: usize,
    /// Abandoned nodes in the subtree, the node itself included.
    pub abandoned: usize,
}

fn weight_or_zero(w: f64) -> f64 {
    if w.is_finite() && w > 0.0 { w } else { 0.0 }
}

/// The progress of a plan (or any node of it); see the module documentation
/// for the rules.
pub fn roll_up(node: &Node, weighting: Weighting) -> RolledUp {
    let excluded = node.status == Some(ActionStatus::Abandonnee);
    let children: Vec<RolledUp> = node
        .children
        .iter()
        .map(|c| roll_up(c, weighting))
        .collect();
    let indicators: Vec<Option<f64>> = node
        .indicators
        .iter()
        .map(|i| indicator_progress(i.baseline, i.target, i.latest))
        .collect();

    let mut sum = 0.0;
    let mut total_weight = 0.0;
    let mut counted = 0;
    let mut missing = 0;
    let mut abandoned = usize::from(excluded);

    for (data, progress) in node.indicators.iter().zip(&indicators) {
        let weight = match weighting {
            Weighting::Custom => weight_or_zero(data.weight),
            Weighting::Equal | Weighting::Budget => 1.0,
        };
        match progress {
            None => missing += 1,
            Some(p) if weight > 0.0 => {
                sum += weight * p;
                total_weight += weight;
                counted += 1;
            }
            Some(_) => {}
        }
    }

    let kept = || {
        node.children
            .iter()
            .zip(&children)
            .filter(|(_, rolled)| !rolled.excluded)
    };
    let budget_scale = if weighting == Weighting::Budget {
        let (budget_sum, count) = kept().fold((0.0, 0_u32), |(s, n), (c, _)| {
            (s + weight_or_zero(c.budget.unwrap_or(0.0)), n + 1)
        });
        (budget_sum > 0.0).then(|| f64::from(count) / budget_sum)
    } else {
        None
    };

    for rolled in &children {
        abandoned += rolled.abandoned;
    }
    for (child, rolled) in kept() {
        missing += rolled.missing_measurements;
        let weight = match (weighting, budget_scale) {
            (Weighting::Equal, _) | (Weighting::Budget, None) => 1.0,
            (Weighting::Custom, _) => weight_or_zero(child.weight),
            (Weighting::Budget, Some(scale)) => weight_or_zero(child.budget.unwrap_or(0.0)) * scale,
        };
        if let (Some(v), true) = (rolled.value, weight > 0.0) {
            sum += weight * v;
            total_weight += weight;
            counted += rolled.counted;
        }
    }

    let value = if total_weight > 0.0 {
        Some((sum / total_weight).clamp(0.0, 1.0))
    } else {
        let fallback = node.status.and_then(ActionStatus::default_progress);
        if fallback.is_some() {
            counted = 1;
        }
        fallback
    };

    RolledUp {
        value,
        excluded,
        indicators,
        children,
        counted,
        missing_measurements: missing,
        abandoned,
    }
}

// ---------------------------------------------------------------------------
// Coverage portrait

/// An action as the territorial portrait sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CoverageAction {
    pub id: String,
    /// The pathways (voies d'action) it serves.
    pub pathways: Vec<String>,
    /// The sectors of its lead and partner organizations; may repeat.
    pub sectors: Vec<String>,
}

/// Who takes part in an action, by sector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    NoSector,
    Sectoral,
    Intersectoral,
}

pub fn scope(sectors: &[String]) -> Scope {
    let distinct: BTreeSet<&str> = sectors
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    match distinct.len() {
        0 => Scope::NoSector,
        1 => Scope::Sectoral,
        _ => Scope::Intersectoral,
    }
}

/// "Dresser le portrait territorial des actions": which pathways and sectors
/// the actions cover, and which they leave empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Coverage {
    /// Actions serving each pathway, in the order given.
    pub pathway_counts: Vec<(String, usize)>,
    /// Actions involving each sector, in the order given.
    pub sector_counts: Vec<(String, usize)>,
    /// `matrix[p][s]`: actions serving pathway `p` that involve sector `s`.
    pub matrix: Vec<Vec<usize>>,
    pub empty_pathways: Vec<String>,
    pub empty_sectors: Vec<String>,
    pub sectoral: usize,
    pub intersectoral: usize,
    pub no_sector: usize,
    /// Actions serving none of the given pathways.
    pub without_pathway: usize,
}

pub fn coverage(actions: &[CoverageAction], pathways: &[String], sectors: &[String]) -> Coverage {
    let mut pathway_counts = vec![0_usize; pathways.len()];
    let mut sector_counts = vec![0_usize; sectors.len()];
    let mut matrix = vec![vec![0_usize; sectors.len()]; pathways.len()];
    let mut out = Coverage::default();

    for action in actions {
        let served: Vec<usize> = (0..pathways.len())
            .filter(|&p| action.pathways.contains(&pathways[p]))
            .collect();
        let involved: Vec<usize> = (0..sectors.len())
            .filter(|&s| action.sectors.contains(&sectors[s]))
            .collect();
        for &p in &served {
            pathway_counts[p] += 1;
            for &s in &involved {
                matrix[p][s] += 1;
            }
        }
        for &s in &involved {
            sector_counts[s] += 1;
        }
        if served.is_empty() {
            out.without_pathway += 1;
        }
        match scope(&action.sectors) {
            Scope::NoSector => out.no_sector += 1,
            Scope::Sectoral => out.sectoral += 1,
            Scope::Intersectoral => out.intersectoral += 1,
        }
    }

    out.empty_pathways = pathways
        .iter()
        .zip(&pathway_counts)
        .filter(|(_, n)| **n == 0)
        .map(|(p, _)| p.clone())
        .collect();
    out.empty_sectors = sectors
        .iter()
        .zip(&sector_counts)
        .filter(|(_, n)| **n == 0)
        .map(|(s, _)| s.clone())
        .collect();
    out.pathway_counts = pathways.iter().cloned().zip(pathway_counts).collect();
    out.sector_counts = sectors.iter().cloned().zip(sector_counts).collect();
    out.matrix = matrix;
    out
}

/// The pathways of a portrait: the grouping's own, in their order, then
/// those only its local groupings name (one per normalized name, in the
/// order met).
pub fn portrait_pathways<'a>(
    own: &[String],
    all: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let mut seen: BTreeSet<String> = own.iter().map(|p| normalize(p)).collect();
    let mut out = own.to_vec();
    for name in all {
        if seen.insert(normalize(name)) {
            out.push(name.to_owned());
        }
    }
    out
}

/// A grouping's composition by sector: how many members in each sector, in
/// the reference `order`, then one row for the members of no (or an
/// unknown) sector, named by the first such member's code.
pub fn composition<'a>(
    sectors: impl IntoIterator<Item = Option<&'a str>>,
    order: &[&str],
) -> Vec<(Option<String>, usize)> {
    let mut counts: std::collections::BTreeMap<usize, (Option<String>, usize)> =
        std::collections::BTreeMap::new();
    for sector in sectors {
        let idx = sector
            .and_then(|s| order.iter().position(|o| *o == s))
            .unwrap_or(usize::MAX);
        counts
            .entry(idx)
            .or_insert_with(|| (sector.map(str::to_owned), 0))
            .1 += 1;
    }
    counts.into_values().collect()
}

// ---------------------------------------------------------------------------
// Permissions

/// Whether the account may update an action of a grouping's plan: the
/// grouping's coordinators may edit any action; members only those their
/// organization leads.
pub fn may_edit_action(
    principal: &Principal,
    grouping_id: &str,
    account_organization: Option<&str>,
    lead_organizations: &[String],
) -> bool {
    if principal.allows(Permission::EditGrouping, Some(grouping_id)) {
        return true;
    }
    principal.allows(Permission::EditLedAction, Some(grouping_id))
        && account_organization.is_some_and(|org| lead_organizations.iter().any(|l| l == org))
}

/// Whether the visitor may read a plan: a published plan is public (the
/// territory's accounts and anonymous visitors alike read it, with its
/// actions, indicators and portrait: a grouping accounts for its plan in
/// the open), a draft stays in its grouping.
pub fn may_read_plan(principal: Option<&Principal>, grouping_id: &str, status: PlanStatus) -> bool {
    match status {
        PlanStatus::Published => true,
        PlanStatus::Draft => {
            principal.is_some_and(|p| p.allows(Permission::ReadGrouping, Some(grouping_id)))
        }
    }
}

/// Why a visitor is turned away from a grouping, a plan or a part of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Anonymous: sign in first (401).
    SignIn,
    /// Not there for this account (404): a draft of another grouping.
    Hidden,
    /// Seen but not changeable by this account (403).
    Forbidden,
}

/// The account (if any) when the visitor may read the plan: anyone reads a
/// published plan; an anonymous visitor signs in first for a draft, and a
/// draft the account may not read is not even there.
pub fn require_read_plan<'a>(
    principal: Option<&'a Principal>,
    grouping_id: &str,
    status: PlanStatus,
) -> Result<Option<&'a Principal>, Refusal> {
    if may_read_plan(principal, grouping_id, status) {
        Ok(principal)
    } else if principal.is_none() {
        Err(Refusal::SignIn)
    } else {
        Err(Refusal::Hidden)
    }
}

/// The account, if it coordinates the grouping.
pub fn require_edit_grouping<'a>(
    principal: Option<&'a Principal>,
    grouping_id: &str,
) -> Result<&'a Principal, Refusal> {
    let principal = principal.ok_or(Refusal::SignIn)?;
    if principal.allows(Permission::EditGrouping, Some(grouping_id)) {
        Ok(principal)
    } else {
        Err(Refusal::Forbidden)
    }
}

/// The account, if it may change the plan (its outline, its form, a copy):
/// reading first (404 for a hidden draft), then coordinating (403).
pub fn require_edit_plan<'a>(
    principal: Option<&'a Principal>,
    grouping_id: &str,
    status: PlanStatus,
) -> Result<&'a Principal, Refusal> {
    require_read_plan(principal, grouping_id, status)?;
    require_edit_grouping(principal, grouping_id)
}

/// The account, if it may update an action: reading the plan first, then
/// [`may_edit_action`].
pub fn require_edit_action<'a>(
    principal: Option<&'a Principal>,
    grouping_id: &str,
    status: PlanStatus,
    account_organization: Option<&str>,
    lead_organizations: &[String],
) -> Result<&'a Principal, Refusal> {
    require_read_plan(principal, grouping_id, status)?;
    let principal = principal.ok_or(Refusal::SignIn)?;
    if may_edit_action(
        principal,
        grouping_id,
        account_organization,
        lead_organizations,
    ) {
        Ok(principal)
    } else {
        Err(Refusal::Forbidden)
    }
}

/// The account, if it may create groupings (administrators only).
pub fn require_create_grouping(principal: Option<&Principal>) -> Result<&Principal, Refusal> {
    let principal = principal.ok_or(Refusal::SignIn)?;
    if principal.is_admin {
        Ok(principal)
    } else {
        Err(Refusal::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    // -- enums --------------------------------------------------------------

    #[test]
    fn codes_round_trip_and_keys_follow_them() {
        for s in ActionStatus::ALL {
            assert_eq!(s.as_str().parse::<ActionStatus>().unwrap(), *s);
            assert_eq!(s.label_key(), format!("action-status-{}", s.as_str()));
        }
        for s in PlanStatus::ALL {
            assert_eq!(s.as_str().parse::<PlanStatus>().unwrap(), *s);
        }
        for k in GroupingKind::ALL {
            assert_eq!(k.as_str().parse::<GroupingKind>().unwrap(), *k);
        }
        for r in MembershipRole::ALL {
            assert_eq!(r.as_str().parse::<MembershipRole>().unwrap(), *r);
        }
        for w in Weighting::ALL {
            assert_eq!(w.as_str().parse::<Weighting>().unwrap(), *w);
        }
        assert_eq!(ActionStatus::EnCours.label_key(), "action-status-en_cours");
        for s in ActionStatus::ALL {
            assert_eq!(s.file_label().parse::<ActionStatus>(), Ok(*s));
        }
        assert_eq!(
            GroupingKind::RegionalInstance.label_key(),
            "grouping-kind-regional_instance"
        );
        assert_eq!(ActionStatus::ALL.len(), 5);
        assert_eq!(ActionStatus::Realisee.to_string(), "realisee");
    }

    #[test]
    fn labels_parse_in_french_and_english_with_or_without_accents() {
        let cases = [
            ("À venir", ActionStatus::AVenir),
            ("a venir", ActionStatus::AVenir),
            ("  A   VENIR ", ActionStatus::AVenir),
            ("upcoming", ActionStatus::AVenir),
            ("En cours", ActionStatus::EnCours),
            ("In progress", ActionStatus::EnCours),
            ("Réalisée", ActionStatus::Realisee),
            ("realise", ActionStatus::Realisee),
            ("Terminée", ActionStatus::Realisee),
            ("Done", ActionStatus::Realisee),
            ("completed", ActionStatus::Realisee),
            ("REPORTÉE", ActionStatus::Reportee),
            ("Postponed", ActionStatus::Reportee),
            ("abandonnée", ActionStatus::Abandonnee),
            ("Cancelled", ActionStatus::Abandonnee),
            ("abandoned", ActionStatus::Abandonnee),
        ];
        for (text, want) in cases {
            assert_eq!(text.parse::<ActionStatus>(), Ok(want), "{text}");
        }
        assert_eq!("Brouillon".parse(), Ok(PlanStatus::Draft));
        assert_eq!("publie".parse(), Ok(PlanStatus::Published));
        assert_eq!(
            "Instance régionale".parse(),
            Ok(GroupingKind::RegionalInstance)
        );
        assert_eq!(
            "regroupement local".parse(),
            Ok(GroupingKind::LocalGrouping)
        );
        assert_eq!("Table de concertation".parse(), Ok(GroupingKind::Table));
        assert_eq!("Porteur".parse(), Ok(MembershipRole::Lead));
        assert_eq!("fiduciaire".parse(), Ok(MembershipRole::Fiduciary));
        assert_eq!("Observateur".parse(), Ok(MembershipRole::Observer));
        assert_eq!("membre".parse(), Ok(MembershipRole::Member));
        assert_eq!("Poids égaux".parse(), Ok(Weighting::Equal));
        assert_eq!("poids choisis".parse(), Ok(Weighting::Custom));
        assert_eq!("Selon le budget".parse(), Ok(Weighting::Budget));
        let e = "peut-être".parse::<ActionStatus>().unwrap_err();
        assert_eq!(e.value, "peut-être");
        assert!("".parse::<PlanStatus>().is_err());
    }

    #[test]
    fn default_progress_is_decidim_like() {
        assert_eq!(ActionStatus::AVenir.default_progress(), Some(0.0));
        assert_eq!(ActionStatus::EnCours.default_progress(), Some(0.5));
        assert_eq!(ActionStatus::Realisee.default_progress(), Some(1.0));
        assert_eq!(ActionStatus::Reportee.default_progress(), Some(0.0));
        assert_eq!(ActionStatus::Abandonnee.default_progress(), None);
    }

    #[test]
    fn error_keys_are_listed_and_fluent_shaped() {
        for key in ERROR_KEYS {
            assert!(key.starts_with("error-"), "{key}");
            assert!(
                key.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{key}"
            );
        }
        let unique: HashSet<_> = ERROR_KEYS.iter().collect();
        assert_eq!(unique.len(), ERROR_KEYS.len());
    }

    // -- periods and dates --------------------------------------------------

    #[test]
    fn periods_are_checked() {
        assert_eq!(validate_period(2014, 2017), Ok(()));
        assert_eq!(validate_period(2016, 2016), Ok(()));
        assert_eq!(
            validate_period(2017, 2014),
            Err(err("end_year", "error-plan-period-order"))
        );
        assert_eq!(
            validate_period(1899, 2014),
            Err(err("start_year", "error-plan-year"))
        );
        assert_eq!(
            validate_period(2014, 2101),
            Err(err("end_year", "error-plan-year"))
        );
        assert_eq!(validate_period(1900, 2100), Ok(()));
    }

    #[test]
    fn period_labels_parse() {
        assert_eq!(parse_period("2014-2017"), Some((2014, 2017)));
        assert_eq!(parse_period("2014–2017"), Some((2014, 2017)));
        assert_eq!(parse_period("2014—2017"), Some((2014, 2017)));
        assert_eq!(parse_period("2008 - 2012"), Some((2008, 2012)));
        assert_eq!(parse_period("2014-2015"), Some((2014, 2015)));
        assert_eq!(parse_period(" 2016 "), Some((2016, 2016)));
        assert_eq!(parse_period("2014-17"), Some((2014, 2017)));
        assert_eq!(parse_period("1998-02"), Some((1998, 2002)));
        assert_eq!(parse_period("2014 à 2017"), Some((2014, 2017)));
        assert_eq!(parse_period("2017-2014"), Some((2017, 2014)));
        assert_eq!(parse_period(""), None);
        assert_eq!(parse_period("plan"), None);
        assert_eq!(parse_period("14-17"), None);
        assert_eq!(parse_period("2014-"), None);
        assert_eq!(parse_period("2014-2017-2020"), None);
    }

    #[test]
    fn dates_shift_by_years() {
        assert_eq!(shift_date_years(date(2014, 9, 1), 4), date(2018, 9, 1));
        assert_eq!(shift_date_years(date(2016, 2, 29), 1), date(2017, 2, 28));
        assert_eq!(shift_date_years(date(2016, 2, 29), 4), date(2020, 2, 29));
        assert_eq!(shift_date_years(date(2016, 2, 29), -1), date(2015, 2, 28));
        assert_eq!(shift_date_years(date(2016, 3, 31), 0), date(2016, 3, 31));
        assert_eq!(shift_date_years(date(2016, 1, 1), i32::MAX), NaiveDate::MAX);
    }

    // -- groupings ----------------------------------------------------------

    #[test]
    fn grouping_cycles_are_detected() {
        // region ← mrc ← ville
        let parents = |id: &str| match id {
            "mrc" => Some("region".to_owned()),
            "ville" => Some("mrc".to_owned()),
            _ => None,
        };
        assert!(creates_cycle("region", "ville", parents));
        assert!(creates_cycle("mrc", "ville", parents));
        assert!(creates_cycle("ville", "ville", parents));
        assert!(!creates_cycle("ville", "region", parents));
        assert!(!creates_cycle("autre", "ville", parents));

        // A loop already in the data (a ↔ b) must not hang.
        let looped = |id: &str| match id {
            "a" => Some("b".to_owned()),
            "b" => Some("a".to_owned()),
            _ => None,
        };
        assert!(creates_cycle("x", "a", looped));
        assert!(!creates_cycle("x", "c", looped));
    }

    // -- numbers ------------------------------------------------------------

    #[test]
    fn numbers_parse_in_french_and_english() {
        let cases = [
            ("12,5", 12.5),
            ("12.5", 12.5),
            ("1 200", 1200.0),
            ("1\u{a0}200", 1200.0),
            ("1\u{202f}200", 1200.0),
            ("1 200 000,75", 1_200_000.75),
            ("1,234.5", 1234.5),
            ("1.234,5", 1234.5),
            ("1,200,000", 1_200_000.0),
            ("1,200", 1.2),
            ("-3", -3.0),
            ("−3", -3.0),
            ("+4", 4.0),
            ("  7 ", 7.0),
            ("0,5", 0.5),
            (",5", 0.5),
            ("0", 0.0),
        ];
        for (text, want) in cases {
            assert!(
                close(parse_number(text), want),
                "{text}: {:?}",
                parse_number(text)
            );
        }
        for bad in [
            "",
            " ",
            "-",
            "+",
            "NaN",
            "nan",
            "inf",
            "-inf",
            "infinity",
            "abc",
            "12a",
            "1e5",
            "12,",
            "1,2,3.4,5",
            "12 5",
            "1  200",
            "1,2.5",
            "--3",
            "3-",
            "١٢",
        ] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
        let huge = "9".repeat(400);
        assert_eq!(parse_number(&huge), None);
    }

    #[test]
    fn measurements_accept_the_indicator_unit_only() {
        assert_eq!(parse_measurement("12", "organisations"), Ok(12.0));
        assert_eq!(
            parse_measurement("12 organisations", "organisations"),
            Ok(12.0)
        );
        assert_eq!(
            parse_measurement("1 organisation", "organisations"),
            Ok(1.0)
        );
        assert_eq!(
            parse_measurement("3 Organisations", "organisation"),
            Ok(3.0)
        );
        assert_eq!(parse_measurement("45,5 %", "%"), Ok(45.5));
        assert_eq!(parse_measurement("45,5%", "%"), Ok(45.5));
        assert_eq!(parse_measurement("45 pour cent", "%"), Ok(45.0));
        assert_eq!(parse_measurement("45 %", "pour cent"), Ok(45.0));
        assert_eq!(parse_measurement("8 élèves", "eleves"), Ok(8.0));
        assert_eq!(
            parse_measurement("2 rencontres tenues", "Rencontre tenue"),
            Ok(2.0)
        );
        assert_eq!(parse_measurement("1 200 $", "$"), Ok(1200.0));
        assert_eq!(
            parse_measurement("12 familles", "organisations"),
            Err(err("value", "error-measurement-unit"))
        );
        assert_eq!(
            parse_measurement("beaucoup", "organisations"),
            Err(err("value", "error-measurement-number"))
        );
        assert_eq!(
            parse_measurement("", "%"),
            Err(err("value", "error-measurement-number"))
        );
        assert_eq!(
            parse_measurement("12-15 organisations", "organisations"),
            Err(err("value", "error-measurement-number"))
        );
    }

    // -- indicators ---------------------------------------------------------

    fn indicator() -> IndicatorInput {
        IndicatorInput {
            name: "Organisations participantes".to_owned(),
            unit: "organisations".to_owned(),
            baseline_value: Some(10.0),
            baseline_on: Some(date(2014, 9, 1)),
            target_value: Some(25.0),
            target_on: Some(date(2017, 6, 30)),
        }
    }

    fn keys(errors: &[FieldError]) -> Vec<&'static str> {
        errors.iter().map(|e| e.key).collect()
    }

    #[test]
    fn a_complete_indicator_is_valid() {
        assert!(validate_indicator(&indicator()).is_empty());
        let minimal = IndicatorInput {
            baseline_value: None,
            baseline_on: None,
            target_on: None,
            ..indicator()
        };
        assert!(validate_indicator(&minimal).is_empty());
        // A decreasing target is fine.
        let fewer = IndicatorInput {
            target_value: Some(2.0),
            ..indicator()
        };
        assert!(validate_indicator(&fewer).is_empty());
    }

    #[test]
    fn indicator_errors_name_their_field() {
        let empty = validate_indicator(&IndicatorInput {
            name: "  ".to_owned(),
            ..IndicatorInput::default()
        });
        assert_eq!(
            empty,
            vec![
                err("name", "error-indicator-name-required"),
                err("unit", "error-indicator-unit-required"),
                err("target_value", "error-indicator-target-required"),
            ]
        );
        let before = IndicatorInput {
            target_on: Some(date(2013, 1, 1)),
            ..indicator()
        };
        assert_eq!(
            validate_indicator(&before),
            vec![err("target_on", "error-indicator-target-before-baseline")]
        );
        let same_day = IndicatorInput {
            target_on: Some(date(2014, 9, 1)),
            ..indicator()
        };
        assert!(validate_indicator(&same_day).is_empty());
        let equal = IndicatorInput {
            target_value: Some(10.0),
            ..indicator()
        };
        assert_eq!(
            keys(&validate_indicator(&equal)),
            ["error-indicator-target-equals-baseline"]
        );
        let nan = IndicatorInput {
            baseline_value: Some(f64::NAN),
            target_value: Some(f64::INFINITY),
            ..indicator()
        };
        assert_eq!(
            validate_indicator(&nan),
            vec![
                err("baseline_value", "error-indicator-number"),
                err("target_value", "error-indicator-number"),
            ]
        );
        for e in validate_indicator(&IndicatorInput::default()) {
            assert!(ERROR_KEYS.contains(&e.key));
        }
    }

    // -- indicator progress -------------------------------------------------

    #[test]
    fn indicator_progress_goes_from_baseline_to_target() {
        assert_eq!(indicator_progress(Some(10.0), 20.0, None), None);
        assert!(close(indicator_progress(Some(10.0), 20.0, Some(15.0)), 0.5));
        assert!(close(indicator_progress(None, 20.0, Some(5.0)), 0.25));
        assert!(close(indicator_progress(Some(10.0), 20.0, Some(10.0)), 0.0));
        assert!(close(indicator_progress(Some(10.0), 20.0, Some(20.0)), 1.0));
    }

    #[test]
    fn indicator_progress_is_clamped() {
        assert!(close(indicator_progress(Some(10.0), 20.0, Some(35.0)), 1.0));
        assert!(close(indicator_progress(Some(10.0), 20.0, Some(2.0)), 0.0));
    }

    #[test]
    fn decreasing_targets_progress_as_the_value_goes_down() {
        // Dropout rate from 30 % down to 20 %.
        assert!(close(indicator_progress(Some(30.0), 20.0, Some(25.0)), 0.5));
        assert!(close(indicator_progress(Some(30.0), 20.0, Some(18.0)), 1.0));
        assert!(close(indicator_progress(Some(30.0), 20.0, Some(33.0)), 0.0));
        assert!(close(indicator_progress(Some(30.0), 20.0, Some(22.0)), 0.8));
    }

    #[test]
    fn a_target_equal_to_its_base_is_reached_or_not() {
        assert!(close(indicator_progress(None, 0.0, Some(0.0)), 1.0));
        assert!(close(indicator_progress(None, 0.0, Some(3.0)), 0.0));
        assert!(close(indicator_progress(Some(5.0), 5.0, Some(5.0)), 1.0));
        assert!(close(indicator_progress(Some(5.0), 5.0, Some(4.0)), 0.0));
    }

    #[test]
    fn non_finite_inputs_give_no_progress() {
        assert_eq!(indicator_progress(Some(0.0), f64::NAN, Some(1.0)), None);
        assert_eq!(indicator_progress(Some(0.0), 10.0, Some(f64::NAN)), None);
        assert!(close(
            indicator_progress(Some(f64::NAN), 10.0, Some(5.0)),
            0.5
        ));
    }

    // -- roll-up ------------------------------------------------------------

    fn ind(baseline: Option<f64>, target: f64, latest: Option<f64>) -> IndicatorData {
        IndicatorData {
            baseline,
            target,
            latest,
            weight: 1.0,
        }
    }

    /// An indicator at `p` (0..=1) of the way.
    fn at(p: f64) -> IndicatorData {
        ind(Some(0.0), 100.0, Some(p * 100.0))
    }

    fn action(status: ActionStatus, indicators: Vec<IndicatorData>) -> Node {
        Node {
            weight: 1.0,
            status: Some(status),
            indicators,
            ..Node::default()
        }
    }

    fn group(children: Vec<Node>) -> Node {
        Node {
            weight: 1.0,
            children,
            ..Node::default()
        }
    }

    #[test]
    fn equal_weights_average_measured_indicators_and_children() {
        let plan = group(vec![
            action(ActionStatus::EnCours, vec![at(0.2), at(0.6)]),
            action(ActionStatus::EnCours, vec![at(1.0)]),
        ]);
        let r = roll_up(&plan, Weighting::Equal);
        assert!(close(r.children[0].value, 0.4));
        assert!(close(r.children[1].value, 1.0));
        assert!(close(r.value, 0.7));
        assert_eq!(r.counted, 3);
        assert_eq!(r.missing_measurements, 0);
        assert_eq!(r.abandoned, 0);
        assert!(!r.excluded);
        assert_eq!(r.children[0].indicators.len(), 2);
        assert!(close(r.children[0].indicators[1], 0.6));
    }

    #[test]
    fn custom_weights_are_used_and_zero_weights_do_not_count() {
        let mut a = action(ActionStatus::EnCours, vec![at(1.0)]);
        a.weight = 3.0;
        let mut b = action(ActionStatus::EnCours, vec![at(0.0)]);
        b.weight = 1.0;
        let mut c = action(ActionStatus::EnCours, vec![at(0.0)]);
        c.weight = 0.0;
        let plan = group(vec![a, b, c]);
        let r = roll_up(&plan, Weighting::Custom);
        assert!(close(r.value, 0.75));
        assert_eq!(r.counted, 2);
        // The same plan with equal weights ignores the chosen ones.
        assert!(close(roll_up(&plan, Weighting::Equal).value, 1.0 / 3.0));

        let mut heavy = at(1.0);
        heavy.weight = 4.0;
        let mut light = at(0.0);
        light.weight = 1.0;
        let mut ignored = at(0.0);
        ignored.weight = f64::NAN;
        let node = action(ActionStatus::EnCours, vec![heavy, light, ignored]);
        let r = roll_up(&node, Weighting::Custom);
        assert!(close(r.value, 0.8));
        assert_eq!(r.counted, 2);
    }

    #[test]
    fn budget_weights_follow_budgets() {
        let mut a = action(ActionStatus::EnCours, vec![at(1.0)]);
        a.budget = Some(30_000.0);
        let mut b = action(ActionStatus::EnCours, vec![at(0.0)]);
        b.budget = Some(10_000.0);
        let mut c = action(ActionStatus::EnCours, vec![at(0.0)]);
        c.budget = None;
        let r = roll_up(&group(vec![a, b, c]), Weighting::Budget);
        assert!(close(r.value, 0.75));
        assert_eq!(r.counted, 2);
    }

    #[test]
    fn budget_weights_fall_back_to_equal_without_budgets() {
        let mut a = action(ActionStatus::EnCours, vec![at(1.0)]);
        a.budget = Some(0.0);
        let b = action(ActionStatus::EnCours, vec![at(0.0)]);
        let r = roll_up(&group(vec![a, b]), Weighting::Budget);
        assert!(close(r.value, 0.5));
    }

    #[test]
    fn budget_shares_mix_with_indicators_as_one_average_child_each() {
        // Two children (budgets 3:1) and one indicator of the node itself:
        // children weigh 1.5 and 0.5, the indicator 1.
        let mut a = action(ActionStatus::EnCours, vec![at(1.0)]);
        a.budget = Some(300.0);
        let mut b = action(ActionStatus::EnCours, vec![at(0.0)]);
        b.budget = Some(100.0);
        let mut node = group(vec![a, b]);
        node.indicators = vec![at(0.5)];
        let r = roll_up(&node, Weighting::Budget);
        assert!(close(r.value, (1.5 + 0.5) / 3.0));
    }

    #[test]
    fn unmeasured_indicators_are_unknown_not_zero() {
        let node = action(
            ActionStatus::EnCours,
            vec![at(0.8), ind(Some(0.0), 10.0, None)],
        );
        let r = roll_up(&node, Weighting::Equal);
        assert!(close(r.value, 0.8));
        assert_eq!(r.indicators[1], None);
        assert_eq!(r.missing_measurements, 1);
        assert_eq!(r.counted, 1);
    }

    #[test]
    fn nothing_measured_falls_back_to_the_status() {
        let node = action(ActionStatus::EnCours, vec![ind(None, 10.0, None)]);
        let r = roll_up(&node, Weighting::Equal);
        assert!(close(r.value, 0.5));
        assert_eq!(r.missing_measurements, 1);
        assert_eq!(r.counted, 1);

        let plan = group(vec![
            action(ActionStatus::Realisee, vec![]),
            action(ActionStatus::AVenir, vec![]),
            action(ActionStatus::Reportee, vec![]),
        ]);
        let r = roll_up(&plan, Weighting::Equal);
        assert!(close(r.value, 1.0 / 3.0));
        assert_eq!(r.counted, 3);

        // No status, nothing measured: unknown.
        let r = roll_up(&group(vec![group(vec![])]), Weighting::Equal);
        assert_eq!(r.value, None);
        assert_eq!(r.counted, 0);
    }

    #[test]
    fn abandoned_actions_are_excluded_but_still_shown() {
        let plan = group(vec![
            action(ActionStatus::EnCours, vec![at(0.6)]),
            action(
                ActionStatus::Abandonnee,
                vec![at(0.0), ind(None, 5.0, None)],
            ),
        ]);
        let r = roll_up(&plan, Weighting::Equal);
        assert!(close(r.value, 0.6));
        assert!(r.children[1].excluded);
        assert!(close(r.children[1].value, 0.0));
        assert_eq!(r.children[1].missing_measurements, 1);
        assert_eq!(r.abandoned, 1);
        assert_eq!(r.counted, 1);
        assert_eq!(r.missing_measurements, 0);
    }

    #[test]
    fn an_abandoned_action_without_measurements_has_no_progress() {
        let r = roll_up(&action(ActionStatus::Abandonnee, vec![]), Weighting::Equal);
        assert_eq!(r.value, None);
        assert!(r.excluded);
        assert_eq!(r.abandoned, 1);
        assert_eq!(r.counted, 0);
    }

    #[test]
    fn a_plan_whose_every_action_is_abandoned_has_no_progress() {
        let plan = group(vec![group(vec![
            action(ActionStatus::Abandonnee, vec![at(1.0)]),
            action(ActionStatus::Abandonnee, vec![]),
        ])]);
        for weighting in Weighting::ALL {
            let r = roll_up(&plan, *weighting);
            assert_eq!(r.value, None);
            assert_eq!(r.abandoned, 2);
            assert_eq!(r.counted, 0);
        }
    }

    #[test]
    fn abandoned_siblings_do_not_weigh_in_budget_shares() {
        let mut a = action(ActionStatus::EnCours, vec![at(1.0)]);
        a.budget = None;
        let mut b = action(ActionStatus::EnCours, vec![at(0.0)]);
        b.budget = None;
        let mut gone = action(ActionStatus::Abandonnee, vec![at(0.0)]);
        gone.budget = Some(1_000_000.0);
        let r = roll_up(&group(vec![a, b, gone]), Weighting::Budget);
        // Only the abandoned one had a budget: the others fall back to equal.
        assert!(close(r.value, 0.5));
    }

    #[test]
    fn nested_sub_tasks_roll_up_through_every_level() {
        // plan → orientation → strategy → action → sub-tasks
        let sub_done = action(ActionStatus::Realisee, vec![]);
        let sub_measured = action(ActionStatus::EnCours, vec![at(0.5)]);
        let sub_abandoned = action(ActionStatus::Abandonnee, vec![]);
        let mut act = action(ActionStatus::EnCours, vec![]);
        act.children = vec![sub_done, sub_measured, sub_abandoned];
        let other = action(ActionStatus::AVenir, vec![ind(None, 3.0, None)]);
        let strategy = group(vec![act, other]);
        let orientation = group(vec![strategy]);
        let plan = group(vec![orientation]);
        let r = roll_up(&plan, Weighting::Equal);
        let act_r = &r.children[0].children[0].children[0];
        assert!(close(act_r.value, 0.75));
        assert_eq!(act_r.abandoned, 1);
        assert!(close(r.value, 0.375));
        assert_eq!(r.counted, 3);
        assert_eq!(r.missing_measurements, 1);
        assert_eq!(r.abandoned, 1);
        assert!(!r.excluded);
    }

    #[test]
    fn an_abandoned_subtree_counts_its_abandoned_descendants() {
        let mut act = action(ActionStatus::Abandonnee, vec![]);
        act.children = vec![action(ActionStatus::Abandonnee, vec![])];
        let r = roll_up(&group(vec![act]), Weighting::Equal);
        assert_eq!(r.abandoned, 2);
    }

    // -- coverage -----------------------------------------------------------

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn coverage_counts_pathways_sectors_and_their_crossings() {
        let pathways = strings(&["parents", "transitions", "lecture"]);
        let sectors = strings(&["education", "communautaire", "municipal"]);
        let actions = vec![
            CoverageAction {
                id: "a1".to_owned(),
                pathways: strings(&["parents", "lecture"]),
                sectors: strings(&["education", "communautaire", "education"]),
            },
            CoverageAction {
                id: "a2".to_owned(),
                pathways: strings(&["parents"]),
                sectors: strings(&["education"]),
            },
            CoverageAction {
                id: "a3".to_owned(),
                pathways: vec![],
                sectors: vec![],
            },
            CoverageAction {
                id: "a4".to_owned(),
                pathways: strings(&["inconnue"]),
                sectors: strings(&["recherche", "sante-services-sociaux"]),
            },
        ];
        let c = coverage(&actions, &pathways, &sectors);
        assert_eq!(
            c.pathway_counts,
            vec![
                ("parents".to_owned(), 2),
                ("transitions".to_owned(), 0),
                ("lecture".to_owned(), 1),
            ]
        );
        assert_eq!(
            c.sector_counts,
            vec![
                ("education".to_owned(), 2),
                ("communautaire".to_owned(), 1),
                ("municipal".to_owned(), 0),
            ]
        );
        assert_eq!(c.matrix, vec![vec![2, 1, 0], vec![0, 0, 0], vec![1, 1, 0]]);
        assert_eq!(c.empty_pathways, strings(&["transitions"]));
        assert_eq!(c.empty_sectors, strings(&["municipal"]));
        assert_eq!(c.sectoral, 1);
        assert_eq!(c.intersectoral, 2);
        assert_eq!(c.no_sector, 1);
        assert_eq!(c.without_pathway, 2);
    }

    #[test]
    fn coverage_of_nothing_is_empty() {
        let c = coverage(&[], &[], &[]);
        assert_eq!(c, Coverage::default());
        let c = coverage(&[], &strings(&["p"]), &strings(&["s"]));
        assert_eq!(c.matrix, vec![vec![0]]);
        assert_eq!(c.empty_pathways, strings(&["p"]));
    }

    #[test]
    fn scope_counts_distinct_sectors() {
        assert_eq!(scope(&[]), Scope::NoSector);
        assert_eq!(scope(&strings(&["", " "])), Scope::NoSector);
        assert_eq!(
            scope(&strings(&["education", "education"])),
            Scope::Sectoral
        );
        assert_eq!(
            scope(&strings(&["education", "municipal"])),
            Scope::Intersectoral
        );
    }

    // -- permissions --------------------------------------------------------

    fn principal(roles: &[(&str, Role)]) -> Principal {
        Principal {
            is_admin: false,
            grouping_roles: roles.iter().map(|(g, r)| ((*g).to_owned(), *r)).collect(),
        }
    }

    #[test]
    fn coordinators_edit_any_action_members_only_those_they_lead() {
        let leads = strings(&["org-a", "org-b"]);
        let coordinator = principal(&[("g", Role::Coordinator)]);
        assert!(may_edit_action(&coordinator, "g", None, &leads));
        assert!(may_edit_action(&coordinator, "g", Some("org-z"), &[]));
        assert!(!may_edit_action(
            &coordinator,
            "other",
            Some("org-a"),
            &leads
        ));

        let member = principal(&[("g", Role::Member)]);
        assert!(may_edit_action(&member, "g", Some("org-b"), &leads));
        assert!(!may_edit_action(&member, "g", Some("org-z"), &leads));
        assert!(!may_edit_action(&member, "g", None, &leads));
        assert!(!may_edit_action(&member, "other", Some("org-a"), &leads));

        let viewer = principal(&[("g", Role::Viewer)]);
        assert!(!may_edit_action(&viewer, "g", Some("org-a"), &leads));

        let admin = Principal {
            is_admin: true,
            ..Principal::default()
        };
        assert!(may_edit_action(&admin, "g", None, &[]));
    }

    #[test]
    fn published_plans_are_shared_drafts_stay_in_the_grouping() {
        let viewer_elsewhere = principal(&[("other", Role::Viewer)]);
        let viewer_here = principal(&[("g", Role::Viewer)]);
        let admin = Principal {
            is_admin: true,
            ..Principal::default()
        };
        assert!(may_read_plan(
            Some(&viewer_elsewhere),
            "g",
            PlanStatus::Published
        ));
        assert!(!may_read_plan(
            Some(&viewer_elsewhere),
            "g",
            PlanStatus::Draft
        ));
        assert!(may_read_plan(Some(&viewer_here), "g", PlanStatus::Draft));
        assert!(may_read_plan(Some(&admin), "g", PlanStatus::Draft));
        // A published plan is public: anonymous visitors and accounts
        // without a role read it; a draft is neither's.
        assert!(may_read_plan(None, "g", PlanStatus::Published));
        assert!(may_read_plan(
            Some(&Principal::default()),
            "g",
            PlanStatus::Published
        ));
        assert!(!may_read_plan(None, "g", PlanStatus::Draft));
        assert!(!may_read_plan(
            Some(&Principal::default()),
            "g",
            PlanStatus::Draft
        ));
    }

    #[test]
    fn refusals_say_sign_in_then_not_there_then_forbidden() {
        let coordinator = principal(&[("g", Role::Coordinator)]);
        let member = principal(&[("g", Role::Member)]);
        let elsewhere = principal(&[("other", Role::Coordinator)]);
        let leads = strings(&["org-a"]);

        assert_eq!(
            require_read_plan(None, "g", PlanStatus::Published),
            Ok(None)
        );
        assert_eq!(
            require_read_plan(None, "g", PlanStatus::Draft),
            Err(Refusal::SignIn)
        );
        assert_eq!(
            require_edit_plan(None, "g", PlanStatus::Published),
            Err(Refusal::SignIn)
        );
        assert_eq!(
            require_edit_action(None, "g", PlanStatus::Published, None, &leads),
            Err(Refusal::SignIn)
        );
        assert_eq!(
            require_read_plan(Some(&elsewhere), "g", PlanStatus::Draft),
            Err(Refusal::Hidden)
        );
        assert!(require_read_plan(Some(&elsewhere), "g", PlanStatus::Published).is_ok());

        assert_eq!(
            require_edit_plan(Some(&elsewhere), "g", PlanStatus::Draft),
            Err(Refusal::Hidden)
        );
        assert_eq!(
            require_edit_plan(Some(&member), "g", PlanStatus::Draft),
            Err(Refusal::Forbidden)
        );
        assert!(require_edit_plan(Some(&coordinator), "g", PlanStatus::Draft).is_ok());
        assert_eq!(require_edit_grouping(None, "g"), Err(Refusal::SignIn));
        assert_eq!(
            require_edit_grouping(Some(&member), "g"),
            Err(Refusal::Forbidden)
        );

        assert!(
            require_edit_action(Some(&member), "g", PlanStatus::Draft, Some("org-a"), &leads)
                .is_ok()
        );
        assert_eq!(
            require_edit_action(Some(&member), "g", PlanStatus::Draft, Some("org-z"), &leads),
            Err(Refusal::Forbidden)
        );
        assert_eq!(
            require_edit_action(Some(&elsewhere), "g", PlanStatus::Draft, None, &leads),
            Err(Refusal::Hidden)
        );

        let admin = Principal {
            is_admin: true,
            ..Principal::default()
        };
        assert!(require_create_grouping(Some(&admin)).is_ok());
        assert_eq!(
            require_create_grouping(Some(&coordinator)),
            Err(Refusal::Forbidden)
        );
        assert_eq!(require_create_grouping(None), Err(Refusal::SignIn));
    }

    #[test]
    fn portrait_pathways_put_the_groupings_own_first_then_the_others_once() {
        let own = strings(&["Petite enfance", "Persévérance"]);
        let all = [
            "Petite enfance",
            "petite  ENFANCE",
            "Loisirs",
            "Persévérance",
            "loisirs",
        ];
        assert_eq!(
            portrait_pathways(&own, all),
            strings(&["Petite enfance", "Persévérance", "Loisirs"])
        );
        assert!(portrait_pathways(&[], []).is_empty());
    }

    #[test]
    fn composition_follows_the_reference_order_and_ends_with_no_sector() {
        let order = ["education", "health", "municipal"];
        let rows = composition(
            [
                Some("municipal"),
                None,
                Some("education"),
                Some("unknown"),
                Some("municipal"),
            ],
            &order,
        );
        assert_eq!(
            rows,
            vec![
                (Some("education".to_owned()), 1),
                (Some("municipal".to_owned()), 2),
                (None, 2),
            ]
        );
        assert!(composition([], &order).is_empty());
    }
}
