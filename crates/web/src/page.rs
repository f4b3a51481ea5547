//! What every page template needs: language, signed-in user, CSRF token,
//! current path (navigation and language switch) and a one-shot message.

use std::borrow::Borrow;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum_extra::extract::CookieJar;
use maillage_domain::Role;
use serde::Deserialize;

use crate::auth::RequestSession;
use crate::error::url_escape;
use crate::i18n::Lang;

/// The signed-in account as the layout shows it.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub display_name: String,
    pub email: String,
    /// The account works for an organization (it may refer, « Références »).
    pub has_organization: bool,
}

#[derive(Debug, Clone)]
pub struct Flash {
    pub kind: &'static str,
    pub text: String,
}

/// The areas of the main navigation; those not built yet show as "soon".
pub struct NavItem {
    pub href: &'static str,
    pub key: &'static str,
    pub ready: bool,
}

const NAV: &[NavItem] = &[
    NavItem {
        href: "/",
        key: "nav-dashboard",
        ready: true,
    },
    NavItem {
        href: "/repertoire",
        key: "nav-directory",
        ready: true,
    },
    NavItem {
        href: "/regroupements",
        key: "nav-groupings",
        ready: true,
    },
    NavItem {
        href: "/plans",
        key: "nav-plans",
        ready: true,
    },
    NavItem {
        href: "/evenements",
        key: "nav-events",
        ready: true,
    },
    NavItem {
        href: "/reseau",
        key: "nav-network",
        ready: true,
    },
    NavItem {
        href: "/evaluations",
        key: "nav-evaluations",
        ready: true,
    },
];

#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub viewer: Option<Viewer>,
    pub is_admin: bool,
    pub csrf: String,
    pub path: String,
    pub path_and_query: String,
    pub flash: Option<Flash>,
}

#[derive(Deserialize)]
struct FlashQuery {
    ok: Option<String>,
    erreur: Option<String>,
}

impl Page {
    fn build(
        lang: Lang,
        session: Option<RequestSession>,
        path: &str,
        path_and_query: &str,
    ) -> Self {
        let (viewer, is_admin, csrf) = match session {
            Some(s) => {
                let csrf = s.csrf.clone();
                match s.user {
                    Some(u) => (
                        Some(Viewer {
                            display_name: u.view.user.display_name.clone(),
                            email: u.view.user.email.clone(),
                            has_organization: u.view.user.organization_id.is_some(),
                        }),
                        u.principal.is_admin,
                        csrf,
                    ),
                    None => (None, false, csrf),
                }
            }
            None => (None, false, String::new()),
        };
        Self {
            lang,
            viewer,
            is_admin,
            csrf,
            path: path.to_owned(),
            path_and_query: path_and_query.to_owned(),
            flash: None,
        }
    }

    pub fn for_error(lang: Lang, session: Option<RequestSession>, path_and_query: &str) -> Self {
        let path = path_and_query.split('?').next().unwrap_or("/");
        Self::build(lang, session, path, path_and_query)
    }

    pub fn t(&self, key: &str) -> String {
        self.lang.t(key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.lang.t_args(key, &[(name, value.to_owned())])
    }

    /// `key` with `$count`, for a message whose selector
    /// (`{ $count -> [one] … *[other] … }`) agrees with a number shown
    /// beside it.
    /// The count comes by value or by reference, as askama hands it.
    pub fn tc(&self, key: &str, count: impl Borrow<usize>) -> String {
        crate::text::count_text(self.lang, key, *count.borrow())
    }

    /// [`Page::tc`] with one more argument.
    pub fn tc1(
        &self,
        key: &str,
        count: impl Borrow<usize>,
        name: &'static str,
        value: &str,
    ) -> String {
        let count = *count.borrow();
        self.lang.t_args(
            key,
            &[("count", count.to_string()), (name, value.to_owned())],
        )
    }

    /// `label : item` (`Monter\u{a0}: Accueil`, `Up: Welcome`), for the
    /// accessible name of a button or a field that acts on one item.
    pub fn labelled(&self, label_key: &str, item: impl std::fmt::Display) -> String {
        self.lang.t_args(
            "labelled",
            &[("label", self.t(label_key)), ("item", item.to_string())],
        )
    }

    pub fn with_flash(mut self, kind: &'static str, key: &str) -> Self {
        self.flash = Some(Flash {
            kind,
            text: self.lang.t(key),
        });
        self
    }

    #[expect(
        clippy::unused_self,
        reason = "templates reach the navigation through the page"
    )]
    pub fn nav(&self) -> &'static [NavItem] {
        NAV
    }

    /// Whether the navigation shows « Références » (an account that works
    /// for an organization).
    pub fn refers(&self) -> bool {
        self.viewer.as_ref().is_some_and(|v| v.has_organization)
    }

    pub fn is_current(&self, href: &str) -> bool {
        if href == "/" {
            self.path == "/"
        } else {
            self.path.starts_with(href)
        }
    }

    /// Link that switches the language and comes back to this page.
    pub fn lang_switch_href(&self) -> String {
        format!(
            "/langue/{}?suivant={}",
            self.lang.other().short(),
            url_escape(&self.path_and_query)
        )
    }

    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "askama hands loop items by reference"
    )]
    pub fn role_label(&self, role: &Role) -> String {
        self.t(&format!("role-{}", role.as_str()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Page {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let lang = Lang::from_jar(&CookieJar::from_headers(&parts.headers));
        let session = parts.extensions.get::<RequestSession>().cloned();
        let path_and_query = parts
            .uri
            .path_and_query()
            .map_or_else(|| parts.uri.path().to_owned(), |p| p.as_str().to_owned());
        let mut page = Self::build(lang, session, parts.uri.path(), &path_and_query);
        // One-shot confirmations travel as `?ok=flash-…`; only known keys
        // are shown, so the query cannot inject text.
        if let Some(q) = parts
            .uri
            .query()
            .and_then(|q| serde_urlencoded::from_str::<FlashQuery>(q).ok())
        {
            let known = |k: &String| k.starts_with("flash-") && lang.has(k);
            if let Some(key) = q.erreur.filter(known) {
                page = page.with_flash("error", &key);
            } else if let Some(key) = q.ok.filter(known) {
                page = page.with_flash("success", &key);
            }
        }
        Ok(page)
    }
}
