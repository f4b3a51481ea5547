use sea_orm::entity::prelude::*;

/// One answer to a live activity: a word-cloud answer or a question
/// (`text`), a post-it (`column_name` and `text`), a poll vote (`choices`,
/// a JSON list of option labels) or a value on a scale (`value`).
///
/// `once_per` is the participant's id for the kinds a device answers once
/// (poll, scale): a unique index on (`activity_id`, `once_per`) refuses a
/// second answer.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "live_answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub activity_id: Uuid,
    pub room_id: Uuid,
    pub participant_id: Option<Uuid>,
    pub once_per: Option<Uuid>,
    #[sea_orm(column_type = "Text", nullable)]
    pub text: Option<String>,
    pub column_name: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub choices: Option<String>,
    pub value: Option<i32>,
    pub votes: i32,
    pub answered: bool,
    pub hidden: bool,
    pub merged_into: Option<Uuid>,
    /// The plan action this post-it became.
    pub action_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::live_participant::Entity",
        from = "Column::ParticipantId",
        to = "super::live_participant::Column::Id"
    )]
    Participant,
}

impl Related<super::live_participant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Participant.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
