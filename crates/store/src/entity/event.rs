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
    /// `draft`, `published` or `done`.
    pub status: String,
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
            draft: self.status == "draft",
        }
    }
}
