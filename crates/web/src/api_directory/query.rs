//! Query parameters and errors of the directory API.
//!
//! Parameters are read by hand rather than by serde so that every problem
//! gets a message naming the parameter and the value received: an unknown
//! or repeated parameter, a number out of range, a malformed date. Each is a
//! 400 `{"error": {"code": "bad_request", "message": "…"}}`, French unless
//! the language cookie asks for English. Errors are the application's
//! [`AppError`], rendered by its one error layer: a store's missing row is a
//! 404 like an unknown id, a database failure a 500 with its cause logged.

use std::collections::HashMap;

use axum::Json;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;
use crate::i18n::Lang;

/// Page size when `per_page` is not given.
pub const DEFAULT_PER_PAGE: u64 = 50;
/// The largest `per_page`.
pub const MAX_PER_PAGE: u64 = 500;
/// Page size (default and largest) of `minimal=true` service lists, which
/// aim to give every service in one page.
pub const MINIMAL_PER_PAGE: u64 = 100_000;

/// A 400 whose message names the parameter and the value received, in
/// the visitor's language.
pub fn bad_request(lang: Lang, fr: &str, en: &str) -> AppError {
    AppError::InvalidParameter(pick(lang, fr, en))
}

/// Nothing has the id `id`; `nothing_fr`/`nothing_en` say what was looked
/// for ("Aucune organisation", "No organization"): a 404.
pub fn not_found(lang: Lang, nothing_fr: &str, nothing_en: &str, id: &str) -> AppError {
    AppError::NoSuch(pick(
        lang,
        &format!("{nothing_fr} n’a l’identifiant «\u{a0}{id}\u{a0}»."),
        &format!("{nothing_en} has the id \"{id}\"."),
    ))
}

/// The one document loaded for `id`, or a 404 naming what was looked for
/// (as [`not_found`]).
pub fn found<T>(
    mut items: Vec<T>,
    lang: Lang,
    nothing_fr: &str,
    nothing_en: &str,
    id: &str,
) -> Result<Json<T>, AppError> {
    items
        .pop()
        .map(Json)
        .ok_or_else(|| not_found(lang, nothing_fr, nothing_en, id))
}

fn pick(lang: Lang, fr: &str, en: &str) -> String {
    match lang {
        Lang::Fr => fr.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// The parameters of a request, each given at most once.
#[derive(Debug)]
pub struct QueryMap {
    pairs: HashMap<String, String>,
    pub lang: Lang,
}

/// A parameter set read from a query string.
pub trait FromQuery: Sized {
    /// Every parameter accepted; any other is refused.
    const NAMES: &'static [&'static str];
    fn from_query(q: &QueryMap) -> Result<Self, AppError>;
}

/// Extracts `T` from the query string, or answers 400.
#[derive(Debug)]
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: FromQuery> FromRequestParts<S> for Params<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let lang = Lang::from_jar(&CookieJar::from_headers(&parts.headers));
        let q = QueryMap::parse(parts.uri.query().unwrap_or_default(), T::NAMES, lang)?;
        T::from_query(&q).map(Params)
    }
}

impl QueryMap {
    pub fn parse(query: &str, names: &[&str], lang: Lang) -> Result<QueryMap, AppError> {
        let raw: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|_| {
            bad_request(
                lang,
                "La chaîne de requête est mal formée.",
                "The query string is malformed.",
            )
        })?;
        let mut pairs = HashMap::new();
        for (name, value) in raw {
            if !names.contains(&name.as_str()) {
                return Err(if names.is_empty() {
                    bad_request(
                        lang,
                        &format!(
                            "Paramètre inconnu «\u{a0}{name}\u{a0}»\u{a0}: cette adresse n’en prend aucun."
                        ),
                        &format!("Unknown parameter \"{name}\": this address takes none."),
                    )
                } else {
                    let accepted = names.join(", ");
                    bad_request(
                        lang,
                        &format!(
                            "Paramètre inconnu «\u{a0}{name}\u{a0}». Paramètres acceptés ici\u{a0}: {accepted}."
                        ),
                        &format!("Unknown parameter \"{name}\". Accepted here: {accepted}."),
                    )
                });
            }
            if pairs.insert(name.clone(), value).is_some() {
                return Err(bad_request(
                    lang,
                    &format!("Le paramètre «\u{a0}{name}\u{a0}» est donné plus d’une fois."),
                    &format!("The parameter \"{name}\" is given more than once."),
                ));
            }
        }
        Ok(QueryMap { pairs, lang })
    }

    /// The value as given, when the parameter is present.
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.pairs.get(name).map(String::as_str)
    }

    /// The value without surrounding spaces; a blank value counts as absent.
    pub fn text(&self, name: &str) -> Option<String> {
        self.raw(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    }

    /// `true`/`false` (also `1`/`0`), any case; absent or blank is `None`.
    pub fn flag(&self, name: &str) -> Result<Option<bool>, AppError> {
        let Some(v) = self.text(name) else {
            return Ok(None);
        };
        match v.to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(Some(true)),
            "false" | "0" => Ok(Some(false)),
            _ => Err(bad_request(
                self.lang,
                &format!(
                    "Le paramètre «\u{a0}{name}\u{a0}» vaut true ou false (reçu\u{a0}: «\u{a0}{v}\u{a0}»)."
                ),
                &format!("The parameter \"{name}\" must be true or false (got \"{v}\")."),
            )),
        }
    }

    /// A whole number in `min..=max`; absent or blank is `None`.
    pub fn number(&self, name: &str, min: u64, max: u64) -> Result<Option<u64>, AppError> {
        let Some(v) = self.text(name) else {
            return Ok(None);
        };
        match v.parse::<u64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            _ if max >= u64::from(u32::MAX) => Err(bad_request(
                self.lang,
                &format!(
                    "Le paramètre «\u{a0}{name}\u{a0}» doit être un nombre entier d’au moins {min} (reçu\u{a0}: «\u{a0}{v}\u{a0}»)."
                ),
                &format!(
                    "The parameter \"{name}\" must be a whole number of at least {min} (got \"{v}\")."
                ),
            )),
            _ => Err(bad_request(
                self.lang,
                &format!(
                    "Le paramètre «\u{a0}{name}\u{a0}» doit être un nombre entier de {min} à {max} (reçu\u{a0}: «\u{a0}{v}\u{a0}»)."
                ),
                &format!(
                    "The parameter \"{name}\" must be a whole number from {min} to {max} (got \"{v}\")."
                ),
            )),
        }
    }

    /// A date and time (RFC 3339, e.g. `2024-05-01T08:00:00Z`; without an
    /// offset it is UTC) or a date (`2024-05-01`, from midnight UTC).
    pub fn datetime(&self, name: &str) -> Result<Option<DateTime<Utc>>, AppError> {
        let Some(v) = self.text(name) else {
            return Ok(None);
        };
        parse_datetime(&v).map(Some).ok_or_else(|| {
            bad_request(
                self.lang,
                &format!(
                    "Le paramètre « {name} » doit être une date (2024-05-01) ou une date et heure \
                     (2024-05-01T08:00:00Z) (reçu : « {v} »)."
                ),
                &format!(
                    "The parameter \"{name}\" must be a date (2024-05-01) or a date and time \
                     (2024-05-01T08:00:00Z) (got \"{v}\")."
                ),
            )
        })
    }

    /// A parameter the directory cannot honour, whatever its value.
    pub fn unsupported(&self, name: &str, why_fr: &str, why_en: &str) -> Result<(), AppError> {
        match self.text(name) {
            None => Ok(()),
            Some(_) => Err(bad_request(
                self.lang,
                &format!(
                    "Le paramètre «\u{a0}{name}\u{a0}» n’est pas pris en charge\u{a0}: {why_fr}"
                ),
                &format!("The parameter \"{name}\" is not supported: {why_en}"),
            )),
        }
    }
}

/// Reads the dates and times HSDS data and clients use: RFC 3339, the same
/// without an offset (UTC), or a plain date (midnight UTC).
pub fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Some(t.and_utc());
        }
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

/// How a list is returned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ListFormat {
    /// One page, in the HSDS paging envelope.
    #[default]
    Json,
    /// Every result, one JSON object per line, without paging
    /// (`application/x-ndjson`).
    Ndjson,
}

/// Which page of a list, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// From 1.
    pub page: u64,
    pub per_page: u64,
    pub format: ListFormat,
}

impl Paging {
    /// The paging of a list query: `from_query` always fills the three
    /// fields, which are options only for the OpenAPI description.
    pub fn given(page: Option<u64>, per_page: Option<u64>, format: Option<ListFormat>) -> Paging {
        Paging {
            page: page.unwrap_or(1),
            per_page: per_page.unwrap_or(DEFAULT_PER_PAGE),
            format: format.unwrap_or_default(),
        }
    }

    /// Reads `page`, `per_page` (1 to `max`, `default` when absent) and
    /// `format`.
    pub fn read(q: &QueryMap, default: u64, max: u64) -> Result<Paging, AppError> {
        let format = match q.text("format").map(|f| f.to_ascii_lowercase()).as_deref() {
            None | Some("json") => ListFormat::Json,
            Some("ndjson") => ListFormat::Ndjson,
            Some(other) => {
                return Err(bad_request(
                    q.lang,
                    &format!(
                        "Le paramètre «\u{a0}format\u{a0}» vaut json ou ndjson (reçu\u{a0}: «\u{a0}{other}\u{a0}»)."
                    ),
                    &format!("The parameter \"format\" must be json or ndjson (got \"{other}\")."),
                ));
            }
        };
        Ok(Paging {
            page: q.number("page", 1, u64::from(u32::MAX))?.unwrap_or(1),
            per_page: q.number("per_page", 1, max)?.unwrap_or(default),
            format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<QueryMap, AppError> {
        QueryMap::parse(
            query,
            &["page", "per_page", "format", "full", "when"],
            Lang::En,
        )
    }

    fn message(e: AppError) -> String {
        match e {
            AppError::InvalidParameter(message) => message,
            other => panic!("not a parameter error: {other}"),
        }
    }

    /// The API's errors go through the application's one mapping: a row
    /// the store does not find is a 404 JSON error (it was a 500 when the
    /// directory API had its own error type), an unknown id a 404 naming
    /// it, a bad parameter a 400 naming it.
    #[tokio::test]
    async fn errors_are_the_applications_json_errors() {
        use axum::Router;
        use axum::body::{Body, to_bytes};
        use axum::http::{Request, StatusCode};
        use axum::routing::get;
        use maillage_store::StoreError;
        use tower::ServiceExt;

        async fn missing_row() -> Result<Json<u8>, AppError> {
            Err(StoreError::NotFound)?
        }
        async fn unknown_id() -> Result<Json<u8>, AppError> {
            found(
                Vec::new(),
                Lang::Fr,
                "Aucune organisation",
                "No organization",
                "x-1",
            )
        }
        async fn bad_parameter() -> Result<Json<u8>, AppError> {
            Err(parse("colour=red").unwrap_err())
        }
        let app = Router::new()
            .route("/api/v1/missing", get(missing_row))
            .route("/api/v1/unknown", get(unknown_id))
            .route("/api/v1/bad", get(bad_parameter))
            .layer(axum::middleware::from_fn(crate::error::render_errors));
        for (path, status, code, message) in [
            ("/api/v1/missing", StatusCode::NOT_FOUND, "not_found", None),
            (
                "/api/v1/unknown",
                StatusCode::NOT_FOUND,
                "not_found",
                Some("Aucune organisation n’a l’identifiant «\u{a0}x-1\u{a0}»."),
            ),
            (
                "/api/v1/bad",
                StatusCode::BAD_REQUEST,
                "bad_request",
                Some(
                    "Unknown parameter \"colour\". Accepted here: page, per_page, format, full, when.",
                ),
            ),
        ] {
            let r = app
                .clone()
                .oneshot(Request::get(path).body(Body::empty()).unwrap())
                .await
                .unwrap();
            assert_eq!(r.status(), status, "{path}");
            let body = to_bytes(r.into_body(), 1 << 16).await.unwrap();
            let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
            assert_eq!(json["error"]["code"], code, "{path}: {json}");
            if let Some(message) = message {
                assert_eq!(json["error"]["message"], message, "{path}");
            }
        }
    }

    #[test]
    fn paging_defaults_and_bounds() {
        let p = Paging::read(&parse("").unwrap(), 50, 500).unwrap();
        assert_eq!((p.page, p.per_page, p.format), (1, 50, ListFormat::Json));
        let p = Paging::read(
            &parse("page=3&per_page=500&format=NDJSON").unwrap(),
            50,
            500,
        )
        .unwrap();
        assert_eq!((p.page, p.per_page, p.format), (3, 500, ListFormat::Ndjson));
        for bad in [
            "page=0",
            "page=-1",
            "page=abc",
            "per_page=0",
            "per_page=501",
            "format=xml",
        ] {
            let e = Paging::read(&parse(bad).unwrap(), 50, 500).unwrap_err();
            let name = bad.split('=').next().unwrap();
            assert!(message(e).contains(name), "{bad}");
        }
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        assert!(message(parse("colour=red").unwrap_err()).contains("colour"));
        assert!(message(parse("page=1&page=2").unwrap_err()).contains("more than once"));
    }

    #[test]
    fn flags_and_dates() {
        let q = parse("full=TRUE&when=2024-05-01").unwrap();
        assert_eq!(q.flag("full").unwrap(), Some(true));
        assert_eq!(
            q.datetime("when").unwrap().unwrap().to_rfc3339(),
            "2024-05-01T00:00:00+00:00"
        );
        assert!(parse("full=oui").unwrap().flag("full").is_err());
        assert!(parse("when=hier").unwrap().datetime("when").is_err());
        assert_eq!(
            parse_datetime("2023-03-15T10:30:45.123Z")
                .unwrap()
                .to_rfc3339(),
            "2023-03-15T10:30:45.123+00:00"
        );
        assert_eq!(
            parse_datetime("2023-03-15T05:30:45-05:00")
                .unwrap()
                .to_rfc3339(),
            "2023-03-15T10:30:45+00:00"
        );
        assert!(parse_datetime("2023-03-15T10:30:45").is_some());
    }
}
