use sea_orm::entity::prelude::*;

/// An activity of a toolkit's theme.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "toolkit_activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub toolkit_id: Uuid,
    pub theme_id: Uuid,
    pub position: i32,
    pub title: String,
    pub objectives: String,
    /// Audience codes, comma-separated
    /// (`maillage_domain::toolkits::Audience::join`).
    pub audiences: String,
    pub duration_minutes: Option<i32>,
    pub material: String,
    pub steps: String,
    pub tips: String,
    pub strategy_id: Option<Uuid>,
    /// Written for the demo, not taken from a source (the page says so).
    pub placeholder: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
