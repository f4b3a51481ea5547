//! maillage-search (being written).
