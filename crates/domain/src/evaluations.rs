//! Evaluations of a grouping's work: a report (title, authors, year, the
//! citation), its axes, and per axis the findings (« constats ») and the
//! recommendations (« recommandations ») the grouping follows up.
//!
//! A recommendation's follow-up status is one of four codes, stored and
//! spoken by the API as written here (French, like the plans' action
//! statuses): `retenue` (kept, the default), `en_cours` (in progress),
//! `realisee` (done) and `non_retenue` (not kept — which needs a reason:
//! a grouping that sets a recommendation aside says why). Any status may
//! follow any other: an evaluation's follow-up is revisited, not a
//! workflow.
//!
//! What the store writes is decided here: the texts are trimmed and
//! bounded, and a refused input names the Fluent key of its message.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::limits;
use crate::plans::{MAX_YEAR, MIN_YEAR};

/// Every Fluent key this module may return in an [`EvaluationError`].
pub const ERROR_KEYS: &[&str] = &[
    "evaluations-error-title",
    "evaluations-error-authors",
    "evaluations-error-year",
    "evaluations-error-citation",
    "evaluations-error-axis-title",
    "evaluations-error-text",
    "evaluations-error-heading",
    "evaluations-error-status",
    "evaluations-error-reason-required",
    "evaluations-error-reason-long",
];

/// Where the follow-up of a recommendation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationStatus {
    /// Kept by the grouping: something is to be done (the default).
    Retenue,
    /// Actions under way.
    EnCours,
    /// Done.
    Realisee,
    /// Set aside, with a reason.
    NonRetenue,
}

impl RecommendationStatus {
    pub const ALL: [RecommendationStatus; 4] = [
        RecommendationStatus::Retenue,
        RecommendationStatus::EnCours,
        RecommendationStatus::Realisee,
        RecommendationStatus::NonRetenue,
    ];

    /// The code stored in the database and used by the API.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            RecommendationStatus::Retenue => "retenue",
            RecommendationStatus::EnCours => "en_cours",
            RecommendationStatus::Realisee => "realisee",
            RecommendationStatus::NonRetenue => "non_retenue",
        }
    }

    /// The code, trimmed and in any case; nothing else (the API documents
    /// the four codes).
    #[must_use]
    pub fn parse(value: &str) -> Option<Self> {
        let wanted = value.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|s| s.as_str() == wanted)
    }

    /// The Fluent message of the label (« Retenue », « Non retenue », …).
    #[must_use]
    pub fn label_key(self) -> &'static str {
        match self {
            RecommendationStatus::Retenue => "evaluations-status-retenue",
            RecommendationStatus::EnCours => "evaluations-status-en_cours",
            RecommendationStatus::Realisee => "evaluations-status-realisee",
            RecommendationStatus::NonRetenue => "evaluations-status-non_retenue",
        }
    }

    /// Whether the status needs a reason.
    #[must_use]
    pub fn needs_reason(self) -> bool {
        self == RecommendationStatus::NonRetenue
    }
}

impl fmt::Display for RecommendationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why an input is refused; [`EvaluationError::key`] names its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EvaluationError {
    #[error("the title is empty or too long")]
    Title,
    #[error("the authors are empty or too long")]
    Authors,
    #[error("the year is not a year")]
    Year,
    #[error("the citation is too long")]
    Citation,
    #[error("the axis title is empty or too long")]
    AxisTitle,
    #[error("the text is empty or too long")]
    Text,
    #[error("the heading is too long")]
    Heading,
    #[error("unknown status")]
    Status,
    #[error("a recommendation not kept needs a reason")]
    ReasonRequired,
    #[error("the reason is too long")]
    ReasonTooLong,
}

impl EvaluationError {
    /// The Fluent key of the message (one of [`ERROR_KEYS`]).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            EvaluationError::Title => "evaluations-error-title",
            EvaluationError::Authors => "evaluations-error-authors",
            EvaluationError::Year => "evaluations-error-year",
            EvaluationError::Citation => "evaluations-error-citation",
            EvaluationError::AxisTitle => "evaluations-error-axis-title",
            EvaluationError::Text => "evaluations-error-text",
            EvaluationError::Heading => "evaluations-error-heading",
            EvaluationError::Status => "evaluations-error-status",
            EvaluationError::ReasonRequired => "evaluations-error-reason-required",
            EvaluationError::ReasonTooLong => "evaluations-error-reason-long",
        }
    }
}

/// `text` trimmed, with its inner line breaks kept (a finding's list of
/// points), and `Err` when empty or longer than `max`.
fn required(text: &str, max: usize, e: EvaluationError) -> Result<String, EvaluationError> {
    let text = normalize_lines(text);
    if text.is_empty() || text.chars().count() > max {
        return Err(e);
    }
    Ok(text)
}

/// `None` for blank, else the trimmed text, `Err` when longer than `max`.
fn optional(text: &str, max: usize, e: EvaluationError) -> Result<Option<String>, EvaluationError> {
    let text = normalize_lines(text);
    if text.is_empty() {
        Ok(None)
    } else if text.chars().count() > max {
        Err(e)
    } else {
        Ok(Some(text))
    }
}

/// Line ends as `\n`, each line's trailing spaces and the blank lines
/// before and after dropped: what a textarea sends back is written once.
fn normalize_lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_owned()
}

/// A one-line text: runs of whitespace (line breaks included) as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What an evaluation says of itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationInput {
    pub title: String,
    pub authors: String,
    pub year: String,
    pub citation: String,
}

/// An [`EvaluationInput`] the store may write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidEvaluation {
    pub title: String,
    pub authors: String,
    pub year: i32,
    pub citation: Option<String>,
}

impl EvaluationInput {
    /// The first refusal, field by field in the form's order.
    pub fn validate(&self) -> Result<ValidEvaluation, EvaluationError> {
        let title = one_line(&self.title);
        if title.is_empty() || title.chars().count() > limits::SHORT_TEXT {
            return Err(EvaluationError::Title);
        }
        let authors = one_line(&self.authors);
        if authors.is_empty() || authors.chars().count() > limits::SHORT_TEXT {
            return Err(EvaluationError::Authors);
        }
        let year = self
            .year
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y))
            .ok_or(EvaluationError::Year)?;
        let citation = optional(&self.citation, limits::LONG_TEXT, EvaluationError::Citation)?;
        Ok(ValidEvaluation {
            title,
            authors,
            year,
            citation,
        })
    }
}

/// An axis's title: one line, not empty.
pub fn axis_title(text: &str) -> Result<String, EvaluationError> {
    let title = one_line(text);
    if title.is_empty() || title.chars().count() > limits::SHORT_TEXT {
        return Err(EvaluationError::AxisTitle);
    }
    Ok(title)
}

/// A finding's or a recommendation's text: its lines kept, not empty.
pub fn item_text(text: &str) -> Result<String, EvaluationError> {
    required(text, limits::LONG_TEXT, EvaluationError::Text)
}

/// A finding's optional heading (« Municipal », « Scolaire »).
pub fn heading(text: &str) -> Result<Option<String>, EvaluationError> {
    let text = one_line(text);
    optional(&text, limits::NAME, EvaluationError::Heading)
}

/// A follow-up status as written: a known code, and a reason when the
/// status needs one. A status that needs none keeps a reason given (why it
/// is under way, what was done) or drops a blank one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub status: RecommendationStatus,
    pub reason: Option<String>,
}

pub fn status_change(status: &str, reason: Option<&str>) -> Result<StatusChange, EvaluationError> {
    let status = RecommendationStatus::parse(status).ok_or(EvaluationError::Status)?;
    let reason = optional(
        reason.unwrap_or_default(),
        limits::LONG_TEXT,
        EvaluationError::ReasonTooLong,
    )?;
    if status.needs_reason() && reason.is_none() {
        return Err(EvaluationError::ReasonRequired);
    }
    Ok(StatusChange { status, reason })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_parse_from_their_codes_only() {
        for s in RecommendationStatus::ALL {
            assert_eq!(RecommendationStatus::parse(s.as_str()), Some(s));
            assert!(s.label_key().ends_with(s.as_str()));
        }
        assert_eq!(
            RecommendationStatus::parse(" EN_COURS "),
            Some(RecommendationStatus::EnCours)
        );
        assert_eq!(RecommendationStatus::parse("réalisée"), None);
        assert_eq!(RecommendationStatus::parse(""), None);
        assert_eq!(RecommendationStatus::parse("done"), None);
    }

    #[test]
    fn not_kept_needs_a_reason_and_the_others_do_not() {
        assert_eq!(
            status_change("non_retenue", None),
            Err(EvaluationError::ReasonRequired)
        );
        assert_eq!(
            status_change("non_retenue", Some("  \n ")),
            Err(EvaluationError::ReasonRequired)
        );
        let c = status_change("non_retenue", Some("  Hors de notre mandat. ")).unwrap();
        assert_eq!(c.status, RecommendationStatus::NonRetenue);
        assert_eq!(c.reason.as_deref(), Some("Hors de notre mandat."));
        let c = status_change("en_cours", Some(" ")).unwrap();
        assert_eq!(c.reason, None);
        let c = status_change("realisee", Some("Fait en 2020")).unwrap();
        assert_eq!(c.reason.as_deref(), Some("Fait en 2020"));
        assert_eq!(
            status_change("abandonnee", Some("x")),
            Err(EvaluationError::Status)
        );
        let long = "x".repeat(limits::LONG_TEXT + 1);
        assert_eq!(
            status_change("non_retenue", Some(&long)),
            Err(EvaluationError::ReasonTooLong)
        );
    }

    #[test]
    fn every_error_has_a_listed_key() {
        for e in [
            EvaluationError::Title,
            EvaluationError::Authors,
            EvaluationError::Year,
            EvaluationError::Citation,
            EvaluationError::AxisTitle,
            EvaluationError::Text,
            EvaluationError::Heading,
            EvaluationError::Status,
            EvaluationError::ReasonRequired,
            EvaluationError::ReasonTooLong,
        ] {
            assert!(ERROR_KEYS.contains(&e.key()), "{e:?}");
        }
    }

    #[test]
    fn an_evaluation_needs_a_title_authors_and_a_year() {
        let good = EvaluationInput {
            title: " Place aux familles\n ".to_owned(),
            authors: "Lépine, É., Mailloux, D. & Lacharité, C.".to_owned(),
            year: " 2019 ".to_owned(),
            citation: "  ".to_owned(),
        };
        let v = good.validate().unwrap();
        assert_eq!(v.title, "Place aux familles");
        assert_eq!(v.year, 2019);
        assert_eq!(v.citation, None);
        let bad = |f: fn(&mut EvaluationInput)| {
            let mut i = good.clone();
            f(&mut i);
            i.validate().unwrap_err()
        };
        assert_eq!(bad(|i| i.title.clear()), EvaluationError::Title);
        assert_eq!(bad(|i| i.authors = " ".into()), EvaluationError::Authors);
        assert_eq!(bad(|i| i.year = "deux mille".into()), EvaluationError::Year);
        assert_eq!(bad(|i| i.year = "20190".into()), EvaluationError::Year);
        assert_eq!(
            bad(|i| i.citation = "c".repeat(limits::LONG_TEXT + 1)),
            EvaluationError::Citation
        );
    }

    #[test]
    fn texts_keep_their_lines_and_titles_fit_on_one() {
        assert_eq!(
            item_text("  Ils favorisent :\r\n- une chose;  \n- une autre.\n\n").unwrap(),
            "Ils favorisent :\n- une chose;\n- une autre."
        );
        assert_eq!(item_text(" \n "), Err(EvaluationError::Text));
        assert_eq!(
            axis_title(" Piloter\n le programme ").unwrap(),
            "Piloter le programme"
        );
        assert_eq!(axis_title(""), Err(EvaluationError::AxisTitle));
        assert_eq!(heading("  "), Ok(None));
        assert_eq!(
            heading(" Municipal ").unwrap().as_deref(),
            Some("Municipal")
        );
    }
}
