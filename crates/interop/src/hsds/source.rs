//! The files of a package, from a directory or from a zip read in memory.
//!
//! Nothing of a zip is ever extracted to disk, and every size is checked
//! before the bytes are read, so a hostile archive can neither write outside
//! the package nor exhaust memory.

use std::borrow::Cow;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use zip::ZipArchive;

use super::{MAX_FILE_BYTES, MAX_ZIP_BYTES, MAX_ZIP_ENTRIES, Problem, ReadError};

#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub file: u64,
    pub zip_total: u64,
    pub zip_entries: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        file: MAX_FILE_BYTES,
        zip_total: MAX_ZIP_BYTES,
        zip_entries: MAX_ZIP_ENTRIES,
    };
}

/// A file of the package.
#[derive(Debug)]
pub(crate) struct Entry {
    /// Relative to the package root: `organizations.csv`.
    pub name: String,
    loc: Loc,
}

#[derive(Debug)]
enum Loc {
    File(PathBuf),
    Zip(usize),
}

pub(crate) struct Source {
    pub entries: Vec<Entry>,
    zip: Option<ZipArchive<File>>,
    limits: Limits,
    zip_read: u64,
}

/// Files that operating systems leave behind; they are not part of a package.
fn is_os_litter(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    matches!(base, ".DS_Store" | "Thumbs.db" | "desktop.ini")
        || name == "__MACOSX"
        || name.starts_with("__MACOSX/")
}

fn io_error(path: &Path, source: io::Error) -> ReadError {
    ReadError::Io {
        path: path.to_owned(),
        source,
    }
}

fn mib(bytes: u64) -> u64 {
    bytes / (1024 * 1024)
}

impl Source {
    /// Lists the files of the package at `path`. `None` (with the problem
    /// reported) when the package as a whole is refused before reading.
    pub fn open(
        path: &Path,
        limits: Limits,
        problems: &mut Vec<Problem>,
    ) -> Result<Option<Source>, ReadError> {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(ReadError::NotFound(path.to_owned()));
            }
            Err(e) => return Err(io_error(path, e)),
        };
        if meta.is_dir() {
            return Ok(Some(Self::open_dir(path, limits, problems)?));
        }
        let mut file = File::open(path).map_err(|e| io_error(path, e))?;
        let mut magic = [0u8; 4];
        let n = read_up_to(&mut file, &mut magic).map_err(|e| io_error(path, e))?;
        let looks_zip = n == 4 && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06");
        let named_zip = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
        if !looks_zip {
            return Err(if named_zip {
                ReadError::BadZip(format!("{} is not a zip archive", path.display()))
            } else {
                ReadError::NotADirectoryOrZip(path.to_owned())
            });
        }
        let archive = ZipArchive::new(file)
            .map_err(|e| ReadError::BadZip(format!("{}: {e}", path.display())))?;
        Ok(Self::open_zip(path, archive, limits, problems))
    }

    fn open_dir(
        dir: &Path,
        limits: Limits,
        problems: &mut Vec<Problem>,
    ) -> Result<Source, ReadError> {
        let mut entries = Vec::new();
        for item in fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
            let item = item.map_err(|e| io_error(dir, e))?;
            let Ok(name) = item.file_name().into_string() else {
                let lossy = item.file_name().to_string_lossy().into_owned();
                problems.push(Problem::file(lossy, "the file name is not valid UTF-8"));
                continue;
            };
            if is_os_litter(&name) {
                continue;
            }
            let path = item.path();
            match fs::metadata(&path) {
                Ok(m) if m.is_dir() => problems.push(Problem::file(
                    name,
                    "unexpected directory: a package holds its files at its root",
                )),
                Ok(_) => entries.push(Entry {
                    name,
                    loc: Loc::File(path),
                }),
                Err(e) => problems.push(Problem::file(name, format!("cannot be read: {e}"))),
            }
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(Source {
            entries,
            zip: None,
            limits,
            zip_read: 0,
        })
    }

    fn open_zip(
        path: &Path,
        mut archive: ZipArchive<File>,
        limits: Limits,
        problems: &mut Vec<Problem>,
    ) -> Option<Source> {
        let zip_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if archive.len() > limits.zip_entries {
            problems.push(Problem::file(
                zip_name,
                format!(
                    "the zip holds {} entries, more than the {} accepted",
                    archive.len(),
                    limits.zip_entries
                ),
            ));
            return None;
        }
        let mut files: Vec<(String, usize)> = Vec::new();
        let mut total: u64 = 0;
        for index in 0..archive.len() {
            let entry = match archive.by_index_raw(index) {
                Ok(e) => e,
                Err(e) => {
                    problems.push(Problem::file(
                        &zip_name,
                        format!("entry {}: {e}", index + 1),
                    ));
                    continue;
                }
            };
            let Ok(name) = entry.name().map(Cow::into_owned) else {
                let lossy = String::from_utf8_lossy(entry.name_raw()).into_owned();
                problems.push(Problem::file(lossy, "the entry name cannot be decoded"));
                continue;
            };
            if escapes(&name) {
                problems.push(Problem::file(
                    name,
                    "path escapes the package: entries must be relative paths without `..`",
                ));
                continue;
            }
            if entry.is_dir() || is_os_litter(&name) {
                continue;
            }
            if entry.is_symlink() {
                problems.push(Problem::file(
                    name,
                    "symbolic links are not accepted in a package",
                ));
                continue;
            }
            total = total.saturating_add(entry.size());
            files.push((name, index));
        }
        if total > limits.zip_total {
            problems.push(Problem::file(
                zip_name,
                format!(
                    "the zip holds {total} bytes once uncompressed, more than the {} MiB accepted",
                    mib(limits.zip_total)
                ),
            ));
            return None;
        }
        // A zip of the package directory holds `dir/organizations.csv`...:
        // one top-level directory is the package root.
        let prefix = match files.first() {
            Some((first, _)) => first.split_once('/').map(|(dir, _)| format!("{dir}/")),
            None => None,
        }
        .filter(|p| files.iter().all(|(name, _)| name.starts_with(p.as_str())));
        let mut entries: Vec<Entry> = Vec::new();
        for (name, index) in files {
            let relative = match &prefix {
                Some(p) => name[p.len()..].to_owned(),
                None => name.clone(),
            };
            if entries.iter().any(|e| e.name == relative) {
                problems.push(Problem::file(name, "the zip holds this file twice"));
                continue;
            }
            entries.push(Entry {
                name: relative,
                loc: Loc::Zip(index),
            });
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Some(Source {
            entries,
            zip: Some(archive),
            limits,
            zip_read: 0,
        })
    }

    /// The bytes of entry `index`, or why they cannot be had.
    pub fn load(&mut self, index: usize) -> Result<Vec<u8>, String> {
        let limit = self.limits.file;
        let too_big = |size: u64| {
            format!(
                "the file is {size} bytes, more than the limit of {} MiB per file",
                mib(limit)
            )
        };
        match &self.entries[index].loc {
            Loc::File(path) => {
                let size = fs::metadata(path)
                    .map_err(|e| format!("cannot be read: {e}"))?
                    .len();
                if size > limit {
                    return Err(too_big(size));
                }
                let mut bytes = Vec::new();
                File::open(path)
                    .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
                    .map_err(|e| format!("cannot be read: {e}"))?;
                // The file may have grown since its size was checked.
                if bytes.len() as u64 > limit {
                    return Err(too_big(bytes.len() as u64));
                }
                Ok(bytes)
            }
            Loc::Zip(zip_index) => {
                let archive = self.zip.as_mut().expect("zip entries come from a zip");
                let mut entry = archive
                    .by_index(*zip_index)
                    .map_err(|e| format!("cannot be read from the zip: {e}"))?;
                if entry.size() > limit {
                    return Err(too_big(entry.size()));
                }
                // Sizes in a zip are claims: never read more than allowed.
                let allowed = limit.min(self.limits.zip_total.saturating_sub(self.zip_read));
                let mut bytes = Vec::new();
                (&mut entry)
                    .take(allowed + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|e| format!("cannot be read from the zip: {e}"))?;
                let read = bytes.len() as u64;
                if read > allowed {
                    return Err(if read > limit {
                        too_big(read)
                    } else {
                        format!(
                            "the zip holds more than {} MiB once uncompressed",
                            mib(self.limits.zip_total)
                        )
                    });
                }
                self.zip_read += read;
                Ok(bytes)
            }
        }
    }
}

/// Absolute paths, Windows drive paths and any `..` component.
fn escapes(name: &str) -> bool {
    let b = name.as_bytes();
    name.starts_with('/')
        || name.starts_with('\\')
        || (b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':')
        || name.split(['/', '\\']).any(|c| c == "..")
        || name.contains('\0')
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_names() {
        for bad in [
            "../evil.csv",
            "a/../../b",
            "/etc/passwd",
            "\\x",
            "C:/x",
            "a\\..\\b",
            "..",
            "a\0",
        ] {
            assert!(escapes(bad), "{bad}");
        }
        for good in [
            "organizations.csv",
            "pkg/organizations.csv",
            "a..b.csv",
            "..a",
        ] {
            assert!(!escapes(good), "{good}");
        }
    }

    fn zip_of(path: &Path, entries: &[(&str, usize)]) {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(File::create(path).unwrap());
        for (name, size) in entries {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(&vec![b'x'; *size]).unwrap();
        }
        zip.finish().unwrap();
    }

    const SMALL: Limits = Limits {
        file: 100,
        zip_total: 250,
        zip_entries: 5,
    };

    #[test]
    fn zip_limits() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("big.zip");
        zip_of(&path, &[("a.csv", 100), ("b.csv", 100), ("c.csv", 100)]);
        let mut problems = Vec::new();
        assert!(Source::open(&path, SMALL, &mut problems).unwrap().is_none());
        assert_eq!(
            problems[0].to_string(),
            "big.zip: the zip holds 300 bytes once uncompressed, more than the 0 MiB accepted"
        );

        zip_of(&path, &[("a.csv", 101), ("b.csv", 100)]);
        let mut problems = Vec::new();
        let mut source = Source::open(&path, SMALL, &mut problems).unwrap().unwrap();
        assert_eq!(problems, []);
        assert_eq!(
            source.load(0).unwrap_err(),
            "the file is 101 bytes, more than the limit of 0 MiB per file"
        );
        assert_eq!(source.load(1).unwrap().len(), 100);

        zip_of(
            &path,
            &[("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1), ("f", 1)],
        );
        let mut problems = Vec::new();
        assert!(Source::open(&path, SMALL, &mut problems).unwrap().is_none());
        assert_eq!(
            problems[0].message,
            "the zip holds 6 entries, more than the 5 accepted"
        );
    }

    #[test]
    fn one_top_level_directory_is_the_root_but_not_two() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("p.zip");
        zip_of(
            &path,
            &[
                ("pkg/a.csv", 1),
                ("pkg/b.csv", 1),
                ("__MACOSX/pkg/._a.csv", 1),
            ],
        );
        let mut problems = Vec::new();
        let source = Source::open(&path, Limits::DEFAULT, &mut problems)
            .unwrap()
            .unwrap();
        let names: Vec<&str> = source.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["a.csv", "b.csv"]);

        zip_of(&path, &[("pkg/a.csv", 1), ("other/b.csv", 1), ("c.csv", 1)]);
        let source = Source::open(&path, Limits::DEFAULT, &mut problems)
            .unwrap()
            .unwrap();
        let names: Vec<&str> = source.entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["c.csv", "other/b.csv", "pkg/a.csv"]);
        assert_eq!(problems, []);
    }

    #[test]
    fn os_litter() {
        assert!(is_os_litter(".DS_Store"));
        assert!(is_os_litter("pkg/.DS_Store"));
        assert!(is_os_litter("__MACOSX/pkg/._organizations.csv"));
        assert!(!is_os_litter("organizations.csv"));
    }
}
