use sea_orm::entity::prelude::*;

/// What a service publishes about taking referrals; a service without a
/// row takes them with `maillage_domain::referrals::Capacity::default()`.
/// `asked_fields` is a JSON array of names.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "service_referral_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub service_id: String,
    pub accepts_referrals: bool,
    pub criteria: Option<String>,
    pub ack_days: i32,
    pub waiting_weeks: Option<i32>,
    pub asked_fields: String,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
