//! Contact details of the directory's forms: a point of service's address,
//! phones (Québec formats, extensions), postal codes (A1A 1A1) and hours.
//! Every value is checked and put in one written form before it is saved,
//! so that pages and exports show `418 555-0142` whatever was typed.

use serde::{Deserialize, Serialize};

use super::{FieldError, err, too_long};

/// Longest address line, city or note.
pub const MAX_LINE: usize = 200;
/// Longest hours note (« Fermé durant les vacances de la construction »).
pub const MAX_HOURS_NOTE: usize = 300;

/// A North American number written the Québec way, `418 555-0142`, from
/// what people type: `(418) 555-0142`, `418.555.0142`, `1-418-555-0142`,
/// `+1 418 555 0142`. `None` when it is not a 10-digit number.
pub fn phone_number(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty()
        || !text.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '+' | '\u{a0}')
        })
    {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let digits = match digits.len() {
        11 if digits.starts_with('1') => &digits[1..],
        10 => digits.as_str(),
        _ => return None,
    };
    let b = digits.as_bytes();
    // Neither an area code nor an exchange starts with 0 or 1.
    if b[0] < b'2' || b[3] < b'2' {
        return None;
    }
    Some(format!(
        "{} {}-{}",
        &digits[..3],
        &digits[3..6],
        &digits[6..]
    ))
}

/// The digits of an extension (`poste 224`, `p. 224`, `ext. 224`, `#224`),
/// at most 6; `None` when it is something else.
pub fn phone_extension(text: &str) -> Option<String> {
    let lower = text.trim().to_lowercase();
    let mut rest = lower.as_str();
    for prefix in ["poste", "ext.", "ext", "p.", "x", "#"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    let digits = rest.trim();
    (!digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.to_owned())
}

/// Splits `418 555-0142 poste 224` into the number and the extension.
fn split_extension(text: &str) -> (&str, Option<&str>) {
    let lower = text.to_lowercase();
    for marker in ["poste", "ext", "p.", "x", "#"] {
        if let Some(i) = lower.find(marker)
            && text.is_char_boundary(i)
        {
            return (&text[..i], Some(&text[i..]));
        }
    }
    (text, None)
}

/// Canada Post's letters: never D, F, I, O, Q or U; W and Z never first.
fn postal_letter(c: char, first: bool) -> bool {
    c.is_ascii_uppercase()
        && !matches!(c, 'D' | 'F' | 'I' | 'O' | 'Q' | 'U')
        && !(first && matches!(c, 'W' | 'Z'))
}

/// A Canadian postal code as `G7X 6L8`, from `g7x6l8`, `G7X-6L8`…
pub fn postal_code(text: &str) -> Option<String> {
    let compact: Vec<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if compact.len() != 6 {
        return None;
    }
    let ok = compact.iter().enumerate().all(|(i, &c)| {
        if i % 2 == 0 {
            postal_letter(c, i == 0)
        } else {
            c.is_ascii_digit()
        }
    });
    ok.then(|| {
        let (a, b) = compact.split_at(3);
        format!(
            "{} {}",
            a.iter().collect::<String>(),
            b.iter().collect::<String>()
        )
    })
}

/// A time of day from `8 h 30`, `8h30`, `8 h`, `08:30` or `8:30:00`, as
/// HSDS writes it (`08:30:00`).
pub fn time_of_day(text: &str) -> Option<String> {
    let compact: String = text
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == 'h' { ':' } else { c })
        .collect();
    let mut parts = compact.split(':');
    let hours: u8 = parts.next()?.parse().ok()?;
    let minutes: u8 = match parts.next() {
        None | Some("") => 0,
        Some(m) if m.len() == 2 => m.parse().ok()?,
        Some(_) => return None,
    };
    if let Some(seconds) = parts.next()
        && seconds != "00"
    {
        return None;
    }
    if parts.next().is_some() || hours > 23 || minutes > 59 {
        return None;
    }
    Some(format!("{hours:02}:{minutes:02}:00"))
}

/// A stored time (`08:30`, `08:30:00`) as French is written: `8 h 30`,
/// `8 h`; English: `8:30`. Anything else is shown as it is.
pub fn time_text(stored: &str, french: bool) -> String {
    let Some(t) = time_of_day(stored) else {
        return stored.to_owned();
    };
    let h = t[..2].trim_start_matches('0');
    let h = if h.is_empty() { "0" } else { h };
    let m = &t[3..5];
    match (french, m) {
        (true, "00") => format!("{h}\u{a0}h"),
        (true, _) => format!("{h}\u{a0}h\u{a0}{m}"),
        (false, _) => format!("{h}:{m}"),
    }
}

/// The days a service is open, as the form offers them; HSDS `byday`.
pub const DAY_SETS: &[&str] = &[
    "MO,TU,WE,TH,FR",
    "MO,TU,WE,TH,FR,SA",
    "MO,TU,WE,TH,FR,SA,SU",
    "SA,SU",
];

/// The address and main phone of an organization (its first point of
/// service and first phone), as the organization form edits them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    #[serde(default)]
    pub address_1: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub phone_extension: String,
}

impl ContactInput {
    #[must_use]
    pub fn cleaned(mut self) -> Self {
        for f in [
            &mut self.address_1,
            &mut self.city,
            &mut self.postal_code,
            &mut self.phone,
            &mut self.phone_extension,
        ] {
            *f = f.trim().to_owned();
        }
        self
    }

    pub fn has_address(&self) -> bool {
        !(self.address_1.is_empty() && self.city.is_empty() && self.postal_code.is_empty())
    }

    /// Every problem: an address is whole or absent, a postal code reads
    /// A1A 1A1, a phone is a 10-digit number with an optional extension.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.has_address() {
            if self.address_1.is_empty() {
                errors.push(err("address_1", "error-address-required"));
            }
            if self.city.is_empty() {
                errors.push(err("city", "error-city-required"));
            }
            if self.postal_code.is_empty() {
                errors.push(err("postal_code", "error-postal-code-required"));
            } else if postal_code(&self.postal_code).is_none() {
                errors.push(err("postal_code", "error-postal-code"));
            }
        }
        if too_long(&self.address_1, MAX_LINE) {
            errors.push(err("address_1", "error-field-too-long"));
        }
        if too_long(&self.city, MAX_LINE) {
            errors.push(err("city", "error-field-too-long"));
        }
        phone_errors(&self.phone, &self.phone_extension, &mut errors);
        errors
    }

    /// The values as they are stored (call after `validate` found nothing):
    /// `G7X 6L8`, `418 555-0142`, an extension typed in the phone field
    /// moved to its own.
    #[must_use]
    pub fn normalized(mut self) -> Self {
        if let Some(code) = postal_code(&self.postal_code) {
            self.postal_code = code;
        }
        (self.phone, self.phone_extension) = normalized_phone(&self.phone, &self.phone_extension);
        self
    }
}

fn phone_errors(phone: &str, extension: &str, errors: &mut Vec<FieldError>) {
    let (number, typed_extension) = split_extension(phone);
    if !phone.is_empty() && phone_number(number).is_none() {
        errors.push(err("phone", "error-phone"));
    }
    let extension = typed_extension.unwrap_or(extension);
    if !extension.trim().is_empty() && phone_extension(extension).is_none() {
        errors.push(err("phone_extension", "error-phone-extension"));
    } else if !extension.trim().is_empty() && phone.is_empty() {
        errors.push(err("phone", "error-phone-required"));
    }
}

fn normalized_phone(phone: &str, extension: &str) -> (String, String) {
    let (number, typed) = split_extension(phone);
    let number = phone_number(number).unwrap_or_else(|| phone.to_owned());
    let extension = phone_extension(typed.unwrap_or(extension)).unwrap_or_default();
    (number, extension)
}

/// What the service form edits beside the service's own fields: its phone,
/// its hours (one weekly schedule) and the organization's points of service
/// where it is offered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDetailsInput {
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub phone_extension: String,
    /// One of [`DAY_SETS`], or empty.
    #[serde(default)]
    pub days: String,
    #[serde(default)]
    pub opens_at: String,
    #[serde(default)]
    pub closes_at: String,
    /// Free text (« Sur rendez-vous le samedi »), HSDS `schedule.description`.
    #[serde(default)]
    pub hours_note: String,
    /// Location ids (of the service's organization).
    #[serde(default)]
    pub locations: Vec<String>,
}

impl ServiceDetailsInput {
    #[must_use]
    pub fn cleaned(mut self) -> Self {
        for f in [
            &mut self.phone,
            &mut self.phone_extension,
            &mut self.days,
            &mut self.opens_at,
            &mut self.closes_at,
            &mut self.hours_note,
        ] {
            *f = f.trim().to_owned();
        }
        self.locations.retain(|l| !l.trim().is_empty());
        self.locations.dedup();
        self
    }

    pub fn has_hours(&self) -> bool {
        !(self.days.is_empty()
            && self.opens_at.is_empty()
            && self.closes_at.is_empty()
            && self.hours_note.is_empty())
    }

    /// Every problem (the locations are checked against the organization's
    /// by the caller).
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        phone_errors(&self.phone, &self.phone_extension, &mut errors);
        if !self.days.is_empty() && !DAY_SETS.contains(&self.days.as_str()) {
            errors.push(err("days", "error-days"));
        }
        let opens = time_of_day(&self.opens_at);
        let closes = time_of_day(&self.closes_at);
        if !self.opens_at.is_empty() && opens.is_none() {
            errors.push(err("opens_at", "error-time"));
        }
        if !self.closes_at.is_empty() && closes.is_none() {
            errors.push(err("closes_at", "error-time"));
        }
        match (&opens, &closes) {
            (Some(o), Some(c)) if c <= o => errors.push(err("closes_at", "error-hours-order")),
            (Some(_), None) if self.closes_at.is_empty() => {
                errors.push(err("closes_at", "error-hours-both"));
            }
            (None, Some(_)) if self.opens_at.is_empty() => {
                errors.push(err("opens_at", "error-hours-both"));
            }
            _ => {}
        }
        if too_long(&self.hours_note, MAX_HOURS_NOTE) {
            errors.push(err("hours_note", "error-field-too-long"));
        }
        errors
    }

    /// The values as stored (after `validate` found nothing).
    #[must_use]
    pub fn normalized(mut self) -> Self {
        (self.phone, self.phone_extension) = normalized_phone(&self.phone, &self.phone_extension);
        if let Some(t) = time_of_day(&self.opens_at) {
            self.opens_at = t;
        }
        if let Some(t) = time_of_day(&self.closes_at) {
            self.closes_at = t;
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quebec_phone_numbers_in_every_usual_form() {
        for typed in [
            "418 555-0142",
            "(418) 555-0142",
            "418.555.0142",
            "4185550142",
            "1-418-555-0142",
            "+1 418 555 0142",
        ] {
            assert_eq!(
                phone_number(typed).as_deref(),
                Some("418 555-0142"),
                "{typed}"
            );
        }
        for bad in [
            "555-0142",
            "418 555-014",
            "018 555-0142",
            "418 055-0142",
            "418 555 0142 a",
            "",
        ] {
            assert_eq!(phone_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn extensions_typed_anywhere() {
        for typed in [
            "224",
            "poste 224",
            "p. 224",
            "ext. 224",
            "#224",
            " Poste 224 ",
        ] {
            assert_eq!(phone_extension(typed).as_deref(), Some("224"), "{typed}");
        }
        assert_eq!(phone_extension("deux"), None);
        assert_eq!(phone_extension("1234567"), None);
        let c = ContactInput {
            phone: "418-555-0142 poste 224".into(),
            ..ContactInput::default()
        };
        assert!(c.validate().is_empty(), "{:?}", c.validate());
        let c = c.normalized();
        assert_eq!(
            (c.phone.as_str(), c.phone_extension.as_str()),
            ("418 555-0142", "224")
        );
        let lone = ContactInput {
            phone_extension: "224".into(),
            ..ContactInput::default()
        };
        assert_eq!(lone.validate()[0].key, "error-phone-required");
    }

    #[test]
    fn postal_codes_read_a1a_1a1() {
        for typed in ["G7X 6L8", "g7x6l8", "G7X-6L8", " g7x 6l8 "] {
            assert_eq!(postal_code(typed).as_deref(), Some("G7X 6L8"), "{typed}");
        }
        for bad in [
            "G7X 6L", "77X 6L8", "D7X 6L8", "W7X 6L8", "G7X 6O8", "G7X6L8X", "",
        ] {
            assert_eq!(postal_code(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_address_is_whole_or_absent() {
        assert!(ContactInput::default().validate().is_empty());
        let partial = ContactInput {
            city: "Jonquière".into(),
            ..ContactInput::default()
        };
        let keys: Vec<&str> = partial.validate().iter().map(|e| e.key).collect();
        assert_eq!(
            keys,
            ["error-address-required", "error-postal-code-required"]
        );
        let bad_code = ContactInput {
            address_1: "2351, rue Saint-Dominique".into(),
            city: "Jonquière".into(),
            postal_code: "G7X 66L".into(),
            ..ContactInput::default()
        };
        assert_eq!(bad_code.validate()[0].key, "error-postal-code");
    }

    #[test]
    fn times_the_quebec_way() {
        for (typed, stored) in [
            ("8 h 30", "08:30:00"),
            ("8h30", "08:30:00"),
            ("8 h", "08:00:00"),
            ("08:30", "08:30:00"),
            ("16:30:00", "16:30:00"),
        ] {
            assert_eq!(time_of_day(typed).as_deref(), Some(stored), "{typed}");
        }
        for bad in ["25 h", "8 h 75", "midi", "8:3", ""] {
            assert_eq!(time_of_day(bad), None, "{bad}");
        }
        assert_eq!(time_text("08:30", true), "8\u{a0}h\u{a0}30");
        assert_eq!(time_text("16:00:00", true), "16\u{a0}h");
        assert_eq!(time_text("08:30", false), "8:30");
    }

    #[test]
    fn hours_need_both_ends_in_order() {
        let hours = |o: &str, c: &str| ServiceDetailsInput {
            opens_at: o.into(),
            closes_at: c.into(),
            ..ServiceDetailsInput::default()
        };
        assert!(hours("8 h 30", "16 h 30").validate().is_empty());
        assert_eq!(hours("16 h", "8 h").validate()[0].key, "error-hours-order");
        assert_eq!(hours("8 h", "").validate()[0].key, "error-hours-both");
        assert_eq!(hours("", "8 h").validate()[0].key, "error-hours-both");
        assert_eq!(hours("huit", "16 h").validate()[0].key, "error-time");
        let days = ServiceDetailsInput {
            days: "MO,XX".into(),
            ..ServiceDetailsInput::default()
        };
        assert_eq!(days.validate()[0].key, "error-days");
    }
}
