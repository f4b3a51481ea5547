//! Dates as people type them in grids and plans: `08.05.2018`, `2018-05-08`,
//! `08/05/2018`, `8 mai 2018`, `1er mai 2018`, `May 8, 2018`.
//!
//! Numeric dates are always read day first unless the year comes first: the
//! files come from Québec, where `08/05/2018` is the 8th of May. A text that
//! has the shape of a date but names a day that does not exist (`31.11.2018`)
//! is a [`DateError::Impossible`], not a [`DateError::NotADate`], so that the
//! message can say which: a typo in a date and a column of names call for
//! different fixes.

use chrono::{Datelike, NaiveDate};
use maillage_domain::names::normalize;

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text does not look like a date at all.
    #[error("«\u{a0}{text}\u{a0}» n’est pas une date")]
    NotADate { text: String },
    /// The text has the shape of a date, but that day does not exist.
    #[error(
        "«\u{a0}{text}\u{a0}» n’est pas une date possible (jour {day}, mois {month}, année {year})"
    )]
    Impossible {
        text: String,
        year: i32,
        month: u32,
        day: u32,
    },
}

impl DateError {
    /// The same message in English.
    pub fn message_en(&self) -> String {
        match self {
            DateError::NotADate { text } => format!("“{text}” is not a date"),
            DateError::Impossible {
                text,
                year,
                month,
                day,
            } => format!("“{text}” is not a possible date (day {day}, month {month}, year {year})"),
        }
    }

    /// The text that was read.
    pub fn text(&self) -> &str {
        match self {
            DateError::NotADate { text } | DateError::Impossible { text, .. } => text,
        }
    }
}

/// Reads a date written by hand; see the module documentation for the forms.
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let trimmed = text.trim();
    let not_a_date = || DateError::NotADate {
        text: trimmed.to_owned(),
    };
    let ymd = numeric(trimmed)
        .or_else(|| words(trimmed))
        .ok_or_else(not_a_date)?;
    let (year, month, day) = ymd;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::Impossible {
        text: trimmed.to_owned(),
        year,
        month,
        day,
    })
}

/// The date of an Excel serial number (1900 date system, the default one).
///
/// Excel counts 1900-02-29, a day that never was, as serial 60; that serial
/// has no date and the serials before it are shifted by one.
pub fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "the range check above keeps the day count well inside i64"
    )]
    let days = serial.floor() as i64;
    if days == 60 {
        return None;
    }
    let epoch = if days < 60 {
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    epoch.checked_add_signed(chrono::TimeDelta::days(days))
}

/// The Excel serial number of a date (1900 date system).
pub fn to_excel_serial(date: NaiveDate) -> f64 {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).expect("a valid constant date");
    let days = (date - epoch).num_days();
    let days = if days <= 60 { days - 1 } else { days };
    #[expect(
        clippy::cast_precision_loss,
        reason = "day counts of real dates are far below 2^52"
    )]
    let serial = days as f64;
    serial
}

/// `dd.mm.yyyy`, `d/m/yyyy`, `dd-mm-yyyy`, `yyyy-mm-dd` (with an optional
/// midnight time, as spreadsheets export dates), `dd.mm.yy`.
fn numeric(text: &str) -> Option<(i32, u32, u32)> {
    // Spreadsheet exports append a time of day to dates: `2018-05-08 00:00:00`.
    let date_part = text
        .split_once(['T', ' '])
        .filter(|(_, time)| is_time(time))
        .map_or(text, |(date, _)| date);
    let separator = date_part.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let parts: Vec<&str> = date_part.split(separator).collect();
    let [first, second, third] = parts.as_slice() else {
        return None;
    };
    if ![first, second, third]
        .iter()
        .all(|part| !part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let number = |part: &str| part.parse::<u32>().ok();
    if first.len() == 4 {
        if second.len() > 2 || third.len() > 2 {
            return None;
        }
        return Some((year(first)?, number(second)?, number(third)?));
    }
    if first.len() > 2 || second.len() > 2 || !matches!(third.len(), 2 | 4) {
        return None;
    }
    Some((year(third)?, number(second)?, number(first)?))
}

fn is_time(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b':' | b'.'))
        && text.contains(':')
}

/// A year of four digits, or of two read as 20yy (`08.05.18`).
fn year(part: &str) -> Option<i32> {
    let value: i32 = part.parse().ok()?;
    match part.len() {
        4 => Some(value),
        2 => Some(2000 + value),
        _ => None,
    }
}

/// `8 mai 2018`, `1er mai 2018`, `lundi le 8 mai 2018`, `May 8, 2018`,
/// `8th May 2018`: a day, a month name and a four-digit year.
fn words(text: &str) -> Option<(i32, u32, u32)> {
    // Folds case and accents (`Février`, `AOÛT`) and splits on punctuation.
    let normalized = normalize(text);
    let tokens: Vec<&str> = normalized
        .split(' ')
        .filter(|token| !token.is_empty() && !is_filler(token))
        .collect();
    let [a, b, c] = tokens.as_slice() else {
        return None;
    };
    if c.len() != 4 {
        return None;
    }
    let year: i32 = c.parse().ok()?;
    if let (Some(day), Some(month)) = (day(a), month(b)) {
        return Some((year, month, day));
    }
    if let (Some(month), Some(day)) = (month(a), day(b)) {
        return Some((year, month, day));
    }
    None
}

/// Words around a date that say nothing about which day it is.
fn is_filler(token: &str) -> bool {
    const WEEKDAYS: [&str; 14] = [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    // `le`, `la`, `de` are already dropped by the name normalisation.
    WEEKDAYS.contains(&token) || token == "the" || token == "of"
}

/// `8`, `08`, `1er`, `1st`, `2nd`, `3rd`, `8th`.
fn day(token: &str) -> Option<u32> {
    let digits_end = token
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(token.len());
    let (digits, suffix) = token.split_at(digits_end);
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    if !matches!(suffix, "" | "er" | "re" | "st" | "nd" | "rd" | "th" | "e") {
        return None;
    }
    digits.parse().ok()
}

/// A month name in French or English, full or abbreviated, without accents
/// (the normalisation has removed them).
fn month(token: &str) -> Option<u32> {
    const MONTHS: [(u32, &[&str]); 12] = [
        (1, &["janvier", "janv", "jan", "january"]),
        (2, &["fevrier", "fevr", "fev", "feb", "february"]),
        (3, &["mars", "mar", "march"]),
        (4, &["avril", "avr", "apr", "april"]),
        (5, &["mai", "may"]),
        (6, &["juin", "jun", "june"]),
        (7, &["juillet", "juil", "jul", "july"]),
        (8, &["aout", "aug", "august"]),
        (9, &["septembre", "sept", "sep", "september"]),
        (10, &["octobre", "oct", "october"]),
        (11, &["novembre", "nov", "november"]),
        (12, &["decembre", "dec", "december"]),
    ];
    MONTHS
        .iter()
        .find(|(_, names)| names.contains(&token))
        .map(|(number, _)| *number)
}

/// `YYYY-MM-DD`, the one form maillage writes.
pub fn iso(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn numeric_forms_are_day_first() {
        for text in [
            "08.05.2018",
            "8.5.2018",
            "2018-05-08",
            "08/05/2018",
            "8-05-2018",
            " 08.05.2018 ",
            "08.05.18",
            "2018-05-08 00:00:00",
            "2018-05-08T00:00:00",
        ] {
            assert_eq!(parse_date(text), Ok(ymd(2018, 5, 8)), "{text}");
        }
        assert_eq!(parse_date("27.11.2018"), Ok(ymd(2018, 11, 27)));
        assert_eq!(parse_date("13/01/2019"), Ok(ymd(2019, 1, 13)));
    }

    #[test]
    fn month_names_in_french_and_english() {
        for text in [
            "8 mai 2018",
            "8 MAI 2018",
            "8 Mai 2018",
            "le 8 mai 2018",
            "mardi 8 mai 2018",
            "May 8, 2018",
            "8 May 2018",
            "May 8th, 2018",
            "Tuesday, May 8, 2018",
        ] {
            assert_eq!(parse_date(text), Ok(ymd(2018, 5, 8)), "{text}");
        }
        assert_eq!(parse_date("1er mai 2018"), Ok(ymd(2018, 5, 1)));
        assert_eq!(parse_date("27 novembre 2018"), Ok(ymd(2018, 11, 27)));
        assert_eq!(parse_date("3 fevrier 2019"), Ok(ymd(2019, 2, 3)));
        assert_eq!(parse_date("3 février 2019"), Ok(ymd(2019, 2, 3)));
        assert_eq!(parse_date("15 aout 2019"), Ok(ymd(2019, 8, 15)));
        assert_eq!(parse_date("15 AOÛT 2019"), Ok(ymd(2019, 8, 15)));
        assert_eq!(parse_date("24 decembre 2019"), Ok(ymd(2019, 12, 24)));
        assert_eq!(parse_date("24 déc. 2019"), Ok(ymd(2019, 12, 24)));
        assert_eq!(parse_date("1st March 2020"), Ok(ymd(2020, 3, 1)));
    }

    #[test]
    fn impossible_dates_are_told_apart_from_non_dates() {
        for text in [
            "31.11.2018",
            "29.02.2019",
            "31 novembre 2018",
            "2018-13-01",
            "0.5.2018",
        ] {
            assert!(
                matches!(parse_date(text), Err(DateError::Impossible { .. })),
                "{text}: {:?}",
                parse_date(text)
            );
        }
        assert_eq!(parse_date("29.02.2020"), Ok(ymd(2020, 2, 29)));
        for text in [
            "",
            "Nom des organisations",
            "x",
            "2018",
            "mai 2018",
            "8 mai",
            "1.2",
            "1.2.3.4",
            "08.05.201",
            "Organisation 8 mai 2018",
        ] {
            assert!(
                matches!(parse_date(text), Err(DateError::NotADate { .. })),
                "{text}: {:?}",
                parse_date(text)
            );
        }
    }

    #[test]
    fn messages_in_both_languages() {
        let error = parse_date("31.11.2018").unwrap_err();
        assert!(error.to_string().contains("n’est pas une date possible"));
        assert!(error.message_en().contains("not a possible date"));
        assert_eq!(error.text(), "31.11.2018");
    }

    #[test]
    fn excel_serials() {
        assert_eq!(from_excel_serial(43228.0), Some(ymd(2018, 5, 8)));
        assert_eq!(from_excel_serial(43228.75), Some(ymd(2018, 5, 8)));
        assert_eq!(from_excel_serial(1.0), Some(ymd(1900, 1, 1)));
        assert_eq!(from_excel_serial(59.0), Some(ymd(1900, 2, 28)));
        assert_eq!(from_excel_serial(60.0), None);
        assert_eq!(from_excel_serial(61.0), Some(ymd(1900, 3, 1)));
        assert_eq!(from_excel_serial(f64::NAN), None);
        assert_eq!(from_excel_serial(-3.0), None);
        for date in [
            ymd(2018, 5, 8),
            ymd(1900, 1, 1),
            ymd(1900, 3, 1),
            ymd(2099, 12, 31),
        ] {
            assert_eq!(from_excel_serial(to_excel_serial(date)), Some(date));
        }
        assert_eq!(iso(ymd(2018, 5, 8)), "2018-05-08");
    }
}
