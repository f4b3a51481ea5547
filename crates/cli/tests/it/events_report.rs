//! The bilan of an event end to end: every section generated from the
//! data (attendance, teams and stickies, observations, evaluation), edits
//! saved section by section and reset one at a time, permissions, and the
//! HTML and PDF downloads — on SQLite and PostgreSQL.

use chrono::{NaiveDate, Utc};
use maillage_domain::Role;
use maillage_domain::directory::OrganizationInput;
use maillage_store::entity::{
    observation, sticky, survey_answer, survey_question, survey_response, team, team_member,
};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::events::{
    self, EventInput, GridOrganization, GridRow, GridTarget, RegistrationInput, SessionInput,
};
use maillage_store::repo::organizations;
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, Set};
use uuid::Uuid;

use crate::harness::{TestApp, asks_sign_in, body, location, member_of};
use maillage_test_macros::db_test;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

async fn org(app: &TestApp, name: &str, sector: &str) -> String {
    organizations::create_organization(
        &app.store,
        &Actor::system(),
        &OrganizationInput {
            name: name.to_owned(),
            description: "Organisme du bilan.".to_owned(),
            sector: sector.to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("an organization")
}

fn row(id: &str, present: &[bool]) -> GridRow {
    GridRow {
        organization: GridOrganization::Known(id.to_owned()),
        present: present.to_vec(),
        new_alias: None,
    }
}

async fn register(app: &TestApp, event: Uuid, name: &str, org: &str) -> Uuid {
    events::register(
        &app.store,
        event,
        &RegistrationInput {
            name: name.to_owned(),
            email: format!("{}@exemple.ca", name.to_lowercase().replace(' ', ".")),
            organization_id: Some(org.to_owned()),
            ..RegistrationInput::default()
        },
        d(2018, 5, 1),
        |_, _| "Inscription confirmée.".to_owned(),
    )
    .await
    .expect("register")
    .expect("registration accepted")
    .registration
    .id
}

/// « Osons l'aventure » in `table-de-test`, shaped like seed 004: two
/// sessions, an attendance grid, check-ins and a walk-in, two teams with
/// their stickies, observations with counts of new contacts, and three
/// evaluation answers. An earlier event of the grouping saw « Aide-Parents
/// Plus », so it is no first-timer.
pub(crate) async fn osons_event(app: &TestApp) -> Uuid {
    let gid = app.grouping("table-de-test").await;
    let orgs = OsonsOrganizations {
        app_org: org(app, "Aide-Parents Plus", "communautaire").await,
        cpe: org(app, "CPE La Sagamie", "services-garde").await,
        school: org(app, "Commission scolaire De La Jonquière", "education").await,
        town: org(app, "Municipalité de Larouche", "municipal").await,
    };
    osons_earlier_event(app, gid, &orgs.app_org).await;
    let e = osons_published_event(app, gid).await;
    let registrations = osons_attendance(app, e, &orgs).await;
    let team_ids = osons_teams_and_stickies(app, e, registrations).await;
    osons_observations(app, e, &team_ids).await;
    osons_evaluation(app, e).await;
    e
}

/// The organizations of « Osons l'aventure ».
struct OsonsOrganizations {
    app_org: String,
    cpe: String,
    school: String,
    town: String,
}

/// « Rencontre de 2017 », done, where « Aide-Parents Plus » came.
async fn osons_earlier_event(app: &TestApp, gid: Uuid, app_org: &str) {
    let earlier = EventInput {
        grouping_id: Some(gid),
        title: "Rencontre de 2017".to_owned(),
        status: maillage_store::entity::event::EventStatus::Done,
        ..EventInput::default()
    };
    events::import_grid(
        &app.store,
        &Actor::system(),
        &GridTarget::New(earlier),
        &[d(2017, 5, 1)],
        &[row(app_org, &[true])],
    )
    .await
    .expect("the earlier event");
}

/// « Osons l'aventure », published, without sessions yet.
async fn osons_published_event(app: &TestApp, gid: Uuid) -> Uuid {
    let e = events::create_event(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(gid),
            title: "Osons l'aventure".to_owned(),
            description: Some(
                "Réunir tous les acteurs qui œuvrent auprès des familles.".to_owned(),
            ),
            intentions: vec![
                "Mieux comprendre la réalité des différents réseaux".to_owned(),
                "Mieux collaborer ensemble".to_owned(),
            ],
            status: maillage_store::entity::event::EventStatus::Published,
            ..EventInput::default()
        },
    )
    .await
    .expect("the event");
    e.id
}

/// Two sessions, the attendance grid, three registrations (returned:
/// Claudette, Josée, Marc), check-ins and a walk-in.
async fn osons_attendance(app: &TestApp, e: Uuid, orgs: &OsonsOrganizations) -> [Uuid; 3] {
    let conn = app.store.conn();
    let OsonsOrganizations {
        app_org,
        cpe,
        school,
        town,
    } = orgs;
    let first = events::ensure_session(
        conn,
        e,
        &SessionInput {
            date: d(2018, 5, 8),
            starts_at: Some("08:30".to_owned()),
            ends_at: Some("12:00".to_owned()),
            place: Some("Le Calypso".to_owned()),
            address: Some("rue d'Auteuil, Jonquière".to_owned()),
        },
    )
    .await
    .unwrap();
    let second = events::ensure_session(
        conn,
        e,
        &SessionInput {
            date: d(2018, 11, 27),
            ..SessionInput::default()
        },
    )
    .await
    .unwrap();
    events::import_grid(
        &app.store,
        &Actor::system(),
        &GridTarget::Existing(e),
        &[d(2018, 5, 8), d(2018, 11, 27)],
        &[
            row(app_org, &[true, true]),
            row(cpe, &[true, false]),
            row(school, &[true, true]),
            row(town, &[false, true]),
        ],
    )
    .await
    .expect("the grid");

    let claudette = register(app, e, "Claudette Tremblay", app_org).await;
    let josee = register(app, e, "Josée Gagnon", cpe).await;
    let marc = register(app, e, "Marc Simard", school).await;
    events::check_in(&app.store, e, first.id, claudette)
        .await
        .unwrap();
    events::check_in(&app.store, e, second.id, claudette)
        .await
        .unwrap();
    events::check_in(&app.store, e, first.id, josee)
        .await
        .unwrap();
    events::walk_in(
        &app.store,
        e,
        second.id,
        "Invité surprise",
        Some(town.clone()),
    )
    .await
    .unwrap();
    [claudette, josee, marc]
}

/// Two teams of the registrations, with their stickies (and one outside
/// any team); returns the teams' ids.
async fn osons_teams_and_stickies(app: &TestApp, e: Uuid, registrations: [Uuid; 3]) -> Vec<Uuid> {
    let conn = app.store.conn();
    let [claudette, josee, marc] = registrations;
    let mut team_ids = Vec::new();
    for (i, (name, facilitator)) in [("Les REbelles", Some("Josette")), ("Les 5 CLÉS", None)]
        .into_iter()
        .enumerate()
    {
        let t = team::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(e),
            name: Set(name.to_owned()),
            facilitator: Set(facilitator.map(str::to_owned)),
            position: Set(i32::try_from(i).unwrap()),
        }
        .insert(conn)
        .await
        .unwrap();
        team_ids.push(t.id);
    }
    for (t, r) in [(0, claudette), (0, josee), (1, marc)] {
        team_member::ActiveModel {
            team_id: Set(team_ids[t]),
            registration_id: Set(r),
        }
        .insert(conn)
        .await
        .unwrap();
    }
    for (i, (t, text)) in [
        (Some(0), "Oser appeler les partenaires..."),
        (Some(0), "La complémentarité des services."),
        (
            Some(1),
            "Kit d'accueil (co-construit) pour les intervenants",
        ),
        (None, "Passion ♥"),
    ]
    .into_iter()
    .enumerate()
    {
        sticky::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(e),
            team_id: Set(t.map(|t: usize| team_ids[t])),
            text: Set(text.to_owned()),
            position: Set(i32::try_from(i).unwrap()),
            created_at: Set(Utc::now()),
        }
        .insert(conn)
        .await
        .unwrap();
    }
    team_ids
}

/// Observations, two of them counting new contacts.
async fn osons_observations(app: &TestApp, e: Uuid, team_ids: &[Uuid]) {
    let conn = app.store.conn();
    for (t, text, count) in [
        (
            Some(team_ids[0]),
            "À ma table, tous ont pris les coordonnées de chacun !",
            Some(7),
        ),
        (None, "Sortir de notre zone de confort !", Some(2)),
        (
            Some(team_ids[1]),
            "Se rencontrer tisse des liens durables !",
            None,
        ),
    ] {
        observation::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(e),
            team_id: Set(t),
            text: Set(text.to_owned()),
            new_contacts: Set(count),
            author_id: Set(None),
            created_at: Set(Utc::now()),
        }
        .insert(conn)
        .await
        .unwrap();
    }
}

/// Four evaluation questions and three responses.
async fn osons_evaluation(app: &TestApp, e: Uuid) {
    let conn = app.store.conn();
    let mut questions = Vec::new();
    for (i, (kind, prompt, options)) in [
        ("scale", "Satisfaction générale", None),
        (
            "single",
            "Quand revenir ?",
            Some("Printemps 2019\nAutomne 2019"),
        ),
        (
            "text",
            "Votre sujet chouchou pour la prochaine rencontre",
            None,
        ),
        ("text", "Quelles suites souhaitez-vous ?", None),
    ]
    .into_iter()
    .enumerate()
    {
        let q = survey_question::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(e),
            kind: Set(kind.to_owned()),
            prompt: Set(prompt.to_owned()),
            options: Set(options.map(str::to_owned)),
            position: Set(i32::try_from(i).unwrap()),
        }
        .insert(conn)
        .await
        .unwrap();
        questions.push(q.id);
    }
    for answers in [
        [
            "5",
            "Printemps 2019",
            "Kit d'accueil",
            "Une présentation interactive des services",
        ],
        ["4", "Printemps 2019", "kit d’accueil", ""],
        ["4", "Automne 2019", "Les retombées sur nos pratiques", ""],
    ] {
        let r = survey_response::ActiveModel {
            id: Set(Uuid::new_v4()),
            event_id: Set(e),
            token_digest: Set(None),
            created_at: Set(Utc::now()),
        }
        .insert(conn)
        .await
        .unwrap();
        for (q, value) in questions.iter().zip(answers) {
            if value.is_empty() {
                continue;
            }
            survey_answer::ActiveModel {
                response_id: Set(r.id),
                question_id: Set(*q),
                value: Set(value.to_owned()),
            }
            .insert(conn)
            .await
            .unwrap();
        }
    }
}

/// The part of `html` inside the section `key`.
fn section<'a>(html: &'a str, key: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"section-{key}\""))
        .unwrap_or_else(|| panic!("no section {key}"));
    let rest = &html[start..];
    let end = rest.find("</section>").unwrap_or(rest.len());
    &rest[..end]
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn the_bilan_tells_the_whole_event(app: &TestApp) {
    let id = osons_event(app).await;
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let (status, html) = coordinator
        .get_text(&format!("/evenements/{id}/bilan"))
        .await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let keys = [
        "origine",
        "seances",
        "presences",
        "chiffres",
        "equipes",
        "observations",
        "evaluation",
        "suites",
    ];
    let mut last = 0;
    for k in keys {
        let at = html
            .find(&format!("id=\"section-{k}\""))
            .unwrap_or_else(|| panic!("section {k}"));
        assert!(at > last, "sections in order: {k}");
        last = at;
    }

    let origin = section(&html, "origine");
    assert!(
        origin.contains(
            "«\u{a0}Osons l'aventure\u{a0}» est une action du regroupement Regroupement table-de-test."
        ),
        "{origin}"
    );
    assert!(origin.contains("2 intentions étaient visées par cette action"));
    assert!(origin.contains("<li>Mieux collaborer ensemble</li>"));

    let sessions = section(&html, "seances");
    assert!(
        sessions.contains("8 mai 2018, 8 h 30 – 12 h, Le Calypso (rue d'Auteuil, Jonquière)"),
        "{sessions}"
    );
    assert!(sessions.contains("27 novembre 2018"));

    let grid = section(&html, "presences");
    assert!(
        grid.contains("<th scope=\"col\" class=\"mark\">8 mai 2018</th>"),
        "{grid}"
    );
    assert!(grid.contains("<th scope=\"col\" class=\"mark\">27 novembre 2018</th>"));
    let town_row = grid
        .split("<tr")
        .find(|r| r.contains("Municipalité de Larouche"))
        .expect("the town's row");
    assert!(
        town_row.contains("<td class=\"mark\"></td><td class=\"mark\">x</td>"),
        "{town_row}"
    );
    assert!(grid.contains("Organisations présentes à au moins une rencontre\u{a0}: 4."));
    assert!(grid.contains("2 d’entre elles étaient présentes à toutes les rencontres."));

    let numbers = section(&html, "chiffres");
    assert!(
        numbers.contains(
            "Personnes présentes\u{a0}: 3\u{202f}; organisations distinctes\u{a0}: 4\u{202f}; secteurs représentés\u{a0}: 4."
        ),
        "{numbers}"
    );
    assert!(numbers.contains("3 personnes s’étaient inscrites."));
    assert!(numbers.contains("3 organisations participaient pour la première fois"));
    assert!(numbers.contains("<strong id=\"chiffre-nouvelles\">3</strong>"));
    assert!(numbers.contains("<strong id=\"chiffre-toutes\">2</strong>"));
    assert!(numbers.contains("<svg"), "the sector chart");
    assert!(
        numbers.contains("Services de garde"),
        "sector labels: {numbers}"
    );
    let first_timers = numbers
        .split("id=\"bilan-nouvelles\"")
        .nth(1)
        .unwrap_or_default();
    let first_timers = first_timers.split("</ul>").next().unwrap_or_default();
    assert!(
        !first_timers.contains("Aide-Parents Plus"),
        "seen at the earlier event: {first_timers}"
    );
    assert!(first_timers.contains("CPE La Sagamie"));

    let teams = section(&html, "equipes");
    assert!(
        teams.contains("Les participants et participantes ont travaillé en 2 équipes."),
        "{teams}"
    );
    assert!(teams.contains("rassemble 4 post-it"));
    assert!(teams.contains("Les REbelles") && teams.contains("Animation\u{a0}: Josette"));
    assert!(teams.contains("<li class=\"sticky-note\">Oser appeler les partenaires...</li>"));
    assert!(teams.contains("Membres\u{a0}: 2"));
    assert!(teams.contains("Post-it sans équipe"));

    let observations = section(&html, "observations");
    assert!(
        observations.contains("Nouveaux contacts observés en tout\u{a0}: 9"),
        "{observations}"
    );
    assert!(observations.contains("Ils et elles ont été témoins de 9 nouveaux contacts."));
    assert!(observations.contains("Sortir de notre zone de confort !"));

    let evaluation = section(&html, "evaluation");
    assert!(
        evaluation.contains("3 personnes ont rempli l’évaluation."),
        "{evaluation}"
    );
    assert!(evaluation.contains("Satisfaction générale\u{a0}: 4,3 sur 5 en moyenne (3 réponses)."));
    assert!(evaluation.contains(
        "Quand revenir ?\u{a0}: «\u{a0}Printemps 2019\u{a0}» le plus souvent (2 réponses)."
    ));
    assert!(evaluation.contains("<svg"), "charts of the results");
    assert!(evaluation.contains("Une présentation interactive des services"));

    let next = section(&html, "suites");
    assert!(
        next.contains("Vos sujets chouchous pour la prochaine rencontre"),
        "{next}"
    );
    assert!(next.contains("<li>Kit d'accueil (2 mentions)</li>"));
    assert!(next.contains("<li>Les retombées sur nos pratiques (une mention)</li>"));
    assert!(next.contains("Une présentation interactive des services"));

    assert!(html.contains("Modifier cette section"));
    assert!(html.contains(&format!("action=\"/evenements/{id}/bilan/origine\"")));

    // In English too, with the same data.
    coordinator.get("/langue/en?suivant=/").await;
    let (status, en) = coordinator
        .get_text(&format!("/evenements/{id}/bilan"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(en.contains("Origin and intentions"), "{en}");
    assert!(en.contains("People present: 3; distinct organizations: 4; sectors represented: 4."));
    assert!(en.contains("Kit d'accueil (2 mentions)"));
    coordinator.get("/langue/fr?suivant=/").await;

    // An event with nothing yet: every section still there, saying so.
    let empty = events::create_event(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(app.grouping("table-de-test").await),
            title: "Rencontre à venir".to_owned(),
            status: maillage_store::entity::event::EventStatus::Published,
            ..EventInput::default()
        },
    )
    .await
    .unwrap();
    let (status, html) = coordinator
        .get_text(&format!("/evenements/{}/bilan", empty.id))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Aucune équipe n’a été formée"));
    assert!(html.contains("Aucune évaluation n’a encore été remplie."));
    assert!(section(&html, "suites").contains("Cette section est à rédiger."));

    let (status, _) = coordinator
        .get_text(&format!("/evenements/{}/bilan", Uuid::new_v4()))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = coordinator.get_text("/evenements/pas-un-id/bilan").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn edits_survive_and_reset_one_section_at_a_time(app: &TestApp) {
    let id = osons_event(app).await;
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let page = format!("/evenements/{id}/bilan");

    let r = coordinator
        .post_form(
            &format!("{page}/origine"),
            &[("contenu", "Lancée en 2017, cette action émane du regroupement.\r\n\r\n- Se connaître\r\n- Se reconnaître")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("{page}?ok=flash-report-saved#section-origine")
    );
    let r = coordinator
        .post_form(
            &format!("{page}/suites"),
            &[("contenu", "Retour au printemps 2019.")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);

    let (_, html) = coordinator
        .get_text(&format!("{page}?ok=flash-report-saved"))
        .await;
    assert!(html.contains("La section a été enregistrée."));
    let origin = section(&html, "origine");
    assert!(
        origin.contains("<p>Lancée en 2017, cette action émane du regroupement.</p>"),
        "{origin}"
    );
    assert!(origin.contains("<ul><li>Se connaître</li><li>Se reconnaître</li></ul>"));
    assert!(
        !origin.contains("est une action du regroupement"),
        "the edit replaces the generated text"
    );
    assert!(origin.contains("texte modifié"));
    assert!(origin.contains("Revenir au texte généré"));
    assert!(section(&html, "suites").contains("<p>Retour au printemps 2019.</p>"));
    assert!(!section(&html, "chiffres").contains("Revenir au texte généré"));

    // Saving again replaces the text.
    coordinator
        .post_form(
            &format!("{page}/origine"),
            &[("contenu", "Deuxième version.")],
        )
        .await;
    let (_, html) = coordinator.get_text(&page).await;
    assert!(section(&html, "origine").contains("<p>Deuxième version.</p>"));

    // Regenerating one section leaves the other's edit alone.
    let r = coordinator
        .post_form(&format!("{page}/origine/regenerer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("{page}?ok=flash-report-reset#section-origine")
    );
    let (_, html) = coordinator.get_text(&page).await;
    let origin = section(&html, "origine");
    assert!(
        origin.contains("est une action du regroupement"),
        "{origin}"
    );
    assert!(!origin.contains("Deuxième version."));
    assert!(!origin.contains("Revenir au texte généré"));
    assert!(
        section(&html, "suites").contains("<p>Retour au printemps 2019.</p>"),
        "the other edit stays"
    );
    // Resetting a section that was not edited changes nothing.
    let r = coordinator
        .post_form(&format!("{page}/chiffres/regenerer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, again) = coordinator.get_text(&page).await;
    assert!(section(&again, "suites").contains("<p>Retour au printemps 2019.</p>"));

    // Bad input: refused with a French message, nothing written.
    let r = coordinator
        .post_form(&format!("{page}/suites"), &[("contenu", "  \r\n ")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("{page}?erreur=flash-report-empty#section-suites")
    );
    let (_, html) = coordinator.get_text(&location(&r)).await;
    assert!(html.contains("Le texte de la section est vide\u{a0}: rien n’a été enregistré."));
    assert!(section(&html, "suites").contains("<p>Retour au printemps 2019.</p>"));
    let long = "é".repeat(20_001);
    let r = coordinator
        .post_form(&format!("{page}/suites"), &[("contenu", &long)])
        .await;
    assert_eq!(
        location(&r),
        format!("{page}?erreur=flash-report-too-long#section-suites")
    );
    let r = coordinator
        .post_form(&format!("{page}/inconnue"), &[("contenu", "x")])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = coordinator
        .post_form(&format!("{page}/inconnue/regenerer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // Without the CSRF token: refused.
    let r = coordinator
        .post_form_raw(&format!("{page}/suites"), &[("contenu", "Sans jeton")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (_, html) = coordinator.get_text(&page).await;
    assert!(!html.contains("Sans jeton"));
}

#[db_test]
async fn only_the_grouping_reads_and_only_coordinators_edit(app: &TestApp) {
    let id = osons_event(app).await;
    let page = format!("/evenements/{id}/bilan");

    let anonymous = app.client();
    let r = anonymous.get(&page).await;
    assert!(asks_sign_in(&r), "{}", location(&r));
    for path in [format!("{page}.html"), format!("{page}.pdf")] {
        let r = anonymous.get(&path).await;
        assert!(asks_sign_in(&r), "{path}");
    }
    let r = anonymous
        .post_form(&format!("{page}/origine"), &[("contenu", "Anonyme")])
        .await;
    assert!(asks_sign_in(&r));

    let outsider = member_of(app, "ailleurs@exemple.ca", Role::Viewer, "autre-table").await;
    for path in [page.clone(), format!("{page}.html"), format!("{page}.pdf")] {
        let (status, _) = outsider.get_text(&path).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
    }
    let other_coordinator = member_of(
        app,
        "coord.ailleurs@exemple.ca",
        Role::Coordinator,
        "autre-table",
    )
    .await;
    let r = other_coordinator
        .post_form(&format!("{page}/origine"), &[("contenu", "Intrusion")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let viewer = member_of(app, "lecture@exemple.ca", Role::Viewer, "table-de-test").await;
    let (status, html) = viewer.get_text(&page).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Osons l'aventure"));
    assert!(
        !html.contains("Modifier cette section"),
        "a viewer does not edit"
    );
    let r = viewer
        .post_form(&format!("{page}/origine"), &[("contenu", "Lecture")])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = viewer
        .post_form(&format!("{page}/origine/regenerer"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let (_, html) = coordinator.get_text(&page).await;
    assert!(!html.contains("Intrusion") && !html.contains("Lecture"));

    // A draft's bilan is not shown to those who only read the grouping.
    let draft = events::create_event(
        &app.store,
        &Actor::system(),
        &EventInput {
            grouping_id: Some(app.grouping("table-de-test").await),
            title: "Brouillon".to_owned(),
            status: maillage_store::entity::event::EventStatus::Draft,
            ..EventInput::default()
        },
    )
    .await
    .unwrap();
    let (status, _) = viewer
        .get_text(&format!("/evenements/{}/bilan", draft.id))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = coordinator
        .get_text(&format!("/evenements/{}/bilan", draft.id))
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[db_test]
async fn the_downloads_stand_alone(app: &TestApp) {
    let id = osons_event(app).await;
    let coordinator = app
        .signed_in("coordination@exemple.ca", Role::Coordinator)
        .await;
    let page = format!("/evenements/{id}/bilan");
    coordinator
        .post_form(
            &format!("{page}/suites"),
            &[("contenu", "Retour au printemps 2019.")],
        )
        .await;

    let r = coordinator.get(&format!("{page}.html")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let header = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        header(&r, "content-disposition"),
        "attachment; filename=\"bilan-osons-l-aventure.html\""
    );
    assert_eq!(
        header(&r, "content-security-policy"),
        "default-src 'none'; style-src 'unsafe-inline'"
    );
    assert!(header(&r, "content-type").starts_with("text/html"));
    let html = body(r).await;
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<style>") && html.contains("@page { size: A4; margin: 18mm; }"));
    assert!(!html.contains("<link"), "nothing to fetch");
    assert!(!html.contains("<script"), "no script");
    assert!(!html.contains("/static/"), "no link to the site's files");
    assert!(!html.contains("<form"), "no form in the file");
    assert!(html.contains("Osons l'aventure"));
    assert!(
        html.contains("<p>Retour au printemps 2019.</p>"),
        "the edits are in the file"
    );
    assert!(html.contains("<svg"), "charts inline");
    assert!(html.contains("8 mai 2018"));

    let r = coordinator.get(&format!("{page}.pdf")).await;
    let status = r.status();
    let has_chromium = std::env::var_os("MAILLAGE_CHROMIUM")
        .is_some_and(|p| std::path::Path::new(&p).is_file())
        || std::path::Path::new("/usr/bin/chromium").is_file()
        || std::env::var_os("PATH").is_some_and(|dirs| {
            std::env::split_paths(&dirs)
                .any(|d| d.join("chromium").is_file() || d.join("chromium-browser").is_file())
        });
    if has_chromium {
        assert_eq!(status, StatusCode::OK, "{}", body(r).await);
        assert_eq!(header(&r, "content-type"), "application/pdf");
        assert_eq!(
            header(&r, "content-disposition"),
            "attachment; filename=\"bilan-osons-l-aventure.pdf\""
        );
        let pdf = r.bytes().await.unwrap();
        assert!(pdf.starts_with(b"%PDF"), "a PDF");
        assert!(pdf.len() > 1000);
    } else {
        assert!(
            std::env::var("MAILLAGE_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "MAILLAGE_REQUIRE_BROWSER=1 but Chromium was not found"
        );
        eprintln!("PDF not checked: Chromium was not found (the 503 page is checked instead)");
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
        let html = body(r).await;
        assert!(
            html.contains("La génération du PDF demande Chromium sur le serveur"),
            "{html}"
        );
    }
}
