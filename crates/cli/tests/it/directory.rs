//! The directory pages: search (full page and htmx fragment), organization
//! and service pages, forms with their validation and stale-form
//! detection, verification, merging, proposals, representatives and the
//! HSDS export.

use maillage_domain::Role;
use maillage_domain::directory::{OrganizationInput, ServiceInput};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::directory as dir;
use maillage_store::repo::hsds::{self, TableRows, Values};
use maillage_store::repo::{accounts, directory_pages, groupings, organizations};
use reqwest::StatusCode;

use crate::harness::{TestApp, TestClient, asks_sign_in, body, location};
use maillage_test_macros::db_test;

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// Loads the demo territory and brings the search index up to date.
async fn load_demo(app: &TestApp) {
    maillage_store::demo::load(&app.store)
        .await
        .expect("demo loads");
    sync(app).await;
}

async fn sync(app: &TestApp) {
    maillage_web::search_sync::catch_up(&app.store, &app.search)
        .await
        .expect("the index catches up");
}

/// The id of the organization named `name` (exactly).
async fn org_id(app: &TestApp, name: &str) -> String {
    directory_pages::organizations_with_aliases(&app.store)
        .await
        .unwrap()
        .into_iter()
        .find(|(_, n, _)| n == name)
        .unwrap_or_else(|| panic!("no organization named {name}"))
        .0
}

async fn organization_count(app: &TestApp) -> usize {
    directory_pages::organizations_with_aliases(&app.store)
        .await
        .unwrap()
        .len()
}

async fn new_org(app: &TestApp, name: &str, description: &str) -> String {
    organizations::create_organization(
        &app.store,
        &Actor::system(),
        &OrganizationInput {
            name: name.to_owned(),
            description: description.to_owned(),
            sector: "communautaire".to_owned(),
            ..OrganizationInput::default()
        },
    )
    .await
    .expect("create organization")
}

async fn new_service(app: &TestApp, org: &str, name: &str) -> String {
    organizations::create_service(
        &app.store,
        &Actor::system(),
        org,
        &ServiceInput {
            name: name.to_owned(),
            status: "active".to_owned(),
            description: format!("{name}, pour les familles."),
            ..ServiceInput::default()
        },
    )
    .await
    .expect("create service")
}

/// The ids of the result rows of a page or fragment, in order.
fn result_ids(html: &str) -> Vec<String> {
    const START: &str = "class=\"result\" data-kind=\"";
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(START) {
        rest = &rest[i + START.len()..];
        let Some(j) = rest.find("data-id=\"") else {
            break;
        };
        rest = &rest[j + "data-id=\"".len()..];
        let end = rest.find('"').unwrap();
        out.push(rest[..end].to_owned());
        rest = &rest[end..];
    }
    out
}

/// The value of the hidden input `name` of a page.
fn hidden(html: &str, name: &str) -> String {
    let start = format!("name=\"{name}\" value=\"");
    let from = html
        .find(&start)
        .unwrap_or_else(|| panic!("no {name} field in\n{html}"))
        + start.len();
    let len = html[from..].find('"').unwrap();
    html[from..from + len].to_owned()
}

fn q(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn description_of(app: &TestApp, id: &str) -> String {
    dir::organization(&app.store, id)
        .await
        .unwrap()
        .expect("organization exists")
        .values
        .get("description")
        .cloned()
        .unwrap_or_default()
}

/// A location with an address and a phone for an organization, and the
/// service offered there, imported as HSDS rows.
async fn add_location(app: &TestApp, org: &str, service: &str) {
    let row = |pairs: &[(&'static str, &str)]| -> Values {
        pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
    };
    let location = format!("loc-{org}");
    let tables = vec![
        TableRows {
            table: maillage_domain::hsds::table("location").unwrap(),
            rows: vec![row(&[
                ("id", &location),
                ("organization_id", org),
                ("name", "Local du boulevard Harvey"),
                ("location_type", "physical"),
            ])],
        },
        TableRows {
            table: maillage_domain::hsds::table("address").unwrap(),
            rows: vec![row(&[
                ("id", &format!("adr-{org}")),
                ("location_id", &location),
                ("address_1", "2351, rue Saint-Dominique"),
                ("city", "Jonquière"),
                ("state_province", "QC"),
                ("postal_code", "G7X 6L8"),
                ("country", "CA"),
                ("address_type", "physical"),
            ])],
        },
        TableRows {
            table: maillage_domain::hsds::table("phone").unwrap(),
            rows: vec![row(&[
                ("id", &format!("tel-{org}")),
                ("organization_id", org),
                ("number", "418 555-0142"),
                ("type", "voice"),
            ])],
        },
        TableRows {
            table: maillage_domain::hsds::table("service_at_location").unwrap(),
            rows: vec![row(&[
                ("id", &format!("sal-{org}")),
                ("service_id", service),
                ("location_id", &location),
            ])],
        },
    ];
    hsds::import(&app.store, &Actor::system(), &tables, false)
        .await
        .expect("import a location");
}

// ---------------------------------------------------------------------------
// Search
// ---------------------------------------------------------------------------

#[db_test]
async fn search_finds_what_people_type(app: &TestApp) {
    load_demo(app).await;
    let wanted = org_id(app, "Centre de femmes Mieux-Être de Jonquière").await;
    let client = app.client();

    // Without accents and with a typo, first.
    let (status, html) = client
        .get_text(&format!(
            "/repertoire?q={}",
            q("centre femmes mieux etre jonquire")
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(result_ids(&html).first(), Some(&wanted), "{html}");
    assert!(html.contains("<html"), "the full page");
    assert!(html.contains("hx-get=\"/repertoire/resultats\""));

    // The fragment: only the results, the last word as a prefix.
    let r = client
        .get(&format!("/repertoire/resultats?q={}", q("femmes mieux-et")))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let replace = r
        .headers()
        .get("hx-replace-url")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(replace.starts_with("/repertoire?q="), "{replace}");
    let fragment = body(r).await;
    assert!(!fragment.contains("<html"), "{fragment}");
    assert!(!fragment.contains("<header"), "{fragment}");
    assert_eq!(result_ids(&fragment).first(), Some(&wanted), "{fragment}");

    // Services are found too, with their organization.
    let (_, html) = client
        .get_text(&format!(
            "/repertoire?q={}",
            q("ecoute telephonique parents")
        ))
        .await;
    assert!(html.contains("data-kind=\"service\""), "{html}");
    assert!(html.contains("Aide-Parents Plus"), "{html}");

    // Filters restrict the hits.
    let (_, html) = client
        .get_text(&format!(
            "/repertoire?q={}&type=service&langue=fr&territoire=saguenay",
            q("ateliers")
        ))
        .await;
    let ids = result_ids(&html);
    assert!(!ids.is_empty(), "{html}");
    assert!(!html.contains("data-kind=\"organization\""), "{html}");

    // In English on request.
    let en = app.client();
    en.get("/langue/en?suivant=/repertoire").await;
    let (_, html) = en.get_text("/repertoire?q=zzzzqqq").await;
    assert!(html.contains("No results for"), "{html}");
}

#[db_test]
async fn odd_queries_give_an_empty_result(app: &TestApp) {
    load_demo(app).await;
    let client = app.client();
    let long = "jonquiere ".repeat(30);
    for (query, message) in [
        ("   ", "Tapez au moins un mot"),
        ("!!!", "Aucun résultat"),
        ("« — » ... ?!", "Aucun résultat"),
        (long.as_str(), "seuls les 200 premiers"),
        (&"x".repeat(300), "Aucun résultat"),
    ] {
        for path in ["/repertoire", "/repertoire/resultats"] {
            let (status, html) = client.get_text(&format!("{path}?q={}", q(query))).await;
            assert_eq!(status, StatusCode::OK, "{path} {query:?}");
            assert!(html.contains(message), "{path} {query:?}:\n{html}");
            if message != "seuls les 200 premiers" {
                assert!(result_ids(&html).is_empty(), "{path} {query:?}");
            }
        }
    }
    // A bad page number is the first page, not an error.
    let (status, _) = client.get_text("/repertoire?page=abc").await;
    assert_eq!(status, StatusCode::OK);
}

#[db_test]
async fn browsing_lists_alphabetically_with_filters(app: &TestApp) {
    load_demo(app).await;
    let client = app.client();
    let (status, html) = client.get_text("/repertoire").await;
    assert_eq!(status, StatusCode::OK);
    let first_page = result_ids(&html);
    assert_eq!(first_page.len(), 20, "20 per page");
    assert!(html.contains("page 1 sur"), "{html}");
    assert!(html.contains("rel=\"next\""));
    let (_, html2) = client.get_text("/repertoire?page=2").await;
    let second = result_ids(&html2);
    assert!(!second.is_empty());
    assert!(second.iter().all(|id| !first_page.contains(id)));

    // Alphabetical, accents folded: "Aide-Parents Plus" comes early.
    let aide = org_id(app, "Aide-Parents Plus").await;
    assert!(first_page[..5].contains(&aide), "{first_page:?}");

    // A territory includes what lies under it: Saguenay holds Jonquière.
    let (_, html) = client
        .get_text("/repertoire?territoire=saguenay&secteur=communautaire")
        .await;
    let ids = result_ids(&html);
    assert!(ids.contains(&aide), "{html}");
    let (_, html) = client
        .get_text("/repertoire?territoire=mrc-becancour")
        .await;
    assert!(!result_ids(&html).contains(&aide));

    // Age group without a query lists services.
    let (_, html) = client
        .get_text(&format!("/repertoire?age={}", q("0-5 ans")))
        .await;
    assert!(html.contains("data-kind=\"service\""), "{html}");
    assert!(!html.contains("data-kind=\"organization\""));
}

// ---------------------------------------------------------------------------
// Pages
// ---------------------------------------------------------------------------

#[db_test]
async fn organization_and_service_pages_show_their_data(app: &TestApp) {
    load_demo(app).await;
    let aide = org_id(app, "Aide-Parents Plus").await;
    let view = dir::organization(&app.store, &aide).await.unwrap().unwrap();
    let service = view.services[0].get("id").cloned().unwrap();
    add_location(app, &aide, &service).await;
    organizations::update_organization(
        &app.store,
        &Actor::system(),
        &aide,
        view.meta.version,
        &OrganizationInput {
            name: "Aide-Parents Plus".into(),
            aliases: vec!["APP Jonquière".into()],
            description: "Organisme communautaire de soutien aux parents.".into(),
            email: "info@aideparents.example.org".into(),
            website: "https://aideparents.example.org".into(),
            sector: "communautaire".into(),
            territory: "jonquiere".into(),
            ..OrganizationInput::default()
        },
    )
    .await
    .unwrap();

    let client = app.client();
    let (status, html) = client
        .get_text(&format!("/repertoire/organisations/{aide}"))
        .await;
    assert_eq!(status, StatusCode::OK, "public page");
    for expected in [
        "<h1>Aide-Parents Plus</h1>",
        "APP Jonquière",
        "Communautaire",
        "Jonquière",
        "Organisme communautaire de soutien aux parents.",
        "mailto:info@aideparents.example.org",
        "href=\"https://aideparents.example.org\"",
        "Ateliers parents-enfants",
        &format!("/repertoire/services/{service}"),
        "Local du boulevard Harvey",
        "2351, rue Saint-Dominique",
        "G7X 6L8",
        "418 555-0142",
        "Commun'Enfant Jonquière 0-8 ans",
        "n’a jamais été vérifiée",
    ] {
        assert!(html.contains(expected), "{expected:?} in\n{html}");
    }
    // Anonymous visitors see no edit buttons.
    assert!(!html.contains("/modifier"), "{html}");
    assert!(!html.contains("Proposer une modification"));

    // Coordinators do.
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let (_, html) = coordinator
        .get_text(&format!("/repertoire/organisations/{aide}"))
        .await;
    for expected in [
        "Modifier",
        "Marquer comme vérifiée",
        "Fusionner avec…",
        "Ajouter un service",
    ] {
        assert!(html.contains(expected), "{expected:?} in\n{html}");
    }

    let (status, html) = client
        .get_text(&format!("/repertoire/services/{service}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Ateliers parents-enfants",
        "En activité",
        "parents et tout-petits jouent",
        &format!("/repertoire/organisations/{aide}"),
        "0-5 ans",
        "Parents",
        "Français",
        "2351, rue Saint-Dominique",
    ] {
        assert!(html.contains(expected), "{expected:?} in\n{html}");
    }
    assert!(!html.contains("Modifier le service"));
    let (_, html) = coordinator
        .get_text(&format!("/repertoire/services/{service}"))
        .await;
    assert!(html.contains("Modifier le service"));
}

#[db_test]
async fn unknown_ids_get_a_french_404(app: &TestApp) {
    let client = app.client();
    for path in [
        "/repertoire/organisations/inconnue",
        "/repertoire/services/inconnu",
        "/repertoire/organisations/00000000-0000-0000-0000-000000000000",
    ] {
        let (status, html) = client.get_text(path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(html.contains("Page introuvable"), "{path}: {html}");
        assert!(html.contains("lang=\"fr-CA\""));
    }
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let (status, _) = coordinator
        .get_text("/repertoire/organisations/inconnue/modifier")
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

// ---------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------

#[db_test]
async fn creating_needs_a_name_and_a_description(app: &TestApp) {
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let (status, html) = coordinator
        .get_text("/repertoire/organisations/nouvelle")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Nouvelle organisation"));
    let before = organization_count(app).await;
    let r = coordinator
        .post_form(
            "/repertoire/organisations/nouvelle",
            &[
                ("name", "  "),
                ("description", ""),
                ("aliases", "Un sigle\nUn autre"),
                ("website", "pas-une-adresse"),
                ("year_incorporated", "19x5"),
                ("sector", "inexistant"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    for expected in [
        "Indiquez le nom de l’organisation.",
        "Décrivez l’organisation",
        "Indiquez une adresse Web complète",
        "Indiquez une année à quatre chiffres",
        "Choisissez un secteur de la liste.",
        "aria-invalid=\"true\" aria-describedby=\"name-error\"",
        "aria-invalid=\"true\" aria-describedby=\"description-error\"",
        // Values are kept.
        "Un sigle\nUn autre",
        "value=\"pas-une-adresse\"",
    ] {
        assert!(html.contains(expected), "{expected:?} in\n{html}");
    }
    assert_eq!(organization_count(app).await, before, "nothing created");
}

#[db_test]
async fn a_stale_edit_is_refused(app: &TestApp) {
    let id = new_org(app, "Maison de la famille du Fjord", "Première version.").await;
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let path = format!("/repertoire/organisations/{id}/modifier");
    let (status, form) = coordinator.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    let version = hidden(&form, "version");
    let fields = |description: &'static str| {
        vec![
            ("name", "Maison de la famille du Fjord"),
            ("description", description),
            ("sector", "communautaire"),
            ("version", version.as_str()),
        ]
    };
    let r = coordinator
        .post_form(&path, &fields("Deuxième version, par Camille."))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("/repertoire/organisations/{id}?ok=flash-organization-saved")
    );
    let (_, page) = coordinator.get_text(&location(&r)).await;
    assert!(page.contains("Les modifications ont été enregistrées."));
    assert!(page.contains("Deuxième version, par Camille."));

    // The same old form again: refused, the first edit kept.
    let r = coordinator
        .post_form(&path, &fields("Troisième version, par Alex."))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = body(r).await;
    assert!(
        html.contains("Quelqu’un d’autre a enregistré cette fiche entre-temps"),
        "{html}"
    );
    assert!(
        html.contains("Deuxième version, par Camille."),
        "current values shown"
    );
    assert!(
        html.contains("Troisième version, par Alex."),
        "what was typed, shown"
    );
    assert_ne!(hidden(&html, "version"), version, "the form is now current");
    assert_eq!(
        description_of(app, &id).await,
        "Deuxième version, par Camille."
    );

    // Saving the refreshed form works.
    let fresh = hidden(&html, "version");
    let r = coordinator
        .post_form(
            &path,
            &[
                ("name", "Maison de la famille du Fjord"),
                ("description", "Troisième version, par Alex."),
                ("version", fresh.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        description_of(app, &id).await,
        "Troisième version, par Alex."
    );
}

#[db_test]
async fn a_new_organization_is_searchable_at_once(app: &TestApp) {
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let r = coordinator
        .post_form(
            "/repertoire/organisations/nouvelle",
            &[
                ("name", "Maison des jeunes L'Escale de Larouche"),
                ("aliases", "MDJ L'Escale\n\n"),
                (
                    "description",
                    "Milieu de vie pour les jeunes de 12 à 17 ans de Larouche.",
                ),
                ("sector", "communautaire"),
                ("territory", ""),
                ("email", "escale@exemple.ca"),
                ("website", "https://escale.exemple.ca"),
                ("year_incorporated", "1994"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let target = location(&r);
    assert!(
        target.ends_with("?ok=flash-organization-created"),
        "{target}"
    );
    let id = target
        .trim_start_matches("/repertoire/organisations/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (_, page) = coordinator.get_text(&target).await;
    assert!(page.contains("L’organisation a été ajoutée au répertoire."));
    assert!(page.contains("MDJ L'Escale"));

    let (_, html) = app
        .client()
        .get_text(&format!(
            "/repertoire?q={}",
            q("maison jeunes escale larouche")
        ))
        .await;
    assert_eq!(result_ids(&html).first(), Some(&id), "{html}");
    let (_, html) = app
        .client()
        .get_text(&format!("/repertoire/resultats?q={}", q("mdj l'esca")))
        .await;
    assert_eq!(result_ids(&html).first(), Some(&id), "{html}");
}

#[db_test]
async fn services_are_created_and_edited(app: &TestApp) {
    let org = new_org(app, "Patro de Larouche", "Loisirs pour tous.").await;
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let new = format!("/repertoire/organisations/{org}/services/nouveau");
    let (status, html) = coordinator.get_text(&new).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Patro de Larouche"));
    let r = coordinator
        .post_form(&new, &[("name", ""), ("status", "ouvert")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("Indiquez le nom du service."), "{html}");
    assert!(html.contains("Choisissez le statut du service."), "{html}");

    let r = coordinator
        .post_form(
            &new,
            &[
                ("name", "Camp de jour estival"),
                ("status", "active"),
                ("description", "Camp de jour pour les 5 à 12 ans."),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let target = location(&r);
    assert!(target.ends_with("?ok=flash-service-created"), "{target}");
    let id = target
        .trim_start_matches("/repertoire/services/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let (_, html) = app
        .client()
        .get_text(&format!("/repertoire?q={}", q("camp jour estival")))
        .await;
    assert_eq!(result_ids(&html).first(), Some(&id), "{html}");

    // Edit twice from the same form: the second is stale.
    let edit = format!("/repertoire/services/{id}/modifier");
    let (_, form) = coordinator.get_text(&edit).await;
    let fingerprint = hidden(&form, "fingerprint");
    let fields = |description: &'static str| {
        vec![
            ("name", "Camp de jour estival"),
            ("status", "active"),
            ("description", description),
            ("fingerprint", fingerprint.as_str()),
        ]
    };
    let r = coordinator
        .post_form(&edit, &fields("Camp de jour, édition 2025."))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = coordinator
        .post_form(&edit, &fields("Camp de jour, autre édition."))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = body(r).await;
    assert!(html.contains("Quelqu’un d’autre a enregistré"), "{html}");
    let (_, page) = app
        .client()
        .get_text(&format!("/repertoire/services/{id}"))
        .await;
    assert!(page.contains("Camp de jour, édition 2025."));
}

// ---------------------------------------------------------------------------
// Keeping the directory current
// ---------------------------------------------------------------------------

#[db_test]
async fn verifying_takes_an_entry_off_the_list(app: &TestApp) {
    let id = new_org(app, "Centre communautaire de Saint-Ambroise", "Un centre.").await;
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let (status, html) = coordinator.get_text("/repertoire/a-verifier").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("data-id=\"{id}\"")), "{html}");

    let r = coordinator
        .post_form(
            &format!("/repertoire/organisations/{id}/verifier"),
            &[("retour", "/repertoire/a-verifier")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        "/repertoire/a-verifier?ok=flash-organization-verified"
    );
    let (_, html) = coordinator.get_text(&location(&r)).await;
    assert!(!html.contains(&format!("data-id=\"{id}\"")), "{html}");
    assert!(html.contains("La fiche est marquée comme vérifiée"));

    let (_, page) = app
        .client()
        .get_text(&format!("/repertoire/organisations/{id}"))
        .await;
    assert!(page.contains("Vérifiée le"), "{page}");
    assert!(page.contains("par coordination"), "{page}");

    // A return address elsewhere is not followed.
    let r = coordinator
        .post_form(
            &format!("/repertoire/organisations/{id}/verifier"),
            &[("retour", "https://ailleurs.example.com/")],
        )
        .await;
    assert_eq!(
        location(&r),
        format!("/repertoire/organisations/{id}?ok=flash-organization-verified")
    );
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn merging_keeps_services_memberships_and_the_name(app: &TestApp) {
    load_demo(app).await;
    let keep = org_id(app, "Centre de femmes Mieux-Être de Jonquière").await;
    let keep_services = dir::organization(&app.store, &keep)
        .await
        .unwrap()
        .unwrap()
        .services
        .len();
    // A duplicate typed by someone else, with a service and a membership.
    let duplicate = new_org(
        app,
        "Centre de femmes Mieux Etre Jonquiere",
        "Doublon saisi à la main.",
    )
    .await;
    let moved = new_service(app, &duplicate, "Café-rencontre du jeudi").await;
    let grouping = groupings::find_by_slug(app.store.conn(), "commun-enfant-jonquiere")
        .await
        .unwrap()
        .unwrap();
    groupings::add_member(app.store.conn(), grouping.id, &duplicate)
        .await
        .unwrap();
    sync(app).await;

    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let path = format!("/repertoire/organisations/{keep}/fusionner");
    let (status, html) = coordinator.get_text(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains(&format!("value=\"{duplicate}\"")),
        "the duplicate is offered:\n{html}"
    );

    // Nothing chosen, itself, or an unknown id: the page again with a message.
    for (fields, message) in [
        (vec![], "Choisissez la fiche"),
        (
            vec![("autre", keep.as_str())],
            "ne peut pas être fusionnée avec elle-même",
        ),
        (vec![("autre_id", "inconnue")], "n’existe pas"),
    ] {
        let r = coordinator.post_form(&path, &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let html = body(r).await;
        assert!(html.contains(message), "{message} in\n{html}");
    }

    // First the confirmation, which changes nothing.
    let r = coordinator
        .post_form(&path, &[("autre", duplicate.as_str())])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = body(r).await;
    assert!(html.contains("Confirmer la fusion"), "{html}");
    assert!(html.contains("Café-rencontre du jeudi"), "{html}");
    assert!(html.contains("Commun'Enfant Jonquière 0-8 ans"), "{html}");
    assert!(
        dir::organization(&app.store, &duplicate)
            .await
            .unwrap()
            .is_some()
    );

    // Pasting the page address works too.
    let pasted = format!("http://localhost/repertoire/organisations/{duplicate}");
    let r = coordinator
        .post_form(
            &path,
            &[("autre_id", pasted.as_str()), ("confirmer", "oui")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("/repertoire/organisations/{keep}?ok=flash-organizations-merged")
    );

    assert!(
        dir::organization(&app.store, &duplicate)
            .await
            .unwrap()
            .is_none()
    );
    let kept = dir::organization(&app.store, &keep).await.unwrap().unwrap();
    assert_eq!(kept.services.len(), keep_services + 1);
    assert!(kept.services.iter().any(|s| s.get("id") == Some(&moved)));
    assert!(kept.groupings.iter().any(|g| g.id == grouping.id));
    assert!(
        kept.aliases
            .contains(&"Centre de femmes Mieux Etre Jonquiere".to_owned()),
        "{:?}",
        kept.aliases
    );
    let (status, _) = app
        .client()
        .get_text(&format!("/repertoire/organisations/{duplicate}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Searching by the removed name finds the kept organization.
    let (_, html) = app
        .client()
        .get_text(&format!(
            "/repertoire?q={}&type=organisation",
            q("Centre de femmes Mieux Etre Jonquiere")
        ))
        .await;
    let ids = result_ids(&html);
    assert_eq!(ids.first(), Some(&keep), "{html}");
    assert!(!ids.contains(&duplicate));
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn a_member_proposes_and_a_coordinator_approves(app: &TestApp) {
    let id = new_org(
        app,
        "Coopérative jeunesse de Chicoutimi",
        "Ancienne description.",
    )
    .await;
    let member = app.signed_in("membre@exemple.ca", Role::Member).await;
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;

    // A coordinator makes the member a representative of the organization.
    let reps = format!("/repertoire/organisations/{id}/representants");
    let r = coordinator
        .post_form(&reps, &[("email", "personne@inconnue.ca")])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("Aucun compte n’existe"));
    let r = coordinator
        .post_form(&reps, &[("email", "membre@exemple.ca")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = coordinator.get_text(&reps).await;
    assert!(html.contains("membre@exemple.ca"), "{html}");

    // The member sees the button and proposes.
    let page = format!("/repertoire/organisations/{id}");
    let (_, html) = member.get_text(&page).await;
    assert!(html.contains("Proposer une modification"), "{html}");
    assert!(!html.contains("Marquer comme vérifiée"));
    let propose = format!("{page}/proposer");
    let (status, html) = member.get_text(&propose).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Ancienne description."));
    let r = member
        .post_form(
            &propose,
            &[
                ("name", "Coopérative jeunesse de Chicoutimi"),
                ("description", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = member
        .post_form(
            &propose,
            &[
                ("name", "Coopérative jeunesse de Chicoutimi"),
                ("aliases", "CJS Chicoutimi"),
                (
                    "description",
                    "Nouvelle description proposée par la coopérative.",
                ),
                ("sector", "emploi"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("{page}?ok=flash-proposal-sent"));
    assert_eq!(
        description_of(app, &id).await,
        "Ancienne description.",
        "not yet"
    );

    // The coordinator sees the difference and approves.
    let (status, html) = coordinator.get_text("/repertoire/propositions").await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "Coopérative jeunesse de Chicoutimi",
        "membre@exemple.ca",
        "Ancienne description.",
        "Nouvelle description proposée par la coopérative.",
        "CJS Chicoutimi",
        "Emploi",
    ] {
        assert!(html.contains(expected), "{expected:?} in\n{html}");
    }
    let proposal = {
        let start = html.find("class=\"card proposal\" data-id=\"").unwrap()
            + "class=\"card proposal\" data-id=\"".len();
        html[start..start + 36].to_owned()
    };
    let r = coordinator
        .post_form(
            &format!("/repertoire/propositions/{proposal}/approuver"),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        "/repertoire/propositions?ok=flash-proposal-approved"
    );
    assert_eq!(
        description_of(app, &id).await,
        "Nouvelle description proposée par la coopérative."
    );
    let (_, html) = coordinator.get_text("/repertoire/propositions").await;
    assert!(html.contains("Aucune proposition en attente."));
    // Deciding twice is refused gently.
    let r = coordinator
        .post_form(&format!("/repertoire/propositions/{proposal}/refuser"), &[])
        .await;
    assert!(r.status() == StatusCode::NOT_FOUND || r.status() == StatusCode::SEE_OTHER);
    // The approved values are searchable.
    let (_, html) = app
        .client()
        .get_text(&format!("/repertoire?q={}", q("cjs chicoutimi")))
        .await;
    assert_eq!(result_ids(&html).first(), Some(&id), "{html}");

    // A rejected proposal changes nothing.
    member
        .post_form(
            &propose,
            &[
                ("name", "Coopérative jeunesse de Chicoutimi"),
                ("description", "Une proposition refusée."),
            ],
        )
        .await;
    let (_, html) = coordinator.get_text("/repertoire/propositions").await;
    let start = html.find("class=\"card proposal\" data-id=\"").unwrap()
        + "class=\"card proposal\" data-id=\"".len();
    let second = html[start..start + 36].to_owned();
    let r = coordinator
        .post_form(&format!("/repertoire/propositions/{second}/refuser"), &[])
        .await;
    assert_eq!(
        location(&r),
        "/repertoire/propositions?ok=flash-proposal-rejected"
    );
    assert_eq!(
        description_of(app, &id).await,
        "Nouvelle description proposée par la coopérative."
    );
}

#[db_test]
async fn only_representatives_propose(app: &TestApp) {
    let mine = new_org(app, "Organisme A", "A.").await;
    let theirs = new_org(app, "Organisme B", "B.").await;
    let member = app.signed_in("membre@exemple.ca", Role::Member).await;
    accounts::set_organization(
        &app.store,
        &Actor::system(),
        app.user_id("membre@exemple.ca").await,
        Some(mine.clone()),
    )
    .await
    .unwrap();
    let path = format!("/repertoire/organisations/{theirs}/proposer");
    let (status, html) = member.get_text(&path).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("Accès refusé"));
    let r = member
        .post_form(
            &path,
            &[("name", "Organisme B"), ("description", "Piraté.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(description_of(app, &theirs).await, "B.");
    let (status, _) = member
        .get_text(&format!("/repertoire/organisations/{mine}/proposer"))
        .await;
    assert_eq!(status, StatusCode::OK);

    // A viewer who represents the organization may not propose either.
    let viewer = app.signed_in("lecture@exemple.ca", Role::Viewer).await;
    accounts::set_organization(
        &app.store,
        &Actor::system(),
        app.user_id("lecture@exemple.ca").await,
        Some(mine.clone()),
    )
    .await
    .unwrap();
    let (status, _) = viewer
        .get_text(&format!("/repertoire/organisations/{mine}/proposer"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Coordinators edit directly: they are sent to the edit form.
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let r = coordinator
        .get(&format!("/repertoire/organisations/{theirs}/proposer"))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("/repertoire/organisations/{theirs}/modifier")
    );
}

#[db_test]
async fn viewers_cannot_edit(app: &TestApp) {
    let org = new_org(app, "Organisme C", "C.").await;
    let service = new_service(app, &org, "Service C").await;
    let viewer = app.signed_in("lecture@exemple.ca", Role::Viewer).await;
    let member = app.signed_in("membre@exemple.ca", Role::Member).await;
    let gets = [
        "/repertoire/organisations/nouvelle".to_owned(),
        format!("/repertoire/organisations/{org}/modifier"),
        format!("/repertoire/organisations/{org}/fusionner"),
        format!("/repertoire/organisations/{org}/representants"),
        format!("/repertoire/organisations/{org}/services/nouveau"),
        format!("/repertoire/services/{service}/modifier"),
        "/repertoire/a-verifier".to_owned(),
        "/repertoire/propositions".to_owned(),
        "/repertoire/export.zip".to_owned(),
    ];
    let posts = [
        "/repertoire/organisations/nouvelle".to_owned(),
        format!("/repertoire/organisations/{org}/modifier"),
        format!("/repertoire/organisations/{org}/verifier"),
        format!("/repertoire/organisations/{org}/fusionner"),
        format!("/repertoire/organisations/{org}/representants"),
        format!("/repertoire/organisations/{org}/services/nouveau"),
        format!("/repertoire/services/{service}/modifier"),
        format!(
            "/repertoire/propositions/{}/approuver",
            uuid::Uuid::new_v4()
        ),
    ];
    for client in [&viewer, &member] {
        for path in &gets {
            let (status, _) = client.get_text(path).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "GET {path}");
        }
        for path in &posts {
            let r = client
                .post_form(path, &[("name", "Piraté"), ("description", "Piraté")])
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "POST {path}");
        }
    }
    assert_eq!(description_of(app, &org).await, "C.");
    assert!(
        dir::organization(&app.store, &org)
            .await
            .unwrap()
            .unwrap()
            .meta
            .verified_at
            .is_none()
    );
    // Anonymous visitors are sent to sign in.
    let r = app.client().get(&gets[0]).await;
    assert!(asks_sign_in(&r));
}

#[db_test]
async fn coordinators_download_the_hsds_export(app: &TestApp) {
    let org = new_org(app, "Organisme exporté", "Exporté.").await;
    new_service(app, &org, "Service exporté").await;
    let coordinator: TestClient = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let r = coordinator.get("/repertoire/export.zip").await;
    assert_eq!(r.status(), StatusCode::OK);
    let header = |name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(header("content-type"), "application/zip");
    assert!(header("content-disposition").starts_with("attachment; filename=\"maillage-hsds-"));
    let bytes = r.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK", "a zip file");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.zip");
    std::fs::write(&path, &bytes).unwrap();
    // The zip is a package the HSDS reader accepts, with our rows.
    let (package, problems) = maillage_interop::hsds::read_package(&path).expect("readable");
    assert!(problems.is_empty(), "{problems:?}");
    let orgs = package.table("organization").expect("organizations.csv");
    assert!(
        orgs.rows
            .iter()
            .any(|r| r.values.get("name").map(String::as_str) == Some("Organisme exporté"))
    );
    assert!(package.table("service").is_some());
}

/// Links a demo service to a term of an imported taxonomy, then filters by
/// that term (a "theme") with and without a query.
#[db_test]
async fn a_theme_filters_lists_and_searches(app: &TestApp) {
    load_demo(app).await;
    let services = dir::rows_where(
        app.store.conn(),
        "service",
        "name",
        Some(&["Halte-garderie".to_owned()]),
    )
    .await
    .unwrap();
    let service = services[0].get("id").unwrap().clone();
    let row = |pairs: &[(&'static str, &str)]| -> Values {
        pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
    };
    let taxonomy = "6f1b3c1e-2d4a-4b8e-9c1a-0a1b2c3d4e5f";
    let term = "7a2b4c6d-8e0f-4a1b-8c2d-3e4f5a6b7c8d";
    let data = vec![
        TableRows {
            table: maillage_domain::hsds::table("taxonomy").unwrap(),
            rows: vec![row(&[
                ("id", taxonomy),
                ("name", "Besoins"),
                ("description", "Besoins des familles"),
            ])],
        },
        TableRows {
            table: maillage_domain::hsds::table("taxonomy_term").unwrap(),
            rows: vec![row(&[
                ("id", term),
                ("name", "Répit parental"),
                ("description", "Du temps pour souffler"),
                ("taxonomy_id", taxonomy),
            ])],
        },
        TableRows {
            table: maillage_domain::hsds::table("attribute").unwrap(),
            rows: vec![row(&[
                ("id", "8b3c5d7e-9f1a-4b2c-9d3e-4f5a6b7c8d9e"),
                ("link_id", &service),
                ("taxonomy_term_id", term),
                ("link_entity", "service"),
            ])],
        },
    ];
    hsds::import(&app.store, &Actor::system(), &data, false)
        .await
        .unwrap();
    sync(app).await;
    let c = app.client();
    let (status, html) = c.get_text("/repertoire").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Répit parental"),
        "the theme is offered as a filter"
    );
    let (_, html) = c.get_text("/repertoire?theme=R%C3%A9pit+parental").await;
    assert!(
        html.contains(&format!("/repertoire/services/{service}")),
        "{html}"
    );
    assert!(
        !html.contains("Accueil et écoute"),
        "other services are filtered out"
    );
    let (_, html) = c
        .get_text("/repertoire?q=garderie&theme=R%C3%A9pit+parental")
        .await;
    assert!(
        html.contains(&format!("/repertoire/services/{service}")),
        "{html}"
    );
    assert!(!html.contains("Garderie Boum Boum"), "{html}");
}

// ---------------------------------------------------------------------------
// Typos, counts and pages; « Près de »; contact details (issue 15)
// ---------------------------------------------------------------------------

/// Every result id of a search, page after page (following the « next »
/// links, as a visitor without JavaScript would), and the heading's count.
async fn all_results(client: &TestClient, first: &str) -> (Vec<String>, usize) {
    let mut ids = Vec::new();
    let mut path = first.to_owned();
    let mut count = None;
    for _ in 0..20 {
        let (status, html) = client.get_text(&path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let heading = html
            .split("class=\"results-heading\"><strong>")
            .nth(1)
            .and_then(|h| h.split(' ').next())
            .unwrap_or_else(|| panic!("no heading in {html}"));
        let n: usize = heading.replace(['\u{a0}', '\u{202f}'], "").parse().unwrap();
        assert_eq!(
            *count.get_or_insert(n),
            n,
            "the count does not change by page"
        );
        ids.extend(result_ids(&html));
        match html.split("rel=\"next\" href=\"").nth(1) {
            Some(rest) => {
                path = rest
                    .split('"')
                    .next()
                    .unwrap()
                    .replace("&amp;", "&")
                    .replace("&#38;", "&");
            }
            None => break,
        }
    }
    (ids, count.unwrap_or_default())
}

#[db_test]
async fn a_typo_finds_the_same_organizations_and_counts_page_on(app: &TestApp) {
    load_demo(app).await;
    let client = app.client();
    let (right, count) =
        all_results(&client, "/repertoire?q=communautaire&type=organisation").await;
    assert!(right.len() >= 10, "{right:?}");
    assert_eq!(right.len(), count, "the count is every result");
    for typo in ["comunautaire", "communautiare", "Communautaire"] {
        let (found, n) =
            all_results(&client, &format!("/repertoire?q={typo}&type=organisation")).await;
        let (mut a, mut b) = (found.clone(), right.clone());
        a.sort();
        b.sort();
        assert_eq!(a, b, "{typo}");
        assert_eq!(n, count, "{typo}");
    }

    // A broad query: more than a page, every hit once, the count true.
    let (ids, count) = all_results(&client, "/repertoire?q=enfants").await;
    assert!(count > 60, "{count}");
    assert_eq!(ids.len(), count);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "no hit on two pages");
    let (_, html) = client.get_text("/repertoire?q=enfants&page=2").await;
    assert!(html.contains("rel=\"prev\""), "{html}");
    assert!(html.contains("page 2 sur"), "{html}");

    // The API pages too, and says the total in a header.
    let r = client.get("/api/v1/search?q=enfants&limit=10&page=2").await;
    assert_eq!(r.status(), StatusCode::OK);
    let total: usize = r.headers()["x-total-count"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(total, count, "the page and the API count alike");
    let doc: serde_json::Value = r.json().await.unwrap();
    assert_eq!(doc["hits"].as_array().unwrap().len(), 10);
    let first: serde_json::Value = client
        .get("/api/v1/search?q=enfants&limit=10")
        .await
        .json()
        .await
        .unwrap();
    assert_ne!(first["hits"][0]["id"], doc["hits"][0]["id"]);
    let r = client.get("/api/v1/search?q=famille&page=deux").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

/// The town of each organization's points of service, by id.
async fn towns_of(app: &TestApp, id: &str) -> Vec<String> {
    dir::organization(&app.store, id)
        .await
        .unwrap()
        .unwrap()
        .locations
        .iter()
        .flat_map(|l| l.addresses.iter().filter_map(|a| a.get("city").cloned()))
        .collect()
}

#[db_test]
async fn near_a_municipality_lists_what_is_there(app: &TestApp) {
    load_demo(app).await;
    let client = app.client();
    let (_, html) = client.get_text("/repertoire").await;
    assert!(html.contains("name=\"pres\""), "{html}");
    assert!(
        html.contains("<option value=\"Chicoutimi\">Chicoutimi</option>"),
        "{html}"
    );

    // Without a query: the organizations located there, and only those.
    let (ids, count) = all_results(&client, &format!("/repertoire?pres={}", q("Jonquière"))).await;
    assert!(count >= 10, "{count}");
    for id in &ids {
        assert!(
            towns_of(app, id).await.contains(&"Jonquière".to_owned()),
            "{id}"
        );
    }
    // With a query, case and accents aside in the address.
    let (ids, _) = all_results(
        &client,
        "/repertoire?q=famille&pres=jonquiere&type=organisation",
    )
    .await;
    assert!(!ids.is_empty());
    for id in &ids {
        assert!(
            towns_of(app, id).await.contains(&"Jonquière".to_owned()),
            "{id}"
        );
    }
    let (everywhere, _) = all_results(&client, "/repertoire?q=famille&type=organisation").await;
    assert!(everywhere.len() > ids.len());
    // Services offered there.
    let (_, html) = client
        .get_text(&format!("/repertoire?type=service&pres={}", q("Bécancour")))
        .await;
    assert!(html.contains("data-kind=\"service\""), "{html}");
    // An unknown town is no filter, not an error.
    let (status, _) = client.get_text("/repertoire?pres=Atlantide").await;
    assert_eq!(status, StatusCode::OK);
}

#[db_test]
async fn demo_organizations_show_fictional_contacts_said_so(app: &TestApp) {
    load_demo(app).await;
    let id = org_id(app, "Centre de femmes Mieux-Être de Jonquière").await;
    let (_, html) = app
        .client()
        .get_text(&format!("/repertoire/organisations/{id}"))
        .await;
    for expected in [
        "Coordonnées fictives (démo).",
        "Jonquière, QC",
        " 555-01",
        ".example.org",
    ] {
        assert!(html.contains(expected), "{expected:?} in\n{html}");
    }
    // Loading the demo again adds nothing.
    let before = dir::organization(&app.store, &id).await.unwrap().unwrap();
    load_demo(app).await;
    let after = dir::organization(&app.store, &id).await.unwrap().unwrap();
    assert_eq!(before.locations.len(), after.locations.len());
    assert_eq!(before.phones.len(), after.phones.len());
}

/// The fields of `base`, then those of `extra`.
fn with<'a>(base: &[(&'a str, &'a str)], extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = base.to_vec();
    fields.extend_from_slice(extra);
    fields
}

#[db_test]
async fn contact_details_are_checked_and_saved_whole(app: &TestApp) {
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let (_, html) = coordinator
        .get_text("/repertoire/organisations/nouvelle")
        .await;
    for field in [
        "address_1",
        "city",
        "postal_code",
        "phone",
        "phone_extension",
    ] {
        assert!(html.contains(&format!("name=\"{field}\"")), "{field}");
    }
    let before = organization_count(app).await;
    let base = [
        ("name", "Maison de quartier de Kénogami"),
        ("description", "Lieu de rencontre des familles du quartier."),
    ];
    let r = coordinator
        .post_form(
            "/repertoire/organisations/nouvelle",
            &with(
                &base,
                &[
                    ("city", "Jonquière"),
                    ("postal_code", "G7X 66L"),
                    ("phone", "555-0142"),
                    ("phone_extension", "deux"),
                ],
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    for expected in [
        "Indiquez le numéro et la rue",
        "Le code postal doit avoir la forme A1A 1A1",
        "Le numéro de téléphone doit avoir 10 chiffres",
        "Le poste doit être un nombre",
        "value=\"G7X 66L\"",
    ] {
        assert!(html.contains(expected), "{expected:?} in\n{html}");
    }
    assert_eq!(organization_count(app).await, before, "nothing written");

    let r = coordinator
        .post_form(
            "/repertoire/organisations/nouvelle",
            &with(
                &base,
                &[
                    ("address_1", "3850, rue de Kénogami"),
                    ("city", "Jonquière"),
                    ("postal_code", "g7x6l8"),
                    ("phone", "(418) 555-0142 poste 224"),
                ],
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = location(&r);
    let (_, html) = coordinator.get_text(&page).await;
    for expected in [
        "3850, rue de Kénogami",
        "G7X 6L8",
        "418 555-0142, poste 224",
        "tel:4185550142;ext=224",
    ] {
        assert!(html.contains(expected), "{expected:?} in\n{html}");
    }
    sync(app).await;
    let (ids, _) = all_results(&app.client(), "/repertoire?q=kenogami&pres=Jonquiere").await;
    assert_eq!(ids.len(), 1, "found near its town");

    empty_the_address(app, &coordinator, &page, &base).await;
}

/// Emptying the address removes it; the phone stays.
async fn empty_the_address(
    app: &TestApp,
    coordinator: &TestClient,
    page: &str,
    base: &[(&str, &str)],
) {
    let id = page
        .trim_start_matches("/repertoire/organisations/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let edit = format!("/repertoire/organisations/{id}/modifier");
    let (_, form) = coordinator.get_text(&edit).await;
    assert!(form.contains("value=\"G7X 6L8\""), "{form}");
    let version = hidden(&form, "version");
    let r = coordinator
        .post_form(
            &edit,
            &with(
                base,
                &[
                    ("version", version.as_str()),
                    ("phone", "418 555-0142"),
                    ("phone_extension", "224"),
                ],
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let view = dir::organization(&app.store, &id).await.unwrap().unwrap();
    assert!(view.locations.iter().all(|l| l.addresses.is_empty()));
    assert_eq!(view.phones.len(), 1);
    assert_eq!(
        view.phones[0].get("extension").map(String::as_str),
        Some("224")
    );
}

#[db_test]
async fn a_service_gets_hours_a_phone_and_its_points_of_service(app: &TestApp) {
    let org = new_org(app, "Patro de Kénogami", "Loisirs pour tous.").await;
    let service = new_service(app, &org, "Halte-garderie").await;
    add_location(app, &org, &service).await;
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let edit = format!("/repertoire/services/{service}/modifier");
    let (_, form) = coordinator.get_text(&edit).await;
    assert!(form.contains("Local du boulevard Harvey"), "{form}");
    assert!(form.contains("checked"), "offered at its location: {form}");
    let fingerprint = hidden(&form, "fingerprint");
    let fields = |opens: &'static str, closes: &'static str| {
        vec![
            ("name", "Halte-garderie"),
            ("status", "active"),
            ("fingerprint", fingerprint.as_str()),
            ("phone", "418-555-0199"),
            ("days", "MO,TU,WE,TH,FR"),
            ("opens_at", opens),
            ("closes_at", closes),
            ("hours_note", "Fermé à Noël."),
            ("locations", "loc-ailleurs"),
        ]
    };
    let r = coordinator
        .post_form(&edit, &fields("16 h 30", "8 h 30"))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("L’heure de fermeture doit suivre"), "{html}");
    assert!(html.contains("n’appartient pas à l’organisation"), "{html}");
    let view = dir::service(&app.store, &service).await.unwrap().unwrap();
    assert!(
        view.schedules.is_empty() && view.phones.is_empty(),
        "nothing written"
    );

    let mut good = fields("8 h 30", "16:30");
    good.retain(|(k, _)| *k != "locations");
    let r = coordinator.post_form(&edit, &good).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{}", body(r).await);
    let view = dir::service(&app.store, &service).await.unwrap().unwrap();
    assert_eq!(
        view.schedules[0].get("opens_at").map(String::as_str),
        Some("08:30:00")
    );
    assert!(
        view.locations.is_empty(),
        "unticked: no longer offered there"
    );
    let (_, html) = app
        .client()
        .get_text(&format!("/repertoire/services/{service}"))
        .await;
    assert!(
        html.contains("Du lundi au vendredi · de 8\u{a0}h\u{a0}30 à 16\u{a0}h\u{a0}30"),
        "{html}"
    );
    assert!(html.contains("Fermé à Noël."), "{html}");
    assert!(html.contains("418 555-0199"), "{html}");
}
