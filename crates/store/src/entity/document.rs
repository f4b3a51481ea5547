use sea_orm::entity::prelude::*;

/// An uploaded document: its bytes, checked to be a document on the way in
/// (`maillage_interop::documents::sniff`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    #[sea_orm(column_type = "Blob")]
    pub bytes: Vec<u8>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
