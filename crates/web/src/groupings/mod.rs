//! Groupings: their pages, forms and resource extractors.

pub mod access;
