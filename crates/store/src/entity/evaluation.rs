use sea_orm::entity::prelude::*;

/// An evaluation report of a grouping's work (its axes, findings and
/// recommendations hang under it).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub grouping_id: Uuid,
    pub title: String,
    pub authors: String,
    pub year: i32,
    pub citation: Option<String>,
    pub report_document_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
