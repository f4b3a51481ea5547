//! Outgoing mail lives in `maillage-app` (the command line reads its
//! settings too); re-exported for the events pages and the tests that name
//! `maillage_web::mail`.

pub use maillage_app::mail::*;
