use sea_orm::entity::prelude::*;

/// `maillage_domain::plans::PlanStatus` as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Status {
    #[sea_orm(string_value = "draft")]
    Draft,
    #[sea_orm(string_value = "published")]
    Published,
}

impl Status {
    /// The value stored in the database (and used by the API).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
        }
    }
}

impl From<Status> for maillage_domain::plans::PlanStatus {
    fn from(value: Status) -> Self {
        match value {
            Status::Draft => maillage_domain::plans::PlanStatus::Draft,
            Status::Published => maillage_domain::plans::PlanStatus::Published,
        }
    }
}

impl From<maillage_domain::plans::PlanStatus> for Status {
    fn from(value: maillage_domain::plans::PlanStatus) -> Self {
        match value {
            maillage_domain::plans::PlanStatus::Draft => Status::Draft,
            maillage_domain::plans::PlanStatus::Published => Status::Published,
        }
    }
}

/// `maillage_domain::plans::Weighting` as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Weighting {
    #[sea_orm(string_value = "equal")]
    Equal,
    #[sea_orm(string_value = "custom")]
    Custom,
    #[sea_orm(string_value = "budget")]
    Budget,
}

impl Weighting {
    /// The value stored in the database (and used by the API).
    pub fn as_str(self) -> &'static str {
        match self {
            Weighting::Equal => "equal",
            Weighting::Custom => "custom",
            Weighting::Budget => "budget",
        }
    }
}

impl From<Weighting> for maillage_domain::plans::Weighting {
    fn from(value: Weighting) -> Self {
        match value {
            Weighting::Equal => maillage_domain::plans::Weighting::Equal,
            Weighting::Custom => maillage_domain::plans::Weighting::Custom,
            Weighting::Budget => maillage_domain::plans::Weighting::Budget,
        }
    }
}

impl From<maillage_domain::plans::Weighting> for Weighting {
    fn from(value: maillage_domain::plans::Weighting) -> Self {
        match value {
            maillage_domain::plans::Weighting::Equal => Weighting::Equal,
            maillage_domain::plans::Weighting::Custom => Weighting::Custom,
            maillage_domain::plans::Weighting::Budget => Weighting::Budget,
        }
    }
}

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "action_plans")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub grouping_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub start_year: i32,
    pub end_year: i32,
    pub status: Status,
    /// How progress rolls up.
    pub weighting: Weighting,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
