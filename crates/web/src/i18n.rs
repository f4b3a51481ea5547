//! French-first localisation with Fluent (`locales/fr-CA`, `locales/en`).

use std::borrow::Cow;
use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};
use maillage_domain::numbers;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr-CA",
        // Isolation marks around arguments would show up in e-mail addresses
        // and copied one-time passwords. Numbers are written as each
        // language writes them (`1 234`, `1,234`).
        customise: |bundle| {
            bundle.set_use_isolating(false);
            let french = bundle.locales.first().is_none_or(|l| l.language.as_str() == "fr");
            bundle.set_formatter(Some(if french { french_number } else { english_number }));
        },
    };
}

/// Fluent numbers (`$count`) in French: `1 234`, `2,5`.
fn french_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    number(value, numbers::Language::French)
}

/// Fluent numbers in English: `1,234`, `2.5`.
fn english_number<M>(value: &FluentValue, _: &M) -> Option<String> {
    number(value, numbers::Language::English)
}

fn number(value: &FluentValue, language: numbers::Language) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    let decimals = n
        .options
        .minimum_fraction_digits
        .map_or(numbers::Decimals::AtMost(2), numbers::Decimals::Exactly);
    Some(numbers::format(n.value, language, decimals))
}

fn fluent_args(
    args: &[(&'static str, String)],
) -> HashMap<Cow<'static, str>, FluentValue<'static>> {
    args.iter()
        .map(|(k, v)| {
            let value = if is_count(k) && v.parse::<f64>().is_ok() {
                FluentValue::try_number(v.as_str()).into_owned()
            } else {
                FluentValue::from(v.clone())
            };
            (Cow::Borrowed(*k), value)
        })
        .collect()
}

/// Whether an argument is a count, passed to Fluent as a number so that
/// `{ $count -> [one] … *[other] … }` picks the language's plural form
/// (French: 0 and 1 are singular).
fn is_count(name: &str) -> bool {
    name == "count" || name.ends_with("_count") || name == "total"
}

static FR_CA: LanguageIdentifier = langid!("fr-CA");
static EN: LanguageIdentifier = langid!("en");

pub const LANG_COOKIE: &str = "maillage_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr-CA",
            Lang::En => "en",
        }
    }

    /// The short code used in URLs and the cookie.
    pub fn short(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    #[must_use]
    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "fr-ca" => Some(Lang::Fr),
            "en" | "en-ca" | "en-us" => Some(Lang::En),
            _ => None,
        }
    }

    /// The cookie wins; otherwise French, whatever the browser says: the
    /// platform is French first and English only on request.
    pub fn from_jar(jar: &CookieJar) -> Lang {
        jar.get(LANG_COOKIE)
            .and_then(|c| Lang::parse(c.value()))
            .unwrap_or_default()
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::Fr => &FR_CA,
            Lang::En => &EN,
        }
    }

    pub fn t(self, key: &str) -> String {
        LOCALES.lookup(self.id(), key)
    }

    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        LOCALES.lookup_with_args(self.id(), key, &fluent_args(args))
    }

    /// Whether a message exists (used to accept only known flash keys).
    pub fn has(self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_jar(&CookieJar::from_headers(&parts.headers)))
    }
}
