use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "grouping_funders")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub grouping_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
