//! `GET /repertoire/export.zip`: the whole directory as an Open Referral
//! HSDS 3.0 tabular data package, zipped, for coordinators (the same
//! package as `maillage export hsds`).

use std::io::{Cursor, Write};
use std::path::Path;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use maillage_interop::hsds::{Package, write_package};
use maillage_store::repo::hsds;
use zip::CompressionMethod;
use zip::write::SimpleFileOptions;

use crate::AppState;
use crate::auth::{Authorized, EditDirectory};
use crate::error::AppError;

pub async fn show_export(
    State(state): State<AppState>,
    _auth: Authorized<EditDirectory>,
) -> Result<Response, AppError> {
    let rows = hsds::export(&state.store).await?;
    let package = Package::from_rows(rows.into_iter().map(|t| (t.table, t.rows)));
    let bytes = tokio::task::spawn_blocking(move || zip_package(&package))
        .await
        .map_err(AppError::internal)??;
    let name = format!(
        "maillage-hsds-{}.zip",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// Writes the package into a temporary directory, then zips its files
/// (deflate), `datapackage.json` first.
fn zip_package(package: &Package) -> Result<Vec<u8>, AppError> {
    let internal = |e: &dyn std::fmt::Display| AppError::internal(format!("HSDS export: {e}"));
    let dir = tempfile::tempdir().map_err(|e| internal(&e))?;
    let report = write_package(dir.path(), package, false).map_err(|e| internal(&e))?;
    let mut files: Vec<&str> = vec!["datapackage.json"];
    files.extend(report.files.iter().map(|f| f.path));
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for name in files {
        let content = std::fs::read(Path::new(dir.path()).join(name)).map_err(|e| internal(&e))?;
        zip.start_file(name, options).map_err(|e| internal(&e))?;
        zip.write_all(&content).map_err(|e| internal(&e))?;
    }
    let cursor = zip.finish().map_err(|e| internal(&e))?;
    Ok(cursor.into_inner())
}
