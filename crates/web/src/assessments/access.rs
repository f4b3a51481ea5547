//! Who may see, fill and change a tool or a response: resource extractors
//! that load and authorize (owned by `assess-core`).
