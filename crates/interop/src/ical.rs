//! iCalendar (RFC 5545) feeds of events: one VEVENT per session, so that
//! participants add the sessions of a concertation to their own calendar.
//!
//! Text escaping and line folding are the `icalendar` crate's; the
//! VTIMEZONE block is written here because the crate only writes it with a
//! DTSTAMP and a UID, which RFC 5545 does not allow in a time zone.

use chrono::{DateTime, NaiveDateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, Property};

/// The time zone of Québec's and Ontario's eastern part, where maillage's
/// events take place.
pub const TORONTO: &str = "America/Toronto";

/// The definition of [`TORONTO`] since 2007 (second Sunday of March to
/// first Sunday of November). Calendar programs that know the zone by its
/// name, as all common ones do, use their own rules and history instead.
const TORONTO_VTIMEZONE: &str = "BEGIN:VTIMEZONE\r
TZID:America/Toronto\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:-0500\r
TZOFFSETTO:-0400\r
TZNAME:EDT\r
DTSTART:19700308T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:-0400\r
TZOFFSETTO:-0500\r
TZNAME:EST\r
DTSTART:19701101T020000\r
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r
END:STANDARD\r
END:VTIMEZONE\r
";

/// How the times of an event are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EventZone {
    /// Local times in `America/Toronto`, written with a `TZID`.
    #[default]
    Toronto,
    /// Times in UTC, written with a `Z`.
    Utc,
}

/// One session of an event, as a calendar entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable across exports (for example `session-42@maillage`), so that a
    /// calendar that subscribed updates the entry rather than adding one.
    pub uid: String,
    pub title: String,
    pub description: Option<String>,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub zone: EventZone,
    pub location: Option<String>,
    pub url: Option<String>,
}

/// The calendar of the events, stamped with the current time.
pub fn event_calendar(events: &[CalendarEvent]) -> String {
    event_calendar_at(events, Utc::now())
}

/// The calendar of the events, with `stamp` as every entry's DTSTAMP (the
/// time the calendar was made), for output that does not depend on the clock.
pub fn event_calendar_at(events: &[CalendarEvent], stamp: DateTime<Utc>) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            concat!("-//maillage//maillage ", env!("CARGO_PKG_VERSION"), "//FR"),
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"));
    for event in events {
        let time = |at: NaiveDateTime| match event.zone {
            EventZone::Toronto => CalendarDateTime::WithTimezone {
                date_time: at,
                tzid: TORONTO.to_owned(),
            },
            EventZone::Utc => CalendarDateTime::Utc(at.and_utc()),
        };
        let mut entry = Event::new();
        entry
            .uid(&event.uid)
            .timestamp(stamp)
            .summary(&event.title)
            .starts(time(event.start))
            .ends(time(event.end));
        if let Some(description) = &event.description {
            entry.description(description);
        }
        if let Some(location) = &event.location {
            entry.location(location);
        }
        if let Some(url) = &event.url {
            entry.url(url);
        }
        calendar.push(entry.done());
    }
    let mut text = calendar.to_string();
    if events.iter().any(|event| event.zone == EventZone::Toronto) {
        // RFC 5545 §3.6.5: every TZID used needs its VTIMEZONE in the file.
        let at = text
            .find("BEGIN:VEVENT\r\n")
            .unwrap_or_else(|| text.len() - "END:VCALENDAR\r\n".len());
        text.insert_str(at, TORONTO_VTIMEZONE);
    }
    text
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn osons() -> Vec<CalendarEvent> {
        let title = "Osons l'aventure : regard sur les pratiques, comme personne intervenante auprès des familles";
        vec![
            CalendarEvent {
                uid: "session-1@maillage".to_owned(),
                title: title.to_owned(),
                description: Some(
                    "Première rencontre; apportez le canevas de réflexion, un crayon et vos questions.\nBienvenue à tous !"
                        .to_owned(),
                ),
                start: at(2018, 5, 8, 8, 30),
                end: at(2018, 5, 8, 12, 0),
                zone: EventZone::Toronto,
                location: Some("Le Calypso, rue d'Auteuil, Jonquière".to_owned()),
                url: Some("https://maillage.example/evenements/osons".to_owned()),
            },
            CalendarEvent {
                uid: "session-2@maillage".to_owned(),
                title: title.to_owned(),
                description: None,
                start: at(2018, 11, 27, 13, 30),
                end: at(2018, 11, 27, 17, 0),
                zone: EventZone::Utc,
                location: None,
                url: None,
            },
        ]
    }

    fn stamp() -> DateTime<Utc> {
        at(2026, 1, 2, 3, 4).and_utc()
    }

    #[test]
    fn one_vevent_per_session() {
        let text = event_calendar_at(&osons(), stamp());
        assert!(
            text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//maillage//maillage ")
        );
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert_eq!(text.matches("BEGIN:VEVENT\r\n").count(), 2);
        assert_eq!(text.matches("END:VEVENT\r\n").count(), 2);
        assert_eq!(text.matches("BEGIN:VTIMEZONE\r\n").count(), 1);
        assert!(text.find("BEGIN:VTIMEZONE") < text.find("BEGIN:VEVENT"));
        assert!(
            text.contains("DTSTART;TZID=America/Toronto:20180508T083000\r\n"),
            "{text}"
        );
        assert!(
            text.contains("DTEND;TZID=America/Toronto:20180508T120000\r\n"),
            "{text}"
        );
        assert!(text.contains("DTSTART:20181127T133000Z\r\n"), "{text}");
        assert!(text.contains("UID:session-1@maillage\r\n"));
        assert_eq!(text.matches("DTSTAMP:20260102T030400Z\r\n").count(), 2);
        assert!(text.contains("URL:https://maillage.example/evenements/osons\r\n"));
        // Every line ends with CRLF; no bare LF.
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    }

    #[test]
    fn text_is_escaped_and_long_lines_are_folded() {
        let text = event_calendar_at(&osons(), stamp());
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(text.contains("\r\n "), "no folded line: {text}");
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(
            "SUMMARY:Osons l'aventure : regard sur les pratiques\\, comme personne intervenante auprès des familles\r\n"
        ), "{unfolded}");
        assert!(unfolded.contains(
            "DESCRIPTION:Première rencontre\\; apportez le canevas de réflexion\\, un crayon et vos questions.\\nBienvenue à tous !\r\n"
        ), "{unfolded}");
        assert!(unfolded.contains("LOCATION:Le Calypso\\, rue d'Auteuil\\, Jonquière\r\n"));
    }

    #[test]
    fn utc_only_needs_no_time_zone() {
        let events = &osons()[1..];
        let text = event_calendar_at(events, stamp());
        assert!(!text.contains("VTIMEZONE"));
        let empty = event_calendar_at(&[], stamp());
        assert!(empty.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(!empty.contains("VEVENT"));
        let now = event_calendar(&osons()[..1]);
        assert!(now.contains("BEGIN:VTIMEZONE\r\nTZID:America/Toronto\r\n"));
        assert!(now.contains("DTSTAMP:"));
    }
}
