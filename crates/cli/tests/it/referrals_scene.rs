//! The scene every referral test starts from: a grouping with a CLSC (the
//! sender) and a community organization (the receiver) as members, an
//! active service of the latter, and one signed-in member of each
//! organization. Shared by the `referrals_*` tests.

use maillage_domain::Role;
use maillage_domain::directory::{OrganizationInput, ServiceInput};
use maillage_store::repo::audit::Actor;
use maillage_store::repo::{groupings, organizations};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use serde_json::{Value, json};

use crate::harness::{TestApp, TestClient, member_of};

pub struct Scene {
    pub grouping_slug: String,
    pub grouping: uuid::Uuid,
    /// The CLSC (sector `sante-services-sociaux`).
    pub sender_org: String,
    /// The community organization (sector `communautaire`).
    pub receiver_org: String,
    /// An active service of the receiver.
    pub service: String,
    pub sender: TestClient,
    pub sender_email: String,
    pub receiver: TestClient,
    pub receiver_email: String,
}

/// A new organization of `sector`, member of `grouping`.
pub async fn organization(app: &TestApp, name: &str, sector: &str, grouping: uuid::Uuid) -> String {
    let id = organizations::create_organization(
        &app.store,
        &Actor::system(),
        &OrganizationInput {
            name: name.to_owned(),
            sector: sector.to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("organization");
    groupings::add_member(app.store.conn(), grouping, &id)
        .await
        .expect("membership");
    id
}

/// A new service of `organization`, `status` as HSDS says (`active`, …).
pub async fn service(app: &TestApp, organization: &str, name: &str, status: &str) -> String {
    organizations::create_service(
        &app.store,
        &Actor::system(),
        organization,
        &ServiceInput {
            name: name.to_owned(),
            status: status.to_owned(),
            eligibility_description: "Familles avec enfants de 0 à 5 ans".to_owned(),
            ..Default::default()
        },
    )
    .await
    .expect("service")
}

/// Ties an account to its organization (what the account page does).
pub async fn set_organization(app: &TestApp, email: &str, organization: &str) {
    let stmt = Query::update()
        .table(Alias::new("users"))
        .value(Alias::new("organization_id"), organization)
        .and_where(Expr::col(Alias::new("email")).eq(email))
        .to_owned();
    app.store
        .conn()
        .execute(&stmt)
        .await
        .expect("set organization");
}

/// A signed-in member of `grouping` working for `organization`.
pub async fn member_for(
    app: &TestApp,
    email: &str,
    grouping: &str,
    organization: &str,
) -> TestClient {
    let client = member_of(app, email, Role::Member, grouping).await;
    set_organization(app, email, organization).await;
    client
}

pub async fn scene(app: &TestApp) -> Scene {
    let slug = "table-references";
    let grouping = app.grouping(slug).await;
    let sender_org =
        organization(app, "CLSC de la Vallée", "sante-services-sociaux", grouping).await;
    let receiver_org = organization(
        app,
        "Maison de la famille du Lac",
        "communautaire",
        grouping,
    )
    .await;
    let service = service(
        app,
        &receiver_org,
        "Halte-garderie et soutien parental",
        "active",
    )
    .await;
    let sender_email = "intervenante@clsc.test".to_owned();
    let receiver_email = "accueil@maisonfamille.test".to_owned();
    let sender = member_for(app, &sender_email, slug, &sender_org).await;
    let receiver = member_for(app, &receiver_email, slug, &receiver_org).await;
    Scene {
        grouping_slug: slug.to_owned(),
        grouping,
        sender_org,
        receiver_org,
        service,
        sender,
        sender_email,
        receiver,
        receiver_email,
    }
}

/// The body of DESIGN.md §4's `POST /api/v1/referrals`.
pub fn referral_body(scene: &Scene) -> Value {
    json!({
        "from_organization": scene.sender_org,
        "service": scene.service,
        "reason": "Soutien parental",
        "urgency": "normal",
        "person": {"first_name": "Amina", "contact": "819 555-0101", "language": "fr", "age_group": "0-5"},
        "consent": {"given_by": "guardian", "shared": "prénom, téléphone, motif", "until": "2099-12-31"}
    })
}
