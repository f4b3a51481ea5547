//! Responses to self-assessment tools end to end: bad answers (a level
//! outside the scale, an unknown item, a respondent outside the grouping, a
//! twin of a date) refused with their status and a French message and
//! nothing written; two people saving one draft (the second is told,
//! nothing is lost); another grouping's people (403 to fill, 404 to read);
//! the filling form as a phone without JavaScript posts it — on SQLite and
//! PostgreSQL.

use maillage_domain::Role;
use maillage_store::entity::{assessment_answer, assessment_response};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::assessments_tools::{Api, GROUPING, item_ids, school, seed_tool};
use crate::harness::{TestApp, body as page_text, location, member_of};
use maillage_test_macros::db_test;

async fn rows(app: &TestApp) -> (u64, u64) {
    (
        assessment_response::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
        assessment_answer::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
    )
}

fn message(body: &Value) -> String {
    body["error"]["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "each bad input in turn, then the one accepted"
)]
async fn assessments_responses_bad_answers_are_refused_and_nothing_is_written(app: &TestApp) {
    let school = school(app, "École Sainte-Famille").await;
    let outsider = crate::assessments_tools::school(app, "École voisine").await;
    // The neighbour school leaves the grouping: no longer a respondent.
    maillage_store::repo::groupings::end_membership(
        &app.store,
        &maillage_store::repo::audit::Actor::system(),
        app.grouping(GROUPING).await,
        &outsider,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
    )
    .await
    .unwrap();
    let tool = seed_tool(app).await;
    let member = Api::new(member_of(app, "ecole@exemple.ca", Role::Member, GROUPING).await).await;
    let items = item_ids(&member, &tool).await;
    let path = format!("/api/v1/assessment-tools/{tool}/responses");
    let base = |answers: Value| {
        json!({"grouping": GROUPING, "respondent": school, "date": "2026-10-13",
               "status": "submitted", "answers": answers})
    };

    // A level outside the scale.
    let (status, body) = member
        .post(
            &path,
            &base(json!([
                {"item": items[0], "level": "a_developper"},
                {"item": items[1], "level": "excellent"}
            ])),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        message(&body).contains("n’est pas un niveau de l’échelle"),
        "{body}"
    );
    assert!(message(&body).contains("rien n’a été enregistré"));
    assert_eq!(rows(app).await, (0, 0));
    // An unknown item, and an item that is no id at all.
    for item in [uuid::Uuid::new_v4().to_string(), "trois".to_owned()] {
        let (status, body) = member
            .post(
                &path,
                &base(json!([
                    {"item": items[0], "level": "en_place"},
                    {"item": item, "level": "en_place"}
                ])),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(
            message(&body).contains("ne fait pas partie de cette version"),
            "{body}"
        );
    }
    // An item answered twice.
    let (status, _) = member
        .post(
            &path,
            &base(json!([
                {"item": items[0], "level": "en_place"},
                {"item": items[0], "level": "a_ameliorer"}
            ])),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // A respondent that is not (or no longer) a member organization.
    for respondent in [outsider.as_str(), "organisme-inconnu"] {
        let (status, body) = member
            .post(
                &path,
                &json!({"grouping": GROUPING, "respondent": respondent, "date": "2026-10-13"}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(message(&body).contains("organisation membre"), "{body}");
    }
    // A date that is not one, a status that is not one, a grouping that is not one.
    let (status, body) = member
        .post(
            &path,
            &json!({"grouping": GROUPING, "respondent": school, "date": "13/10/2026"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(message(&body).contains("AAAA-MM-JJ"), "{body}");
    let (status, _) = member
        .post(
            &path,
            &json!({"grouping": GROUPING, "respondent": school, "date": "2026-10-13", "status": "final"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = member
        .post(
            &path,
            &json!({"grouping": "table-inconnue", "respondent": school, "date": "2026-10-13"}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, body) = member.post(&path, &json!({"grouping": 3})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(rows(app).await, (0, 0));

    // Another grouping's coordinator may not answer for this one.
    let stranger =
        Api::new(member_of(app, "autre@exemple.ca", Role::Coordinator, "autre-table").await).await;
    let (status, _) = stranger
        .post(
            &path,
            &base(json!([{"item": items[0], "level": "en_place"}])),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Nor may a viewer of this one.
    let viewer = Api::new(member_of(app, "vue@exemple.ca", Role::Viewer, GROUPING).await).await;
    let (status, _) = viewer
        .post(
            &path,
            &base(json!([{"item": items[0], "level": "en_place"}])),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(rows(app).await, (0, 0));

    // The good one, then its twin of the same date.
    let good = base(json!([
        {"item": items[0], "level": "a_developper", "comment": "Peu de liens avec les familles"},
        {"item": items[1], "level": "non_pertinent"},
        {"item": items[2], "level": "", "comment": "  "}
    ]));
    let (status, created) = member.post(&path, &good).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert!(created["id"].is_string());
    assert_eq!(rows(app).await, (1, 2), "an empty answer is no answer");
    let (status, body) = member.post(&path, &good).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(message(&body).contains("a déjà une réponse"), "{body}");
    assert_eq!(rows(app).await, (1, 2));
    // Another team of the school answers on that date too.
    let mut team = good.clone();
    team["team"] = json!("Équipe du 2e cycle");
    let (status, _) = member.post(&path, &team).await;
    assert_eq!(status, StatusCode::CREATED);

    // The pages say the same in French.
    let r = member
        .client
        .post_form(
            "/regroupements/table-de-test/autoevaluations",
            &[
                ("tool", tool.as_str()),
                ("respondent", school.as_str()),
                ("team", ""),
                ("date", "2026-10-13"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        page_text(r)
            .await
            .contains("a déjà une réponse à cet outil à cette date")
    );
    let r = member
        .client
        .post_form(
            "/regroupements/table-de-test/autoevaluations",
            &[
                ("tool", tool.as_str()),
                ("respondent", school.as_str()),
                ("date", "demain"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page_text(r).await.contains("La date s’écrit AAAA-MM-JJ"));
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "two editors through the API, then through the pages"
)]
async fn assessments_responses_two_editors_of_one_draft_lose_nothing(app: &TestApp) {
    let school = school(app, "École du Brouillon").await;
    let tool = seed_tool(app).await;
    let ana = Api::new(member_of(app, "ana@exemple.ca", Role::Member, GROUPING).await).await;
    let ben = Api::new(member_of(app, "ben@exemple.ca", Role::Member, GROUPING).await).await;
    let items = item_ids(&ana, &tool).await;
    let (status, created) = ana
        .post(
            &format!("/api/v1/assessment-tools/{tool}/responses"),
            &json!({"grouping": GROUPING, "respondent": school, "date": "2026-10-13"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_str().unwrap().to_owned();
    let api_path = format!("/api/v1/assessment-responses/{id}");

    // Both read revision 1.
    let (_, read_a) = ana.get(&api_path).await;
    let (_, read_b) = ben.get(&api_path).await;
    assert_eq!(read_a["revision"], 1);
    assert_eq!(read_b["revision"], 1);
    assert_eq!(read_a["status"], "draft");
    // Ana saves first.
    let (status, saved) = ana
        .put(
            &api_path,
            &json!({"revision": 1, "answers": [
                {"item": items[0], "level": "a_ameliorer", "comment": "Ana : rencontres d’accueil"}
            ]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{saved}");
    assert_eq!(saved["revision"], 2);
    // Ben saves on the revision he read: told, and nothing written.
    let (status, body) = ben
        .put(
            &api_path,
            &json!({"revision": 1, "answers": [{"item": items[0], "level": "en_place"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(
        message(&body).starts_with("Quelqu’un a enregistré ce brouillon entre-temps"),
        "{body}"
    );
    let (_, now) = ben.get(&api_path).await;
    assert_eq!(now["revision"], 2);
    assert_eq!(now["answers"][0]["level"], "a_ameliorer");
    assert_eq!(now["answers"][0]["comment"], "Ana : rencontres d’accueil");
    // No revision at all, a bad level: 422, nothing written.
    let (status, _) = ben.put(&api_path, &json!({"answers": []})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = ben
        .put(
            &api_path,
            &json!({"revision": 2, "answers": [{"item": items[0], "level": "parfait"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, still) = ben.get(&api_path).await;
    assert_eq!(still["revision"], 2);
    assert_eq!(still["answers"][0]["level"], "a_ameliorer");

    // Through the pages: both open the form at revision 2.
    let page = format!("/autoevaluations/{id}");
    let (_, form_a) = ana.client.get_text(&page).await;
    let (_, form_b) = ben.client.get_text(&page).await;
    for form in [&form_a, &form_b] {
        assert!(form.contains("name=\"revision\" value=\"2\""), "{form}");
    }
    let level = format!("level-{}", items[1]);
    let comment = format!("comment-{}", items[1]);
    let r = ana
        .client
        .post_form(
            &page,
            &[
                ("revision", "2"),
                (&level, "a_developper"),
                (&comment, "Ana : la liste est à refaire"),
                ("intent", "draft"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("{page}?ok=flash-assess-response-saved")
    );
    let r = ben
        .client
        .post_form(
            &page,
            &[
                ("revision", "2"),
                (&level, "en_place"),
                (&comment, "Ben : tout va bien"),
                ("intent", "submit"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let html = page_text(r).await;
    assert!(
        html.contains("Quelqu’un a enregistré ce brouillon entre-temps"),
        "{html}"
    );
    // The form comes back with what Ana saved, at the new revision.
    assert!(html.contains("Ana : la liste est à refaire"), "{html}");
    assert!(html.contains("name=\"revision\" value=\"3\""));
    let (_, now) = ana.get(&api_path).await;
    assert_eq!(now["status"], "draft");
    assert_eq!(now["revision"], 3);
    // Ana's save replaced the answers with her form's (the first item left
    // open there): what the form showed is what is stored.
    assert_eq!(now["answers"].as_array().unwrap().len(), 1);
    assert_eq!(now["answers"][0]["comment"], "Ana : la liste est à refaire");
}

#[db_test]
async fn assessments_responses_other_groupings_see_nothing(app: &TestApp) {
    let school = school(app, "École Privée").await;
    let tool = seed_tool(app).await;
    let member = Api::new(member_of(app, "ecole@exemple.ca", Role::Member, GROUPING).await).await;
    let (status, created) = member
        .post(
            &format!("/api/v1/assessment-tools/{tool}/responses"),
            &json!({"grouping": GROUPING, "respondent": school, "date": "2026-10-13"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);
    let id = created["id"].as_str().unwrap().to_owned();
    let stranger =
        Api::new(member_of(app, "autre@exemple.ca", Role::Coordinator, "autre-table").await).await;
    let (status, body) = stranger
        .get(&format!("/api/v1/assessment-responses/{id}"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = stranger
        .put(
            &format!("/api/v1/assessment-responses/{id}"),
            &json!({"revision": 1, "answers": []}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let r = stranger.client.get(&format!("/autoevaluations/{id}")).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = stranger
        .client
        .post_form(
            &format!("/autoevaluations/{id}"),
            &[("revision", "1"), ("intent", "submit")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let anonymous = app.client();
    assert_eq!(
        anonymous
            .get(&format!("/api/v1/assessment-responses/{id}"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        anonymous
            .get(&format!("/autoevaluations/{id}"))
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    // A viewer of the grouping reads it but does not fill it.
    let viewer = Api::new(member_of(app, "vue@exemple.ca", Role::Viewer, GROUPING).await).await;
    let (status, _) = viewer
        .get(&format!("/api/v1/assessment-responses/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, html) = viewer
        .client
        .get_text(&format!("/autoevaluations/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("id=\"response-form\""));
    let (status, _) = viewer
        .put(
            &format!("/api/v1/assessment-responses/{id}"),
            &json!({"revision": 1, "answers": []}),
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "the whole form: start, fill, submit, reopen"
)]
async fn assessments_responses_the_phone_form_works_without_javascript(app: &TestApp) {
    let school = school(app, "École du Téléphone").await;
    let tool = seed_tool(app).await;
    let phone = member_of(app, "telephone@exemple.ca", Role::Member, GROUPING).await;
    // « Remplir » from the tool leads to the grouping's new response.
    let r = phone
        .get(&format!(
            "/outils-autoevaluation/{tool}/remplir?regroupement={GROUPING}"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        location(&r),
        format!("/regroupements/{GROUPING}/autoevaluations?outil={tool}#nouvelle")
    );
    let (status, html) = phone
        .get_text(&format!(
            "/regroupements/{GROUPING}/autoevaluations?outil={tool}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Aucune autoévaluation pour l’instant."));
    assert!(
        html.contains(&format!("<option value=\"{tool}\" selected>")),
        "{html}"
    );
    let r = phone
        .post_form(
            &format!("/regroupements/{GROUPING}/autoevaluations"),
            &[
                ("tool", tool.as_str()),
                ("respondent", school.as_str()),
                ("team", "  Équipe   du 2e cycle "),
                ("date", "2026-10-13"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = location(&r);
    assert!(to.ends_with("?ok=flash-assess-response-created"), "{to}");
    let page = to.split('?').next().unwrap().to_owned();

    // The form: a radio per level with the scale's labels, a comment per
    // item, the two buttons; no script needed.
    let (status, html) = phone.get_text(&to).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Brouillon créé"));
    assert!(
        html.contains("École du Téléphone — Équipe du 2e cycle"),
        "{html}"
    );
    // A plain form: posted by the browser itself, no script involved.
    assert!(
        html.contains(&format!(
            "<form class=\"assess-fill\" method=\"post\" action=\"{page}\" id=\"response-form\">"
        )),
        "{html}"
    );
    assert!(!html.contains("onclick") && !html.contains("hx-post"));
    let api = Api::new(phone).await;
    let items = item_ids(&api, &tool).await;
    assert_eq!(items.len(), 7);
    for item in &items {
        assert!(html.contains(&format!("name=\"level-{item}\" value=\"a_developper\"")));
        assert!(html.contains(&format!("name=\"comment-{item}\"")));
    }
    for label in [
        "Déjà en place",
        "À améliorer",
        "À développer",
        "Non pertinent pour notre milieu",
        "Enregistrer le brouillon",
        "Soumettre",
        "... qu'ils sont confrontés à des difficultés",
    ] {
        assert!(html.contains(label), "{label}");
    }
    // A phone posts what its form holds (every radio group, every comment).
    let mut fields: Vec<(String, String)> = vec![("revision".into(), "1".into())];
    let levels = [
        "a_developper",
        "a_ameliorer",
        "en_place",
        "",
        "non_pertinent",
        "a_ameliorer",
        "",
    ];
    for (item, level) in items.iter().zip(levels) {
        fields.push((format!("level-{item}"), level.to_owned()));
        fields.push((format!("comment-{item}"), String::new()));
    }
    fields[2].1 = "Rencontrer les familles à la rentrée".to_owned();
    fields.push(("intent".into(), "draft".into()));
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = api.client.post_form(&page, &borrowed).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = api.client.get_text(&location(&r)).await;
    assert!(html.contains("Brouillon enregistré."));
    assert!(html.contains("Rencontrer les familles à la rentrée"));
    assert!(html.contains(&format!(
        "name=\"level-{}\" value=\"a_developper\" checked",
        items[0]
    )));
    // Submitted from the same form at the next revision.
    fields[0].1 = "2".to_owned();
    let last = fields.len() - 1;
    fields[last].1 = "submit".to_owned();
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let r = api.client.post_form(&page, &borrowed).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, html) = api.client.get_text(&location(&r)).await;
    assert!(html.contains("Réponse soumise"));
    assert!(!html.contains("id=\"response-form\""));
    assert!(html.contains("À développer"));
    let id = page.trim_start_matches("/autoevaluations/");
    let (_, json) = api.get(&format!("/api/v1/assessment-responses/{id}")).await;
    assert_eq!(json["status"], "submitted");
    assert_eq!(json["team"], "Équipe du 2e cycle");
    assert_eq!(json["answers"].as_array().unwrap().len(), 5);
    // A submitted response is not saved again…
    let r = api.client.post_form(&page, &borrowed).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // …until a coordinator reopens it (a member may not).
    let r = api.client.post_form(&format!("{page}/rouvrir"), &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let coordinator = member_of(app, "coord@exemple.ca", Role::Coordinator, GROUPING).await;
    let r = coordinator.post_form(&format!("{page}/rouvrir"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, json) = api.get(&format!("/api/v1/assessment-responses/{id}")).await;
    assert_eq!(json["status"], "draft");
    assert_eq!(json["answers"].as_array().unwrap().len(), 5);
    // The grouping's list shows it.
    let (_, html) = api
        .client
        .get_text(&format!("/regroupements/{GROUPING}/autoevaluations"))
        .await;
    assert!(html.contains("École du Téléphone — Équipe du 2e cycle"));
    assert!(html.contains("Brouillon"));
    assert!(html.contains("13 octobre 2026"), "{html}");
}
