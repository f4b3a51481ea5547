//! Integration tests: one binary (faster to link), one module per area.

mod harness;

mod accounts;
mod browser;
mod cli;
mod routes;
mod shell;
mod store;
