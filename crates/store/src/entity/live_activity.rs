use sea_orm::entity::prelude::*;

/// An activity of a live room. `kind` and `status` hold the values of
/// `maillage_domain::live::{ActivityKind, ActivityStatus}`; `settings` the
/// JSON of `maillage_domain::live::Settings`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "live_activities")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub room_id: Uuid,
    pub position: i32,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub prompt: String,
    #[sea_orm(column_type = "Text")]
    pub settings: String,
    pub status: String,
    pub results_hidden: bool,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
