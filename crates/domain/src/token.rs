//! Random tokens (sessions, CSRF, error ids) and their stored digests.

use blake2::{Blake2b, Digest, digest::consts::U32};

/// Bytes from the operating system's CSPRNG.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).expect("the operating system has no random source");
    buf
}

/// A URL- and cookie-safe token of 256 random bits.
pub fn new_token() -> String {
    hex(&random_bytes::<32>())
}

/// A short id for correlating an error page with the log.
pub fn short_id() -> String {
    hex(&random_bytes::<6>())
}

/// The digest stored in place of a session token, so that a leaked
/// database does not hand out live sessions.
pub fn digest(token: &str) -> String {
    hex(&Blake2b::<U32>::digest(token.as_bytes()))
}

/// Constant-time comparison of two tokens.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hex() {
        let t = new_token();
        assert_eq!(t.len(), 64);
        assert!(t.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(t, new_token());
    }

    #[test]
    fn digest_is_stable_and_differs_from_token() {
        assert_eq!(digest("abc"), digest("abc"));
        assert_ne!(digest("abc"), "abc");
        assert_eq!(digest("abc").len(), 64);
    }

    #[test]
    fn same_compares_fully() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
