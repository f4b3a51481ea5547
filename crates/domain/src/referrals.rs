//! Referrals (« références ») of a person from an intervenant of one
//! organization to a service of another: the one status vocabulary of
//! DESIGN.md §4 *Referrals*, who moves a referral to which status, the
//! least personal data a referral may hold and its recorded consent.
//!
//! Québec's Law 25 (« Loi 25 ») is the reason for most rules here: nothing
//! is sent without consent, the person is described by the least that lets
//! the service reach them, and every free text is bounded.

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Every Fluent key of [`ReferralError::key`], for the test that checks
/// the catalogues hold them.
pub const ERROR_KEYS: &[&str] = &[
    "referrals-error-consent",
    "referrals-error-consent-given-by",
    "referrals-error-consent-until",
    "referrals-error-consent-shared",
    "referrals-error-first-name",
    "referrals-error-contact",
    "referrals-error-language",
    "referrals-error-age-group",
    "referrals-error-extra",
    "referrals-error-reason",
    "referrals-error-urgency",
    "referrals-error-note",
    "referrals-error-status",
    "referrals-error-transition",
    "referrals-error-side",
    "referrals-error-decline-reason",
    "referrals-error-obstacle",
    "referrals-error-comment",
    "referrals-error-to-service",
    "referrals-error-service-inactive",
    "referrals-error-service-closed",
    "referrals-error-service-territory",
    "referrals-error-same-organization",
    "referrals-error-not-member",
    "referrals-error-ack-days",
    "referrals-error-waiting-weeks",
    "referrals-error-criteria",
    "referrals-error-asked-fields",
    "referrals-error-retention",
    "referrals-error-version",
];

/// The longest note between the two organizations.
pub const NOTE_MAX: usize = 2_000;
/// The longest comment of a status change.
pub const COMMENT_MAX: usize = 1_000;
/// The longest first name (or initials).
pub const FIRST_NAME_MAX: usize = 60;
/// The longest contact channel (a phone number, an e-mail address).
pub const CONTACT_MAX: usize = 254;
/// The longest free-text reason.
pub const REASON_MAX: usize = 300;
/// The longest « what is shared » of a consent.
pub const SHARED_MAX: usize = 500;
/// How many extra named fields a service may ask for, and their bounds.
pub const ASKED_FIELDS_MAX: usize = 5;
pub const ASKED_FIELD_MAX: usize = 60;
pub const EXTRA_VALUE_MAX: usize = 200;
/// The longest acceptance criteria a service publishes.
pub const CRITERIA_MAX: usize = 2_000;
/// The retention period a grouping may choose, in months after closing.
pub const RETENTION_MONTHS_MIN: i32 = 1;
pub const RETENTION_MONTHS_MAX: i32 = 120;
/// Law 25 leaves the period to the organization; a year after closing is
/// what the issue asks by default.
pub const RETENTION_MONTHS_DEFAULT: i32 = 12;
/// The delay to acknowledge when a service publishes none, in days.
pub const ACK_DAYS_DEFAULT: i32 = 5;
pub const ACK_DAYS_MAX: i32 = 90;
pub const WAITING_WEEKS_MAX: i32 = 104;

/// Where a referral stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Sent,
    Received,
    Accepted,
    Declined,
    Redirected,
    Withdrawn,
    Started,
    Completed,
    NoFollowUp,
    Closed,
}

/// Which of the two organizations may make a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The referring organization (the intervenant's).
    Sender,
    /// The organization that offers the service.
    Receiver,
}

impl Status {
    pub const ALL: [Status; 10] = [
        Status::Sent,
        Status::Received,
        Status::Accepted,
        Status::Declined,
        Status::Redirected,
        Status::Withdrawn,
        Status::Started,
        Status::Completed,
        Status::NoFollowUp,
        Status::Closed,
    ];

    /// The code stored in the database and used by the API.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Sent => "sent",
            Status::Received => "received",
            Status::Accepted => "accepted",
            Status::Declined => "declined",
            Status::Redirected => "redirected",
            Status::Withdrawn => "withdrawn",
            Status::Started => "started",
            Status::Completed => "completed",
            Status::NoFollowUp => "no_follow_up",
            Status::Closed => "closed",
        }
    }

    #[must_use]
    pub fn parse(value: &str) -> Option<Status> {
        let wanted = value.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|s| s.as_str() == wanted)
    }

    /// The Fluent message of the label (« Envoyée », « Reçue », …).
    #[must_use]
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Sent => "referrals-status-sent",
            Status::Received => "referrals-status-received",
            Status::Accepted => "referrals-status-accepted",
            Status::Declined => "referrals-status-declined",
            Status::Redirected => "referrals-status-redirected",
            Status::Withdrawn => "referrals-status-withdrawn",
            Status::Started => "referrals-status-started",
            Status::Completed => "referrals-status-completed",
            Status::NoFollowUp => "referrals-status-no_follow_up",
            Status::Closed => "referrals-status-closed",
        }
    }

    /// The statuses DESIGN.md §4 allows after this one.
    #[must_use]
    pub fn next(self) -> &'static [Status] {
        match self {
            Status::Sent => &[Status::Received],
            Status::Received => &[
                Status::Accepted,
                Status::Declined,
                Status::Redirected,
                Status::Withdrawn,
            ],
            Status::Accepted => &[Status::Started, Status::NoFollowUp, Status::Withdrawn],
            Status::Started => &[Status::Completed, Status::NoFollowUp],
            Status::Completed
            | Status::NoFollowUp
            | Status::Declined
            | Status::Redirected
            | Status::Withdrawn => &[Status::Closed],
            Status::Closed => &[],
        }
    }

    #[must_use]
    pub fn can_move_to(self, to: Status) -> bool {
        self.next().contains(&to)
    }

    /// Who makes the move to this status: the sender withdraws; the
    /// service acknowledges, decides, redirects and follows up; either
    /// closes.
    #[must_use]
    pub fn made_by(self, side: Side) -> bool {
        match self {
            Status::Withdrawn => side == Side::Sender,
            Status::Closed => true,
            _ => side == Side::Receiver,
        }
    }

    /// Whether the loop is over for the person (only `closed` is left).
    #[must_use]
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Completed
                | Status::NoFollowUp
                | Status::Declined
                | Status::Redirected
                | Status::Withdrawn
                | Status::Closed
        )
    }

    /// Whether the service's answer is still awaited (an overdue referral
    /// is one of these past its due date).
    #[must_use]
    pub fn awaits_acknowledgement(self) -> bool {
        self == Status::Sent
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a move is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MoveError {
    /// The status machine has no such move (the API's 409).
    #[error("no move from {from} to {to}")]
    Transition { from: Status, to: Status },
    /// The move is the other organization's to make.
    #[error("the other organization makes this move")]
    Side,
}

/// Checks a move from `from` to `to` made by `side`.
pub fn check_move(from: Status, to: Status, side: Side) -> Result<(), MoveError> {
    if !from.can_move_to(to) {
        return Err(MoveError::Transition { from, to });
    }
    if !to.made_by(side) {
        return Err(MoveError::Side);
    }
    Ok(())
}

macro_rules! code_enum {
    ($(#[$m:meta])* $name:ident, $prefix:literal, [$($v:ident => $code:literal),+ $(,)?]) => {
        code_enum!($(#[$m])* $name, $prefix, [$($v => $code / $code),+]);
    };
    ($(#[$m:meta])* $name:ident, $prefix:literal, [$($v:ident => $code:literal / $key:literal),+ $(,)?]) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($v),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];

            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $code),+ }
            }

            #[must_use]
            pub fn parse(value: &str) -> Option<$name> {
                let wanted = value.trim().to_ascii_lowercase();
                Self::ALL.iter().copied().find(|s| s.as_str() == wanted)
            }

            /// The Fluent message of the label.
            #[must_use]
            pub fn label_key(self) -> &'static str {
                match self { $($name::$v => concat!($prefix, $key)),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

code_enum!(
    /// Why a service declines (« hors mandat », « liste d'attente »,
    /// « injoignable », « autre »).
    DeclineReason,
    "referrals-decline-",
    [
        OutOfMandate => "hors_mandat",
        WaitingList => "liste_attente",
        Unreachable => "injoignable",
        Other => "autre",
    ]
);

code_enum!(
    /// What kept the person from the service (« transport », « coût »,
    /// « langue », « horaire », « autre »).
    Obstacle,
    "referrals-obstacle-",
    [
        Transport => "transport",
        Cost => "cout",
        Language => "langue",
        Schedule => "horaire",
        Other => "autre",
    ]
);

code_enum!(
    /// How urgent a referral is.
    Urgency,
    "referrals-urgency-",
    [Normal => "normal", Urgent => "urgent"]
);

code_enum!(
    /// Who gave consent.
    ConsentGivenBy,
    "referrals-consent-",
    [Person => "person", Guardian => "guardian"]
);

code_enum!(
    /// The person's age group: enough for a service to know whom to
    /// expect, never a birth date.
    AgeGroup,
    "referrals-age-",
    [
        Early => "0-5" / "0-5",
        Child => "6-11" / "6-11",
        Teen => "12-17" / "12-17",
        Young => "18-24" / "18-24",
        Adult => "25-64" / "25-64",
        Senior => "65+" / "65-plus",
    ]
);

/// Why an input is refused; [`ReferralError::key`] names its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReferralError {
    #[error("no recorded consent")]
    Consent,
    #[error("consent must be given by the person or a guardian")]
    ConsentGivenBy,
    #[error("the consent's end date is missing, not a date or past")]
    ConsentUntil,
    #[error("what the consent shares is missing or too long")]
    ConsentShared,
    #[error("the first name (or initials) is missing or too long")]
    FirstName,
    #[error("the contact channel is missing or too long")]
    Contact,
    #[error("the language is not a language code")]
    Language,
    #[error("unknown age group")]
    AgeGroup,
    #[error("a field the service does not ask for, or too long")]
    Extra,
    #[error("the reason is missing or too long")]
    Reason,
    #[error("unknown urgency")]
    Urgency,
    #[error("the note is too long")]
    Note,
    #[error("unknown status")]
    Status,
    #[error("this status does not follow the current one")]
    Transition,
    #[error("the other organization makes this move")]
    Side,
    #[error("a declined referral needs a reason")]
    DeclineReason,
    #[error("no follow-up needs an obstacle")]
    Obstacle,
    #[error("the comment is too long")]
    Comment,
    #[error("a redirection needs another active service")]
    ToService,
    #[error("the service is not active")]
    ServiceInactive,
    #[error("the service does not take referrals")]
    ServiceClosed,
    #[error("the service is outside the grouping's territory")]
    ServiceTerritory,
    #[error("an organization does not refer to itself")]
    SameOrganization,
    #[error("the organization is not a member of the grouping")]
    NotMember,
    #[error("the delay to acknowledge is out of bounds")]
    AckDays,
    #[error("the waiting list is out of bounds")]
    WaitingWeeks,
    #[error("the acceptance criteria are too long")]
    Criteria,
    #[error("too many asked fields, or one too long")]
    AskedFields,
    #[error("the retention period is out of bounds")]
    Retention,
    #[error("the referral changed meanwhile")]
    Version,
}

impl ReferralError {
    /// The Fluent key of the message (one of [`ERROR_KEYS`]).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            ReferralError::Consent => "referrals-error-consent",
            ReferralError::ConsentGivenBy => "referrals-error-consent-given-by",
            ReferralError::ConsentUntil => "referrals-error-consent-until",
            ReferralError::ConsentShared => "referrals-error-consent-shared",
            ReferralError::FirstName => "referrals-error-first-name",
            ReferralError::Contact => "referrals-error-contact",
            ReferralError::Language => "referrals-error-language",
            ReferralError::AgeGroup => "referrals-error-age-group",
            ReferralError::Extra => "referrals-error-extra",
            ReferralError::Reason => "referrals-error-reason",
            ReferralError::Urgency => "referrals-error-urgency",
            ReferralError::Note => "referrals-error-note",
            ReferralError::Status => "referrals-error-status",
            ReferralError::Transition => "referrals-error-transition",
            ReferralError::Side => "referrals-error-side",
            ReferralError::DeclineReason => "referrals-error-decline-reason",
            ReferralError::Obstacle => "referrals-error-obstacle",
            ReferralError::Comment => "referrals-error-comment",
            ReferralError::ToService => "referrals-error-to-service",
            ReferralError::ServiceInactive => "referrals-error-service-inactive",
            ReferralError::ServiceClosed => "referrals-error-service-closed",
            ReferralError::ServiceTerritory => "referrals-error-service-territory",
            ReferralError::SameOrganization => "referrals-error-same-organization",
            ReferralError::NotMember => "referrals-error-not-member",
            ReferralError::AckDays => "referrals-error-ack-days",
            ReferralError::WaitingWeeks => "referrals-error-waiting-weeks",
            ReferralError::Criteria => "referrals-error-criteria",
            ReferralError::AskedFields => "referrals-error-asked-fields",
            ReferralError::Retention => "referrals-error-retention",
            ReferralError::Version => "referrals-error-version",
        }
    }
}

impl From<MoveError> for ReferralError {
    fn from(e: MoveError) -> Self {
        match e {
            MoveError::Transition { .. } => ReferralError::Transition,
            MoveError::Side => ReferralError::Side,
        }
    }
}

/// The one-line text, trimmed, runs of whitespace as one space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Line ends as `\n`, trailing spaces and blank edges dropped.
fn lines(text: &str) -> String {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim().to_owned()
}

fn required_line(text: &str, max: usize, e: ReferralError) -> Result<String, ReferralError> {
    let text = one_line(text);
    if text.is_empty() || text.chars().count() > max {
        Err(e)
    } else {
        Ok(text)
    }
}

fn optional_text(
    text: Option<&str>,
    max: usize,
    e: ReferralError,
) -> Result<Option<String>, ReferralError> {
    let Some(text) = text else { return Ok(None) };
    let text = lines(text);
    if text.is_empty() {
        Ok(None)
    } else if text.chars().count() > max {
        Err(e)
    } else {
        Ok(Some(text))
    }
}

/// The person as typed: the least a service needs to reach them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonInput {
    /// First name or initials.
    pub first_name: String,
    /// A phone number or an e-mail address.
    pub contact: String,
    /// An ISO 639-1 code (`fr`, `en`, `es`, …); French when blank.
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub age_group: Option<String>,
    /// Named fields the service asks for, by the name it published.
    #[serde(default)]
    pub extra: std::collections::BTreeMap<String, String>,
}

/// The person, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub first_name: String,
    pub contact: String,
    pub language: String,
    pub age_group: Option<AgeGroup>,
    pub extra: std::collections::BTreeMap<String, String>,
}

impl PersonInput {
    /// Checks the person against what the service asks for
    /// (`asked_fields`): a field it does not ask for is refused, so that
    /// nothing more than needed is ever sent.
    pub fn validate(&self, asked_fields: &[String]) -> Result<Person, ReferralError> {
        let first_name = required_line(&self.first_name, FIRST_NAME_MAX, ReferralError::FirstName)?;
        let contact = required_line(&self.contact, CONTACT_MAX, ReferralError::Contact)?;
        let language = match self.language.as_deref().map(str::trim) {
            None | Some("") => "fr".to_owned(),
            Some(code) => {
                let code = code.to_ascii_lowercase();
                if (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase()) {
                    code
                } else {
                    return Err(ReferralError::Language);
                }
            }
        };
        let age_group = match self.age_group.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) => Some(AgeGroup::parse(code).ok_or(ReferralError::AgeGroup)?),
        };
        let mut extra = std::collections::BTreeMap::new();
        for (name, value) in &self.extra {
            let value = one_line(value);
            if value.is_empty() {
                continue;
            }
            let asked = asked_fields
                .iter()
                .find(|f| one_line(f).eq_ignore_ascii_case(&one_line(name)));
            match asked {
                Some(field) if value.chars().count() <= EXTRA_VALUE_MAX => {
                    extra.insert(field.clone(), value);
                }
                _ => return Err(ReferralError::Extra),
            }
        }
        Ok(Person {
            first_name,
            contact,
            language,
            age_group,
            extra,
        })
    }
}

/// A consent as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentInput {
    pub given_by: String,
    /// What is shared (« prénom, téléphone, motif »).
    pub shared: String,
    /// `YYYY-MM-DD`: the day the consent ends.
    pub until: String,
}

/// A recorded consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consent {
    pub given_by: ConsentGivenBy,
    pub shared: String,
    pub until: NaiveDate,
}

impl ConsentInput {
    /// Checks a consent on `today`: its end may not be past.
    pub fn validate(&self, today: NaiveDate) -> Result<Consent, ReferralError> {
        let given_by =
            ConsentGivenBy::parse(&self.given_by).ok_or(ReferralError::ConsentGivenBy)?;
        let shared = required_line(&self.shared, SHARED_MAX, ReferralError::ConsentShared)?;
        let until = NaiveDate::parse_from_str(self.until.trim(), "%Y-%m-%d")
            .map_err(|_| ReferralError::ConsentUntil)?;
        if until < today {
            return Err(ReferralError::ConsentUntil);
        }
        Ok(Consent {
            given_by,
            shared,
            until,
        })
    }
}

/// A referral as typed, before the store checks the organizations, the
/// service and the grouping.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferralInput {
    pub reason: String,
    pub urgency: Option<String>,
    pub person: PersonInput,
    /// `None`: no consent recorded (refused).
    pub consent: Option<ConsentInput>,
    pub note: Option<String>,
}

/// A referral, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidReferral {
    /// The reason as typed (a taxonomy term id is resolved by the store).
    pub reason: String,
    pub urgency: Urgency,
    pub person: Person,
    pub consent: Consent,
    pub note: Option<String>,
}

impl ReferralInput {
    /// Consent first: without it nothing else is even looked at.
    pub fn validate(
        &self,
        asked_fields: &[String],
        today: NaiveDate,
    ) -> Result<ValidReferral, ReferralError> {
        let consent = self
            .consent
            .as_ref()
            .ok_or(ReferralError::Consent)?
            .validate(today)?;
        let reason = required_line(&self.reason, REASON_MAX, ReferralError::Reason)?;
        let urgency = match self.urgency.as_deref().map(str::trim) {
            None | Some("") => Urgency::Normal,
            Some(code) => Urgency::parse(code).ok_or(ReferralError::Urgency)?,
        };
        let person = self.person.validate(asked_fields)?;
        let note = optional_text(self.note.as_deref(), NOTE_MAX, ReferralError::Note)?;
        Ok(ValidReferral {
            reason,
            urgency,
            person,
            consent,
            note,
        })
    }
}

/// A status change as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StatusInput {
    pub status: String,
    /// A decline reason or an obstacle code, per the status.
    pub reason: Option<String>,
    pub comment: Option<String>,
    /// The service a redirection sends to.
    pub to_service: Option<String>,
}

/// A status change, checked against the current status and the side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidStatus {
    pub status: Status,
    pub decline_reason: Option<DeclineReason>,
    pub obstacle: Option<Obstacle>,
    pub comment: Option<String>,
    pub to_service: Option<String>,
}

impl StatusInput {
    pub fn validate(&self, current: Status, side: Side) -> Result<ValidStatus, ReferralError> {
        let status = Status::parse(&self.status).ok_or(ReferralError::Status)?;
        check_move(current, status, side)?;
        let reason = self
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty());
        let decline_reason = if status == Status::Declined {
            Some(
                reason
                    .and_then(DeclineReason::parse)
                    .ok_or(ReferralError::DeclineReason)?,
            )
        } else {
            None
        };
        let obstacle = if status == Status::NoFollowUp {
            Some(
                reason
                    .and_then(Obstacle::parse)
                    .ok_or(ReferralError::Obstacle)?,
            )
        } else {
            None
        };
        let to_service = if status == Status::Redirected {
            Some(
                self.to_service
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .ok_or(ReferralError::ToService)?
                    .to_owned(),
            )
        } else {
            None
        };
        let comment = optional_text(self.comment.as_deref(), COMMENT_MAX, ReferralError::Comment)?;
        Ok(ValidStatus {
            status,
            decline_reason,
            obstacle,
            comment,
            to_service,
        })
    }
}

/// The day an unacknowledged referral becomes overdue: `ack_days` after
/// it was sent.
#[must_use]
pub fn due_at(sent_at: DateTime<Utc>, ack_days: i32) -> DateTime<Utc> {
    sent_at + Duration::days(i64::from(ack_days.clamp(0, ACK_DAYS_MAX)))
}

/// Whether a referral in `status`, due at `due`, is overdue at `now`.
#[must_use]
pub fn is_overdue(status: Status, due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    status.awaits_acknowledgement() && now > due
}

/// The day a closed referral's person fields are purged: `months` after
/// closing (the same day of the month, or the month's last day).
#[must_use]
pub fn purge_due(closed_at: DateTime<Utc>, months: i32) -> DateTime<Utc> {
    let months =
        u32::try_from(months.clamp(RETENTION_MONTHS_MIN, RETENTION_MONTHS_MAX)).unwrap_or(12);
    closed_at
        .checked_add_months(chrono::Months::new(months))
        .unwrap_or(closed_at)
}

/// What a service publishes about taking referrals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    pub accepts_referrals: bool,
    pub criteria: Option<String>,
    pub ack_days: i32,
    /// `None`: no waiting list; `Some(n)`: about `n` weeks.
    pub waiting_weeks: Option<i32>,
    pub asked_fields: Vec<String>,
}

impl Default for Capacity {
    fn default() -> Self {
        Capacity {
            accepts_referrals: true,
            criteria: None,
            ack_days: ACK_DAYS_DEFAULT,
            waiting_weeks: None,
            asked_fields: Vec::new(),
        }
    }
}

/// A capacity as typed in the service's form or the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapacityInput {
    pub accepts_referrals: bool,
    pub criteria: Option<String>,
    pub ack_days: Option<i32>,
    pub waiting_weeks: Option<i32>,
    /// One named field per entry (or per line when typed in a form).
    #[serde(default)]
    pub asked_fields: Vec<String>,
}

impl CapacityInput {
    pub fn validate(&self) -> Result<Capacity, ReferralError> {
        let ack_days = self.ack_days.unwrap_or(ACK_DAYS_DEFAULT);
        if !(0..=ACK_DAYS_MAX).contains(&ack_days) {
            return Err(ReferralError::AckDays);
        }
        if let Some(w) = self.waiting_weeks
            && !(0..=WAITING_WEEKS_MAX).contains(&w)
        {
            return Err(ReferralError::WaitingWeeks);
        }
        let criteria = optional_text(
            self.criteria.as_deref(),
            CRITERIA_MAX,
            ReferralError::Criteria,
        )?;
        let mut asked_fields: Vec<String> = Vec::new();
        for f in &self.asked_fields {
            let f = one_line(f);
            if f.is_empty() {
                continue;
            }
            if f.chars().count() > ASKED_FIELD_MAX {
                return Err(ReferralError::AskedFields);
            }
            if !asked_fields.iter().any(|x| x.eq_ignore_ascii_case(&f)) {
                asked_fields.push(f);
            }
        }
        if asked_fields.len() > ASKED_FIELDS_MAX {
            return Err(ReferralError::AskedFields);
        }
        Ok(Capacity {
            accepts_referrals: self.accepts_referrals,
            criteria,
            ack_days,
            waiting_weeks: self.waiting_weeks,
            asked_fields,
        })
    }
}

/// A retention period typed by a coordinator, in months.
pub fn retention_months(value: i32) -> Result<i32, ReferralError> {
    if (RETENTION_MONTHS_MIN..=RETENTION_MONTHS_MAX).contains(&value) {
        Ok(value)
    } else {
        Err(ReferralError::Retention)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    fn input() -> ReferralInput {
        ReferralInput {
            reason: "Soutien parental".into(),
            urgency: None,
            person: PersonInput {
                first_name: " Amina ".into(),
                contact: "819 555-0101".into(),
                language: Some("FR".into()),
                age_group: Some("0-5".into()),
                extra: Default::default(),
            },
            consent: Some(ConsentInput {
                given_by: "guardian".into(),
                shared: "prénom, téléphone, motif".into(),
                until: "2027-06-30".into(),
            }),
            note: None,
        }
    }

    #[test]
    fn the_closed_loop_of_design_md() {
        use Status::*;
        let path = [Sent, Received, Accepted, Started, Completed, Closed];
        for w in path.windows(2) {
            assert!(w[0].can_move_to(w[1]), "{} → {}", w[0], w[1]);
        }
        for s in [Declined, Redirected, Withdrawn, NoFollowUp, Completed] {
            assert_eq!(s.next(), &[Closed]);
        }
        assert!(
            !Sent.can_move_to(Closed),
            "closing a referral never accepted"
        );
        assert!(!Sent.can_move_to(Accepted), "skipping received");
        assert!(!Received.can_move_to(Started));
        assert!(!Closed.can_move_to(Sent));
        assert!(Closed.next().is_empty());
    }

    #[test]
    fn each_side_makes_its_own_moves() {
        use Status::*;
        assert_eq!(check_move(Sent, Received, Side::Receiver), Ok(()));
        assert_eq!(
            check_move(Sent, Received, Side::Sender),
            Err(MoveError::Side)
        );
        assert_eq!(check_move(Accepted, Withdrawn, Side::Sender), Ok(()));
        assert_eq!(
            check_move(Accepted, Withdrawn, Side::Receiver),
            Err(MoveError::Side)
        );
        assert_eq!(check_move(Completed, Closed, Side::Sender), Ok(()));
        assert_eq!(check_move(Completed, Closed, Side::Receiver), Ok(()));
        assert!(matches!(
            check_move(Sent, Closed, Side::Sender),
            Err(MoveError::Transition { .. })
        ));
    }

    #[test]
    fn no_consent_no_referral() {
        let mut i = input();
        i.consent = None;
        assert_eq!(i.validate(&[], today()), Err(ReferralError::Consent));
        let mut i = input();
        i.consent.as_mut().unwrap().until = "2020-01-01".into();
        assert_eq!(i.validate(&[], today()), Err(ReferralError::ConsentUntil));
        let mut i = input();
        i.consent.as_mut().unwrap().given_by = "neighbour".into();
        assert_eq!(i.validate(&[], today()), Err(ReferralError::ConsentGivenBy));
    }

    #[test]
    fn the_person_is_the_least_data() {
        let v = input().validate(&[], today()).unwrap();
        assert_eq!(v.person.first_name, "Amina");
        assert_eq!(v.person.language, "fr");
        assert_eq!(v.person.age_group, Some(AgeGroup::Early));
        assert_eq!(v.urgency, Urgency::Normal);

        let mut i = input();
        i.person
            .extra
            .insert("Date de naissance".into(), "2021-03-04".into());
        assert_eq!(i.validate(&[], today()), Err(ReferralError::Extra));
        let asked = vec!["Date de naissance".to_owned()];
        let v = i.validate(&asked, today()).unwrap();
        assert_eq!(v.person.extra["Date de naissance"], "2021-03-04");
    }

    #[test]
    fn a_note_of_100000_characters_is_refused() {
        let mut i = input();
        i.note = Some("a".repeat(100_000));
        assert_eq!(i.validate(&[], today()), Err(ReferralError::Note));
        i.note = Some("  \n ".into());
        assert_eq!(i.validate(&[], today()).unwrap().note, None);
    }

    #[test]
    fn declining_needs_a_reason_and_no_follow_up_an_obstacle() {
        let s = StatusInput {
            status: "declined".into(),
            ..Default::default()
        };
        assert_eq!(
            s.validate(Status::Received, Side::Receiver),
            Err(ReferralError::DeclineReason)
        );
        let s = StatusInput {
            status: "declined".into(),
            reason: Some("liste_attente".into()),
            ..Default::default()
        };
        assert_eq!(
            s.validate(Status::Received, Side::Receiver)
                .unwrap()
                .decline_reason,
            Some(DeclineReason::WaitingList)
        );
        let s = StatusInput {
            status: "no_follow_up".into(),
            reason: Some("cout".into()),
            ..Default::default()
        };
        assert_eq!(
            s.validate(Status::Started, Side::Receiver)
                .unwrap()
                .obstacle,
            Some(Obstacle::Cost)
        );
        let s = StatusInput {
            status: "redirected".into(),
            ..Default::default()
        };
        assert_eq!(
            s.validate(Status::Received, Side::Receiver),
            Err(ReferralError::ToService)
        );
        let s = StatusInput {
            status: "closed".into(),
            ..Default::default()
        };
        assert_eq!(
            s.validate(Status::Sent, Side::Sender),
            Err(ReferralError::Transition)
        );
    }

    #[test]
    fn overdue_and_purge_dates() {
        let sent = DateTime::parse_from_rfc3339("2026-01-31T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let due = due_at(sent, 5);
        assert!(!is_overdue(Status::Sent, due, sent + Duration::days(5)));
        assert!(is_overdue(Status::Sent, due, sent + Duration::days(6)));
        assert!(!is_overdue(
            Status::Received,
            due,
            sent + Duration::days(60)
        ));
        assert_eq!(
            purge_due(sent, 1).date_naive(),
            NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
        );
        assert_eq!(
            purge_due(sent, 12).date_naive(),
            NaiveDate::from_ymd_opt(2027, 1, 31).unwrap()
        );
    }

    #[test]
    fn capacity_bounds() {
        let c = CapacityInput {
            accepts_referrals: true,
            waiting_weeks: Some(6),
            asked_fields: vec![
                "Nom de famille".into(),
                " nom  de famille ".into(),
                String::new(),
            ],
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(c.ack_days, ACK_DAYS_DEFAULT);
        assert_eq!(c.asked_fields, vec!["Nom de famille".to_owned()]);
        let c = CapacityInput {
            ack_days: Some(-1),
            ..Default::default()
        };
        assert_eq!(c.validate(), Err(ReferralError::AckDays));
        assert_eq!(retention_months(0), Err(ReferralError::Retention));
        assert_eq!(retention_months(12), Ok(12));
    }
}
