//! What the network pages read and compute, kept in the application state
//! ([`crate::Inner::networks`]): one bounded `moka` cache, each entry keyed
//! by what it was read or computed from, so that a change of any of it is
//! another key (the stale entries age out).

use std::sync::Arc;

use chrono::NaiveDate;
use maillage_store::repo::network::{Filter, Scope, Source, Weighting};
use uuid::Uuid;

use super::growth::Growth;
use super::loaded::Loaded;
use super::{Computed, SizeBy};

/// Entries kept, all kinds together (the old per-kind caches kept 64 each).
const CAPACITY: u64 = 256;

/// What a scope's network was read with: the scope, the organizations
/// shown without a link, the filter and the sector, the row counts of the
/// tables it is read from (`repo::network::stamp`, which also sees
/// command-line imports) and the count of this node's successful writes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LoadedKey {
    pub scope: Scope,
    pub members: Vec<String>,
    pub at: Option<NaiveDate>,
    pub from: Option<NaiveDate>,
    pub sources: Option<Vec<Source>>,
    /// `f64::to_bits` of the minimum weight.
    pub min_weight: u64,
    pub weighting: Weighting,
    pub sector: String,
    pub stamp: Vec<i64>,
    pub writes: u64,
}

impl LoadedKey {
    pub fn new(
        scope: &Scope,
        members: &[String],
        filter: &Filter,
        sector: &str,
        stamp: Vec<i64>,
        writes: u64,
    ) -> LoadedKey {
        LoadedKey {
            scope: scope.clone(),
            members: members.to_vec(),
            at: filter.at,
            from: filter.from,
            sources: filter.sources.clone(),
            min_weight: filter.min_weight.to_bits(),
            weighting: filter.weighting,
            sector: sector.to_owned(),
            stamp,
            writes,
        }
    }
}

/// A grouping's growth: its network as loaded (evidence count and the
/// fingerprint of its links), the sources and sector kept, the language.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GrowthKey {
    pub grouping: Uuid,
    pub evidence: usize,
    pub computed: u64,
    pub sources: Vec<Source>,
    pub sector: String,
    /// The threshold (`f64::to_bits`) and what it is about.
    pub min_weight: u64,
    pub weighting: Weighting,
    pub lang: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Loaded(LoadedKey),
    /// Layout and metrics, by the fingerprint of the links, isolates and
    /// sectors they are computed from ([`super::fingerprint`]).
    Computed(u64),
    /// The drawing of a computed network, by sizing measure and language.
    Svg(u64, SizeBy, &'static str),
    Growth(GrowthKey),
}

#[derive(Clone)]
enum Value {
    Loaded(Arc<Loaded>),
    Computed(Arc<Computed>),
    Svg(Arc<String>),
    Growth(Arc<Growth>),
}

/// The networks read and computed by this node.
pub struct NetworkCache(moka::sync::Cache<Key, Value>);

impl Default for NetworkCache {
    fn default() -> Self {
        NetworkCache(moka::sync::Cache::new(CAPACITY))
    }
}

macro_rules! kinds {
    ($($get:ident, $put:ident: $key:ty => $variant:ident($ty:ty);)*) => {$(
        pub fn $get(&self, key: &$key) -> Option<Arc<$ty>> {
            match self.0.get(&Key::$variant(key.clone())) {
                Some(Value::$variant(v)) => Some(v),
                _ => None,
            }
        }

        pub fn $put(&self, key: $key, value: Arc<$ty>) {
            self.0.insert(Key::$variant(key), Value::$variant(value));
        }
    )*};
}

impl NetworkCache {
    kinds! {
        loaded, put_loaded: LoadedKey => Loaded(Loaded);
        computed, put_computed: u64 => Computed(Computed);
        growth, put_growth: GrowthKey => Growth(Growth);
    }

    pub fn svg(&self, computed: u64, size: SizeBy, lang: &'static str) -> Option<Arc<String>> {
        match self.0.get(&Key::Svg(computed, size, lang)) {
            Some(Value::Svg(v)) => Some(v),
            _ => None,
        }
    }

    pub fn put_svg(&self, computed: u64, size: SizeBy, lang: &'static str, svg: Arc<String>) {
        self.0
            .insert(Key::Svg(computed, size, lang), Value::Svg(svg));
    }
}
