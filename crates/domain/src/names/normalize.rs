//! Canonical form of an organization name.
//!
//! Two spellings of one name must reach the same words: attendance grids are
//! typed by hand, with or without accents, with any dash or apostrophe, and
//! with or without the little words of French.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Articles and contractions that French names drop or add freely:
/// `Commission scolaire De La Jonquière` is `Commission scolaire Jonquière`.
const LITTLE_WORDS: [&str; 6] = ["le", "la", "les", "du", "de", "des"];

/// `l'` and `d'`: only dropped before an apostrophe, where they cannot be an
/// initial (`Vitamine D`).
const ELIDED: [&str; 2] = ["l", "d"];

/// Place-name abbreviations that stand for one place only. Organization
/// acronyms (`CIUSSS`, `CPE`, `MRC`) are not here: they are the words people
/// match on, and aliases carry their long forms. A region number such as `02`
/// is not here either, since a digit is also a phone prefix or an age range.
const ABBREVIATIONS: [(&str, &[&str]); 2] = [
    ("slsj", &["saguenay", "lac", "saint", "jean"]),
    ("qc", &["quebec"]),
];

/// The words of [`super::normalize`], in order.
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut raw: Vec<(String, bool)> = Vec::new();
    let mut current = String::new();
    for c in fold(name) {
        // Before the letter test: `ʼ` (U+02BC) is a letter to Unicode.
        let apostrophe = is_apostrophe(c);
        if !apostrophe && c.is_alphanumeric() {
            current.push(c);
        } else if !current.is_empty() {
            raw.push((std::mem::take(&mut current), apostrophe));
        }
    }
    if !current.is_empty() {
        raw.push((current, false));
    }

    let kept: Vec<&str> = raw
        .iter()
        .filter(|(word, elided)| !is_little_word(word, *elided))
        .map(|(word, _)| word.as_str())
        .collect();
    // A name made only of little words (`La`, `Les`) keeps them rather than
    // becoming empty and matching nothing, or everything.
    let kept = if kept.is_empty() {
        raw.iter().map(|(word, _)| word.as_str()).collect()
    } else {
        kept
    };

    let mut out: Vec<String> = Vec::with_capacity(kept.len() + 3);
    for word in kept {
        match word {
            "st" => out.push("saint".to_owned()),
            "ste" => out.push("sainte".to_owned()),
            _ => match ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
                Some((_, long)) => out.extend(long.iter().map(|w| (*w).to_owned())),
                None => out.push(word.to_owned()),
            },
        }
    }
    drop_repeated_places(&mut out);
    out
}

/// Accents off, lower case, ligatures spelled out.
fn fold(name: &str) -> impl Iterator<Item = char> + '_ {
    name.nfkd()
        .flat_map(char::to_lowercase)
        .filter(|c| !is_combining_mark(*c))
        .flat_map(|c| {
            // NFKD leaves these whole; people type them either way.
            let (first, second) = match c {
                'œ' => ('o', Some('e')),
                'æ' => ('a', Some('e')),
                'ß' => ('s', Some('s')),
                'ø' => ('o', None),
                'ł' => ('l', None),
                _ => (c, None),
            };
            std::iter::once(first).chain(second)
        })
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`')
}

fn is_little_word(word: &str, before_apostrophe: bool) -> bool {
    LITTLE_WORDS.contains(&word) || (before_apostrophe && ELIDED.contains(&word))
}

/// `Saguenay-Lac-Saint-Jean (SLSJ)` spells the place out and then abbreviates
/// it; counting it twice would make the name look different from the same
/// name written once.
fn drop_repeated_places(words: &mut Vec<String>) {
    for (_, place) in ABBREVIATIONS {
        let n = place.len();
        let mut i = 0;
        while i + 2 * n <= words.len() {
            if words[i..i + n] == *place && words[i + n..i + 2 * n] == *place {
                words.drain(i + n..i + 2 * n);
            } else {
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::normalize;

    #[track_caller]
    fn same(forms: &[&str]) {
        let first = normalize(forms[0]);
        for form in &forms[1..] {
            assert_eq!(normalize(form), first, "{form:?} vs {:?}", forms[0]);
        }
    }

    #[test]
    fn accents_case_dashes_and_articles() {
        same(&[
            "Centre de femmes Mieux-Être de Jonquière",
            "centre femmes mieux etre jonquiere",
            "CENTRE DE FEMMES MIEUX–ÊTRE DE JONQUIÈRE",
            "  Centre   de femmes\nMieux — Être, de Jonquière. ",
        ]);
        assert_eq!(
            normalize("Centre de femmes Mieux-Être de Jonquière"),
            "centre femmes mieux etre jonquiere"
        );
        same(&[
            "Commission scolaire De La Jonquière",
            "Commission scolaire de la Jonquiere",
            "commission scolaire jonquière",
        ]);
    }

    #[test]
    fn apostrophes_and_elisions() {
        same(&[
            "L’Envolée",
            "l'envolee",
            "Envolée",
            "L‘ENVOLÉE",
            "lʼEnvolée",
        ]);
        assert_eq!(normalize("L’Envolée"), "envolee");
        same(&["Avenir d'Enfants", "Avenir d’enfants", "Avenir des enfants"]);
        assert_eq!(
            normalize("L'école Notre-Dame-du -Sourire"),
            "ecole notre dame sourire"
        );
        // A lone `D` that is not elided is an initial, not an article.
        assert_eq!(normalize("Vitamine D"), "vitamine d");
    }

    #[test]
    fn saints_and_places() {
        same(&[
            "St-Ambroise",
            "Saint-Ambroise",
            "St. Ambroise",
            "ST AMBROISE",
        ]);
        same(&["Ste-Foy", "Sainte-Foy", "Ste. Foy"]);
        // Only whole words: `Stade` and `Est` stay as they are.
        assert_eq!(normalize("Stade de l'Est"), "stade est");
        same(&[
            "Association PANDA Saguenay-Lac-Saint-Jean (SLSJ)",
            "Association PANDA Saguenay–Lac-Saint-Jean",
            "Association PANDA SLSJ",
            "Association PANDA (SLSJ) Saguenay–Lac-St-Jean",
        ]);
        same(&[
            "Ministère de l'Éducation du Québec",
            "Ministère de l'Éducation, QC",
        ]);
    }

    #[test]
    fn ligatures_digits_and_degenerate_names() {
        same(&["Cœur d'Élèves", "coeur eleves"]);
        assert_eq!(
            normalize("Regroupement Lac-Saint-Jean-Est 0-5 ans"),
            "regroupement lac saint jean est 0 5 ans"
        );
        assert_eq!(normalize("La"), "la");
        assert_eq!(normalize("Les Le"), "les le");
        assert_eq!(normalize(""), "");
        assert_eq!(normalize(" — !!! "), "");
    }
}
