//! Grids, attendance files and action-plan files as people send them. XLSX
//! fixtures are built here with rust_xlsxwriter, never committed as binaries.

use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

mod attendance;
mod grid;
mod plan;

/// A value to write in a test workbook.
pub enum Value<'a> {
    Text(&'a str),
    Number(f64),
    Date(NaiveDate),
    Blank,
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn fill(sheet: &mut Worksheet, rows: &[Vec<Value<'_>>]) {
    let date_format = Format::new().set_num_format("dd.mm.yyyy");
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r).unwrap();
        for (c, value) in row.iter().enumerate() {
            let c = u16::try_from(c).unwrap();
            match value {
                Value::Text(text) => {
                    sheet.write_string(r, c, *text).unwrap();
                }
                Value::Number(number) => {
                    sheet.write_number(r, c, *number).unwrap();
                }
                Value::Date(date) => {
                    use chrono::Datelike;
                    let excel = ExcelDateTime::from_ymd(
                        u16::try_from(date.year()).unwrap(),
                        u8::try_from(date.month()).unwrap(),
                        u8::try_from(date.day()).unwrap(),
                    )
                    .unwrap();
                    sheet
                        .write_datetime_with_format(r, c, &excel, &date_format)
                        .unwrap();
                }
                Value::Blank => {}
            }
        }
    }
}

/// A workbook of named sheets, as bytes.
pub fn xlsx(sheets: &[(&str, Vec<Vec<Value<'_>>>)]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        fill(sheet, rows);
    }
    workbook.save_to_buffer().unwrap()
}
