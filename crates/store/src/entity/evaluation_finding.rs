use sea_orm::entity::prelude::*;

/// A finding (« constat ») of an axis, in order, under an optional heading
/// (« Municipal », « Scolaire »).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_findings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub axis_id: Uuid,
    pub position: i32,
    pub heading: Option<String>,
    pub text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
