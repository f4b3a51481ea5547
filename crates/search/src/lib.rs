//! French full-text search of the maillage directory (organizations and
//! services), on tantivy.
//!
//! - Analysis: words split on spaces, punctuation, apostrophes and dashes,
//!   then lowercased, accent-folded and stemmed (French). Case and accents
//!   never matter.
//! - Matching: French stop words are optional; every other word of the
//!   query is required for a full match. A word of 5+ letters also matches
//!   with one typo (Levenshtein distance 1, a transposition counting as one)
//!   in names, aliases, organization names, terms, towns and descriptions.
//!   The words of the index one typo away are also searched like the word
//!   itself (stemmed), so a typo finds every form of the word it stands
//!   for (`comunautaire` finds `communautaires`). With `prefix`, the last
//!   word also matches as a prefix in names and other short fields.
//! - Ranking: documents matching more meaningful words first, then BM25 with
//!   name and aliases ×4, organization name ×1.5, terms and towns ×1.2,
//!   description ×1 (a typo or prefix match adds a constant instead). See
//!   [`Hit::score`].
//!
//! Threading: a [`SearchIndex`] is `Send + Sync`; share it (e.g. in an
//! `Arc`) and search from any number of threads; at most one search per CPU
//! runs at a time, the others wait in arrival order. Writes (`rebuild`,
//! `apply`) are serialized by an internal mutex, do not block searches, and
//! are visible to this instance's searches when they return. Another
//! process holding the index read-only sees them after
//! [`SearchIndex::reload`].

pub mod activities;
mod analysis;
mod fields;
mod gate;
mod rank;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, DirectoryLock, Lock, MmapDirectory};
use tantivy::{
    Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy, TantivyDocument, Term,
};

use crate::fields::{Fields, build_schema};
use crate::gate::Gate;

/// Bump whenever the schema, an analyzer or the meaning of a field changes:
/// an index written with another version is wiped and must be rebuilt.
pub const SCHEMA_VERSION: u32 = 2;

/// The largest `limit` honoured by [`SearchIndex::search`].
pub const MAX_LIMIT: usize = rank::MAX_LIMIT;

/// Indexing memory shared by the writer threads (tantivy needs ≥ 15 MB each).
const WRITER_HEAP_BYTES: usize = 50_000_000;
const MAX_WRITER_THREADS: usize = 3;
const DOCSTORE_BLOCK_BYTES: usize = 2048;

/// Held for the lifetime of a writable [`SearchIndex`], before anything in
/// the directory is read or wiped, so that two processes never race on it.
const OWNER_LOCK_FILE: &str = "maillage-search.lock";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Organization,
    Service,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Organization => "organization",
            Kind::Service => "service",
        }
    }

    fn parse(text: &str) -> Option<Kind> {
        match text {
            "organization" => Some(Kind::Organization),
            "service" => Some(Kind::Service),
            _ => None,
        }
    }
}

/// One searchable document. `id` is the HSDS id (kept verbatim).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Doc {
    pub kind: Kind,
    pub id: String,
    pub name: String,
    /// Other names and abbreviations (CRÉPAS, UQAC…); they count like the name.
    pub aliases: Vec<String>,
    /// For an organization: itself.
    pub organization_id: String,
    /// For an organization: its own name.
    pub organization: String,
    pub description: String,
    /// Taxonomy term names.
    pub terms: Vec<String>,
    /// Municipalities where it is offered or located.
    pub towns: Vec<String>,
    /// Sector code or slug.
    pub sector: Option<String>,
    /// Territory slugs, including the ancestors (region, MRC…).
    pub territories: Vec<String>,
    pub languages: Vec<String>,
    pub age_groups: Vec<String>,
}

impl Doc {
    /// An empty document of `kind`, to fill with struct update syntax.
    pub fn new(kind: Kind, id: impl Into<String>, name: impl Into<String>) -> Doc {
        Doc {
            kind,
            id: id.into(),
            name: name.into(),
            aliases: Vec::new(),
            organization_id: String::new(),
            organization: String::new(),
            description: String::new(),
            terms: Vec::new(),
            towns: Vec::new(),
            sector: None,
            territories: Vec::new(),
            languages: Vec::new(),
            age_groups: Vec::new(),
        }
    }
}

/// Restrictions on the hits; every `Some` must match. Values compare
/// ignoring case, accents and surrounding spaces; a blank value is ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub kind: Option<Kind>,
    pub sector: Option<String>,
    /// Any territory of the document, ancestors included.
    pub territory: Option<String>,
    /// A taxonomy term name.
    pub term: Option<String>,
    pub language: Option<String>,
    pub age_group: Option<String>,
    pub town: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub kind: Kind,
    pub id: String,
    pub name: String,
    pub organization: String,
    /// `matched_words + bm25 / (bm25 + 1)`: finite, never increasing down a
    /// result list; its integer part is how many meaningful query words the
    /// hit contains. Comparable only within one query.
    pub score: f64,
}

/// A page of hits and the number of documents that match in all.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Found {
    pub hits: Vec<Hit>,
    pub total: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Another process (or another `SearchIndex` in this one) has the index
    /// open for writing; [`SearchIndex::open_read_only`] still works.
    #[error("the search index in {0} is in use by another process")]
    Locked(PathBuf),
    #[error("there is no search index in {0}")]
    NotFound(PathBuf),
    /// Another schema version or a damaged index, met by `open_read_only`
    /// (`open` wipes and recreates it instead).
    #[error("the search index in {path} cannot be used: {reason}")]
    Incompatible { path: PathBuf, reason: String },
    #[error("the search index is open read-only")]
    ReadOnly,
    #[error("search index I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// What the last commit says about the index, stored in its payload so that
/// it changes atomically with the documents.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
struct Payload {
    schema_version: u32,
    last_change_id: i64,
    /// False until the first `rebuild`: a created index is empty, not "in sync".
    built: bool,
}

impl Payload {
    fn fresh() -> Payload {
        Payload {
            schema_version: SCHEMA_VERSION,
            last_change_id: 0,
            built: false,
        }
    }
}

/// The full-text index. Cheap to search from many threads at once; writes
/// are serialized. Only one writable instance may exist per directory
/// (across processes); read-only instances may be many.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Option<Mutex<IndexWriter>>,
    gate: Gate,
    needs_rebuild: AtomicBool,
    last_change_id: AtomicI64,
    // Declared last so that it is released after the writer is dropped.
    _owner_lock: Option<DirectoryLock>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("read_only", &self.writer.is_none())
            .field("needs_rebuild", &self.needs_rebuild())
            .field("last_change_id", &self.last_change_id())
            .field("doc_count", &self.doc_count())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Opens the index in `dir` (created if missing) for reading and
    /// writing. An index of another [`SCHEMA_VERSION`] or a damaged one is
    /// wiped and recreated empty; then, as for a new index,
    /// [`needs_rebuild`](Self::needs_rebuild) is true.
    ///
    /// Fails with [`SearchError::Locked`] when another writable instance
    /// holds `dir`.
    pub fn open(dir: &Path) -> Result<Self, SearchError> {
        fs::create_dir_all(dir)?;
        let directory = open_directory(dir)?;
        let owner_lock = directory
            .acquire_lock(&Lock {
                filepath: PathBuf::from(OWNER_LOCK_FILE),
                is_blocking: false,
            })
            .map_err(|err| match err {
                LockError::LockBusy => SearchError::Locked(dir.to_owned()),
                LockError::IoError(err) => SearchError::Io(std::io::Error::other(err.to_string())),
            })?;

        let (schema, fields) = build_schema();
        let existing = match open_existing(directory, &schema) {
            Ok(existing) => existing,
            Err(reason) => {
                tracing::warn!(dir = %dir.display(), %reason, "search index unusable, recreating it");
                wipe(dir)?;
                None
            }
        };
        let created = existing.is_none();
        let (index, payload) = if let Some(found) = existing {
            found
        } else {
            let index = Index::create(open_directory(dir)?, schema, index_settings())?;
            analysis::register(index.tokenizers());
            (index, Payload::fresh())
        };
        let mut writer = new_writer(&index)?;
        if created {
            // Makes the new index a valid, versioned one on disk right away,
            // for read-only instances and the next open.
            commit(&mut writer, payload)?;
        }
        Self::assemble(index, fields, Some(writer), payload, Some(owner_lock))
    }

    /// Opens the index in `dir` for searching only, without any lock: a
    /// writable instance, maybe in another process, may be writing it. Call
    /// [`reload`](Self::reload) to see what it committed since.
    pub fn open_read_only(dir: &Path) -> Result<Self, SearchError> {
        if !dir.is_dir() {
            return Err(SearchError::NotFound(dir.to_owned()));
        }
        let (schema, fields) = build_schema();
        match open_existing(open_directory(dir)?, &schema) {
            Ok(Some((index, payload))) => Self::assemble(index, fields, None, payload, None),
            Ok(None) => Err(SearchError::NotFound(dir.to_owned())),
            Err(reason) => Err(SearchError::Incompatible {
                path: dir.to_owned(),
                reason,
            }),
        }
    }

    /// A writable index in memory, for tests and benchmarks.
    pub fn in_memory() -> Result<Self, SearchError> {
        let (schema, fields) = build_schema();
        let index = Index::builder()
            .schema(schema)
            .settings(index_settings())
            .create_in_ram()?;
        analysis::register(index.tokenizers());
        let mut writer = new_writer(&index)?;
        let payload = Payload::fresh();
        commit(&mut writer, payload)?;
        Self::assemble(index, fields, Some(writer), payload, None)
    }

    fn assemble(
        index: Index,
        fields: Fields,
        writer: Option<IndexWriter>,
        payload: Payload,
        owner_lock: Option<DirectoryLock>,
    ) -> Result<Self, SearchError> {
        // Manual: writes reload explicitly, so they are visible when they
        // return, and no file-watcher thread is spawned.
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            writer: writer.map(Mutex::new),
            gate: Gate::new(default_search_concurrency()),
            needs_rebuild: AtomicBool::new(!payload.built),
            last_change_id: AtomicI64::new(payload.last_change_id),
            _owner_lock: owner_lock,
        })
    }

    /// Sets how many searches may run at once (default: the number of
    /// CPUs); more wait, first come first served.
    #[must_use]
    pub fn with_max_concurrent_searches(mut self, max: usize) -> Self {
        self.gate = Gate::new(max);
        self
    }

    /// True when the index holds nothing trustworthy (just created, wiped
    /// after a schema change or damage, or a rebuild never completed):
    /// call [`rebuild`](Self::rebuild) rather than apply the change log.
    pub fn needs_rebuild(&self) -> bool {
        self.needs_rebuild.load(Ordering::Acquire)
    }

    /// The id of the last change-log row applied (0 when never set).
    pub fn last_change_id(&self) -> i64 {
        self.last_change_id.load(Ordering::Acquire)
    }

    pub fn is_read_only(&self) -> bool {
        self.writer.is_none()
    }

    /// Number of searchable documents.
    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Picks up what was committed since this instance last loaded the
    /// index (useful for read-only instances; writes reload by themselves).
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload()?;
        if let Some(payload) = read_payload(&self.index) {
            self.needs_rebuild.store(!payload.built, Ordering::Release);
            self.last_change_id
                .store(payload.last_change_id, Ordering::Release);
        }
        Ok(())
    }

    /// Replaces every document by `docs`, in one commit. Until it returns,
    /// searches see the previous content. Returns the number of documents.
    pub fn rebuild(
        &self,
        docs: impl IntoIterator<Item = Doc>,
        last_change_id: i64,
    ) -> Result<usize, SearchError> {
        let mut writer = self.lock_writer()?;
        let result = (|| {
            writer.delete_all_documents()?;
            let mut count = 0;
            for doc in docs {
                writer.add_document(self.to_tantivy(&doc))?;
                count += 1;
            }
            let payload = Payload {
                schema_version: SCHEMA_VERSION,
                last_change_id,
                built: true,
            };
            commit(&mut writer, payload)?;
            Ok::<_, SearchError>(count)
        })();
        let count = rollback_on_error(&mut writer, result)?;
        self.merge_segments(&mut writer);
        self.after_commit(last_change_id, true)?;
        Ok(count)
    }

    /// Upserts (by kind and id) and deletes in one commit; they are
    /// searchable when this returns. Deletes are applied after upserts, so a
    /// (kind, id) in both ends up deleted: coalesce the change log first.
    /// Deleting an unknown document is not an error.
    pub fn apply(
        &self,
        upserts: Vec<Doc>,
        deletes: Vec<(Kind, String)>,
        last_change_id: i64,
    ) -> Result<(), SearchError> {
        let mut writer = self.lock_writer()?;
        let built = !self.needs_rebuild();
        let result = (|| {
            for doc in upserts {
                writer.delete_term(self.key_term(doc.kind, &doc.id));
                writer.add_document(self.to_tantivy(&doc))?;
            }
            for (kind, id) in deletes {
                writer.delete_term(self.key_term(kind, &id));
            }
            let payload = Payload {
                schema_version: SCHEMA_VERSION,
                last_change_id,
                built,
            };
            commit(&mut writer, payload)?;
            Ok::<_, SearchError>(())
        })();
        rollback_on_error(&mut writer, result)?;
        self.after_commit(last_change_id, built)
    }

    /// Best first; at most `limit` (capped at [`MAX_LIMIT`]) hits. With
    /// `prefix`, the last word of the query also matches as a prefix
    /// (search-as-you-type). A query without any meaningful word (blank,
    /// punctuation, only stop words) has no hits.
    ///
    /// Blocks while [`with_max_concurrent_searches`](Self::with_max_concurrent_searches)
    /// other searches run (call it from a blocking-capable thread, e.g.
    /// `tokio::task::spawn_blocking`, not directly on an async worker).
    pub fn search(
        &self,
        query: &str,
        limit: usize,
        filters: &Filters,
        prefix: bool,
    ) -> Result<Vec<Hit>, SearchError> {
        let _permit = self.gate.acquire();
        let searcher = self.reader.searcher();
        rank::search(&searcher, &self.fields, query, limit, filters, prefix)
    }

    /// One page of the hits, best first, and how many documents match in
    /// all (the documents with at least one meaningful word of the query
    /// that pass the filters): the `offset` best are skipped, then at most
    /// `limit` follow. Pages end at [`MAX_LIMIT`] hits; `total` does not.
    /// Counting visits every matching document, so it costs more than
    /// [`search`](Self::search) on broad queries.
    pub fn search_page(
        &self,
        query: &str,
        offset: usize,
        limit: usize,
        filters: &Filters,
        prefix: bool,
    ) -> Result<Found, SearchError> {
        let _permit = self.gate.acquire();
        let searcher = self.reader.searcher();
        let (hits, total) = rank::search_page(
            &searcher,
            &self.fields,
            query,
            (offset, limit),
            filters,
            prefix,
        )?;
        Ok(Found { hits, total })
    }

    fn lock_writer(&self) -> Result<MutexGuard<'_, IndexWriter>, SearchError> {
        let writer = self.writer.as_ref().ok_or(SearchError::ReadOnly)?;
        match writer.lock() {
            Ok(guard) => Ok(guard),
            Err(poisoned) => {
                // A panic mid-write (say, in the caller's document iterator)
                // left uncommitted operations behind; the next commit must
                // not publish them.
                let mut guard = poisoned.into_inner();
                guard.rollback()?;
                writer.clear_poison();
                Ok(guard)
            }
        }
    }

    /// Searches pay per segment (term lookups, automaton walks), and a
    /// rebuild leaves one segment per writer thread or memory flush: merge
    /// them now rather than let the merge policy leave several behind.
    fn merge_segments(&self, writer: &mut IndexWriter) {
        let ids = match self.index.searchable_segment_ids() {
            Ok(ids) if ids.len() > 1 => ids,
            Ok(_) => return,
            Err(err) => {
                tracing::warn!(%err, "cannot list search index segments");
                return;
            }
        };
        // The merge only rewrites committed data and keeps the payload:
        // failing it loses nothing but speed.
        if let Err(err) = writer.merge(&ids).wait() {
            tracing::warn!(%err, "search index merge failed");
        }
    }

    fn after_commit(&self, last_change_id: i64, built: bool) -> Result<(), SearchError> {
        self.needs_rebuild.store(!built, Ordering::Release);
        self.last_change_id.store(last_change_id, Ordering::Release);
        self.reader.reload()?;
        Ok(())
    }

    fn key_term(&self, kind: Kind, id: &str) -> Term {
        Term::from_field_text(self.fields.key, &doc_key(kind, id))
    }

    fn to_tantivy(&self, doc: &Doc) -> TantivyDocument {
        let f = &self.fields;
        let mut out = TantivyDocument::default();
        out.add_text(f.key, doc_key(doc.kind, &doc.id));
        out.add_u64(f.order, order_of(&doc_key(doc.kind, &doc.id)));
        out.add_text(f.kind, doc.kind.as_str());
        out.add_text(f.id, &doc.id);
        out.add_text(f.title, &doc.name);
        out.add_text(f.organization, &doc.organization);
        out.add_text(f.other_fold, &doc.organization);
        out.add_text(f.description, &doc.description);
        out.add_text(f.description_fold, &doc.description);
        for name in std::iter::once(&doc.name).chain(&doc.aliases) {
            out.add_text(f.name, name);
            out.add_text(f.name_fold, name);
        }
        for term in &doc.terms {
            out.add_text(f.terms, term);
            out.add_text(f.other_fold, term);
        }
        for town in &doc.towns {
            out.add_text(f.towns, town);
            out.add_text(f.other_fold, town);
        }
        let keywords = [
            (f.sector, doc.sector.as_slice()),
            (f.territory, doc.territories.as_slice()),
            (f.term, doc.terms.as_slice()),
            (f.language, doc.languages.as_slice()),
            (f.age_group, doc.age_groups.as_slice()),
            (f.town, doc.towns.as_slice()),
        ];
        for (field, values) in keywords {
            for value in values {
                // Trimmed here because the keyword analyzer keeps spaces.
                let value = value.trim();
                if !value.is_empty() {
                    out.add_text(field, value);
                }
            }
        }
        out
    }
}

/// FNV-1a of a document's key: stable across versions and machines.
fn order_of(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn doc_key(kind: Kind, id: &str) -> String {
    format!("{}:{id}", kind.as_str())
}

fn index_settings() -> IndexSettings {
    IndexSettings {
        // A hit costs the decompression of its whole block; the stored
        // fields are short, so small blocks waste little compression.
        docstore_blocksize: DOCSTORE_BLOCK_BYTES,
        ..IndexSettings::default()
    }
}

fn default_search_concurrency() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

fn open_directory(dir: &Path) -> Result<MmapDirectory, SearchError> {
    MmapDirectory::open(dir).map_err(|err| SearchError::Tantivy(err.into()))
}

fn new_writer(index: &Index) -> Result<IndexWriter, SearchError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .clamp(1, MAX_WRITER_THREADS);
    Ok(index.writer_with_num_threads(threads, WRITER_HEAP_BYTES)?)
}

fn commit(writer: &mut IndexWriter, payload: Payload) -> Result<(), SearchError> {
    let payload = serde_json::to_string(&payload).map_err(std::io::Error::other)?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

fn rollback_on_error<T>(
    writer: &mut IndexWriter,
    result: Result<T, SearchError>,
) -> Result<T, SearchError> {
    if result.is_err()
        && let Err(err) = writer.rollback()
    {
        tracing::error!(%err, "search index rollback failed");
    }
    result
}

fn read_payload(index: &Index) -> Option<Payload> {
    let metas = index.load_metas().ok()?;
    serde_json::from_str(metas.payload.as_deref()?).ok()
}

/// `Ok(None)`: no index there. `Err(reason)`: an index this version cannot use.
fn open_existing(
    directory: MmapDirectory,
    schema: &tantivy::schema::Schema,
) -> Result<Option<(Index, Payload)>, String> {
    match Index::exists(&directory) {
        Ok(true) => {}
        Ok(false) => return Ok(None),
        Err(err) => return Err(err.to_string()),
    }
    let index = Index::open(directory).map_err(|err| err.to_string())?;
    analysis::register(index.tokenizers());
    let metas = index.load_metas().map_err(|err| err.to_string())?;
    let payload: Payload = metas
        .payload
        .as_deref()
        .and_then(|text| serde_json::from_str(text).ok())
        .ok_or("no maillage payload in the last commit")?;
    if payload.schema_version != SCHEMA_VERSION {
        return Err(format!(
            "schema version {} (expected {SCHEMA_VERSION})",
            payload.schema_version
        ));
    }
    let same_schema =
        serde_json::to_value(index.schema()).ok() == serde_json::to_value(schema).ok();
    if !same_schema {
        return Err("schema differs from this version's".to_owned());
    }
    // Opening the segments catches missing or truncated files now rather
    // than at the first search.
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|err| err.to_string())?;
    Ok(Some((index, payload)))
}

/// Removes tantivy's files (and only those) from `dir`: the directory may
/// be shared with other data, which must survive a schema upgrade.
fn wipe(dir: &Path) -> Result<(), SearchError> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if entry.file_type()?.is_file() && is_tantivy_file(name) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

fn is_tantivy_file(name: &str) -> bool {
    const FIXED: [&str; 4] = [
        "meta.json",
        ".managed.json",
        ".tantivy-meta.lock",
        ".tantivy-writer.lock",
    ];
    if FIXED.contains(&name) {
        return true;
    }
    // Segment files: `<32 hex digits>.<ext>` or `<32 hex>.<opstamp>.del`.
    let (stem, ext) = name.split_at(name.find('.').unwrap_or(name.len()));
    stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()) && ext.len() > 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_tantivy_files_only() {
        assert!(is_tantivy_file("meta.json"));
        assert!(is_tantivy_file("0123456789abcdef0123456789abcdef.idx"));
        assert!(is_tantivy_file("0123456789abcdef0123456789abcdef.12.del"));
        assert!(!is_tantivy_file("maillage.sqlite"));
        assert!(!is_tantivy_file(OWNER_LOCK_FILE));
        assert!(!is_tantivy_file("0123456789abcdef0123456789abcdef"));
    }

    #[test]
    fn search_index_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<SearchIndex>();
    }
}
