//! Activity toolkits (« trousses ») and lists of activities
//! (« répertoires »): their kinds, the audiences an activity is written
//! for, what a theme, an activity and a run (an organization ran the
//! activity) may hold, and who may record a run.
//!
//! Labels live in the web layer's Fluent files (`toolkits-audience-{code}`,
//! `toolkits-kind-{code}`); this module only knows the codes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::access::{Permission, Principal};
use crate::limits::{self, Field};
use crate::plans::Refusal;

/// Most participants a run may report: a school's assembly, not a city.
pub const MAX_PARTICIPANTS: i32 = 10_000;
/// Longest activity, in minutes (a full day).
pub const MAX_DURATION: i32 = 24 * 60;

/// A toolkit with themes, or a plain list of activities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ToolkitKind {
    /// « Trousse »: activities grouped by theme.
    Toolkit,
    /// « Répertoire »: one list of activities.
    List,
}

impl ToolkitKind {
    pub const ALL: [ToolkitKind; 2] = [ToolkitKind::Toolkit, ToolkitKind::List];

    /// The stored value (`trousse`, `repertoire`).
    pub fn as_str(self) -> &'static str {
        match self {
            ToolkitKind::Toolkit => "trousse",
            ToolkitKind::List => "repertoire",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value.trim())
    }
}

/// Whom an activity is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Audience {
    #[serde(rename = "parents")]
    Parents,
    /// Families of children from birth to five.
    #[serde(rename = "0-5")]
    EarlyChildhood,
    #[serde(rename = "primaire")]
    Primary,
    #[serde(rename = "secondaire")]
    Secondary,
    /// Practitioners working with families (« intervenants »).
    #[serde(rename = "intervenants")]
    Practitioners,
    /// School staff and teachers.
    #[serde(rename = "ecoles")]
    Schools,
}

impl Audience {
    pub const ALL: [Audience; 6] = [
        Audience::Parents,
        Audience::EarlyChildhood,
        Audience::Primary,
        Audience::Secondary,
        Audience::Practitioners,
        Audience::Schools,
    ];

    /// The stored and API code (`parents`, `0-5`, `primaire`, …); the
    /// Fluent key of its label is `toolkits-audience-{code}`.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Parents => "parents",
            Audience::EarlyChildhood => "0-5",
            Audience::Primary => "primaire",
            Audience::Secondary => "secondaire",
            Audience::Practitioners => "intervenants",
            Audience::Schools => "ecoles",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        let value = value.trim();
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }

    /// Codes as stored: comma-separated, in [`Audience::ALL`]'s order,
    /// each once.
    pub fn join(audiences: &[Audience]) -> String {
        let mut sorted = audiences.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        sorted
            .iter()
            .map(|a| a.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The audiences of a stored value; unknown codes are skipped (the
    /// store writes only known ones).
    pub fn split(stored: &str) -> Vec<Audience> {
        let mut out: Vec<Audience> = stored.split(',').filter_map(Audience::parse).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Why a theme, an activity or a run is refused. Each has its French
/// message in the web layer (`toolkits-error-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ToolkitError {
    #[error("the title is empty")]
    EmptyTitle,
    #[error("the title is too long")]
    TitleTooLong,
    #[error("a text is too long")]
    TextTooLong,
    #[error("unknown audience")]
    UnknownAudience,
    #[error("the duration is not a number of minutes between 1 and a day")]
    Duration,
    #[error("the date is not a date")]
    BadDate,
    #[error("the date is in the future")]
    FutureDate,
    #[error("the number of participants is not between 0 and 10,000")]
    Participants,
    #[error("the organization is not a member of the grouping")]
    ForeignOrganization,
    #[error("the theme is not one of the toolkit's")]
    ForeignTheme,
    #[error("the strategy is not one of the toolkit's grouping's plans")]
    ForeignStrategy,
    #[error("the pathway is not one of the toolkit's grouping's")]
    ForeignPathway,
}

impl ToolkitError {
    /// The Fluent key of its message.
    pub fn key(self) -> &'static str {
        match self {
            ToolkitError::EmptyTitle => "toolkits-error-title-empty",
            ToolkitError::TitleTooLong => "toolkits-error-title-long",
            ToolkitError::TextTooLong => "toolkits-error-text-long",
            ToolkitError::UnknownAudience => "toolkits-error-audience",
            ToolkitError::Duration => "toolkits-error-duration",
            ToolkitError::BadDate => "toolkits-error-date",
            ToolkitError::FutureDate => "toolkits-error-date-future",
            ToolkitError::Participants => "toolkits-error-participants",
            ToolkitError::ForeignOrganization => "toolkits-error-organization",
            ToolkitError::ForeignTheme => "toolkits-error-theme",
            ToolkitError::ForeignStrategy => "toolkits-error-strategy",
            ToolkitError::ForeignPathway => "toolkits-error-pathway",
        }
    }
}

/// Spaces collapsed (a title is one line).
fn one_line(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines kept (steps are written one per line), each trimmed, blank lines
/// at the ends dropped.
fn paragraph(raw: &str) -> String {
    raw.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

fn title(raw: &str) -> Result<String, ToolkitError> {
    let title = one_line(raw);
    if title.is_empty() {
        return Err(ToolkitError::EmptyTitle);
    }
    Field::Name
        .check(&title)
        .map_err(|_| ToolkitError::TitleTooLong)?;
    Ok(title)
}

fn long_text(raw: &str) -> Result<String, ToolkitError> {
    let text = paragraph(raw);
    if limits::exceeds(&text, limits::LONG_TEXT) {
        return Err(ToolkitError::TextTooLong);
    }
    Ok(text)
}

/// A theme as typed in a form or sent to the API.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeInput {
    pub title: String,
    pub description: String,
}

/// A theme the rules accept: title on one line, description trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub title: String,
    pub description: String,
}

pub fn validate_theme(input: &ThemeInput) -> Result<Theme, ToolkitError> {
    Ok(Theme {
        title: title(&input.title)?,
        description: long_text(&input.description)?,
    })
}

/// An activity as typed in a form or sent to the API (texts as typed,
/// audience codes, the duration as typed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityInput {
    pub title: String,
    pub objectives: String,
    pub audiences: Vec<String>,
    pub duration: String,
    pub material: String,
    pub steps: String,
    pub tips: String,
}

/// An activity the rules accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub title: String,
    pub objectives: String,
    pub audiences: Vec<Audience>,
    pub duration_minutes: Option<i32>,
    pub material: String,
    pub steps: String,
    pub tips: String,
}

/// Checks an activity: a title (one line, at most a name's length), known
/// audiences, a duration of 1 minute to a day when given, texts within
/// the long-text bound.
pub fn validate_activity(input: &ActivityInput) -> Result<Activity, ToolkitError> {
    let mut audiences = Vec::new();
    for code in input.audiences.iter().filter(|c| !c.trim().is_empty()) {
        audiences.push(Audience::parse(code).ok_or(ToolkitError::UnknownAudience)?);
    }
    audiences.sort_unstable();
    audiences.dedup();
    let duration = input.duration.trim();
    let duration_minutes = if duration.is_empty() {
        None
    } else {
        let minutes: i32 = duration.parse().map_err(|_| ToolkitError::Duration)?;
        if !(1..=MAX_DURATION).contains(&minutes) {
            return Err(ToolkitError::Duration);
        }
        Some(minutes)
    };
    Ok(Activity {
        title: title(&input.title)?,
        objectives: long_text(&input.objectives)?,
        audiences,
        duration_minutes,
        material: long_text(&input.material)?,
        steps: long_text(&input.steps)?,
        tips: long_text(&input.tips)?,
    })
}

/// A run as typed: the date (`YYYY-MM-DD`), the participants, a comment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunInput {
    pub date: String,
    pub participants: String,
    pub comment: String,
}

/// A run the rules accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub date: NaiveDate,
    pub participants: i32,
    pub comment: String,
}

/// Checks a run: a real date no later than tomorrow (`today` is the
/// server's; a day of slack for time zones and an evening activity noted
/// the same night), 0 to [`MAX_PARTICIPANTS`] participants, a comment
/// within the long-text bound.
pub fn validate_run(input: &RunInput, today: NaiveDate) -> Result<Run, ToolkitError> {
    let date = NaiveDate::parse_from_str(input.date.trim(), "%Y-%m-%d")
        .map_err(|_| ToolkitError::BadDate)?;
    if date > today + chrono::Days::new(1) {
        return Err(ToolkitError::FutureDate);
    }
    let participants: i32 = input
        .participants
        .trim()
        .parse()
        .map_err(|_| ToolkitError::Participants)?;
    if !(0..=MAX_PARTICIPANTS).contains(&participants) {
        return Err(ToolkitError::Participants);
    }
    Ok(Run {
        date,
        participants,
        comment: long_text(&input.comment)?,
    })
}

/// The account, if it may record that one of the grouping's member
/// organizations ran an activity: a member (or more) of that grouping, or
/// an administrator. It is the least role and the scope that let a
/// partner report on the work its organization does for the grouping
/// ([`Permission::EditLedAction`]).
pub fn require_record_run<'a>(
    principal: Option<&'a Principal>,
    grouping_id: &str,
) -> Result<&'a Principal, Refusal> {
    let principal = principal.ok_or(Refusal::SignIn)?;
    if principal.allows(Permission::EditLedAction, Some(grouping_id)) {
        Ok(principal)
    } else {
        Err(Refusal::Forbidden)
    }
}

/// The account, if it may change a toolkit's themes and activities: a
/// coordinator of the toolkit's grouping, or an administrator (the only
/// ones for a toolkit of no grouping).
pub fn require_edit_toolkit<'a>(
    principal: Option<&'a Principal>,
    grouping_id: Option<&str>,
) -> Result<&'a Principal, Refusal> {
    if let Some(g) = grouping_id {
        return crate::plans::require_edit_grouping(principal, g);
    }
    let principal = principal.ok_or(Refusal::SignIn)?;
    if principal.is_admin {
        Ok(principal)
    } else {
        Err(Refusal::Forbidden)
    }
}

/// A duration as people say it: « 45 min », « 1 h », « 1 h 30 ».
pub fn duration_text(minutes: i32) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => format!("{m}\u{a0}min"),
        (h, 0) => format!("{h}\u{a0}h"),
        (h, m) => format!("{h}\u{a0}h\u{a0}{m:02}"),
    }
}

/// The duration filter of the search page: up to 30 minutes, up to an
/// hour, longer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DurationBand {
    Short,
    Medium,
    Long,
}

impl DurationBand {
    pub const ALL: [DurationBand; 3] = [
        DurationBand::Short,
        DurationBand::Medium,
        DurationBand::Long,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DurationBand::Short => "courte",
            DurationBand::Medium => "moyenne",
            DurationBand::Long => "longue",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == value.trim())
    }

    /// Whether an activity of that duration falls in the band (an activity
    /// of unknown duration falls in none).
    pub fn contains(self, minutes: Option<i32>) -> bool {
        match (self, minutes) {
            (_, None) => false,
            (DurationBand::Short, Some(m)) => m <= 30,
            (DurationBand::Medium, Some(m)) => m > 30 && m <= 60,
            (DurationBand::Long, Some(m)) => m > 60,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;

    fn activity(title: &str) -> ActivityInput {
        ActivityInput {
            title: title.to_owned(),
            ..ActivityInput::default()
        }
    }

    #[test]
    fn audiences_round_trip_and_store_sorted_once() {
        for a in Audience::ALL {
            assert_eq!(Audience::parse(a.as_str()), Some(a));
        }
        assert_eq!(Audience::parse(" 0-5 "), Some(Audience::EarlyChildhood));
        assert_eq!(Audience::parse("adultes"), None);
        let stored = Audience::join(&[
            Audience::EarlyChildhood,
            Audience::Parents,
            Audience::Parents,
        ]);
        assert_eq!(stored, "parents,0-5");
        assert_eq!(
            Audience::split(&stored),
            [Audience::Parents, Audience::EarlyChildhood]
        );
        assert_eq!(Audience::split(""), []);
        assert_eq!(
            serde_json::to_string(&Audience::EarlyChildhood).unwrap(),
            "\"0-5\""
        );
    }

    #[test]
    fn kinds_parse() {
        for k in ToolkitKind::ALL {
            assert_eq!(ToolkitKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(ToolkitKind::parse("boîte"), None);
    }

    #[test]
    fn an_activity_needs_a_title_and_known_audiences() {
        assert_eq!(
            validate_activity(&activity("  ")),
            Err(ToolkitError::EmptyTitle)
        );
        assert_eq!(
            validate_activity(&activity(&"x".repeat(limits::NAME + 1))),
            Err(ToolkitError::TitleTooLong)
        );
        let mut input = activity("  Lecture   en famille ");
        input.audiences = vec![
            "parents".into(),
            "0-5".into(),
            String::new(),
            "parents".into(),
        ];
        input.steps = "  1. Accueil\n2. Lecture  \n\n".into();
        let ok = validate_activity(&input).unwrap();
        assert_eq!(ok.title, "Lecture en famille");
        assert_eq!(ok.audiences, [Audience::Parents, Audience::EarlyChildhood]);
        assert_eq!(ok.steps, "1. Accueil\n2. Lecture");
        assert_eq!(ok.duration_minutes, None);
        input.audiences.push("adultes".into());
        assert_eq!(
            validate_activity(&input),
            Err(ToolkitError::UnknownAudience)
        );
    }

    #[test]
    fn a_duration_is_one_minute_to_a_day() {
        let mut input = activity("Atelier");
        for (typed, expected) in [
            ("45", Ok(Some(45))),
            (" 1440 ", Ok(Some(1440))),
            ("", Ok(None)),
            ("0", Err(ToolkitError::Duration)),
            ("1441", Err(ToolkitError::Duration)),
            ("-5", Err(ToolkitError::Duration)),
            ("une heure", Err(ToolkitError::Duration)),
        ] {
            input.duration = typed.into();
            assert_eq!(
                validate_activity(&input).map(|a| a.duration_minutes),
                expected,
                "{typed}"
            );
        }
    }

    #[test]
    fn long_texts_are_bounded() {
        let mut input = activity("Atelier");
        input.tips = "a".repeat(limits::LONG_TEXT + 1);
        assert_eq!(validate_activity(&input), Err(ToolkitError::TextTooLong));
        let theme = ThemeInput {
            title: "Rôle de la famille".into(),
            description: "a".repeat(limits::LONG_TEXT + 1),
        };
        assert_eq!(validate_theme(&theme), Err(ToolkitError::TextTooLong));
    }

    #[test]
    fn a_run_is_dated_at_most_tomorrow_with_0_to_10000_participants() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let run = |date: &str, participants: &str| {
            validate_run(
                &RunInput {
                    date: date.into(),
                    participants: participants.into(),
                    comment: " Très apprécié ".into(),
                },
                today,
            )
        };
        let ok = run("2026-12-08", "12").unwrap();
        assert_eq!(ok.participants, 12);
        assert_eq!(ok.comment, "Très apprécié");
        assert!(run("2019-03-01", "0").is_ok());
        assert!(run("2026-12-07", "10000").is_ok());
        assert_eq!(run("2026-12-09", "12"), Err(ToolkitError::FutureDate));
        assert_eq!(run("2026-02-30", "12"), Err(ToolkitError::BadDate));
        assert_eq!(run("7 décembre", "12"), Err(ToolkitError::BadDate));
        assert_eq!(run("2026-12-01", "-1"), Err(ToolkitError::Participants));
        assert_eq!(run("2026-12-01", "10001"), Err(ToolkitError::Participants));
        assert_eq!(run("2026-12-01", "douze"), Err(ToolkitError::Participants));
    }

    #[test]
    fn members_record_runs_coordinators_edit() {
        let mut p = Principal::default();
        p.grouping_roles.insert("a".into(), Role::Member);
        p.grouping_roles.insert("b".into(), Role::Viewer);
        p.grouping_roles.insert("c".into(), Role::Coordinator);
        assert!(require_record_run(Some(&p), "a").is_ok());
        assert!(require_record_run(Some(&p), "c").is_ok());
        assert_eq!(require_record_run(Some(&p), "b"), Err(Refusal::Forbidden));
        assert_eq!(require_record_run(None, "a"), Err(Refusal::SignIn));
        assert_eq!(
            require_edit_toolkit(Some(&p), Some("a")),
            Err(Refusal::Forbidden)
        );
        assert!(require_edit_toolkit(Some(&p), Some("c")).is_ok());
        assert_eq!(
            require_edit_toolkit(Some(&p), None),
            Err(Refusal::Forbidden)
        );
        let admin = Principal {
            is_admin: true,
            ..Principal::default()
        };
        assert!(require_edit_toolkit(Some(&admin), None).is_ok());
        assert!(require_record_run(Some(&admin), "z").is_ok());
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(duration_text(45), "45\u{a0}min");
        assert_eq!(duration_text(60), "1\u{a0}h");
        assert_eq!(duration_text(90), "1\u{a0}h\u{a0}30");
        assert!(DurationBand::Short.contains(Some(30)));
        assert!(DurationBand::Medium.contains(Some(45)));
        assert!(DurationBand::Long.contains(Some(61)));
        assert!(!DurationBand::Long.contains(None));
        assert_eq!(DurationBand::parse("moyenne"), Some(DurationBand::Medium));
    }
}
