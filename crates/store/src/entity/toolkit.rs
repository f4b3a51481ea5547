use sea_orm::entity::prelude::*;

/// An activity toolkit (« trousse », activities by theme) or a list of
/// activities (« répertoire »), owned by a grouping or by nobody (then
/// only the administrators change it).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "toolkits")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub description: String,
    /// Where the toolkit comes from, and what of it is written for the
    /// demo (shown on its page).
    pub source_note: String,
    /// `trousse` or `repertoire` (`maillage_domain::toolkits::ToolkitKind`).
    pub kind: String,
    pub grouping_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
