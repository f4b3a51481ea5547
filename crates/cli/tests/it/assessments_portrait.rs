//! Portraits of seed 003's self-assessment tool in a grouping: the counts
//! (each respondent once, its latest submitted response; drafts never),
//! « ce qui a progressé » between two dates, the CSV and XLSX files read
//! back, an item turned into a plan action (once; a foreign plan refused
//! with nothing written; a stranger refused), the action's origin — on
//! SQLite and PostgreSQL.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{NaiveDate, Utc};
use maillage_domain::Role;
use maillage_domain::assessments::templates::DENOUER;
use maillage_store::entity::{action, assessment_answer, assessment_response, assessment_tool};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::{accounts, assessments, groupings, organizations, plans};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{TestApp, TestClient, body, location, member_of};
use maillage_test_macros::db_test;

const GROUPING: &str = "table-de-test";

/// What the tests work on: seed 003's tool, two member schools, a plan.
pub(crate) struct Ctx {
    pub(crate) grouping: Uuid,
    pub(crate) tool: Uuid,
    pub(crate) version: i32,
    pub(crate) items: Vec<(Uuid, String)>,
    pub(crate) school_a: String,
    pub(crate) school_b: String,
    pub(crate) plan: Uuid,
    pub(crate) strategy: Uuid,
}

async fn organization(app: &TestApp, name: &str, grouping: Uuid) -> String {
    let id = organizations::create_organization(
        &app.store,
        &Actor::system(),
        &maillage_domain::directory::OrganizationInput {
            name: name.to_owned(),
            description: "École du test des portraits.".to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("an organization");
    groupings::add_member(app.store.conn(), grouping, &id)
        .await
        .unwrap();
    id
}

/// A published plan of `slug` with one orientation and one strategy:
/// (plan, strategy).
pub(crate) async fn plan_of(app: &TestApp, slug: &str, title: &str) -> (Uuid, Uuid) {
    let gid = app.grouping(slug).await;
    let plan = plans::create_plan(
        &app.store,
        &Actor::system(),
        gid,
        &plans::PlanInput {
            title: title.to_owned(),
            description: None,
            start_year: 2025,
            end_year: 2028,
            status: "published".to_owned(),
            weighting: "equal".to_owned(),
        },
    )
    .await
    .unwrap();
    let orientation = plans::create_orientation(app.store.conn(), plan.id, "Orientation", None)
        .await
        .unwrap();
    let strategy = plans::create_strategy(app.store.conn(), &orientation, "Soutenir les familles")
        .await
        .unwrap();
    (plan.id, strategy.id)
}

pub(crate) async fn setup(app: &TestApp) -> Ctx {
    let grouping = app.grouping(GROUPING).await;
    let tool = assessment_tool::Entity::find()
        .filter(assessment_tool::Column::TemplateKey.eq(DENOUER.key))
        .one(app.store.conn())
        .await
        .unwrap()
        .expect("seed 003's tool ships on every database");
    let snapshot = assessments::snapshot(app.store.conn(), tool.id, tool.version)
        .await
        .unwrap();
    let items = snapshot.items().map(|i| (i.id, i.text.clone())).collect();
    let school_a = organization(app, "École Saint-Pierre", grouping).await;
    let school_b = organization(app, "École des Saules", grouping).await;
    let (plan, strategy) = plan_of(app, GROUPING, "Plan de réussite 2025-2028").await;
    Ctx {
        grouping,
        tool: tool.id,
        version: tool.version,
        items,
        school_a,
        school_b,
        plan,
        strategy,
    }
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A response written straight into the store (the filling pages are
/// another area's): the levels of the tool's items in order.
pub(crate) async fn respond(
    app: &TestApp,
    ctx: &Ctx,
    school: &str,
    date: &str,
    status: &str,
    levels: &[Option<&str>],
) -> Uuid {
    let now = Utc::now();
    let id = Uuid::new_v4();
    assessment_response::ActiveModel {
        id: Set(id),
        tool_id: Set(ctx.tool),
        tool_version: Set(ctx.version),
        grouping_id: Set(ctx.grouping),
        organization_id: Set(school.to_owned()),
        team: Set(String::new()),
        on_date: Set(day(date)),
        status: Set(status.to_owned()),
        revision: Set(1),
        created_by: Set(None),
        updated_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set((status == "submitted").then_some(now)),
    }
    .insert(app.store.conn())
    .await
    .unwrap();
    for ((item, _), level) in ctx.items.iter().zip(levels) {
        assessment_answer::ActiveModel {
            response_id: Set(id),
            item_id: Set(*item),
            level: Set(level.map(str::to_owned)),
            comment: Set(level
                .filter(|l| *l == "a_developper")
                .map(|_| "=À discuter en équipe".to_owned())),
            action_id: Set(None),
        }
        .insert(app.store.conn())
        .await
        .unwrap();
    }
    id
}

const D: Option<&str> = Some("a_developper");
const A: Option<&str> = Some("a_ameliorer");
const P: Option<&str> = Some("en_place");
const N: Option<&str> = Some("non_pertinent");

/// School A answered in 2025 and again in 2026, school B in 2026 (and
/// keeps a newer draft): the responses (a 2025, a 2026, b 2026).
async fn three_responses(app: &TestApp, ctx: &Ctx) -> (Uuid, Uuid, Uuid) {
    let a1 = respond(
        app,
        ctx,
        &ctx.school_a,
        "2025-05-01",
        "submitted",
        &[D, D, P, N, A, None, D],
    )
    .await;
    let a2 = respond(
        app,
        ctx,
        &ctx.school_a,
        "2026-05-01",
        "submitted",
        &[A, D, P, P, D, P, D],
    )
    .await;
    let b = respond(
        app,
        ctx,
        &ctx.school_b,
        "2026-04-01",
        "submitted",
        &[D, P, A, N, A, A, None],
    )
    .await;
    respond(
        app,
        ctx,
        &ctx.school_b,
        "2026-06-01",
        "draft",
        &[P, P, P, P, P, P, P],
    )
    .await;
    (a1, a2, b)
}

async fn json_of(client: &TestClient, path: &str) -> (StatusCode, Value) {
    let r = client.get(path).await;
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn post_json(client: &TestClient, path: &str, payload: &Value) -> (StatusCode, Value) {
    let csrf = client.csrf().await;
    let r = client
        .http
        .post(client.url(path))
        .header("x-csrf-token", csrf)
        .json(payload)
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

fn portrait_path(ctx: &Ctx) -> String {
    format!(
        "/regroupements/{GROUPING}/autoevaluations/{}/portrait",
        ctx.tool
    )
}

#[db_test]
async fn the_portrait_counts_each_respondents_latest_submitted_response(app: &TestApp) {
    let ctx = setup(app).await;
    three_responses(app, &ctx).await;
    let viewer = app.signed_in("lecture@exemple.ca", Role::Viewer).await;

    let (status, portrait) = json_of(
        &viewer,
        &format!(
            "/api/v1/assessment-tools/{}/portrait?grouping={GROUPING}",
            ctx.tool
        ),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{portrait}");
    assert_eq!(portrait["respondents"], 2, "{portrait}");
    let items = portrait["items"].as_array().unwrap();
    assert_eq!(items.len(), 7);
    for (got, (id, text)) in items.iter().zip(&ctx.items) {
        assert_eq!(got["item"], id.to_string());
        assert_eq!(got["text"], text.as_str());
    }
    // Item 1: A (2026) « À améliorer », B « À développer »; A's 2025 answer
    // and B's draft do not count.
    assert_eq!(
        items[0]["counts"],
        json!({"en_place": 0, "a_ameliorer": 1, "a_developper": 1, "non_pertinent": 0})
    );
    assert_eq!(
        items[3]["counts"],
        json!({"en_place": 1, "a_ameliorer": 0, "a_developper": 0, "non_pertinent": 1})
    );
    // Item 7: B left it open.
    assert_eq!(items[6]["counts"]["a_developper"], 1);
    assert_eq!(
        items[6]["counts"]
            .as_object()
            .unwrap()
            .values()
            .filter_map(Value::as_u64)
            .sum::<u64>(),
        1
    );

    // The page: the bars (a pattern per level, counts written), the table.
    let (status, html) = viewer.get_text(&portrait_path(&ctx)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        html.matches("<pattern ").count(),
        4,
        "one pattern per level"
    );
    assert!(html.contains("class=\"chart-segment\""));
    assert!(html.contains("id=\"portrait-tableau\""));
    assert!(html.contains("École Saint-Pierre"));
    assert!(
        html.contains("dernière réponse soumise"),
        "the rule is said"
    );
    assert!(html.contains("reponses.xlsx") && html.contains("portrait.csv"));
    assert!(html.contains("/imprimer"));

    // Printable: no navigation, the bars kept.
    let (status, print) = viewer
        .get_text(&format!("{}/imprimer", portrait_path(&ctx)))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!print.contains("nav class=\"main\""));
    assert!(print.contains("<pattern "));
}

#[db_test]
async fn what_moved_between_two_dates(app: &TestApp) {
    let ctx = setup(app).await;
    three_responses(app, &ctx).await;
    let viewer = app.signed_in("lecture@exemple.ca", Role::Viewer).await;
    let (status, html) = viewer
        .get_text(&format!(
            "{}?du=2025-12-31&au=2026-12-31",
            portrait_path(&ctx)
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let section = &html[html
        .find("id=\"ce-qui-a-progresse\"")
        .expect("the comparison")..];
    // School A: item 1 D → A and item 6 open → P… item 4 N → P.
    assert!(
        section.contains("1\u{a0}énoncé a progressé") || section.contains("1 énoncé a progressé"),
        "{section}"
    );
    assert!(section.contains("a reculé"), "item 5: A → D");
    assert!(
        section.contains("évalués pour la première fois"),
        "items 4 and 6"
    );
    // School B had nothing before: all first-time.
    assert!(section.contains("Première réponse"));
    // Bad dates are said, not guessed.
    let (_, html) = viewer
        .get_text(&format!("{}?du=2026-13-45&au=demain", portrait_path(&ctx)))
        .await;
    assert!(html.contains("id=\"dates-invalides\""));
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn xlsx_rows(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    sheet.rows().map(<[Data]>::to_vec).collect()
}

#[db_test]
async fn exports_read_back(app: &TestApp) {
    let ctx = setup(app).await;
    three_responses(app, &ctx).await;
    let viewer = app.signed_in("lecture@exemple.ca", Role::Viewer).await;
    let base = format!("/regroupements/{GROUPING}/autoevaluations/{}", ctx.tool);

    let r = viewer.get(&format!("{base}/reponses.csv")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("autoevaluation-table-de-test-reponses.csv")
    );
    let rows = csv_rows(&r.text().await.unwrap());
    assert_eq!(rows[0][0], "Répondant");
    assert_eq!(rows[0][6], "Niveau");
    // Three submitted responses of seven answers; the draft is left out.
    assert_eq!(rows.len(), 1 + 21);
    let first = &rows[1];
    assert_eq!(first[0], "École Saint-Pierre");
    assert_eq!(first[3], "2025-05-01");
    assert_eq!(first[5], ctx.items[0].1);
    assert_eq!(first[6], "À développer");
    assert_eq!(first[7], "a_developper");
    // A comment that looks like a formula stays text.
    assert_eq!(first[8], "'=À discuter en équipe");

    let r = viewer.get(&format!("{base}/portrait.csv")).await;
    let rows = csv_rows(&r.text().await.unwrap());
    assert_eq!(
        rows[0],
        [
            "Énoncé",
            "Déjà en place",
            "À améliorer",
            "À développer",
            "Non pertinent pour notre milieu",
            "Sans réponse",
            "Répondants"
        ]
    );
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[1][1..], ["0", "1", "1", "0", "0", "2"]);

    let r = viewer.get(&format!("{base}/portrait.xlsx")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let rows = xlsx_rows(&r.bytes().await.unwrap());
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[0][1], Data::String("Déjà en place".to_owned()));
    assert_eq!(rows[1][0], Data::String(ctx.items[0].1.clone()));
    assert_eq!(rows[1][2], Data::Float(1.0));
    assert_eq!(rows[1][6], Data::Float(2.0));

    let r = viewer.get(&format!("{base}/reponses.xlsx")).await;
    let rows = xlsx_rows(&r.bytes().await.unwrap());
    assert_eq!(rows.len(), 22);
    assert_eq!(rows[0][0], Data::String("Répondant".to_owned()));
    assert_eq!(rows[1][4], Data::Float(f64::from(ctx.version)));

    // Another grouping's coordinator reads none of it.
    let stranger = member_of(app, "autre@exemple.ca", Role::Coordinator, "autre-table").await;
    assert_eq!(
        stranger.get(&format!("{base}/reponses.csv")).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        stranger.get(&portrait_path(&ctx)).await.status(),
        StatusCode::FORBIDDEN
    );
    let (status, _) = json_of(
        &stranger,
        &format!(
            "/api/v1/assessment-tools/{}/portrait?grouping={GROUPING}",
            ctx.tool
        ),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.client().get(&portrait_path(&ctx)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn actions_count(app: &TestApp) -> u64 {
    action::Entity::find()
        .count(app.store.conn())
        .await
        .unwrap()
}

async fn linked_action(app: &TestApp, response: Uuid, item: Uuid) -> Option<Uuid> {
    assessment_answer::Entity::find_by_id((response, item))
        .one(app.store.conn())
        .await
        .unwrap()
        .unwrap()
        .action_id
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom: the page, the API, the refusals"
)]
async fn an_item_becomes_one_plan_action_that_shows_its_origin(app: &TestApp) {
    let ctx = setup(app).await;
    let (_, a2, _) = three_responses(app, &ctx).await;
    let coordinator = app.signed_in("coord@exemple.ca", Role::Coordinator).await;
    let item_a = ctx.items[0].0; // « À améliorer »
    let item_p = ctx.items[2].0; // « Déjà en place »
    let path = |item: Uuid| format!("/api/v1/assessment-responses/{a2}/answers/{item}/action");
    let before = actions_count(app).await;

    // A plan of another grouping: refused, nothing written.
    let (foreign_plan, foreign_strategy) = plan_of(app, "autre-table", "Plan d’ailleurs").await;
    let (status, body_json) =
        post_json(&coordinator, &path(item_a), &json!({"plan": foreign_plan})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body_json}");
    assert!(
        body_json["error"]["message"]
            .as_str()
            .unwrap()
            .contains("regroupement")
    );
    let (status, _) = post_json(
        &coordinator,
        &path(item_a),
        &json!({"plan": ctx.plan, "strategy": foreign_strategy}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // « Déjà en place » calls for no action.
    let (status, _) = post_json(&coordinator, &path(item_p), &json!({"plan": ctx.plan})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // Not JSON, wrong shapes.
    let (status, _) = post_json(&coordinator, &path(item_a), &json!({"plan": "pas-un-id"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(actions_count(app).await, before);
    assert_eq!(linked_action(app, a2, item_a).await, None);

    // A stranger is refused; an unknown response is not there.
    let stranger = member_of(app, "autre@exemple.ca", Role::Coordinator, "autre-table").await;
    let (status, _) = post_json(&stranger, &path(item_a), &json!({"plan": ctx.plan})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = post_json(
        &coordinator,
        &format!(
            "/api/v1/assessment-responses/{}/answers/{item_a}/action",
            Uuid::new_v4()
        ),
        &json!({"plan": ctx.plan}),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A plain member of another school may read, not act.
    let member = app.signed_in("membre@exemple.ca", Role::Member).await;
    let (status, _) = post_json(&member, &path(item_a), &json!({"plan": ctx.plan})).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(actions_count(app).await, before);

    // The plan alone: its first strategy.
    let (status, created) =
        post_json(&coordinator, &path(item_a), &json!({"plan": ctx.plan})).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let action_id: Uuid = created["action"].as_str().unwrap().parse().unwrap();
    assert_eq!(linked_action(app, a2, item_a).await, Some(action_id));
    let made = action::Entity::find_by_id(action_id)
        .one(app.store.conn())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(made.strategy_id, ctx.strategy);
    assert_eq!(made.title, ctx.items[0].1);
    // Again: the same action, nothing new.
    let (status, again) = post_json(&coordinator, &path(item_a), &json!({"plan": ctx.plan})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["action"], created["action"]);
    assert_eq!(actions_count(app).await, before + 1);

    // The action says where it came from; the portrait links to it.
    let (status, html) = coordinator.get_text(&format!("/actions/{action_id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"action-origin-assessment\""), "{html}");
    assert!(html.contains("Vient de l’autoévaluation"));
    assert!(html.contains(&format!("/autoevaluations/{a2}/portrait")));
    let (_, html) = coordinator
        .get_text(&format!("/autoevaluations/{a2}/portrait"))
        .await;
    assert!(html.contains(&format!("/actions/{action_id}")));

    // A member of the respondent school turns another item into an action
    // through the page's form.
    let pw = app
        .create_user("ecole@exemple.ca", Role::Member, Some(GROUPING))
        .await;
    let uid = app.user_id("ecole@exemple.ca").await;
    accounts::set_organization(
        &app.store,
        &Actor::system(),
        uid,
        Some(ctx.school_a.clone()),
    )
    .await
    .unwrap();
    let school = app.client();
    assert_eq!(
        school.login("ecole@exemple.ca", &pw).await.status(),
        StatusCode::SEE_OTHER
    );
    let item_d = ctx.items[1].0; // « À développer »
    let (_, html) = school
        .get_text(&format!("/autoevaluations/{a2}/portrait"))
        .await;
    assert!(html.contains(&format!("/autoevaluations/{a2}/enonces/{item_d}/action")));
    assert!(html.contains("Créer une action"));
    let r = school
        .post_form(
            &format!("/autoevaluations/{a2}/enonces/{item_d}/action"),
            &[("strategie", &foreign_strategy.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body(r)
            .await
            .contains("Choisissez un plan ou une stratégie du regroupement")
    );
    let r = school
        .post_form(
            &format!("/autoevaluations/{a2}/enonces/{item_d}/action"),
            &[("strategie", &ctx.strategy.to_string())],
        )
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(location(&r).starts_with(&format!("/autoevaluations/{a2}/portrait")));
    assert!(linked_action(app, a2, item_d).await.is_some());
    assert_eq!(actions_count(app).await, before + 2);
}

#[db_test]
async fn drafts_stay_with_their_author(app: &TestApp) {
    let ctx = setup(app).await;
    let draft = respond(app, &ctx, &ctx.school_a, "2026-05-01", "draft", &[D, D]).await;
    let viewer = app.signed_in("lecture@exemple.ca", Role::Viewer).await;
    assert_eq!(
        viewer
            .get(&format!("/autoevaluations/{draft}/portrait"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let coordinator = app.signed_in("coord@exemple.ca", Role::Coordinator).await;
    let (status, html) = coordinator
        .get_text(&format!("/autoevaluations/{draft}/portrait"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"brouillon\""));
    let stranger = member_of(app, "autre@exemple.ca", Role::Coordinator, "autre-table").await;
    assert_eq!(
        stranger
            .get(&format!("/autoevaluations/{draft}/portrait"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

/// The ids the route table's assessments rows name: `{assess_tool}` and
/// `{assess_response}` (a submitted response of the test grouping).
pub(crate) async fn route_fixture(app: &TestApp) -> Vec<(&'static str, String)> {
    let ctx = setup(app).await;
    let response = respond(
        app,
        &ctx,
        &ctx.school_a,
        "2026-05-01",
        "submitted",
        &[D, A, P, N],
    )
    .await;
    vec![
        ("assess_tool", ctx.tool.to_string()),
        ("assess_response", response.to_string()),
    ]
}
