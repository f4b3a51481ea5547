//! Self-assessment tools end to end: seed 003's tool through the API,
//! verbatim and in order (DESIGN.md §4 *Assessments, toolkits, findings*);
//! the builder and its versions (a response keeps the version it
//! answered); an answered item is refused deletion and archived instead;
//! another grouping's coordinator is kept out — on SQLite and PostgreSQL.

use maillage_domain::Role;
use maillage_domain::assessments::templates::DENOUER;
use maillage_store::entity::{assessment_item, assessment_response};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::{assessments, assessments_responses, groupings};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

use crate::harness::{TestApp, TestClient, body, location, member_of};
use maillage_test_macros::db_test;

pub(crate) const GROUPING: &str = "table-de-test";

/// A signed-in browser sending JSON with its CSRF header.
pub(crate) struct Api {
    pub(crate) client: TestClient,
    csrf: String,
}

impl Api {
    pub(crate) async fn new(client: TestClient) -> Self {
        let csrf = client.csrf().await;
        Self { client, csrf }
    }

    pub(crate) async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let mut req = self
            .client
            .http
            .request(method, self.client.url(path))
            .header("x-csrf-token", &self.csrf);
        if let Some(b) = body {
            req = req.json(b);
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    pub(crate) async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub(crate) async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    pub(crate) async fn put(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::PUT, path, Some(body)).await
    }
}

/// A member organization of the test grouping (a school); its id.
pub(crate) async fn school(app: &TestApp, name: &str) -> String {
    let id = maillage_store::repo::organizations::create_organization(
        &app.store,
        &Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: name.to_owned(),
            description: "Une école de la table.".to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("an organization");
    let grouping = app.grouping(GROUPING).await;
    groupings::add_member(app.store.conn(), grouping, &id)
        .await
        .expect("a member");
    id
}

/// The id of seed 003's tool (a platform template).
pub(crate) async fn seed_tool(app: &TestApp) -> String {
    assessments::list_tools(app.store.conn(), Some(&[]))
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.template_key.as_deref() == Some(DENOUER.key))
        .expect("seed 003's tool")
        .id
        .to_string()
}

/// The tool's item ids, in order, from the API.
pub(crate) async fn item_ids(api: &Api, tool: &str) -> Vec<String> {
    let (status, body) = api.get(&format!("/api/v1/assessment-tools/{tool}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap().iter())
        .map(|i| i["id"].as_str().unwrap().to_owned())
        .collect()
}

#[db_test]
async fn assessments_tools_api_gives_seed_003s_tool_verbatim(app: &TestApp) {
    let anonymous = app.client();
    let r = anonymous.get("/api/v1/assessment-tools").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    let api = Api::new(member_of(app, "ecole@exemple.ca", Role::Member, GROUPING).await).await;
    let (status, tools) = api.get("/api/v1/assessment-tools").await;
    assert_eq!(status, StatusCode::OK, "{tools}");
    let tools = tools.as_array().expect("a bare array");
    assert_eq!(tools.len(), 2, "the two templates of seed 003: {tools:?}");
    let tool = &tools[0];
    assert_eq!(
        tool["title"],
        "Dénouer les enjeux liés à la relation école-famille, un nœud à la fois"
    );
    assert_eq!(tool["version"], 1);
    assert_eq!(tool["grouping"], Value::Null);
    assert_eq!(
        tool["scale"],
        json!([
            {"code": "en_place", "label": "Déjà en place"},
            {"code": "a_ameliorer", "label": "À améliorer"},
            {"code": "a_developper", "label": "À développer"},
            {"code": "non_pertinent", "label": "Non pertinent pour notre milieu"}
        ])
    );
    let sections = tool["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 1);
    assert_eq!(
        sections[0]["title"],
        "La raison pour laquelle ces parents semblent désengagés est peut-être..."
    );
    assert_eq!(
        sections[0]["guide"],
        "... qu'ils sont confrontés à des difficultés qui entravent leur participation à la vie scolaire de leur enfant."
    );
    let texts: Vec<&str> = sections[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap())
        .collect();
    // Seed 003, lines 267–273, word for word and in order.
    assert_eq!(
        texts,
        [
            "Connaître les conditions de vie des familles en s'intéressant à leur vécu, à leurs champs d'intérêt et à l'environnement dans lequel elles évoluent.",
            "Dresser et mettre à jour la liste des organismes communautaires de la région qui peuvent venir en aide aux familles aux prises avec de l'insécurité alimentaire, matérielle ou financière.",
            "Se concerter avec les partenaires de la communauté pour établir des ententes concernant l'offre de services aux jeunes et à leur famille.",
            "Créer un climat favorable à la communication en adoptant une attitude ouverte, respectueuse et à l'écoute de l'autre.",
            "Faire appel à l'agente ou à l'agent de soutien au renforcement du lien école-famille ou à une autre personne-ressource qui a le mandat de soutenir le lien avec les familles et de guider le personnel scolaire.",
            "Donner la parole aux parents afin de pouvoir répondre à leurs questions, à leurs inquiétudes et à leurs besoins.",
            "S'assurer que le non-respect de certaines règles n'est pas dû à un manque de ressources financières.",
        ]
    );
    for item in sections[0]["items"].as_array().unwrap() {
        assert!(uuid::Uuid::parse_str(item["id"].as_str().unwrap()).is_ok());
    }
    let second = &tools[1];
    assert_eq!(second["title"], "Questions pour guider le déploiement");
    assert!(
        second["sections"][0]["items"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Qui?")
    );
    // One tool, the same shape.
    let id = tool["id"].as_str().unwrap();
    let (status, one) = api.get(&format!("/api/v1/assessment-tools/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(&one, tool);
    let (status, _) = api
        .get(&format!(
            "/api/v1/assessment-tools/{}",
            uuid::Uuid::new_v4()
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // The OpenAPI document lists the routes under the `assessments` tag.
    let (_, doc) = api.get("/api/v1/openapi.json").await;
    for path in [
        "/api/v1/assessment-tools",
        "/api/v1/assessment-tools/{id}",
        "/api/v1/assessment-tools/{id}/responses",
        "/api/v1/assessment-responses/{id}",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} in the OpenAPI document"
        );
    }
    assert_eq!(
        doc["paths"]["/api/v1/assessment-tools"]["get"]["tags"][0],
        "assessments"
    );
    assert!(doc["paths"]["/api/v1/assessment-responses/{id}"]["put"].is_object());

    // The pages list the templates too.
    let (status, html) = api.client.get_text("/outils-autoevaluation").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Dénouer les enjeux liés à la relation école-famille"));
    let (status, html) = api
        .client
        .get_text(&format!("/outils-autoevaluation/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Donner la parole aux parents"), "{html}");
    assert!(html.contains("Version 1"));
    assert!(html.contains("Remplir"));
}

/// Creates a tool of the test grouping through the pages; its id.
async fn new_tool(coordinator: &TestClient, title: &str) -> String {
    let r = coordinator
        .post_form(
            "/outils-autoevaluation",
            &[("grouping", GROUPING), ("title", title)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = location(&r);
    assert!(
        to.ends_with("/modifier?ok=flash-assess-tool-created"),
        "{to}"
    );
    to.trim_start_matches("/outils-autoevaluation/")
        .split('/')
        .next()
        .unwrap()
        .to_owned()
}

/// The builder's first section id.
async fn first_section(app: &TestApp, tool: &str) -> String {
    let sections = assessments::builder(app.store.conn(), tool.parse().unwrap())
        .await
        .unwrap();
    sections[0].section.id.to_string()
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn assessments_tools_builder_publishes_versions_and_old_responses_keep_theirs(app: &TestApp) {
    let school = school(app, "École des Versions").await;
    let coordinator = member_of(app, "coord@exemple.ca", Role::Coordinator, GROUPING).await;
    let tool = new_tool(&coordinator, "Outil de la table").await;
    let builder = format!("/outils-autoevaluation/{tool}");
    let section = first_section(app, &tool).await;
    for text in ["Accueillir les familles", "Connaître les organismes"] {
        let r = coordinator
            .post_form(
                &format!("{builder}/sections/{section}/elements"),
                &[("text", text)],
            )
            .await;
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{text}");
    }
    // An empty item is refused with a French message; nothing is added.
    let r = coordinator
        .post_form(
            &format!("{builder}/sections/{section}/elements"),
            &[("text", "   ")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await.contains("Un élément a besoin d’un texte"));
    // Nobody answered yet: still version 1.
    let api = Api::new(coordinator).await;
    let (_, shown) = api.get(&format!("/api/v1/assessment-tools/{tool}")).await;
    assert_eq!(shown["version"], 1);
    assert_eq!(shown["grouping"], GROUPING);
    let items = item_ids(&api, &tool).await;
    assert_eq!(items.len(), 2);

    // A member answers version 1.
    let member = Api::new(member_of(app, "membre@exemple.ca", Role::Member, GROUPING).await).await;
    let (status, created) = member
        .post(
            &format!("/api/v1/assessment-tools/{tool}/responses"),
            &json!({
                "grouping": GROUPING, "respondent": school, "date": "2026-10-13",
                "status": "submitted",
                "answers": [{"item": items[0], "level": "a_developper", "comment": "À faire"}]
            }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let v1_response = created["id"].as_str().unwrap().to_owned();

    // The coordinator rewords the first item: version 2 appears.
    let r = api
        .client
        .post_form(
            &format!("{builder}/elements/{}/modifier", items[0]),
            &[("text", "Accueillir chaque famille à la rentrée")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, shown) = api.get(&format!("/api/v1/assessment-tools/{tool}")).await;
    assert_eq!(shown["version"], 2);
    assert_eq!(
        shown["sections"][0]["items"][0]["text"],
        "Accueillir chaque famille à la rentrée"
    );
    assert_eq!(
        shown["sections"][0]["items"][0]["id"], items[0],
        "an item keeps its id across versions"
    );
    // A second change with no answer on version 2 rewrites version 2.
    let r = api
        .client
        .post_form(
            &format!("{builder}/modifier"),
            &[
                ("title", "Outil de la table, révisé"),
                ("introduction", "Pour les écoles de la table."),
                ("scale", ""),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, shown) = api.get(&format!("/api/v1/assessment-tools/{tool}")).await;
    assert_eq!(shown["version"], 2);
    assert_eq!(shown["title"], "Outil de la table, révisé");
    let (status, html) = api.client.get_text(&builder).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Version 2"));

    // The old response still reads version 1, with its old text.
    let (status, old) = member
        .get(&format!("/api/v1/assessment-responses/{v1_response}"))
        .await;
    assert_eq!(status, StatusCode::OK, "{old}");
    assert_eq!(old["version"], 1);
    assert_eq!(old["current_version"], 2);
    assert_eq!(old["tool_version"]["title"], "Outil de la table");
    assert_eq!(
        old["tool_version"]["sections"][0]["items"][0]["text"],
        "Accueillir les familles"
    );
    assert_eq!(old["answers"][0]["level"], "a_developper");
    assert_eq!(old["answers"][0]["comment"], "À faire");
    let (status, html) = member
        .client
        .get_text(&format!("/autoevaluations/{v1_response}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("version 1"), "{html}");
    assert!(html.contains("cette réponse garde la version 1"), "{html}");
    assert!(html.contains("Accueillir les familles"));
    // The grouping's list shows the version too.
    let (status, html) = member
        .client
        .get_text("/regroupements/table-de-test/autoevaluations")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("École des Versions"));
    assert!(html.contains("version 1"));
    assert!(html.contains("ancienne version"));

    // A new response answers version 2.
    let (status, created) = member
        .post(
            &format!("/api/v1/assessment-tools/{tool}/responses"),
            &json!({"grouping": GROUPING, "respondent": school, "date": "2027-05-18"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let (_, fresh) = member
        .get(&format!(
            "/api/v1/assessment-responses/{}",
            created["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(fresh["version"], 2);
    assert_eq!(fresh["status"], "draft");

    // A copy of seed 003's template into the grouping is the grouping's own.
    let seed = seed_tool(app).await;
    let r = api
        .client
        .post_form(
            &format!("/outils-autoevaluation/{seed}/copier"),
            &[("grouping", GROUPING)],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let copy = location(&r)
        .trim_start_matches("/outils-autoevaluation/")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(copy, seed);
    let (_, copied) = api.get(&format!("/api/v1/assessment-tools/{copy}")).await;
    assert_eq!(copied["grouping"], GROUPING);
    assert_eq!(copied["version"], 1);
    assert_eq!(copied["sections"][0]["items"].as_array().unwrap().len(), 7);
    // The template itself is the administrators' to change.
    let r = api
        .client
        .get(&format!("/outils-autoevaluation/{seed}/modifier"))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[db_test]
async fn assessments_tools_an_answered_item_is_archived_not_deleted(app: &TestApp) {
    let school = school(app, "École des Archives").await;
    let coordinator = member_of(app, "coord@exemple.ca", Role::Coordinator, GROUPING).await;
    let tool = new_tool(&coordinator, "Outil à archiver").await;
    let builder = format!("/outils-autoevaluation/{tool}");
    let section = first_section(app, &tool).await;
    for text in ["Premier élément", "Deuxième élément", "Troisième élément"] {
        coordinator
            .post_form(
                &format!("{builder}/sections/{section}/elements"),
                &[("text", text)],
            )
            .await;
    }
    let api = Api::new(coordinator).await;
    let items = item_ids(&api, &tool).await;
    // An item nobody answered is deleted.
    let r = api
        .client
        .post_form(&format!("{builder}/elements/{}/supprimer", items[2]), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (status, created) = api
        .post(
            &format!("/api/v1/assessment-tools/{tool}/responses"),
            &json!({"grouping": GROUPING, "respondent": school, "date": "2026-10-13",
                    "status": "submitted",
                    "answers": [{"item": items[0], "level": "en_place"}]}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let before = assessment_item::Entity::find()
        .count(app.store.conn())
        .await
        .unwrap();

    // The answered item: refused, with the French message; nothing changed.
    let r = api
        .client
        .post_form(&format!("{builder}/elements/{}/supprimer", items[0]), &[])
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = body(r).await;
    assert!(html.contains("Archivez-le plutôt"), "{html}");
    assert_eq!(
        assessment_item::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
        before
    );
    let (_, shown) = api.get(&format!("/api/v1/assessment-tools/{tool}")).await;
    assert_eq!(shown["version"], 1);

    // Archived instead: it leaves the next version; the response keeps it.
    let r = api
        .client
        .post_form(&format!("{builder}/elements/{}/archiver", items[0]), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, shown) = api.get(&format!("/api/v1/assessment-tools/{tool}")).await;
    assert_eq!(shown["version"], 2);
    let now: Vec<&str> = shown["sections"][0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["text"].as_str().unwrap())
        .collect();
    assert_eq!(now, ["Deuxième élément"]);
    let (_, old) = api
        .get(&format!(
            "/api/v1/assessment-responses/{}",
            created["id"].as_str().unwrap()
        ))
        .await;
    assert_eq!(
        old["tool_version"]["sections"][0]["items"][0]["text"],
        "Premier élément"
    );
    assert_eq!(old["answers"][0]["level"], "en_place");
    // The builder still lists it, archived, and can bring it back.
    let (_, html) = api.client.get_text(&format!("{builder}/modifier")).await;
    assert!(html.contains("Archivé"), "{html}");
    let r = api
        .client
        .post_form(&format!("{builder}/elements/{}/retablir", items[0]), &[])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let items_now = item_ids(&api, &tool).await;
    assert_eq!(items_now, [items[0].clone(), items[1].clone()]);
    assert_eq!(
        assessment_response::Entity::find()
            .count(app.store.conn())
            .await
            .unwrap(),
        1
    );
}

#[db_test]
async fn assessments_tools_another_groupings_coordinator_is_kept_out(app: &TestApp) {
    let coordinator = member_of(app, "coord@exemple.ca", Role::Coordinator, GROUPING).await;
    let tool = new_tool(&coordinator, "Outil privé de la table").await;
    let stranger =
        Api::new(member_of(app, "autre@exemple.ca", Role::Coordinator, "autre-table").await).await;
    let (status, body) = stranger
        .get(&format!("/api/v1/assessment-tools/{tool}"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (_, list) = stranger.get("/api/v1/assessment-tools").await;
    assert!(
        list.as_array()
            .unwrap()
            .iter()
            .all(|t| t["id"].as_str() != Some(tool.as_str())),
        "{list}"
    );
    for path in [
        format!("/outils-autoevaluation/{tool}"),
        format!("/outils-autoevaluation/{tool}/modifier"),
        "/regroupements/table-de-test/autoevaluations".to_owned(),
    ] {
        let r = stranger.client.get(&path).await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let r = stranger
        .client
        .post_form(
            &format!("/outils-autoevaluation/{tool}/modifier"),
            &[("title", "Piraté")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // Creating a tool for a grouping one does not coordinate is refused.
    let r = stranger
        .client
        .post_form(
            "/outils-autoevaluation",
            &[("grouping", GROUPING), ("title", "Intrus")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, shown) = stranger.get("/api/v1/assessment-tools").await;
    assert_eq!(shown.as_array().unwrap().len(), 2, "the templates only");
    // A member of the table reads the tool but may not change it.
    let member = member_of(app, "membre@exemple.ca", Role::Member, GROUPING).await;
    assert_eq!(
        member
            .get(&format!("/outils-autoevaluation/{tool}"))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        member
            .get(&format!("/outils-autoevaluation/{tool}/modifier"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let anonymous = app.client();
    assert_eq!(
        anonymous.get("/outils-autoevaluation").await.status(),
        StatusCode::UNAUTHORIZED
    );
}

/// The route table's placeholders: `{assess_template}` (seed 003's tool),
/// `{assess_tool}` (a tool of the test grouping) and `{assess_response}`
/// (a draft of a member organization of the test grouping on it).
pub(crate) async fn route_fixture(app: &TestApp) -> Vec<(&'static str, String)> {
    use maillage_domain::assessments::ResponseStatus;
    use maillage_store::repo::assessments_responses::NewResponse;
    let actor = Actor::system();
    let grouping = app.grouping(GROUPING).await;
    let tool = assessments::create_tool(
        &app.store,
        &actor,
        Some(grouping),
        &assessments::ToolInput {
            title: "Outil des routes".to_owned(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let section = assessments::builder(app.store.conn(), tool.id)
        .await
        .unwrap()[0]
        .section
        .id;
    assessments::create_item(&app.store, &actor, tool.id, section, "Élément des routes")
        .await
        .unwrap();
    let org = school(app, "École des routes").await;
    let response = assessments_responses::create_response(
        &app.store,
        &actor,
        &NewResponse {
            tool_id: tool.id,
            grouping_id: grouping,
            organization_id: org,
            team: String::new(),
            on_date: chrono::NaiveDate::from_ymd_opt(2026, 10, 13).unwrap(),
            status: ResponseStatus::Draft,
            answers: Vec::new(),
        },
    )
    .await
    .unwrap();
    vec![
        ("assess_template", seed_tool(app).await),
        ("assess_tool", tool.id.to_string()),
        ("assess_response", response.id.to_string()),
    ]
}
