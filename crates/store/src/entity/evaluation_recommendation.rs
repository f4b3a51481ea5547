use sea_orm::entity::prelude::*;

/// A recommendation of an axis, followed up by its owner grouping:
/// `status` is a `maillage_domain::evaluations::RecommendationStatus` code;
/// `reason` is required when not kept.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_recommendations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub axis_id: Uuid,
    pub grouping_id: Uuid,
    pub position: i32,
    pub text: String,
    pub status: String,
    pub reason: Option<String>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
