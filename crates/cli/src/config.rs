//! Configuration layering: defaults → `maillage.toml` → `MAILLAGE_*`
//! environment → flags (clap resolves the last two; this file the rest).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

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
}

/// Values given by flags or environment variables (clap merges those two).
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub addr: Option<SocketAddr>,
    pub secure: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub addr: SocketAddr,
    pub secure: bool,
}

impl Config {
    pub fn resolve(o: Overrides) -> Result<Config, CliError> {
        let file = load_file(o.config.as_deref())?;
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
        Ok(Config {
            data_dir,
            database_url,
            addr,
            secure: o.secure.or(file.secure).unwrap_or(false),
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
