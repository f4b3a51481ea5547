use sea_orm::entity::prelude::*;

/// A participant's vote for a post-it or a question (one per pair).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "live_votes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub answer_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub participant_id: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
