//! maillage's own seeded random numbers, small enough to replay anywhere.
//!
//! * Generator: SplitMix64 (Steele, Lea & Flood 2014): `state += 0x9E3779B97F4A7C15`,
//!   then `z = state; z = (z ^ z>>30)·0xBF58476D1CE4E5B9; z = (z ^ z>>27)·0x94D049BB133111EB;
//!   output z ^ z>>31` (wrapping 64-bit arithmetic), the state starting at the seed.
//! * A uniform integer below `bound`: Lemire's multiply-and-reject — draw `r`,
//!   `m = r·bound` on 128 bits; accept `m >> 64` when `m mod 2⁶⁴ ≥ (2⁶⁴ − bound) mod bound`,
//!   otherwise draw again (no modulo bias).
//! * K distinct nodes out of n: a partial Fisher–Yates shuffle of `0..n` (node
//!   indices in first-seen order): for i in 0..K, swap slot i with slot
//!   `i + below(n − i)`; the sample is the first K slots, in that order.
//!
//! `tools/networkx_fixtures.py` replays exactly this in Python.

/// The SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..bound` (`bound` > 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        assert!(bound > 0, "an empty range");
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let m = u128::from(self.next_u64()) * u128::from(bound);
            #[expect(
                clippy::cast_possible_truncation,
                reason = "the low 64 bits, on purpose"
            )]
            let low = m as u64;
            if low >= threshold {
                return (m >> 64) as u64;
            }
        }
    }
}

/// `k` distinct indices of `0..n`, as described in the module documentation.
pub fn sample_indices(n: usize, k: usize, seed: u64) -> Vec<usize> {
    assert!(k <= n, "cannot draw {k} distinct out of {n}");
    let mut slots: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed);
    for i in 0..k {
        let j = i + usize::try_from(rng.below((n - i) as u64)).expect("below n");
        slots.swap(i, j);
    }
    slots.truncate(k);
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_reference_values() {
        // The first outputs for seed 0 and 1234567 published with the algorithm
        // (Vigna's splitmix64.c).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
        let mut r = SplitMix64::new(1_234_567);
        assert_eq!(r.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(r.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn samples_are_distinct_and_reproducible() {
        let a = sample_indices(100, 30, 7);
        assert_eq!(a, sample_indices(100, 30, 7));
        assert_ne!(a, sample_indices(100, 30, 8));
        let mut s = a.clone();
        s.sort_unstable();
        s.dedup();
        assert_eq!(s.len(), 30);
        assert!(s.iter().all(|&i| i < 100));
        let mut all = sample_indices(10, 10, 3);
        all.sort_unstable();
        assert_eq!(all, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn below_is_in_range() {
        let mut r = SplitMix64::new(42);
        for bound in [1_u64, 2, 3, 7, 1 << 40, u64::MAX] {
            for _ in 0..100 {
                assert!(r.below(bound) < bound);
            }
        }
    }
}
