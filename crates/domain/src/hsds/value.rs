//! Frictionless Table Schema value rules for the types and formats HSDS uses.
//!
//! Values are checked exactly as written: a package's values are stored and
//! exported unchanged, so a value that only passes once trimmed or normalised
//! is refused rather than silently accepted.

use std::fmt;

use super::{Field, FieldType, Format};
use crate::email::Email;

/// Why a value does not fit its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueProblem {
    /// The value does not have the field's type or format.
    Invalid { value: String, expected: Expected },
    /// The value is not one of the field's enum values.
    NotAllowed {
        value: String,
        allowed: &'static [&'static str],
    },
    /// Longer than any value of its kind (see [`crate::limits`]).
    TooLong { value: String, max: usize },
}

/// What a field expected of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    Number,
    Date,
    Datetime,
    Time,
    Uuid,
    Uri,
    Email,
}

impl Expected {
    fn what(self) -> &'static str {
        match self {
            Expected::Number => "number",
            Expected::Date => "date",
            Expected::Datetime => "date and time",
            Expected::Time => "time",
            Expected::Uuid => "UUID",
            Expected::Uri => "URI",
            Expected::Email => "e-mail address",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Expected::Number => "a decimal number such as 12, -3.5 or 1e3",
            Expected::Date => "YYYY-MM-DD",
            Expected::Datetime => {
                "YYYY-MM-DDTHH:MM:SS, optionally with a fraction of a second and Z or an offset \
                 such as +05:00"
            }
            Expected::Time => {
                "HH:MM:SS, optionally with a fraction of a second and Z or an offset such as +05:00"
            }
            Expected::Uuid => "8-4-4-4-12 hexadecimal digits",
            Expected::Uri => "an absolute URI with a scheme, such as https://example.org/",
            Expected::Email => "an address such as name@example.org, without spaces",
        }
    }
}

/// Long values (a description in the wrong column...) would drown the message.
fn shown(value: &str) -> String {
    const MAX_CHARS: usize = 60;
    if value.chars().count() <= MAX_CHARS {
        value.to_owned()
    } else {
        let mut s: String = value.chars().take(MAX_CHARS).collect();
        s.push('…');
        s
    }
}

impl fmt::Display for ValueProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueProblem::Invalid { value, expected } => write!(
                f,
                "`{}` is not a valid {} (expected {})",
                shown(value),
                expected.what(),
                expected.hint()
            ),
            ValueProblem::TooLong { value, max } => {
                write!(f, "`{}` is longer than {max} characters", shown(value))
            }
            ValueProblem::NotAllowed { value, allowed } => {
                write!(
                    f,
                    "`{}` is not an allowed value (expected one of: ",
                    shown(value)
                )?;
                for (i, a) in allowed.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{a}`")?;
                }
                f.write_str(")")
            }
        }
    }
}

impl std::error::Error for ValueProblem {}

/// Checks a non-empty `value` against its field's type, format and enum.
///
/// Whether an empty value is acceptable is the caller's business (`required`),
/// as is uniqueness; an empty value given here is judged like any other.
pub fn check_value(field: &Field, value: &str) -> Result<(), ValueProblem> {
    let bound = if field.name.ends_with("name") {
        crate::limits::Field::Name
    } else {
        crate::limits::Field::Document
    };
    if bound.check(value).is_err() {
        return Err(ValueProblem::TooLong {
            value: value.chars().take(100).collect(),
            max: bound.max_chars(),
        });
    }
    let expected = match (field.field_type, field.format) {
        (FieldType::Number, _) => (!is_number(value)).then_some(Expected::Number),
        (FieldType::Date, _) => (!is_date(value)).then_some(Expected::Date),
        (FieldType::Datetime, _) => (!is_datetime(value)).then_some(Expected::Datetime),
        (FieldType::Time, _) => (!is_time(value)).then_some(Expected::Time),
        (FieldType::String, Some(Format::Uuid)) => (!is_uuid(value)).then_some(Expected::Uuid),
        (FieldType::String, Some(Format::Uri)) => (!is_uri(value)).then_some(Expected::Uri),
        (FieldType::String, Some(Format::Email)) => (!is_email(value)).then_some(Expected::Email),
        (FieldType::String, None) => None,
    };
    if let Some(expected) = expected {
        return Err(ValueProblem::Invalid {
            value: value.to_owned(),
            expected,
        });
    }
    if !field.enum_values.is_empty() && !field.enum_values.contains(&value) {
        return Err(ValueProblem::NotAllowed {
            value: value.to_owned(),
            allowed: field.enum_values,
        });
    }
    Ok(())
}

/// Consumes one or more ASCII digits; false when there is none.
fn digits(s: &mut &[u8]) -> bool {
    let n = s.iter().take_while(|b| b.is_ascii_digit()).count();
    *s = &s[n..];
    n > 0
}

fn eat(s: &mut &[u8], byte: u8) -> bool {
    if s.first() == Some(&byte) {
        *s = &s[1..];
        true
    } else {
        false
    }
}

/// Table Schema `number` with the default decimal character: `12`, `-3.5`,
/// `.5`, `1e3`. The special values NaN and INF are refused: they are not
/// counts, ages, coordinates or amounts.
fn is_number(value: &str) -> bool {
    let mut s = value.as_bytes();
    let _ = eat(&mut s, b'+') || eat(&mut s, b'-');
    let int = digits(&mut s);
    let frac = if eat(&mut s, b'.') {
        digits(&mut s)
    } else {
        false
    };
    if !int && !frac {
        return false;
    }
    if eat(&mut s, b'e') || eat(&mut s, b'E') {
        let _ = eat(&mut s, b'+') || eat(&mut s, b'-');
        if !digits(&mut s) {
            return false;
        }
    }
    s.is_empty()
}

/// Exactly `n` ASCII digits as a number.
fn fixed(s: &mut &[u8], n: usize) -> Option<u32> {
    if s.len() < n || !s[..n].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let v = s[..n]
        .iter()
        .fold(0, |acc, b| acc * 10 + u32::from(b - b'0'));
    *s = &s[n..];
    Some(v)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        _ => 28,
    }
}

fn date_part(s: &mut &[u8]) -> bool {
    let Some(year) = fixed(s, 4) else {
        return false;
    };
    if !eat(s, b'-') {
        return false;
    }
    let Some(month) = fixed(s, 2) else {
        return false;
    };
    if !eat(s, b'-') {
        return false;
    }
    let Some(day) = fixed(s, 2) else { return false };
    year >= 1 && (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)
}

fn hour_minute(s: &mut &[u8]) -> bool {
    let Some(hour) = fixed(s, 2) else {
        return false;
    };
    if !eat(s, b':') {
        return false;
    }
    let Some(minute) = fixed(s, 2) else {
        return false;
    };
    hour <= 23 && minute <= 59
}

/// `HH:MM:SS[.fff][Z|±HH:MM]`.
fn time_part(s: &mut &[u8]) -> bool {
    if !hour_minute(s) || !eat(s, b':') {
        return false;
    }
    match fixed(s, 2) {
        Some(second) if second <= 59 => {}
        _ => return false,
    }
    if eat(s, b'.') && !digits(s) {
        return false;
    }
    if eat(s, b'Z') {
        return true;
    }
    if eat(s, b'+') || eat(s, b'-') {
        return hour_minute(s);
    }
    true
}

fn is_date(value: &str) -> bool {
    let mut s = value.as_bytes();
    date_part(&mut s) && s.is_empty()
}

fn is_time(value: &str) -> bool {
    let mut s = value.as_bytes();
    time_part(&mut s) && s.is_empty()
}

/// ISO 8601 / RFC 3339 with `T`; the offset is optional, as in the
/// descriptor's own example (`2023-03-15T10:30:45.123Z`) and in producers
/// that write local times.
fn is_datetime(value: &str) -> bool {
    let mut s = value.as_bytes();
    date_part(&mut s) && eat(&mut s, b'T') && time_part(&mut s) && s.is_empty()
}

fn is_uuid(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                *c == b'-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

fn is_uri(value: &str) -> bool {
    // The url crate strips surrounding spaces and drops tabs and newlines
    // inside before parsing; such a value is not the URI it would accept.
    !value
        .bytes()
        .any(|b| b.is_ascii_whitespace() || b.is_ascii_control())
        && url::Url::parse(value).is_ok()
}

fn is_email(value: &str) -> bool {
    // Email::parse trims; a value is checked as written.
    value.trim() == value && Email::parse(value).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hsds::table;

    fn field(field_type: FieldType, format: Option<Format>) -> Field {
        Field {
            name: "f",
            title: "F",
            description: "",
            field_type,
            format,
            required: false,
            unique: false,
            enum_values: &[],
        }
    }

    fn ok(f: &Field, values: &[&str]) {
        for v in values {
            assert_eq!(check_value(f, v), Ok(()), "{v:?} should be accepted");
        }
    }

    fn bad(f: &Field, values: &[&str]) {
        for v in values {
            assert!(check_value(f, v).is_err(), "{v:?} should be refused");
        }
    }

    #[test]
    fn numbers() {
        let f = field(FieldType::Number, None);
        ok(
            &f,
            &[
                "12", "-3.5", "+4", "1e3", "1E-3", "0.5", ".5", "5.", "2011", "-0", "1.5e+10",
            ],
        );
        bad(
            &f,
            &[
                "12abc", "NaN", "nan", "inf", "INF", "-INF", "", " 12", "12 ", "1,5", "1e", ".",
            ],
        );
        bad(&f, &["--1", "1.2.3", "0x10", "e3", "1_000"]);
    }

    #[test]
    fn dates() {
        let f = field(FieldType::Date, None);
        ok(
            &f,
            &["2023-01-31", "2024-02-29", "2000-02-29", "2005-01-01"],
        );
        bad(
            &f,
            &[
                "2023-02-30",
                "2023-02-29",
                "1900-02-29",
                "2023-13-01",
                "2023-00-10",
            ],
        );
        bad(
            &f,
            &[
                "2023-1-1",
                "23-01-01",
                "2023/01/01",
                "2023-01-01T00:00:00",
                " 2023-01-01",
            ],
        );
        bad(&f, &["0000-01-01", "2023-04-31", ""]);
    }

    #[test]
    fn datetimes() {
        let f = field(FieldType::Datetime, None);
        ok(
            &f,
            &[
                "2023-01-01T10:00:00Z",
                "2023-01-01T10:00:00+05:00",
                "2023-01-01T10:00:00",
            ],
        );
        ok(
            &f,
            &["2023-03-15T10:30:45.123Z", "2023-01-01T23:59:59-04:30"],
        );
        bad(
            &f,
            &[
                "2023-01-01",
                "2023-01-01 10:00:00",
                "2023-01-01T24:00:00",
                "2023-02-30T10:00:00",
            ],
        );
        bad(
            &f,
            &[
                "2023-01-01T10:00",
                "2023-01-01T10:00:00+5",
                "2023-01-01T10:00:00z",
            ],
        );
        bad(&f, &["2023-01-01T10:00:00.Z", "2023-01-01T10:00:00Z "]);
    }

    #[test]
    fn times() {
        let f = field(FieldType::Time, None);
        ok(
            &f,
            &[
                "10:00:00",
                "00:00:00",
                "23:59:59",
                "18:00:00.5",
                "10:00:00Z",
                "10:00:00+02:00",
            ],
        );
        bad(
            &f,
            &[
                "25:00:00", "24:00:00", "10:60:00", "10:00:60", "10:00", "1:00:00", "10h00",
            ],
        );
        bad(&f, &["10:00:00+25:00", "10:00:00 "]);
    }

    #[test]
    fn uuids() {
        let f = field(FieldType::String, Some(Format::Uuid));
        ok(
            &f,
            &[
                "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
                "D9D5E0F5-D3CE-4F73-9A2F-4DD0ECC6C610",
            ],
        );
        ok(&f, &["00000000-0000-0000-0000-000000000000"]);
        bad(
            &f,
            &[
                "d9d5e0f5d3ce4f739a2f4dd0ecc6c610",
                "{d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610}",
            ],
        );
        bad(
            &f,
            &[
                "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c61",
                "g9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610",
            ],
        );
        bad(
            &f,
            &["not-a-uuid", " d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610", "1"],
        );
    }

    #[test]
    fn uris() {
        let f = field(FieldType::String, Some(Format::Uri));
        ok(
            &f,
            &[
                "http://example.com",
                "https://openreferral.org/a?b=c#d",
                "mailto:a@b.ca",
            ],
        );
        ok(&f, &["urn:isbn:0451450523", "ftp://ftp.example.org/x"]);
        bad(
            &f,
            &[
                "example.com",
                "/relative/path",
                "http://",
                "",
                " http://example.com",
            ],
        );
        bad(
            &f,
            &[
                "http://example.com ",
                "http://exa mple.com",
                "http://example.com/\na",
            ],
        );
    }

    #[test]
    fn emails() {
        let f = field(FieldType::String, Some(Format::Email));
        ok(&f, &["email@example.com", "A.Person+tag@Example.ORG"]);
        bad(
            &f,
            &[
                "not an email",
                "a@",
                "@b.ca",
                "a@b",
                " email@example.com",
                "a@@b.ca",
            ],
        );
    }

    #[test]
    fn enums_match_exactly() {
        let status = table("service").unwrap().field("status").unwrap();
        ok(
            status,
            &["active", "inactive", "defunct", "temporarily closed"],
        );
        bad(
            status,
            &["Active", "active ", "closed", "temporarily_closed"],
        );
        let err = check_value(status, "closed").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`closed` is not an allowed value (expected one of: `active`, `inactive`, \
             `defunct`, `temporarily closed`)"
        );
    }

    #[test]
    fn plain_strings_take_anything() {
        let f = field(FieldType::String, None);
        ok(&f, &["", " ", "anything at all", "\"+44 1234 234567\""]);
    }

    #[test]
    fn messages_name_what_was_expected() {
        let f = field(FieldType::Date, None);
        assert_eq!(
            check_value(&f, "2023-02-30").unwrap_err().to_string(),
            "`2023-02-30` is not a valid date (expected YYYY-MM-DD)"
        );
        let f = field(FieldType::String, Some(Format::Uuid));
        assert_eq!(
            check_value(&f, "abc").unwrap_err().to_string(),
            "`abc` is not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)"
        );
        let long = "x".repeat(100);
        let msg = check_value(&f, &long).unwrap_err().to_string();
        assert!(msg.starts_with(&format!("`{}…`", "x".repeat(60))), "{msg}");
    }

    #[test]
    fn values_longer_than_their_kind_are_refused() {
        let name = Field {
            name: "name",
            ..field(FieldType::String, None)
        };
        ok(&name, &[&"é".repeat(300)]);
        let msg = check_value(&name, &"é".repeat(301))
            .unwrap_err()
            .to_string();
        assert!(msg.ends_with("is longer than 300 characters"), "{msg}");
        let text = field(FieldType::String, None);
        ok(&text, &[&"x".repeat(20_000)]);
        assert_eq!(
            check_value(&text, &"x".repeat(2_000_000)),
            Err(ValueProblem::TooLong {
                value: "x".repeat(100),
                max: 20_000
            })
        );
    }

    #[test]
    fn descriptor_examples_pass_their_own_rules() {
        // Spot checks of values from the descriptor's examples.
        let svc = table("service").unwrap();
        ok(
            svc.field("last_modified").unwrap(),
            &["2023-03-15T10:30:45.123Z"],
        );
        ok(svc.field("minimum_age").unwrap(), &["12"]);
        let sched = table("schedule").unwrap();
        ok(sched.field("opens_at").unwrap(), &["10:00:00"]);
        ok(sched.field("freq").unwrap(), &["WEEKLY"]);
    }
}
