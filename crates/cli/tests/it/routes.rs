//! Who may reach which route: one row per route, with the roles allowed.
//! Later areas add their rows here.

use maillage_domain::Role;
use reqwest::StatusCode;

use crate::harness::{TestApp, TestClient, location};
use crate::on_both_databases;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Anonymous,
    Viewer,
    Member,
    Coordinator,
    Admin,
}

const EVERYONE: &[Who] = &[
    Who::Anonymous,
    Who::Viewer,
    Who::Member,
    Who::Coordinator,
    Who::Admin,
];
const SIGNED_IN: &[Who] = &[Who::Viewer, Who::Member, Who::Coordinator, Who::Admin];
const ADMIN: &[Who] = &[Who::Admin];

#[derive(Debug, Clone, Copy)]
enum Method {
    Get,
    Post,
}

struct Route {
    method: Method,
    /// `{user}` is replaced by the id of a bystander account.
    path: &'static str,
    allowed: &'static [Who],
}

const fn get(path: &'static str, allowed: &'static [Who]) -> Route {
    Route {
        method: Method::Get,
        path,
        allowed,
    }
}

const fn post(path: &'static str, allowed: &'static [Who]) -> Route {
    Route {
        method: Method::Post,
        path,
        allowed,
    }
}

const ROUTES: &[Route] = &[
    get("/healthz", EVERYONE),
    get("/readyz", EVERYONE),
    get("/static/maillage.css", EVERYONE),
    get("/static/vendor/htmx.min.js", EVERYONE),
    get("/langue/en?suivant=/", EVERYONE),
    get("/api/v1/openapi.json", EVERYONE),
    get("/connexion", EVERYONE),
    post("/connexion", EVERYONE),
    get("/", SIGNED_IN),
    get("/profil", SIGNED_IN),
    post("/profil/mot-de-passe", SIGNED_IN),
    post("/deconnexion", SIGNED_IN),
    get("/api/v1/me", SIGNED_IN),
    get("/admin/utilisateurs", ADMIN),
    post("/admin/utilisateurs", ADMIN),
    post("/admin/utilisateurs/{user}/role", ADMIN),
    post("/admin/utilisateurs/{user}/desactiver", ADMIN),
    post("/admin/utilisateurs/{user}/activer", ADMIN),
    get("/api/v1/users", ADMIN),
];

async fn client_for(app: &TestApp, who: Who, n: usize) -> TestClient {
    let role = match who {
        Who::Anonymous => return app.client(),
        Who::Viewer => Role::Viewer,
        Who::Member => Role::Member,
        Who::Coordinator => Role::Coordinator,
        Who::Admin => Role::Admin,
    };
    app.signed_in(&format!("{who:?}-{n}@exemple.ca").to_lowercase(), role)
        .await
}

on_both_databases!(every_route_admits_exactly_its_roles);

async fn every_route_admits_exactly_its_roles(app: &TestApp) {
    app.create_user("temoin@exemple.ca", Role::Viewer, Some("table-de-test"))
        .await;
    let bystander = app.user_id("temoin@exemple.ca").await.to_string();
    let mut n = 0;
    for route in ROUTES {
        for who in EVERYONE {
            n += 1;
            let client = client_for(app, *who, n).await;
            let path = route.path.replace("{user}", &bystander);
            let response = match route.method {
                Method::Get => client.get(&path).await,
                Method::Post => client.post_form(&path, &[]).await,
            };
            let status = response.status();
            let to_login = status == StatusCode::SEE_OTHER
                && location(&response).starts_with("/connexion?suivant=");
            let denied =
                status == StatusCode::FORBIDDEN || status == StatusCode::UNAUTHORIZED || to_login;
            let allowed = route.allowed.contains(who);
            assert_eq!(
                !denied,
                allowed,
                "{:?} {path} as {who:?}: status {status}, location {:?}",
                route.method,
                location(&response)
            );
            if denied {
                let expected = if *who == Who::Anonymous {
                    if path.starts_with("/api/") {
                        "401"
                    } else {
                        "redirect to sign-in"
                    }
                } else {
                    "403"
                };
                let got = if to_login {
                    "redirect to sign-in"
                } else {
                    status.as_str()
                };
                assert_eq!(got, expected, "{:?} {path} as {who:?}", route.method);
            }
            assert!(
                !status.is_server_error(),
                "{:?} {path} as {who:?}: {status}",
                route.method
            );
        }
    }
}
