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

/// Words that people shorten when they retype a name, spelled out:
/// `Comm. scolaire`, `Univ. du Québec`, `Mun. de Larouche`. Only
/// contractions of one word each; acronyms of several words (`CPE`, `CLSC`)
/// are the words people match on and aliases carry their long forms.
const CONTRACTIONS: [(&str, &str); 13] = [
    ("comm", "commission"),
    ("com", "commission"),
    ("univ", "universite"),
    ("mun", "municipalite"),
    ("munic", "municipalite"),
    ("assoc", "association"),
    ("cie", "compagnie"),
    ("coop", "cooperative"),
    ("regr", "regroupement"),
    ("ctre", "centre"),
    ("corp", "corporation"),
    ("fed", "federation"),
    ("gouv", "gouvernement"),
];

/// A word as typed, with what follows it.
struct Raw {
    text: String,
    /// Followed by an apostrophe: `l'`, `d'`.
    before_apostrophe: bool,
    /// Followed by a dot: an initial of a dotted acronym (`C.P.E.`).
    before_dot: bool,
}

/// The words of [`super::normalize`], in order.
pub(crate) fn words(name: &str) -> Vec<String> {
    let mut raw: Vec<Raw> = Vec::new();
    let mut current = String::new();
    for c in fold(name) {
        // Before the letter test: `ʼ` (U+02BC) is a letter to Unicode.
        let apostrophe = is_apostrophe(c);
        if !apostrophe && c.is_alphanumeric() {
            current.push(c);
        } else if !current.is_empty() {
            raw.push(Raw {
                text: std::mem::take(&mut current),
                before_apostrophe: apostrophe,
                before_dot: c == '.',
            });
        }
    }
    if !current.is_empty() {
        raw.push(Raw {
            text: current,
            before_apostrophe: false,
            before_dot: false,
        });
    }
    let raw = join_dotted_initials(raw);

    let kept: Vec<&str> = raw
        .iter()
        .enumerate()
        .filter(|(i, word)| !is_little_word(word, raw.get(i + 1)))
        .map(|(_, word)| word.text.as_str())
        .collect();
    // A name made only of little words (`La`, `Les`) keeps them rather than
    // becoming empty and matching nothing, or everything.
    let kept = if kept.is_empty() {
        raw.iter().map(|word| word.text.as_str()).collect()
    } else {
        kept
    };

    let mut out: Vec<String> = Vec::with_capacity(kept.len() + 3);
    for word in kept {
        match word {
            "st" => out.push("saint".to_owned()),
            "ste" => out.push("sainte".to_owned()),
            _ => {
                if let Some((_, long)) = ABBREVIATIONS.iter().find(|(short, _)| *short == word) {
                    out.extend(long.iter().map(|w| (*w).to_owned()));
                } else if let Some((_, long)) =
                    CONTRACTIONS.iter().find(|(short, _)| *short == word)
                {
                    out.push((*long).to_owned());
                } else {
                    out.push(word.to_owned());
                }
            }
        }
    }
    drop_repeated_places(&mut out);
    out
}

/// `C.P.E.`, `C. L. S. C.` and `U.Q.A.C` are the acronyms `CPE`, `CLSC` and
/// `UQAC`: a run of two or more one-letter words, each but the last followed
/// by a dot, becomes one word.
fn join_dotted_initials(raw: Vec<Raw>) -> Vec<Raw> {
    let initial = |word: &Raw| word.text.chars().count() == 1;
    let mut out: Vec<Raw> = Vec::with_capacity(raw.len());
    let mut run = false;
    for word in raw {
        let joins = run && initial(&word);
        if joins && let Some(last) = out.last_mut() {
            last.text.push_str(&word.text);
            last.before_apostrophe = word.before_apostrophe;
            last.before_dot = word.before_dot;
        } else {
            out.push(word);
        }
        let last = out.last().expect("a word was just pushed");
        // A run goes on after an initial followed by a dot, whether it is
        // the first (`C.`) or already joined (`C.P.`).
        run = last.before_dot
            && last.text.chars().all(char::is_alphabetic)
            && (initial(last) || joins);
    }
    out
}

/// The name without what it says in parentheses or brackets (`École
/// Jean-Gauthier (programme Sport-études)`), when it says something outside
/// them. An unclosed parenthesis runs to the end.
pub(crate) fn without_qualifiers(name: &str) -> Option<String> {
    let mut depth = 0_usize;
    let mut out = String::with_capacity(name.len());
    let mut removed = false;
    for c in name.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                removed = true;
            }
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    (removed && out.chars().any(char::is_alphanumeric)).then_some(out)
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

/// An article, or `l`/`d` elided: before an apostrophe, or before a
/// word starting with a vowel or `h` when the apostrophe was typed as a space
/// (`L Envolée`, `Carrefour jeunesse-emploi d Alma`). Anywhere else a lone
/// letter is an initial (`Vitamine D`).
fn is_little_word(word: &Raw, next: Option<&Raw>) -> bool {
    let elided = word.before_apostrophe
        || (!word.before_dot
            && next.is_some_and(|next| next.text.starts_with(['a', 'e', 'i', 'o', 'u', 'y', 'h'])));
    LITTLE_WORDS.contains(&word.text.as_str()) || (elided && ELIDED.contains(&word.text.as_str()))
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
