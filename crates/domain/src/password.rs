//! Password policy and argon2id hashing.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::token;

/// Long enough for a passphrase, short enough that hashing it cannot be used
/// to keep the server busy.
pub const MIN_LEN: usize = 10;
pub const MAX_LEN: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password must have at least {MIN_LEN} characters")]
    TooShort,
    #[error("the password must have at most {MAX_LEN} characters")]
    TooLong,
    #[error("the password must not be the e-mail address")]
    SameAsEmail,
    #[error("the password could not be hashed")]
    Hashing,
}

impl PasswordError {
    pub fn message_key(&self) -> &'static str {
        match self {
            PasswordError::TooShort => "error-password-too-short",
            PasswordError::TooLong => "error-password-too-long",
            PasswordError::SameAsEmail => "error-password-same-as-email",
            PasswordError::Hashing => "error-internal",
        }
    }
}

pub fn check_policy(password: &str, email: &str) -> Result<(), PasswordError> {
    let len = password.chars().count();
    if len < MIN_LEN {
        return Err(PasswordError::TooShort);
    }
    if len > MAX_LEN {
        return Err(PasswordError::TooLong);
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err(PasswordError::SameAsEmail);
    }
    Ok(())
}

/// Hashes with argon2id and the crate's recommended parameters (PHC string).
pub fn hash(password: &str) -> Result<String, PasswordError> {
    let salt_bytes = token::random_bytes::<16>();
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|_| PasswordError::Hashing)?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| PasswordError::Hashing)
}

/// Constant-time check of a password against a stored PHC string; a
/// malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    if password.len() > MAX_LEN * 4 {
        return false;
    }
    PasswordHash::new(stored).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash that matches no password, verified against when the account does
/// not exist so that the answer takes as long as for a real account.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash(&token::new_token()).unwrap_or_default())
}

/// A one-time password that is easy to read aloud or copy: four groups of
/// five characters from an alphabet without look-alikes (0/O, 1/l/I).
pub fn generate_one_time() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let bytes = token::random_bytes::<20>();
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// Guessing passwords is slowed down by locking sign-in: 5 failures per
/// account or 20 per address in 15 minutes (counted across nodes in
/// `login_attempts`), then 429 with `Retry-After` until the window has
/// passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInLock {
    pub max_failures_per_account: u64,
    pub max_failures_per_address: u64,
    pub window: chrono::Duration,
}

/// The platform's limits.
pub const SIGN_IN_LOCK: SignInLock = SignInLock {
    max_failures_per_account: 5,
    max_failures_per_address: 20,
    window: chrono::Duration::minutes(15),
};

impl SignInLock {
    /// Failures at or after this instant count.
    pub fn counted_since(
        &self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> chrono::DateTime<chrono::Utc> {
        now - self.window
    }

    /// Whether `by_account` failures for the e-mail and `by_address` from
    /// the address, within the window, lock the next attempt.
    pub fn is_locked(&self, by_account: u64, by_address: u64) -> bool {
        by_account >= self.max_failures_per_account || by_address >= self.max_failures_per_address
    }

    /// The `Retry-After` of a refused attempt, in seconds: the whole window.
    pub fn retry_after_seconds(&self) -> i64 {
        self.window.num_seconds()
    }
}

/// How long a « mot de passe oublié » link stays valid; it is used once.
pub const RESET_LINK_VALIDITY: chrono::Duration = chrono::Duration::hours(1);

/// How many « mot de passe oublié » requests one address may send in the
/// sign-in lock's window: as many as the sign-in failures it may make, so
/// that the form is no faster a way to probe or to flood mailboxes.
pub const RESET_REQUESTS_PER_ADDRESS: u64 = SIGN_IN_LOCK.max_failures_per_address;

/// The longest display name of an account.
pub const MAX_DISPLAY_NAME: usize = 120;

/// A display name as typed, trimmed; `None` when empty or too long.
pub fn display_name(raw: &str) -> Option<String> {
    let name = raw.trim();
    (!name.is_empty() && name.chars().count() <= MAX_DISPLAY_NAME).then(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_locks_after_five_failures_per_account_or_twenty_per_address() {
        let lock = SIGN_IN_LOCK;
        assert!(!lock.is_locked(0, 0));
        assert!(!lock.is_locked(4, 19));
        assert!(lock.is_locked(5, 0));
        assert!(lock.is_locked(0, 20));
        assert!(lock.is_locked(6, 25));
        assert_eq!(lock.retry_after_seconds(), 900);
        let now = chrono::Utc::now();
        assert_eq!(now - lock.counted_since(now), chrono::Duration::minutes(15));
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(display_name("  Josette  ").as_deref(), Some("Josette"));
        assert_eq!(display_name("   "), None);
        assert_eq!(
            display_name(&"é".repeat(120)).map(|n| n.chars().count()),
            Some(120)
        );
        assert_eq!(display_name(&"é".repeat(121)), None);
    }

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let a = hash("une phrase de passe").unwrap();
        let b = hash("une phrase de passe").unwrap();
        assert_ne!(a, b);
        assert!(a.starts_with("$argon2id$"));
        assert!(verify("une phrase de passe", &a));
        assert!(!verify("une phrase de pass", &a));
        assert!(!verify("x", "not a hash"));
        assert!(!verify("x", dummy_hash()));
    }

    #[test]
    fn policy() {
        assert_eq!(
            check_policy("court", "a@b.ca"),
            Err(PasswordError::TooShort)
        );
        assert_eq!(
            check_policy(&"x".repeat(300), "a@b.ca"),
            Err(PasswordError::TooLong)
        );
        assert_eq!(
            check_policy("Josette@CPE.ca", "josette@cpe.ca"),
            Err(PasswordError::SameAsEmail)
        );
        assert!(check_policy("éléphant rose", "a@b.ca").is_ok());
    }

    #[test]
    fn one_time_passwords_pass_the_policy() {
        let p = generate_one_time();
        assert_eq!(p.len(), 23);
        assert!(check_policy(&p, "a@b.ca").is_ok());
        assert_ne!(p, generate_one_time());
    }
}
