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
const EDITORS: &[Who] = &[Who::Coordinator, Who::Admin];

#[derive(Debug, Clone, Copy)]
enum Method {
    Get,
    Post,
}

struct Route {
    method: Method,
    /// `{user}` is replaced by the id of a bystander account, `{org}` and
    /// `{service}` by those of a directory entry, `{proposal}` by an id
    /// that names no proposal.
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
    // directory pages (rows added by the directory area)
    get("/repertoire", EVERYONE),
    get("/repertoire?q=centre&secteur=communautaire", EVERYONE),
    get("/repertoire/resultats?q=cen", EVERYONE),
    get("/repertoire/organisations/{org}", EVERYONE),
    get("/repertoire/services/{service}", EVERYONE),
    get("/repertoire/organisations/nouvelle", EDITORS),
    post("/repertoire/organisations/nouvelle", EDITORS),
    get("/repertoire/organisations/{org}/modifier", EDITORS),
    post("/repertoire/organisations/{org}/modifier", EDITORS),
    post("/repertoire/organisations/{org}/verifier", EDITORS),
    get("/repertoire/organisations/{org}/fusionner", EDITORS),
    post("/repertoire/organisations/{org}/fusionner", EDITORS),
    // Members propose for their own organization only (these accounts
    // have none); coordinators are sent to the edit form.
    get("/repertoire/organisations/{org}/proposer", EDITORS),
    post("/repertoire/organisations/{org}/proposer", EDITORS),
    get("/repertoire/organisations/{org}/representants", EDITORS),
    post("/repertoire/organisations/{org}/representants", EDITORS),
    post(
        "/repertoire/organisations/{org}/representants/{user}/retirer",
        EDITORS,
    ),
    get("/repertoire/organisations/{org}/services/nouveau", EDITORS),
    post("/repertoire/organisations/{org}/services/nouveau", EDITORS),
    get("/repertoire/services/{service}/modifier", EDITORS),
    post("/repertoire/services/{service}/modifier", EDITORS),
    get("/repertoire/a-verifier", EDITORS),
    get("/repertoire/propositions", EDITORS),
    post("/repertoire/propositions/{proposal}/approuver", EDITORS),
    post("/repertoire/propositions/{proposal}/refuser", EDITORS),
    get("/repertoire/export.zip", EDITORS),
    // end of directory pages
    // directory API (rows added by the directory API)
    get("/api/v1/", EVERYONE),
    get("/api/v1", EVERYONE),
    get("/api/v1/search?q=crepas", EVERYONE),
    get("/api/v1/organizations", EVERYONE),
    get("/api/v1/organizations/inconnu", EVERYONE),
    get("/api/v1/services", EVERYONE),
    get("/api/v1/services/inconnu", EVERYONE),
    get("/api/v1/service_at_locations", EVERYONE),
    get("/api/v1/service_at_locations/inconnu", EVERYONE),
    get("/api/v1/locations", EVERYONE),
    get("/api/v1/locations/inconnu", EVERYONE),
    get("/api/v1/taxonomies", EVERYONE),
    get("/api/v1/taxonomies/inconnu", EVERYONE),
    get("/api/v1/taxonomy_terms", EVERYONE),
    get("/api/v1/taxonomy_terms/inconnu", EVERYONE),
    // end of directory API
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
    let org = maillage_store::repo::organizations::create_organization(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: "Organisme des routes".to_owned(),
            description: "Pour la table des routes.".to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("an organization");
    let service = maillage_store::repo::organizations::create_service(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        &org,
        &maillage_domain::directory::ServiceInput {
            name: "Service des routes".to_owned(),
            status: "active".to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("a service");
    let proposal = uuid::Uuid::new_v4().to_string();
    let mut n = 0;
    for route in ROUTES {
        for who in EVERYONE {
            n += 1;
            let client = client_for(app, *who, n).await;
            let path = route
                .path
                .replace("{user}", &bystander)
                .replace("{org}", &org)
                .replace("{service}", &service)
                .replace("{proposal}", &proposal);
            let response = match route.method {
                Method::Get => client.get(&path).await,
                Method::Post => client.post_form(&path, &[]).await,
            };
            let status = response.status();
            let to_login = status == StatusCode::SEE_OTHER
                && (location(&response) == "/connexion"
                    || location(&response).starts_with("/connexion?suivant="));
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
