//! Live participation: rooms joined by an 8-digit code, their activities
//! (word cloud, board of post-its, poll, scale, questions), what a
//! participant may answer, and the results in the JSON shapes of DESIGN.md
//! §4 *Live*.
//!
//! The store keeps rows; everything decided about them (is this answer
//! valid for this activity, what do the results say) is decided here.

pub mod cloud;
pub mod mosaic;
pub mod words;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::access::Principal;
use crate::plans::Refusal;

/// Longest text a participant may send (a word-cloud answer, a post-it, a
/// question), in characters.
pub const MAX_TEXT: usize = 280;
/// Longest nickname, in characters.
pub const MAX_NICKNAME: usize = 40;
/// Longest title of a room and prompt of an activity.
pub const MAX_PROMPT: usize = 500;
/// Most options of a poll, columns of a board, words per word-cloud answer.
pub const MAX_OPTIONS: usize = 20;
pub const MAX_WORDS: u8 = 10;
/// Most activities in one room.
pub const MAX_ACTIVITIES: usize = 50;

/// What kind of activity participants answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    WordCloud,
    Board,
    Poll,
    Scale,
    Questions,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 5] = [
        ActivityKind::WordCloud,
        ActivityKind::Board,
        ActivityKind::Poll,
        ActivityKind::Scale,
        ActivityKind::Questions,
    ];

    /// The stored and API value (`word_cloud`, `board`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::WordCloud => "word_cloud",
            ActivityKind::Board => "board",
            ActivityKind::Poll => "poll",
            ActivityKind::Scale => "scale",
            ActivityKind::Questions => "questions",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// Whether participants vote answers up (post-its, questions).
    pub fn has_votes(self) -> bool {
        matches!(self, ActivityKind::Board | ActivityKind::Questions)
    }

    /// Whether a device answers once (a poll vote, a value on the scale).
    pub fn answers_once(self) -> bool {
        matches!(self, ActivityKind::Poll | ActivityKind::Scale)
    }
}

impl fmt::Display for ActivityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an activity stands. Activities are prepared ahead (`Draft`), run
/// one at a time (`Open`) and `Closed` after, which keeps their answers and
/// lets them be opened again at the next session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    Draft,
    Open,
    Closed,
}

impl ActivityStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityStatus::Draft => "draft",
            ActivityStatus::Open => "open",
            ActivityStatus::Closed => "closed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            ActivityStatus::Draft,
            ActivityStatus::Open,
            ActivityStatus::Closed,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }
}

/// The settings of an activity, stored as JSON beside it. Only the fields
/// of its kind are set (the others keep their defaults).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Word cloud: words (entries) kept per answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_words: Option<u8>,
    /// Poll: the options, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Poll: several options may be chosen.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub multiple: bool,
    /// Board: the columns, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// Scale: lowest and highest value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i32>,
    /// Scale: what the lowest and highest values mean (« Pas du tout »,
    /// « Tout à fait »).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_label: Option<String>,
}

impl Settings {
    /// Words kept per word-cloud answer (3 unless set).
    pub fn max_words(&self) -> usize {
        usize::from(self.max_words.unwrap_or(3))
    }

    /// The scale's bounds (1 to 5 unless set).
    pub fn scale(&self) -> (i32, i32) {
        (self.min.unwrap_or(1), self.max.unwrap_or(5))
    }
}

/// An activity as written by the coordinator (form or API), before checks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ActivityInput {
    pub kind: String,
    pub prompt: String,
    #[serde(default)]
    pub max_words: Option<u8>,
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default)]
    pub multiple: bool,
    #[serde(default)]
    pub columns: Vec<String>,
    #[serde(default)]
    pub min: Option<i32>,
    #[serde(default)]
    pub max: Option<i32>,
    #[serde(default)]
    pub min_label: Option<String>,
    #[serde(default)]
    pub max_label: Option<String>,
}

/// A checked activity, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityDraft {
    pub kind: ActivityKind,
    pub prompt: String,
    pub settings: Settings,
}

/// Why an activity cannot be saved. Each names the field at fault; the web
/// layer words it (in French first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActivityError {
    #[error("unknown activity kind")]
    UnknownKind,
    #[error("the prompt is empty")]
    EmptyPrompt,
    #[error("the prompt is too long")]
    PromptTooLong,
    #[error("max_words must be between 1 and {MAX_WORDS}")]
    MaxWords,
    #[error("a poll needs at least two different options")]
    TooFewOptions,
    #[error("a board needs at least one column, each named once")]
    NoColumns,
    #[error("too many options or columns (at most {MAX_OPTIONS})")]
    TooManyChoices,
    #[error("an option or column is too long")]
    ChoiceTooLong,
    #[error("the scale's bounds must satisfy min < max, within 0 to 10")]
    ScaleBounds,
}

fn clean_list(raw: &[String]) -> Result<Vec<String>, ActivityError> {
    let mut out: Vec<String> = Vec::new();
    for item in raw {
        let item = collapse_spaces(item);
        if item.is_empty() {
            continue;
        }
        if item.chars().count() > MAX_TEXT {
            return Err(ActivityError::ChoiceTooLong);
        }
        if out.iter().any(|o| o.to_lowercase() == item.to_lowercase()) {
            continue;
        }
        out.push(item);
    }
    if out.len() > MAX_OPTIONS {
        return Err(ActivityError::TooManyChoices);
    }
    Ok(out)
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl ActivityInput {
    /// Checks the input and keeps only the settings of its kind. Blank
    /// options and columns are dropped and repeated ones kept once.
    pub fn validate(&self) -> Result<ActivityDraft, ActivityError> {
        let kind = ActivityKind::parse(self.kind.trim()).ok_or(ActivityError::UnknownKind)?;
        let prompt = self.prompt.trim().to_owned();
        if prompt.is_empty() {
            return Err(ActivityError::EmptyPrompt);
        }
        if prompt.chars().count() > MAX_PROMPT {
            return Err(ActivityError::PromptTooLong);
        }
        let mut settings = Settings::default();
        match kind {
            ActivityKind::WordCloud => {
                let n = self.max_words.unwrap_or(3);
                if !(1..=MAX_WORDS).contains(&n) {
                    return Err(ActivityError::MaxWords);
                }
                settings.max_words = Some(n);
            }
            ActivityKind::Poll => {
                settings.options = clean_list(&self.options)?;
                if settings.options.len() < 2 {
                    return Err(ActivityError::TooFewOptions);
                }
                settings.multiple = self.multiple;
            }
            ActivityKind::Board => {
                settings.columns = clean_list(&self.columns)?;
                if settings.columns.is_empty() {
                    return Err(ActivityError::NoColumns);
                }
            }
            ActivityKind::Scale => {
                let (min, max) = (self.min.unwrap_or(1), self.max.unwrap_or(5));
                if !(0..=10).contains(&min) || !(0..=10).contains(&max) || min >= max {
                    return Err(ActivityError::ScaleBounds);
                }
                settings.min = Some(min);
                settings.max = Some(max);
                let label = |l: &Option<String>| {
                    l.as_deref()
                        .map(collapse_spaces)
                        .filter(|l| !l.is_empty())
                        .map(|l| l.chars().take(MAX_TEXT).collect())
                };
                settings.min_label = label(&self.min_label);
                settings.max_label = label(&self.max_label);
            }
            ActivityKind::Questions => {}
        }
        Ok(ActivityDraft {
            kind,
            prompt,
            settings,
        })
    }
}

/// What a participant sends, before checks (the API's body without the
/// activity id, or the phone's form).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct AnswerInput {
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub choices: Option<Vec<String>>,
    #[serde(default)]
    pub value: Option<i32>,
    #[serde(default)]
    pub column: Option<String>,
}

/// A checked answer, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A word-cloud answer or a question: the text as typed (trimmed).
    Text(String),
    /// A post-it in a board's column (the column's name as set).
    Sticky { column: String, text: String },
    /// The chosen options' labels, in the poll's order.
    Choices(Vec<String>),
    /// A value on the scale.
    Value(i32),
}

/// Why an answer is refused. `Closed` is a conflict (409); the others are
/// unprocessable (422).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("the activity is not open")]
    Closed,
    #[error("the text is empty")]
    Empty,
    #[error("the text is longer than {MAX_TEXT} characters")]
    TooLong,
    #[error("unknown option")]
    UnknownOption,
    #[error("choose one option")]
    OneOption,
    #[error("unknown column")]
    UnknownColumn,
    #[error("the value is outside the scale")]
    OutOfScale,
    #[error("this activity does not take this kind of answer")]
    WrongShape,
}

impl AnswerError {
    /// Whether the refusal is a conflict with the activity's state (409)
    /// rather than a bad answer (422).
    pub fn is_conflict(&self) -> bool {
        matches!(self, AnswerError::Closed)
    }
}

fn answer_text(raw: Option<&str>) -> Result<String, AnswerError> {
    let text = raw.unwrap_or_default().trim();
    if text.is_empty() {
        return Err(AnswerError::Empty);
    }
    if text.chars().count() > MAX_TEXT {
        return Err(AnswerError::TooLong);
    }
    Ok(text.to_owned())
}

fn same_label(a: &str, b: &str) -> bool {
    collapse_spaces(a).to_lowercase() == collapse_spaces(b).to_lowercase()
}

/// Checks an answer to an activity of `kind` with `settings` in `status`.
pub fn validate_answer(
    kind: ActivityKind,
    settings: &Settings,
    status: ActivityStatus,
    input: &AnswerInput,
) -> Result<Answer, AnswerError> {
    if status != ActivityStatus::Open {
        return Err(AnswerError::Closed);
    }
    match kind {
        ActivityKind::WordCloud | ActivityKind::Questions => {
            answer_text(input.text.as_deref()).map(Answer::Text)
        }
        ActivityKind::Board => {
            let wanted = input.column.as_deref().unwrap_or_default();
            let column = settings
                .columns
                .iter()
                .find(|c| same_label(c, wanted))
                .ok_or(AnswerError::UnknownColumn)?;
            let text = answer_text(input.text.as_deref())?;
            Ok(Answer::Sticky {
                column: column.clone(),
                text,
            })
        }
        ActivityKind::Poll => {
            let wanted = input.choices.as_deref().ok_or(AnswerError::WrongShape)?;
            if wanted.is_empty() {
                return Err(AnswerError::OneOption);
            }
            let mut chosen = Vec::new();
            for w in wanted {
                if !settings.options.iter().any(|o| same_label(o, w)) {
                    return Err(AnswerError::UnknownOption);
                }
            }
            for option in &settings.options {
                if wanted.iter().any(|w| same_label(option, w)) {
                    chosen.push(option.clone());
                }
            }
            if !settings.multiple && chosen.len() != 1 {
                return Err(AnswerError::OneOption);
            }
            Ok(Answer::Choices(chosen))
        }
        ActivityKind::Scale => {
            let value = input.value.ok_or(AnswerError::WrongShape)?;
            let (min, max) = settings.scale();
            if (min..=max).contains(&value) {
                Ok(Answer::Value(value))
            } else {
                Err(AnswerError::OutOfScale)
            }
        }
    }
}

/// Checks a nickname: trimmed, at most [`MAX_NICKNAME`] characters kept,
/// blank is none.
pub fn nickname(raw: Option<&str>) -> Option<String> {
    let name = collapse_spaces(raw.unwrap_or_default());
    (!name.is_empty()).then(|| name.chars().take(MAX_NICKNAME).collect())
}

/// A room's join code: 8 digits, shown as two groups of four.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JoinCode(String);

impl JoinCode {
    /// A new random code. The first digit is never 0, so that a code read
    /// as a number keeps its 8 digits.
    pub fn random() -> Self {
        let bytes = crate::token::random_bytes::<8>();
        let n = u64::from_le_bytes(bytes) % 90_000_000 + 10_000_000;
        Self(n.to_string())
    }

    /// Reads a code as people type it: spaces, dashes and dots ignored.
    pub fn parse(raw: &str) -> Option<Self> {
        let digits: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '\u{a0}' | '\u{202f}'))
            .collect();
        (digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit())).then_some(Self(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// « 1530 4040 » (with a no-break space, so it never splits).
    pub fn display(&self) -> String {
        format!("{}\u{a0}{}", &self.0[..4], &self.0[4..])
    }

    /// The page participants open.
    pub fn join_path(&self) -> String {
        format!("/rejoindre/{}", self.0)
    }
}

impl fmt::Display for JoinCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::str::FromStr for JoinCode {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or(())
    }
}

/// The account, if it may prepare and run the grouping's rooms (its
/// coordinators and the administrators).
///
/// Running a room is changing the grouping's data: the same rule as the
/// grouping's other pages (`plans::require_edit_grouping`).
pub fn require_run_room<'a>(
    principal: Option<&'a Principal>,
    grouping_id: &str,
) -> Result<&'a Principal, Refusal> {
    crate::plans::require_edit_grouping(principal, grouping_id)
}

/// One stored answer, as the results read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    pub id: Uuid,
    pub text: Option<String>,
    pub column: Option<String>,
    pub choices: Vec<String>,
    pub value: Option<i32>,
    pub votes: i32,
    pub answered: bool,
    pub hidden: bool,
    /// Merged into another answer (its votes counted there).
    pub merged_into: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionCount {
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StickyResult {
    pub id: Uuid,
    pub text: String,
    pub votes: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnResult {
    pub name: String,
    pub stickies: Vec<StickyResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionResult {
    pub id: Uuid,
    pub text: String,
    pub votes: i32,
    pub answered: bool,
}

/// An activity's results, in the JSON of DESIGN.md §4 *Live* (the same for
/// the results route and the stream).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Results {
    WordCloud {
        answers: u32,
        words: Vec<words::WordCount>,
    },
    Poll {
        options: Vec<OptionCount>,
    },
    Scale {
        counts: BTreeMap<String, u32>,
        mean: Option<f64>,
    },
    Board {
        columns: Vec<ColumnResult>,
    },
    Questions {
        questions: Vec<QuestionResult>,
    },
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The results of an activity from its answers (hidden and merged answers
/// are left out; a merged answer's votes go to the one it was merged into).
pub fn results(kind: ActivityKind, settings: &Settings, answers: &[AnswerRow]) -> Results {
    let shown: Vec<&AnswerRow> = answers
        .iter()
        .filter(|a| !a.hidden && a.merged_into.is_none())
        .collect();
    let merged_votes = |id: Uuid| -> i32 {
        answers
            .iter()
            .filter(|a| a.merged_into == Some(id))
            .map(|a| a.votes)
            .sum()
    };
    match kind {
        ActivityKind::WordCloud => {
            let max = settings.max_words();
            let entries: Vec<String> = shown
                .iter()
                .filter_map(|a| a.text.as_deref())
                .flat_map(|t| words::entries(t, max))
                .collect();
            Results::WordCloud {
                answers: count(shown.len()),
                words: words::group(entries.iter().map(String::as_str)),
            }
        }
        ActivityKind::Poll => Results::Poll {
            options: settings
                .options
                .iter()
                .map(|o| OptionCount {
                    label: o.clone(),
                    count: count(shown.iter().filter(|a| a.choices.contains(o)).count()),
                })
                .collect(),
        },
        ActivityKind::Scale => {
            let (min, max) = settings.scale();
            let mut counts: BTreeMap<String, u32> =
                (min..=max).map(|v| (v.to_string(), 0)).collect();
            let values: Vec<i32> = shown.iter().filter_map(|a| a.value).collect();
            for v in &values {
                *counts.entry(v.to_string()).or_default() += 1;
            }
            let mean = (!values.is_empty()).then(|| {
                let sum: i64 = values.iter().map(|v| i64::from(*v)).sum();
                #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
                let mean = sum as f64 / values.len() as f64;
                (mean * 100.0).round() / 100.0
            });
            Results::Scale { counts, mean }
        }
        ActivityKind::Board => Results::Board {
            columns: settings
                .columns
                .iter()
                .map(|c| {
                    let mut stickies: Vec<StickyResult> = shown
                        .iter()
                        .filter(|a| a.column.as_deref() == Some(c.as_str()))
                        .map(|a| StickyResult {
                            id: a.id,
                            text: a.text.clone().unwrap_or_default(),
                            votes: a.votes + merged_votes(a.id),
                        })
                        .collect();
                    // Most voted first; equal votes keep the order posted.
                    stickies.sort_by_key(|s| std::cmp::Reverse(s.votes));
                    ColumnResult {
                        name: c.clone(),
                        stickies,
                    }
                })
                .collect(),
        },
        ActivityKind::Questions => {
            let mut questions: Vec<QuestionResult> = shown
                .iter()
                .map(|a| QuestionResult {
                    id: a.id,
                    text: a.text.clone().unwrap_or_default(),
                    votes: a.votes + merged_votes(a.id),
                    answered: a.answered,
                })
                .collect();
            // Open questions first, most voted first; then the answered.
            questions.sort_by(|a, b| a.answered.cmp(&b.answered).then(b.votes.cmp(&a.votes)));
            Results::Questions { questions }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: &str) -> ActivityInput {
        ActivityInput {
            kind: kind.into(),
            prompt: "3 mots-clés…".into(),
            ..ActivityInput::default()
        }
    }

    fn open(
        kind: ActivityKind,
        settings: &Settings,
        input: &AnswerInput,
    ) -> Result<Answer, AnswerError> {
        validate_answer(kind, settings, ActivityStatus::Open, input)
    }

    #[test]
    fn codes_read_as_typed_and_show_in_two_groups() {
        let code = JoinCode::parse(" 1530 4040 ").unwrap();
        assert_eq!(code.as_str(), "15304040");
        assert_eq!(code.display(), "1530\u{a0}4040");
        assert_eq!(JoinCode::parse("1530-4040").unwrap(), code);
        assert!(JoinCode::parse("1530404").is_none());
        assert!(JoinCode::parse("1530404a").is_none());
        assert!(JoinCode::parse("153040401").is_none());
        for _ in 0..100 {
            let c = JoinCode::random();
            assert_eq!(c.as_str().len(), 8);
            assert!(!c.as_str().starts_with('0'));
        }
    }

    #[test]
    fn an_activity_keeps_only_the_settings_of_its_kind() {
        let mut poll = input("poll");
        poll.options = vec!["Oui".into(), " ".into(), "Non".into(), "oui".into()];
        poll.columns = vec!["ignored".into()];
        let d = poll.validate().unwrap();
        assert_eq!(d.settings.options, ["Oui", "Non"]);
        assert!(d.settings.columns.is_empty());
        poll.options = vec!["Oui".into()];
        assert_eq!(poll.validate(), Err(ActivityError::TooFewOptions));
        assert_eq!(input("slides").validate(), Err(ActivityError::UnknownKind));
        let mut blank = input("questions");
        blank.prompt = "  ".into();
        assert_eq!(blank.validate(), Err(ActivityError::EmptyPrompt));
        let mut scale = input("scale");
        scale.min = Some(5);
        scale.max = Some(1);
        assert_eq!(scale.validate(), Err(ActivityError::ScaleBounds));
        assert_eq!(input("board").validate(), Err(ActivityError::NoColumns));
        let mut cloud = input("word_cloud");
        cloud.max_words = Some(0);
        assert_eq!(cloud.validate(), Err(ActivityError::MaxWords));
        cloud.max_words = None;
        assert_eq!(cloud.validate().unwrap().settings.max_words, Some(3));
    }

    #[test]
    fn answers_are_checked_against_their_activity() {
        let poll = Settings {
            options: vec!["Oui".into(), "Non".into()],
            ..Settings::default()
        };
        let choose = |c: &[&str]| AnswerInput {
            choices: Some(c.iter().map(|s| (*s).to_owned()).collect()),
            ..AnswerInput::default()
        };
        assert_eq!(
            open(ActivityKind::Poll, &poll, &choose(&["oui"])),
            Ok(Answer::Choices(vec!["Oui".into()]))
        );
        assert_eq!(
            open(ActivityKind::Poll, &poll, &choose(&["Peut-être"])),
            Err(AnswerError::UnknownOption)
        );
        assert_eq!(
            open(ActivityKind::Poll, &poll, &choose(&["Oui", "Non"])),
            Err(AnswerError::OneOption)
        );
        let text = |t: &str| AnswerInput {
            text: Some(t.into()),
            ..AnswerInput::default()
        };
        let none = Settings::default();
        assert_eq!(
            open(ActivityKind::WordCloud, &none, &text("   ")),
            Err(AnswerError::Empty)
        );
        assert_eq!(
            open(ActivityKind::WordCloud, &none, &text(&"a".repeat(10_000))),
            Err(AnswerError::TooLong)
        );
        assert_eq!(
            open(
                ActivityKind::Questions,
                &none,
                &text("<script>alert(1)</script> 🎉")
            ),
            Ok(Answer::Text("<script>alert(1)</script> 🎉".into()))
        );
        assert_eq!(
            validate_answer(
                ActivityKind::WordCloud,
                &none,
                ActivityStatus::Closed,
                &text("x")
            ),
            Err(AnswerError::Closed)
        );
        let scale = Settings::default();
        let value = |v| AnswerInput {
            value: Some(v),
            ..AnswerInput::default()
        };
        assert_eq!(
            open(ActivityKind::Scale, &scale, &value(5)),
            Ok(Answer::Value(5))
        );
        assert_eq!(
            open(ActivityKind::Scale, &scale, &value(6)),
            Err(AnswerError::OutOfScale)
        );
        let board = Settings {
            columns: vec!["Recrutement".into(), "Autres".into()],
            ..Settings::default()
        };
        let sticky = |c: &str| AnswerInput {
            column: Some(c.into()),
            text: Some("Un agent par école".into()),
            ..AnswerInput::default()
        };
        assert_eq!(
            open(ActivityKind::Board, &board, &sticky("recrutement")),
            Ok(Answer::Sticky {
                column: "Recrutement".into(),
                text: "Un agent par école".into()
            })
        );
        assert_eq!(
            open(ActivityKind::Board, &board, &sticky("Budget")),
            Err(AnswerError::UnknownColumn)
        );
    }

    fn row(text: &str) -> AnswerRow {
        AnswerRow {
            id: Uuid::new_v4(),
            text: Some(text.into()),
            column: None,
            choices: Vec::new(),
            value: None,
            votes: 0,
            answered: false,
            hidden: false,
            merged_into: None,
        }
    }

    #[test]
    fn results_leave_out_hidden_answers_and_count_merged_votes_once() {
        let mut first = row("Plus de temps");
        first.votes = 2;
        let mut merged = row("Du temps");
        merged.votes = 3;
        merged.merged_into = Some(first.id);
        let mut spam = row("Spam");
        spam.hidden = true;
        let Results::Questions { questions } = results(
            ActivityKind::Questions,
            &Settings::default(),
            &[first, merged, spam],
        ) else {
            panic!("questions")
        };
        assert_eq!(questions.len(), 1);
        assert_eq!(questions[0].votes, 5);

        let rows = [
            row("Écoute, respect"),
            row("l'écoute"),
            row("Écoutes\nConfiance"),
        ];
        let r = results(ActivityKind::WordCloud, &Settings::default(), &rows);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["kind"], "word_cloud");
        assert_eq!(json["answers"], 3);
        assert_eq!(json["words"][0]["text"], "Écoute");
        assert_eq!(json["words"][0]["count"], 3);

        let mut four = row("");
        four.value = Some(4);
        let mut five = row("");
        five.value = Some(5);
        let json = serde_json::to_value(results(
            ActivityKind::Scale,
            &Settings::default(),
            &[four, five],
        ))
        .unwrap();
        assert_eq!(json["counts"]["4"], 1);
        assert_eq!(json["counts"]["1"], 0);
        assert_eq!(json["mean"], 4.5);
    }
}
