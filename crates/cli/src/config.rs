//! Configuration layering: defaults → `maillage.toml` → `MAILLAGE_*`
//! environment → flags (clap resolves the last two; this file the rest).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use maillage_app::mail::Mailer;
use serde::Deserialize;

use crate::CliError;

pub const DEFAULT_DATA_DIR: &str = "./maillage-data";
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
pub const DEFAULT_CONFIG_FILE: &str = "maillage.toml";

/// What `maillage.toml` may hold; any other key is refused by name.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub addr: Option<String>,
    /// Served over TLS (usually by a proxy): `Secure` cookies and HSTS.
    pub secure: Option<bool>,
    /// Behind a proxy that sets `X-Forwarded-For`: rate limits count the
    /// address it adds.
    pub trust_forwarded_for: Option<bool>,
    /// Anonymous writes one address may send in 10 minutes.
    pub anonymous_writes: Option<u64>,
    /// The SMTP relay of the confirmation e-mails (see `maillage_app::mail`).
    pub smtp_url: Option<String>,
    /// Their sender; required with `smtp_url`.
    pub mail_from: Option<String>,
}

/// Values given by flags or environment variables (clap merges those two).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub addr: Option<SocketAddr>,
    pub secure: Option<bool>,
    pub trust_forwarded_for: Option<bool>,
    pub anonymous_writes: Option<u64>,
    pub smtp_url: Option<String>,
    pub mail_from: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub addr: SocketAddr,
    pub secure: bool,
    /// Rate limits count the address a trusted proxy adds to
    /// `X-Forwarded-For`.
    pub trust_forwarded_for: bool,
    /// Anonymous writes (registrations, evaluation answers…) one address
    /// may send in 10 minutes: a venue's shared Wi-Fi is one address.
    pub anonymous_writes: u64,
    /// Confirmation e-mails go through it when set; otherwise they are
    /// only shown and stored.
    pub mail: Option<Mailer>,
}

impl Config {
    pub fn resolve(o: Overrides) -> Result<Config, CliError> {
        let file = load_file(o.config.as_deref())?;
        let mail = mail_settings(&o, &file)?;
        let data_dir = o
            .data_dir
            .or(file.data_dir)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR));
        let database_url = o
            .database_url
            .or(file.database_url)
            .filter(|u| !u.trim().is_empty())
            .unwrap_or_else(|| maillage_store::default_database_url(&data_dir));
        let addr = match (o.addr, file.addr) {
            (Some(a), _) => a,
            (None, Some(a)) => a.parse().map_err(|_| {
                CliError::Usage(format!(
                    "maillage.toml: key `addr`: `{a}` is not an address like 127.0.0.1:8080"
                ))
            })?,
            (None, None) => DEFAULT_ADDR.parse().expect("valid default address"),
        };
        let anonymous_writes = match (o.anonymous_writes, file.anonymous_writes) {
            (Some(0), _) => {
                return Err(CliError::Usage(
                    "--anonymous-writes: 0 would refuse every registration; give at least 1"
                        .to_owned(),
                ));
            }
            (None, Some(0)) => {
                return Err(CliError::Usage(
                    "maillage.toml: key `anonymous_writes`: 0 would refuse every registration; \
                     give at least 1"
                        .to_owned(),
                ));
            }
            (Some(n), _) | (None, Some(n)) => n,
            (None, None) => maillage_web::default_anonymous_writes().max,
        };
        Ok(Config {
            data_dir,
            database_url,
            addr,
            secure: o.secure.or(file.secure).unwrap_or(false),
            trust_forwarded_for: o
                .trust_forwarded_for
                .or(file.trust_forwarded_for)
                .unwrap_or(false),
            anonymous_writes,
            mail,
        })
    }

    /// Creates the data directory (it holds the SQLite file and, later, the
    /// search index) and checks that it can be written.
    pub fn prepare_data_dir(&self) -> Result<(), CliError> {
        let unusable = |reason: String| {
            CliError::Usage(format!(
                "cannot use the data directory {}: {reason}",
                self.data_dir.display()
            ))
        };
        std::fs::create_dir_all(&self.data_dir).map_err(|e| unusable(e.to_string()))?;
        let probe = self.data_dir.join(".maillage-write-test");
        std::fs::write(&probe, b"ok").map_err(|e| unusable(format!("not writable ({e})")))?;
        let _ = std::fs::remove_file(probe);
        Ok(())
    }
}

/// Where a mail setting came from, to name it in a message.
fn origin(from_flag: bool, key: &str) -> String {
    if from_flag {
        let flag = key.replace('_', "-");
        format!("--{flag} (or MAILLAGE_{})", key.to_uppercase())
    } else {
        format!("maillage.toml: key `{key}`")
    }
}

fn mail_settings(o: &Overrides, file: &FileConfig) -> Result<Option<Mailer>, CliError> {
    let set = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    let (url, url_from_flag) = match (set(&o.smtp_url), set(&file.smtp_url)) {
        (Some(u), _) => (u, true),
        (None, Some(u)) => (u, false),
        (None, None) => return Ok(None),
    };
    let (from, from_flag) = match (set(&o.mail_from), set(&file.mail_from)) {
        (Some(f), _) => (f, true),
        (None, Some(f)) => (f, false),
        (None, None) => {
            return Err(CliError::Usage(format!(
                "{} is set but mail_from is not: give the sender of the confirmation \
                 e-mails with --mail-from, MAILLAGE_MAIL_FROM or the key `mail_from` \
                 of maillage.toml (e.g. \"Maillage <noreply@example.org>\")",
                origin(url_from_flag, "smtp_url")
            )));
        }
    };
    Mailer::from_settings(&url, &from).map(Some).map_err(|e| {
        let source = if e.key == "smtp_url" {
            url_from_flag
        } else {
            from_flag
        };
        CliError::Usage(format!("{}: {}", origin(source, e.key), e.reason))
    })
}

fn load_file(explicit: Option<&Path>) -> Result<FileConfig, CliError> {
    let path = explicit.map_or_else(|| PathBuf::from(DEFAULT_CONFIG_FILE), Path::to_path_buf);
    if explicit.is_none() && !path.exists() {
        return Ok(FileConfig::default());
    }
    let text = std::fs::read_to_string(&path)
        .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))?;
    toml::from_str(&text).map_err(|e| {
        let message = e
            .message()
            .replace("unknown field", "unknown key")
            .replace('\n', " ");
        CliError::Usage(format!("{}: {message}", path.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_file_and_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.toml");
        std::fs::write(
            &file,
            "data_dir = \"/from/file\"\naddr = \"127.0.0.1:9000\"\n",
        )
        .unwrap();
        let c = Config::resolve(Overrides {
            config: Some(file.clone()),
            ..Overrides::default()
        })
        .unwrap();
        assert_eq!(c.data_dir, PathBuf::from("/from/file"));
        assert_eq!(c.addr.port(), 9000);
        assert!(c.database_url.contains("/from/file/maillage.db"));
        let c = Config::resolve(Overrides {
            config: Some(file),
            data_dir: Some(PathBuf::from("/from/flag")),
            ..Overrides::default()
        })
        .unwrap();
        assert_eq!(c.data_dir, PathBuf::from("/from/flag"));
    }

    #[test]
    fn mail_settings_are_checked_at_start() {
        let none = Config::resolve(Overrides::default()).unwrap();
        assert!(none.mail.is_none());
        let with = |url: &str, from: Option<&str>| {
            Config::resolve(Overrides {
                smtp_url: Some(url.to_owned()),
                mail_from: from.map(str::to_owned),
                ..Overrides::default()
            })
        };
        let ok = with("smtp://127.0.0.1:2525?tls=none", Some("a@exemple.ca")).unwrap();
        assert!(ok.mail.is_some());
        let err = with("smtp://relay.exemple.ca", None).unwrap_err();
        assert!(matches!(err, CliError::Usage(_)));
        assert!(err.to_string().contains("mail_from"), "{err}");
        let err = with("smtp//relay", Some("a@exemple.ca"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("--smtp-url"), "{err}");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.toml");
        std::fs::write(
            &file,
            "smtp_url = \"smtp://relay.exemple.ca\"\nmail_from = \"pas une adresse\"\n",
        )
        .unwrap();
        let err = Config::resolve(Overrides {
            config: Some(file),
            ..Overrides::default()
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("key `mail_from`"), "{err}");
    }

    #[test]
    fn the_anonymous_write_limit_is_layered_and_never_zero() {
        assert_eq!(
            Config::resolve(Overrides::default())
                .unwrap()
                .anonymous_writes,
            100
        );
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.toml");
        std::fs::write(&file, "anonymous_writes = 400\n").unwrap();
        let from_file = Overrides {
            config: Some(file.clone()),
            ..Overrides::default()
        };
        assert_eq!(
            Config::resolve(from_file.clone()).unwrap().anonymous_writes,
            400
        );
        let flag = Overrides {
            anonymous_writes: Some(50),
            ..from_file
        };
        assert_eq!(Config::resolve(flag).unwrap().anonymous_writes, 50);
        std::fs::write(&file, "anonymous_writes = 0\n").unwrap();
        let err = Config::resolve(Overrides {
            config: Some(file),
            ..Overrides::default()
        })
        .unwrap_err();
        assert!(matches!(err, CliError::Usage(_)));
        assert!(err.to_string().contains("anonymous_writes"), "{err}");
    }

    #[test]
    fn unknown_and_bad_keys_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("m.toml");
        std::fs::write(&file, "data_dri = \"x\"\n").unwrap();
        let err = Config::resolve(Overrides {
            config: Some(file.clone()),
            ..Overrides::default()
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("data_dri"), "{err}");
        std::fs::write(&file, "addr = \"nowhere\"\n").unwrap();
        let err = Config::resolve(Overrides {
            config: Some(file),
            ..Overrides::default()
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("addr"), "{err}");
    }
}
