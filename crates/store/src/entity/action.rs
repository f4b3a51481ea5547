use sea_orm::entity::prelude::*;

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
    pub status: String,
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
