//! Organization name matching (being written).
