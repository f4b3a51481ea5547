//! Domain types and pure rules of maillage.
//!
//! Nothing here does IO: the store, the web app and the command line all call
//! into these rules so that a rule lives in exactly one place and is unit
//! tested beside its code.

pub mod access;
pub mod assessments;
pub mod charts;
pub mod dates;
pub mod directory;
pub mod email;
pub mod evaluations;
pub mod events;
pub mod hsds;
pub mod ids;
pub mod limits;
pub mod live;
pub mod names;
pub mod network;
pub mod numbers;
pub mod password;
pub mod percent;
pub mod plans;
pub mod redirect;
pub mod referrals;
pub mod referrals_stats;
pub mod reports;
pub mod slug;
pub mod token;
pub mod toolkits;

pub use access::{Permission, Principal, Role};
pub use email::Email;
