//! Merging two organizations moves every reference to the removed one, from
//! one list checked against the migrated schema, all or nothing.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use maillage_store::StoreError;
use maillage_store::repo::audit::Actor;
use maillage_store::repo::organizations::{
    ORGANIZATION_REFERENCES, OnCollision, merge_organizations,
};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement, Value};
use uuid::Uuid;

use crate::harness::TestApp;
use maillage_test_macros::db_test;

/// Tables that record what happened, not what is: they keep the removed id.
const HISTORY: [&str; 3] = ["audit_log", "change_log", "seaql_migrations"];

fn is_postgres(app: &TestApp) -> bool {
    app.store.conn().get_database_backend() == DatabaseBackend::Postgres
}

async fn strings(app: &TestApp, sql: &str) -> Vec<Vec<String>> {
    let db = app.store.conn();
    let backend = db.get_database_backend();
    db.query_all_raw(Statement::from_string(backend, sql))
        .await
        .unwrap()
        .into_iter()
        .map(|row| {
            (0..)
                .map_while(|i| row.try_get_by_index::<String>(i).ok())
                .collect()
        })
        .collect()
}

/// Every `(table, column)` of the schema, but the history tables.
async fn columns(app: &TestApp) -> BTreeSet<(String, String)> {
    let rows = if is_postgres(app) {
        strings(
            app,
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema()",
        )
        .await
    } else {
        strings(
            app,
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'",
        )
        .await
    };
    rows.into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .filter(|(table, _)| !HISTORY.contains(&table.as_str()))
        .collect()
}

/// Columns with a foreign key to `organizations`.
async fn foreign_keys(app: &TestApp) -> BTreeSet<(String, String)> {
    let rows = if is_postgres(app) {
        strings(
            app,
            "SELECT kcu.table_name::text, kcu.column_name::text \
             FROM information_schema.table_constraints tc \
             JOIN information_schema.key_column_usage kcu \
               ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema \
             JOIN information_schema.constraint_column_usage ccu \
               ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema \
             WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'organizations' \
               AND tc.table_schema = current_schema()",
        )
        .await
    } else {
        strings(
            app,
            "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table' AND f.\"table\" = 'organizations'",
        )
        .await
    };
    rows.into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect()
}

/// A column named as an organization's id, with or without a foreign key.
fn named_like_an_organization(column: &str) -> bool {
    column == "organization_id"
        || column.ends_with("_organization_id")
        || column.ends_with("_org_id")
        || column.contains("fiduciary")
        || column.contains("funder")
        || column.contains("partner")
}

fn listed() -> BTreeSet<(String, String)> {
    ORGANIZATION_REFERENCES
        .iter()
        .map(|r| (r.table.to_owned(), r.column.to_owned()))
        .collect()
}

#[db_test]
async fn the_merge_list_covers_every_reference_in_the_schema(app: &TestApp) {
    let columns = columns(app).await;
    let mut referring = foreign_keys(app).await;
    assert!(
        referring.contains(&("memberships".to_owned(), "organization_id".to_owned())),
        "the schema query finds foreign keys: {referring:?}"
    );
    referring.extend(
        columns
            .iter()
            .filter(|(_, column)| named_like_an_organization(column))
            .cloned(),
    );
    let listed = listed();
    let forgotten: Vec<_> = referring.difference(&listed).collect();
    assert!(
        forgotten.is_empty(),
        "these columns refer to organizations but a merge does not move them \
         (add them to ORGANIZATION_REFERENCES): {forgotten:?}"
    );
    // And the list names real columns only.
    let unknown: Vec<_> = listed.difference(&columns).collect();
    assert!(unknown.is_empty(), "not in the schema: {unknown:?}");
    // Each side of a link knows the other.
    for reference in ORGANIZATION_REFERENCES {
        if let OnCollision::DropSelfLink { other } = reference.on_collision {
            assert!(
                listed.contains(&(reference.table.to_owned(), other.to_owned())),
                "{reference:?}"
            );
        }
    }
}

async fn insert(app: &TestApp, table: &str, values: Vec<(&str, Value)>) {
    let (columns, values): (Vec<_>, Vec<_>) = values
        .into_iter()
        .map(|(c, v)| (Alias::new(c), Expr::val(v)))
        .unzip();
    let stmt = Query::insert()
        .into_table(Alias::new(table))
        .columns(columns)
        .values_panic(values)
        .to_owned();
    app.store
        .conn()
        .execute(&stmt)
        .await
        .unwrap_or_else(|e| panic!("insert into {table}: {e}"));
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-03-01T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

async fn organization(app: &TestApp, name: &str, parent: Option<&str>) -> String {
    let id = Uuid::new_v4().to_string();
    insert(
        app,
        "organizations",
        vec![
            ("id", id.clone().into()),
            ("name", name.into()),
            ("parent_organization_id", parent.map(str::to_owned).into()),
            ("created_at", now().into()),
            ("updated_at", now().into()),
            ("version", 1.into()),
        ],
    )
    .await;
    id
}

async fn set_parent(app: &TestApp, id: &str, parent: &str) {
    let stmt = Query::update()
        .table(Alias::new("organizations"))
        .value(Alias::new("parent_organization_id"), parent)
        .and_where(Expr::col(Alias::new("id")).eq(id))
        .to_owned();
    app.store.conn().execute(&stmt).await.unwrap();
}

async fn grouping(app: &TestApp, slug: &str, fiduciary: Option<&str>) -> Uuid {
    let id = Uuid::new_v4();
    insert(
        app,
        "groupings",
        vec![
            ("id", id.into()),
            ("slug", slug.into()),
            ("name", slug.into()),
            ("kind", "local_grouping".into()),
            ("fiduciary_id", fiduciary.map(str::to_owned).into()),
            ("created_at", now().into()),
            ("updated_at", now().into()),
            ("version", 1.into()),
        ],
    )
    .await;
    id
}

async fn membership(app: &TestApp, grouping: Uuid, organization: &str, joined: &str, role: &str) {
    insert(
        app,
        "memberships",
        vec![
            ("grouping_id", grouping.into()),
            ("organization_id", organization.into()),
            ("created_at", now().into()),
            ("role", role.into()),
            ("joined_on", date(joined).into()),
        ],
    )
    .await;
}

async fn funder(app: &TestApp, grouping: Uuid, organization: &str) {
    insert(
        app,
        "grouping_funders",
        vec![
            ("grouping_id", grouping.into()),
            ("organization_id", organization.into()),
        ],
    )
    .await;
}

/// An action of a plan of `grouping`.
/// A response of `organization` to the platform's first self-assessment tool.
async fn assessment_response(app: &TestApp, grouping: Uuid, organization: &str) {
    use sea_orm::EntityTrait;
    let tool = maillage_store::entity::assessment_tool::Entity::find()
        .one(app.store.conn())
        .await
        .unwrap()
        .expect("the templates are loaded on migration");
    insert(
        app,
        "assessment_responses",
        vec![
            ("id", Uuid::new_v4().into()),
            ("tool_id", tool.id.into()),
            ("tool_version", tool.version.into()),
            ("grouping_id", grouping.into()),
            ("organization_id", organization.into()),
            ("team", "".into()),
            (
                "on_date",
                NaiveDate::from_ymd_opt(2024, 3, 1).unwrap().into(),
            ),
            ("status", "submitted".into()),
            ("revision", 1.into()),
            ("created_at", now().into()),
            ("updated_at", now().into()),
        ],
    )
    .await;
}

/// A run by `organization` of an activity of a toolkit of `grouping`.
async fn toolkit_run(app: &TestApp, grouping: Uuid, organization: &str) {
    let (toolkit, theme, activity) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    insert(
        app,
        "toolkits",
        vec![
            ("id", toolkit.into()),
            ("slug", format!("trousse-{toolkit}").into()),
            ("title", "Trousse".into()),
            ("description", "".into()),
            ("source_note", "".into()),
            ("kind", "trousse".into()),
            ("grouping_id", grouping.into()),
            ("created_at", now().into()),
            ("updated_at", now().into()),
        ],
    )
    .await;
    insert(
        app,
        "toolkit_themes",
        vec![
            ("id", theme.into()),
            ("toolkit_id", toolkit.into()),
            ("position", 0.into()),
            ("title", "Thème".into()),
            ("description", "".into()),
        ],
    )
    .await;
    let mut columns: Vec<(&str, Value)> = vec![
        ("id", activity.into()),
        ("toolkit_id", toolkit.into()),
        ("theme_id", theme.into()),
        ("position", 0.into()),
        ("title", "Activité".into()),
        ("audiences", "parents".into()),
        ("placeholder", false.into()),
        ("created_at", now().into()),
        ("updated_at", now().into()),
    ];
    for text in ["objectives", "material", "steps", "tips"] {
        columns.push((text, "".into()));
    }
    insert(app, "toolkit_activities", columns).await;
    insert(
        app,
        "toolkit_runs",
        vec![
            ("id", Uuid::new_v4().into()),
            ("activity_id", activity.into()),
            ("grouping_id", grouping.into()),
            ("organization_id", organization.into()),
            (
                "ran_on",
                NaiveDate::from_ymd_opt(2024, 3, 1).unwrap().into(),
            ),
            ("participants", 12.into()),
            ("created_at", now().into()),
        ],
    )
    .await;
}

/// A referral of `grouping` from `from` to a service of `to`, with its
/// person (the row the purge deletes).
async fn referral(app: &TestApp, grouping: Uuid, from: &str, to: &str) {
    let id = Uuid::new_v4();
    insert(
        app,
        "referrals",
        vec![
            ("id", id.into()),
            ("grouping_id", grouping.into()),
            ("from_organization_id", from.into()),
            ("to_organization_id", to.into()),
            ("service_id", Uuid::new_v4().to_string().into()),
            ("service_name", "Halte-garderie".into()),
            ("urgency", "normal".into()),
            ("status", "sent".into()),
            ("consent_given_by", "person".into()),
            ("consent_shared", "prénom".into()),
            ("consent_until", date("2099-12-31").into()),
            ("consent_at", now().into()),
            ("sent_at", now().into()),
            ("due_at", now().into()),
            ("updated_at", now().into()),
            ("version", 1.into()),
        ],
    )
    .await;
    insert(
        app,
        "referral_people",
        vec![
            ("referral_id", id.into()),
            ("first_name", "A.".into()),
            ("contact", "819 555-0101".into()),
            ("language", "fr".into()),
        ],
    )
    .await;
}

async fn action(app: &TestApp, grouping: Uuid, title: &str) -> Uuid {
    let plan = Uuid::new_v4();
    insert(
        app,
        "action_plans",
        vec![
            ("id", plan.into()),
            ("grouping_id", grouping.into()),
            ("title", "Plan".into()),
            ("start_year", 2024.into()),
            ("end_year", 2026.into()),
            ("status", "active".into()),
            ("weighting", "equal".into()),
            ("version", 1.into()),
            ("created_at", now().into()),
            ("updated_at", now().into()),
        ],
    )
    .await;
    let orientation = Uuid::new_v4();
    insert(
        app,
        "orientations",
        vec![
            ("id", orientation.into()),
            ("plan_id", plan.into()),
            ("title", "Orientation".into()),
            ("position", 0.into()),
            ("weight", 1.0.into()),
        ],
    )
    .await;
    let strategy = Uuid::new_v4();
    insert(
        app,
        "strategies",
        vec![
            ("id", strategy.into()),
            ("plan_id", plan.into()),
            ("orientation_id", orientation.into()),
            ("title", "Stratégie".into()),
            ("position", 0.into()),
            ("weight", 1.0.into()),
        ],
    )
    .await;
    let id = Uuid::new_v4();
    insert(
        app,
        "actions",
        vec![
            ("id", id.into()),
            ("plan_id", plan.into()),
            ("grouping_id", grouping.into()),
            ("strategy_id", strategy.into()),
            ("title", title.into()),
            ("status", "planned".into()),
            ("position", 0.into()),
            ("weight", 1.0.into()),
            ("version", 1.into()),
            ("created_at", now().into()),
            ("updated_at", now().into()),
        ],
    )
    .await;
    id
}

async fn partner(app: &TestApp, action: Uuid, organization: &str, role: &str) {
    insert(
        app,
        "action_organizations",
        vec![
            ("action_id", action.into()),
            ("organization_id", organization.into()),
            ("role", role.into()),
        ],
    )
    .await;
}

/// A HSDS row of `table` belonging to `organization`.
async fn hsds_row(app: &TestApp, table: &str, organization: &str) {
    insert(
        app,
        table,
        vec![
            ("id", Uuid::new_v4().to_string().into()),
            ("organization_id", organization.into()),
        ],
    )
    .await;
}

async fn declared_link(app: &TestApp, event: Uuid, from: &str, to: &str) {
    insert(
        app,
        "declared_links",
        vec![
            ("id", Uuid::new_v4().into()),
            ("event_id", event.into()),
            ("from_organization_id", from.into()),
            ("to_organization_id", to.into()),
            ("level", 2.into()),
            ("created_at", now().into()),
        ],
    )
    .await;
}

/// An event of `grouping` with one session, a registration, a presence, a
/// canvas answer and links declared there, all from `organization`.
async fn event_of(app: &TestApp, grouping: Uuid, organization: &str) -> Uuid {
    let event = Uuid::new_v4();
    insert(
        app,
        "events",
        vec![
            ("id", event.into()),
            ("grouping_id", grouping.into()),
            ("title", "Forum".into()),
            ("status", "published".into()),
            ("version", 1.into()),
            ("created_at", now().into()),
            ("updated_at", now().into()),
        ],
    )
    .await;
    let session = Uuid::new_v4();
    insert(
        app,
        "event_sessions",
        vec![
            ("id", session.into()),
            ("event_id", event.into()),
            ("date", date("2024-05-01").into()),
            ("position", 0.into()),
        ],
    )
    .await;
    let registration = Uuid::new_v4();
    insert(
        app,
        "registrations",
        vec![
            ("id", registration.into()),
            ("event_id", event.into()),
            ("name", "Ana".into()),
            ("email", "ana@exemple.ca".into()),
            ("organization_id", organization.into()),
            ("status", "confirmed".into()),
            ("token_digest", Uuid::new_v4().to_string().into()),
            ("created_at", now().into()),
        ],
    )
    .await;
    insert(
        app,
        "attendance",
        vec![
            ("event_id", event.into()),
            ("session_id", session.into()),
            ("organization_id", organization.into()),
            ("person_name", "Béa".into()),
            ("source", "grid".into()),
            ("created_at", now().into()),
        ],
    )
    .await;
    let question = Uuid::new_v4();
    insert(
        app,
        "canvas_questions",
        vec![
            ("id", question.into()),
            ("event_id", event.into()),
            ("prompt", "Quoi?".into()),
            ("position", 0.into()),
        ],
    )
    .await;
    insert(
        app,
        "canvas_answers",
        vec![
            ("id", Uuid::new_v4().into()),
            ("event_id", event.into()),
            ("question_id", question.into()),
            ("organization_id", organization.into()),
            ("text", "Ceci".into()),
            ("created_at", now().into()),
        ],
    )
    .await;
    event
}

async fn count(app: &TestApp, table: &str, conditions: &[(&str, Value)]) -> i64 {
    let mut stmt = Query::select()
        .expr_as(Expr::cust("COUNT(*)"), Alias::new("n"))
        .from(Alias::new(table))
        .to_owned();
    for (column, value) in conditions {
        stmt.and_where(Expr::col(Alias::new(*column)).eq(value.clone()));
    }
    let row = app.store.conn().query_one(&stmt).await.unwrap().unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

/// `(table, column)` pairs holding `id`, in any table but the history ones.
async fn places_holding(app: &TestApp, id: &str) -> Vec<(String, String)> {
    let postgres = is_postgres(app);
    let mut found = Vec::new();
    for (table, column) in columns(app).await {
        let sql = if postgres {
            format!("SELECT COUNT(*) FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) = $1")
        } else {
            format!("SELECT COUNT(*) FROM \"{table}\" WHERE CAST(\"{column}\" AS TEXT) = ?")
        };
        let db = app.store.conn();
        let row = db
            .query_one_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                sql,
                [id.into()],
            ))
            .await
            .unwrap()
            .unwrap();
        if row.try_get_by_index::<i64>(0).unwrap() > 0 {
            found.push((table, column));
        }
    }
    found
}

/// Every table of the list refers to `remove`, with a collision where a
/// key allows one.
struct Fixture {
    keep: String,
    remove: String,
    other: String,
    child: String,
    groupings: [Uuid; 3],
    actions: [Uuid; 2],
    event: Uuid,
}

#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn fixture(app: &TestApp) -> Fixture {
    let keep = organization(app, "Maison de la famille du Fjord", None).await;
    let remove = organization(app, "Maison des familles du Fjord", None).await;
    let other = organization(app, "CPE La Sagamie", None).await;
    let child = organization(app, "Halte-garderie du Fjord", Some(&remove)).await;
    // `keep` was recorded as part of `remove`: merged, it is part of nothing.
    set_parent(app, &keep, &remove).await;

    insert(
        app,
        "organization_aliases",
        vec![
            ("organization_id", keep.clone().into()),
            ("alias", "MDF Fjord".into()),
            ("position", 0.into()),
            ("created_at", now().into()),
        ],
    )
    .await;
    insert(
        app,
        "organization_aliases",
        vec![
            ("organization_id", remove.clone().into()),
            ("alias", "Familles du Fjord".into()),
            ("position", 0.into()),
            ("created_at", now().into()),
        ],
    )
    .await;
    for table in [
        "programs",
        "services",
        "locations",
        "phones",
        "contacts",
        "funding",
        "organization_identifiers",
    ] {
        hsds_row(app, table, &remove).await;
    }
    insert(
        app,
        "attributes",
        vec![
            ("id", Uuid::new_v4().to_string().into()),
            ("link_id", remove.clone().into()),
            ("link_entity", "organization".into()),
            ("value", "x".into()),
        ],
    )
    .await;
    insert(
        app,
        "metadata",
        vec![
            ("id", Uuid::new_v4().to_string().into()),
            ("resource_id", remove.clone().into()),
            ("resource_type", "organization".into()),
        ],
    )
    .await;
    let user = Uuid::new_v4();
    insert(
        app,
        "users",
        vec![
            ("id", user.into()),
            ("email", "rep@exemple.ca".into()),
            ("display_name", "Rep".into()),
            ("password_hash", "x".into()),
            ("is_admin", false.into()),
            ("active", true.into()),
            ("must_change_password", false.into()),
            ("created_at", now().into()),
            ("updated_at", now().into()),
            ("organization_id", remove.clone().into()),
        ],
    )
    .await;
    insert(
        app,
        "edit_proposals",
        vec![
            ("id", Uuid::new_v4().into()),
            ("organization_id", remove.clone().into()),
            ("proposed_by", user.into()),
            ("payload", "{}".into()),
            ("status", "pending".into()),
            ("created_at", now().into()),
        ],
    )
    .await;

    let groupings = [
        grouping(app, "g-un", Some(&remove)).await,
        grouping(app, "g-deux", None).await,
        grouping(app, "g-trois", None).await,
    ];
    // Both members of g-un and g-deux: the earlier membership stays.
    membership(app, groupings[0], &remove, "2019-01-01", "founder").await;
    membership(app, groupings[0], &keep, "2021-01-01", "member").await;
    membership(app, groupings[1], &remove, "2022-01-01", "observer").await;
    membership(app, groupings[1], &keep, "2020-01-01", "member").await;
    membership(app, groupings[2], &remove, "2023-01-01", "member").await;
    // Both funders of g-un: one row.
    funder(app, groupings[0], &remove).await;
    funder(app, groupings[0], &keep).await;
    funder(app, groupings[1], &remove).await;

    let actions = [
        action(app, groupings[0], "Action commune").await,
        action(app, groupings[0], "Action seule").await,
    ];
    partner(app, actions[0], &keep, "lead").await;
    partner(app, actions[0], &remove, "partner").await;
    partner(app, actions[1], &remove, "partner").await;

    assessment_response(app, groupings[0], &remove).await;
    toolkit_run(app, groupings[0], &remove).await;
    referral(app, groupings[0], &remove, &other).await;
    referral(app, groupings[0], &other, &remove).await;

    let event = event_of(app, groupings[0], &remove).await;
    declared_link(app, event, &remove, &other).await;
    declared_link(app, event, &other, &remove).await;
    // Links between the two become links to itself: dropped.
    declared_link(app, event, &remove, &keep).await;
    declared_link(app, event, &keep, &remove).await;

    Fixture {
        keep,
        remove,
        other,
        child,
        groupings,
        actions,
        event,
    }
}

#[db_test]
#[expect(
    clippy::too_many_lines,
    reason = "one scenario read top to bottom; its steps share the state it builds"
)]
async fn a_merge_leaves_no_reference_to_the_removed_organization(app: &TestApp) {
    let f = fixture(app).await;
    let listed: BTreeSet<(String, String)> = listed();
    let before = places_holding(app, &f.remove).await;
    // The fixture refers to `remove` from every listed column.
    let missing: Vec<_> = listed
        .iter()
        .filter(|place| !before.contains(place))
        .collect();
    assert_eq!(
        missing,
        Vec::<&(String, String)>::new(),
        "the fixture misses"
    );

    let counts = merge_organizations(&app.store, &Actor::system(), &f.keep, &f.remove)
        .await
        .unwrap();

    assert_eq!(
        places_holding(app, &f.remove).await,
        Vec::<(String, String)>::new(),
        "the removed id is still referred to"
    );
    let keep = || Value::from(f.keep.clone());
    // Plain moves.
    for table in [
        "programs",
        "services",
        "locations",
        "phones",
        "contacts",
        "funding",
        "organization_identifiers",
        "users",
        "edit_proposals",
        "registrations",
        "attendance",
        "canvas_answers",
    ] {
        assert_eq!(
            count(app, table, &[("organization_id", keep())]).await,
            1,
            "{table}"
        );
        assert_eq!(
            counts.moved.get(&format!("{table}.organization_id")),
            Some(&1),
            "{table}: {counts:?}"
        );
    }
    assert_eq!(
        count(
            app,
            "attributes",
            &[("link_id", keep()), ("link_entity", "organization".into())]
        )
        .await,
        1
    );
    assert_eq!(count(app, "metadata", &[("resource_id", keep())]).await, 1);
    assert_eq!(
        count(app, "groupings", &[("fiduciary_id", keep())]).await,
        1
    );
    // The child follows; `keep` is no longer its own parent.
    assert_eq!(
        count(
            app,
            "organizations",
            &[
                ("id", f.child.clone().into()),
                ("parent_organization_id", keep())
            ]
        )
        .await,
        1
    );
    assert_eq!(
        count(app, "organizations", &[("parent_organization_id", keep())]).await,
        1
    );
    // Memberships: one per grouping, the earlier one.
    let db = app.store.conn();
    let memberships = db
        .query_all(
            &Query::select()
                .columns([
                    Alias::new("grouping_id"),
                    Alias::new("role"),
                    Alias::new("joined_on"),
                ])
                .from(Alias::new("memberships"))
                .and_where(Expr::col(Alias::new("organization_id")).eq(f.keep.clone()))
                .to_owned(),
        )
        .await
        .unwrap();
    let mut memberships: Vec<(Uuid, String, NaiveDate)> = memberships
        .into_iter()
        .map(|r| {
            (
                r.try_get("", "grouping_id").unwrap(),
                r.try_get("", "role").unwrap(),
                r.try_get("", "joined_on").unwrap(),
            )
        })
        .collect();
    memberships.sort();
    let mut expected = vec![
        (f.groupings[0], "founder".to_owned(), date("2019-01-01")),
        (f.groupings[1], "member".to_owned(), date("2020-01-01")),
        (f.groupings[2], "member".to_owned(), date("2023-01-01")),
    ];
    expected.sort();
    assert_eq!(memberships, expected);
    // Funders and partners: one row each, `keep`'s role where both had one.
    assert_eq!(
        count(app, "grouping_funders", &[("organization_id", keep())]).await,
        2
    );
    assert_eq!(count(app, "grouping_funders", &[]).await, 2);
    assert_eq!(
        count(
            app,
            "action_organizations",
            &[
                ("organization_id", keep()),
                ("action_id", f.actions[0].into()),
                ("role", "lead".into())
            ]
        )
        .await,
        1
    );
    assert_eq!(
        count(app, "action_organizations", &[("organization_id", keep())]).await,
        2
    );
    assert_eq!(count(app, "action_organizations", &[]).await, 2);
    // Links: to and from the other organization stay, between the two go.
    assert_eq!(
        count(app, "declared_links", &[("event_id", f.event.into())]).await,
        2
    );
    for (from, to) in [(&f.keep, &f.other), (&f.other, &f.keep)] {
        assert_eq!(
            count(
                app,
                "declared_links",
                &[
                    ("from_organization_id", from.clone().into()),
                    ("to_organization_id", to.clone().into())
                ]
            )
            .await,
            1
        );
    }
    // Aliases: both names and all aliases, on `keep`.
    let aliases = maillage_store::repo::hsds::aliases_of(db, &f.keep)
        .await
        .unwrap();
    for alias in [
        "MDF Fjord",
        "Maison des familles du Fjord",
        "Familles du Fjord",
    ] {
        assert!(aliases.contains(&alias.to_owned()), "{aliases:?}");
    }
    assert_eq!(
        count(app, "organizations", &[("id", f.remove.clone().into())]).await,
        0
    );

    // Audited: both ids and the counts.
    let row = db
        .query_one(
            &Query::select()
                .columns([Alias::new("target"), Alias::new("detail")])
                .from(Alias::new("audit_log"))
                .and_where(Expr::col(Alias::new("action")).eq("organization.merge"))
                .to_owned(),
        )
        .await
        .unwrap()
        .expect("the merge is audited");
    assert_eq!(row.try_get::<String>("", "target").unwrap(), f.keep);
    let detail: serde_json::Value =
        serde_json::from_str(&row.try_get::<String>("", "detail").unwrap()).unwrap();
    assert_eq!(detail["kept"], f.keep.as_str());
    assert_eq!(detail["removed"], f.remove.as_str());
    assert_eq!(detail["moved"]["services.organization_id"], 1);
    assert_eq!(detail["moved"]["memberships.organization_id"], 2);
    assert_eq!(detail["dropped"]["declared_links.from_organization_id"], 1);
    assert_eq!(detail["dropped"]["declared_links.to_organization_id"], 1);
    assert_eq!(detail["dropped"]["grouping_funders.organization_id"], 1);
    assert_eq!(detail["dropped"]["action_organizations.organization_id"], 1);
}

#[db_test]
async fn a_failed_merge_changes_nothing(app: &TestApp) {
    let f = fixture(app).await;
    let db = app.store.conn();
    // The last step of the merge, deleting the removed organization, fails.
    if is_postgres(app) {
        db.execute_unprepared(
            "CREATE FUNCTION refuse_delete() RETURNS trigger AS $$ \
             BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql; \
             CREATE TRIGGER refuse_delete BEFORE DELETE ON organizations \
             FOR EACH ROW EXECUTE FUNCTION refuse_delete();",
        )
        .await
        .unwrap();
    } else {
        db.execute_unprepared(
            "CREATE TRIGGER refuse_delete BEFORE DELETE ON organizations \
             BEGIN SELECT RAISE(ABORT, 'refused'); END;",
        )
        .await
        .unwrap();
    }
    let before = places_holding(app, &f.remove).await;
    let keep_before = places_holding(app, &f.keep).await;
    let err = merge_organizations(&app.store, &Actor::system(), &f.keep, &f.remove)
        .await
        .unwrap_err();
    assert!(!matches!(err, StoreError::NotFound), "{err}");
    assert_eq!(places_holding(app, &f.remove).await, before);
    assert_eq!(places_holding(app, &f.keep).await, keep_before);
    assert_eq!(count(app, "declared_links", &[]).await, 4);
    assert_eq!(count(app, "memberships", &[]).await, 5);
    assert_eq!(
        count(app, "audit_log", &[("action", "organization.merge".into())]).await,
        0
    );
}
