use sea_orm::entity::prelude::*;

/// A response's answer to one item: its level (a code of the version's
/// scale; empty while a draft leaves it open), a comment, and the plan
/// action it became, if any.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub response_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub item_id: Uuid,
    pub level: Option<String>,
    pub comment: Option<String>,
    pub action_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
