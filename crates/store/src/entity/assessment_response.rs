use sea_orm::entity::prelude::*;

/// A response of an organization (or one of its teams, `team`, empty for
/// the whole organization) to a tool's version, for a grouping and a date.
/// `status` is `maillage_domain::assessments::ResponseStatus`; `revision`
/// grows with every save, so a save made on an older revision is refused.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "assessment_responses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tool_id: Uuid,
    pub tool_version: i32,
    pub grouping_id: Uuid,
    pub organization_id: String,
    pub team: String,
    pub on_date: Date,
    pub status: String,
    pub revision: i32,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
