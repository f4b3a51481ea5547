use sea_orm::entity::prelude::*;

/// Presence at a session: of an organization (from a grid) or of a person.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: Uuid,
    pub session_id: Uuid,
    pub organization_id: Option<String>,
    pub registration_id: Option<Uuid>,
    /// A walk-in who did not register.
    pub person_name: Option<String>,
    /// `grid`, `checkin` or `walk_in`.
    pub source: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
