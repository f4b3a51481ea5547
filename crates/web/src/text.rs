//! Text as people read it: snippets, dates and counted phrases in French
//! (or English).

use chrono::{DateTime, NaiveDate, Utc};
use maillage_domain::dates;
use maillage_domain::numbers::{self, Decimals, Language};

use crate::i18n::Lang;

/// The first `max` characters of `text`, cut at a word, with an ellipsis.
pub fn snippet(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// A date as people write it: `3 mai 2024`, `May 3, 2024`
/// ([`maillage_domain::dates`], the one date style of the pages).
pub fn format_date(at: DateTime<Utc>, lang: Lang) -> String {
    dates::date_text(at.date_naive(), number_language(lang))
}

/// A calendar date as people write it: `8 mai 2018`, `May 8, 2018`.
pub fn day_text(date: NaiveDate, lang: Lang) -> String {
    dates::date_text(date, number_language(lang))
}

/// A session's hours: `8 h 30 – 12 h`, `8:30 a.m. – 12 p.m.`.
pub fn hours_text(starts: Option<&str>, ends: Option<&str>, lang: Lang) -> String {
    dates::hours_text(starts, ends, number_language(lang))
}

/// An instant, to the minute, in UTC: `8 mai 2018 à 8 h 30 UTC`.
pub fn minute_text(at: DateTime<Utc>, lang: Lang) -> String {
    format!(
        "{} UTC",
        dates::date_time_text(at.date_naive(), at.time(), number_language(lang))
    )
}

/// `key` with `$count`, its selector `{ $count -> [one] … *[other] … }`
/// choosing the form by the language's plural rule (French: 0 and 1 are
/// singular); a `[0]` variant, where there is one, says « none ».
pub fn count_text(lang: Lang, key: &str, count: usize) -> String {
    lang.t_args(key, &[("count", count.to_string())])
}

pub fn number_language(lang: Lang) -> Language {
    match lang {
        Lang::Fr => Language::French,
        Lang::En => Language::English,
    }
}

/// A number for reading, two decimals at most: `1 234,5`, `1,234.5`
/// ([`maillage_domain::numbers`]).
pub fn number_text(v: f64, lang: Lang) -> String {
    numbers::format(v, number_language(lang), Decimals::AtMost(2))
}

/// A number as the initial value of a form field, two decimals at most,
/// no thousands separator: `1234,5`, `1234.5`.
pub fn number_field(v: f64, lang: Lang) -> String {
    numbers::for_input(v, number_language(lang), Decimals::AtMost(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_cut_at_a_word() {
        assert_eq!(snippet("Court.", 160), "Court.");
        let long = "Centre de femmes offrant un milieu de vie, de l'écoute et des activités";
        let s = snippet(long, 30);
        assert!(s.ends_with('…'), "{s}");
        assert!(s.chars().count() <= 31, "{s}");
        assert!(long.starts_with(s.trim_end_matches('…')), "{s}");
    }

    #[test]
    fn dates_in_french_and_english() {
        let at = DateTime::parse_from_rfc3339("2024-05-01T12:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(format_date(at, Lang::Fr), "1er mai 2024");
        assert_eq!(format_date(at, Lang::En), "May 1, 2024");
    }

    /// Counts reach Fluent as numbers: the selector picks the language's
    /// plural, and the number is written as the language writes it.
    #[test]
    fn counts_take_the_plural_of_their_language() {
        assert_eq!(count_text(Lang::Fr, "teams-count", 0), "0 équipe");
        assert_eq!(count_text(Lang::Fr, "teams-count", 1), "1 équipe");
        assert_eq!(count_text(Lang::Fr, "teams-count", 2), "2 équipes");
        assert_eq!(
            count_text(Lang::Fr, "teams-count", 1200),
            "1\u{a0}200 équipes"
        );
        assert_eq!(count_text(Lang::En, "teams-count", 0), "0 teams");
        assert_eq!(count_text(Lang::En, "teams-count", 1), "1 team");
        assert_eq!(count_text(Lang::En, "teams-count", 1200), "1,200 teams");
        // Older messages in two keys still work.
        assert_eq!(
            count_text(Lang::Fr, "evpages-places-left", 1),
            "1 place restante"
        );
        assert_eq!(
            count_text(Lang::Fr, "evpages-places-left", 3),
            "3 places restantes"
        );
    }

    #[test]
    fn dates_and_times_in_french_and_english() {
        let d = NaiveDate::from_ymd_opt(2018, 5, 8).unwrap();
        assert_eq!(day_text(d, Lang::Fr), "8 mai 2018");
        assert_eq!(day_text(d, Lang::En), "May 8, 2018");
        assert_eq!(
            hours_text(Some("08:30"), Some("12:00"), Lang::Fr),
            "8 h 30 – 12 h"
        );
        assert_eq!(
            hours_text(Some("08:30"), Some("12:00"), Lang::En),
            "8:30 a.m. – 12 p.m."
        );
    }

    #[test]
    fn numbers_in_french_and_english() {
        assert_eq!(number_text(12500.5, Lang::Fr), "12\u{a0}500,5");
        assert_eq!(number_text(12500.5, Lang::En), "12,500.5");
        assert_eq!(number_text(3.0, Lang::Fr), "3");
        assert_eq!(number_text(0.125_1, Lang::Fr), "0,13");
        assert_eq!(number_field(12500.5, Lang::Fr), "12500,5");
        assert_eq!(number_field(12500.5, Lang::En), "12500.5");
    }
}
