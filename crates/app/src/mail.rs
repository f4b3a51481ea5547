//! Outgoing mail: the registration confirmations, through an SMTP relay
//! named by one URL.
//!
//! - `smtp://[user[:password]@]host[:port]` — STARTTLS, required (port 587
//!   by default); no credential or message leaves before the upgrade.
//! - `smtps://[user[:password]@]host[:port]` — TLS from the first byte
//!   (port 465 by default).
//! - `smtp://host[:port]?tls=none` — no TLS, for a relay on the same machine
//!   or network (port 25 by default); credentials are refused there, since
//!   they would travel in clear.
//!
//! User and password are percent-decoded (`%40` for an `@` in a user name).
//! Certificates are checked against the Mozilla roots (webpki-roots), so
//! the binary needs nothing from the system.

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// How long one SMTP command may take before the sending counts as failed.
const TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    StartTls,
    Implicit,
    None,
}

/// A configured relay and sender. Its `Debug` shows where mail goes, never
/// the password.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    host: String,
    port: u16,
    security: Security,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("from", &self.from.email.to_string())
            .finish_non_exhaustive()
    }
}

/// What is wrong with the mail settings; names the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{key}: {reason}")]
pub struct MailConfigError {
    pub key: &'static str,
    pub reason: String,
}

fn bad(key: &'static str, reason: impl Into<String>) -> MailConfigError {
    MailConfigError {
        key,
        reason: reason.into(),
    }
}

fn decoded(part: &str) -> Result<String, MailConfigError> {
    percent_decode(part).ok_or_else(|| {
        bad(
            "smtp_url",
            "the user name or password is not valid percent-encoded UTF-8",
        )
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The security an `smtp_url` asks for: its scheme, and `tls=` for smtp://.
fn security_of(url: &url::Url) -> Result<Security, MailConfigError> {
    let mut security = match url.scheme() {
        "smtp" => Security::StartTls,
        "smtps" => Security::Implicit,
        other => {
            return Err(bad(
                "smtp_url",
                format!("the scheme must be smtp or smtps, not `{other}`"),
            ));
        }
    };
    for (key, value) in url.query_pairs() {
        match (key.as_ref(), value.as_ref(), security) {
            ("tls", "none", Security::StartTls) => security = Security::None,
            ("tls", "starttls", Security::StartTls) => {}
            ("tls", _, Security::Implicit) => {
                return Err(bad(
                    "smtp_url",
                    "smtps:// is always TLS; `tls=` belongs to smtp:// URLs",
                ));
            }
            ("tls", other, _) => {
                return Err(bad(
                    "smtp_url",
                    format!("`tls={other}`: the value must be starttls or none"),
                ));
            }
            (other, _, _) => {
                return Err(bad(
                    "smtp_url",
                    format!("unknown parameter `{other}` (only `tls` is known)"),
                ));
            }
        }
    }
    Ok(security)
}

impl Mailer {
    /// Reads `smtp_url` and `mail_from` (see the module's documentation);
    /// nothing is contacted yet.
    pub fn from_settings(smtp_url: &str, mail_from: &str) -> Result<Mailer, MailConfigError> {
        let url = url::Url::parse(smtp_url.trim()).map_err(|e| {
            bad(
                "smtp_url",
                format!(
                    "`{}` is not a URL like smtp://user:password@relay.example:587 ({e})",
                    redacted(smtp_url)
                ),
            )
        })?;
        let security = security_of(&url)?;
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("smtp_url", "the URL names no server (smtp://HOST:PORT)"))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        if !matches!(url.path(), "" | "/") {
            return Err(bad(
                "smtp_url",
                format!("unexpected path `{}` after the server", url.path()),
            ));
        }
        let port = url.port().unwrap_or(match security {
            Security::StartTls => 587,
            Security::Implicit => 465,
            Security::None => 25,
        });
        let credentials = if url.username().is_empty() {
            None
        } else {
            if security == Security::None {
                return Err(bad(
                    "smtp_url",
                    "a user name and password would travel in clear with tls=none; \
                     use smtp:// (STARTTLS) or smtps://",
                ));
            }
            Some(Credentials::new(
                decoded(url.username())?,
                decoded(url.password().unwrap_or_default())?,
            ))
        };
        let from: Mailbox = mail_from.trim().parse().map_err(|e| {
            bad(
                "mail_from",
                format!(
                    "`{}` is not an address like « Maillage <noreply@example.org> » ({e})",
                    mail_from.trim()
                ),
            )
        })?;
        let tls = match security {
            Security::None => Tls::None,
            Security::StartTls | Security::Implicit => {
                let params = TlsParameters::new(host.clone()).map_err(|e| {
                    bad(
                        "smtp_url",
                        format!("TLS cannot be set up for `{host}`: {e}"),
                    )
                })?;
                if security == Security::Implicit {
                    Tls::Wrapper(params)
                } else {
                    Tls::Required(params)
                }
            }
        };
        // Relays often refuse a bare IP in EHLO: greet with the sender's
        // domain, which is ours to name.
        let hello = ClientId::Domain(from.email.domain().to_owned());
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host.clone())
            .port(port)
            .tls(tls)
            .hello_name(hello)
            .timeout(Some(TIMEOUT));
        if let Some(c) = credentials {
            builder = builder.credentials(c);
        }
        Ok(Mailer {
            transport: builder.build(),
            from,
            host,
            port,
            security,
        })
    }

    pub fn security(&self) -> Security {
        self.security
    }

    /// Sends one plain-text message; `Err` holds the reason, as the server
    /// or the network gave it, to show the coordinators.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let to: Mailbox = to
            .parse()
            .map_err(|e| format!("invalid recipient `{to}`: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// The URL with its password hidden, for messages.
fn redacted(smtp_url: &str) -> String {
    match url::Url::parse(smtp_url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        // Unparsable: hide whatever stands before the last `@`.
        Err(_) => match (smtp_url.find("://"), smtp_url.rfind('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                format!("{}://***{}", &smtp_url[..scheme], &smtp_url[at..])
            }
            _ => smtp_url.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(url: &str, from: &str) -> String {
        Mailer::from_settings(url, from).unwrap_err().to_string()
    }

    #[test]
    fn the_three_kinds_of_url() {
        let m = Mailer::from_settings(
            "smtp://moi%40example.org:s3cr%C3%A9t@relay.example.org",
            "Maillage <noreply@example.org>",
        )
        .unwrap();
        assert_eq!((m.security, m.port), (Security::StartTls, 587));
        let m = Mailer::from_settings("smtps://relay.example.org", "noreply@example.org").unwrap();
        assert_eq!((m.security, m.port), (Security::Implicit, 465));
        let m = Mailer::from_settings("smtp://localhost?tls=none", "noreply@example.org").unwrap();
        assert_eq!((m.security, m.port), (Security::None, 25));
        let m = Mailer::from_settings("smtp://127.0.0.1:2525?tls=none", "a@b.ca").unwrap();
        assert_eq!(m.port, 2525);
        assert!(!format!("{m:?}").contains("s3cr"));
    }

    #[test]
    fn bad_settings_are_named() {
        assert!(err("relay.example.org", "a@b.ca").starts_with("smtp_url:"));
        assert!(err("http://relay.example.org", "a@b.ca").contains("smtp or smtps"));
        assert!(err("smtp://relay.example.org?tls=maybe", "a@b.ca").contains("tls=maybe"));
        assert!(err("smtp://relay.example.org?port=1", "a@b.ca").contains("`port`"));
        assert!(err("smtps://relay.example.org?tls=none", "a@b.ca").contains("smtps"));
        assert!(err("smtp://u:p@localhost?tls=none", "a@b.ca").contains("in clear"));
        assert!(err("smtp://relay.example.org/x", "a@b.ca").contains("path"));
        let e = err("smtp://u:hunter2@relay.example.org", "pas une adresse");
        assert!(e.starts_with("mail_from:"), "{e}");
        assert!(!err("smtp://u:hunter2@:25", "a@b.ca").contains("hunter2"));
    }
}
