//! The generator's only source of randomness: ChaCha8 seeded from the
//! user's seed, one stream per part of the data set, and helpers built on
//! `next_u64` alone so that the output depends on nothing but the ChaCha
//! stream (not on how a `rand` version samples ranges).

use rand::{Rng as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

pub struct Rand(ChaCha8Rng);

impl Rand {
    /// The stream `stream` of the generator seeded with `seed`.
    pub fn new(seed: u64, stream: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Rand(rng)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        // Lemire's multiply-shift: bias below 2^-40 for the sizes used here.
        let wide = u128::from(self.0.next_u64()) * n as u128;
        usize::try_from(wide >> 64).expect("less than n, so it fits")
    }

    /// True `percent` times out of a hundred.
    pub fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index drawn with the given relative weights (not all zero).
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut r =
            u64::try_from(self.below(usize::try_from(total).expect("small total"))).expect("fits");
        for (i, w) in weights.iter().enumerate() {
            let w = u64::from(*w);
            if r < w {
                return i;
            }
            r -= w;
        }
        weights.len() - 1
    }

    /// `k` distinct indices of `0..n`, in the order drawn (`k <= n`).
    pub fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all
    }

    /// A version 4 UUID made of the stream's bytes, lowercase and hyphenated.
    pub fn uuid(&mut self) -> String {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.0.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.0.next_u64().to_le_bytes());
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        let mut out = String::with_capacity(36);
        for (i, b) in bytes.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                out.push('-');
            }
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
        out
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers_other_stream_other_numbers() {
        let draw = |seed, stream| {
            let mut r = Rand::new(seed, stream);
            (0..20).map(|_| r.below(1000)).collect::<Vec<_>>()
        };
        assert_eq!(draw(7, 1), draw(7, 1));
        assert_ne!(draw(7, 1), draw(8, 1));
        assert_ne!(draw(7, 1), draw(7, 2));
    }

    #[test]
    fn uuids_are_version_4() {
        let mut r = Rand::new(1, 1);
        for _ in 0..100 {
            let id = r.uuid();
            let parsed = uuid::Uuid::parse_str(&id).unwrap();
            assert_eq!(parsed.get_version_num(), 4);
            assert_eq!(parsed.get_variant(), uuid::Variant::RFC4122);
            assert_eq!(parsed.hyphenated().to_string(), id);
        }
    }

    #[test]
    fn helpers_stay_in_range() {
        let mut r = Rand::new(3, 1);
        for n in 1..50 {
            assert!(r.below(n) < n);
        }
        let mut seen = [0usize; 3];
        for _ in 0..3000 {
            seen[r.weighted(&[1, 0, 2])] += 1;
        }
        assert_eq!(seen[1], 0);
        assert!(seen[2] > seen[0]);
        let s = r.sample(10, 4);
        assert_eq!(s.len(), 4);
        assert!(s.iter().all(|i| *i < 10));
        let mut d = s.clone();
        d.sort_unstable();
        d.dedup();
        assert_eq!(d.len(), 4);
    }
}
