use sea_orm::entity::prelude::*;

/// `maillage_domain::plans::MembershipRole` as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Role {
    #[sea_orm(string_value = "member")]
    Member,
    #[sea_orm(string_value = "lead")]
    Lead,
    #[sea_orm(string_value = "fiduciary")]
    Fiduciary,
    #[sea_orm(string_value = "observer")]
    Observer,
}

impl From<Role> for maillage_domain::plans::MembershipRole {
    fn from(value: Role) -> Self {
        match value {
            Role::Member => Self::Member,
            Role::Lead => Self::Lead,
            Role::Fiduciary => Self::Fiduciary,
            Role::Observer => Self::Observer,
        }
    }
}

impl From<maillage_domain::plans::MembershipRole> for Role {
    fn from(value: maillage_domain::plans::MembershipRole) -> Self {
        use maillage_domain::plans::MembershipRole as R;
        match value {
            R::Member => Role::Member,
            R::Lead => Role::Lead,
            R::Fiduciary => Role::Fiduciary,
            R::Observer => Role::Observer,
        }
    }
}

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
    pub role: Role,
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
