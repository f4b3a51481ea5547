use sea_orm::entity::prelude::*;

/// `maillage_domain::plans::ActionStatus` as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum Status {
    #[sea_orm(string_value = "a_venir")]
    AVenir,
    #[sea_orm(string_value = "en_cours")]
    EnCours,
    #[sea_orm(string_value = "realisee")]
    Realisee,
    #[sea_orm(string_value = "reportee")]
    Reportee,
    #[sea_orm(string_value = "abandonnee")]
    Abandonnee,
}

impl Status {
    /// The value stored in the database (and used by the API).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::AVenir => "a_venir",
            Status::EnCours => "en_cours",
            Status::Realisee => "realisee",
            Status::Reportee => "reportee",
            Status::Abandonnee => "abandonnee",
        }
    }
}

impl From<Status> for maillage_domain::plans::ActionStatus {
    fn from(value: Status) -> Self {
        match value {
            Status::AVenir => maillage_domain::plans::ActionStatus::AVenir,
            Status::EnCours => maillage_domain::plans::ActionStatus::EnCours,
            Status::Realisee => maillage_domain::plans::ActionStatus::Realisee,
            Status::Reportee => maillage_domain::plans::ActionStatus::Reportee,
            Status::Abandonnee => maillage_domain::plans::ActionStatus::Abandonnee,
        }
    }
}

impl From<maillage_domain::plans::ActionStatus> for Status {
    fn from(value: maillage_domain::plans::ActionStatus) -> Self {
        match value {
            maillage_domain::plans::ActionStatus::AVenir => Status::AVenir,
            maillage_domain::plans::ActionStatus::EnCours => Status::EnCours,
            maillage_domain::plans::ActionStatus::Realisee => Status::Realisee,
            maillage_domain::plans::ActionStatus::Reportee => Status::Reportee,
            maillage_domain::plans::ActionStatus::Abandonnee => Status::Abandonnee,
        }
    }
}

/// An action (or project) of a plan; with `parent_id`, a sub-task.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "actions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: Uuid,
    pub grouping_id: Uuid,
    pub strategy_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    pub audience: Option<String>,
    pub start_on: Option<Date>,
    pub end_on: Option<Date>,
    pub status: Status,
    pub budget: Option<f64>,
    /// Links to documents, one a line.
    pub documents: Option<String>,
    pub position: i32,
    pub weight: f64,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
