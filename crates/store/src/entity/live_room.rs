use sea_orm::entity::prelude::*;

/// A live room: a grouping's space for one meeting's activities, joined by
/// its code. `open_code` holds the code while the room is open (unique
/// among open rooms) and is empty once closed.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "live_rooms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub grouping_id: Uuid,
    pub session_id: Option<Uuid>,
    pub title: String,
    pub code: String,
    pub open_code: Option<String>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
