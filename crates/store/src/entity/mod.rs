//! sea-orm entities, one module per table.

pub mod action;
pub mod action_organization;
pub mod action_pathway;
pub mod action_plan;
pub mod audit_log;
pub mod change_log;
pub mod grouping;
pub mod grouping_funder;
pub mod grouping_staff;
pub mod indicator;
pub mod login_attempt;
pub mod measurement;
pub mod membership;
pub mod orientation;
pub mod organization;
pub mod pathway;
pub mod session;
pub mod strategy;
pub mod user;
pub mod user_grouping_role;
