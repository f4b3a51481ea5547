//! The index schema. Any change here (or in `analysis`) must bump
//! [`crate::SCHEMA_VERSION`], so that existing indexes are rebuilt.

use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// The name of [`Fields::order`].
pub(crate) const ORDER: &str = "order";

use crate::analysis::{FOLD, KEYWORD, STEM};

#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    /// `kind:id`, the identity used to replace or delete a document.
    pub key: Field,
    /// A hash of `key`, breaking ties between equal scores the same way
    /// whatever the documents' places in the index (which change when they
    /// are written again), so that pages of results never overlap.
    pub order: Field,
    pub kind: Field,
    pub id: Field,
    /// The display name only (aliases are searchable, not shown).
    pub title: Field,

    // Stemmed, scored with BM25.
    /// Name and aliases.
    pub name: Field,
    pub organization: Field,
    pub description: Field,
    pub terms: Field,
    pub towns: Field,

    // Folded, not stemmed: fuzzy and prefix matching only (constant score,
    // so no frequencies or norms).
    /// Name and aliases.
    pub name_fold: Field,
    /// Organization name, terms and towns.
    pub other_fold: Field,
    /// The description: a typo'd word must find what the correct word finds
    /// (« comunautaire » as « communautaire »), and most words live there.
    pub description_fold: Field,

    // Filters: one folded term per value.
    pub sector: Field,
    pub territory: Field,
    pub term: Field,
    pub language: Field,
    pub age_group: Field,
    pub town: Field,
}

pub(crate) fn stemmed() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(STEM)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

pub(crate) fn folded() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(FOLD)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

fn keyword() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KEYWORD)
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

pub(crate) fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        key: b.add_text_field("key", STRING),
        order: b.add_u64_field(ORDER, FAST),
        kind: b.add_text_field("kind", STRING | STORED),
        id: b.add_text_field("id", STORED),
        title: b.add_text_field("title", STORED),
        name: b.add_text_field("name", stemmed()),
        organization: b.add_text_field("organization", stemmed() | STORED),
        description: b.add_text_field("description", stemmed()),
        terms: b.add_text_field("terms", stemmed()),
        towns: b.add_text_field("towns", stemmed()),
        name_fold: b.add_text_field("name_fold", folded()),
        other_fold: b.add_text_field("other_fold", folded()),
        description_fold: b.add_text_field("description_fold", folded()),
        sector: b.add_text_field("f_sector", keyword()),
        territory: b.add_text_field("f_territory", keyword()),
        term: b.add_text_field("f_term", keyword()),
        language: b.add_text_field("f_language", keyword()),
        age_group: b.add_text_field("f_age_group", keyword()),
        town: b.add_text_field("f_town", keyword()),
    };
    (b.build(), fields)
}
