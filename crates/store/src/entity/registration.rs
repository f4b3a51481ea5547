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
    /// `confirmed`, `waitlist` or `cancelled`.
    pub status: String,
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
