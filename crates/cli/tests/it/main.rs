//! Integration tests: one binary (faster to link), one module per area.

mod harness;

mod accounts;
mod api_directory;
mod browser;
mod cli;
mod directory;
mod generate;
mod hsds;
mod plans;
mod routes;
mod shell;
mod store;
