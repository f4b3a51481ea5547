//! Organization name matching: attendance import, plan import and duplicate
//! detection all ask "which organization is this name?" the same way.
//!
//! A name is first [normalized](normalize), then looked up as an exact name,
//! then as an alias, then scored against the candidates that share a word with
//! it (or a typo, a sound-alike or another gender or number of one), with and
//! without what it says in parentheses (see `score.rs` for the formula, `index.rs` for how candidates are
//! found without comparing the name with all of them). A name whose two best
//! candidates score too close is [`Match::Ambiguous`]: a person decides,
//! never the matcher.

mod index;
mod normalize;
mod score;
#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::fmt;

use index::{DUPLICATE_SHORTLIST, Index, Query, SHORTLIST};

/// Lowest score a fuzzy match is accepted with.
///
/// Chosen on the 48 names of the attendance grid in seed 004 matched against
/// the 88 organizations of the demo territory, with 100 random one-letter
/// typos of each name (insertion, deletion, substitution or swap):
/// - a typo the matcher recognizes scores 0.85 or more (a typo in a word of
///   5+ letters costs 1/length of that word's share; dropped articles and
///   word order cost nothing);
/// - a typo'd name scores at most 0.79 against any other organization
///   (`Carrefour jeunesse-emploi Saguenay` for the Jonquière office);
/// - a name whose organization is missing from the list scores at most 0.85
///   against the others, except names one word apart (`CPE Chez-Moi
///   Chez-Toi`, `BC du CPE Chez-Moi Chez-Toi`: 0.89), which no text
///   measure tells apart;
/// - bare generic words (`CPE`, `Centre`, `Garderie`, `Ville`) score 0.75 at
///   most.
///
/// 570 of the 4,800 typos are then not recognized (no match, never a wrong
/// one): typos in words of four letters or fewer, where a typo and another
/// name look the same (`CRF`, `CRÉ`), are left to a person.
pub const FUZZY_THRESHOLD: f64 = 0.85;

/// How far the best candidate must lead the second one to be chosen.
///
/// A one-letter typo moves a score by 0.05 to 0.15, so two candidates less
/// than 0.05 apart are not told apart by the text: a person chooses. On the
/// typos of the seed, the right organization leads the next one by 0.19 at
/// least, so the margin never hides a right answer there.
pub const AMBIGUITY_MARGIN: f64 = 0.05;

/// How well a name with a qualifier in parentheses must fit another
/// organization than the name without it for the two to be a choice.
///
/// `Carrefour jeunesse-emploi Saguenay (arr. Jonquière)` fits the Jonquière
/// office at 0.77 and the Saguenay one at 0.79: without the qualifier it is
/// exactly the Saguenay one, but the qualifier may be the office. A
/// qualifier that only adds words (`Cégep de Jonquière (campus Alma)`, 0.67
/// at most against the `Cégep d'Alma`) stays below.
pub const QUALIFIER_FLOOR: f64 = 0.75;

/// Canonical form for comparing organization names.
///
/// Accents, case, ligatures, apostrophes, dashes and other punctuation are
/// folded away; the articles *le, la, les, l', du, de, des, d'* are dropped
/// (unless the name is nothing else), and so are `l`/`d` when the apostrophe
/// was typed as a space (`L Envolée`); dotted acronyms lose their dots
/// (`C.P.E.` is `CPE`); common contractions are spelled out (`Comm.`,
/// `Univ.`, `Mun.`, `Assoc.`, `Cie`, `Coop`…); `St`/`Ste` become
/// `saint`/`sainte`; the
/// regional abbreviations `SLSJ` and `QC` are spelled out, and a place both
/// spelled out and abbreviated (`Saguenay-Lac-Saint-Jean (SLSJ)`) counts once.
/// Words are joined by one space.
///
/// `Commission scolaire De La Jonquière` → `commission scolaire jonquiere`.
pub fn normalize(name: &str) -> String {
    normalize::words(name).join(" ")
}

/// An organization that names may match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
}

/// The outcome of matching one name.
#[derive(Debug, Clone, PartialEq)]
pub enum Match {
    /// The name, normalized, is the candidate's name.
    Exact {
        id: String,
    },
    /// The name, normalized, is one of the candidate's aliases.
    Alias {
        id: String,
    },
    /// The candidate's name or an alias is close enough, and clearly closer
    /// than any other candidate's. `score` is in `[FUZZY_THRESHOLD, 1]`.
    Fuzzy {
        id: String,
        score: f64,
    },
    /// Several candidates fit about as well; best first. Exact or alias hits
    /// shared by several candidates score 1.
    Ambiguous {
        candidates: Vec<(String, f64)>,
    },
    NoMatch,
}

/// Candidates indexed for matching: built once, queried many times, from any
/// number of threads.
pub struct Matcher {
    ids: Vec<String>,
    names: HashMap<String, Vec<u32>>,
    aliases: HashMap<String, Vec<u32>>,
    index: Index,
}

impl fmt::Debug for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Matcher")
            .field("candidates", &self.ids.len())
            .field("names_and_aliases", &self.index.keys.len())
            .field("words", &self.index.word_count())
            .finish_non_exhaustive()
    }
}

impl Matcher {
    pub fn new(candidates: impl IntoIterator<Item = Candidate>) -> Self {
        let mut ids = Vec::new();
        let mut names: HashMap<String, Vec<u32>> = HashMap::new();
        let mut aliases: HashMap<String, Vec<u32>> = HashMap::new();
        let mut keys = Vec::new();
        for (number, candidate) in candidates.into_iter().enumerate() {
            let number = u32::try_from(number).expect("fewer than 2^32 candidates");
            let mut seen: Vec<String> = Vec::new();
            let forms = std::iter::once((true, &candidate.name))
                .chain(candidate.aliases.iter().map(|alias| (false, alias)));
            for (is_name, form) in forms {
                if crate::limits::exceeds(form, crate::limits::NAME) {
                    continue;
                }
                let words = normalize::words(form);
                let key = words.join(" ");
                // An alias that normalizes like the name (or like another
                // alias) adds nothing.
                if key.is_empty() || seen.contains(&key) {
                    continue;
                }
                seen.push(key.clone());
                let table = if is_name { &mut names } else { &mut aliases };
                table.entry(key).or_default().push(number);
                keys.push((number, is_name, words));
            }
            ids.push(candidate.id);
        }
        let index = Index::build(keys, ids.len());
        Self {
            ids,
            names,
            aliases,
            index,
        }
    }

    /// The candidate this name designates, if the text tells.
    ///
    /// The name is [normalized](normalize) and looked up among the names,
    /// then the aliases; failing both, it is scored against the candidates
    /// sharing a word with it (or a typo or sound-alike of one), at most a
    /// hundred of them, those sharing the most first. A name with no letter
    /// or digit matches nothing.
    ///
    /// A name that normalizes to some candidate's name is that candidate even
    /// when it is also another candidate's alias: an organization's own name
    /// outranks what others are called.
    pub fn find(&self, input: &str) -> Match {
        // Scoring grows with the square of a name's length: a value longer
        // than any name is no name (callers refuse it with a message).
        if crate::limits::exceeds(input, crate::limits::NAME) {
            return Match::NoMatch;
        }
        let words = self.unglued(normalize::words(input));
        if words.is_empty() {
            return Match::NoMatch;
        }
        let key = words.join(" ");
        if let Some(found) = self.names.get(&key) {
            return self.by_key(found, |id| Match::Exact { id });
        }
        if let Some(found) = self.aliases.get(&key) {
            return self.by_key(found, |id| Match::Alias { id });
        }

        let floor = FUZZY_THRESHOLD - AMBIGUITY_MARGIN;
        let bare = normalize::without_qualifiers(input)
            .map(|bare| self.unglued(normalize::words(&bare)))
            .filter(|bare| !bare.is_empty() && *bare != words);
        let Some(bare) = bare else {
            return decide(self.close(
                self.scores(&self.index.query(&words), floor),
                FUZZY_THRESHOLD,
            ));
        };

        // A qualifier in parentheses (a program, a campus) names a part of
        // the organization: the name without it settles what the whole does
        // not, and the whole breaks a tie of the name without it. When the
        // whole points elsewhere, even weakly (the qualifier may name an
        // office of its own), a person chooses.
        let scores = self.scores(
            &self.index.query(&words),
            QUALIFIER_FLOOR - AMBIGUITY_MARGIN,
        );
        let full = self.close(scores.clone(), FUZZY_THRESHOLD);
        let elsewhere = self.close(scores, QUALIFIER_FLOOR);
        let key = bare.join(" ");
        let bare = match self.names.get(&key).or_else(|| self.aliases.get(&key)) {
            Some(found) => self.close(found.iter().map(|c| (*c, 1.0)).collect(), FUZZY_THRESHOLD),
            None => self.close(
                self.scores(&self.index.query(&bare), floor),
                FUZZY_THRESHOLD,
            ),
        };
        let within = |list: &[(String, f64)], id: &str| list.iter().any(|(seen, _)| seen == id);
        let close = if bare.is_empty() {
            full
        } else if full.is_empty() {
            if elsewhere.iter().all(|(id, _)| within(&bare, id)) {
                bare
            } else {
                dedup_ids([bare, elsewhere].concat())
            }
        } else {
            let both: Vec<(String, f64)> = full
                .iter()
                .filter_map(|(id, score)| {
                    let (_, other) = bare.iter().find(|(seen, _)| seen == id)?;
                    Some((id.clone(), score.max(*other)))
                })
                .collect();
            if both.is_empty() {
                dedup_ids([full, bare].concat())
            } else {
                both
            }
        };
        decide(close)
    }

    /// The candidates that fit best, best first, when the best reaches
    /// `threshold`: those less than [`AMBIGUITY_MARGIN`] behind it.
    fn close(&self, mut best: Vec<(u32, f64)>, threshold: f64) -> Vec<(String, f64)> {
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let Some(&(_, top)) = best.first() else {
            return Vec::new();
        };
        if top < threshold {
            return Vec::new();
        }
        dedup_ids(
            best.iter()
                .take_while(|(_, score)| top - score < AMBIGUITY_MARGIN)
                .map(|(candidate, score)| (self.ids[*candidate as usize].clone(), *score))
                .collect(),
        )
    }

    /// Pairs of candidates that look like the same organization, best first,
    /// scoring at least `threshold`: ids in the order the candidates were
    /// given, then the score.
    ///
    /// A name is compared with the other candidates' names and aliases; two
    /// aliases are not compared with each other, since short shared aliases
    /// (`CDC`, `CJE`) are common to many distinct organizations. Like
    /// [`find`](Self::find), a name is only compared with the names sharing
    /// a word with it (or a typo or sound-alike of one), and of those with the
    /// twenty sharing the most: not every pair of the list.
    pub fn likely_duplicates(&self, threshold: f64) -> Vec<(String, String, f64)> {
        // Scores of 0 say nothing about sameness.
        let floor = threshold.max(f64::MIN_POSITIVE);
        let mut pairs: HashMap<(u32, u32), f64> = HashMap::new();
        for key in self.index.keys.iter().filter(|key| key.is_name) {
            let query = self.index.key_query(key);
            for other in self.index.shortlist(&query, DUPLICATE_SHORTLIST) {
                let other_key = &self.index.keys[other as usize];
                let candidate = other_key.candidate;
                // Two names are compared once, from the first candidate.
                if candidate == key.candidate
                    || (other_key.is_name && candidate < key.candidate)
                    || self.ids[candidate as usize] == self.ids[key.candidate as usize]
                {
                    continue;
                }
                let score = self.index.score(&query, other);
                if score >= floor {
                    let pair = (key.candidate.min(candidate), key.candidate.max(candidate));
                    let kept = pairs.entry(pair).or_insert(score);
                    *kept = kept.max(score);
                }
            }
        }
        let mut pairs: Vec<((u32, u32), f64)> = pairs.into_iter().collect();
        pairs.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        pairs
            .into_iter()
            .map(|((a, b), score)| {
                (
                    self.ids[a as usize].clone(),
                    self.ids[b as usize].clone(),
                    score,
                )
            })
            .collect()
    }

    /// `Lenvolée`, `dAlma`: a left-out apostrophe glues `l` or `d` to the
    /// next word. A word no candidate has, made of `l` or `d` and a word
    /// starting with a vowel or `h` that some candidate has, is that word.
    fn unglued(&self, mut words: Vec<String>) -> Vec<String> {
        for word in &mut words {
            if let Some(rest) = word.strip_prefix(['l', 'd'])
                && rest.len() >= 3
                && rest.starts_with(['a', 'e', 'i', 'o', 'u', 'y', 'h'])
                && !self.index.knows(word)
                && self.index.knows(rest)
            {
                *word = rest.to_owned();
            }
        }
        words
    }

    fn by_key(&self, found: &[u32], one: impl FnOnce(String) -> Match) -> Match {
        let found = dedup_ids(
            found
                .iter()
                .map(|candidate| (self.ids[*candidate as usize].clone(), 1.0))
                .collect(),
        );
        if let [(id, _)] = found.as_slice() {
            one(id.clone())
        } else {
            Match::Ambiguous { candidates: found }
        }
    }

    /// Each candidate's best score over its name and aliases, when at least
    /// `floor`.
    fn scores(&self, query: &Query, floor: f64) -> Vec<(u32, f64)> {
        let mut best: HashMap<u32, f64> = HashMap::new();
        for key in self.index.shortlist(query, SHORTLIST) {
            let score = self.index.score(query, key);
            if score >= floor {
                let candidate = self.index.keys[key as usize].candidate;
                let kept = best.entry(candidate).or_insert(score);
                *kept = kept.max(score);
            }
        }
        best.into_iter().collect()
    }
}

/// One candidate settles; several are a choice for a person.
fn decide(mut close: Vec<(String, f64)>) -> Match {
    close.sort_by(|a, b| b.1.total_cmp(&a.1));
    match close.as_slice() {
        [] => Match::NoMatch,
        [(id, score)] => Match::Fuzzy {
            id: id.clone(),
            score: *score,
        },
        _ => Match::Ambiguous { candidates: close },
    }
}

/// One entry per id, keeping the first (best) one: the same organization
/// given twice is not a choice between two.
fn dedup_ids(entries: Vec<(String, f64)>) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::with_capacity(entries.len());
    for (id, score) in entries {
        if !out.iter().any(|(seen, _)| *seen == id) {
            out.push((id, score));
        }
    }
    out
}
