use sea_orm::entity::prelude::*;

/// What an organization is in an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum ActionRole {
    #[sea_orm(string_value = "lead")]
    Lead,
    #[sea_orm(string_value = "partner")]
    Partner,
}

impl ActionRole {
    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionRole::Lead => "lead",
            ActionRole::Partner => "partner",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_organizations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub action_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: String,
    pub role: ActionRole,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
