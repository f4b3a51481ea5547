//! Storage: migrations, the newer-database guard, the demo territory and
//! the change log, on both databases.

use maillage_store::entity::{change_log, grouping, membership, organization};
use maillage_store::{Store, StoreError};
use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};

use crate::harness::TestApp;
use maillage_test_macros::db_test;

#[db_test]
async fn migrations_are_idempotent(app: &TestApp) {
    let report = app.store.migrate().await.unwrap();
    assert_eq!(report.applied, 0);
    let again = Store::open_and_migrate(&app.db.url).await.unwrap();
    assert_eq!(again.migrate().await.unwrap().applied, 0);
    again.close().await;
}

#[db_test]
async fn a_database_from_a_newer_maillage_is_refused(app: &TestApp) {
    app.store
        .conn()
        .execute_unprepared(
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m9999_from_the_future', 0)",
        )
        .await
        .unwrap();
    let err = Store::open_and_migrate(&app.db.url).await.unwrap_err();
    assert!(matches!(err, StoreError::DatabaseNewer { .. }), "{err}");
    assert!(err.to_string().contains("m9999_from_the_future"));
    assert!(err.to_string().contains("newer maillage"));
}

#[db_test]
async fn demo_territory_loads_once(app: &TestApp) {
    let db = app.store.conn();
    let first = maillage_store::demo::load(&app.store).await.unwrap();
    let counts = (
        organization::Entity::find().count(db).await.unwrap(),
        grouping::Entity::find().count(db).await.unwrap(),
        membership::Entity::find().count(db).await.unwrap(),
        change_log::Entity::find().count(db).await.unwrap(),
    );
    assert!(counts.0 >= 48, "every organization of the seeds");
    assert!(counts.2 > 0);
    let second = maillage_store::demo::load(&app.store).await.unwrap();
    assert_eq!(first, second);
    let again = (
        organization::Entity::find().count(db).await.unwrap(),
        grouping::Entity::find().count(db).await.unwrap(),
        membership::Entity::find().count(db).await.unwrap(),
        change_log::Entity::find().count(db).await.unwrap(),
    );
    assert_eq!(counts, again, "a second load changes nothing");
    // Every written organization, service and grouping is in the change log.
    let services = maillage_store::repo::directory::rows_where(db, "service", "id", None)
        .await
        .unwrap();
    // (Groupings the demo describes after creating them appear twice.)
    let logged: std::collections::HashSet<(String, String)> = change_log::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.table_name, c.row_id))
        .collect();
    assert_eq!(
        u64::try_from(logged.len()).unwrap(),
        counts.0 + counts.1 + u64::try_from(services.len()).unwrap()
    );
    let slsj = maillage_store::repo::groupings::find_by_slug(db, "mobilisation-famille-slsj")
        .await
        .unwrap()
        .expect("the SLSJ instance");
    let jonquiere = maillage_store::repo::groupings::find_by_slug(db, "commun-enfant-jonquiere")
        .await
        .unwrap()
        .expect("Commun'Enfant Jonquière");
    assert_eq!(jonquiere.parent_id, Some(slsj.id));
    assert!(
        maillage_store::repo::groupings::member_count(&app.store, jonquiere.id)
            .await
            .unwrap()
            > 5
    );
}
