//! Dates and times as people read them in pages: the one date style and
//! the one time style of maillage.
//!
//! - French (Québec): `8 mai 2018`, `1er mai 2018`; `8 h 30`, `12 h`
//!   (no leading zero on the hour, no `00` on a round hour, as the Office
//!   québécois de la langue française writes them).
//! - English: `May 8, 2018`; `8:30 a.m.`, `12 p.m.`.
//!
//! Files (CSV, XLSX, iCal, JSON) and `<time datetime>` attributes keep ISO
//! 8601 (`2018-05-08`, `08:30`); these functions are for text only.

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

use crate::numbers::Language;

const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `8 mai 2018`, `1er mai 2018`; `May 8, 2018`.
#[must_use]
pub fn date_text(date: NaiveDate, language: Language) -> String {
    let month = date.month0() as usize;
    match language {
        Language::French => format!(
            "{} {} {}",
            french_day(date.day()),
            FRENCH_MONTHS[month],
            date.year()
        ),
        Language::English => format!("{} {}, {}", ENGLISH_MONTHS[month], date.day(), date.year()),
    }
}

/// `8 mai`, `1er mai`; `May 8`: a date within a year already named.
#[must_use]
pub fn day_month_text(date: NaiveDate, language: Language) -> String {
    let month = date.month0() as usize;
    match language {
        Language::French => format!("{} {}", french_day(date.day()), FRENCH_MONTHS[month]),
        Language::English => format!("{} {}", ENGLISH_MONTHS[month], date.day()),
    }
}

fn french_day(day: u32) -> String {
    if day == 1 {
        "1er".to_owned()
    } else {
        day.to_string()
    }
}

/// `8 h 30`, `12 h`, `0 h 05`; `8:30 a.m.`, `12 p.m.`, `12:05 a.m.`.
#[must_use]
pub fn time_text(time: NaiveTime, language: Language) -> String {
    let (hour, minute) = (time.hour(), time.minute());
    match language {
        Language::French if minute == 0 => format!("{hour} h"),
        Language::French => format!("{hour} h {minute:02}"),
        Language::English => {
            let suffix = if hour < 12 { "a.m." } else { "p.m." };
            let hour = match hour % 12 {
                0 => 12,
                h => h,
            };
            if minute == 0 {
                format!("{hour} {suffix}")
            } else {
                format!("{hour}:{minute:02} {suffix}")
            }
        }
    }
}

/// A time stored as `HH:MM` (or `HH:MM:SS`) as [`time_text`] writes it;
/// text that is not a time comes back as it is.
#[must_use]
pub fn clock_text(stored: &str, language: Language) -> String {
    let stored = stored.trim();
    NaiveTime::parse_from_str(stored, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(stored, "%H:%M:%S"))
        .map_or_else(|_| stored.to_owned(), |t| time_text(t, language))
}

/// `8 h 30 – 12 h`, `8 h 30`, `– 12 h`, or nothing: a session's hours
/// from its stored `HH:MM` start and end.
#[must_use]
pub fn hours_text(starts: Option<&str>, ends: Option<&str>, language: Language) -> String {
    let clock = |t: &str| clock_text(t, language);
    match (starts, ends) {
        (Some(a), Some(b)) => format!("{} – {}", clock(a), clock(b)),
        (Some(a), None) => clock(a),
        (None, Some(b)) => format!("– {}", clock(b)),
        (None, None) => String::new(),
    }
}

/// `8 mai 2018 à 8 h 30`; `May 8, 2018, 8:30 a.m.`.
#[must_use]
pub fn date_time_text(date: NaiveDate, time: NaiveTime, language: Language) -> String {
    let (date, time) = (date_text(date, language), time_text(time, language));
    match language {
        Language::French => format!("{date} à {time}"),
        Language::English => format!("{date}, {time}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::numbers::Language::{English, French};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn dates_as_quebec_and_english_write_them() {
        assert_eq!(date_text(d(2018, 5, 8), French), "8 mai 2018");
        assert_eq!(date_text(d(2024, 5, 1), French), "1er mai 2024");
        assert_eq!(date_text(d(2018, 12, 25), French), "25 décembre 2018");
        assert_eq!(date_text(d(2018, 5, 8), English), "May 8, 2018");
        assert_eq!(day_month_text(d(2018, 5, 8), French), "8 mai");
        assert_eq!(day_month_text(d(2018, 8, 1), French), "1er août");
        assert_eq!(day_month_text(d(2018, 5, 8), English), "May 8");
    }

    #[test]
    fn times_without_a_leading_zero() {
        assert_eq!(time_text(t(8, 30), French), "8 h 30");
        assert_eq!(time_text(t(12, 0), French), "12 h");
        assert_eq!(time_text(t(9, 5), French), "9 h 05");
        assert_eq!(time_text(t(0, 15), French), "0 h 15");
        assert_eq!(time_text(t(8, 30), English), "8:30 a.m.");
        assert_eq!(time_text(t(12, 0), English), "12 p.m.");
        assert_eq!(time_text(t(0, 5), English), "12:05 a.m.");
        assert_eq!(time_text(t(16, 45), English), "4:45 p.m.");
        assert_eq!(clock_text("08:30", French), "8 h 30");
        assert_eq!(clock_text("13:00:00", French), "13 h");
        assert_eq!(clock_text("midi", French), "midi");
        assert_eq!(
            hours_text(Some("08:30"), Some("12:00"), French),
            "8 h 30 – 12 h"
        );
        assert_eq!(hours_text(None, Some("12:00"), English), "– 12 p.m.");
        assert_eq!(hours_text(None, None, French), "");
        assert_eq!(
            date_time_text(d(2018, 5, 8), t(8, 30), French),
            "8 mai 2018 à 8 h 30"
        );
        assert_eq!(
            date_time_text(d(2018, 5, 8), t(8, 30), English),
            "May 8, 2018, 8:30 a.m."
        );
    }
}
