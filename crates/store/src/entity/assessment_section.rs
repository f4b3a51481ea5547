use sea_orm::entity::prelude::*;

/// A section of a tool: a title and the sentence that guides its items
/// (seed 003: « … qu’ils sont confrontés à des difficultés … »).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_sections")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tool_id: Uuid,
    pub position: i32,
    pub title: String,
    pub guide: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
