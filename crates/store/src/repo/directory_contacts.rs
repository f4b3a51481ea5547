//! Writing what the organization and service forms edit beyond their own
//! row: an organization's first point of service (HSDS `location` and its
//! `address`) and first phone; a service's phone, its hours (`schedule`)
//! and the organization's points of service where it is offered
//! (`service_at_location`).
//!
//! These run inside the transaction that saves the organization or the
//! service, so a form is written whole or not at all. Only the columns the
//! forms edit change: an imported row keeps its other HSDS fields, and ids
//! stay as they are. "First" is the lowest id, as the forms read them.

use maillage_domain::directory::{ContactInput, ServiceDetailsInput};
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use uuid::Uuid;

use super::change_log::{self, Op};
use super::directory::{LocationView, OrganizationView, ServiceView, rows_where};
use super::hsds::Values;
use crate::{Store, StoreError};

fn get(values: &Values, key: &str) -> String {
    values.get(key).cloned().unwrap_or_default()
}

fn first_by_id<'a>(rows: impl IntoIterator<Item = &'a Values>) -> Option<&'a Values> {
    rows.into_iter()
        .min_by(|a, b| a.get("id").cmp(&b.get("id")))
}

/// The organization's first location, with its addresses.
fn first_location(locations: &[LocationView]) -> Option<&LocationView> {
    locations.iter().min_by(|a, b| a.id().cmp(b.id()))
}

/// The organization's own phones (not a service's).
fn own_phones(phones: &[Values]) -> impl Iterator<Item = &Values> {
    phones
        .iter()
        .filter(|p| p.get("service_id").is_none_or(String::is_empty))
}

/// What the organization form shows of the contact details.
pub fn organization_contact(view: &OrganizationView) -> ContactInput {
    let address = first_location(&view.locations).and_then(|l| first_by_id(&l.addresses));
    let phone = first_by_id(own_phones(&view.phones));
    ContactInput {
        address_1: address.map(|a| get(a, "address_1")).unwrap_or_default(),
        city: address.map(|a| get(a, "city")).unwrap_or_default(),
        postal_code: address.map(|a| get(a, "postal_code")).unwrap_or_default(),
        phone: phone.map(|p| get(p, "number")).unwrap_or_default(),
        phone_extension: phone.map(|p| get(p, "extension")).unwrap_or_default(),
    }
}

/// What the service form shows of the phone, hours and points of service.
pub fn service_details(view: &ServiceView) -> ServiceDetailsInput {
    let phone = first_by_id(&view.phones);
    let schedule = first_by_id(&view.schedules);
    let s = |k: &str| schedule.map(|v| get(v, k)).unwrap_or_default();
    let mut locations: Vec<String> = view.locations.iter().map(|l| l.id().to_owned()).collect();
    locations.sort();
    ServiceDetailsInput {
        phone: phone.map(|p| get(p, "number")).unwrap_or_default(),
        phone_extension: phone.map(|p| get(p, "extension")).unwrap_or_default(),
        days: s("byday"),
        opens_at: s("opens_at"),
        closes_at: s("closes_at"),
        hours_note: s("description"),
        locations,
    }
}

/// The points of service of an organization, by id.
pub async fn organization_locations(
    store: &Store,
    organization_id: &str,
) -> Result<Vec<LocationView>, StoreError> {
    let conn = store.conn();
    let ids = [organization_id.to_owned()];
    let mut locations = super::directory::locations_with_addresses(
        conn,
        rows_where(conn, "location", "organization_id", Some(&ids)).await?,
    )
    .await?;
    locations.sort_by(|a, b| a.id().cmp(b.id()));
    Ok(locations)
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// Inserts a row of an HSDS table under a new id (the demo's contact
/// details go through it too).
pub(crate) async fn insert<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    values: &[(&str, Option<String>)],
) -> Result<String, StoreError> {
    let id = Uuid::new_v4().to_string();
    let mut cols = vec![Alias::new("id")];
    let mut vals = vec![Expr::val(id.as_str())];
    for (col, value) in values {
        cols.push(Alias::new(*col));
        vals.push(Expr::val(value.clone()));
    }
    conn.execute(
        &Query::insert()
            .into_table(Alias::new(table))
            .columns(cols)
            .values_panic(vals)
            .to_owned(),
    )
    .await?;
    Ok(id)
}

async fn update<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    id: &str,
    values: &[(&str, Option<String>)],
) -> Result<(), StoreError> {
    let mut stmt = Query::update();
    stmt.table(Alias::new(table));
    for (col, value) in values {
        stmt.value(Alias::new(*col), Expr::val(value.clone()));
    }
    stmt.and_where(Expr::col(Alias::new("id")).eq(id));
    conn.execute(&stmt).await?;
    Ok(())
}

async fn delete<C: ConnectionTrait>(conn: &C, table: &str, id: &str) -> Result<(), StoreError> {
    conn.execute(
        &Query::delete()
            .from_table(Alias::new(table))
            .and_where(Expr::col(Alias::new("id")).eq(id))
            .to_owned(),
    )
    .await?;
    Ok(())
}

/// Sets, replaces or removes (empty number) one phone row.
async fn save_phone<C: ConnectionTrait>(
    conn: &C,
    existing: Option<&Values>,
    owner: (&str, &str),
    number: &str,
    extension: &str,
) -> Result<(), StoreError> {
    let values = [("number", opt(number)), ("extension", opt(extension))];
    match (existing.and_then(|p| p.get("id")), number.is_empty()) {
        (Some(id), false) => update(conn, "phones", id, &values).await,
        (Some(id), true) => delete(conn, "phones", id).await,
        (None, false) => {
            let mut values = values.to_vec();
            values.push((owner.0, Some(owner.1.to_owned())));
            values.push(("type", Some("voice".to_owned())));
            insert(conn, "phones", &values).await.map(drop)
        }
        (None, true) => Ok(()),
    }
}

/// Saves the address and main phone of an organization.
pub async fn save_organization_contact<C: ConnectionTrait>(
    conn: &C,
    organization_id: &str,
    contact: &ContactInput,
) -> Result<(), StoreError> {
    let contact = &contact.clone().normalized();
    let ids = [organization_id.to_owned()];
    let locations = super::directory::locations_with_addresses(
        conn,
        rows_where(conn, "location", "organization_id", Some(&ids)).await?,
    )
    .await?;
    let location = first_location(&locations);
    let address = location.and_then(|l| first_by_id(&l.addresses));
    let values = [
        ("address_1", opt(&contact.address_1)),
        ("city", opt(&contact.city)),
        ("postal_code", opt(&contact.postal_code)),
    ];
    let mut moved = false;
    match (address.and_then(|a| a.get("id")), contact.has_address()) {
        (Some(id), true) => {
            moved = address.is_some_and(|a| get(a, "city") != contact.city);
            update(conn, "addresses", id, &values).await?;
        }
        (Some(id), false) => {
            moved = true;
            delete(conn, "addresses", id).await?;
        }
        (None, true) => {
            moved = true;
            let location_id = match location {
                Some(l) => l.id().to_owned(),
                None => {
                    insert(
                        conn,
                        "locations",
                        &[
                            ("organization_id", Some(organization_id.to_owned())),
                            ("location_type", Some("physical".to_owned())),
                        ],
                    )
                    .await?
                }
            };
            let mut values = values.to_vec();
            values.extend([
                ("location_id", Some(location_id)),
                ("state_province", Some("QC".to_owned())),
                ("country", Some("CA".to_owned())),
                ("address_type", Some("physical".to_owned())),
            ]);
            insert(conn, "addresses", &values).await?;
        }
        (None, false) => {}
    }
    let phones = rows_where(conn, "phone", "organization_id", Some(&ids)).await?;
    save_phone(
        conn,
        first_by_id(own_phones(&phones)),
        ("organization_id", organization_id),
        &contact.phone,
        &contact.phone_extension,
    )
    .await?;
    if moved && let Some(location) = location {
        // The services offered there are found in another town now.
        let at = rows_where(
            conn,
            "service_at_location",
            "location_id",
            Some(&[location.id().to_owned()]),
        )
        .await?;
        for service in at.iter().filter_map(|s| s.get("service_id")) {
            change_log::append(conn, "services", service, Op::Update, None).await?;
        }
    }
    Ok(())
}

/// Saves a service's phone, hours and points of service (among its
/// organization's locations; links to other locations are kept).
pub async fn save_service_details<C: ConnectionTrait>(
    conn: &C,
    service_id: &str,
    organization_id: &str,
    details: &ServiceDetailsInput,
) -> Result<(), StoreError> {
    let details = &details.clone().normalized();
    let ids = [service_id.to_owned()];
    let phones = rows_where(conn, "phone", "service_id", Some(&ids)).await?;
    save_phone(
        conn,
        first_by_id(&phones),
        ("service_id", service_id),
        &details.phone,
        &details.phone_extension,
    )
    .await?;

    let schedules = rows_where(conn, "schedule", "service_id", Some(&ids)).await?;
    let values = [
        (
            "freq",
            (!details.days.is_empty()).then(|| "WEEKLY".to_owned()),
        ),
        ("byday", opt(&details.days)),
        ("opens_at", opt(&details.opens_at)),
        ("closes_at", opt(&details.closes_at)),
        ("description", opt(&details.hours_note)),
    ];
    match (
        first_by_id(&schedules).and_then(|s| s.get("id")),
        details.has_hours(),
    ) {
        (Some(id), true) => update(conn, "schedules", id, &values).await?,
        (Some(id), false) => delete(conn, "schedules", id).await?,
        (None, true) => {
            let mut values = values.to_vec();
            values.push(("service_id", Some(service_id.to_owned())));
            insert(conn, "schedules", &values).await?;
        }
        (None, false) => {}
    }

    let own: Vec<String> = rows_where(
        conn,
        "location",
        "organization_id",
        Some(&[organization_id.to_owned()]),
    )
    .await?
    .iter()
    .filter_map(|l| l.get("id").cloned())
    .collect();
    let links = rows_where(conn, "service_at_location", "service_id", Some(&ids)).await?;
    for link in &links {
        let (Some(id), Some(location)) = (link.get("id"), link.get("location_id")) else {
            continue;
        };
        if own.contains(location) && !details.locations.contains(location) {
            delete(conn, "service_at_location", id).await?;
        }
    }
    for location in details.locations.iter().filter(|l| own.contains(l)) {
        if !links.iter().any(|l| l.get("location_id") == Some(location)) {
            insert(
                conn,
                "service_at_location",
                &[
                    ("service_id", Some(service_id.to_owned())),
                    ("location_id", Some(location.clone())),
                ],
            )
            .await?;
        }
    }
    Ok(())
}
