use sea_orm::entity::prelude::*;

/// A published version of a tool: the JSON snapshot
/// (`maillage_domain::assessments::Snapshot`) its responses were given on.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_tool_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tool_id: Uuid,
    pub version: i32,
    pub snapshot: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
