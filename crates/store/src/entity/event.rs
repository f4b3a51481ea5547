use sea_orm::entity::prelude::*;

/// An event of a grouping (or of nobody, when imported alone).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub grouping_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    /// One intention a line.
    pub intentions: Option<String>,
    pub audience: Option<String>,
    pub capacity: Option<i32>,
    pub status: EventStatus,
    pub registration_closes_on: Option<Date>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// What `maillage_domain::events`' permission rules read of the event.
    pub fn access(&self) -> maillage_domain::events::EventAccess {
        maillage_domain::events::EventAccess {
            grouping_id: self.grouping_id,
            draft: self.status == EventStatus::Draft,
        }
    }
}

/// Where an event stands: a draft (seen by its coordinators only),
/// published (open to registration), or done.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum EventStatus {
    #[default]
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "published")]
    Published,
    #[sea_orm(string_value = "done")]
    Done,
}

impl EventStatus {
    pub const ALL: [EventStatus; 3] = [
        EventStatus::Draft,
        EventStatus::Published,
        EventStatus::Done,
    ];

    /// The stored value (`draft`, `published`, `done`).
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Draft => "draft",
            EventStatus::Published => "published",
            EventStatus::Done => "done",
        }
    }

    /// The status of a stored value or a form's choice.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }

    pub fn is_draft(self) -> bool {
        self == EventStatus::Draft
    }

    pub fn is_published(self) -> bool {
        self == EventStatus::Published
    }
}

impl std::fmt::Display for EventStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Tests and tools compare with the stored value.
impl PartialEq<&str> for EventStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}
