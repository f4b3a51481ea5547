//! Open Referral HSDS 3.0 tabular data packages: a directory (or a zip of
//! one) holding `datapackage.json` and one CSV file per table, named as in the
//! official descriptor.
//!
//! [`read_package`] reports what makes files unreadable, [`validate`] every
//! rule of the descriptor, [`write_package`] writes a package back. All of
//! them keep values byte for byte as written, so that an import of an export
//! changes nothing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::hash::BuildHasher;
use std::io;
use std::path::PathBuf;

use maillage_domain::hsds::{self, Table};
use serde::Serialize;

mod read;
mod source;
mod validate;
mod write;

pub use read::read_package;
pub use validate::validate;
pub use write::{WriteError, WriteReport, WrittenFile, write_package};

/// No single file of a package may be larger (checked before reading it).
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;
/// No zip may hold more once uncompressed, all entries together.
pub const MAX_ZIP_BYTES: u64 = 512 * 1024 * 1024;
/// No zip may hold more entries (an HSDS package has 22 files at most).
pub const MAX_ZIP_ENTRIES: usize = 100;

/// One data row of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its line in the CSV file: the header is line 1, so the first data row
    /// is line 2; when a quoted cell holds a line break, the line where the
    /// record starts.
    pub line: u64,
    /// Its non-empty values by column name, exactly as written (no trimming,
    /// no normalisation); an empty cell is absent.
    pub values: BTreeMap<&'static str, String>,
}

/// The rows of one table.
#[derive(Debug, Clone)]
pub struct TableData {
    pub table: &'static Table,
    /// The known columns of the file, in header order.
    pub columns: Vec<&'static str>,
    pub rows: Vec<Row>,
}

impl TableData {
    /// An empty table whose columns are every field of the descriptor.
    pub fn new(table: &'static Table) -> Self {
        TableData {
            table,
            columns: table.fields.iter().map(|f| f.name).collect(),
            rows: Vec::new(),
        }
    }
}

/// The tables of a package.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// In [`maillage_domain::hsds::import_order`], referenced tables first.
    pub tables: Vec<TableData>,
}

impl Package {
    /// A package of rows that come from elsewhere (the database): columns
    /// are every field of the descriptor, rows are numbered as they would
    /// be written (from line 2), tables given twice are merged, and tables
    /// are put in import order.
    pub fn from_rows(
        tables: impl IntoIterator<Item = (&'static Table, Vec<BTreeMap<&'static str, String>>)>,
    ) -> Self {
        let mut by_name: HashMap<&'static str, TableData> = HashMap::new();
        for (table, rows) in tables {
            let data = by_name
                .entry(table.name)
                .or_insert_with(|| TableData::new(table));
            for values in rows {
                let line = data.rows.len() as u64 + 2;
                data.rows.push(Row { line, values });
            }
        }
        let tables = hsds::import_order()
            .iter()
            .filter_map(|t| by_name.remove(t.name))
            .collect();
        Package { tables }
    }

    /// The rows of the table whose resource name is `name`.
    pub fn table(&self, name: &str) -> Option<&TableData> {
        self.tables.iter().find(|t| t.table.name == name)
    }
}

/// How a field's cells are guarded in the CSV files maillage writes: text
/// gets a `'` before a would-be formula (and loses it on reading), a number
/// is written as it is so that `-12.5` stays a number.
pub(crate) fn csv_cell(field: &maillage_domain::hsds::Field) -> crate::csv_out::Cell {
    if field.field_type == maillage_domain::hsds::FieldType::Number {
        crate::csv_out::Cell::Number
    } else {
        crate::csv_out::Cell::Text
    }
}

/// Something wrong with a package, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// A file of the package relative to its root (`services.csv`), the
    /// name of an entry as written in a zip, or the package itself.
    pub file: String,
    pub line: Option<u64>,
    pub column: Option<String>,
    pub message: String,
    pub kind: ProblemKind,
}

/// Which exit code a problem calls for: 2 for input that cannot be read as a
/// package, 1 for a package that reads but breaks a rule (exit codes in
/// `docs/architecture.md`, « The command line »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Not well-formed: a file that is missing, unreadable, not UTF-8, not
    /// CSV or not JSON; a missing or unknown column; a value of the wrong
    /// type or format.
    Malformed,
    /// Well-formed but refused by the descriptor's other rules: a required
    /// value left empty, a value outside its enum, a duplicate where values
    /// are unique, a reference to no record.
    Refused,
}

impl Problem {
    pub(crate) fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            kind: ProblemKind::Malformed,
        }
    }

    /// The same problem, as a rule the well-formed package breaks.
    pub(crate) fn refused(self) -> Self {
        Problem {
            kind: ProblemKind::Refused,
            ..self
        }
    }

    pub(crate) fn line(file: impl Into<String>, line: u64, message: impl Into<String>) -> Self {
        Problem {
            line: Some(line),
            ..Problem::file(file, message)
        }
    }

    pub(crate) fn cell(
        file: impl Into<String>,
        line: u64,
        column: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            line: Some(line),
            column: Some(column.into()),
            ..Problem::file(file, message)
        }
    }
}

/// `services.csv, line 4, column organization_id: message`, leaving out
/// what is unknown.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why a package could not be read at all (as opposed to [`Problem`]s in it).
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{} does not exist", .0.display())]
    NotFound(PathBuf),
    #[error("{} is neither a directory nor a zip file", .0.display())]
    NotADirectoryOrZip(PathBuf),
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{0}")]
    BadZip(String),
}

/// Ids that already exist outside the package (in the database), so that a
/// package may reference them.
pub trait KnownIds {
    /// Whether a row of `resource` (e.g. `organization`) has the id `id`.
    fn contains(&self, resource: &str, id: &str) -> bool;
}

/// Nothing exists outside the package.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoKnownIds;

impl KnownIds for NoKnownIds {
    fn contains(&self, _resource: &str, _id: &str) -> bool {
        false
    }
}

impl<F: Fn(&str, &str) -> bool> KnownIds for F {
    fn contains(&self, resource: &str, id: &str) -> bool {
        self(resource, id)
    }
}

/// Ids by resource name.
impl<S: BuildHasher, T: BuildHasher> KnownIds for HashMap<&str, HashSet<String, T>, S> {
    fn contains(&self, resource: &str, id: &str) -> bool {
        self.get(resource).is_some_and(|ids| ids.contains(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_display_what_is_known() {
        let p = Problem::cell("services.csv", 4, "organization_id", "unknown");
        assert_eq!(
            p.to_string(),
            "services.csv, line 4, column organization_id: unknown"
        );
        assert_eq!(
            Problem::line("a.csv", 2, "m").to_string(),
            "a.csv, line 2: m"
        );
        assert_eq!(Problem::file("a.csv", "m").to_string(), "a.csv: m");
    }

    #[test]
    fn known_ids_from_maps_and_closures() {
        let mut map: HashMap<&str, HashSet<String>> = HashMap::new();
        map.entry("organization")
            .or_default()
            .insert("x".to_owned());
        assert!(map.contains("organization", "x"));
        assert!(!map.contains("service", "x"));
        let f = |r: &str, id: &str| r == "service" && id == "y";
        assert!(KnownIds::contains(&f, "service", "y"));
        assert!(!NoKnownIds.contains("organization", "x"));
    }
}
