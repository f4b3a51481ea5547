use sea_orm::entity::prelude::*;

/// One dated and signed change of a referral's status (its history).
/// `side` is `sender`, `receiver` or `system`; `reason` a decline reason or
/// an obstacle code; `comment` free text, emptied by the purge.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "referral_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub referral_id: Uuid,
    pub at: DateTimeUtc,
    pub actor_id: Option<Uuid>,
    pub actor_name: String,
    pub side: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub reason: Option<String>,
    pub comment: Option<String>,
    pub to_service_id: Option<String>,
    pub to_referral_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
