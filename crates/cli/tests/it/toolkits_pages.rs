//! The toolkits' pages: the demo's toolkit and list as seed 000 gives them
//! (5 themes and 22 activities, 13 activités porteuses, said to be
//! written for the demo), the coordinators' forms for themes and
//! activities (bad input refused in French, nothing written; another
//! grouping's coordinator refused), the search following every change,
//! the members' form that records a run (a stranger refused, bad dates
//! and counts refused) and a grouping's usage page — on SQLite and
//! PostgreSQL.

use maillage_domain::Role;
use maillage_domain::toolkits::{ActivityInput, ThemeInput, ToolkitKind};
use maillage_store::entity::{toolkit_activity, toolkit_run, toolkit_theme};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::toolkits::{self as repo, ActivityWrite, NewToolkit};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::harness::{TestApp, TestClient, asks_sign_in, body, location, member_of};
use maillage_test_macros::db_test;

const GROUPING: &str = "table-de-test";
const SLUG: &str = "trousse-des-routes";

/// A toolkit of `table-de-test` with one theme and one activity, for the
/// route table: `{tk_slug}`, `{tk_id}`, `{tk_theme}`, `{tk_activity}`.
pub(crate) async fn route_fixture(app: &TestApp) -> Vec<(&'static str, String)> {
    let (toolkit, theme, activity) = small_toolkit(app, SLUG).await;
    vec![
        ("tk_slug", SLUG.to_owned()),
        ("tk_id", toolkit.to_string()),
        ("tk_theme", theme.to_string()),
        ("tk_activity", activity.to_string()),
    ]
}

/// A toolkit of the test grouping: (toolkit, theme, activity) ids.
async fn small_toolkit(app: &TestApp, slug: &str) -> (uuid::Uuid, uuid::Uuid, uuid::Uuid) {
    let gid = app.grouping(GROUPING).await;
    let (toolkit, _) = repo::ensure_toolkit(
        app.store.conn(),
        &NewToolkit {
            slug: slug.to_owned(),
            title: "Trousse des routes".to_owned(),
            description: "Pour essayer.".to_owned(),
            source_note: String::new(),
            kind: ToolkitKind::Toolkit,
            grouping_id: Some(gid),
            plan_id: None,
        },
    )
    .await
    .unwrap();
    let theme = repo::create_theme(
        &app.store,
        &Actor::system(),
        toolkit.id,
        &maillage_domain::toolkits::validate_theme(&ThemeInput {
            title: "Thème des routes".to_owned(),
            description: String::new(),
        })
        .unwrap(),
    )
    .await
    .unwrap();
    let activity = repo::create_activity(
        &app.store,
        &Actor::system(),
        &toolkit,
        &ActivityWrite {
            theme_id: theme.id,
            activity: maillage_domain::toolkits::validate_activity(&ActivityInput {
                title: "Causerie des routes".to_owned(),
                objectives: "Parler des routes.".to_owned(),
                audiences: vec!["parents".to_owned()],
                duration: "30".to_owned(),
                ..ActivityInput::default()
            })
            .unwrap(),
            pathway_ids: Vec::new(),
            strategy_id: None,
            placeholder: false,
        },
    )
    .await
    .unwrap();
    (toolkit.id, theme.id, activity.id)
}

async fn rows(app: &TestApp) -> (u64, u64, u64) {
    let conn = app.store.conn();
    (
        toolkit_theme::Entity::find().count(conn).await.unwrap(),
        toolkit_activity::Entity::find().count(conn).await.unwrap(),
        toolkit_run::Entity::find().count(conn).await.unwrap(),
    )
}

async fn search_titles(client: &TestClient, q: &str) -> Vec<String> {
    let r = client
        .http
        .get(
            reqwest::Url::parse_with_params(&client.url("/api/v1/toolkit-activities"), &[("q", q)])
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = r.json().await.unwrap();
    body.as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_owned())
        .collect()
}

#[db_test(demo)]
async fn toolkits_pages_show_seed_000s_toolkit_and_list(app: &TestApp) {
    // Anonymous visitors are asked to sign in.
    let r = app.client().get("/trousses").await;
    assert!(asks_sign_in(&r), "{}", r.status());

    let client = member_of(
        app,
        "lectrice@exemple.ca",
        Role::Viewer,
        "commun-enfant-jonquiere",
    )
    .await;
    let (status, list) = client.get_text("/trousses").await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains("Je le soutiens, il persévère"), "{list}");
    assert!(
        list.contains("Répertoire de 13 activités porteuses"),
        "{list}"
    );
    assert!(list.contains("5 thèmes · 22 activités"), "{list}");
    let (_, dashboard) = client.get_text("/").await;
    assert!(
        dashboard.contains("href=\"/trousses\""),
        "linked from the dashboard"
    );

    let (status, kit) = client
        .get_text("/trousses/je-le-soutiens-il-persevere")
        .await;
    assert_eq!(status, StatusCode::OK);
    for theme in [
        "Valorisation de l’éducation",
        "Rôle de la famille dans la persévérance scolaire",
        "Compétence parentale",
        "Moyens pour soutenir les jeunes",
        "Communication école-famille",
    ] {
        assert!(kit.contains(theme), "{theme}");
    }
    assert_eq!(kit.matches("class=\"toolkit-activity\"").count(), 22);
    // The page says that the seed gives only the counts.
    assert!(
        kit.contains("22 activités sont des textes d’exemple écrits pour la démonstration"),
        "{kit}"
    );
    assert!(kit.contains("La source ne donne que ces nombres"), "{kit}");
    assert!(
        kit.contains("Plan d'action 2014-2017"),
        "linked to the SLSJ plan"
    );
    assert!(
        !kit.contains("id=\"new-activity\""),
        "a viewer edits nothing"
    );

    let (status, porteuses) = client
        .get_text("/trousses/repertoire-13-activites-porteuses")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(porteuses.matches("class=\"toolkit-activity\"").count(), 13);
    assert!(porteuses.contains("Répertoire"));
    assert!(porteuses.contains("les 13 activités sont des exemples écrits pour la démonstration"));
    assert!(porteuses.contains("Plan d'action 2014-2017"));

    // An activity with its runs and its links to the plan.
    let start = "class=\"toolkit-activity-title\" href=\"";
    let from = kit.find(start).unwrap() + start.len();
    let href = &kit[from..from + kit[from..].find('"').unwrap()];
    let (status, activity) = client.get_text(href).await;
    assert_eq!(status, StatusCode::OK);
    assert!(activity.contains("La lecture, un plaisir à partager"));
    assert!(activity.contains("texte d’exemple écrit pour la démonstration"));
    assert!(
        activity.contains("2 utilisations · 2 organisations · 23 participants"),
        "{activity}"
    );
    assert!(activity.contains("Outiller les travailleuses et les travailleurs"));
    assert!(activity.contains("La valorisation de l'éducation dans les familles du SLSJ"));
    assert!(
        !activity.contains("id=\"run-form\""),
        "a viewer records no run"
    );

    // The grouping's usage page.
    let (status, usage) = client
        .get_text("/regroupements/mobilisation-famille-slsj/trousses")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        usage.contains("6 utilisations · 2 organisations"),
        "{usage}"
    );
    let (status, _) = client.get_text("/trousses/nulle-part").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = client
        .get_text(&format!(
            "/trousses/repertoire-13-activites-porteuses{}",
            &href["/trousses/je-le-soutiens-il-persevere".len()..]
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another toolkit's activity");
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn toolkits_coordinators_edit_themes_and_activities(app: &TestApp) {
    let (_, theme, _) = small_toolkit(app, SLUG).await;
    let gid = app.grouping(GROUPING).await;
    let pathway = maillage_store::repo::groupings::create_pathway_in(
        app.store.conn(),
        gid,
        "Voie des familles",
        None,
    )
    .await
    .unwrap();
    let other_gid = app.grouping("autre-table").await;
    let foreign_pathway = maillage_store::repo::groupings::create_pathway_in(
        app.store.conn(),
        other_gid,
        "Voie d’ailleurs",
        None,
    )
    .await
    .unwrap();
    let base = format!("/trousses/{SLUG}");
    let coordinator = app.signed_in("coord@exemple.ca", Role::Coordinator).await;
    let (_, page) = coordinator.get_text(&base).await;
    assert!(page.contains("id=\"new-activity\""));

    // A theme: empty title refused in French, nothing written.
    let before = rows(app).await;
    let r = coordinator
        .post_form(
            &format!("{base}/themes"),
            &[("title", "  "), ("description", "x")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("Le titre est obligatoire."));
    assert_eq!(rows(app).await, before);
    let r = coordinator
        .post_form(
            &format!("{base}/themes"),
            &[("title", "Communication école-famille")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(rows(app).await.0, before.0 + 1);

    // An activity: bad duration, unknown audience, another grouping's
    // pathway — each refused with its message, nothing written.
    let theme = theme.to_string();
    let pathway = pathway.id.to_string();
    let foreign = foreign_pathway.id.to_string();
    let new = format!("{base}/activites/nouvelle");
    let good: Vec<(&str, &str)> = vec![
        ("theme", &theme),
        ("title", "Bricolage parents-enfants"),
        (
            "objectives",
            "Créer un lien chaleureux autour du bricolage.",
        ),
        ("audiences", "parents"),
        ("audiences", "0-5"),
        ("duration", "45"),
        ("steps", "Accueil\nBricolage\nRetour"),
        ("pathways", &pathway),
    ];
    for (field, value, message) in [
        (
            "duration",
            "deux heures",
            "La durée est un nombre de minutes",
        ),
        ("audiences", "adultes", "Ce public n’est pas dans la liste."),
        (
            "pathways",
            foreign.as_str(),
            "Cette voie d’action n’est pas une voie du regroupement",
        ),
        ("title", "", "Le titre est obligatoire."),
    ] {
        let mut fields = good.clone();
        // One value for the one-value fields; one more for the lists.
        if field == "title" || field == "duration" {
            fields.retain(|(f, _)| *f != field);
        }
        fields.push((field, value));
        let before = rows(app).await;
        let r = coordinator.post_form(&new, &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        let html = body(r).await;
        assert!(html.contains(message), "{field}: {html}");
        assert!(
            html.contains("Créer un lien chaleureux"),
            "the form keeps what was typed"
        );
        assert_eq!(rows(app).await, before, "{field}: nothing written");
    }
    let r = coordinator.post_form(&new, &good).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let href = location(&r);
    let href = href.split('?').next().unwrap().to_owned();
    let (_, page) = coordinator.get_text(&href).await;
    assert!(page.contains("Bricolage parents-enfants"));
    assert!(page.contains("Voie des familles"));
    assert!(page.contains("45\u{a0}min"));
    // The search finds it at once, without accents and with a typo.
    assert_eq!(
        search_titles(&coordinator, "bricolage").await,
        ["Bricolage parents-enfants"]
    );
    assert_eq!(
        search_titles(&coordinator, "chaleureus").await,
        ["Bricolage parents-enfants"]
    );

    // Edited: the search follows.
    let mut edited = good.clone();
    edited.retain(|(f, _)| *f != "title");
    edited.push(("title", "Atelier de cuisine parents-enfants"));
    let r = coordinator
        .post_form(&format!("{href}/modifier"), &edited)
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        search_titles(&coordinator, "cuisine").await,
        ["Atelier de cuisine parents-enfants"]
    );
    assert!(
        search_titles(&coordinator, "bricolage parents")
            .await
            .iter()
            .all(|t| t != "Bricolage parents-enfants")
    );

    // Another grouping's coordinator and a member of this one: 403, and
    // the pages show them no form.
    let stranger = member_of(app, "ailleurs@exemple.ca", Role::Coordinator, "autre-table").await;
    let member = app.signed_in("membre@exemple.ca", Role::Member).await;
    for who in [&stranger, &member] {
        let before = rows(app).await;
        for path in [
            format!("{base}/themes"),
            new.clone(),
            format!("{href}/modifier"),
            format!("{href}/supprimer"),
        ] {
            let r = who.post_form(&path, &good).await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
        }
        let (status, _) = who.get_text(&format!("{href}/modifier")).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(rows(app).await, before);
    }

    // Deleted (asked first): gone from the toolkit and from the search.
    let (status, confirm) = coordinator.get_text(&format!("{href}/supprimer")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        confirm.contains("Supprimer l’activité «\u{a0}Atelier de cuisine parents-enfants\u{a0}»"),
        "{confirm}"
    );
    let r = coordinator
        .post_form(&format!("{href}/supprimer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(search_titles(&coordinator, "cuisine").await.is_empty());
    let (status, _) = coordinator.get_text(&href).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // A theme renamed, then deleted with its activity.
    let theme_base = format!("{base}/themes/{theme}");
    let r = coordinator
        .post_form(
            &format!("{theme_base}/modifier"),
            &[("title", "Routes et chemins")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        search_titles(&coordinator, "chemins").await,
        ["Causerie des routes"],
        "theme titles are searched"
    );
    let r = coordinator
        .post_form(&format!("{theme_base}/supprimer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(search_titles(&coordinator, "causerie").await.is_empty());
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn toolkits_members_record_runs_for_their_groupings_organizations(app: &TestApp) {
    let (_, _, activity) = small_toolkit(app, SLUG).await;
    let gid = app.grouping(GROUPING).await;
    let org = maillage_store::repo::organizations::create_organization(
        &app.store,
        &Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: "Maison de la famille des routes".to_owned(),
            description: "Pour les utilisations.".to_owned(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    maillage_store::repo::groupings::add_member(app.store.conn(), gid, &org)
        .await
        .unwrap();
    let outsider = maillage_store::repo::organizations::create_organization(
        &app.store,
        &Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: "Organisme d’ailleurs".to_owned(),
            description: "Pas membre.".to_owned(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let href = format!("/trousses/{SLUG}/activites/{activity}");
    let post = format!("{href}/utilisations");
    let target = format!("{gid}:{org}");
    let member = app.signed_in("membre@exemple.ca", Role::Member).await;
    let (_, page) = member.get_text(&href).await;
    assert!(page.contains("id=\"run-form\""));
    assert!(page.contains("Maison de la famille des routes"));

    let today = chrono::Utc::now().date_naive();
    let in_two_days = (today + chrono::Days::new(2)).to_string();
    let bad_target = format!("{gid}:{outsider}");
    for (fields, message) in [
        (
            vec![
                ("organisation", target.as_str()),
                ("date", in_two_days.as_str()),
                ("participants", "12"),
            ],
            "La date est dans le futur",
        ),
        (
            vec![
                ("organisation", target.as_str()),
                ("date", "2026-02-30"),
                ("participants", "12"),
            ],
            "La date doit être une vraie date",
        ),
        (
            vec![
                ("organisation", target.as_str()),
                ("date", "2024-05-01"),
                ("participants", "10001"),
            ],
            "Le nombre de participants est un nombre entier de 0 à 10",
        ),
        (
            vec![
                ("organisation", target.as_str()),
                ("date", "2024-05-01"),
                ("participants", "-3"),
            ],
            "Le nombre de participants",
        ),
        (
            vec![
                ("organisation", bad_target.as_str()),
                ("date", "2024-05-01"),
                ("participants", "12"),
            ],
            "Choisissez une organisation membre du regroupement.",
        ),
        (
            vec![
                ("organisation", "n’importe quoi"),
                ("date", "2024-05-01"),
                ("participants", "12"),
            ],
            "Choisissez une organisation membre du regroupement.",
        ),
    ] {
        let r = member.post_form(&post, &fields).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{message}");
        assert!(body(r).await.contains(message), "{message}");
        assert_eq!(rows(app).await.2, 0, "{message}: nothing written");
    }

    // A member of another grouping, a viewer of this one: 403.
    let stranger = member_of(app, "ailleurs@exemple.ca", Role::Member, "autre-table").await;
    let viewer = app.signed_in("lecteur@exemple.ca", Role::Viewer).await;
    for who in [&stranger, &viewer] {
        let r = who
            .post_form(
                &post,
                &[
                    ("organisation", &target),
                    ("date", "2024-05-01"),
                    ("participants", "12"),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN);
        let (_, page) = who.get_text(&href).await;
        assert!(
            !page.contains("Maison de la famille des routes"),
            "no form for them"
        );
    }
    assert_eq!(rows(app).await.2, 0);

    let tomorrow = (today + chrono::Days::new(1)).to_string();
    for (date, participants, comment) in [
        ("2024-05-01", "12", "Belle soirée"),
        (tomorrow.as_str(), "0", ""),
    ] {
        let r = member
            .post_form(
                &post,
                &[
                    ("organisation", &target),
                    ("date", date),
                    ("participants", participants),
                    ("comment", comment),
                ],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{date}");
    }
    let (_, page) = member.get_text(&href).await;
    assert!(
        page.contains("2 utilisations · 1 organisation · 12 participants"),
        "{page}"
    );
    assert!(
        page.contains("1 mai 2024") || page.contains("1er mai 2024"),
        "{page}"
    );
    assert!(page.contains("Belle soirée"));
    let (status, usage) = member
        .get_text(&format!("/regroupements/{GROUPING}/trousses"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(usage.contains("Causerie des routes"));
    assert!(usage.contains("Maison de la famille des routes"));
    assert!(
        usage.contains("2 utilisations · 1 organisation · 12 participants"),
        "{usage}"
    );
    // The other grouping's page shows none of them.
    let (_, other) = member.get_text("/regroupements/autre-table/trousses").await;
    assert!(other.contains("Aucune utilisation notée pour ce regroupement."));
}

/// A coordinator attaches a PDF to an activity; readers download it; a
/// program named like a PDF is refused in French and nothing is kept; a
/// member of the grouping attaches nothing.
#[db_test]
async fn toolkits_activities_take_documents_and_nothing_else(app: &TestApp) {
    let (_, _, activity) = small_toolkit(app, SLUG).await;
    let href = format!("/trousses/{SLUG}/activites/{activity}");
    let coordinator = app.signed_in("coord@exemple.ca", Role::Coordinator).await;
    let member = app.signed_in("membre@exemple.ca", Role::Member).await;
    let pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n".to_vec();
    let program = [b"MZ\x90\x00\x03\x00\x00\x00".as_slice(), &[0_u8; 200]].concat();

    let before = documents(app).await;
    let r = upload(&coordinator, &href, "guide.pdf", program).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("Ce fichier n’est pas un document"), "{html}");
    assert_eq!(documents(app).await, before, "nothing kept");
    let r = upload(&coordinator, &href, "vide.pdf", Vec::new()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(documents(app).await, before);

    let r = upload(&member, &href, "guide.pdf", pdf.clone()).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(documents(app).await, before);

    let r = upload(&coordinator, &href, "Guide d’animation.pdf", pdf.clone()).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(documents(app).await, before + 1);
    let (_, page) = member.get_text(&href).await;
    assert!(page.contains("Guide d’animation.pdf"), "{page}");
    let at = page.find(&format!("{href}/documents/")).unwrap();
    let link = page[at..at + page[at..].find('"').unwrap()].to_owned();
    let r = member.get(&link).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(r.bytes().await.unwrap().as_ref(), pdf.as_slice());
    // Another activity's path does not reach it.
    let (_, _, other) = small_toolkit(app, "autre-trousse").await;
    let stray = link
        .replace(&activity.to_string(), &other.to_string())
        .replace(SLUG, "autre-trousse");
    assert_eq!(member.get(&stray).await.status(), StatusCode::NOT_FOUND);
    // Deleting the activity deletes its documents.
    let r = coordinator
        .post_form(&format!("{href}/supprimer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(documents(app).await, before);
}

async fn documents(app: &TestApp) -> u64 {
    maillage_store::entity::document::Entity::find()
        .count(app.store.conn())
        .await
        .unwrap()
}

/// Posts `bytes` as the file `name` to the activity's documents form.
async fn upload(client: &TestClient, href: &str, name: &str, bytes: Vec<u8>) -> reqwest::Response {
    let csrf = client.csrf().await;
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned()),
    );
    client
        .http
        .post(client.url(&format!("{href}/documents")))
        .multipart(form)
        .send()
        .await
        .unwrap()
}
