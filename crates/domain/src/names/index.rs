//! Inverted index of the candidates' words.
//!
//! A query only ever scores the candidates that share a word with it (or a
//! typo or sound-alike of one), and only the most promising of those, so
//! matching 5,000 names against 20,000 organizations never compares every
//! name with every organization.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::score::{self, Side, Term};

/// Query words are looked up rarest first. The rarest brings in every name
/// holding it; a commoner one does too while the names collected stay under
/// this many, and otherwise only adds to the names already collected:
/// `Centre` alone may name thousands of organizations, and a candidate worth
/// scoring shares a rarer word with the query anyway.
const SEED_LIMIT: usize = 500;

/// How many of the collected names [`Index::shortlist`] keeps for a name to
/// match, those sharing the most word weight with the query first. Only the
/// best few matter for a decision, and a name ranked below a hundred others
/// that share more of the query is not among them.
pub(crate) const SHORTLIST: usize = 100;

/// The same for duplicate detection, where every name is a query: a
/// duplicate shares nearly all of its words with the name, so it ranks among
/// the very first.
pub(crate) const DUPLICATE_SHORTLIST: usize = 20;

/// Words shorter than this are not looked up with a typo or a sound
/// ([`score::word_similarity`] would refuse them).
const NEAR_MIN_CHARS: usize = 4;

/// A normalized name or alias of one candidate.
pub(crate) struct Key {
    pub candidate: u32,
    pub is_name: bool,
    /// Distinct word ids in the order written.
    words: Box<[u32]>,
    weight: f64,
}

struct Word {
    text: Box<str>,
    chars: usize,
    weight: f64,
    /// Keys holding this word, ascending.
    postings: Vec<u32>,
}

pub(crate) struct Index {
    pub keys: Vec<Key>,
    ids: HashMap<Box<str>, u32>,
    words: Vec<Word>,
    /// Every indexed word and every one-letter deletion of it → word ids: two
    /// words one edit apart share an entry (symmetric deletion, as SymSpell).
    deletions: HashMap<Box<str>, Vec<u32>>,
    /// [`score::sound`] of every indexed word → word ids.
    sounds: HashMap<Box<str>, Vec<u32>>,
    /// [`score::stem`] of every indexed word → word ids.
    stems: HashMap<Box<str>, Vec<u32>>,
    /// Weight of a word no candidate has: as telling as the rarest.
    unknown_weight: f64,
}

/// A word of a query with the indexed words it may stand for.
struct QueryWord {
    text: String,
    chars: usize,
    weight: f64,
    /// Indexed words equal to it (similarity 1), one typo away or sounding
    /// the same.
    near: Vec<(u32, f64)>,
}

pub(crate) struct Query {
    /// Distinct, in the order written.
    words: Vec<QueryWord>,
    weight: f64,
}

impl Query {
    fn terms(&self) -> Vec<Term<'_>> {
        self.words
            .iter()
            .map(|w| Term {
                text: &w.text,
                chars: w.chars,
                weight: w.weight,
            })
            .collect()
    }
}

impl Index {
    /// `keys`: for each name or alias, its candidate, whether it is the
    /// candidate's name, and its normalized words.
    pub fn build(keys: Vec<(u32, bool, Vec<String>)>, candidates: usize) -> Self {
        let mut ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut words: Vec<Word> = Vec::new();
        let mut frequency: Vec<u32> = Vec::new();
        let mut last_candidate: Vec<u32> = Vec::new();
        let mut built = Vec::with_capacity(keys.len());
        for (number, (candidate, is_name, key_words)) in keys.into_iter().enumerate() {
            let number = u32::try_from(number).expect("fewer than 2^32 names");
            let mut word_ids: Vec<u32> = Vec::with_capacity(key_words.len());
            for word in &key_words {
                let id = match ids.entry(word.as_str().into()) {
                    Entry::Occupied(entry) => *entry.get(),
                    Entry::Vacant(entry) => {
                        let id = u32::try_from(words.len()).expect("fewer than 2^32 words");
                        words.push(Word {
                            text: word.as_str().into(),
                            chars: word.chars().count(),
                            weight: 0.0,
                            postings: Vec::new(),
                        });
                        frequency.push(0);
                        last_candidate.push(u32::MAX);
                        *entry.insert(id)
                    }
                };
                if word_ids.contains(&id) {
                    continue;
                }
                word_ids.push(id);
                let slot = id as usize;
                words[slot].postings.push(number);
                // Document frequency counts organizations, not names: aliases
                // repeat their organization's words.
                if last_candidate[slot] != candidate {
                    last_candidate[slot] = candidate;
                    frequency[slot] += 1;
                }
            }
            built.push(Key {
                candidate,
                is_name,
                words: word_ids.into(),
                weight: 0.0,
            });
        }

        let total = f64::from(u32::try_from(candidates.max(1)).unwrap_or(u32::MAX));
        for (word, df) in words.iter_mut().zip(&frequency) {
            word.weight = idf(total, f64::from(*df));
        }
        for key in &mut built {
            key.weight = key.words.iter().map(|id| words[*id as usize].weight).sum();
        }

        let mut deletions: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut sounds: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut stems: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        for (id, word) in words.iter().enumerate() {
            let id = u32::try_from(id).expect("fewer than 2^32 words");
            if word.chars >= score::SLIP_MIN_CHARS {
                stems
                    .entry(score::stem(&word.text).into())
                    .or_default()
                    .push(id);
            }
            if word.chars < NEAR_MIN_CHARS {
                continue;
            }
            for variant in with_deletions(&word.text) {
                let ids = deletions.entry(variant.into()).or_default();
                if ids.last() != Some(&id) {
                    ids.push(id);
                }
            }
            sounds
                .entry(score::sound(&word.text).into())
                .or_default()
                .push(id);
        }

        Self {
            keys: built,
            ids,
            words,
            deletions,
            sounds,
            stems,
            unknown_weight: idf(total, 1.0),
        }
    }

    /// A query from normalized words.
    pub fn query(&self, words: &[String]) -> Query {
        let mut distinct: Vec<&str> = Vec::with_capacity(words.len());
        for word in words {
            if !distinct.contains(&word.as_str()) {
                distinct.push(word);
            }
        }
        self.query_from(&distinct)
    }

    /// The query made of one key's own words (duplicate detection).
    pub fn key_query(&self, key: &Key) -> Query {
        let words: Vec<&str> = key
            .words
            .iter()
            .map(|id| &*self.words[*id as usize].text)
            .collect();
        self.query_from(&words)
    }

    fn query_from(&self, distinct: &[&str]) -> Query {
        let words: Vec<QueryWord> = distinct.iter().map(|word| self.query_word(word)).collect();
        Query {
            weight: words.iter().map(|w| w.weight).sum(),
            words,
        }
    }

    fn query_word(&self, text: &str) -> QueryWord {
        let chars = text.chars().count();
        let exact = self.ids.get(text).copied();
        let mut near: Vec<(u32, f64)> = exact.map(|id| (id, 1.0)).into_iter().collect();
        if chars >= score::SLIP_MIN_CHARS {
            let mut seen: Vec<u32> = exact.into_iter().collect();
            let near_enough = chars >= NEAR_MIN_CHARS;
            let typos = if near_enough {
                with_deletions(text)
            } else {
                Vec::new()
            };
            let by_typo = typos.into_iter().filter_map(|v| self.deletions.get(&*v));
            let by_sound = near_enough
                .then(|| self.sounds.get(&*score::sound(text)))
                .flatten();
            let by_stem = self.stems.get(&*score::stem(text));
            for &id in by_typo.chain(by_sound).chain(by_stem).flatten() {
                if seen.contains(&id) {
                    continue;
                }
                seen.push(id);
                let word = &self.words[id as usize];
                let similarity = score::word_similarity(text, chars, &word.text, word.chars);
                if similarity > 0.0 {
                    near.push((id, similarity));
                }
            }
        }
        // A misspelled word weighs what the word it stands for weighs.
        let weight = match exact {
            Some(id) => self.words[id as usize].weight,
            None => near
                .iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map_or(self.unknown_weight, |(id, _)| {
                    self.words[*id as usize].weight
                }),
        };
        QueryWord {
            text: text.to_owned(),
            chars,
            weight,
            near,
        }
    }

    /// The `limit` most promising keys for the query, best first: those
    /// sharing the most word weight with it, relative to both sizes (an upper
    /// bound of the words part of their score).
    pub fn shortlist(&self, query: &Query, limit: usize) -> Vec<u32> {
        let mut order: Vec<(usize, &QueryWord)> = query
            .words
            .iter()
            .map(|word| {
                let postings = word
                    .near
                    .iter()
                    .map(|(id, _)| self.words[*id as usize].postings.len())
                    .sum();
                (postings, word)
            })
            .collect();
        order.sort_by_key(|(postings, _)| *postings);

        let rarest = order
            .iter()
            .map(|(postings, _)| *postings)
            .find(|p| *p > 0)
            .unwrap_or(0);
        let mut shared: HashMap<u32, f64> = HashMap::with_capacity(rarest.max(SEED_LIMIT));
        for (postings, word) in order {
            if postings == 0 {
                continue;
            }
            let seed = shared.is_empty() || shared.len() + postings <= SEED_LIMIT;
            for &(id, similarity) in &word.near {
                let indexed = &self.words[id as usize];
                let gain = similarity * (word.weight + indexed.weight);
                if seed {
                    for &key in &indexed.postings {
                        *shared.entry(key).or_insert(0.0) += gain;
                    }
                } else {
                    for (key, sum) in &mut shared {
                        if self.keys[*key as usize].words.contains(&id) {
                            *sum += gain;
                        }
                    }
                }
            }
        }

        let mut ranked: Vec<(u32, f64)> = shared
            .into_iter()
            .map(|(key, sum)| (key, sum / (query.weight + self.keys[key as usize].weight)))
            .collect();
        let best_first = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit, best_first);
            ranked.truncate(limit);
        }
        ranked.sort_by(best_first);
        ranked.into_iter().map(|(key, _)| key).collect()
    }

    /// The score of the query against one key, see [`score::score`].
    pub fn score(&self, query: &Query, key: u32) -> f64 {
        let key = &self.keys[key as usize];
        let key_terms: Vec<Term<'_>> = key
            .words
            .iter()
            .map(|id| {
                let word = &self.words[*id as usize];
                Term {
                    text: &word.text,
                    chars: word.chars,
                    weight: word.weight,
                }
            })
            .collect();
        let mut similar = Vec::new();
        for (i, word) in query.words.iter().enumerate() {
            for &(id, similarity) in &word.near {
                if similarity < 1.0
                    && let Some(j) = key.words.iter().position(|w| *w == id)
                {
                    similar.push((i, j, similarity));
                }
            }
        }
        score::score(
            &Side {
                words: &query.terms(),
                weight: query.weight,
            },
            &Side {
                words: &key_terms,
                weight: key.weight,
            },
            &similar,
        )
    }

    /// Whether some candidate's name or alias has this word.
    pub fn knows(&self, word: &str) -> bool {
        self.ids.contains_key(word)
    }

    pub fn word_count(&self) -> usize {
        self.words.len()
    }
}

/// Inverse document frequency, at least 1 so that even a word every
/// candidate has still counts for something.
fn idf(candidates: f64, frequency: f64) -> f64 {
    1.0 + (candidates / frequency).ln()
}

/// The word and each word made by deleting one of its letters.
fn with_deletions(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    for (at, c) in word.char_indices() {
        let mut variant = String::with_capacity(word.len());
        variant.push_str(&word[..at]);
        variant.push_str(&word[at + c.len_utf8()..]);
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    out
}
