//! Repositories, one module per area.

pub mod accounts;
pub mod audit;
pub mod change_log;
pub mod groupings;
pub mod sessions;
