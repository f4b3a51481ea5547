//! What the forms of every area share: the options of a select and the
//! messages of a form, by field.

use maillage_domain::directory::FieldError;

use crate::i18n::Lang;

/// One option of a select.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// The messages of a form, by field.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(pub Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn from_domain(errors: &[FieldError], lang: Lang) -> Self {
        FieldErrors(errors.iter().map(|e| (e.field, lang.t(e.key))).collect())
    }

    pub fn push(&mut self, field: &'static str, message: String) {
        self.0.push((field, message));
    }

    /// The message of `field`, if it has one.
    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, m)| m)
    }

    pub fn has(&self, field: &str) -> bool {
        self.get(field).is_some()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn messages(&self) -> Vec<&String> {
        self.0.iter().map(|(_, m)| m).collect()
    }
}
