//! The directory pages: search and browse, organization and service pages,
//! the forms that keep entries current, verification, merging duplicates,
//! members' proposals and the HSDS export.
//!
//! Everything a visitor reads is public; changes need `EditDirectory`
//! (coordination of any grouping, or admin), proposals need
//! `ProposeDirectoryEdit` and the account's own organization.

mod browse;
mod edit;
mod export;
mod review;
mod show;

use std::collections::HashMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{DateTime, Datelike, Utc};
use maillage_domain::Permission;
use maillage_domain::directory::FieldError;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::directory::{self as dir, Sector, Territory};

use crate::AppState;
use crate::auth::{Authorized, ClientIp, ProposeDirectoryEdit, RequestSession, SignedIn};
use crate::error::AppError;
use crate::i18n::Lang;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/repertoire", get(browse::list_directory))
        .route("/repertoire/resultats", get(browse::list_results))
        .route("/repertoire/a-verifier", get(review::list_stale))
        .route("/repertoire/propositions", get(review::list_proposals))
        .route(
            "/repertoire/propositions/{id}/approuver",
            post(review::update_proposal_approved),
        )
        .route(
            "/repertoire/propositions/{id}/refuser",
            post(review::update_proposal_rejected),
        )
        .route("/repertoire/export.zip", get(export::show_export))
        .route(
            "/repertoire/organisations/nouvelle",
            get(edit::show_new_organization).post(edit::create_organization),
        )
        .route(
            "/repertoire/organisations/{id}",
            get(show::show_organization),
        )
        .route(
            "/repertoire/organisations/{id}/modifier",
            get(edit::show_organization_form).post(edit::update_organization),
        )
        .route(
            "/repertoire/organisations/{id}/verifier",
            post(review::update_verification),
        )
        .route(
            "/repertoire/organisations/{id}/fusionner",
            get(review::show_merge).post(review::delete_duplicate),
        )
        .route(
            "/repertoire/organisations/{id}/proposer",
            get(review::show_proposal_form).post(review::create_proposal),
        )
        .route(
            "/repertoire/organisations/{id}/representants",
            get(review::list_representatives).post(review::create_representative),
        )
        .route(
            "/repertoire/organisations/{id}/representants/{user}/retirer",
            post(review::delete_representative),
        )
        .route(
            "/repertoire/organisations/{id}/services/nouveau",
            get(edit::show_new_service).post(edit::create_service),
        )
        .route("/repertoire/services/{id}", get(show::show_service))
        .route(
            "/repertoire/services/{id}/modifier",
            get(edit::show_service_form).post(edit::update_service),
        )
}

/// Longest search query used; longer ones are cut (and the page says so).
pub const MAX_QUERY_CHARS: usize = 200;
/// Rows per page of the alphabetical lists.
pub const PAGE_SIZE: usize = 20;
/// Hits shown for a query.
pub const SEARCH_LIMIT: usize = 30;

// ---------- who is looking ----------

/// The signed-in account, if any, for pages that anyone may read but that
/// show more to some (which buttons appear, never what is allowed: the
/// routes behind the buttons ask `Authorized`).
pub struct Visitor(pub Option<Arc<SignedIn>>);

impl Visitor {
    pub fn may(&self, permission: Permission) -> bool {
        self.0
            .as_ref()
            .is_some_and(|u| u.principal.allows(permission, None))
    }

    /// Whether the account represents the organization `id` and may
    /// propose edits to it.
    pub fn represents(&self, id: &str) -> bool {
        self.0.as_ref().is_some_and(|u| {
            u.view.user.organization_id.as_deref() == Some(id)
                && u.principal.allows(Permission::ProposeDirectoryEdit, None)
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Visitor(
            parts
                .extensions
                .get::<RequestSession>()
                .and_then(|s| s.user.clone()),
        ))
    }
}

/// A member who represents the organization of the path (their account's
/// own organization): they may propose edits to it. Coordinators, who edit
/// directly, are sent to the edit form; anyone else gets 403.
pub struct Representative {
    pub user: Arc<SignedIn>,
    pub organization_id: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Representative {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let auth = Authorized::<ProposeDirectoryEdit>::from_request_parts(parts, state).await?;
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound.into_response())?;
        let user = auth.0;
        if user.view.user.organization_id.as_deref() == Some(id.as_str()) {
            return Ok(Representative {
                user,
                organization_id: id,
            });
        }
        if user.principal.allows(Permission::EditDirectory, None) {
            let target = format!("/repertoire/organisations/{}/modifier", path_segment(&id));
            return Err(Redirect::to(&target).into_response());
        }
        Err(AppError::Forbidden.into_response())
    }
}

pub fn actor(user: &SignedIn, ip: &ClientIp) -> Actor {
    Actor {
        user_id: Some(user.view.user.id),
        ip: Some(ip.0.clone()),
    }
}

/// Organization `id`: every page about one answers 404 once it is gone.
pub async fn organization_or_404(
    state: &AppState,
    id: &str,
) -> Result<dir::OrganizationView, AppError> {
    dir::organization(&state.store, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Service `id`: every page about one answers 404 once it is gone.
pub async fn service_or_404(state: &AppState, id: &str) -> Result<dir::ServiceView, AppError> {
    dir::service(&state.store, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Makes the node's own index see a write at once (the follower would see
/// it within a polling interval anyway).
pub async fn sync_search(state: &AppState) {
    if let Err(e) = crate::search_sync::catch_up(&state.store, &state.search).await {
        tracing::warn!(error = %e, "the search index could not catch up after a directory write");
    }
}

/// An id as a path segment (HSDS ids are kept as imported: escape them).
pub fn path_segment(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn organization_href(id: &str) -> String {
    format!("/repertoire/organisations/{}", path_segment(id))
}

pub fn service_href(id: &str) -> String {
    format!("/repertoire/services/{}", path_segment(id))
}

// ---------- choices of the forms and filters ----------

/// One option of a select.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The reference lists: sectors and territories.
pub struct Reference {
    pub sectors: Vec<Sector>,
    pub territories: Vec<Territory>,
}

impl Reference {
    pub async fn load(state: &AppState) -> Result<Self, AppError> {
        Ok(Reference {
            sectors: dir::sectors(&state.store).await?,
            territories: dir::territories(state.store.conn()).await?,
        })
    }

    pub fn sector_label(&self, code: Option<&str>, lang: Lang) -> Option<String> {
        let code = code?;
        Some(self.sectors.iter().find(|s| s.code == code).map_or_else(
            || code.to_owned(),
            |s| match lang {
                Lang::Fr => s.name_fr.clone(),
                Lang::En => s.name_en.clone(),
            },
        ))
    }

    pub fn territory_name(&self, slug: Option<&str>) -> Option<String> {
        let slug = slug?;
        Some(
            self.territories
                .iter()
                .find(|t| t.slug == slug)
                .map_or_else(|| slug.to_owned(), |t| t.name.clone()),
        )
    }

    pub fn sector_choices(&self, lang: Lang) -> Vec<Choice> {
        self.sectors
            .iter()
            .map(|s| Choice {
                value: s.code.clone(),
                label: match lang {
                    Lang::Fr => s.name_fr.clone(),
                    Lang::En => s.name_en.clone(),
                },
            })
            .collect()
    }

    /// Territories as a tree: each under its parent, indented.
    pub fn territory_choices(&self) -> Vec<Choice> {
        let slugs: Vec<&str> = self.territories.iter().map(|t| t.slug.as_str()).collect();
        let mut children: HashMap<Option<&str>, Vec<&Territory>> = HashMap::new();
        for t in &self.territories {
            // A parent that is not in the list makes a root.
            let parent = t
                .parent_slug
                .as_deref()
                .filter(|p| slugs.contains(p) && *p != t.slug);
            children.entry(parent).or_default().push(t);
        }
        let mut out = Vec::new();
        let mut stack: Vec<(&Territory, usize)> = children
            .get(&None)
            .map(|roots| roots.iter().rev().map(|t| (*t, 0)).collect())
            .unwrap_or_default();
        let mut seen = std::collections::HashSet::new();
        while let Some((t, depth)) = stack.pop() {
            if !seen.insert(t.slug.as_str()) {
                continue;
            }
            out.push(Choice {
                value: t.slug.clone(),
                label: format!("{}{}", "\u{a0}\u{a0}\u{a0}".repeat(depth), t.name),
            });
            if let Some(kids) = children.get(&Some(t.slug.as_str())) {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
        out
    }

    /// A territory and every territory under it.
    pub fn with_descendants(&self, slug: &str) -> Vec<String> {
        let all: HashMap<String, Territory> = self
            .territories
            .iter()
            .map(|t| (t.slug.clone(), t.clone()))
            .collect();
        self.territories
            .iter()
            .filter(|t| dir::with_ancestors(&t.slug, &all).iter().any(|a| a == slug))
            .map(|t| t.slug.clone())
            .collect()
    }

    pub fn has_sector(&self, code: &str) -> bool {
        self.sectors.iter().any(|s| s.code == code)
    }

    pub fn has_territory(&self, slug: &str) -> bool {
        self.territories.iter().any(|t| t.slug == slug)
    }
}

// ---------- form errors ----------

/// The messages of a form, by field.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(pub Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn from_domain(errors: &[FieldError], lang: Lang) -> Self {
        FieldErrors(errors.iter().map(|e| (e.field, lang.t(e.key))).collect())
    }

    pub fn push(&mut self, field: &'static str, message: String) {
        self.0.push((field, message));
    }

    /// The message of `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m)
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn messages(&self) -> Vec<&String> {
        self.0.iter().map(|(_, m)| m).collect()
    }
}

// ---------- text ----------

/// The first `max` characters of `text`, cut at a word, with an ellipsis.
pub fn snippet(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// A date as people write it: `3 mai 2024`, `May 3, 2024`.
pub fn format_date(at: DateTime<Utc>, lang: Lang) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = at.month0() as usize;
    match lang {
        Lang::Fr => {
            let day = at.day();
            let day = if day == 1 {
                "1er".to_owned()
            } else {
                day.to_string()
            };
            format!("{day} {} {}", FR[month], at.year())
        }
        Lang::En => format!("{} {}, {}", EN[month], at.day(), at.year()),
    }
}

/// `key-one` or `key-other` with `$count`, by the language's plural rule
/// (French: 0 and 1 are singular).
pub fn count_text(lang: Lang, key: &str, count: usize) -> String {
    let one = match lang {
        Lang::Fr => count < 2,
        Lang::En => count == 1,
    };
    let key = format!("{key}-{}", if one { "one" } else { "other" });
    lang.t_args(&key, &[("count", count.to_string())])
}

/// The label of an HSDS service status.
pub fn status_label(status: &str, lang: Lang) -> String {
    if maillage_domain::directory::SERVICE_STATUSES.contains(&status) {
        lang.t(&format!("service-status-{}", status.replace(' ', "-")))
    } else {
        status.to_owned()
    }
}

/// The directory's name matcher (every organization with its aliases, as
/// candidates) and each organization's name by id: one reader for the
/// attendance and plan importers.
pub async fn name_matcher(
    store: &maillage_store::Store,
) -> Result<(maillage_domain::names::Matcher, HashMap<String, String>), maillage_store::StoreError>
{
    let orgs = maillage_store::repo::directory_pages::organizations_with_aliases(store).await?;
    let names = orgs
        .iter()
        .map(|(id, n, _)| (id.clone(), n.clone()))
        .collect();
    let matcher = maillage_domain::names::Matcher::new(
        orgs.into_iter()
            .map(|(id, name, aliases)| maillage_domain::names::Candidate { id, name, aliases }),
    );
    Ok((matcher, names))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_cut_at_a_word() {
        assert_eq!(snippet("Court.", 160), "Court.");
        let long = "Centre de femmes offrant un milieu de vie, de l'écoute et des activités";
        let s = snippet(long, 30);
        assert!(s.ends_with('…'), "{s}");
        assert!(s.chars().count() <= 31, "{s}");
        assert!(long.starts_with(s.trim_end_matches('…')), "{s}");
    }

    #[test]
    fn dates_in_french_and_english() {
        let at = DateTime::parse_from_rfc3339("2024-05-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(format_date(at, Lang::Fr), "1er mai 2024");
        assert_eq!(format_date(at, Lang::En), "May 1, 2024");
    }

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
                    if start.starts_with("count_text") {
                        keys.push(format!("{key}-one"));
                        keys.push(format!("{key}-other"));
                    } else {
                        keys.push(key);
                    }
                }
            }
        }
        for status in maillage_domain::directory::SERVICE_STATUSES {
            keys.push(format!("service-status-{}", status.replace(' ', "-")));
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
