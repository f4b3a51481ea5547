use sea_orm::entity::prelude::*;

/// An organization's membership of a grouping. A member that leaves keeps
/// its row with `left_on`, so the composition on any date can be told.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "memberships")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub grouping_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: String,
    pub created_at: DateTimeUtc,
    /// `member`, `lead`, `fiduciary` or `observer`.
    pub role: String,
    pub joined_on: Option<Date>,
    pub left_on: Option<Date>,
    /// One representative a line.
    pub representatives: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::OrganizationId",
        to = "super::organization::Column::Id"
    )]
    Organization,
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
