use sea_orm::entity::prelude::*;

/// An indicator of an action or of a strategy.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "indicators")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub plan_id: Uuid,
    pub strategy_id: Option<Uuid>,
    pub action_id: Option<Uuid>,
    pub name: String,
    pub unit: String,
    pub baseline_value: Option<f64>,
    pub baseline_on: Option<Date>,
    pub target_value: f64,
    pub target_on: Option<Date>,
    pub weight: f64,
    pub position: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
