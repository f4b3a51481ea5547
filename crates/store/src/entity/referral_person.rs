use sea_orm::entity::prelude::*;

/// The person a referral is about: the least data, one row per referral,
/// deleted by the purge. `extra` is a JSON object of the named fields the
/// service asked for; `note` is seen only by the two organizations.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "referral_people")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub referral_id: Uuid,
    pub first_name: String,
    pub contact: String,
    pub language: String,
    pub age_group: Option<String>,
    pub extra: Option<String>,
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
