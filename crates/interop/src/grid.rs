//! One reader for the tables people send: CSV, TSV and XLSX files become a
//! [`Grid`] of [`Cell`]s, so that attendance and plan imports never care which
//! program wrote the file.
//!
//! Rows are numbered as a spreadsheet shows them: a CSV record that holds a
//! line break inside quotes is one row, and blank lines are rows too (the
//! CSV is read here rather than with the `csv` crate, which skips blank lines
//! and would shift every row number after them).

use std::fmt;
use std::io::{self, Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use maillage_domain::numbers;

use crate::dates::iso;

/// No grid file may be larger (checked before reading it).
pub const MAX_GRID_BYTES: u64 = 64 * 1024 * 1024;

/// One cell, as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Text exactly as written (CSV cells are always text, never trimmed).
    Text(String),
    /// An XLSX number cell.
    Number(f64),
    /// An XLSX cell formatted as a date (a time of day, if any, is dropped).
    Date(NaiveDate),
}

impl Cell {
    /// Empty, or text made only of white space.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            Cell::Number(_) | Cell::Date(_) => false,
        }
    }

    /// The cell as a person reads it: numbers without a useless `.0`, dates
    /// as `YYYY-MM-DD`.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(number) => numbers::plain(*number),
            Cell::Date(date) => iso(*date),
        }
    }
}

impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

/// A table read from a file: rows of cells, the first row of the file first.
///
/// Every row has the same length; fully blank rows and columns at the end are
/// dropped (blank rows in the middle are kept so that row numbers stay right).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    /// The file name as given, for messages.
    pub file: String,
    pub rows: Vec<Vec<Cell>>,
}

const EMPTY: Cell = Cell::Empty;

impl Grid {
    /// Builds a grid, squaring the rows and dropping blank trailing rows and
    /// columns.
    pub fn new(file: impl Into<String>, mut rows: Vec<Vec<Cell>>) -> Self {
        while rows
            .last()
            .is_some_and(|row| row.iter().all(Cell::is_blank))
        {
            rows.pop();
        }
        let width = rows
            .iter()
            .map(|row| {
                row.iter()
                    .rposition(|cell| !cell.is_blank())
                    .map_or(0, |last| last + 1)
            })
            .max()
            .unwrap_or(0);
        for row in &mut rows {
            row.resize(width, Cell::Empty);
        }
        Grid {
            file: file.into(),
            rows,
        }
    }

    /// The number of columns.
    pub fn width(&self) -> usize {
        self.rows.first().map_or(0, Vec::len)
    }

    /// The cell at 0-based `row` and `col`; [`Cell::Empty`] outside the grid.
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|cells| cells.get(col))
            .unwrap_or(&EMPTY)
    }
}

/// The name of a cell in A1 notation from 0-based indices: `cell_name(2, 1)`
/// is `B3`.
pub fn cell_name(row: usize, col: usize) -> String {
    format!("{}{}", column_letter(col), row + 1)
}

/// The letters of a 0-based column index: `A`, …, `Z`, `AA`, `AB`, ….
pub fn column_letter(col: usize) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).expect("below 26")));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// One problem of an input file, located as precisely as it can be: the
/// file, the row as a spreadsheet numbers it, and the column's letter and
/// header when the problem is about a column or a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub file: String,
    /// 1-based row.
    pub row: usize,
    /// The column letter, when the problem is about one column or cell.
    pub column: Option<String>,
    /// The header of that column as written, when it has one.
    pub header: Option<String>,
    /// What is wrong, in French, without the location.
    pub message: String,
    /// The same in English.
    pub message_en: String,
}

impl CellProblem {
    /// A problem at 0-based `row` and `col` of `file`.
    pub fn at(
        file: &str,
        row: usize,
        col: Option<usize>,
        header: Option<&str>,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        CellProblem {
            file: file.to_owned(),
            row: row + 1,
            column: col.map(column_letter),
            header: header.map(str::to_owned),
            message: message.into(),
            message_en: message_en.into(),
        }
    }

    /// The cell in A1 notation (`B7`), when the problem is about one column.
    pub fn cell(&self) -> Option<String> {
        self.column
            .as_ref()
            .map(|column| format!("{column}{}", self.row))
    }

    /// Where the problem is, in French: `cellule B7 (ligne 7, colonne B
    /// « 08.05.2018 »)` (no-break spaces inside the guillemets).
    pub fn location(&self) -> String {
        match &self.column {
            Some(column) => {
                let header = self
                    .header
                    .as_ref()
                    .map(|header| format!(" «\u{a0}{}\u{a0}»", one_line(header)))
                    .unwrap_or_default();
                format!(
                    "cellule {column}{row} (ligne {row}, colonne {column}{header})",
                    row = self.row
                )
            }
            None => format!("ligne {}", self.row),
        }
    }

    /// Where the problem is, in English.
    pub fn location_en(&self) -> String {
        match &self.column {
            Some(column) => {
                let header = self
                    .header
                    .as_ref()
                    .map(|header| format!(" “{}”", one_line(header)))
                    .unwrap_or_default();
                format!(
                    "cell {column}{row} (row {row}, column {column}{header})",
                    row = self.row
                )
            }
            None => format!("row {}", self.row),
        }
    }

    /// The whole message in English: file, location, problem.
    pub fn to_string_en(&self) -> String {
        format!("{}, {}: {}", self.file, self.location_en(), self.message_en)
    }
}

/// The whole message in French: file, location, problem.
impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {}\u{a0}: {}",
            self.file,
            self.location(),
            self.message
        )
    }
}

/// The text with every run of white space, line breaks included, made one
/// space, and trimmed.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Why a file is not a grid. All of them are bad input (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum GridError {
    #[error("{file}\u{a0}: fichier illisible ({source})")]
    Io { file: String, source: io::Error },
    #[error("{file}\u{a0}: fichier trop gros ({bytes} octets, au plus {MAX_GRID_BYTES})")]
    TooLarge { file: String, bytes: u64 },
    #[error(
        "{file}\u{a0}: type de fichier non pris en charge «\u{a0}{extension}\u{a0}» (attendu\u{a0}: .csv, .tsv, .txt, .xlsx ou .xlsm)"
    )]
    UnsupportedKind { file: String, extension: String },
    #[error(
        "{file}\u{a0}: ancien format Excel (.xls) non pris en charge\u{202f}; enregistrez le fichier en .xlsx ou en .csv"
    )]
    LegacyXls { file: String },
    #[error("{file} n’est pas une grille lisible\u{a0}: {reason}")]
    NotAGrid {
        file: String,
        reason: String,
        reason_en: String,
    },
    #[error("{file}\u{a0}: classeur XLSX illisible ou tronqué ({detail})")]
    BadXlsx { file: String, detail: String },
    #[error(
        "{file}\u{a0}: le classeur a plusieurs feuilles ({})\u{202f}; choisissez-en une avec --sheet",
        quoted(.sheets)
    )]
    SeveralSheets { file: String, sheets: Vec<String> },
    #[error("{file}\u{a0}: aucune feuille «\u{a0}{sheet}\u{a0}»\u{202f}; feuilles du classeur\u{a0}: {}", quoted(.sheets))]
    UnknownSheet {
        file: String,
        sheet: String,
        sheets: Vec<String>,
    },
    #[error("{file}, ligne {row}\u{a0}: guillemet ouvert jamais refermé")]
    UnclosedQuote { file: String, row: usize },
}

fn quoted(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("«\u{a0}{name}\u{a0}»"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn quoted_en(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("“{name}”"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl GridError {
    /// The file the error is about.
    pub fn file(&self) -> &str {
        match self {
            GridError::Io { file, .. }
            | GridError::TooLarge { file, .. }
            | GridError::UnsupportedKind { file, .. }
            | GridError::LegacyXls { file }
            | GridError::NotAGrid { file, .. }
            | GridError::BadXlsx { file, .. }
            | GridError::SeveralSheets { file, .. }
            | GridError::UnknownSheet { file, .. }
            | GridError::UnclosedQuote { file, .. } => file,
        }
    }

    /// The same message in English (the `Display` text is French).
    pub fn message_en(&self) -> String {
        match self {
            GridError::Io { file, source } => format!("{file}: cannot read the file ({source})"),
            GridError::TooLarge { file, bytes } => {
                format!("{file}: file too large ({bytes} bytes, at most {MAX_GRID_BYTES})")
            }
            GridError::UnsupportedKind { file, extension } => format!(
                "{file}: unsupported file type “{extension}” (expected .csv, .tsv, .txt, .xlsx or .xlsm)"
            ),
            GridError::LegacyXls { file } => format!(
                "{file}: the old Excel format (.xls) is not supported; save the file as .xlsx or .csv"
            ),
            GridError::NotAGrid {
                file, reason_en, ..
            } => format!("{file} is not a readable grid: {reason_en}"),
            GridError::BadXlsx { file, detail } => {
                format!("{file}: unreadable or truncated XLSX workbook ({detail})")
            }
            GridError::SeveralSheets { file, sheets } => format!(
                "{file}: the workbook has several sheets ({}); choose one with --sheet",
                quoted_en(sheets)
            ),
            GridError::UnknownSheet {
                file,
                sheet,
                sheets,
            } => format!(
                "{file}: no sheet “{sheet}”; the workbook’s sheets: {}",
                quoted_en(sheets)
            ),
            GridError::UnclosedQuote { file, row } => {
                format!("{file}, row {row}: a quote is opened and never closed")
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Delimited,
    Xlsx,
}

/// Reads a CSV, TSV or XLSX file. `sheet` chooses the sheet of a workbook
/// that has several (ignored for CSV and TSV).
pub fn read_grid(path: &Path, sheet: Option<&str>) -> Result<Grid, GridError> {
    let file = path.display().to_string();
    let io_error = |source| GridError::Io {
        file: file.clone(),
        source,
    };
    let opened = std::fs::File::open(path).map_err(io_error)?;
    let metadata = opened.metadata().map_err(io_error)?;
    if metadata.is_dir() {
        return Err(io_error(io::Error::new(
            io::ErrorKind::IsADirectory,
            "c’est un répertoire",
        )));
    }
    if metadata.len() > MAX_GRID_BYTES {
        return Err(GridError::TooLarge {
            file,
            bytes: metadata.len(),
        });
    }
    let mut bytes = Vec::new();
    opened
        .take(MAX_GRID_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    read_grid_bytes(&file, &bytes, sheet)
}

/// Reads a grid from memory (an upload); `file_name` gives the kind by its
/// extension and names the file in messages.
pub fn read_grid_bytes(
    file_name: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> Result<Grid, GridError> {
    let file = file_name.to_owned();
    if bytes.len() as u64 > MAX_GRID_BYTES {
        return Err(GridError::TooLarge {
            file,
            bytes: bytes.len() as u64,
        });
    }
    let extension = Path::new(file_name)
        .extension()
        .map(|ext| ext.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let kind = match extension.as_str() {
        "csv" | "tsv" | "txt" => Kind::Delimited,
        "xlsx" | "xlsm" => Kind::Xlsx,
        "xls" => return Err(GridError::LegacyXls { file }),
        _ => {
            return Err(GridError::UnsupportedKind {
                file,
                extension: if extension.is_empty() {
                    String::new()
                } else {
                    format!(".{extension}")
                },
            });
        }
    };
    let zip = bytes.starts_with(b"PK\x03\x04");
    match kind {
        Kind::Xlsx if !zip => Err(GridError::NotAGrid {
            file,
            reason: "ce n’est pas un classeur XLSX (pas une archive zip)".to_owned(),
            reason_en: "this is not an XLSX workbook (not a zip archive)".to_owned(),
        }),
        Kind::Xlsx => read_xlsx(file, bytes, sheet),
        Kind::Delimited if zip => Err(GridError::NotAGrid {
            file,
            reason: "c’est une archive zip (un classeur XLSX\u{202f}?), pas un fichier texte"
                .to_owned(),
            reason_en: "this is a zip archive (an XLSX workbook?), not a text file".to_owned(),
        }),
        Kind::Delimited => read_delimited(file, bytes),
    }
}

fn read_delimited(file: String, bytes: &[u8]) -> Result<Grid, GridError> {
    // Excel's « Texte Unicode » export is UTF-16 with a byte order mark.
    let decoded;
    let text = if let Some(units) = utf16(bytes) {
        decoded = char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| GridError::NotAGrid {
                file: file.clone(),
                reason: "texte UTF-16 invalide".to_owned(),
                reason_en: "invalid UTF-16 text".to_owned(),
            })?;
        decoded.as_str()
    } else {
        if bytes.contains(&0) {
            return Err(GridError::NotAGrid {
                file,
                reason: "contenu binaire (octets nuls)".to_owned(),
                reason_en: "binary content (NUL bytes)".to_owned(),
            });
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let line = bytes[..error.valid_up_to()].split(|&b| b == b'\n').count();
                return Err(GridError::NotAGrid {
                    file,
                    reason: format!(
                        "texte qui n’est pas en UTF-8 (ligne {line})\u{202f}; enregistrez le fichier en CSV UTF-8"
                    ),
                    reason_en: format!(
                        "text that is not UTF-8 (line {line}); save the file as CSV UTF-8"
                    ),
                });
            }
        }
    };
    if text.contains('\0') {
        return Err(GridError::NotAGrid {
            file,
            reason: "contenu binaire (caractères nuls)".to_owned(),
            reason_en: "binary content (NUL characters)".to_owned(),
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Excel writes and honours a first line `sep=;`, and does not show it as
    // a row: dropping it keeps row numbers as Excel shows them.
    let (text, delimiter) = match text.split_once('\n') {
        Some((first, rest)) if excel_separator(first).is_some() => {
            (rest, excel_separator(first).unwrap_or(','))
        }
        _ => (text, detect_delimiter(text)),
    };
    let rows = parse_delimited(text, delimiter).map_err(|row| GridError::UnclosedQuote {
        file: file.clone(),
        row,
    })?;
    Ok(Grid::new(file, rows))
}

/// The 16-bit units of a text that starts with a UTF-16 byte order mark.
fn utf16(bytes: &[u8]) -> Option<Vec<u16>> {
    let little = match bytes.get(..2)? {
        [0xff, 0xfe] => true,
        [0xfe, 0xff] => false,
        _ => return None,
    };
    let chunks = bytes[2..].chunks_exact(2);
    // A lone trailing byte becomes an unpaired surrogate, so that decoding
    // reports the text as invalid rather than inventing a character.
    let odd = (!chunks.remainder().is_empty()).then_some(0xd800);
    let units = chunks
        .map(|pair| {
            let pair = [pair[0], pair[1]];
            if little {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        })
        .chain(odd)
        .collect();
    Some(units)
}

/// The delimiter of a `sep=;` line.
fn excel_separator(line: &str) -> Option<char> {
    let mut chars = line.trim_end_matches('\r').strip_prefix("sep=")?.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if matches!(c, ',' | ';' | '\t' | '|') => Some(c),
        _ => None,
    }
}

/// The most frequent of tab, `;` and `,` outside quotes on the first
/// non-blank line (French spreadsheets export with `;`, since `,` is their
/// decimal separator); `,` when there is none.
fn detect_delimiter(text: &str) -> char {
    let mut counts = [(b'\t', 0usize), (b';', 0), (b',', 0)];
    let mut in_quotes = false;
    let mut seen_content = false;
    for byte in text.bytes() {
        match byte {
            b'"' => in_quotes = !in_quotes,
            b'\n' | b'\r' if !in_quotes => {
                if seen_content {
                    break;
                }
            }
            _ if in_quotes => {}
            _ => {
                if let Some(count) = counts.iter_mut().find(|(d, _)| *d == byte) {
                    count.1 += 1;
                }
                if !byte.is_ascii_whitespace() {
                    seen_content = true;
                }
            }
        }
    }
    // On a tie, the first of the list wins: a tab is never part of a name.
    let best = counts.iter().fold(
        (b',', 0),
        |best, &(d, n)| if n > best.1 { (d, n) } else { best },
    );
    char::from(best.0)
}

/// RFC 4180 with any line ending; `Err(row)` names the 1-based row where an
/// unclosed quote starts.
fn parse_delimited(text: &str, delimiter: char) -> Result<Vec<Vec<Cell>>, usize> {
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut row: Vec<Cell> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut in_quotes = false;
    let mut quote_row = 0;
    let end_field = |field: &mut String, row: &mut Vec<Cell>| {
        let value = std::mem::take(field);
        row.push(if value.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(value)
        });
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    in_quotes = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => {
                in_quotes = true;
                quote_row = rows.len() + 1;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                end_field(&mut field, &mut row);
                rows.push(std::mem::take(&mut row));
            }
            _ if c == delimiter => end_field(&mut field, &mut row),
            _ => field.push(c),
        }
    }
    if in_quotes {
        return Err(quote_row);
    }
    if !field.is_empty() || !row.is_empty() {
        end_field(&mut field, &mut row);
        rows.push(row);
    }
    Ok(rows)
}

fn read_xlsx(file: String, bytes: &[u8], sheet: Option<&str>) -> Result<Grid, GridError> {
    let bad = |file: &String, error: &dyn fmt::Display| GridError::BadXlsx {
        file: file.clone(),
        detail: error.to_string(),
    };
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(|error| bad(&file, &error))?;
    let sheets = workbook.sheet_names();
    let name = match (sheet, sheets.as_slice()) {
        (Some(wanted), _) => sheets
            .iter()
            .find(|name| name.as_str() == wanted)
            .or_else(|| {
                sheets
                    .iter()
                    .find(|name| name.trim().to_lowercase() == wanted.trim().to_lowercase())
            })
            .cloned()
            .ok_or_else(|| GridError::UnknownSheet {
                file: file.clone(),
                sheet: wanted.to_owned(),
                sheets: sheets.clone(),
            })?,
        (None, [only]) => only.clone(),
        (None, []) => {
            return Err(GridError::BadXlsx {
                file,
                detail: "aucune feuille".to_owned(),
            });
        }
        (None, _) => {
            return Err(GridError::SeveralSheets {
                file,
                sheets: sheets.clone(),
            });
        }
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|error| bad(&file, &error))?;
    // A range starts at its first used cell, not at A1.
    let (top, left) = range.start().unwrap_or((0, 0));
    let (top, left) = (top as usize, left as usize);
    let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); top];
    for data_row in range.rows() {
        let mut row = vec![Cell::Empty; left];
        row.extend(data_row.iter().map(xlsx_cell));
        rows.push(row);
    }
    Ok(Grid::new(file, rows))
}

fn xlsx_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) => {
            if text.is_empty() {
                Cell::Empty
            } else {
                Cell::Text(text.clone())
            }
        }
        #[expect(
            clippy::cast_precision_loss,
            reason = "integer cells come from f64 values in the file"
        )]
        Data::Int(number) => Cell::Number(*number as f64),
        Data::Float(number) => Cell::Number(*number),
        Data::Bool(value) => Cell::Text(if *value { "VRAI" } else { "FAUX" }.to_owned()),
        Data::DateTime(datetime) if datetime.is_datetime() => {
            let (year, month, day, ..) = datetime.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
                .map_or_else(|| Cell::Number(datetime.as_f64()), Cell::Date)
        }
        Data::DateTime(duration) => Cell::Number(duration.as_f64()),
        Data::DateTimeIso(text) => text
            .get(..10)
            .and_then(|date| NaiveDate::parse_from_str(date, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::Text(text.clone()), Cell::Date),
        Data::DurationIso(text) => Cell::Text(text.clone()),
        Data::Error(error) => Cell::Text(format!("#{error:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Cell {
        Cell::Text(value.to_owned())
    }

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(2, 1), "B3");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn csv_quotes_line_endings_and_bom() {
        let grid = read_grid_bytes(
            "a.csv",
            "\u{feff}a;b\r\n\"x;\"\"y\"\"\nz\";2\r\n\r\nc;\n".as_bytes(),
            None,
        )
        .unwrap();
        assert_eq!(
            grid.rows,
            vec![
                vec![text("a"), text("b")],
                vec![text("x;\"y\"\nz"), text("2")],
                vec![Cell::Empty, Cell::Empty],
                vec![text("c"), Cell::Empty],
            ]
        );
        assert_eq!(grid.file, "a.csv");
    }

    #[test]
    fn delimiter_from_the_header_line() {
        let grid = read_grid_bytes("a.txt", b"a\tb,c\n1,2\t3\n", None).unwrap();
        assert_eq!(grid.rows[0], vec![text("a"), text("b,c")]);
        let grid = read_grid_bytes("a.tsv", b"\"a,b\",c\n", None).unwrap();
        assert_eq!(grid.rows[0], vec![text("a,b"), text("c")]);
        let grid = read_grid_bytes("a.csv", b"\n\nname\n", None).unwrap();
        assert_eq!(grid.rows.len(), 3);
        assert_eq!(grid.width(), 1);
    }

    #[test]
    fn excel_hints_and_utf16() {
        let grid = read_grid_bytes("a.csv", b"sep=;\r\na,b;c\r\n", None).unwrap();
        assert_eq!(grid.rows, vec![vec![text("a,b"), text("c")]]);
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Nom\t08.05.2018\r\nRosélan\tx\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let grid = read_grid_bytes("a.txt", &bytes, None).unwrap();
        assert_eq!(grid.rows[1], vec![text("Rosélan"), text("x")]);
        for bad in [
            &[0xff, 0xfe, 0x00, 0xd8][..],
            &[0xff, 0xfe, 0x41, 0x00, 0x41],
        ] {
            let error = read_grid_bytes("a.txt", bad, None).unwrap_err();
            assert!(matches!(error, GridError::NotAGrid { .. }), "{error}");
        }
    }

    #[test]
    fn trailing_blank_rows_and_columns_are_dropped() {
        let grid = read_grid_bytes("a.csv", b"a,,\n,, \n,,\n", None).unwrap();
        assert_eq!(grid.rows, vec![vec![text("a")]]);
        assert_eq!(grid.cell(5, 5), &Cell::Empty);
        let empty = read_grid_bytes("a.csv", b"", None).unwrap();
        assert!(empty.rows.is_empty());
    }

    #[test]
    fn unreadable_text() {
        for (name, bytes) in [
            ("a.csv", &b"a,b\n\x00\x01"[..]),
            ("a.csv", &b"a,\xe9t\xe9\n"[..]),
            ("a.csv", &b"PK\x03\x04rest"[..]),
            ("a.xlsx", &b"a,b\n"[..]),
        ] {
            let error = read_grid_bytes(name, bytes, None).unwrap_err();
            assert!(matches!(error, GridError::NotAGrid { .. }), "{error}");
            assert!(error.to_string().contains("n’est pas une grille lisible"));
            assert!(error.message_en().contains("is not a readable grid"));
        }
        let error = read_grid_bytes("a.csv", b"a,\"b\n", None).unwrap_err();
        assert!(
            matches!(error, GridError::UnclosedQuote { row: 1, .. }),
            "{error}"
        );
        let error = read_grid_bytes("a.pdf", b"a", None).unwrap_err();
        assert!(
            matches!(error, GridError::UnsupportedKind { .. }),
            "{error}"
        );
        let error = read_grid_bytes("a.xls", b"a", None).unwrap_err();
        assert!(matches!(error, GridError::LegacyXls { .. }), "{error}");
        let error = read_grid(Path::new("/nonexistent/a.csv"), None).unwrap_err();
        assert!(matches!(error, GridError::Io { .. }), "{error}");
        assert_eq!(error.file(), "/nonexistent/a.csv");
    }

    #[test]
    fn numbers_display_as_written() {
        assert_eq!(Cell::Number(1.0).display(), "1");
        assert_eq!(Cell::Number(12500.5).display(), "12500.5");
        assert_eq!(
            Cell::Date(NaiveDate::from_ymd_opt(2018, 5, 8).unwrap()).display(),
            "2018-05-08"
        );
    }
}
