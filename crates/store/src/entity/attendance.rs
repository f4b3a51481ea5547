use sea_orm::entity::prelude::*;

/// Presence at a session: of an organization (from a grid) or of a person.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "attendance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: Uuid,
    pub session_id: Uuid,
    pub organization_id: Option<String>,
    pub registration_id: Option<Uuid>,
    /// A walk-in who did not register.
    pub person_name: Option<String>,
    pub source: AttendanceSource,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// How a presence was recorded: an imported grid (an organization), a
/// registrant checked in at the door, or a walk-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum AttendanceSource {
    #[sea_orm(string_value = "grid")]
    Grid,
    #[sea_orm(string_value = "checkin")]
    Checkin,
    #[sea_orm(string_value = "walk_in")]
    WalkIn,
}

impl AttendanceSource {
    /// The stored value (`grid`, `checkin`, `walk_in`).
    pub fn as_str(self) -> &'static str {
        match self {
            AttendanceSource::Grid => "grid",
            AttendanceSource::Checkin => "checkin",
            AttendanceSource::WalkIn => "walk_in",
        }
    }
}
