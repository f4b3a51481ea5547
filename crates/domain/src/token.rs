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

/// What every API token starts with, so that a leaked one is recognisable
/// (secret scanners, logs) and never mistaken for a session cookie.
pub const API_TOKEN_PREFIX: &str = "mlg_";

/// A new API token, shown once to its owner; only its [`digest`] is kept.
pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", new_token())
}

/// The longest name an API token may have.
pub const MAX_API_TOKEN_NAME: usize = 100;

/// The longest life an API token may be given, in days.
pub const MAX_API_TOKEN_DAYS: u32 = 3650;

/// A token's name as typed: trimmed; empty, over [`MAX_API_TOKEN_NAME`]
/// characters or holding a control character is refused.
pub fn api_token_name(raw: &str) -> Result<String, ApiTokenError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(ApiTokenError::NameRequired);
    }
    if name.chars().count() > MAX_API_TOKEN_NAME || name.chars().any(char::is_control) {
        return Err(ApiTokenError::NameInvalid);
    }
    Ok(name.to_owned())
}

/// What an API token may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiScope {
    /// Safe methods only (GET, HEAD, OPTIONS).
    Read,
    /// Everything its account may do.
    Write,
}

impl ApiScope {
    pub fn as_str(self) -> &'static str {
        match self {
            ApiScope::Read => "read",
            ApiScope::Write => "write",
        }
    }

    /// Whether a request of this method may go through with this scope.
    pub fn allows_method(self, method_is_safe: bool) -> bool {
        method_is_safe || self == ApiScope::Write
    }
}

impl std::str::FromStr for ApiScope {
    type Err = ApiTokenError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "read" => Ok(ApiScope::Read),
            "write" => Ok(ApiScope::Write),
            _ => Err(ApiTokenError::UnknownScope),
        }
    }
}

impl std::fmt::Display for ApiScope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ApiTokenError {
    #[error("a token needs a name")]
    NameRequired,
    #[error("a token's name has at most 100 characters and no control character")]
    NameInvalid,
    #[error("the scope is `read` or `write`")]
    UnknownScope,
}

impl ApiTokenError {
    /// The Fluent key of the message shown in the interface.
    pub fn message_key(self) -> &'static str {
        match self {
            ApiTokenError::NameRequired => "error-token-name-required",
            ApiTokenError::NameInvalid => "error-token-name-invalid",
            ApiTokenError::UnknownScope => "error-token-scope",
        }
    }
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
    fn api_tokens_carry_their_prefix_and_256_random_bits() {
        let t = new_api_token();
        assert!(t.starts_with("mlg_"));
        assert_eq!(t.len(), 4 + 64);
        assert_ne!(t, new_api_token());
    }

    #[test]
    fn api_token_names_are_trimmed_and_bounded() {
        assert_eq!(api_token_name("  Script  ").unwrap(), "Script");
        assert_eq!(api_token_name("   "), Err(ApiTokenError::NameRequired));
        assert_eq!(
            api_token_name(&"x".repeat(101)),
            Err(ApiTokenError::NameInvalid)
        );
        assert!(api_token_name(&"é".repeat(100)).is_ok());
        assert_eq!(api_token_name("a\nb"), Err(ApiTokenError::NameInvalid));
    }

    #[test]
    fn a_read_scope_only_allows_safe_methods() {
        assert!(ApiScope::Read.allows_method(true));
        assert!(!ApiScope::Read.allows_method(false));
        assert!(ApiScope::Write.allows_method(false));
        assert_eq!("write".parse::<ApiScope>(), Ok(ApiScope::Write));
        assert_eq!(
            "admin".parse::<ApiScope>(),
            Err(ApiTokenError::UnknownScope)
        );
    }

    #[test]
    fn same_compares_fully() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "ab"));
    }
}
