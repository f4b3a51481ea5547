//! The directory pages: search and browse, organization and service pages,
//! the forms that keep entries current, verification, merging duplicates,
//! members' proposals and the HSDS export.
//!
//! Everything a visitor reads is public; changes need `EditDirectory`
//! (coordination of any grouping, or admin), proposals need
//! `ProposeDirectoryEdit` and the account's own organization.

pub mod access;
mod browse;
mod edit;
mod export;
mod review;
mod show;

use axum::Router;
use axum::routing::{get, post};
use maillage_domain::directory::ServiceStatus;

use crate::AppState;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/repertoire", get(browse::list_directory))
        .route("/repertoire/resultats", get(browse::list_results))
        .route("/repertoire/a-verifier", get(review::list_stale))
        .route("/repertoire/propositions", get(review::list_proposals))
        .route(
            "/repertoire/propositions/{proposal}/approuver",
            post(review::update_proposal_approved),
        )
        .route(
            "/repertoire/propositions/{proposal}/refuser",
            post(review::update_proposal_rejected),
        )
        .route("/repertoire/export.zip", get(export::show_export))
        .route(
            "/repertoire/organisations/nouvelle",
            get(edit::show_new_organization).post(edit::create_organization),
        )
        .route(
            "/repertoire/organisations/{organization}",
            get(show::show_organization),
        )
        .route(
            "/repertoire/organisations/{organization}/modifier",
            get(edit::show_organization_form).post(edit::update_organization),
        )
        .route(
            "/repertoire/organisations/{organization}/verifier",
            post(review::update_verification),
        )
        .route(
            "/repertoire/organisations/{organization}/fusionner",
            get(review::show_merge).post(review::delete_duplicate),
        )
        .route(
            "/repertoire/organisations/{organization}/proposer",
            get(review::show_proposal_form).post(review::create_proposal),
        )
        .route(
            "/repertoire/organisations/{organization}/representants",
            get(review::list_representatives).post(review::create_representative),
        )
        .route(
            "/repertoire/organisations/{organization}/representants/{user}/retirer",
            post(review::delete_representative),
        )
        .route(
            "/repertoire/organisations/{organization}/services/nouveau",
            get(edit::show_new_service).post(edit::create_service),
        )
        .route("/repertoire/services/{service}", get(show::show_service))
        .route(
            "/repertoire/services/{service}/modifier",
            get(edit::show_service_form).post(edit::update_service),
        )
}

use crate::auth::{Visitor, actor};
use crate::forms::{Choice, FieldErrors};
use crate::reference::Reference;
use crate::text::{count_text, format_date, snippet};

/// Longest search query used; longer ones are cut (and the page says so).
pub const MAX_QUERY_CHARS: usize = 200;
/// Rows per page of the alphabetical lists.
pub const PAGE_SIZE: usize = 20;
/// Hits shown for a query.
pub const SEARCH_LIMIT: usize = 30;

/// Makes the node's own index see a write at once (the follower would see
/// it within a polling interval anyway).
pub async fn sync_search(state: &AppState) {
    if let Err(e) = crate::search_sync::catch_up(&state.store, &state.search).await {
        tracing::warn!(error = %e, "the search index could not catch up after a directory write");
    }
}

/// An id as a path segment (HSDS ids are kept as imported: escape them).
pub fn path_segment(id: &str) -> String {
    maillage_domain::percent::encode_segment(id)
}

pub fn organization_href(id: &str) -> String {
    format!("/repertoire/organisations/{}", path_segment(id))
}

pub fn service_href(id: &str) -> String {
    format!("/repertoire/services/{}", path_segment(id))
}

/// The label of an HSDS service status as stored (an imported value that
/// is none of HSDS's is shown as it is).
pub fn status_label(status: &str, lang: Lang) -> String {
    match ServiceStatus::parse(status) {
        Some(known) => lang.t(&known.message_key()),
        None => status.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message the directory's templates and code ask for exists in
    /// both languages, and the two files have the same keys.
    #[test]
    fn every_message_exists_in_french_and_english() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut keys: Vec<String> = Vec::new();
        let mut sources: Vec<std::path::PathBuf> = Vec::new();
        for dir in ["templates/directory", "src/directory"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                sources.push(entry.unwrap().path());
            }
        }
        for path in sources {
            let text = std::fs::read_to_string(&path).unwrap();
            for start in [
                ".t(\"",
                ".t1(\"",
                ".t_args(\"",
                "count_text(lang, \"",
                "?ok=",
                "?erreur=",
            ] {
                for piece in text.split(start).skip(1) {
                    let key: String = piece
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                        .collect();
                    if !key.contains('-') || key.ends_with('-') {
                        continue;
                    }
                    keys.push(key);
                }
            }
        }
        for status in ServiceStatus::ALL {
            keys.push(status.message_key());
        }
        for kind in ["regional_instance", "local_grouping", "table"] {
            keys.push(format!("dir-grouping-kind-{kind}"));
        }
        keys.sort();
        keys.dedup();
        assert!(keys.len() > 100, "{keys:?}");
        let ids = |lang: &str, file: &str| -> Vec<String> {
            let text =
                std::fs::read_to_string(root.join(format!("locales/{lang}/{file}.ftl"))).unwrap();
            let mut ids: Vec<String> = text
                .lines()
                .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
                .filter_map(|l| l.split(" =").next().map(str::to_owned))
                .collect();
            ids.sort();
            ids
        };
        for lang in ["fr-CA", "en"] {
            // Directory pages may show other areas' messages (the ego
            // network of an organization): every file of the language counts.
            let mut known = Vec::new();
            for entry in std::fs::read_dir(root.join(format!("locales/{lang}"))).unwrap() {
                let path = entry.unwrap().path();
                if let Some(file) = path.file_stem().and_then(|f| f.to_str()) {
                    known.extend(ids(lang, file));
                }
            }
            for key in &keys {
                assert!(known.contains(key), "{key} is missing in {lang}");
            }
        }
        assert_eq!(ids("fr-CA", "directory"), ids("en", "directory"));
        // The keys the domain's validation uses.
        for key in [
            "error-org-name-required",
            "error-org-name-too-long",
            "error-org-description-required",
            "error-description-too-long",
            "error-aliases",
            "error-url",
            "error-year",
            "error-field-too-long",
            "error-service-name-required",
            "error-service-status",
        ] {
            assert!(ids("fr-CA", "directory").contains(&key.to_owned()), "{key}");
        }
    }

    #[test]
    fn path_segments_are_escaped() {
        assert_eq!(path_segment("abc-123"), "abc-123");
        assert_eq!(path_segment("a/b c"), "a%2Fb%20c");
    }
}
