//! The search index's sync lives in `maillage-app` (the command line uses
//! it too); the server starts its follower (`serve`) and the directory
//! catches up after a write. Re-exported here for those callers and the
//! tests that name `maillage_web::search_sync`.

pub use maillage_app::search_sync::*;
