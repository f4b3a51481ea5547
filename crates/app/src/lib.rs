//! Use cases of maillage that the web application and the command line
//! both run: a use case reads files or the database through `maillage-store`
//! and `maillage-interop`, applies the rules of `maillage-domain`, and
//! writes through the store. Handlers and commands parse their input, call
//! one use case and present its result; neither holds the rules itself.
//!
//! This crate sits below `maillage-web` and the binary, above the store,
//! interop, search and graph crates (the crate-graph test in
//! `crates/cli/tests/it/crate_graph.rs` keeps it so).

pub mod attendance_import;
pub mod cancel;
pub mod live_hub;
pub mod mail;
pub mod plan_import;
pub mod search_sync;
