//! Uploaded documents. The caller checks the bytes first
//! (`maillage_interop::documents::sniff`) and inserts inside the
//! transaction that links the document, so a refused upload leaves nothing.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QuerySelect, Set};
use uuid::Uuid;

use super::audit::Actor;
use crate::StoreError;
use crate::entity::document;

/// A document's description, without its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInfo {
    pub id: Uuid,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
}

/// Keeps a document whose kind was checked; returns its id.
pub async fn insert<C: ConnectionTrait>(
    conn: &C,
    actor: &Actor,
    file_name: &str,
    media_type: &str,
    bytes: Vec<u8>,
) -> Result<DocumentInfo, StoreError> {
    let id = Uuid::new_v4();
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    document::ActiveModel {
        id: Set(id),
        file_name: Set(file_name.to_owned()),
        media_type: Set(media_type.to_owned()),
        size: Set(size),
        bytes: Set(bytes),
        created_by: Set(actor.user_id),
        created_at: Set(Utc::now()),
    }
    .insert(conn)
    .await?;
    Ok(DocumentInfo {
        id,
        file_name: file_name.to_owned(),
        media_type: media_type.to_owned(),
        size,
    })
}

/// A document with its bytes, to serve it.
pub async fn get<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<document::Model>, StoreError> {
    Ok(document::Entity::find_by_id(id).one(conn).await?)
}

/// A document's description, without reading its bytes.
pub async fn info<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<DocumentInfo>, StoreError> {
    let row: Option<(Uuid, String, String, i64)> = document::Entity::find_by_id(id)
        .select_only()
        .column(document::Column::Id)
        .column(document::Column::FileName)
        .column(document::Column::MediaType)
        .column(document::Column::Size)
        .into_tuple()
        .one(conn)
        .await?;
    Ok(row.map(|(id, file_name, media_type, size)| DocumentInfo {
        id,
        file_name,
        media_type,
        size,
    }))
}

/// Removes a document (when what it belonged to is deleted or replaced).
pub async fn delete<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<(), StoreError> {
    document::Entity::delete_by_id(id).exec(conn).await?;
    Ok(())
}
