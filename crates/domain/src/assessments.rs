//! Self-assessment tools: the answer scale, a published version's snapshot,
//! the rules an answer follows, and the templates shipped from seed 003.
//!
//! A tool is edited as sections and items; each published version is an
//! immutable [`Snapshot`] that the responses given on it keep. What may be
//! answered is decided here, against the response's own snapshot, so the
//! API and the pages refuse the same things.

pub mod templates;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::access::{Permission, Principal};
use crate::limits;
use crate::plans::{Refusal, require_edit_grouping};

/// One level of a tool's answer scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScaleLevel {
    /// A stable code (`[a-z0-9_]`), what the API and the files carry.
    pub code: String,
    /// What the respondent reads.
    pub label: String,
}

/// The code of the level that means « this does not apply to us »: it
/// counts in a portrait but never calls for an action nor ranks.
pub const NOT_RELEVANT: &str = "non_pertinent";

/// A tool's answer scale, from the best level (« Déjà en place ») to the
/// one that most calls for work, then « Non pertinent ».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Scale(pub Vec<ScaleLevel>);

impl Default for Scale {
    /// Seed 003's three levels, plus « Non pertinent pour notre milieu »
    /// since the seed says to keep only what suits one's setting.
    fn default() -> Self {
        let level = |code: &str, label: &str| ScaleLevel {
            code: code.to_owned(),
            label: label.to_owned(),
        };
        Scale(vec![
            level("en_place", "Déjà en place"),
            level("a_ameliorer", "À améliorer"),
            level("a_developper", "À développer"),
            level(NOT_RELEVANT, "Non pertinent pour notre milieu"),
        ])
    }
}

/// Why a scale is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScaleError {
    #[error("a scale needs two to eight levels")]
    Size,
    #[error("a level's code is letters, digits and `_`, at most 40")]
    Code,
    #[error("a level needs a label of at most 300 characters")]
    Label,
    #[error("two levels share a code")]
    Duplicate,
}

impl Scale {
    pub fn validate(&self) -> Result<(), ScaleError> {
        if !(2..=8).contains(&self.0.len()) {
            return Err(ScaleError::Size);
        }
        let mut seen = HashSet::new();
        for level in &self.0 {
            let code_ok = !level.code.is_empty()
                && level.code.len() <= 40
                && level
                    .code
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !code_ok {
                return Err(ScaleError::Code);
            }
            let label = level.label.trim();
            if label.is_empty() || label.chars().count() > limits::NAME {
                return Err(ScaleError::Label);
            }
            if !seen.insert(level.code.as_str()) {
                return Err(ScaleError::Duplicate);
            }
        }
        Ok(())
    }

    #[must_use]
    pub fn level(&self, code: &str) -> Option<&ScaleLevel> {
        self.0.iter().find(|l| l.code == code)
    }

    /// The level's rank from the best (0), or `None` for « Non pertinent »
    /// and unknown codes: what « ce qui a progressé » compares.
    #[must_use]
    pub fn rank(&self, code: &str) -> Option<usize> {
        if code == NOT_RELEVANT {
            return None;
        }
        self.0
            .iter()
            .filter(|l| l.code != NOT_RELEVANT)
            .position(|l| l.code == code)
    }

    /// Whether an item at this level calls for an action of the plan:
    /// every ranked level but the best (seed 003: « À améliorer » and « À
    /// développer »).
    #[must_use]
    pub fn calls_for_action(&self, code: &str) -> bool {
        self.rank(code).is_some_and(|r| r > 0)
    }
}

/// An item of a published version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotItem {
    pub id: uuid::Uuid,
    pub text: String,
}

/// A section of a published version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotSection {
    pub id: uuid::Uuid,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guide: Option<String>,
    pub items: Vec<SnapshotItem>,
}

/// What a version of a tool was when it was published: the responses given
/// on it are read against it, whatever the tool became since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub introduction: Option<String>,
    pub scale: Scale,
    pub sections: Vec<SnapshotSection>,
}

impl Snapshot {
    /// The items in order, section by section.
    pub fn items(&self) -> impl Iterator<Item = &SnapshotItem> {
        self.sections.iter().flat_map(|s| s.items.iter())
    }

    #[must_use]
    pub fn item(&self, id: uuid::Uuid) -> Option<&SnapshotItem> {
        self.items().find(|i| i.id == id)
    }
}

/// A response's state: a draft is saved as often as wanted; a submitted
/// response counts in the grouping's portrait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ResponseStatus {
    Draft,
    Submitted,
}

impl ResponseStatus {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseStatus::Draft => "draft",
            ResponseStatus::Submitted => "submitted",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(ResponseStatus::Draft),
            "submitted" => Some(ResponseStatus::Submitted),
            _ => None,
        }
    }
}

/// One answer as typed or posted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
pub struct AnswerInput {
    pub item: uuid::Uuid,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub comment: Option<String>,
}

/// An answer that passed [`validate_answers`]: a known item, a level of the
/// scale (or none in a draft), a trimmed comment within bounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub item: uuid::Uuid,
    pub level: Option<String>,
    pub comment: Option<String>,
}

/// Why a response's answers are refused; the whole response is then
/// refused and nothing is written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("item {0} is not an item of this version of the tool")]
    UnknownItem(uuid::Uuid),
    #[error("level `{level}` is not on the tool's scale (item {item})")]
    UnknownLevel { item: uuid::Uuid, level: String },
    #[error("item {0} is answered twice")]
    Duplicate(uuid::Uuid),
    #[error("the comment on item {0} is over 10,000 characters")]
    CommentTooLong(uuid::Uuid),
}

/// Checks a response's answers against the version it answers. An empty
/// level or comment is no level or comment; a draft may leave items open,
/// and so may a submitted response (seed 003: keep only what suits).
pub fn validate_answers(
    snapshot: &Snapshot,
    answers: &[AnswerInput],
) -> Result<Vec<Answer>, AnswerError> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(answers.len());
    for a in answers {
        if snapshot.item(a.item).is_none() {
            return Err(AnswerError::UnknownItem(a.item));
        }
        if !seen.insert(a.item) {
            return Err(AnswerError::Duplicate(a.item));
        }
        let level = a.level.as_deref().map(str::trim).filter(|l| !l.is_empty());
        if let Some(level) = level
            && snapshot.scale.level(level).is_none()
        {
            return Err(AnswerError::UnknownLevel {
                item: a.item,
                level: level.to_owned(),
            });
        }
        let comment = a
            .comment
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        if comment.is_some_and(|c| c.chars().count() > limits::LONG_TEXT) {
            return Err(AnswerError::CommentTooLong(a.item));
        }
        out.push(Answer {
            item: a.item,
            level: level.map(str::to_owned),
            comment: comment.map(str::to_owned),
        });
    }
    Ok(out)
}

/// A team's name within its organization: trimmed, spaces folded, at most a
/// name's length; empty means the whole organization.
#[must_use]
pub fn team_name(raw: &str) -> Option<String> {
    let folded = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (folded.chars().count() <= limits::NAME).then_some(folded)
}

/// Why a tool's text is refused (the builder's forms and the API).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ToolTextError {
    #[error("a title is needed, at most 300 characters")]
    Title,
    #[error("the introduction is over 10,000 characters")]
    Introduction,
    #[error("a section needs a title of at most 300 characters")]
    SectionTitle,
    #[error("a section's guiding sentence is over 10,000 characters")]
    Guide,
    #[error("an item needs a text of at most 10,000 characters")]
    ItemText,
}

/// Spaces folded, trimmed: what a one-line title keeps.
fn one_line(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A tool's or a section's title: one line, not empty, at most a name.
fn title(raw: &str, error: ToolTextError) -> Result<String, ToolTextError> {
    let t = one_line(raw);
    if t.is_empty() || t.chars().count() > limits::NAME {
        Err(error)
    } else {
        Ok(t)
    }
}

/// A long text kept as typed (lines too), trimmed; empty is none.
fn long_text(raw: &str, error: ToolTextError) -> Result<Option<String>, ToolTextError> {
    let t = raw.trim().replace("\r\n", "\n");
    if t.chars().count() > limits::LONG_TEXT {
        Err(error)
    } else {
        Ok(Some(t).filter(|t| !t.is_empty()))
    }
}

/// A tool's title.
pub fn tool_title(raw: &str) -> Result<String, ToolTextError> {
    title(raw, ToolTextError::Title)
}

/// A tool's introduction (optional).
pub fn introduction(raw: &str) -> Result<Option<String>, ToolTextError> {
    long_text(raw, ToolTextError::Introduction)
}

/// A section's title.
pub fn section_title(raw: &str) -> Result<String, ToolTextError> {
    title(raw, ToolTextError::SectionTitle)
}

/// A section's guiding sentence (optional).
pub fn guide(raw: &str) -> Result<Option<String>, ToolTextError> {
    long_text(raw, ToolTextError::Guide)
}

/// An item's text: needed, at most a long text.
pub fn item_text(raw: &str) -> Result<String, ToolTextError> {
    long_text(raw, ToolTextError::ItemText)?.ok_or(ToolTextError::ItemText)
}

impl Scale {
    /// A scale typed one level a line, `code | label` or a label alone
    /// (its code is then made from the label: « À améliorer » →
    /// `a_ameliorer`).
    pub fn from_lines(text: &str) -> Result<Scale, ScaleError> {
        let levels = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|line| {
                let (code, label) = match line.split_once('|') {
                    Some((code, label)) => (code.trim().to_owned(), label.trim()),
                    None => (code_of(line), line),
                };
                ScaleLevel {
                    code,
                    label: one_line(label),
                }
            })
            .collect();
        let scale = Scale(levels);
        scale.validate()?;
        Ok(scale)
    }

    /// The scale one level a line, `code | label`: what [`Scale::from_lines`] reads back.
    #[must_use]
    pub fn to_lines(&self) -> String {
        self.0
            .iter()
            .map(|l| format!("{} | {}", l.code, l.label))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// A level's code made from its label: its slug with `_` (accents
/// dropped, anything else one `_`).
fn code_of(label: &str) -> String {
    crate::slug::slugify(label)
        .replace('-', "_")
        .chars()
        .take(40)
        .collect()
}

// ---------- who may do what ----------

/// The account, if it may read the tool: any signed-in account reads a
/// platform template (`grouping` none); a grouping's tool is read by the
/// grouping's people (403 for others: a tool is no secret, but it is theirs).
pub fn require_read_tool<'a>(
    principal: Option<&'a Principal>,
    grouping: Option<&str>,
) -> Result<&'a Principal, Refusal> {
    let principal = principal.ok_or(Refusal::SignIn)?;
    let ok = match grouping {
        None => principal.allows(Permission::UseApp, None),
        Some(g) => principal.allows(Permission::ReadGrouping, Some(g)),
    };
    if ok {
        Ok(principal)
    } else {
        Err(Refusal::Forbidden)
    }
}

/// The account, if it may change the tool: a grouping's coordinators for
/// its tools, the administrators for the platform's templates.
pub fn require_edit_tool<'a>(
    principal: Option<&'a Principal>,
    grouping: Option<&str>,
) -> Result<&'a Principal, Refusal> {
    match grouping {
        Some(g) => require_edit_grouping(principal, g),
        None => {
            let principal = principal.ok_or(Refusal::SignIn)?;
            if principal.is_admin {
                Ok(principal)
            } else {
                Err(Refusal::Forbidden)
            }
        }
    }
}

/// The account, if it may fill responses for the grouping's member
/// organizations (a member of the grouping or more).
pub fn require_fill<'a>(
    principal: Option<&'a Principal>,
    grouping: &str,
) -> Result<&'a Principal, Refusal> {
    let principal = principal.ok_or(Refusal::SignIn)?;
    if principal.allows(Permission::FillAssessment, Some(grouping)) {
        Ok(principal)
    } else {
        Err(Refusal::Forbidden)
    }
}

/// The account, if it may read a response of the grouping: the grouping's
/// people; for anyone else the response does not exist (404), since a
/// draft is private.
pub fn require_read_response<'a>(
    principal: Option<&'a Principal>,
    grouping: &str,
) -> Result<&'a Principal, Refusal> {
    let principal = principal.ok_or(Refusal::SignIn)?;
    if principal.allows(Permission::ReadGrouping, Some(grouping)) {
        Ok(principal)
    } else {
        Err(Refusal::Hidden)
    }
}

/// The account, if it may change a response: read it first (404), then
/// fill for the grouping (403).
pub fn require_edit_response<'a>(
    principal: Option<&'a Principal>,
    grouping: &str,
) -> Result<&'a Principal, Refusal> {
    require_read_response(principal, grouping)?;
    require_fill(principal, grouping)
}

/// The account, if it may reopen a submitted response: a coordinator.
pub fn require_reopen<'a>(
    principal: Option<&'a Principal>,
    grouping: &str,
) -> Result<&'a Principal, Refusal> {
    require_read_response(principal, grouping)?;
    require_edit_grouping(principal, grouping)
}

#[cfg(test)]
mod tests {
    use uuid::Uuid;

    use super::*;

    fn snapshot() -> (Snapshot, Uuid, Uuid) {
        let a = Uuid::new_v4();
        let b = Uuid::new_v4();
        let s = Snapshot {
            title: "Outil".into(),
            introduction: None,
            scale: Scale::default(),
            sections: vec![SnapshotSection {
                id: Uuid::new_v4(),
                title: "Section".into(),
                guide: None,
                items: vec![
                    SnapshotItem {
                        id: a,
                        text: "A".into(),
                    },
                    SnapshotItem {
                        id: b,
                        text: "B".into(),
                    },
                ],
            }],
        };
        (s, a, b)
    }

    #[test]
    fn the_default_scale_is_the_seeds_with_not_relevant() {
        let scale = Scale::default();
        assert!(scale.validate().is_ok());
        let codes: Vec<&str> = scale.0.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(
            codes,
            ["en_place", "a_ameliorer", "a_developper", "non_pertinent"]
        );
        assert_eq!(scale.rank("en_place"), Some(0));
        assert_eq!(scale.rank("a_developper"), Some(2));
        assert_eq!(scale.rank(NOT_RELEVANT), None);
        assert!(!scale.calls_for_action("en_place"));
        assert!(scale.calls_for_action("a_ameliorer"));
        assert!(scale.calls_for_action("a_developper"));
        assert!(!scale.calls_for_action(NOT_RELEVANT));
        assert!(!scale.calls_for_action("inconnu"));
    }

    #[test]
    fn a_scale_with_bad_codes_or_twins_is_refused() {
        let mut scale = Scale::default();
        scale.0[1].code = "À améliorer".into();
        assert_eq!(scale.validate(), Err(ScaleError::Code));
        let mut scale = Scale::default();
        scale.0[1].code = "en_place".into();
        assert_eq!(scale.validate(), Err(ScaleError::Duplicate));
        assert_eq!(
            Scale(vec![Scale::default().0[0].clone()]).validate(),
            Err(ScaleError::Size)
        );
    }

    #[test]
    fn answers_outside_the_version_or_the_scale_are_refused() {
        let (s, a, b) = snapshot();
        let ok = validate_answers(
            &s,
            &[
                AnswerInput {
                    item: a,
                    level: Some(" a_developper ".into()),
                    comment: Some("  ".into()),
                },
                AnswerInput {
                    item: b,
                    level: Some(String::new()),
                    comment: Some("Trop tôt".into()),
                },
            ],
        )
        .unwrap();
        assert_eq!(ok[0].level.as_deref(), Some("a_developper"));
        assert_eq!(ok[0].comment, None);
        assert_eq!(ok[1].level, None);
        let stranger = Uuid::new_v4();
        assert_eq!(
            validate_answers(
                &s,
                &[AnswerInput {
                    item: stranger,
                    ..AnswerInput::default()
                }]
            ),
            Err(AnswerError::UnknownItem(stranger))
        );
        assert!(matches!(
            validate_answers(
                &s,
                &[AnswerInput {
                    item: a,
                    level: Some("excellent".into()),
                    comment: None
                }]
            ),
            Err(AnswerError::UnknownLevel { .. })
        ));
        let twice = AnswerInput {
            item: a,
            ..AnswerInput::default()
        };
        assert_eq!(
            validate_answers(&s, &[twice.clone(), twice]),
            Err(AnswerError::Duplicate(a))
        );
        assert_eq!(
            validate_answers(
                &s,
                &[AnswerInput {
                    item: b,
                    level: None,
                    comment: Some("é".repeat(limits::LONG_TEXT + 1))
                }]
            ),
            Err(AnswerError::CommentTooLong(b))
        );
    }

    #[test]
    fn statuses_and_team_names() {
        assert_eq!(ResponseStatus::parse("draft"), Some(ResponseStatus::Draft));
        assert_eq!(ResponseStatus::parse("final"), None);
        assert_eq!(ResponseStatus::Submitted.as_str(), "submitted");
        assert_eq!(
            team_name("  Équipe   du 2e  cycle ").as_deref(),
            Some("Équipe du 2e cycle")
        );
        assert_eq!(team_name(&"x".repeat(400)), None);
    }

    #[test]
    fn tool_texts_are_trimmed_and_bounded() {
        assert_eq!(tool_title("  Mon   outil ").unwrap(), "Mon outil");
        assert_eq!(tool_title("  "), Err(ToolTextError::Title));
        assert_eq!(introduction("  ").unwrap(), None);
        assert_eq!(item_text(""), Err(ToolTextError::ItemText));
        assert_eq!(
            item_text(&"é".repeat(limits::LONG_TEXT + 1)),
            Err(ToolTextError::ItemText)
        );
        assert_eq!(
            guide(" Ligne 1\r\nLigne 2 ").unwrap().unwrap(),
            "Ligne 1\nLigne 2"
        );
    }

    #[test]
    fn a_scale_is_typed_one_level_a_line() {
        let scale = Scale::default();
        assert_eq!(Scale::from_lines(&scale.to_lines()).unwrap(), scale);
        let typed = Scale::from_lines("Déjà en place\nÀ améliorer\n\n  Pas du tout  ").unwrap();
        let codes: Vec<&str> = typed.0.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["deja_en_place", "a_ameliorer", "pas_du_tout"]);
        assert_eq!(Scale::from_lines("Oui"), Err(ScaleError::Size));
        assert_eq!(
            Scale::from_lines("oui | Oui\noui | Non"),
            Err(ScaleError::Duplicate)
        );
        assert_eq!(Scale::from_lines("Oui\n!!!"), Err(ScaleError::Code));
    }

    #[test]
    fn who_may_read_change_and_fill() {
        use crate::Role;
        let p = |roles: &[(&str, Role)]| Principal {
            is_admin: false,
            grouping_roles: roles.iter().map(|(g, r)| ((*g).to_owned(), *r)).collect(),
        };
        let member = p(&[("a", Role::Member)]);
        let viewer = p(&[("a", Role::Viewer)]);
        let coordinator = p(&[("a", Role::Coordinator)]);
        let stranger = p(&[("b", Role::Coordinator)]);
        let admin = Principal {
            is_admin: true,
            ..Principal::default()
        };
        assert_eq!(require_read_tool(None, None), Err(Refusal::SignIn));
        assert!(require_read_tool(Some(&stranger), None).is_ok());
        assert!(require_read_tool(Some(&viewer), Some("a")).is_ok());
        assert_eq!(
            require_read_tool(Some(&stranger), Some("a")),
            Err(Refusal::Forbidden)
        );
        assert!(require_edit_tool(Some(&coordinator), Some("a")).is_ok());
        assert_eq!(
            require_edit_tool(Some(&member), Some("a")),
            Err(Refusal::Forbidden)
        );
        assert_eq!(
            require_edit_tool(Some(&coordinator), None),
            Err(Refusal::Forbidden)
        );
        assert!(require_edit_tool(Some(&admin), None).is_ok());
        assert!(require_fill(Some(&member), "a").is_ok());
        assert_eq!(require_fill(Some(&viewer), "a"), Err(Refusal::Forbidden));
        assert_eq!(require_fill(Some(&stranger), "a"), Err(Refusal::Forbidden));
        assert!(require_read_response(Some(&viewer), "a").is_ok());
        assert_eq!(
            require_read_response(Some(&stranger), "a"),
            Err(Refusal::Hidden)
        );
        assert_eq!(
            require_edit_response(Some(&viewer), "a"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(
            require_edit_response(Some(&stranger), "a"),
            Err(Refusal::Hidden)
        );
        assert!(require_reopen(Some(&coordinator), "a").is_ok());
        assert_eq!(require_reopen(Some(&member), "a"), Err(Refusal::Forbidden));
    }
}
