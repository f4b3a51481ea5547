//! The demo directory's contact details: a point of service (HSDS
//! `location` and its `address`), a phone, a website and an e-mail for
//! every demo organization, and for every demo service its hours
//! (`schedule`), a phone extension and the point of service it is offered
//! at (`service_at_location`).
//!
//! The seeds give no address, phone or website, so these are plausible but
//! fictional: numbers in 555-0100 to 555-0199 (reserved for fiction in
//! North America), web and e-mail addresses under `example.org` (reserved),
//! and every location says « Coordonnées fictives (démo) », which the
//! organization and service pages show.
//!
//! Idempotent: an organization that already has a location, or a service
//! that already has hours or a point of service, is left as it is.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction};

use crate::StoreError;
use crate::demo::{DemoOrganization, DemoService, DemoTerritoryRow, organization_id_by_name};
use crate::repo::change_log::{self, Op};
use crate::repo::directory_contacts::insert;

/// The note every demo location carries.
pub const DEMO_NOTE: &str = "Coordonnées fictives (démo).";

/// A municipality's forward sortation area (the first half of its postal
/// codes) and area code.
const TOWNS: &[(&str, &str, &str)] = &[
    ("Jonquière", "G7X", "418"),
    ("Chicoutimi", "G7H", "418"),
    ("La Baie", "G7B", "418"),
    ("Saguenay", "G7H", "418"),
    ("Saint-Ambroise", "G7P", "418"),
    ("Larouche", "G0W", "418"),
    ("Alma", "G8B", "418"),
    ("Bécancour", "G9H", "819"),
    ("Saint-Pierre-les-Becquets", "G0X", "819"),
    ("Manseau", "G0X", "819"),
    ("Fortierville", "G0S", "819"),
    ("Nicolet", "J3T", "819"),
    ("Trois-Rivières", "G9A", "819"),
    ("Saint-Hyacinthe", "J2S", "450"),
    ("Saint-Lambert", "J4P", "450"),
    ("Québec", "G1R", "418"),
    ("Saint-Georges", "G5Y", "418"),
    ("Montréal", "H2X", "514"),
];

/// The town of an organization whose territory is a region or an MRC.
const SEAT_OF: &[(&str, &str)] = &[
    ("saguenay-lac-saint-jean", "Saguenay"),
    ("mrc-fjord-du-saguenay", "Saint-Ambroise"),
    ("mrc-lac-saint-jean-est", "Alma"),
    ("centre-du-quebec", "Nicolet"),
    ("mrc-becancour", "Bécancour"),
    ("mrc-nicolet-yamaska", "Nicolet"),
    ("monteregie", "Saint-Hyacinthe"),
    ("mrc-les-maskoutains", "Saint-Hyacinthe"),
    ("mauricie", "Trois-Rivières"),
    ("capitale-nationale", "Québec"),
    ("chaudiere-appalaches", "Saint-Georges"),
    ("mrc-beauce-sartigan", "Saint-Georges"),
    ("region-montreal", "Montréal"),
];

const STREETS: &[&str] = &[
    "rue Saint-Dominique",
    "boulevard Harvey",
    "rue Racine Est",
    "rue Principale",
    "boulevard du Royaume",
    "rue Notre-Dame",
    "avenue du Parc",
    "rue de la Fabrique",
    "boulevard Saint-Joseph",
    "rue des Érables",
];

/// Letters that Canada Post uses in postal codes.
const POSTAL_LETTERS: &[u8] = b"ABCEGHJKLMNPRSTVWXYZ";

/// A stable number of a name (FNV-1a), so that the demo is the same on
/// every machine.
fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn pick<T: Copy>(list: &[T], n: u64) -> T {
    list[usize::try_from(n % list.len() as u64).unwrap_or(0)]
}

/// The demo contact details of one organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoContact {
    pub address_1: String,
    pub city: String,
    pub postal_code: String,
    pub phone: String,
    pub website: String,
    pub email: String,
}

/// The municipality of a demo organization: its own, else its territory's
/// (a municipality, or the seat of a region or an MRC).
fn town_of(org: &DemoOrganization, territories: &[DemoTerritoryRow]) -> &'static str {
    let by_name = |name: &str| TOWNS.iter().find(|(t, _, _)| *t == name).map(|t| t.0);
    if let Some(town) = org.town.as_deref().and_then(by_name) {
        return town;
    }
    let territory = org.territory.as_deref().unwrap_or_default();
    if let Some(t) = territories
        .iter()
        .find(|t| t.slug == territory && t.kind == "municipality")
        && let Some(town) = by_name(&t.name)
    {
        return town;
    }
    SEAT_OF
        .iter()
        .find(|(slug, _)| *slug == territory)
        .map_or("Saguenay", |(_, town)| town)
}

/// Plausible, fictional contact details for the `index`-th demo organization.
pub fn contact(
    org: &DemoOrganization,
    index: usize,
    territories: &[DemoTerritoryRow],
) -> DemoContact {
    let city = town_of(org, territories);
    let (_, fsa, area) = TOWNS
        .iter()
        .find(|(t, _, _)| *t == city)
        .copied()
        .unwrap_or(("Saguenay", "G7H", "418"));
    let h = hash(&org.name);
    let letter = char::from(pick(POSTAL_LETTERS, h >> 8));
    let slug = maillage_domain::slug::slugify(&org.name);
    // Long names make unreadable host names: the first words are enough.
    let host: String = slug
        .split('-')
        .filter(|w| w.len() > 2)
        .take(4)
        .collect::<Vec<_>>()
        .join("-");
    DemoContact {
        address_1: format!("{}, {}", 100 + h % 3800, pick(STREETS, h >> 16)),
        city: city.to_owned(),
        postal_code: format!("{fsa} {}{letter}{}", (h >> 24) % 10, (h >> 32) % 10),
        phone: format!("{area} 555-01{:02}", index % 100),
        website: format!("https://{host}.example.org"),
        email: format!("info@{host}.example.org"),
    }
}

async fn first_id<C: ConnectionTrait>(
    conn: &C,
    table: &str,
    column: &str,
    value: &str,
) -> Result<Option<String>, StoreError> {
    let stmt = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new(table))
        .and_where(Expr::col(Alias::new(column)).eq(value))
        .order_by(Alias::new("id"), sea_orm::Order::Asc)
        .to_owned();
    Ok(match conn.query_one(&stmt).await? {
        Some(r) => Some(r.try_get("", "id")?),
        None => None,
    })
}

/// Gives every demo organization its point of service, phone, website and
/// e-mail (unless it has a location already), and every demo service its
/// hours, phone extension and point of service.
pub async fn load(
    txn: &DatabaseTransaction,
    organizations: &[DemoOrganization],
    services: &[DemoService],
    territories: &[DemoTerritoryRow],
) -> Result<(), StoreError> {
    for (index, org) in organizations.iter().enumerate() {
        let Some(id) = organization_id_by_name(txn, &org.name).await? else {
            continue;
        };
        if first_id(txn, "locations", "organization_id", &id)
            .await?
            .is_some()
        {
            continue;
        }
        add_organization_contact(txn, &id, &contact(org, index, territories)).await?;
    }
    for (index, service) in services.iter().enumerate() {
        add_service_details(txn, service, index).await?;
    }
    Ok(())
}

async fn add_organization_contact(
    txn: &DatabaseTransaction,
    id: &str,
    c: &DemoContact,
) -> Result<(), StoreError> {
    let some = |s: &str| Some(s.to_owned());
    let location = insert(
        txn,
        "locations",
        &[
            ("organization_id", some(id)),
            ("location_type", some("physical")),
            ("name", Some(format!("Bureau de {}", c.city))),
            ("description", some(DEMO_NOTE)),
        ],
    )
    .await?;
    insert(
        txn,
        "addresses",
        &[
            ("location_id", Some(location)),
            ("address_1", some(&c.address_1)),
            ("city", some(&c.city)),
            ("state_province", some("QC")),
            ("postal_code", some(&c.postal_code)),
            ("country", some("CA")),
            ("address_type", some("physical")),
        ],
    )
    .await?;
    insert(
        txn,
        "phones",
        &[
            ("organization_id", some(id)),
            ("number", some(&c.phone)),
            ("type", some("voice")),
            ("description", some("Accueil")),
        ],
    )
    .await?;
    // Only where the organization has none (an edit may have set them).
    for (column, value) in [("website", &c.website), ("email", &c.email)] {
        let stmt = Query::update()
            .table(Alias::new("organizations"))
            .value(Alias::new(column), value.as_str())
            .and_where(Expr::col(Alias::new("id")).eq(id))
            .and_where(Expr::col(Alias::new(column)).is_null())
            .to_owned();
        txn.execute(&stmt).await?;
    }
    change_log::append(txn, "organizations", id, Op::Update, None).await?;
    Ok(())
}

/// Hours of a demo service: childcare keeps longer days.
fn hours(service: &DemoService) -> (&'static str, &'static str, &'static str) {
    let name = service.name.to_lowercase();
    if name.contains("garde") || name.contains("cpe") {
        ("07:00:00", "18:00:00", "Horaire fictif (démo).")
    } else {
        ("08:30:00", "16:30:00", "Horaire fictif (démo).")
    }
}

async fn add_service_details(
    txn: &DatabaseTransaction,
    service: &DemoService,
    index: usize,
) -> Result<(), StoreError> {
    let Some(org) = organization_id_by_name(txn, &service.organization).await? else {
        return Ok(());
    };
    let stmt = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("services"))
        .and_where(Expr::col(Alias::new("organization_id")).eq(org.as_str()))
        .and_where(Expr::col(Alias::new("name")).eq(service.name.as_str()))
        .to_owned();
    let Some(row) = txn.query_one(&stmt).await? else {
        return Ok(());
    };
    let id: String = row.try_get("", "id")?;
    let mut changed = false;
    if first_id(txn, "schedules", "service_id", &id)
        .await?
        .is_none()
    {
        let (opens, closes, description) = hours(service);
        let some = |s: &str| Some(s.to_owned());
        insert(
            txn,
            "schedules",
            &[
                ("service_id", some(&id)),
                ("freq", some("WEEKLY")),
                ("byday", some("MO,TU,WE,TH,FR")),
                ("opens_at", some(opens)),
                ("closes_at", some(closes)),
                ("description", some(description)),
            ],
        )
        .await?;
        if let Some(number) = first_number(txn, &org).await? {
            insert(
                txn,
                "phones",
                &[
                    ("service_id", some(&id)),
                    ("number", Some(number)),
                    ("extension", Some(format!("{}", 201 + index % 50))),
                    ("type", some("voice")),
                ],
            )
            .await?;
        }
        changed = true;
    }
    if first_id(txn, "service_at_location", "service_id", &id)
        .await?
        .is_none()
        && let Some(location) = first_id(txn, "locations", "organization_id", &org).await?
    {
        insert(
            txn,
            "service_at_location",
            &[
                ("service_id", Some(id.clone())),
                ("location_id", Some(location)),
            ],
        )
        .await?;
        changed = true;
    }
    if changed {
        change_log::append(txn, "services", &id, Op::Update, None).await?;
    }
    Ok(())
}

/// The number of the organization's first phone.
async fn first_number<C: ConnectionTrait>(
    conn: &C,
    organization: &str,
) -> Result<Option<String>, StoreError> {
    let stmt = Query::select()
        .column(Alias::new("number"))
        .from(Alias::new("phones"))
        .and_where(Expr::col(Alias::new("organization_id")).eq(organization))
        .order_by(Alias::new("id"), sea_orm::Order::Asc)
        .to_owned();
    Ok(match conn.query_one(&stmt).await? {
        Some(r) => r.try_get("", "number")?,
        None => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_organization_gets_a_valid_fictional_contact() {
        let demo = crate::demo::territory();
        let postal = regex_lite_postal;
        for (i, org) in demo.organizations.iter().enumerate() {
            let c = contact(org, i, &demo.territories);
            assert!(postal(&c.postal_code), "{c:?}");
            assert!(c.phone.contains(" 555-01"), "{c:?}");
            assert!(c.website.ends_with(".example.org"), "{c:?}");
            assert!(maillage_domain::directory::is_web_url(&c.website), "{c:?}");
            assert!(TOWNS.iter().any(|(t, _, _)| *t == c.city), "{c:?}");
        }
        let jonquiere = demo
            .organizations
            .iter()
            .position(|o| o.town.as_deref() == Some("Jonquière"))
            .unwrap();
        assert_eq!(
            contact(&demo.organizations[jonquiere], jonquiere, &demo.territories).city,
            "Jonquière"
        );
    }

    /// A1A 1A1 with Canada Post's letters.
    fn regex_lite_postal(code: &str) -> bool {
        let b = code.as_bytes();
        b.len() == 7
            && b[3] == b' '
            && [0, 2, 5].iter().all(|&i| POSTAL_LETTERS.contains(&b[i]))
            && [1, 4, 6].iter().all(|&i| b[i].is_ascii_digit())
    }
}
