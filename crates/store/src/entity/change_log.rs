use sea_orm::entity::prelude::*;

/// One row per write to a searchable or live table, appended in the same
/// transaction; search indexes and live fan-out follow it by `id`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "change_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub table_name: String,
    pub row_id: String,
    pub op: String,
    pub at: DateTimeUtc,
    pub grouping_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
