//! Similarity of two normalized names, in [0, 1].
//!
//! Words first: an IDF-weighted Dice coefficient over the distinct words of
//! both names, which ignores word order and where a missing or extra word
//! costs what that word is worth: `Centre` or `CPE` is common and cheap,
//! `Sagamie` is rare and decisive. A word pairs with its equal, with another
//! gender or number of it (`famille`, `familles`), with a typo of it (one
//! edit, 5+ letters) or with a word that sounds the same (`Alfa`, `Alpha`),
//! for a little less than an equal.
//!
//! Then characters, for what words miss (`Mieuxetre` for `Mieux Être`,
//! `Shicoutimy` for `Chicoutimi`): the words left unpaired on both sides are
//! compared letter by letter, and their weight counts in proportion to that
//! similarity. This only applies when all of them are long enough to be
//! misspellings and close enough: `CRF du SLSJ` and `CRÉ du SLSJ` are one
//! letter apart but two organizations, and so are `CPS 02` and `CPS 03`
//! (numbers are identifiers, never typos).
//!
//! With `w` the weight of a word (see `index.rs`: `1 + ln(N / df)`, N
//! candidates, df of them having the word), `s` the similarity of a pair and
//! `r` that of the unpaired words (0 when they are short, hold digits or are
//! less than 0.8 alike):
//!
//! ```text
//! score = (Σ pairs s·(w_a + w_b) + r·Σ unpaired w) / (Σ words of a w + Σ words of b w)
//! ```

/// Words shorter than this never count as typos of one another: `CPE`, `CRF`
/// and `CRÉ` differ by one letter and are different organizations.
/// The same rule as search: a word of 5+ letters may carry one typo.
const TYPO_MIN_CHARS: usize = 5;
/// Unpaired words shorter than this (acronyms, `Est`, a mistyped `des`) keep
/// the unpaired words from being compared letter by letter, and so do words
/// with digits.
const SPELLING_MIN_CHARS: usize = 4;
/// Unpaired words count by their spelling only when at most about one letter
/// in five differs: `Milon` and `Balon` (two letters in five) are two names.
const SPELLING_MIN_SIMILARITY: f64 = 0.8;
/// Two words written differently that sound the same count nearly as equal,
/// as a typo in a ten-letter word does.
const SOUND_ALIKE: f64 = 0.9;

/// A word with its length in characters and its weight.
#[derive(Clone, Copy)]
pub(crate) struct Term<'a> {
    pub text: &'a str,
    pub chars: usize,
    pub weight: f64,
}

/// One side of a comparison: its distinct words in the order written, and
/// their total weight.
pub(crate) struct Side<'a> {
    pub words: &'a [Term<'a>],
    pub weight: f64,
}

/// Two forms of one word (`famille`, `familles`; `régional`, `régionaux`;
/// `intervenant`, `intervenantes`) count nearly as equal: a grid retyped from
/// memory slips on gender and number more than on spelling.
const SLIP: f64 = 0.95;
/// `art` and `arts` are one word; shorter words are acronyms or articles.
pub(crate) const SLIP_MIN_CHARS: usize = 3;

/// Similarity of two different words: a slip of gender or number, a typo or
/// a sound-alike, otherwise 0.
pub(crate) fn word_similarity(a: &str, a_chars: usize, b: &str, b_chars: usize) -> f64 {
    if has_digit(a) || has_digit(b) {
        return 0.0;
    }
    if a_chars.min(b_chars) >= SLIP_MIN_CHARS && stem(a) == stem(b) {
        return SLIP;
    }
    if a_chars.min(b_chars) < SPELLING_MIN_CHARS {
        return 0.0;
    }
    let longest = a_chars.max(b_chars);
    if longest >= TYPO_MIN_CHARS
        && a_chars.abs_diff(b_chars) <= 1
        && strsim::osa_distance(a, b) == 1
    {
        return 1.0 - ratio(1, longest);
    }
    if sound(a) == sound(b) {
        SOUND_ALIKE
    } else {
        0.0
    }
}

/// The score of two names. `similar` lists the pairs of different words
/// (index in `a`, index in `b`) that [`word_similarity`] accepts, with their
/// similarity: the index found them once for the query, so they are not
/// searched again for every candidate.
pub(crate) fn score(a: &Side<'_>, b: &Side<'_>, similar: &[(usize, usize, f64)]) -> f64 {
    let total = a.weight + b.weight;
    if total <= 0.0 {
        return 0.0;
    }
    let mut pairs: Vec<(f64, usize, usize)> = similar.iter().map(|&(i, j, s)| (s, i, j)).collect();
    for (i, x) in a.words.iter().enumerate() {
        if let Some(j) = b.words.iter().position(|y| y.text == x.text) {
            pairs.push((1.0, i, j));
        }
    }
    // Best pairs first, each word in at most one pair.
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut paired_a = vec![false; a.words.len()];
    let mut paired_b = vec![false; b.words.len()];
    let mut matched = 0.0;
    for (similarity, i, j) in pairs {
        if !paired_a[i] && !paired_b[j] {
            paired_a[i] = true;
            paired_b[j] = true;
            matched += similarity * (a.words[i].weight + b.words[j].weight);
        }
    }

    let rest_a = unpaired(a.words, &paired_a);
    let rest_b = unpaired(b.words, &paired_b);
    let spellable = |rest: &[Term<'_>]| {
        !rest.is_empty()
            && rest
                .iter()
                .all(|w| w.chars >= SPELLING_MIN_CHARS && !has_digit(w.text))
    };
    if spellable(&rest_a) && spellable(&rest_b) {
        let similarity = spelling_similarity(&rest_a, &rest_b);
        if similarity >= SPELLING_MIN_SIMILARITY {
            let weight: f64 = rest_a.iter().chain(&rest_b).map(|w| w.weight).sum();
            matched += weight * similarity;
        }
    }
    (matched / total).min(1.0)
}

fn unpaired<'a>(words: &[Term<'a>], paired: &[bool]) -> Vec<Term<'a>> {
    words
        .iter()
        .zip(paired)
        .filter(|(_, paired)| !**paired)
        .map(|(w, _)| *w)
        .collect()
}

/// Optimal-string-alignment similarity of two runs of words, as written.
fn spelling_similarity(a: &[Term<'_>], b: &[Term<'_>]) -> f64 {
    let spell = |words: &[Term<'_>]| words.iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
    let (x, y) = (spell(a), spell(b));
    let longest = x.chars().count().max(y.chars().count());
    1.0 - ratio(strsim::osa_distance(&x, &y), longest)
}

/// A French word without its marks of number and gender: `-aux` is `-al`,
/// then a final `s` or `x`, then a final `e`, go. Both words of a pair are
/// stemmed alike, so the stem need not be a word. A doubled consonant stays
/// (`Jeanne` is not `Jean`).
pub(crate) fn stem(word: &str) -> String {
    let mut out = word.to_owned();
    if let Some(base) = out.strip_suffix("aux") {
        out = format!("{base}al");
    } else if out.ends_with(['s', 'x']) {
        out.pop();
    }
    if out.ends_with('e') && out.chars().count() > 3 {
        out.pop();
    }
    out
}

/// How a French word sounds, roughly: enough to pair `Alfa` with `Alpha` or
/// `Rosélan` with `Rosellan`, not a full phonetic algorithm.
pub(crate) fn sound(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        let (sound, width) = match (chars[i], next) {
            ('p', Some('h')) => ('f', 2),
            ('t', Some('h')) => ('t', 2),
            ('q', Some('u')) | ('c', Some('k')) => ('k', 2),
            ('c', Some('a' | 'o' | 'u')) | ('q', _) => ('k', 1),
            ('e', Some('a')) if chars.get(i + 2) == Some(&'u') => ('o', 3),
            ('a', Some('u')) => ('o', 2),
            ('y', _) => ('i', 1),
            (c, _) => (c, 1),
        };
        // Doubled letters sound single: `ll`, `nn`, `ss`.
        if !out.ends_with(sound) {
            out.push(sound);
        }
        i += width;
    }
    out
}

pub(crate) fn has_digit(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit())
}

#[expect(
    clippy::cast_precision_loss,
    reason = "name lengths are far below 2^52"
)]
fn ratio(part: usize, whole: usize) -> f64 {
    part as f64 / whole as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_sound_alikes() {
        assert!((word_similarity("paremts", 7, "parents", 7) - 6.0 / 7.0).abs() < 1e-9);
        assert!(word_similarity("sagamei", 7, "sagamie", 7) > 0.8);
        assert!((word_similarity("alfa", 4, "alpha", 5) - SOUND_ALIKE).abs() < 1e-9);
        assert_eq!(sound("rosellan"), sound("roselan"));
        assert_eq!(sound("kebec"), sound("quebec"));
        // Short words and numbers are never typos of one another.
        assert!(word_similarity("cre", 3, "crf", 3) == 0.0);
        assert!(word_similarity("uqac", 4, "uqam", 4) == 0.0);
        assert!(word_similarity("2018", 4, "2019", 4) == 0.0);
        assert!(word_similarity("souris", 6, "sagamie", 7) == 0.0);
        // Gender and number slips.
        for (a, b) in [
            ("famille", "familles"),
            ("regional", "regionaux"),
            ("regional", "regionale"),
            ("intervenant", "intervenantes"),
            ("communautaire", "communautaires"),
        ] {
            let similarity = word_similarity(a, a.len(), b, b.len());
            assert!((similarity - SLIP).abs() < 1e-9, "{a} {b}: {similarity}");
        }
        assert!((word_similarity("art", 3, "arts", 4) - SLIP).abs() < 1e-9);
        assert!(word_similarity("jean", 4, "jeanne", 6) == 0.0);
        assert!(word_similarity("louis", 5, "louise", 6) < SLIP);
    }

    fn side<'a>(terms: &'a [Term<'a>]) -> Side<'a> {
        Side {
            words: terms,
            weight: terms.iter().map(|t| t.weight).sum(),
        }
    }

    fn term(text: &str, weight: f64) -> Term<'_> {
        Term {
            text,
            chars: text.chars().count(),
            weight,
        }
    }

    #[test]
    fn unpaired_words_count_by_their_spelling_when_close_and_long() {
        let apart = [term("centre", 1.0), term("mieux", 2.0), term("etre", 2.0)];
        let merged = [term("centre", 1.0), term("mieuxetre", 3.0)];
        let score_merged = score(&side(&apart), &side(&merged), &[]);
        // `centre` pairs; `mieux etre` is one edit from `mieuxetre` (0.9).
        let expected = (2.0 * 1.0 + 0.9 * (2.0 + 2.0 + 3.0)) / 9.0;
        assert!((score_merged - expected).abs() < 1e-9, "{score_merged}");

        // Two letters in five: another name, not a misspelling.
        let milon = [term("centre", 1.0), term("milon", 4.0)];
        let balon = [term("centre", 1.0), term("balon", 4.0)];
        let score_balon = score(&side(&milon), &side(&balon), &[]);
        assert!((score_balon - 0.2).abs() < 1e-9, "{score_balon}");

        // Acronyms one letter apart are never compared letter by letter.
        let cre = [term("cre", 3.0), term("saguenay", 1.0), term("lac", 1.0)];
        let crf = [term("crf", 3.0), term("saguenay", 1.0), term("lac", 1.0)];
        let score_crf = score(&side(&cre), &side(&crf), &[]);
        assert!((score_crf - 0.4).abs() < 1e-9, "{score_crf}");
    }
}
