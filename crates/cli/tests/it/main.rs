//! Integration tests: one binary (faster to link), one module per area.

mod harness;

mod accounts;
mod api_directory;
mod api_tokens;
mod bounds;
mod browser;
mod browser_layout;
mod cli;
mod concurrency;
mod crate_graph;
mod directory;
mod events_import;
mod events_mail;
mod events_pages;
mod events_report;
mod events_teams;
mod generate;
mod graph;
mod groupings;
mod home;
mod hsds;
mod network;
mod network_people;
mod organization_merge;
mod plans_import;
mod plans_outline;
mod plans_portrait;
mod routes;
mod schemas;
mod shell;
mod snapshots_api;
mod snapshots_errors;
mod snapshots_report;
mod store;
mod typography;
