//! Query building and ranking.
//!
//! Each meaningful word of the query becomes one sub-query: a disjunction of
//! its stemmed term over the scored fields (BM25, boosted per field) and,
//! for long words or the word being typed, a Levenshtein/prefix automaton
//! over the folded name and other short fields (constant score).
//!
//! Ranking is exactly by (number of meaningful words matched, BM25 sum), in
//! one pass per segment over the word scorers (see [`collect_segment`]),
//! which skips the documents that cannot enter the top any more. The
//! `pruned_ranking_matches_brute_force` test checks it against the obvious
//! computation.
//!
//! The returned score is `matched_words + bm25 / (bm25 + 1)`: finite,
//! ordered exactly like (matched words, BM25), and its integer part tells how
//! many meaningful words the hit matched.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};
use std::fmt;
use std::sync::Arc;

use tantivy::postings::SegmentPostings;
use tantivy::query::{
    AutomatonWeight, Bm25Weight, BooleanQuery, BoostQuery, DfaWrapper, EnableScoring, Explanation,
    FuzzyTermQuery, Query, Scorer, TermQuery, TermSetQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocId, DocSet, Searcher, SegmentReader, TERMINATED, TantivyDocument, Term,
};

use crate::analysis::{QueryWord, analyze_query, keyword, stem_folded};
use crate::fields::{Fields, ORDER};
use crate::{Filters, Hit, Kind, SearchError};

/// Field weights of an exact (stemmed) match. A name or alias match must
/// beat the same word found only in the description.
const BOOST_NAME: f32 = 4.0;
const BOOST_ORGANIZATION: f32 = 1.5;
const BOOST_TERMS: f32 = 1.2;
const BOOST_TOWNS: f32 = 1.2;
const BOOST_DESCRIPTION: f32 = 1.0;

/// Constant scores of a typo-tolerant or prefix match. They come on top of
/// the exact match's BM25 when the word is also exact, so an exact match
/// always scores higher than a typo; and a typo in the name still beats one
/// in the organization name, terms or towns.
const APPROX_NAME: f32 = 2.0;
const APPROX_OTHER: f32 = 0.6;
const APPROX_DESCRIPTION: f32 = 0.3;

/// Stop words only nudge the order among names that contain them.
const BOOST_STOP_WORD: f32 = 0.25;

/// Bounds the memory of the collectors (they reserve room for `limit` hits).
pub(crate) const MAX_LIMIT: usize = 1000;

/// A fuzzy or prefix query whose automaton is built once per query word and
/// shared by the fields it is run on: building the Levenshtein DFA costs
/// more than running it.
#[derive(Clone)]
struct SharedAutomatonQuery {
    field: Field,
    automaton: Arc<DfaWrapper>,
}

impl fmt::Debug for SharedAutomatonQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedAutomatonQuery")
            .field("field", &self.field)
            .finish_non_exhaustive()
    }
}

impl Query for SharedAutomatonQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(SharedAutomatonWeight {
            field: self.field,
            automaton: Arc::clone(&self.automaton),
        }))
    }
}

/// Beyond this many matching terms in a segment (a short prefix), the
/// documents are gathered in a bitset once instead of merged lazily.
const MAX_LAZY_TERMS: usize = 16;

struct SharedAutomatonWeight {
    field: Field,
    automaton: Arc<DfaWrapper>,
}

impl SharedAutomatonWeight {
    fn eager(&self) -> AutomatonWeight<DfaWrapper> {
        AutomatonWeight::new(self.field, Arc::clone(&self.automaton))
    }
}

impl Weight for SharedAutomatonWeight {
    /// Usually a typo or a prefix matches a handful of terms: merging their
    /// posting lists lazily lets a candidate be checked by seeking, whereas
    /// tantivy's automaton scorer first reads every posting into a bitset.
    fn scorer(&self, reader: &SegmentReader, boost: f32) -> tantivy::Result<Box<dyn Scorer>> {
        let inverted = reader.inverted_index(self.field)?;
        let mut stream = inverted.terms().search(&*self.automaton).into_stream()?;
        let mut infos = Vec::new();
        while stream.advance() {
            if infos.len() == MAX_LAZY_TERMS {
                return self.eager().scorer(reader, boost);
            }
            infos.push(stream.value().clone());
        }
        let postings = infos
            .iter()
            .map(|info| inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic))
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(Box::new(ConstUnion::new(postings, boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.eager().explain(reader, doc)
    }
}

/// The documents of a few posting lists, all with the same score.
struct ConstUnion {
    postings: Vec<SegmentPostings>,
    doc: DocId,
    score: f32,
}

impl ConstUnion {
    fn new(postings: Vec<SegmentPostings>, score: f32) -> ConstUnion {
        let doc = postings.iter().map(DocSet::doc).min().unwrap_or(TERMINATED);
        ConstUnion {
            postings,
            doc,
            score,
        }
    }
}

impl DocSet for ConstUnion {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let current = self.doc;
        let mut next = TERMINATED;
        for postings in &mut self.postings {
            let mut doc = postings.doc();
            if doc == current {
                doc = postings.advance();
            }
            next = next.min(doc);
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut next = TERMINATED;
        for postings in &mut self.postings {
            let mut doc = postings.doc();
            if doc < target {
                doc = postings.seek(target);
            }
            next = next.min(doc);
        }
        self.doc = next;
        next
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings
            .iter()
            .map(DocSet::size_hint)
            .fold(0, u32::saturating_add)
    }
}

impl Scorer for ConstUnion {
    fn score(&mut self) -> f32 {
        self.score
    }
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    #[expect(clippy::float_cmp, reason = "exact constant, not a computed value")]
    if boost == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}

/// One way a word can match, with the most it can add to a score.
struct Clause {
    query: Box<dyn Query>,
    max: f32,
}

/// An exact term, scored with BM25.
fn term_clause(
    searcher: &Searcher,
    field: Field,
    text: &str,
    boost: f32,
) -> tantivy::Result<Clause> {
    let term = Term::from_field_text(field, text);
    // The same statistics as the term query's own weight, hence the same
    // bound as its scorer's.
    let max = Bm25Weight::for_terms(searcher, std::slice::from_ref(&term))?
        .boost_by(boost)
        .max_score();
    Ok(Clause {
        query: boosted(
            Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
            boost,
        ),
        max,
    })
}

/// Everything that counts as "this document contains the word", one clause
/// per field; a document matching several adds up their scores.
fn word_clauses(
    searcher: &Searcher,
    f: &Fields,
    word: &QueryWord,
) -> Result<Vec<Clause>, SearchError> {
    let mut clauses = [
        (f.name, BOOST_NAME),
        (f.organization, BOOST_ORGANIZATION),
        (f.terms, BOOST_TERMS),
        (f.towns, BOOST_TOWNS),
        (f.description, BOOST_DESCRIPTION),
    ]
    .into_iter()
    .map(|(field, boost)| term_clause(searcher, field, &word.stem, boost))
    .collect::<tantivy::Result<Vec<_>>>()?;

    let automaton = {
        // The field of this term is irrelevant: only its text feeds the DFA.
        let term = Term::from_field_text(f.name_fold, &word.folded);
        let distance = u8::from(word.fuzzy);
        match (word.prefix, word.fuzzy) {
            (true, _) => Some(FuzzyTermQuery::new_prefix(term, distance, true)),
            (false, true) => Some(FuzzyTermQuery::new(term, distance, true)),
            (false, false) => None,
        }
    };
    let mut corrections_automaton = None;
    if let Some(automaton) = automaton {
        let automaton = Arc::new(automaton.automaton()?);
        if word.fuzzy && !word.prefix {
            corrections_automaton = Some(Arc::clone(&automaton));
        }
        for (field, boost) in [
            (f.name_fold, APPROX_NAME),
            (f.other_fold, APPROX_OTHER),
            (f.description_fold, APPROX_DESCRIPTION),
        ] {
            let query = SharedAutomatonQuery {
                field,
                automaton: Arc::clone(&automaton),
            };
            clauses.push(Clause {
                query: boosted(Box::new(query), boost),
                max: boost,
            });
        }
    }
    // The words of the index one typo away, searched like the word itself
    // (stemmed, so every form of them): `comunautaire` then finds what
    // `communautaire` finds — `communautaires` too, two edits away — and
    // `eductaion` what `éducation` finds. A constant score, as for the
    // typo itself: an exact match still ranks first.
    if let Some(automaton) = &corrections_automaton {
        let stems = corrected_stems(
            searcher,
            &[f.name_fold, f.other_fold, f.description_fold],
            automaton,
            &word.stem,
        )?;
        if !stems.is_empty() {
            for (field, boost) in [
                (f.name, APPROX_NAME),
                (f.organization, APPROX_OTHER),
                (f.terms, APPROX_OTHER),
                (f.towns, APPROX_OTHER),
                (f.description, APPROX_DESCRIPTION),
            ] {
                let terms = stems.iter().map(|s| Term::from_field_text(field, s));
                clauses.push(Clause {
                    query: boosted(Box::new(TermSetQuery::new(terms)), boost),
                    max: boost,
                });
            }
        }
    }
    Ok(clauses)
}

/// At most this many words of the index stand for one typo'd word.
const MAX_CORRECTIONS: usize = 32;

/// The stems of the folded words of the index (in `fold_fields`) that
/// `automaton` accepts (one typo away from a query word), but `own`, the
/// word's own stem. The toolkits' activity index uses it too.
pub(crate) fn corrected_stems(
    searcher: &Searcher,
    fold_fields: &[Field],
    automaton: &DfaWrapper,
    own: &str,
) -> Result<Vec<String>, SearchError> {
    let mut folded: BTreeSet<String> = BTreeSet::new();
    'segments: for reader in searcher.segment_readers() {
        for &field in fold_fields {
            let inverted = reader.inverted_index(field)?;
            let mut stream = inverted.terms().search(automaton).into_stream()?;
            while stream.advance() {
                if let Ok(text) = std::str::from_utf8(stream.key()) {
                    folded.insert(text.to_owned());
                }
                if folded.len() >= MAX_CORRECTIONS {
                    break 'segments;
                }
            }
        }
    }
    let mut stems: BTreeSet<String> = folded.iter().map(|w| stem_folded(w)).collect();
    stems.remove(own);
    Ok(stems.into_iter().collect())
}

fn stop_word_clause(searcher: &Searcher, f: &Fields, word: &QueryWord) -> tantivy::Result<Clause> {
    term_clause(searcher, f.name, &word.stem, BOOST_STOP_WORD)
}

fn filter_queries(f: &Fields, filters: &Filters) -> Vec<Box<dyn Query>> {
    let mut terms: Vec<Term> = Vec::new();
    if let Some(kind) = filters.kind {
        terms.push(Term::from_field_text(f.kind, kind.as_str()));
    }
    for (field, value) in [
        (f.sector, &filters.sector),
        (f.territory, &filters.territory),
        (f.term, &filters.term),
        (f.language, &filters.language),
        (f.age_group, &filters.age_group),
        (f.town, &filters.town),
    ] {
        // A blank filter value is "no filter", as an empty form field would be.
        if let Some(value) = value.as_deref().and_then(keyword) {
            terms.push(Term::from_field_text(field, &value));
        }
    }
    terms
        .into_iter()
        .map(|term| -> Box<dyn Query> { Box::new(TermQuery::new(term, IndexRecordOption::Basic)) })
        .collect()
}

/// A document competing for the top. Greater is better; among equals the
/// lower `order` (a hash of its kind and id), then the lower address wins,
/// so that results are deterministic and pages stay apart when documents
/// are written again.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    coverage: usize,
    bm25: f32,
    order: u64,
    address: DocAddress,
}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.coverage
            .cmp(&other.coverage)
            .then(self.bm25.total_cmp(&other.bm25))
            .then(other.order.cmp(&self.order))
            .then(other.address.cmp(&self.address))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Candidate {}

impl Candidate {
    fn score(self) -> f64 {
        let bm25 = f64::from(self.bm25);
        let bm25 = if bm25.is_finite() { bm25.max(0.0) } else { 0.0 };
        #[expect(
            clippy::cast_precision_loss,
            reason = "coverage is at most MAX_QUERY_WORDS"
        )]
        let coverage = self.coverage as f64;
        coverage + bm25 / (bm25 + 1.0)
    }
}

struct Top {
    limit: usize,
    /// Worst on top.
    heap: BinaryHeap<Reverse<Candidate>>,
}

impl Top {
    fn new(limit: usize) -> Top {
        Top {
            limit,
            heap: BinaryHeap::with_capacity(limit),
        }
    }

    fn worst(&self) -> Option<Candidate> {
        if self.heap.len() < self.limit {
            None
        } else {
            self.heap.peek().map(|worst| worst.0)
        }
    }

    fn offer(&mut self, candidate: Candidate) {
        if self.heap.len() < self.limit {
            self.heap.push(Reverse(candidate));
        } else if let Some(mut worst) = self.heap.peek_mut()
            && candidate > worst.0
        {
            *worst = Reverse(candidate);
        }
    }

    /// Best first.
    fn into_sorted(self) -> Vec<Candidate> {
        let mut all: Vec<Candidate> = self.heap.into_iter().map(|r| r.0).collect();
        all.sort_unstable_by(|a, b| b.cmp(a));
        all
    }
}

/// Everything of one query that scorers are made of.
struct Weights {
    /// Per meaningful word, per clause.
    words: Vec<Vec<(Box<dyn Weight>, f32)>>,
    stop_words: Vec<(Box<dyn Weight>, f32)>,
    filter: Option<Box<dyn Weight>>,
}

/// Upper bounds are inflated by this factor so that summing floats in
/// another order never makes a bound lower than a real score.
const BOUND_SLACK: f32 = 1.001;

struct Part {
    scorer: Box<dyn Scorer>,
    /// The most this part can add to a document's score.
    max: f32,
}

/// One word's scorers in a segment, one per clause that occurs there. Kept
/// apart rather than in a tantivy union, because a union scores every
/// document of a 4096-doc window eagerly, even when it is only asked
/// whether one candidate matches.
struct WordScorer {
    /// Lowest `max` first: the parts that may be skipped come first.
    parts: Vec<Part>,
    cost: u64,
    max: f32,
}

impl WordScorer {
    fn new(
        weights: &[(Box<dyn Weight>, f32)],
        reader: &SegmentReader,
    ) -> tantivy::Result<WordScorer> {
        let mut parts = Vec::with_capacity(weights.len());
        for (weight, max) in weights {
            let scorer = weight.scorer(reader, 1.0)?;
            if scorer.doc() == TERMINATED {
                continue;
            }
            parts.push(Part {
                scorer,
                max: max * BOUND_SLACK,
            });
        }
        parts.sort_by(|a, b| a.max.total_cmp(&b.max));
        let cost = parts.iter().map(|p| u64::from(p.scorer.size_hint())).sum();
        let max = parts.iter().map(|p| p.max).sum();
        Ok(WordScorer { parts, cost, max })
    }

    /// The next document of the parts from `first` on.
    fn doc(&self, first: usize) -> DocId {
        self.parts[first..]
            .iter()
            .map(|p| p.scorer.doc())
            .min()
            .unwrap_or(TERMINATED)
    }

    /// The score at `doc` if the word is there. The parts from `first` on,
    /// which drive the iteration, move past `doc`; the others move to it.
    fn take(&mut self, doc: DocId, first: usize) -> Option<f32> {
        let mut score = None;
        for (i, part) in self.parts.iter_mut().enumerate() {
            let mut at = part.scorer.doc();
            if at < doc && i < first {
                at = part.scorer.seek(doc);
            }
            if at == doc {
                *score.get_or_insert(0.0) += part.scorer.score();
                if i >= first {
                    part.scorer.advance();
                }
            }
        }
        score
    }

    /// The score at `doc` if the word is there; moves every part to it.
    fn score_at(&mut self, doc: DocId) -> Option<f32> {
        self.take(doc, self.parts.len())
    }

    fn skip_to(&mut self, target: DocId, first: usize) {
        for part in &mut self.parts[first..] {
            if part.scorer.doc() < target {
                part.scorer.seek(target);
            }
        }
    }

    /// How many of the lowest parts cannot, even together and with `rest`,
    /// lift a document above `threshold`: documents only they match can be
    /// skipped.
    fn skippable(&self, rest: f32, threshold: f32) -> usize {
        let mut bound = rest;
        let mut count = 0;
        for part in &self.parts {
            bound += part.max;
            if bound >= threshold {
                break;
            }
            count += 1;
        }
        // At least one part must drive, or the iteration would end early.
        count.min(self.parts.len().saturating_sub(1))
    }
}

/// Offers to `top` every document of the segment that can enter it, with
/// its exact coverage and BM25 sum.
///
/// Two kinds of skipping keep this cheap, both exact:
/// - coverage: when the top is full of documents matching `c` words, a
///   newcomer must match `c` of the `k` words, hence one of the rarest
///   `k - c + 1`; only those drive the iteration, the others are only
///   checked on the documents they produce;
/// - score (MaxScore): when the top is full of documents matching every
///   word, a document must also beat the worst BM25 of the top, so the
///   fields of the driving word whose best possible contribution (plus
///   everything the other words could add) stays below it need not drive.
///
/// With `total`, every matching document is visited (no skipping) and
/// counted there: a page of results says how many there are in all.
fn collect_segment(
    weights: &Weights,
    reader: &SegmentReader,
    segment_ord: u32,
    top: &mut Top,
    mut total: Option<&mut usize>,
) -> tantivy::Result<()> {
    let mut words = weights
        .words
        .iter()
        .map(|w| WordScorer::new(w, reader))
        .collect::<tantivy::Result<Vec<_>>>()?;
    // Rarest first: the drivers are always a prefix of this list.
    words.sort_by_key(|w| w.cost);
    let mut stop_words = WordScorer::new(&weights.stop_words, reader)?;
    let mut filter = match &weights.filter {
        Some(w) => Some(w.scorer(reader, 1.0)?),
        None => None,
    };
    let alive = reader.alive_bitset();
    let order = reader.fast_fields().u64(ORDER)?;
    let all = words.len();
    // What all the words but the first, and the stop words, can add.
    let rest: f32 = words.iter().skip(1).map(|w| w.max).sum::<f32>() + stop_words.max;

    loop {
        let worst = if total.is_some() { None } else { top.worst() };
        let required = worst.map_or(1, |w| w.coverage).clamp(1, all);
        let drivers = all + 1 - required;
        let first_part = match worst {
            Some(worst) if drivers == 1 && worst.coverage >= all => {
                words[0].skippable(rest, worst.bm25)
            }
            _ => 0,
        };
        let doc = words[1..drivers]
            .iter()
            .map(|w| w.doc(0))
            .chain([words[0].doc(first_part)])
            .min()
            .unwrap_or(TERMINATED);
        if doc == TERMINATED {
            break;
        }
        if let Some(filter) = filter.as_mut() {
            let mut allowed = filter.doc();
            if allowed < doc {
                allowed = filter.seek(doc);
            }
            if allowed == TERMINATED {
                break;
            }
            if allowed != doc {
                // Leapfrog: nothing before the next allowed document can be
                // a hit.
                words[0].skip_to(allowed, first_part);
                for word in &mut words[1..drivers] {
                    word.skip_to(allowed, 0);
                }
                continue;
            }
        }

        let mut coverage = 0;
        let mut bm25 = 0.0;
        for (i, word) in words[..drivers].iter_mut().enumerate() {
            let first = if i == 0 { first_part } else { 0 };
            if let Some(score) = word.take(doc, first) {
                coverage += 1;
                bm25 += score;
            }
        }
        if alive.is_some_and(|a| a.is_deleted(doc)) {
            continue;
        }
        for (i, word) in words[drivers..].iter_mut().enumerate() {
            if coverage + (all - drivers - i) < required {
                break;
            }
            if let Some(score) = word.score_at(doc) {
                coverage += 1;
                bm25 += score;
            }
        }
        if coverage < required {
            continue;
        }
        if let Some(total) = total.as_deref_mut() {
            *total += 1;
        }
        if let Some(score) = stop_words.score_at(doc) {
            bm25 += score;
        }
        top.offer(Candidate {
            coverage,
            bm25,
            order: order.first(doc).unwrap_or(u64::MAX),
            address: DocAddress::new(segment_ord, doc),
        });
    }
    Ok(())
}

fn clause_weights(
    clauses: &[Clause],
    scoring: EnableScoring<'_>,
) -> tantivy::Result<Vec<(Box<dyn Weight>, f32)>> {
    clauses
        .iter()
        .map(|c| Ok((c.query.weight(scoring)?, c.max)))
        .collect()
}

pub(crate) fn search(
    searcher: &Searcher,
    f: &Fields,
    query: &str,
    limit: usize,
    filters: &Filters,
    prefix: bool,
) -> Result<Vec<Hit>, SearchError> {
    let limit = limit.min(MAX_LIMIT);
    if limit == 0 {
        return Ok(Vec::new());
    }
    search_ranked(searcher, f, query, 0, limit, filters, prefix, None)
}

/// One page of the hits (`offset` first ones skipped, `offset + limit`
/// capped at [`MAX_LIMIT`]) and how many documents match in all.
pub(crate) fn search_page(
    searcher: &Searcher,
    f: &Fields,
    query: &str,
    (offset, limit): (usize, usize),
    filters: &Filters,
    prefix: bool,
) -> Result<(Vec<Hit>, usize), SearchError> {
    let end = offset.saturating_add(limit).min(MAX_LIMIT);
    let mut total = 0;
    let hits = search_ranked(
        searcher,
        f,
        query,
        offset.min(end),
        end,
        filters,
        prefix,
        Some(&mut total),
    )?;
    Ok((hits, total))
}

#[expect(
    clippy::too_many_arguments,
    reason = "the private core of the two public entry points"
)]
fn search_ranked(
    searcher: &Searcher,
    f: &Fields,
    query: &str,
    offset: usize,
    limit: usize,
    filters: &Filters,
    prefix: bool,
    mut total: Option<&mut usize>,
) -> Result<Vec<Hit>, SearchError> {
    if limit == 0 && total.is_none() {
        return Ok(Vec::new());
    }
    let words = analyze_query(query, prefix);
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for word in &words {
        if word.meaningful {
            required.push(word_clauses(searcher, f, word)?);
        } else {
            optional.push(stop_word_clause(searcher, f, word)?);
        }
    }
    if required.is_empty() {
        return Ok(Vec::new());
    }
    let filters = filter_queries(f, filters);

    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let weights = Weights {
        words: required
            .iter()
            .map(|clauses| clause_weights(clauses, scoring))
            .collect::<tantivy::Result<_>>()?,
        stop_words: clause_weights(&optional, scoring)?,
        filter: if filters.is_empty() {
            None
        } else {
            Some(
                BooleanQuery::intersection(filters)
                    .weight(EnableScoring::disabled_from_searcher(searcher))?,
            )
        },
    };
    let mut top = Top::new(limit);
    for (ord, reader) in (0u32..).zip(searcher.segment_readers()) {
        collect_segment(&weights, reader, ord, &mut top, total.as_deref_mut())?;
    }
    let mut ranked = top.into_sorted();
    ranked.drain(..offset.min(ranked.len()));

    // Fetched in storage order, so that hits sharing a compressed block
    // decompress it once.
    let mut order: Vec<usize> = (0..ranked.len()).collect();
    order.sort_unstable_by_key(|&i| ranked[i].address);
    let mut hits: Vec<Option<Hit>> = vec![None; ranked.len()];
    for i in order {
        let r = ranked[i];
        let doc: TantivyDocument = searcher.doc(r.address)?;
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned()
        };
        if let Some(kind) = Kind::parse(&text(f.kind)) {
            hits[i] = Some(Hit {
                kind,
                id: text(f.id),
                name: text(f.title),
                organization: text(f.organization),
                score: r.score(),
            });
        }
    }
    Ok(hits.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use tantivy::collector::{DocSetCollector, TopDocs};

    use super::*;
    use crate::{Doc, SearchIndex};

    /// Deterministic test data (xorshift).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            usize::try_from(self.0 % n as u64).unwrap()
        }

        fn words(&mut self, vocabulary: &[&str], max: usize) -> String {
            let count = self.below(max + 1);
            (0..count)
                .map(|_| vocabulary[self.below(vocabulary.len())])
                .collect::<Vec<_>>()
                .join(" ")
        }
    }

    // Few words, so that documents share many of them, with accents, near
    // spellings (for typos) and stop words.
    const VOCABULARY: &[&str] = &[
        "centre",
        "centres",
        "femmes",
        "famille",
        "Jonquière",
        "jonquiere",
        "maison",
        "raison",
        "garderie",
        "halte",
        "parents",
        "aide",
        "de",
        "la",
        "CPE",
        "soutien",
        "écoute",
    ];
    const TOWNS: &[&str] = &["Alma", "Jonquière", "Chicoutimi", "Bécancour"];

    fn documents(rng: &mut Rng, count: usize) -> Vec<Doc> {
        (0..count)
            .map(|i| {
                let kind = if rng.below(3) == 0 {
                    Kind::Organization
                } else {
                    Kind::Service
                };
                let mut doc = Doc::new(kind, format!("d{i}"), rng.words(VOCABULARY, 4));
                if rng.below(4) == 0 {
                    doc.aliases.push(rng.words(VOCABULARY, 2));
                }
                doc.organization = rng.words(VOCABULARY, 3);
                doc.description = rng.words(VOCABULARY, 8);
                doc.terms = vec![rng.words(VOCABULARY, 2)];
                doc.towns = vec![TOWNS[rng.below(TOWNS.len())].to_owned()];
                doc.sector = Some(["sante", "education"][rng.below(2)].to_owned());
                doc
            })
            .collect()
    }

    /// (kind:id, coverage, bm25) of every matching document, best first,
    /// computed the obvious way: one full tantivy search per word.
    fn brute_force(
        searcher: &Searcher,
        f: &Fields,
        query: &str,
        filters: &Filters,
        prefix: bool,
    ) -> Vec<(String, usize, f32)> {
        let mut matched: HashMap<DocAddress, (usize, f32)> = HashMap::new();
        let mut stop_scores: HashMap<DocAddress, f32> = HashMap::new();
        for word in analyze_query(query, prefix) {
            let clauses = if word.meaningful {
                word_clauses(searcher, f, &word).unwrap()
            } else {
                vec![stop_word_clause(searcher, f, &word).unwrap()]
            };
            let union = BooleanQuery::union(clauses.into_iter().map(|c| c.query).collect());
            let top = searcher
                .search(&union, &TopDocs::with_limit(100_000).order_by_score())
                .unwrap();
            for (score, address) in top {
                if word.meaningful {
                    let entry = matched.entry(address).or_default();
                    entry.0 += 1;
                    entry.1 += score;
                } else {
                    *stop_scores.entry(address).or_default() += score;
                }
            }
        }
        let filters = filter_queries(f, filters);
        let allowed: Option<HashSet<DocAddress>> = (!filters.is_empty()).then(|| {
            searcher
                .search(&BooleanQuery::intersection(filters), &DocSetCollector)
                .unwrap()
        });
        let mut all: Vec<(String, usize, f32)> = matched
            .into_iter()
            .filter(|(address, _)| allowed.as_ref().is_none_or(|a| a.contains(address)))
            .map(|(address, (coverage, bm25))| {
                let doc: TantivyDocument = searcher.doc(address).unwrap();
                let text = |field| doc.get_first(field).unwrap().as_str().unwrap().to_owned();
                // A replacement of another kind is another document.
                let id = format!("{}:{}", text(f.kind), text(f.id));
                let bm25 = bm25 + stop_scores.get(&address).copied().unwrap_or(0.0);
                (id, coverage, bm25)
            })
            .collect();
        all.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.total_cmp(&a.2)));
        all
    }

    fn decode(score: f64) -> (usize, f64) {
        let coverage = score.floor();
        let fraction = score - coverage;
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a small positive integer"
        )]
        (coverage as usize, fraction / (1.0 - fraction))
    }

    fn close(a: f64, b: f32) -> bool {
        (a - f64::from(b)).abs() <= 1e-3 * (1.0 + a.abs())
    }

    #[test]
    fn pruned_ranking_matches_brute_force() {
        let mut rng = Rng(0x5eed_1234_abcd_ef01);
        let index = SearchIndex::in_memory().unwrap();
        let docs = documents(&mut rng, 900);
        index.rebuild(docs[..600].to_vec(), 1).unwrap();
        // More segments, replaced and deleted documents.
        let deletes: Vec<(Kind, String)> = docs[..600]
            .iter()
            .step_by(7)
            .map(|d| (d.kind, d.id.clone()))
            .collect();
        index.apply(docs[600..750].to_vec(), deletes, 2).unwrap();
        let mut replaced = documents(&mut rng, 100);
        for (i, doc) in replaced.iter_mut().enumerate() {
            doc.id = format!("d{}", i * 3);
        }
        index.apply(replaced, Vec::new(), 3).unwrap();
        index.apply(docs[750..].to_vec(), Vec::new(), 4).unwrap();
        let searcher = index.reader.searcher();
        assert!(searcher.segment_readers().len() > 1);

        for round in 0..300 {
            let mut query = rng.words(VOCABULARY, 4);
            if round % 5 == 0 {
                query.push_str(" jonqiere raisom");
            }
            let prefix = round % 3 == 0;
            let filters = match round % 4 {
                0 => Filters {
                    kind: Some(Kind::Service),
                    ..Filters::default()
                },
                1 => Filters {
                    sector: Some("sante".into()),
                    town: Some("jonquiere".into()),
                    ..Filters::default()
                },
                _ => Filters::default(),
            };
            let limit = [1, 3, 10, 50][round % 4];
            let hits = search(&searcher, &index.fields, &query, limit, &filters, prefix).unwrap();
            let expected = brute_force(&searcher, &index.fields, &query, &filters, prefix);
            let context = format!("{query:?} prefix={prefix} limit={limit} {filters:?}");
            assert_eq!(hits.len(), expected.len().min(limit), "{context}");
            let by_id: HashMap<&str, (usize, f32)> = expected
                .iter()
                .map(|(id, c, s)| (id.as_str(), (*c, *s)))
                .collect();
            for (hit, (_, coverage, bm25)) in hits.iter().zip(&expected) {
                let (hit_coverage, hit_bm25) = decode(hit.score);
                assert_eq!(hit_coverage, *coverage, "{context}");
                assert!(close(hit_bm25, *bm25), "{context}: {hit_bm25} vs {bm25}");
                let own = by_id[format!("{}:{}", hit.kind.as_str(), hit.id).as_str()];
                assert_eq!(own.0, hit_coverage, "{context}");
                assert!(close(hit_bm25, own.1), "{context}");
            }
        }
    }
}
