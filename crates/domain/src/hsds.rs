//! HSDS 3.0 schema (being written).
