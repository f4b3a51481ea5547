use sea_orm::entity::prelude::*;

/// A person registered to an event (or on its waiting list).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "registrations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    pub name: String,
    /// Lower case.
    pub email: String,
    pub organization_id: Option<String>,
    /// An organization typed in (« autre »), to match later.
    pub organization_text: Option<String>,
    pub role: Option<String>,
    pub needs: Option<String>,
    pub status: RegistrationStatus,
    /// BLAKE2 digest of the token of the registrant’s personal links.
    pub token_digest: String,
    /// The confirmation message as shown (and sent when SMTP is set).
    pub confirmation: Option<String>,
    /// The language the confirmation was written in (`fr` or `en`).
    pub confirmation_lang: Option<String>,
    /// When the mail server accepted the confirmation.
    pub confirmation_sent_at: Option<DateTimeUtc>,
    /// Why the last sending failed (cleared once sent).
    pub confirmation_error: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// A registration holds a place, waits for one, or was cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum RegistrationStatus {
    #[sea_orm(string_value = "confirmed")]
    Confirmed,
    #[sea_orm(string_value = "waitlist")]
    Waitlist,
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl RegistrationStatus {
    /// The stored value (`confirmed`, `waitlist`, `cancelled`).
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlist => "waitlist",
            RegistrationStatus::Cancelled => "cancelled",
        }
    }

    pub fn is_confirmed(self) -> bool {
        self == RegistrationStatus::Confirmed
    }

    pub fn is_waitlisted(self) -> bool {
        self == RegistrationStatus::Waitlist
    }

    pub fn is_cancelled(self) -> bool {
        self == RegistrationStatus::Cancelled
    }
}

impl std::fmt::Display for RegistrationStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and tools compare with the stored value.
impl PartialEq<&str> for RegistrationStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
