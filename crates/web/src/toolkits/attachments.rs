//! Documents attached to an activity (a handout, a slide deck): the
//! coordinators of the toolkit's grouping attach them from the activity's
//! page; whoever reads the activity downloads them. The bytes decide what
//! a file is (`maillage_interop::documents::sniff`): anything that is not
//! a document is refused with a French message (422), nothing kept.

use std::str::FromStr;

use axum::Router;
use axum::extract::{Multipart, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use maillage_interop::documents::{self, NotADocument};
use maillage_store::repo::documents as store_documents;
use maillage_store::repo::toolkits as repo;
use uuid::Uuid;

use super::access::{EditableActivity, ReadableActivity};
use super::activity_href;
use super::pages::activity_page;
use super::runs::RunForm;
use crate::AppState;
use crate::auth::{ClientIp, actor};
use crate::error::AppError;
use crate::extract::{Id, PathKey};
use crate::page::Page;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/trousses/{toolkit}/activites/{activity}/documents",
            post(create_attachment).layer(crate::bounds::upload_limit()),
        )
        .route(
            "/trousses/{toolkit}/activites/{activity}/documents/{document}",
            get(show_attachment),
        )
}

/// A document's id in the path (`{document}`).
#[derive(Debug, Clone, Copy)]
pub struct DocumentKey(pub Uuid);

impl FromStr for DocumentKey {
    type Err = uuid::Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(DocumentKey)
    }
}

impl PathKey for DocumentKey {
    const PARAM: &'static str = "document";
}

/// The file of the form's `file` field: its name and bytes (none when
/// nothing was chosen).
async fn read_file(multipart: &mut Multipart) -> Result<Option<(String, Vec<u8>)>, AppError> {
    let mut upload = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest("toolkits-error-upload"))?
    {
        if field.name() == Some("file") {
            let name = field.file_name().unwrap_or("document").to_owned();
            let bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::BadRequest("toolkits-error-upload"))?;
            upload = Some((name, bytes.to_vec()));
        }
    }
    Ok(upload)
}

fn refusal_key(e: &NotADocument) -> &'static str {
    match e {
        NotADocument::Empty => "toolkits-error-document-empty",
        NotADocument::TooLarge => "toolkits-error-document-large",
        NotADocument::OtherKind(_) => "toolkits-error-not-a-document",
    }
}

pub async fn create_attachment(
    State(state): State<AppState>,
    EditableActivity {
        toolkit,
        activity,
        user,
    }: EditableActivity,
    p: Page,
    ip: ClientIp,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let (name, bytes) = read_file(&mut multipart)
        .await?
        .unwrap_or_else(|| (String::new(), Vec::new()));
    match documents::sniff(&bytes, &name) {
        Ok(kind) => {
            let file_name = documents::clean_file_name(&name);
            repo::attach(
                &state.store,
                &actor(&user, &ip),
                activity.id,
                &file_name,
                kind.media_type(),
                bytes,
            )
            .await?;
            Ok(Redirect::to(&format!(
                "{}?ok=flash-toolkits-document-attached#documents",
                activity_href(&toolkit.slug, activity.id)
            ))
            .into_response())
        }
        Err(e) => {
            let message = p.t(refusal_key(&e));
            let mut page = activity_page(
                &state,
                p,
                &user,
                &toolkit,
                activity,
                RunForm::default(),
                None,
            )
            .await?;
            page.attachment_error = Some(message);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

pub async fn show_attachment(
    State(state): State<AppState>,
    ReadableActivity { activity, .. }: ReadableActivity,
    Id(DocumentKey(id)): Id<DocumentKey>,
) -> Result<Response, AppError> {
    if !repo::is_attached(state.store.conn(), activity.id, id).await? {
        return Err(AppError::NotFound);
    }
    let document = store_documents::get(state.store.conn(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let name = documents::clean_file_name(&document.file_name);
    // Only the kinds a browser shows safely open inline; the rest download.
    let inline = matches!(
        document.media_type.as_str(),
        "application/pdf" | "image/png" | "image/jpeg"
    );
    let disposition = format!(
        "{}; filename=\"{}\"",
        if inline { "inline" } else { "attachment" },
        name.replace(|c: char| !c.is_ascii() || c.is_ascii_control(), "_")
    );
    Ok((
        [
            (header::CONTENT_TYPE, document.media_type.clone()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        document.bytes,
    )
        .into_response())
}
