//! How long a value may be, by kind of field: the one place the forms, the
//! API and the importers take their bounds from.
//!
//! Every later step (name matching above all, whose work grows with the
//! square of a name's length) can then rely on bounded input: a value over
//! its bound is refused with a message, never truncated silently.

/// The kinds of text fields, each with its bound in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// An organization's, person's, event's or plan's name; a name cell of
    /// an imported grid.
    Name,
    /// An e-mail address (RFC 5321's path limit).
    Email,
    /// A one-line value: a role, a place, an address, a web link, a code.
    ShortText,
    /// A description, a comment, an answer, a note.
    LongText,
    /// A whole written section (an event's bilan).
    Document,
}

/// The longest name: far beyond any real organization's (the longest of the
/// Québec registry is under 200 characters).
pub const NAME: usize = 300;
/// RFC 5321: a forward path is at most 254 characters.
pub const EMAIL: usize = 254;
pub const SHORT_TEXT: usize = 500;
pub const LONG_TEXT: usize = 10_000;
pub const DOCUMENT: usize = 20_000;

impl Field {
    #[must_use]
    pub const fn max_chars(self) -> usize {
        match self {
            Field::Name => NAME,
            Field::Email => EMAIL,
            Field::ShortText => SHORT_TEXT,
            Field::LongText => LONG_TEXT,
            Field::Document => DOCUMENT,
        }
    }

    /// `Err` when `text` is longer than this kind allows.
    pub fn check(self, text: &str) -> Result<(), TooLong> {
        if exceeds(text, self.max_chars()) {
            Err(TooLong { field: self })
        } else {
            Ok(())
        }
    }
}

/// A value longer than its field allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("longer than {} characters", .field.max_chars())]
pub struct TooLong {
    pub field: Field,
}

impl TooLong {
    #[must_use]
    pub const fn max_chars(self) -> usize {
        self.field.max_chars()
    }
}

/// Whether `text` has more than `max` characters, looking at no more than
/// `max + 1` of them (a 10 MB value costs no more than a short one).
#[must_use]
pub fn exceeds(text: &str, max: usize) -> bool {
    // A character is at least one byte: few bytes are few characters.
    text.len() > max && text.chars().nth(max).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_count_characters_not_bytes() {
        let accented = "é".repeat(NAME);
        assert!(accented.len() > NAME);
        assert_eq!(Field::Name.check(&accented), Ok(()));
        let over = format!("{accented}é");
        assert_eq!(
            Field::Name.check(&over),
            Err(TooLong { field: Field::Name })
        );
        assert_eq!(Field::Name.check(""), Ok(()));
    }

    #[test]
    fn each_kind_has_its_bound() {
        for (field, max) in [
            (Field::Name, 300),
            (Field::Email, 254),
            (Field::ShortText, 500),
            (Field::LongText, 10_000),
            (Field::Document, 20_000),
        ] {
            assert_eq!(field.max_chars(), max);
            assert!(field.check(&"a".repeat(max)).is_ok(), "{field:?}");
            let refused = field.check(&"a".repeat(max + 1)).unwrap_err();
            assert_eq!(refused.max_chars(), max);
        }
    }

    #[test]
    fn huge_values_are_refused() {
        let huge = "x".repeat(10 * 1024 * 1024);
        assert!(exceeds(&huge, NAME));
        assert!(Field::Document.check(&huge).is_err());
        assert!(!exceeds("abc", 3));
        assert!(exceeds("abcd", 3));
    }

    #[test]
    fn the_name_matcher_refuses_what_no_name_is() {
        use crate::names::{Candidate, Match, Matcher};
        let long_name = "Centre ".repeat(NAME);
        let matcher = Matcher::new([Candidate {
            id: "a".to_owned(),
            name: "Centre communautaire".to_owned(),
            aliases: vec![long_name.clone()],
        }]);
        assert_eq!(matcher.find(&long_name), Match::NoMatch);
        assert_eq!(
            matcher.find("Centre communautaire"),
            Match::Exact { id: "a".to_owned() }
        );
        assert_eq!(matcher.find(&"é".repeat(2 * 1024 * 1024)), Match::NoMatch);
    }
}
