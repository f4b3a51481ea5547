//! maillage-interop (being written).
