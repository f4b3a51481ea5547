//! French text analysis shared by indexing and querying.
//!
//! Documents and queries must go through exactly the same chain, otherwise a
//! word typed by a user would not produce the term stored in the index.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, TokenizerManager,
};

/// Stemmed analyzer: tokenize, lowercase, fold accents, then stem.
pub(crate) const STEM: &str = "maillage_fr_stem_v1";
/// Same as [`STEM`] without the stemmer, for prefix and typo matching.
pub(crate) const FOLD: &str = "maillage_fr_fold_v1";
/// A whole value as one lowercased, accent-folded term, for filters.
pub(crate) const KEYWORD: &str = "maillage_keyword_v1";

/// Longer tokens are garbage (URLs, base64…) and would bloat the dictionary.
const MAX_TOKEN_LEN: usize = 40;

/// Longer queries are cut rather than refused: a pasted paragraph still
/// searches, and the cost of a query stays bounded.
pub(crate) const MAX_QUERY_CHARS: usize = 200;
pub(crate) const MAX_QUERY_WORDS: usize = 16;

/// Below this many characters a typo is more likely another word
/// (`cpi` vs `cpe`), so only exact matches count.
pub(crate) const MIN_FUZZY_CHARS: usize = 5;

/// French function words, already folded. They may score but are never
/// required, so `centre pour les femmes` finds `Centre de femmes`.
/// Kept sorted for the binary search.
const STOP_WORDS: &[&str] = &[
    "a", "and", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "d", "dans", "de", "des",
    "du", "en", "et", "j", "l", "la", "le", "les", "leur", "leurs", "m", "n", "ne", "of", "ou",
    "par", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sur", "t", "the", "un",
    "une", "y",
];

pub(crate) fn is_stop_word(folded: &str) -> bool {
    STOP_WORDS.binary_search(&folded).is_ok()
}

fn fold_builder() -> tantivy::tokenizer::TextAnalyzerBuilder<impl tantivy::tokenizer::Tokenizer> {
    // SimpleTokenizer splits on every non-alphanumeric character, so
    // apostrophes (’ and '), dashes and en dashes all separate words:
    // `l'Envolée` → `l`, `envolee`; `Mieux-Être` → `mieux`, `etre`.
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_LEN))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
}

pub(crate) fn stem_analyzer() -> TextAnalyzer {
    fold_builder()
        .filter(Stemmer::new(Language::French))
        .build()
}

pub(crate) fn fold_analyzer() -> TextAnalyzer {
    fold_builder().build()
}

/// Stems a token that is already folded, exactly as [`STEM`] would have.
/// Re-tokenizing the folded text could split it differently (folding can
/// produce punctuation, e.g. `½` → `1/2`), hence the raw tokenizer.
fn stem_only_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(Stemmer::new(Language::French))
        .build()
}

pub(crate) fn keyword_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

pub(crate) fn register(manager: &TokenizerManager) {
    manager.register(STEM, stem_analyzer());
    manager.register(FOLD, fold_analyzer());
    manager.register(KEYWORD, keyword_analyzer());
}

/// The single term a filter value or keyword is indexed as; `None` when blank.
pub(crate) fn keyword(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let mut analyzer = keyword_analyzer();
    let mut stream = analyzer.token_stream(value);
    let mut out = None;
    stream.process(&mut |token| out = Some(token.text.clone()));
    out.filter(|term| !term.is_empty())
}

/// One word of a query after analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct QueryWord {
    /// Lowercased and accent-folded, not stemmed.
    pub folded: String,
    /// The term to look up in the stemmed fields.
    pub stem: String,
    /// Required for a document to count as covering the query.
    pub meaningful: bool,
    /// Long enough to tolerate one typo.
    pub fuzzy: bool,
    /// The last word while the user is still typing it.
    pub prefix: bool,
}

/// Analyzes `query` into distinct words, in order. `prefix` marks the last
/// word as a prefix (search-as-you-type).
pub(crate) fn analyze_query(query: &str, prefix: bool) -> Vec<QueryWord> {
    let query = truncate_chars(query, MAX_QUERY_CHARS);
    let mut folded_tokens: Vec<String> = Vec::new();
    let mut fold = fold_analyzer();
    let mut stream = fold.token_stream(query);
    while folded_tokens.len() < MAX_QUERY_WORDS && stream.advance() {
        folded_tokens.push(stream.token().text.clone());
    }
    // A query cut at the char or word limit does not end with a word being
    // typed, but treating it as one only widens the match; not worth a flag.
    let last = folded_tokens.len().saturating_sub(1);
    let mut stemmer = stem_only_analyzer();
    let mut words: Vec<QueryWord> = Vec::with_capacity(folded_tokens.len());
    for (i, folded) in folded_tokens.into_iter().enumerate() {
        let is_prefix = prefix && i == last;
        if let Some(existing) = words.iter_mut().find(|w| w.folded == folded) {
            existing.prefix |= is_prefix;
            continue;
        }
        let mut stem = folded.clone();
        stemmer
            .token_stream(&folded)
            .process(&mut |token| stem.clone_from(&token.text));
        words.push(QueryWord {
            meaningful: !is_stop_word(&folded),
            fuzzy: folded.chars().count() >= MIN_FUZZY_CHARS,
            prefix: is_prefix,
            stem,
            folded,
        });
    }
    words
}

/// The stem of a word that is already folded (a term of a folded field).
pub(crate) fn stem_folded(folded: &str) -> String {
    let mut stem = folded.to_owned();
    stem_only_analyzer()
        .token_stream(folded)
        .process(&mut |token| stem.clone_from(&token.text));
    stem
}

fn truncate_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t| out.push(t.text.clone()));
        out
    }

    #[test]
    fn stop_words_are_sorted_and_folded() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
        for word in STOP_WORDS {
            assert!(word.is_ascii() && word.chars().all(|c| c.is_ascii_lowercase()));
        }
    }

    #[test]
    fn apostrophes_and_dashes_split_and_accents_fold() {
        let mut fold = fold_analyzer();
        assert_eq!(tokens(&mut fold, "l'Envolée"), ["l", "envolee"]);
        assert_eq!(tokens(&mut fold, "L’ENVOLÉE"), ["l", "envolee"]);
        assert_eq!(
            tokens(&mut fold, "Saguenay–Lac-Saint-Jean"),
            ["saguenay", "lac", "saint", "jean"]
        );
        assert_eq!(tokens(&mut fold, "Mieux-Être"), ["mieux", "etre"]);
        assert_eq!(tokens(&mut fold, "Cœur"), ["coeur"]);
    }

    #[test]
    fn stemming_joins_singular_and_plural() {
        let mut stem = stem_analyzer();
        assert_eq!(tokens(&mut stem, "ateliers"), tokens(&mut stem, "atelier"));
        assert_eq!(tokens(&mut stem, "familles"), tokens(&mut stem, "famille"));
        assert_eq!(
            tokens(&mut stem, "Jonquière"),
            tokens(&mut stem, "JONQUIERE")
        );
    }

    #[test]
    fn query_words_match_document_terms() {
        let mut stem = stem_analyzer();
        let words = analyze_query("Centre pour les FEMMES de Jonquière", false);
        let meaningful: Vec<&str> = words
            .iter()
            .filter(|w| w.meaningful)
            .map(|w| w.folded.as_str())
            .collect();
        assert_eq!(meaningful, ["centre", "femmes", "jonquiere"]);
        let doc_terms = tokens(&mut stem, "Centre de femmes de Jonquière");
        for word in words.iter().filter(|w| w.meaningful) {
            assert!(doc_terms.contains(&word.stem), "{word:?}");
        }
    }

    #[test]
    fn query_limits_and_prefix() {
        let long = "mot ".repeat(100);
        assert_eq!(analyze_query(&long, false).len(), 1, "duplicates collapse");
        let many = (0..40)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(analyze_query(&many, false).len(), MAX_QUERY_WORDS);
        let huge = "é".repeat(10_000);
        assert!(analyze_query(&huge, true).len() <= 1);
        let words = analyze_query("souris ver", true);
        assert!(!words[0].prefix && words[1].prefix);
        assert!(words[0].fuzzy && !words[1].fuzzy);
        assert!(analyze_query("  !!! ", false).is_empty());
    }

    #[test]
    fn keywords_fold_whole_values() {
        assert_eq!(
            keyword("  Saguenay–Lac-Saint-Jean ").as_deref(),
            Some("saguenay-lac-saint-jean"),
            "dashes fold too"
        );
        assert_eq!(keyword("Français").as_deref(), Some("francais"));
        assert_eq!(keyword("   "), None);
    }
}
