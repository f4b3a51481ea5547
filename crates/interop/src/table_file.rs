//! A plain table (a header row, then rows of text, numbers and dates) as a
//! CSV file for Excel (BOM, French headers as given, text cells guarded
//! against formulas: [`crate::csv_out`]) or as an XLSX workbook of one
//! sheet (bold frozen header, real numbers and dates, fitted widths).

use chrono::{Datelike, NaiveDate};
pub use rust_xlsxwriter::XlsxError;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};

use crate::csv_out::{self, Cell};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell {
    Text(String),
    /// A count or an amount: a number in both files.
    Number(f64),
    /// A date: `YYYY-MM-DD` in CSV, a date cell in XLSX.
    Date(NaiveDate),
    Empty,
}

impl TableCell {
    fn csv(&self) -> (Cell, String) {
        match self {
            TableCell::Text(t) => (Cell::Text, t.clone()),
            TableCell::Number(n) => (Cell::Number, number_text(*n)),
            TableCell::Date(d) => (Cell::Text, d.format("%Y-%m-%d").to_string()),
            TableCell::Empty => (Cell::Text, String::new()),
        }
    }
}

/// `3`, `2.5`: what a spreadsheet reads as a number in any locale's CSV.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{n:.0}")
    } else {
        n.to_string()
    }
}

/// The table as CSV for Excel: BOM, CRLF, every text cell quoted (line
/// breaks stay inside their cell), numbers bare.
#[must_use]
pub fn write_csv(headers: &[String], rows: &[Vec<TableCell>]) -> String {
    csv_out::to_excel_string_quoted(|w| {
        w.write_text(headers)?;
        for row in rows {
            w.write(row.iter().map(TableCell::csv))?;
        }
        Ok(())
    })
}

fn excel_date(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let bad = || XlsxError::DateTimeRangeError(date.to_string());
    ExcelDateTime::from_ymd(
        u16::try_from(date.year()).map_err(|_| bad())?,
        u8::try_from(date.month()).map_err(|_| bad())?,
        u8::try_from(date.day()).map_err(|_| bad())?,
    )
}

/// The table as an XLSX workbook with one sheet named `sheet` (cut to
/// Excel's 31 characters).
///
/// # Errors
/// When the workbook cannot be written (a date outside Excel's range…).
pub fn write_xlsx(
    sheet_name: &str,
    headers: &[String],
    rows: &[Vec<TableCell>],
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let name: String = sheet_name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    if !name.trim().is_empty() {
        sheet.set_name(name.trim())?;
    }
    let bold = Format::new().set_bold().set_text_wrap();
    let date_format = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Left);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col_num(col)?, header, &bold)?;
    }
    for (index, row) in rows.iter().enumerate() {
        let r = u32::try_from(index + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (col, cell) in row.iter().enumerate() {
            let c = col_num(col)?;
            if widths.len() <= col {
                widths.resize(col + 1, 8);
            }
            match cell {
                TableCell::Text(t) if !t.is_empty() => {
                    sheet.write_string_with_format(r, c, t, &wrap)?;
                    let longest = t.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                    widths[col] = widths[col].max(longest);
                }
                TableCell::Number(n) => {
                    sheet.write_number(r, c, *n)?;
                }
                TableCell::Date(d) => {
                    sheet.write_datetime_with_format(r, c, excel_date(*d)?, &date_format)?;
                    widths[col] = widths[col].max(10);
                }
                TableCell::Text(_) | TableCell::Empty => {}
            }
        }
    }
    for (col, width) in widths.iter().enumerate() {
        let width = u32::try_from((*width).clamp(8, 60)).unwrap_or(60);
        sheet.set_column_width(col_num(col)?, f64::from(width) + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

fn col_num(col: usize) -> Result<u16, XlsxError> {
    u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_bom_quoted_text_bare_numbers_and_no_formula() {
        let csv = write_csv(
            &["Énoncé".to_owned(), "Déjà en place".to_owned()],
            &[vec![
                TableCell::Text("=SOMME(A1)".into()),
                TableCell::Number(3.0),
            ]],
        );
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("\"'=SOMME(A1)\",3\r\n"), "{csv}");
    }

    #[test]
    fn xlsx_is_a_zip() {
        let bytes = write_xlsx(
            "Portrait: école/famille",
            &["A".to_owned()],
            &[vec![TableCell::Date(
                NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            )]],
        )
        .unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}
