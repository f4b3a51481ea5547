//! Numbers as people read them, in French and in English, and as files
//! carry them: the one number formatter of maillage.
//!
//! - French: decimal comma, thousands separated by a no-break space
//!   (U+00A0): `1 234,5`. The Office québécois de la langue française
//!   writes an unbreakable space between thousands (a narrow one when the
//!   typography has it); maillage has always written U+00A0, in the charts
//!   and the bilan, and every reader of numbers
//!   ([`crate::plans::parse_number`]) accepts it back.
//! - English: decimal point, thousands separated by a comma: `1,234.5`.
//! - In a form field, the same without thousands separators (`1234,5`,
//!   `1234.5`): `1,200` would read back as 1.2.
//! - In a file (CSV, spreadsheet cells read as text): [`plain`], `1` or
//!   `12500.5`, the shortest text that reads back as the same number.
//!
//! A value that is not a finite number is written 0; `-0` is never written.

/// The language numbers are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    French,
    English,
}

/// How many decimals to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decimals {
    /// Exactly this many: `3,0` for 3 with one.
    Exactly(usize),
    /// Rounded to this many, trailing zeros dropped: `3`, `3,5`, `0,33`.
    AtMost(usize),
}

/// The French thousands separator (U+00A0 NO-BREAK SPACE).
pub const FRENCH_THOUSANDS: char = '\u{a0}';

impl Language {
    fn decimal_mark(self) -> char {
        match self {
            Self::French => ',',
            Self::English => '.',
        }
    }

    fn thousands(self) -> char {
        match self {
            Self::French => FRENCH_THOUSANDS,
            Self::English => ',',
        }
    }
}

/// `value` for reading, thousands separated: `1 234,5`, `1,234.5`.
#[must_use]
pub fn format(value: f64, language: Language, decimals: Decimals) -> String {
    write(value, language, decimals, Some(language.thousands()))
}

/// `value` in French for reading: `1 234,5`.
#[must_use]
pub fn french(value: f64, decimals: Decimals) -> String {
    format(value, Language::French, decimals)
}

/// `value` as the initial text of a form field, without thousands
/// separators: `1234,5`, `1234.5`.
#[must_use]
pub fn for_input(value: f64, language: Language, decimals: Decimals) -> String {
    write(value, language, decimals, None)
}

/// `value` in a file: `1` rather than `1.0`, `12500.5` as is (Rust's
/// shortest round-trip text, decimal point, no separators; integers of
/// 10¹⁵ and more, and values that are not finite, as Rust writes them).
#[must_use]
pub fn plain(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// `count` and the word in the form the count calls for, the count written
/// as [`format`] writes it: French `0 problème`, `1 problème`,
/// `2 problèmes` (0 and 1 are singular), English `1 problem`, `0 problems`.
#[must_use]
pub fn counted(count: usize, one: &str, other: &str, language: Language) -> String {
    let singular = match language {
        Language::French => count < 2,
        Language::English => count == 1,
    };
    let mut digits = count.to_string();
    if let Ok(small) = u32::try_from(count) {
        digits = format(f64::from(small), language, Decimals::Exactly(0));
    }
    format!("{digits} {}", if singular { one } else { other })
}

fn write(value: f64, language: Language, decimals: Decimals, thousands: Option<char>) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let (places, trim) = match decimals {
        Decimals::Exactly(n) => (n, false),
        Decimals::AtMost(n) => (n, true),
    };
    let fixed = format!("{:.*}", places, value.abs());
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac_part = if trim {
        frac_part.trim_end_matches('0')
    } else {
        frac_part
    };
    let mut out = String::with_capacity(fixed.len() + fixed.len() / 3 + 2);
    if value < 0.0 && fixed.bytes().any(|b| matches!(b, b'1'..=b'9')) {
        out.push('-');
    }
    let len = int_part.len();
    for (i, c) in int_part.chars().enumerate() {
        if let Some(sep) = thousands
            && i > 0
            && (len - i) % 3 == 0
        {
            out.push(sep);
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(language.decimal_mark());
        out.push_str(frac_part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Decimals::{AtMost, Exactly};
    use super::Language::{English, French};
    use super::*;

    #[test]
    fn french_has_a_decimal_comma_and_no_break_spaces() {
        assert_eq!(french(1234.5, Exactly(1)), "1\u{a0}234,5");
        assert_eq!(french(-1_234_567.0, Exactly(0)), "-1\u{a0}234\u{a0}567");
        assert_eq!(french(999.0, Exactly(0)), "999");
        assert_eq!(french(0.126, Exactly(2)), "0,13");
        assert_eq!(french(-0.001, Exactly(2)), "0,00");
        assert_eq!(french(f64::NAN, Exactly(1)), "0,0");
        assert_eq!(french(f64::INFINITY, Exactly(0)), "0");
        assert_eq!(french(3.0, Exactly(1)), "3,0");
    }

    #[test]
    fn at_most_drops_trailing_zeros() {
        assert_eq!(french(12.0, AtMost(2)), "12");
        assert_eq!(french(12.5, AtMost(2)), "12,5");
        assert_eq!(french(1.0 / 3.0, AtMost(2)), "0,33");
        assert_eq!(french(1200.0, AtMost(2)), "1\u{a0}200");
        assert_eq!(french(2.999_999_999_9, AtMost(2)), "3");
        assert_eq!(french(-0.001, AtMost(2)), "0");
        assert_eq!(french(-2.5, AtMost(2)), "-2,5");
        assert_eq!(french(100.001, AtMost(2)), "100");
    }

    #[test]
    fn english_has_a_decimal_point_and_commas() {
        assert_eq!(format(1234.5, English, Exactly(1)), "1,234.5");
        assert_eq!(format(-1_234_567.0, English, AtMost(2)), "-1,234,567");
        assert_eq!(format(0.126, English, AtMost(2)), "0.13");
        assert_eq!(format(12.5, English, AtMost(2)), "12.5");
        assert_eq!(format(999.0, English, AtMost(2)), "999");
    }

    #[test]
    fn form_fields_have_no_thousands_separator() {
        assert_eq!(for_input(12500.5, French, AtMost(2)), "12500,5");
        assert_eq!(for_input(12500.5, English, AtMost(2)), "12500.5");
        assert_eq!(for_input(1200.0, English, AtMost(2)), "1200");
        assert_eq!(for_input(-0.5, French, AtMost(2)), "-0,5");
    }

    /// What is written for reading or in a form reads back as the same
    /// number (to the decimals written).
    #[test]
    fn written_numbers_read_back() {
        for v in [0.0, 0.5, -3.25, 1200.0, 12500.5, 1_234_567.75, -0.01] {
            for text in [
                french(v, AtMost(2)),
                for_input(v, French, AtMost(2)),
                for_input(v, English, AtMost(2)),
                plain(v),
            ] {
                let back = crate::plans::parse_number(&text);
                assert!(
                    back.is_some_and(|b| (b - v).abs() < 1e-9),
                    "{text:?} read back as {back:?}, not {v}"
                );
            }
        }
    }

    #[test]
    fn counts_take_the_plural_of_their_language() {
        assert_eq!(counted(0, "problème", "problèmes", French), "0 problème");
        assert_eq!(counted(1, "problème", "problèmes", French), "1 problème");
        assert_eq!(counted(2, "problème", "problèmes", French), "2 problèmes");
        assert_eq!(
            counted(1200, "action", "actions", French),
            "1\u{a0}200 actions"
        );
        assert_eq!(counted(0, "problem", "problems", English), "0 problems");
        assert_eq!(counted(1, "problem", "problems", English), "1 problem");
        assert_eq!(counted(1200, "row", "rows", English), "1,200 rows");
    }

    #[test]
    fn files_get_the_shortest_text() {
        assert_eq!(plain(1.0), "1");
        assert_eq!(plain(12500.5), "12500.5");
        assert_eq!(plain(-3.0), "-3");
        assert_eq!(plain(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(plain(1e15), "1000000000000000");
        assert_eq!(plain(1e300), 1e300.to_string());
    }
}
