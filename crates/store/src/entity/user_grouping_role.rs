use sea_orm::entity::prelude::*;

/// The role an account holds in one grouping.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "user_grouping_roles")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub grouping_id: Uuid,
    pub role: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::grouping::Entity",
        from = "Column::GroupingId",
        to = "super::grouping::Column::Id"
    )]
    Grouping,
}

impl Related<super::grouping::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Grouping.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
