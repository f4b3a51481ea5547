//! sea-orm entities, one module per table.

pub mod audit_log;
pub mod change_log;
pub mod grouping;
pub mod login_attempt;
pub mod membership;
pub mod organization;
pub mod session;
pub mod user;
pub mod user_grouping_role;
