//! E-mail addresses as accounts know them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// RFC 5321 caps a forward path at 256 octets, of which 254 are the address.
pub const MAX_LEN: usize = crate::limits::EMAIL;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the e-mail address is empty")]
    Empty,
    #[error("the e-mail address is longer than {MAX_LEN} characters")]
    TooLong,
    #[error("`{0}` is not a valid e-mail address")]
    Malformed(String),
}

impl EmailError {
    /// The key of the French/English message for the web forms.
    pub fn message_key(&self) -> &'static str {
        match self {
            EmailError::Empty => "error-email-empty",
            EmailError::TooLong => "error-email-too-long",
            EmailError::Malformed(_) => "error-email-malformed",
        }
    }
}

/// A syntactically plausible, lower-cased e-mail address.
///
/// Deliberately not a full RFC 5322 parser: accounts need one mailbox per
/// person, and the only real proof of an address is a message that arrives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.len() > MAX_LEN {
            return Err(EmailError::TooLong);
        }
        let malformed = || EmailError::Malformed(s.to_owned());
        let (local, domain) = s.rsplit_once('@').ok_or_else(malformed)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if local_ok && domain_ok {
            Ok(Email(s.to_lowercase()))
        } else {
            Err(malformed())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Email::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_addresses_and_lowercases_them() {
        assert_eq!(
            Email::parse(" Josette.Tremblay@CPE-Jonquiere.qc.ca ")
                .unwrap()
                .as_str(),
            "josette.tremblay@cpe-jonquiere.qc.ca"
        );
        assert!(Email::parse("a+tag@exemple.québec").is_ok());
    }

    #[test]
    fn refuses_malformed_addresses() {
        for bad in [
            "",
            "   ",
            "pas-une-adresse",
            "@exemple.ca",
            "a@",
            "a@b",
            "a..b@exemple.ca",
            "a@-exemple.ca",
            "a b@exemple.ca",
            "a@exemple..ca",
            "<script>@x.ca",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn refuses_over_long_addresses() {
        let long = format!("{}@exemple.ca", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
        let local = format!("{}@exemple.ca", "a".repeat(65));
        assert!(matches!(
            Email::parse(&local),
            Err(EmailError::Malformed(_))
        ));
    }
}
