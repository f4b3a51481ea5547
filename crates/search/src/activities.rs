//! A small index of the toolkits' activities, searched like the directory:
//! the same French analysis (words split on punctuation, apostrophes and
//! dashes, lowercased, accent-folded, stemmed), the same stop words, and
//! the same typo tolerance (a word of 5+ letters also matches one typo
//! away, and the index's words one typo away are searched like the word
//! itself, stemmed: [`crate::rank::corrected_stems`]).
//!
//! It has its own schema (the directory's is untouched) and lives in
//! memory: a few hundred activities are rebuilt in milliseconds, so the
//! caller rebuilds it whenever a toolkit changes.
//!
//! Ranking: activities matching more meaningful words of the query first,
//! then the sum of each word's BM25 over the title (×4), the toolkit,
//! theme and audiences (×1.2) and the texts (×1); a typo adds a constant
//! instead, smaller than an exact match's.

use std::collections::HashMap;
use std::sync::Mutex;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Query, TermQuery, TermSetQuery};
use tantivy::schema::{Field, IndexRecordOption, STORED, STRING, Schema, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use crate::SearchError;
use crate::analysis::{self, QueryWord, analyze_query};
use crate::fields::{folded, stemmed};

const BOOST_TITLE: f32 = 4.0;
const BOOST_CONTEXT: f32 = 1.2;
const BOOST_BODY: f32 = 1.0;
const APPROX_TITLE: f32 = 2.0;
const APPROX_CONTEXT: f32 = 0.6;
const APPROX_BODY: f32 = 0.3;

/// Tantivy's least indexing memory for one thread.
const WRITER_HEAP_BYTES: usize = 15_000_000;

/// One activity to index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActivityDoc {
    pub id: String,
    pub title: String,
    /// The toolkit's and theme's titles, the audiences' labels and codes.
    pub context: Vec<String>,
    /// Objectives, material, steps, facilitation tips.
    pub body: Vec<String>,
}

/// An activity found, best first.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityHit {
    pub id: String,
    /// How many meaningful words of the query the activity contains.
    pub matched_words: usize,
    pub score: f32,
}

#[derive(Clone, Copy, Debug)]
struct Fields {
    id: Field,
    title: Field,
    context: Field,
    body: Field,
    title_fold: Field,
    context_fold: Field,
    body_fold: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", stemmed()),
        context: b.add_text_field("context", stemmed()),
        body: b.add_text_field("body", stemmed()),
        title_fold: b.add_text_field("title_fold", folded()),
        context_fold: b.add_text_field("context_fold", folded()),
        body_fold: b.add_text_field("body_fold", folded()),
    };
    (b.build(), fields)
}

/// The activities' index, in memory. `Send + Sync`: searches run from any
/// thread; rebuilds are serialized and visible when they return.
pub struct ActivityIndex {
    reader: IndexReader,
    fields: Fields,
    writer: Mutex<IndexWriter>,
}

impl std::fmt::Debug for ActivityIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActivityIndex")
            .field("docs", &self.reader.searcher().num_docs())
            .finish_non_exhaustive()
    }
}

impl ActivityIndex {
    /// An empty index.
    pub fn new() -> Result<Self, SearchError> {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        analysis::register(index.tokenizers());
        let writer = index.writer_with_num_threads(1, WRITER_HEAP_BYTES)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(ActivityIndex {
            reader,
            fields,
            writer: Mutex::new(writer),
        })
    }

    /// Replaces every activity by `docs`, in one commit.
    pub fn rebuild(
        &self,
        docs: impl IntoIterator<Item = ActivityDoc>,
    ) -> Result<usize, SearchError> {
        let mut writer = match self.writer.lock() {
            Ok(w) => w,
            Err(poisoned) => {
                let mut w = poisoned.into_inner();
                w.rollback()?;
                self.writer.clear_poison();
                w
            }
        };
        let f = self.fields;
        let result = (|| {
            writer.delete_all_documents()?;
            let mut count = 0;
            for doc in docs {
                let mut out = TantivyDocument::default();
                out.add_text(f.id, &doc.id);
                out.add_text(f.title, &doc.title);
                out.add_text(f.title_fold, &doc.title);
                for text in &doc.context {
                    out.add_text(f.context, text);
                    out.add_text(f.context_fold, text);
                }
                for text in &doc.body {
                    out.add_text(f.body, text);
                    out.add_text(f.body_fold, text);
                }
                writer.add_document(out)?;
                count += 1;
            }
            writer.commit()?;
            Ok::<_, SearchError>(count)
        })();
        if result.is_err() {
            let _ = writer.rollback();
        }
        let count = result?;
        self.reader.reload()?;
        Ok(count)
    }

    pub fn doc_count(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The activities matching at least one meaningful word of `query`,
    /// best first, at most `limit`. A query of stop words only finds
    /// nothing.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<ActivityHit>, SearchError> {
        let searcher = self.reader.searcher();
        let total = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        if total == 0 || limit == 0 {
            return Ok(Vec::new());
        }
        let mut matched: HashMap<tantivy::DocAddress, (usize, f32)> = HashMap::new();
        for word in analyze_query(query, false).iter().filter(|w| w.meaningful) {
            let union = BooleanQuery::union(self.word_clauses(&searcher, word)?);
            let top = searcher.search(&union, &TopDocs::with_limit(total).order_by_score())?;
            for (score, address) in top {
                let entry = matched.entry(address).or_default();
                entry.0 += 1;
                entry.1 += score;
            }
        }
        let mut hits = Vec::with_capacity(matched.len());
        for (address, (matched_words, score)) in matched {
            let doc: TantivyDocument = searcher.doc(address)?;
            let id = doc
                .get_first(self.fields.id)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_owned();
            hits.push(ActivityHit {
                id,
                matched_words,
                score,
            });
        }
        hits.sort_by(|a, b| {
            b.matched_words
                .cmp(&a.matched_words)
                .then(b.score.total_cmp(&a.score))
                .then(a.id.cmp(&b.id))
        });
        hits.truncate(limit);
        Ok(hits)
    }

    /// Everything that counts as "this activity contains the word".
    fn word_clauses(
        &self,
        searcher: &tantivy::Searcher,
        word: &QueryWord,
    ) -> Result<Vec<Box<dyn Query>>, SearchError> {
        let f = self.fields;
        let boosted = |q: Box<dyn Query>, boost: f32| -> Box<dyn Query> {
            Box::new(BoostQuery::new(q, boost))
        };
        let mut clauses: Vec<Box<dyn Query>> = [
            (f.title, BOOST_TITLE),
            (f.context, BOOST_CONTEXT),
            (f.body, BOOST_BODY),
        ]
        .into_iter()
        .map(|(field, boost)| {
            boosted(
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &word.stem),
                    IndexRecordOption::WithFreqs,
                )),
                boost,
            )
        })
        .collect();
        if !word.fuzzy {
            return Ok(clauses);
        }
        let fuzzy = FuzzyTermQuery::new(Term::from_field_text(f.title_fold, &word.folded), 1, true);
        let automaton = fuzzy.automaton()?;
        for (field, boost) in [
            (f.title_fold, APPROX_TITLE),
            (f.context_fold, APPROX_CONTEXT),
            (f.body_fold, APPROX_BODY),
        ] {
            let typo = FuzzyTermQuery::new(Term::from_field_text(field, &word.folded), 1, true);
            clauses.push(boosted(Box::new(typo), boost));
        }
        let stems = crate::rank::corrected_stems(
            searcher,
            &[f.title_fold, f.context_fold, f.body_fold],
            &automaton,
            &word.stem,
        )?;
        if !stems.is_empty() {
            for (field, boost) in [
                (f.title, APPROX_TITLE),
                (f.context, APPROX_CONTEXT),
                (f.body, APPROX_BODY),
            ] {
                let terms = stems.iter().map(|s| Term::from_field_text(field, s));
                clauses.push(boosted(Box::new(TermSetQuery::new(terms)), boost));
            }
        }
        Ok(clauses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, title: &str, context: &[&str], body: &[&str]) -> ActivityDoc {
        ActivityDoc {
            id: id.into(),
            title: title.into(),
            context: context.iter().map(|s| (*s).to_owned()).collect(),
            body: body.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn index() -> ActivityIndex {
        let index = ActivityIndex::new().unwrap();
        index
            .rebuild([
                doc(
                    "lecture",
                    "La lecture en famille",
                    &["Parents", "0-5 ans"],
                    &["Lire une histoire chaque soir avec son tout-petit."],
                ),
                doc(
                    "devoirs",
                    "Les devoirs sans larmes",
                    &["Parents", "Primaire"],
                    &["Soutenir la persévérance scolaire à la maison."],
                ),
                doc(
                    "ecole",
                    "Communiquer avec l’école",
                    &["Écoles"],
                    &["Un premier contact positif entre l’enseignante et les parents."],
                ),
            ])
            .unwrap();
        index
    }

    fn ids(index: &ActivityIndex, query: &str) -> Vec<String> {
        index
            .search(query, 5)
            .unwrap()
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    #[test]
    fn accents_case_and_one_typo_do_not_matter() {
        let index = index();
        assert_eq!(index.doc_count(), 3);
        assert_eq!(ids(&index, "LECTURE")[0], "lecture");
        assert_eq!(ids(&index, "perseverance"), ["devoirs"]);
        assert_eq!(ids(&index, "perseverence"), ["devoirs"]);
        assert_eq!(ids(&index, "ecole")[0], "ecole");
        assert_eq!(ids(&index, "parent 0-5 ans")[0], "lecture");
        assert!(ids(&index, "de la").is_empty(), "stop words only");
        assert!(ids(&index, "").is_empty());
    }

    #[test]
    fn more_words_matched_rank_first_and_a_rebuild_replaces_everything() {
        let index = index();
        let hits = index.search("devoirs parents", 5).unwrap();
        assert_eq!(hits[0].id, "devoirs");
        assert_eq!(hits[0].matched_words, 2);
        index
            .rebuild([doc("seule", "Une seule activité", &[], &[])])
            .unwrap();
        assert!(ids(&index, "lecture").is_empty());
        assert_eq!(ids(&index, "activite"), ["seule"]);
    }
}
