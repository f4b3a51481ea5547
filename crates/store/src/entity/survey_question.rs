use sea_orm::entity::prelude::*;

/// A question of the event’s evaluation.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_questions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    /// `single`, `multiple`, `scale` (1 to 5) or `text`: read it through
    /// [`Model::kind`].
    pub kind: String,
    pub prompt: String,
    /// One choice a line.
    pub options: Option<String>,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The question's kind (`maillage_domain::events::QuestionKind`, written
    /// by its `as_str`); an unknown stored kind reads as free text.
    pub fn kind(&self) -> maillage_domain::events::QuestionKind {
        maillage_domain::events::QuestionKind::parse(&self.kind).unwrap_or_default()
    }
}
