//! Reading a package: its files, its `datapackage.json` and its CSV tables.

use std::collections::BTreeMap;
use std::path::Path;

use maillage_domain::hsds::{self, DESCRIPTOR_FILE, Table};
use serde_json::Value;

use super::source::{Limits, Source};
use super::{Package, Problem, ReadError, Row, TableData};

/// Reads a package directory or a `.zip` of one (files at the root of the
/// zip or inside one top-level directory).
///
/// Structural problems (unreadable CSV, non-UTF-8 bytes, a file over the size
/// limit, a zip entry escaping the directory, an unknown file, a missing or
/// malformed `datapackage.json`, an unknown or duplicated column, a row with
/// the wrong number of cells...) are [`Problem`]s, not errors: every problem
/// of every file is reported, and reading goes on where it can. A file that
/// cannot be read at all is left out of the package.
pub fn read_package(path: &Path) -> Result<(Package, Vec<Problem>), ReadError> {
    read_package_with(path, Limits::DEFAULT)
}

pub(crate) fn read_package_with(
    path: &Path,
    limits: Limits,
) -> Result<(Package, Vec<Problem>), ReadError> {
    let mut problems = Vec::new();
    let Some(mut source) = Source::open(path, limits, &mut problems)? else {
        return Ok((Package::default(), problems));
    };

    let mut descriptor = None;
    let mut csv_files: BTreeMap<&'static str, (&'static Table, usize)> = BTreeMap::new();
    for (index, entry) in source.entries.iter().enumerate() {
        if entry.name == DESCRIPTOR_FILE {
            descriptor = Some(index);
        } else if let Some(table) = hsds::table_by_path(&entry.name) {
            csv_files.insert(table.name, (table, index));
        } else {
            problems.push(Problem::file(
                &entry.name,
                unknown_file_message(&entry.name),
            ));
        }
    }

    match descriptor {
        None => problems.push(Problem::file(
            DESCRIPTOR_FILE,
            "the package has no datapackage.json (it must list the package's tables)",
        )),
        Some(index) => match source.load(index) {
            Err(message) => problems.push(Problem::file(DESCRIPTOR_FILE, message)),
            Ok(bytes) => {
                if let Some(listed) = check_descriptor(&bytes, &mut problems) {
                    for table in &listed {
                        if !csv_files.contains_key(table.name) {
                            problems.push(Problem::file(
                                DESCRIPTOR_FILE,
                                format!(
                                    "lists the resource `{}` ({}), but the package has no {}",
                                    table.name, table.path, table.path
                                ),
                            ));
                        }
                    }
                    for (table, _) in csv_files.values() {
                        if !listed.iter().any(|t| t.name == table.name) {
                            problems.push(Problem::file(
                                table.path,
                                "the file is not listed in the resources of datapackage.json",
                            ));
                        }
                    }
                }
            }
        },
    }

    let mut package = Package::default();
    for table in hsds::import_order() {
        let Some(&(_, index)) = csv_files.get(table.name) else {
            continue;
        };
        match source.load(index) {
            Err(message) => problems.push(Problem::file(table.path, message)),
            Ok(bytes) => {
                if let Some(data) = parse_table(table, &bytes, &mut problems) {
                    package.tables.push(data);
                }
            }
        }
    }
    Ok((package, problems))
}

fn unknown_file_message(name: &str) -> String {
    if name.contains('/') {
        return "unexpected file in a subdirectory: a package holds its files at its root"
            .to_owned();
    }
    let message = "unknown file: a package holds only datapackage.json and CSV files \
                       named as in the HSDS 3.0 descriptor (organizations.csv, services.csv...)"
        .to_owned();
    let lower = name.trim().to_lowercase();
    let near = hsds::TABLES
        .iter()
        .map(|t| t.path)
        .find(|p| *p == lower || p.trim_end_matches(".csv") == lower.trim_end_matches(".csv"));
    if let Some(path) = near.or((lower == DESCRIPTOR_FILE).then_some(DESCRIPTOR_FILE)) {
        return format!("{message}; did you mean {path}?");
    }
    message
}

/// Checks the package's own descriptor; returns the tables it lists when it
/// is readable enough to compare with the files present.
fn check_descriptor(bytes: &[u8], problems: &mut Vec<Problem>) -> Option<Vec<&'static Table>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let json: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            let message = format!("the file is not valid JSON: {e}");
            problems.push(if e.line() > 0 {
                Problem::line(DESCRIPTOR_FILE, e.line() as u64, message)
            } else {
                Problem::file(DESCRIPTOR_FILE, message)
            });
            return None;
        }
    };
    let Some(resources) = json.get("resources").and_then(Value::as_array) else {
        problems.push(Problem::file(
            DESCRIPTOR_FILE,
            "expected a JSON object with a `resources` list (one entry per CSV file)",
        ));
        return None;
    };
    if resources.is_empty() {
        problems.push(Problem::file(
            DESCRIPTOR_FILE,
            "the `resources` list is empty",
        ));
    }
    let mut listed: Vec<&'static Table> = Vec::new();
    for (i, resource) in resources.iter().enumerate() {
        let n = i + 1;
        let mut problem = |message: String| problems.push(Problem::file(DESCRIPTOR_FILE, message));
        let Some(name) = resource.get("name").and_then(Value::as_str) else {
            problem(format!("resource {n} has no `name`"));
            continue;
        };
        let Some(table) = hsds::table(name) else {
            problem(format!("resource {n} `{name}` is not a table of HSDS 3.0"));
            continue;
        };
        if listed.iter().any(|t| t.name == name) {
            problem(format!("resource {n} `{name}` is listed more than once"));
            continue;
        }
        // A wrong path is reported here only, not again as a missing file.
        listed.push(table);
        match resource.get("path") {
            Some(Value::String(path)) if path == table.path => {}
            Some(Value::String(path)) => problem(format!(
                "resource `{name}` has the path `{path}`, but HSDS 3.0 names its file `{}`",
                table.path
            )),
            _ => problem(format!(
                "resource `{name}` needs a `path`: the file name `{}`",
                table.path
            )),
        }
    }
    Some(listed)
}

/// Tells the line of each record from the byte offset where the csv reader
/// starts it: the reader's own line count lags behind after a CRLF or blank
/// lines.
struct Lines<'a> {
    data: &'a [u8],
    pos: usize,
    line: u64,
}

impl Lines<'_> {
    fn at(&mut self, offset: u64) -> u64 {
        let offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.data.len());
        while self.pos < offset {
            self.step();
        }
        // A record never starts with a line terminator: those end the
        // previous record or are blank lines, which the reader skips.
        while matches!(self.data.get(self.pos), Some(b'\r' | b'\n')) {
            self.step();
        }
        self.line
    }

    /// Moves past one byte; LF, CRLF and a lone CR (old Mac files, which the
    /// csv reader accepts) each end one line.
    fn step(&mut self) {
        match self.data[self.pos] {
            b'\n' => self.line += 1,
            b'\r' if self.data.get(self.pos + 1) != Some(&b'\n') => self.line += 1,
            _ => {}
        }
        self.pos += 1;
    }
}

fn parse_table(
    table: &'static Table,
    bytes: &[u8],
    problems: &mut Vec<Problem>,
) -> Option<TableData> {
    let file = table.path;
    let data = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut lines = Lines {
        data,
        pos: 0,
        line: 1,
    };
    let mut record = csv::ByteRecord::new();

    match reader.read_byte_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            problems.push(Problem::file(
                file,
                "the file is empty (expected a header line)",
            ));
            return None;
        }
        Err(e) => {
            problems.push(Problem::file(file, format!("cannot be read as CSV: {e}")));
            return None;
        }
    }
    let header_line = lines.at(record.position().map_or(0, csv::Position::byte));
    let header = Header::read(table, &record, header_line, problems)?;

    let mut rows = Vec::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = lines.at(record.position().map_or(0, csv::Position::byte));
                problems.push(Problem::line(
                    file,
                    line,
                    format!("cannot be read as CSV: {e}"),
                ));
                break;
            }
        }
        let line = lines.at(record.position().map_or(0, csv::Position::byte));
        rows.push(header.row(&record, line, problems));
    }
    Some(TableData {
        table,
        columns: header.columns,
        rows,
    })
}

/// The header of a table's file: which field each position holds.
struct Header {
    table: &'static Table,
    /// Header position → the field it holds (None: unknown or repeated).
    mapping: Vec<Option<&'static str>>,
    /// The known columns, in header order.
    columns: Vec<&'static str>,
}

impl Header {
    /// Reads the header `record` (at `line`), reporting unknown and repeated
    /// columns; `None` when it is not UTF-8.
    fn read(
        table: &'static Table,
        record: &csv::ByteRecord,
        line: u64,
        problems: &mut Vec<Problem>,
    ) -> Option<Self> {
        let file = table.path;
        let mut names = Vec::with_capacity(record.len());
        for cell in record {
            let Ok(name) = std::str::from_utf8(cell) else {
                problems.push(Problem::line(
                    file,
                    line,
                    "the header is not valid UTF-8 (the file must be encoded in UTF-8)",
                ));
                return None;
            };
            names.push(name.to_owned());
        }
        let width = names.len();
        let mut mapping: Vec<Option<&'static str>> = Vec::with_capacity(width);
        let mut columns: Vec<&'static str> = Vec::with_capacity(width);
        for (i, name) in names.iter().enumerate() {
            match table.field(name) {
                Some(field) if columns.contains(&field.name) => {
                    let first = mapping
                        .iter()
                        .position(|m| *m == Some(field.name))
                        .unwrap_or(0);
                    problems.push(Problem::cell(
                        file,
                        line,
                        name.as_str(),
                        format!(
                            "the column appears twice in the header (positions {} and {})",
                            first + 1,
                            i + 1
                        ),
                    ));
                    mapping.push(None);
                }
                Some(field) => {
                    mapping.push(Some(field.name));
                    columns.push(field.name);
                }
                None => {
                    problems.push(Problem::cell(
                        file,
                        line,
                        name.as_str(),
                        unknown_column_message(table, name, i),
                    ));
                    mapping.push(None);
                }
            }
        }
        Some(Header {
            table,
            mapping,
            columns,
        })
    }

    /// The row of `record` (at `line`): its non-empty cells of known
    /// columns; a wrong cell count or a non-UTF-8 cell is a problem.
    fn row(&self, record: &csv::ByteRecord, line: u64, problems: &mut Vec<Problem>) -> Row {
        let (table, file) = (self.table, self.table.path);
        let width = self.mapping.len();
        if record.len() != width {
            problems.push(Problem::line(
                file,
                line,
                format!(
                    "the row has {} cells, but the header has {width}",
                    record.len()
                ),
            ));
        }
        let mut values = BTreeMap::new();
        for (cell, column) in record.iter().zip(&self.mapping) {
            let Some(column) = *column else { continue };
            if cell.is_empty() {
                continue;
            }
            let value = if let Ok(s) = std::str::from_utf8(cell) {
                match table.field(column).map(super::csv_cell) {
                    // The `'` maillage's export puts before a would-be formula.
                    Some(crate::csv_out::Cell::Text) => crate::csv_out::restore(s).to_owned(),
                    _ => s.to_owned(),
                }
            } else {
                problems.push(Problem::cell(
                    file,
                    line,
                    column,
                    "the value is not valid UTF-8 (the file must be encoded in UTF-8)",
                ));
                String::from_utf8_lossy(cell).into_owned()
            };
            values.insert(column, value);
        }
        Row { line, values }
    }
}

fn unknown_column_message(table: &Table, name: &str, index: usize) -> String {
    if name.is_empty() {
        return format!("column {} of the header has no name", index + 1);
    }
    let message = format!(
        "unknown column: {} has no column `{name}` in HSDS 3.0",
        table.path
    );
    let folded = name.trim().to_lowercase().replace([' ', '-'], "_");
    if let Some(field) = table.field(&folded) {
        return format!("{message}; did you mean `{}`?", field.name);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> &'static Table {
        hsds::table("organization").unwrap()
    }

    fn parse(text: &[u8]) -> (Option<TableData>, Vec<Problem>) {
        let mut problems = Vec::new();
        let data = parse_table(org(), text, &mut problems);
        (data, problems)
    }

    #[test]
    fn lines_of_records_with_crlf_bom_blank_lines_and_quoted_breaks() {
        let text = b"\xEF\xBB\xBFid,name\r\na,\"x\r\ny\"\r\n\r\nb,z\r\nc,\"1\n2\n3\"\nd,w";
        let (data, problems) = parse(text);
        assert_eq!(problems, []);
        let data = data.unwrap();
        assert_eq!(data.columns, ["id", "name"]);
        let lines: Vec<u64> = data.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 5, 6, 9]);
        assert_eq!(data.rows[0].values["name"], "x\r\ny");
        assert_eq!(data.rows[2].values["name"], "1\n2\n3");
        assert_eq!(data.rows[3].values["id"], "d");
    }

    #[test]
    fn lines_of_files_with_lone_cr() {
        let (data, problems) = parse(b"id,name\ra,b\r\rc,d\r");
        assert_eq!(problems, []);
        let lines: Vec<u64> = data.unwrap().rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn values_are_kept_as_written_and_empty_cells_are_absent() {
        let (data, problems) = parse(b"id,name,description\n a ,,\"\"\"q\"\"\"\n");
        assert_eq!(problems, []);
        let row = &data.unwrap().rows[0];
        assert_eq!(row.values.len(), 2);
        assert_eq!(row.values["id"], " a ");
        assert_eq!(row.values["description"], "\"q\"");
    }

    #[test]
    fn header_problems_are_reported_and_reading_goes_on() {
        let (data, problems) = parse(b"id,Name,colour,id,\n1,n,c,2,x\n");
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "organizations.csv, line 1, column Name: unknown column: organizations.csv has no \
                 column `Name` in HSDS 3.0; did you mean `name`?",
                "organizations.csv, line 1, column colour: unknown column: organizations.csv has \
                 no column `colour` in HSDS 3.0",
                "organizations.csv, line 1, column id: the column appears twice in the header \
                 (positions 1 and 4)",
                "organizations.csv, line 1, column : column 5 of the header has no name",
            ]
        );
        let data = data.unwrap();
        assert_eq!(data.columns, ["id"]);
        assert_eq!(data.rows[0].values.get("id").map(String::as_str), Some("1"));
    }

    #[test]
    fn wrong_cell_counts_and_bad_bytes() {
        let (data, problems) = parse(b"id,name\n1,a,extra\n2\n3,caf\xe9\n");
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "organizations.csv, line 2: the row has 3 cells, but the header has 2",
                "organizations.csv, line 3: the row has 1 cells, but the header has 2",
                "organizations.csv, line 4, column name: the value is not valid UTF-8 (the file \
                 must be encoded in UTF-8)",
            ]
        );
        assert_eq!(data.unwrap().rows.len(), 3);
    }

    #[test]
    fn empty_files_and_bad_headers() {
        let (data, problems) = parse(b"");
        assert!(data.is_none());
        assert_eq!(
            problems[0].message,
            "the file is empty (expected a header line)"
        );
        let (data, problems) = parse(b"id,n\xe9\n");
        assert!(data.is_none());
        assert_eq!(problems[0].line, Some(1));
    }

    #[test]
    fn a_header_only_file_is_an_empty_table() {
        let (data, problems) = parse(b"id,name\r\n");
        assert_eq!(problems, []);
        assert!(data.unwrap().rows.is_empty());
    }

    #[test]
    fn near_misses_get_a_hint() {
        assert!(
            unknown_file_message("Organizations.csv").ends_with("did you mean organizations.csv?")
        );
        assert!(unknown_file_message("services").ends_with("did you mean services.csv?"));
        assert!(!unknown_file_message("notes.txt").contains("did you mean"));
    }
}
