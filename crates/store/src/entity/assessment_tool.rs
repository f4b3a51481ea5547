use sea_orm::entity::prelude::*;

/// A self-assessment tool. `grouping_id` is empty for a platform template
/// (any grouping may fill it or copy it); `scale` is the JSON of its answer
/// scale (`maillage_domain::assessments::Scale`); `version` is the latest
/// published version, the one new responses answer.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_tools")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub grouping_id: Option<Uuid>,
    pub template_key: Option<String>,
    pub title: String,
    pub introduction: Option<String>,
    pub scale: String,
    pub version: i32,
    pub archived: bool,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
