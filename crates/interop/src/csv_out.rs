//! Every CSV file maillage writes goes through [`CsvOut`], so that no cell
//! can run as a formula in a spreadsheet (CSV injection).
//!
//! The OWASP rule: a text cell that starts with `=`, `+`, `-`, `@`, a tab or
//! a carriage return gets a `'` in front, which spreadsheets show as text.
//! Numeric columns are left alone (`-12.5` stays a number). So that an
//! export reads back exactly ([`restore`]), a text cell made of `'`s followed
//! by one of those characters gets one more `'` too: the reader removes
//! exactly one.

use std::borrow::Cow;
use std::io::Write;

/// The first characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// What a column holds: text is neutralized, numbers are written as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Text,
    Number,
}

fn needs_prefix(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_TRIGGERS)
}

/// `text` as a spreadsheet can only read as text.
#[must_use]
pub fn neutralize(text: &str) -> Cow<'_, str> {
    if needs_prefix(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The value [`neutralize`] was given: one `'` less in front of a cell that
/// it had prefixed, anything else unchanged.
#[must_use]
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_prefix(rest) => rest,
        _ => cell,
    }
}

/// A `csv::Writer` that neutralizes text cells.
pub struct CsvOut<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> CsvOut<W> {
    #[must_use]
    pub fn new(builder: &csv::WriterBuilder, out: W) -> Self {
        CsvOut {
            inner: builder.from_writer(out),
        }
    }

    /// A row of text cells (a header, or a table without numbers).
    ///
    /// # Errors
    /// When the underlying writer fails.
    pub fn write_text<I, T>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.write(cells.into_iter().map(|c| (Cell::Text, c)))
    }

    /// A row whose cells each say whether they are text or a number.
    ///
    /// # Errors
    /// When the underlying writer fails.
    pub fn write<I, T>(&mut self, cells: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = (Cell, T)>,
        T: AsRef<str>,
    {
        let row: Vec<String> = cells
            .into_iter()
            .map(|(kind, value)| match kind {
                Cell::Text => neutralize(value.as_ref()).into_owned(),
                Cell::Number => value.as_ref().to_owned(),
            })
            .collect();
        self.inner.write_record(&row)
    }

    /// The writer underneath, flushed.
    ///
    /// # Errors
    /// When flushing fails.
    pub fn into_inner(self) -> std::io::Result<W> {
        self.inner
            .into_inner()
            .map_err(csv::IntoInnerError::into_error)
    }
}

/// A whole CSV document in memory, CRLF line ends (RFC 4180).
///
/// # Panics
/// Never: writing UTF-8 cells to memory cannot fail.
pub fn to_string(rows: impl FnOnce(&mut CsvOut<Vec<u8>>) -> csv::Result<()>) -> String {
    let mut builder = csv::WriterBuilder::new();
    builder.terminator(csv::Terminator::CRLF);
    to_string_with(&builder, rows)
}

/// The byte order mark that opens a CSV file for Excel: without it, Excel
/// on Windows reads UTF-8 as Windows-1252 and shows `RÃ©alisÃ©e`.
pub const BOM: char = '\u{feff}';

/// Like [`to_string`], opened with a [`BOM`]: a CSV file people download
/// and open in a spreadsheet. Every reader of maillage skips the BOM.
pub fn to_excel_string(rows: impl FnOnce(&mut CsvOut<Vec<u8>>) -> csv::Result<()>) -> String {
    format!("{BOM}{}", to_string(rows))
}

/// [`to_string_quoted`] opened with a [`BOM`].
pub fn to_excel_string_quoted(
    rows: impl FnOnce(&mut CsvOut<Vec<u8>>) -> csv::Result<()>,
) -> String {
    format!("{BOM}{}", to_string_quoted(rows))
}

/// Like [`to_string`], with every text cell in quotes (Excel then reads a
/// line break inside a cell) and numbers bare.
pub fn to_string_quoted(rows: impl FnOnce(&mut CsvOut<Vec<u8>>) -> csv::Result<()>) -> String {
    let mut builder = csv::WriterBuilder::new();
    builder
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::NonNumeric);
    to_string_with(&builder, rows)
}

/// A whole CSV document in memory, written as `builder` says.
///
/// # Panics
/// Never: writing UTF-8 cells to memory cannot fail.
pub fn to_string_with(
    builder: &csv::WriterBuilder,
    rows: impl FnOnce(&mut CsvOut<Vec<u8>>) -> csv::Result<()>,
) -> String {
    let mut out = CsvOut::new(builder, Vec::new());
    rows(&mut out).expect("writing CSV to memory cannot fail");
    let bytes = out
        .into_inner()
        .expect("flushing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("CSV of UTF-8 fields is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &[&str] = &[
        "=HYPERLINK(\"http://evil.example\",\"clic\")",
        "+1 418 555-0100",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
        "'=1+1",
        "''@x",
    ];

    #[test]
    fn formula_cells_get_a_quote_and_read_back() {
        for h in HOSTILE {
            let n = neutralize(h);
            assert!(n.starts_with('\''), "{h:?} → {n:?}");
            assert_eq!(restore(&n), *h, "{h:?} reads back");
        }
        for plain in ["Café des parents", "'tit café", "'", "", "12", "a=b", "x-y"] {
            assert_eq!(neutralize(plain), plain);
            assert_eq!(restore(plain), plain);
        }
    }

    #[test]
    fn numbers_stay_numbers_and_text_is_quoted() {
        let csv = to_string(|w| {
            w.write_text(["nom", "budget"])?;
            w.write([(Cell::Text, "=1+1"), (Cell::Number, "-12.5")])
        });
        assert_eq!(csv, "nom,budget\r\n'=1+1,-12.5\r\n");
    }

    #[test]
    fn files_for_spreadsheets_open_with_a_bom() {
        let csv = to_excel_string(|w| w.write_text(["statut", "Réalisée"]));
        assert_eq!(csv, "\u{feff}statut,Réalisée\r\n");
        let quoted = to_excel_string_quoted(|w| w.write_text(["a"]));
        assert_eq!(quoted, "\u{feff}\"a\"\r\n");
    }
}
