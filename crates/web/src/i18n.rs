//! French-first localisation with Fluent (`locales/fr-CA`, `locales/en`).

use std::borrow::Cow;
use std::collections::HashMap;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr-CA",
        // Isolation marks around arguments would show up in e-mail addresses
        // and copied one-time passwords.
        customise: |bundle| bundle.set_use_isolating(false),
    };
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
        let map: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone())))
            .collect();
        LOCALES.lookup_with_args(self.id(), key, &map)
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
