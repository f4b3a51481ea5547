//! The contract's typo tolerance, measured on the demo directory: a word of
//! 5+ letters with one typo (a letter missing, extra, swapped or wrong) or
//! without its accents finds what the word itself finds — every hit, not
//! only the first one. Also: counts and pages of `search_page`.

use std::collections::BTreeSet;

use maillage_search::{Doc, Filters, Kind, SearchIndex};
use serde_json::Value;

/// The demo territory's organizations and services (`maillage demo`).
fn demo_docs() -> Vec<Doc> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../store/demo/territory.json");
    let demo: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let text = |v: &Value, key: &str| v[key].as_str().unwrap_or_default().to_owned();
    let mut docs = Vec::new();
    for (i, o) in demo["organizations"].as_array().unwrap().iter().enumerate() {
        let name = text(o, "name");
        let mut doc = Doc::new(Kind::Organization, format!("o{i}"), name.clone());
        doc.organization_id.clone_from(&doc.id);
        doc.organization = name;
        doc.description = text(o, "description");
        doc.aliases = o["aliases"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(town) = o["town"].as_str() {
            doc.towns.push(town.to_owned());
        }
        docs.push(doc);
    }
    for (i, s) in demo["services"].as_array().unwrap().iter().enumerate() {
        let mut doc = Doc::new(Kind::Service, format!("s{i}"), text(s, "name"));
        doc.organization = text(s, "organization");
        doc.description = text(s, "description");
        docs.push(doc);
    }
    docs
}

fn index() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    index.rebuild(demo_docs(), 1).unwrap();
    index
}

fn found(index: &SearchIndex, query: &str, kind: Option<Kind>) -> BTreeSet<String> {
    let filters = Filters {
        kind,
        ..Filters::default()
    };
    let page = index
        .search_page(query, 0, maillage_search::MAX_LIMIT, &filters, false)
        .unwrap();
    assert_eq!(
        page.hits.len(),
        page.total,
        "{query}: every hit fits the page"
    );
    page.hits.into_iter().map(|h| h.id).collect()
}

/// One typo of each kind, away from the first letter, and the word
/// without accents.
fn typos(word: &str) -> Vec<(&'static str, String)> {
    let chars: Vec<char> = word.chars().collect();
    let mid = chars.len() / 2;
    let join = |c: &[char]| c.iter().collect::<String>();
    let mut missing = chars.clone();
    missing.remove(mid);
    let mut extra = chars.clone();
    extra.insert(mid, chars[mid]);
    let mut swapped = chars.clone();
    swapped.swap(mid, mid + 1);
    let mut wrong = chars.clone();
    wrong[mid] = if chars[mid] == 'x' { 'z' } else { 'x' };
    let mut out = vec![
        ("missing", join(&missing)),
        ("extra", join(&extra)),
        ("swapped", join(&swapped)),
        ("wrong", join(&wrong)),
    ];
    let plain: String = word
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' => 'e',
            'à' | 'â' => 'a',
            'î' | 'ï' => 'i',
            'ô' => 'o',
            'û' | 'ù' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect();
    if plain != word {
        out.push(("accents", plain));
    }
    out
}

/// Words of the demo that people look for.
const WORDS: &[&str] = &[
    "communautaire",
    "familles",
    "persévérance",
    "jeunesse",
    "parents",
    "éducation",
    "scolaire",
    "développement",
    "intervention",
    "alimentaire",
    "enfants",
    "Jonquière",
    "concertation",
    "Chicoutimi",
    "santé mentale",
    "petite enfance",
    "emploi",
    "accompagnement",
    "réussite",
    "entraide",
    "loisirs",
];

#[test]
fn comunautaire_finds_the_organizations_communautaire_finds() {
    let index = index();
    let right = found(&index, "communautaire", Some(Kind::Organization));
    assert!(right.len() >= 10, "{right:?}");
    for typo in [
        "comunautaire",
        "communautiare",
        "COMMUNAUTAIRE",
        "commnautaire",
    ] {
        assert_eq!(
            found(&index, typo, Some(Kind::Organization)),
            right,
            "{typo}"
        );
    }
}

#[test]
fn one_typo_keeps_every_hit_of_the_word() {
    let index = index();
    let mut expected = 0usize;
    let mut kept = 0usize;
    let mut misses = Vec::new();
    for query in WORDS {
        let right = found(&index, query, None);
        assert!(!right.is_empty(), "{query} finds something in the demo");
        // The typo goes in the longest word of the query.
        let word = query.split(' ').max_by_key(|w| w.chars().count()).unwrap();
        for (kind, typo) in typos(word) {
            let typo_query = query.replacen(word, &typo, 1);
            let got = found(&index, &typo_query, None);
            let missing: Vec<&String> = right.difference(&got).collect();
            expected += right.len();
            kept += right.len() - missing.len();
            if !missing.is_empty() {
                misses.push(format!("{typo_query} ({kind}): {} missing", missing.len()));
            }
        }
    }
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let recall = kept as f64 / expected as f64;
    eprintln!("typo recall: {kept}/{expected} = {recall:.4}; misses: {misses:?}");
    assert!(misses.is_empty(), "recall {recall:.4}: {misses:#?}");
}

#[test]
fn pages_cover_every_hit_once_and_total_tells_the_truth() {
    let index = index();
    let filters = Filters::default();
    let all = index
        .search_page("famille", 0, maillage_search::MAX_LIMIT, &filters, false)
        .unwrap();
    assert!(all.total > 25, "{}", all.total);
    assert_eq!(all.hits.len(), all.total);
    let mut paged = Vec::new();
    for page in 0..all.total.div_ceil(10) {
        let found = index
            .search_page("famille", page * 10, 10, &filters, false)
            .unwrap();
        assert_eq!(
            found.total, all.total,
            "the total does not depend on the page"
        );
        assert!(found.hits.len() <= 10);
        paged.extend(found.hits);
    }
    assert_eq!(paged, all.hits, "pages in order make the whole list");
    let past = index
        .search_page("famille", all.total + 5, 10, &filters, false)
        .unwrap();
    assert!(past.hits.is_empty());
    assert_eq!(past.total, all.total);
    // The capped search agrees with the first page.
    let capped = index.search("famille", 10, &filters, false).unwrap();
    assert_eq!(capped, all.hits[..10]);
    let none = index.search_page("   ", 0, 10, &filters, false).unwrap();
    assert_eq!((none.hits.len(), none.total), (0, 0));
}
