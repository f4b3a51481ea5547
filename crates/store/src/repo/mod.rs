//! Repositories, one module per area.

pub mod accounts;
pub mod api_tokens;
pub mod audit;
mod batch;
pub mod change_log;
pub mod directory;
pub mod directory_contacts;
pub mod directory_pages;
pub mod events;
pub mod groupings;
pub mod home;
pub mod hsds;
pub mod hsds_api;
pub mod live;
pub mod live_actions;
pub mod live_api;
pub mod live_join;
pub mod live_pages;
pub mod live_report;
pub mod network;
mod order;
pub mod organizations;
pub mod password_resets;
pub mod plans;
pub mod rate_limits;
pub mod sessions;
pub mod toolkits;
