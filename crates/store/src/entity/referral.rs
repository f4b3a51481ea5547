use sea_orm::entity::prelude::*;

/// A referral of a person from one organization to another's service.
/// `status`, `urgency`, `decline_reason`, `obstacle` and
/// `consent_given_by` are codes of `maillage_domain::referrals`. The
/// person's data is in `referral_people` (purged); what stays here after
/// the purge is what the statistics need.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "referrals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub grouping_id: Uuid,
    pub from_organization_id: String,
    pub from_user_id: Option<Uuid>,
    pub to_organization_id: String,
    pub service_id: String,
    pub service_name: String,
    pub redirected_from: Option<Uuid>,
    pub reason_term_id: Option<String>,
    pub reason: Option<String>,
    pub urgency: String,
    pub status: String,
    pub decline_reason: Option<String>,
    pub obstacle: Option<String>,
    pub consent_given_by: String,
    pub consent_shared: String,
    pub consent_until: Date,
    pub consent_at: DateTimeUtc,
    pub sent_at: DateTimeUtc,
    pub due_at: DateTimeUtc,
    pub acknowledged_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    pub purged_at: Option<DateTimeUtc>,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
