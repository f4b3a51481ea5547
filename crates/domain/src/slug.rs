//! URL slugs from French names.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// `Commun'Enfant Jonquière 0-8 ans` → `commun-enfant-jonquiere-0-8-ans`.
pub fn slugify(name: &str) -> String {
    let folded: String = name.nfd().filter(|c| !is_combining_mark(*c)).collect();
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            c if c.is_ascii_alphanumeric() => out.push(c.to_ascii_lowercase()),
            _ => {
                if !out.is_empty() && !out.ends_with('-') {
                    out.push('-');
                }
            }
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Whether a user-given slug is already in canonical form.
pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty() && slug.len() <= 100 && slugify(slug) == slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_punctuation() {
        assert_eq!(
            slugify("Commun'Enfant Jonquière 0-8 ans"),
            "commun-enfant-jonquiere-0-8-ans"
        );
        assert_eq!(
            slugify("Saguenay–Lac-Saint-Jean"),
            "saguenay-lac-saint-jean"
        );
        assert_eq!(slugify("  Cœur d'Élèves!! "), "coeur-d-eleves");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn validity() {
        assert!(is_valid("mobilisation-famille-slsj"));
        assert!(!is_valid("Mobilisation famille"));
        assert!(!is_valid(""));
    }
}
