//! Writing a package: one CSV per table that has rows, and a
//! `datapackage.json` generated from the Rust schema that declares exactly
//! those files.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use maillage_domain::hsds::{
    self, DESCRIPTOR_FILE, RESOURCE_FORMAT, RESOURCE_MEDIATYPE, RESOURCE_PROFILE, Table,
};
use serde::Serialize;

use super::{Package, TableData};
use crate::csv_out::CsvOut;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{} is not empty", .0.display())]
    NotEmpty(PathBuf),
    #[error("{} exists and is not a directory", .0.display())]
    NotADirectory(PathBuf),
    #[error("the package holds the table `{0}` more than once")]
    DuplicateTable(&'static str),
    #[error("`{column}` is not a column of the table `{table}`")]
    UnknownColumn {
        table: &'static str,
        column: &'static str,
    },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
}

/// What [`write_package`] wrote, besides `datapackage.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WriteReport {
    /// In the descriptor's order.
    pub files: Vec<WrittenFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WrittenFile {
    /// `organizations.csv`.
    pub path: &'static str,
    /// `organization`.
    pub resource: &'static str,
    pub rows: usize,
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Writes `package` into `dir`: created if missing; an existing empty
/// directory is fine; a non-empty one is refused unless `force`, which first
/// removes its CSV files and `datapackage.json` so that it holds exactly the
/// package (other files are left alone).
///
/// Each table that has rows becomes one CSV file with every column of the
/// descriptor in the descriptor's order, values exactly as stored (absent →
/// empty cell), LF line ends and RFC 4180 quoting.
pub fn write_package(
    dir: &Path,
    package: &Package,
    force: bool,
) -> Result<WriteReport, WriteError> {
    let tables = tables_to_write(package)?;
    prepare_dir(dir, force)?;

    let mut report = WriteReport { files: Vec::new() };
    for data in &tables {
        write_csv(&dir.join(data.table.path), data)?;
        report.files.push(WrittenFile {
            path: data.table.path,
            resource: data.table.name,
            rows: data.rows.len(),
        });
    }
    let written: Vec<&'static Table> = tables.iter().map(|d| d.table).collect();
    let path = dir.join(DESCRIPTOR_FILE);
    let mut json = serde_json::to_vec_pretty(&descriptor(&written))
        .expect("a descriptor of plain strings always serialises");
    json.push(b'\n');
    fs::write(&path, json).map_err(io_err(&path))?;
    Ok(report)
}

/// The tables with rows, in the descriptor's order, checked before anything
/// touches the disk.
fn tables_to_write(package: &Package) -> Result<Vec<&TableData>, WriteError> {
    for (i, data) in package.tables.iter().enumerate() {
        if package.tables[..i]
            .iter()
            .any(|d| d.table.name == data.table.name)
        {
            return Err(WriteError::DuplicateTable(data.table.name));
        }
        for row in &data.rows {
            if let Some(column) = row.values.keys().find(|k| data.table.field(k).is_none()) {
                return Err(WriteError::UnknownColumn {
                    table: data.table.name,
                    column,
                });
            }
        }
    }
    Ok(hsds::TABLES
        .iter()
        .filter_map(|t| package.tables.iter().find(|d| d.table.name == t.name))
        .filter(|d| !d.rows.is_empty())
        .collect())
}

fn prepare_dir(dir: &Path, force: bool) -> Result<(), WriteError> {
    match fs::metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return fs::create_dir_all(dir).map_err(io_err(dir));
        }
        Err(e) => return Err(io_err(dir)(e)),
        Ok(m) if !m.is_dir() => return Err(WriteError::NotADirectory(dir.to_owned())),
        Ok(_) => {}
    }
    let mut entries = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_err(dir))? {
        entries.push(entry.map_err(io_err(dir))?);
    }
    if entries.is_empty() {
        return Ok(());
    }
    if !force {
        return Err(WriteError::NotEmpty(dir.to_owned()));
    }
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let is_file = entry.file_type().map_err(io_err(&entry.path()))?.is_file();
        let is_csv = Path::new(&*name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if is_file && (name == DESCRIPTOR_FILE || is_csv) {
            fs::remove_file(entry.path()).map_err(io_err(&entry.path()))?;
        }
    }
    Ok(())
}

fn write_csv(path: &Path, data: &TableData) -> Result<(), WriteError> {
    let file = File::create(path).map_err(io_err(path))?;
    let mut builder = csv::WriterBuilder::new();
    builder.terminator(csv::Terminator::Any(b'\n'));
    let mut writer = CsvOut::new(&builder, BufWriter::new(file));
    let csv_err = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(source) => WriteError::Io {
            path: path.to_owned(),
            source,
        },
        other => WriteError::Io {
            path: path.to_owned(),
            source: io::Error::other(format!("{other:?}")),
        },
    };
    let fields = data.table.fields;
    writer
        .write_text(fields.iter().map(|f| f.name))
        .map_err(csv_err)?;
    for row in &data.rows {
        writer
            .write(fields.iter().map(|f| {
                (
                    super::csv_cell(f),
                    row.values.get(f.name).map_or("", String::as_str),
                )
            }))
            .map_err(csv_err)?;
    }
    let mut inner = writer.into_inner().map_err(io_err(path))?;
    inner.flush().map_err(io_err(path))
}

// The descriptor's shape, key order included, so that the file reads like
// the official one.

#[derive(Serialize)]
struct DescriptorOut {
    name: &'static str,
    title: &'static str,
    description: &'static str,
    profile: &'static str,
    version: &'static str,
    homepage: &'static str,
    license: LicenseOut,
    resources: Vec<ResourceOut>,
}

#[derive(Serialize)]
struct LicenseOut {
    url: &'static str,
    #[serde(rename = "type")]
    license_type: &'static str,
    name: &'static str,
}

#[derive(Serialize)]
struct ResourceOut {
    name: &'static str,
    path: &'static str,
    description: &'static str,
    format: &'static str,
    mediatype: &'static str,
    profile: &'static str,
    schema: SchemaOut,
}

#[derive(Serialize)]
struct SchemaOut {
    #[serde(rename = "primaryKey")]
    primary_key: &'static str,
    fields: Vec<FieldOut>,
    #[serde(rename = "foreignKeys", skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<ForeignKeyOut>,
}

#[derive(Serialize)]
struct FieldOut {
    name: &'static str,
    #[serde(rename = "type")]
    field_type: &'static str,
    title: &'static str,
    description: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    constraints: ConstraintsOut,
}

#[derive(Serialize)]
struct ConstraintsOut {
    required: bool,
    unique: bool,
    #[serde(rename = "enum", skip_serializing_if = "<[_]>::is_empty")]
    enum_values: &'static [&'static str],
}

#[derive(Serialize)]
struct ForeignKeyOut {
    fields: &'static str,
    reference: ReferenceOut,
}

#[derive(Serialize)]
struct ReferenceOut {
    resource: &'static str,
    fields: &'static str,
}

/// The descriptor of a package made of `tables`: the official metadata, and
/// only the foreign keys whose referenced table is written too.
fn descriptor(tables: &[&'static Table]) -> DescriptorOut {
    let info = &hsds::PACKAGE;
    DescriptorOut {
        name: info.name,
        title: info.title,
        description: info.description,
        profile: info.profile,
        version: info.version,
        homepage: info.homepage,
        license: LicenseOut {
            url: info.license.url,
            license_type: info.license.license_type,
            name: info.license.name,
        },
        resources: tables
            .iter()
            .map(|t| ResourceOut {
                name: t.name,
                path: t.path,
                description: t.description,
                format: RESOURCE_FORMAT,
                mediatype: RESOURCE_MEDIATYPE,
                profile: RESOURCE_PROFILE,
                schema: SchemaOut {
                    primary_key: t.primary_key,
                    fields: t
                        .fields
                        .iter()
                        .map(|f| FieldOut {
                            name: f.name,
                            field_type: f.field_type.as_str(),
                            title: f.title,
                            description: f.description,
                            format: f.format.map(hsds::Format::as_str),
                            constraints: ConstraintsOut {
                                required: f.required,
                                unique: f.unique,
                                enum_values: f.enum_values,
                            },
                        })
                        .collect(),
                    foreign_keys: t
                        .foreign_keys
                        .iter()
                        .filter(|fk| tables.iter().any(|w| w.name == fk.resource))
                        .map(|fk| ForeignKeyOut {
                            fields: fk.field,
                            reference: ReferenceOut {
                                resource: fk.resource,
                                fields: fk.reference_field,
                            },
                        })
                        .collect(),
                },
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use maillage_domain::hsds::table;

    use super::super::read_package;
    use super::*;

    /// CSV injection: text cells that would run as a formula get a `'` in
    /// front, numbers stay numbers, and an import of the export gives back
    /// exactly the values that went in.
    #[test]
    fn formulas_are_neutralized_and_the_export_reads_back_unchanged() {
        let org: BTreeMap<&'static str, String> = [
            ("id", "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"),
            ("name", "=HYPERLINK(\"http://evil.example\",\"clic\")"),
            ("alternate_name", "'=déjà cité"),
            ("description", "-2+3"),
            ("email", "@x"),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
        let location: BTreeMap<&'static str, String> = [
            ("id", "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2"),
            ("location_type", "physical"),
            ("name", "\t=1+1"),
            ("latitude", "-71.0589"),
            ("longitude", "-12.5"),
        ]
        .into_iter()
        .map(|(k, v)| (k, v.to_owned()))
        .collect();
        let package = Package::from_rows([
            (table("organization").unwrap(), vec![org.clone()]),
            (table("location").unwrap(), vec![location.clone()]),
        ]);
        let tmp = tempfile::tempdir().unwrap();
        write_package(tmp.path(), &package, false).unwrap();

        let orgs = fs::read_to_string(tmp.path().join("organizations.csv")).unwrap();
        assert!(orgs.contains("\"'=HYPERLINK(\"\"http"), "{orgs}");
        assert!(orgs.contains("'-2+3") && orgs.contains("''=déjà") && orgs.contains("'@x"));
        let locations = fs::read_to_string(tmp.path().join("locations.csv")).unwrap();
        assert!(locations.contains(",'\t=1+1,"), "{locations}");
        assert!(
            locations.contains(",-71.0589,-12.5"),
            "numbers stay numbers: {locations}"
        );

        let (back, problems) = read_package(tmp.path()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back.table("organization").unwrap().rows[0].values, org);
        assert_eq!(back.table("location").unwrap().rows[0].values, location);
    }
}
