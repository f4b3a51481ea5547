use sea_orm::entity::prelude::*;

/// A link a participant declared after an event.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "declared_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub event_id: Uuid,
    pub registration_id: Option<Uuid>,
    pub from_organization_id: String,
    pub to_organization_id: String,
    /// 1 connaissance, 2 échange d'information, 3 collaboration, 4 partenariat formel.
    pub level: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
