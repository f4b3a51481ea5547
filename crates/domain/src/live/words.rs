//! The French word cloud's grouping, exactly as DESIGN.md §4 *Live* says:
//! an answer is cut into entries, each entry keeps its written form, and
//! entries group when equal after case, accents, hyphens, spaces and a
//! plural's final `s`/`x` are set aside. « Écoute », « écoute », « l’écoute »
//! and « Écoutes » are one group.

use std::collections::HashMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

/// One group of the cloud: the written form shown and how many entries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WordCount {
    pub text: String,
    pub count: u32,
}

/// Elisions removed from the start of an entry (before the apostrophe).
const ELISIONS: [&str; 9] = ["l", "d", "j", "qu", "m", "t", "s", "n", "c"];

/// French words that say nothing alone: an entry made only of them is
/// dropped (inside a longer phrase they stay).
const STOP_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle",
    "elles", "en", "est", "et", "etc", "il", "ils", "je", "l", "la", "le", "les", "leur", "leurs",
    "lui", "ma", "mais", "me", "mes", "moi", "mon", "ne", "ni", "nos", "notre", "nous", "on", "ou",
    "par", "pas", "plus", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "ta", "te",
    "tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "y",
];

/// The entries of one answer: cut at commas and line breaks, at most
/// `max_words` kept (the first ones), each trimmed and without a leading
/// elision. Empty pieces (« a,,b », a trailing comma) are not entries; an
/// entry made only of stop words takes its place among the `max_words` and
/// is then dropped, as the contract orders it.
pub fn entries(answer: &str, max_words: usize) -> Vec<String> {
    answer
        .split([',', '\n', '\r'])
        .map(written_form)
        .filter(|e| !e.is_empty())
        .take(max_words)
        .filter(|e| !only_stop_words(e))
        .collect()
}

/// An entry's written form: trimmed, a leading elision removed.
fn written_form(raw: &str) -> String {
    let text = raw.trim();
    let lower = text.to_lowercase();
    for elision in ELISIONS {
        for apostrophe in ['\'', '’'] {
            let prefix = format!("{elision}{apostrophe}");
            // Only ASCII letters lower-case to an elision, so the prefix has
            // the same length in `text`; `get` still refuses a cut inside a
            // character rather than panic on some unforeseen case mapping.
            if lower.starts_with(&prefix)
                && let Some(rest) = text.get(prefix.len()..)
            {
                return rest.trim_start().to_owned();
            }
        }
    }
    text.to_owned()
}

/// Compared before a plural's final letter is removed, or « dans »,
/// « mais », « nous », « vous » and « plus » (keys « dan », « mai »…)
/// would not be recognized.
fn only_stop_words(entry: &str) -> bool {
    fold(entry)
        .split_whitespace()
        .all(|w| STOP_WORDS.contains(&w))
}

/// What entries are compared on: lower case, accents removed, hyphens and
/// runs of spaces as one space (and ’ as '), a final `s` or `x` removed from each word
/// of four letters or more.
pub fn group_key(entry: &str) -> String {
    fold(entry)
        .split_whitespace()
        .map(|w| {
            if w.chars().count() >= 4 && (w.ends_with('s') || w.ends_with('x')) {
                &w[..w.len() - 1]
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lower case, accents removed, hyphens as spaces, ’ as '.
fn fold(entry: &str) -> String {
    entry
        .to_lowercase()
        .replace('œ', "oe")
        .replace('æ', "ae")
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            // The hyphen-minus, the Unicode hyphen and the non-breaking one.
            '-' | '\u{2010}' | '\u{2011}' => ' ',
            // A curly and a straight apostrophe are the same letter typed
            // on two keyboards.
            '’' => '\'',
            c => c,
        })
        .collect()
}

/// Groups entries: each group shows its most frequent written form (on a
/// tie, the one seen first). Sorted by count descending, then by text as
/// people read it (case and accents aside, then exactly), so the order is
/// stable.
pub fn group<'a>(entries: impl IntoIterator<Item = &'a str>) -> Vec<WordCount> {
    struct Group<'a> {
        first_seen: usize,
        count: u32,
        forms: Vec<(&'a str, u32, usize)>,
    }
    let mut groups: HashMap<String, Group<'a>> = HashMap::new();
    for (seen, entry) in entries.into_iter().enumerate() {
        let g = groups.entry(group_key(entry)).or_insert_with(|| Group {
            first_seen: seen,
            count: 0,
            forms: Vec::new(),
        });
        g.count += 1;
        match g.forms.iter_mut().find(|(form, _, _)| *form == entry) {
            Some(form) => form.1 += 1,
            None => g.forms.push((entry, 1, seen)),
        }
    }
    let mut out: Vec<(WordCount, String, usize)> = groups
        .into_iter()
        .map(|(key, g)| {
            let shown = g
                .forms
                .iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
                .map_or("", |f| f.0);
            (
                WordCount {
                    text: shown.to_owned(),
                    count: g.count,
                },
                key,
                g.first_seen,
            )
        })
        .collect();
    out.sort_by(|(a, ka, _), (b, kb, _)| {
        b.count
            .cmp(&a.count)
            .then_with(|| ka.cmp(kb))
            .then_with(|| a.text.cmp(&b.text))
    });
    out.into_iter().map(|(w, _, _)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cloud(answers: &[&str], max: usize) -> Vec<(String, u32)> {
        let all: Vec<String> = answers.iter().flat_map(|a| entries(a, max)).collect();
        group(all.iter().map(String::as_str))
            .into_iter()
            .map(|w| (w.text, w.count))
            .collect()
    }

    #[test]
    fn ecoute_in_every_spelling_is_one_group() {
        let got = cloud(
            &[
                "Écoute",
                "écoute",
                "l'écoute",
                "L’Écoute",
                "Écoutes",
                "  Écoute  ",
            ],
            3,
        );
        assert_eq!(got, [("Écoute".to_owned(), 6)]);
    }

    #[test]
    fn phrases_stay_phrases_and_answers_are_cut_at_commas_and_lines() {
        assert_eq!(
            entries("Confiance, respect\nécoute", 3),
            ["Confiance", "respect", "écoute"]
        );
        assert_eq!(entries("a, b, c, d", 3), ["b", "c"]);
        assert_eq!(entries("un, deux, trois, quatre", 2), ["deux"]);
        assert_eq!(entries("Confiance,, respect,", 2), ["Confiance", "respect"]);
        let got = cloud(
            &[
                "Écoute active",
                "écoute",
                "travail-d'équipe",
                "Travail d’équipe",
            ],
            3,
        );
        assert!(got.contains(&("Écoute active".to_owned(), 1)));
        assert!(got.contains(&("travail-d'équipe".to_owned(), 2)));
    }

    #[test]
    fn stop_words_alone_and_empty_entries_are_dropped() {
        assert!(entries("les", 3).is_empty());
        assert!(entries(" , ,\n", 3).is_empty());
        assert_eq!(entries("le respect", 3), ["le respect"]);
    }

    #[test]
    fn short_words_keep_their_final_letter() {
        assert_eq!(group_key("bus"), "bus");
        assert_eq!(group_key("Choux"), "chou");
        assert_eq!(group_key("Parents   engagés"), "parent engage");
    }

    #[test]
    fn the_most_frequent_form_is_shown_and_text_is_kept_as_sent() {
        let got = cloud(&["respect", "Respect", "Respect", "<script>", "🎉 fête"], 3);
        assert_eq!(got[0], ("Respect".to_owned(), 3));
        assert!(got.contains(&("<script>".to_owned(), 1)));
        assert!(got.contains(&("🎉 fête".to_owned(), 1)));
        let long = "mot ".repeat(2_500);
        assert_eq!(entries(&long, 3).len(), 1);
    }

    #[test]
    fn every_spelling_of_ecoute_from_the_brief_is_one_group() {
        let got = cloud(
            &[
                "Écoute",
                "écoute",
                "l'écoute",
                "L’Écoute",
                "Écoutes",
                "  écoute  ",
            ],
            3,
        );
        // « écoute » is written 3 times (« l'écoute » and «   écoute   »
        // included), « Écoute » twice, « Écoutes » once.
        assert_eq!(got, [("écoute".to_owned(), 6)]);
    }

    #[test]
    fn a_phrase_is_not_cut_into_words() {
        let got = cloud(&["Écoute active", "écoute", "active"], 3);
        assert_eq!(got.len(), 3);
        assert!(got.contains(&("Écoute active".to_owned(), 1)));
        assert_eq!(group_key("Écoute   active"), "ecoute active");
    }

    #[test]
    fn hyphens_and_spaces_group() {
        assert_eq!(group_key("travail-d'équipe"), group_key("travail d'équipe"));
        assert_eq!(group_key("travail-d'équipe"), group_key("Travail d’équipe"));
        assert_eq!(
            group_key("travail\u{2011}d’équipe"),
            group_key("travail  d'équipe")
        );
        let got = cloud(
            &["travail d'équipe", "travail-d'équipe", "travail-d'équipe"],
            3,
        );
        assert_eq!(got, [("travail-d'équipe".to_owned(), 3)]);
    }

    #[test]
    fn max_words_keeps_the_first_entries() {
        assert_eq!(
            entries("respect, écoute, confiance, partage", 2),
            ["respect", "écoute"]
        );
        assert_eq!(
            entries("respect\nécoute\r\nconfiance, partage, ouverture", 3),
            ["respect", "écoute", "confiance"]
        );
        assert!(entries("respect", 0).is_empty());
    }

    #[test]
    fn emoji_and_markup_are_kept_as_plain_text() {
        assert_eq!(entries("🎉", 3), ["🎉"]);
        assert_eq!(
            entries("<script>alert(1)</script>", 3),
            ["<script>alert(1)</script>"]
        );
        let got = cloud(&["🎉", "🎉", "<b>gras</b>", "R&D"], 3);
        assert_eq!(got[0], ("🎉".to_owned(), 2));
        assert!(got.contains(&("<b>gras</b>".to_owned(), 1)));
        assert!(got.contains(&("R&D".to_owned(), 1)));
    }

    #[test]
    fn ten_thousand_characters_do_not_panic() {
        let texts = [
            "é".repeat(10_000),
            ",".repeat(10_000),
            "\n".repeat(10_000),
            "l’".repeat(5_000),
            "İ".repeat(10_000),
            "🎉".repeat(10_000),
            "-".repeat(10_000),
            "x".repeat(10_000),
            "mot ".repeat(2_500),
        ];
        for text in &texts {
            let all = entries(text, 3);
            assert!(all.len() <= 3);
            let _ = group(all.iter().map(String::as_str));
        }
    }

    #[test]
    fn stop_words_alone_are_dropped_whatever_their_length_or_case() {
        for alone in [
            "les", "Les", " LES ", "l'", "de la", "dans", "mais", "Nous", "vous", "plus", "Où", "à",
        ] {
            assert!(entries(alone, 3).is_empty(), "{alone}");
        }
        assert_eq!(entries("les, parents", 3), ["parents"]);
        assert_eq!(entries("plus de temps", 3), ["plus de temps"]);
    }

    #[test]
    fn three_letter_words_keep_their_final_s_or_x() {
        assert_eq!(group_key("ans"), "ans");
        assert_eq!(group_key("eux"), "eux");
        assert_ne!(group_key("ans"), group_key("an"));
        assert_eq!(group_key("jeux"), "jeu");
        assert_eq!(group_key("Feux de camp"), "feu de camp");
        assert_eq!(group_key("parents"), group_key("parent"));
    }

    #[test]
    fn an_answer_of_three_lines_and_commas_gives_three_entries() {
        assert_eq!(
            entries("Confiance, respect\nécoute", 3),
            ["Confiance", "respect", "écoute"]
        );
        assert_eq!(cloud(&["Confiance, respect\nécoute"], 3).len(), 3);
    }
}
