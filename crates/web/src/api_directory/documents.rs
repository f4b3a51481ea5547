//! HSDS JSON documents built from the rows the store loaded.
//!
//! Values are the stored text, except the fields HSDS types as numbers
//! (`year_incorporated`, `latitude`, `extension`, `minimum_age`…), which
//! become JSON numbers. Absent values are left out, except required text
//! fields, which are always present (empty when the row lacks them) so that
//! every document satisfies its HSDS JSON schema. Nested arrays follow
//! [`super::schema::nested`]: a fully nested object has all of its arrays,
//! even empty, while the leaves (addresses, schedules, languages…) carry
//! `attributes` and `metadata` only when there are some.

use std::str::FromStr;

use maillage_domain::hsds::{self, FieldType};
use maillage_store::repo::hsds::Values;
use maillage_store::repo::hsds_api::{self, Depth, Graph};
use maillage_store::{Store, StoreError};
use serde::Serialize;
use serde_json::Number;
use utoipa::ToSchema;

use super::schema::{
    HsdsLocation, HsdsObject, HsdsOrganization, HsdsService, HsdsServiceAtLocation, HsdsTaxonomy,
    HsdsTaxonomyTerm, Node, Object,
};

/// The fields of a row of `table` as HSDS JSON.
pub fn fields(table: &str, row: &Values) -> Object {
    let mut out = Object::default();
    let Some(t) = hsds::table(table) else {
        return out;
    };
    for field in t.fields {
        match (row.get(field.name), field.field_type) {
            (Some(text), FieldType::Number) => {
                // Import checked the type; a value that is not a number
                // anyway is left out rather than break the document's type.
                if let Ok(n) = Number::from_str(text.trim()) {
                    out.insert(field.name, Node::Number(n));
                }
            }
            (Some(text), _) => {
                out.insert(field.name, Node::String(text.clone()));
            }
            (None, FieldType::Number) => {}
            (None, _) if field.required => {
                out.insert(field.name, Node::String(String::new()));
            }
            (None, _) => {}
        }
    }
    out
}

/// What an organization document holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrganizationShape {
    /// Every nested object (the `/organizations/{id}` document).
    pub full: bool,
    /// Its services fully nested (`full_service=true`).
    pub full_services: bool,
}

/// Builds the documents of one graph.
struct Builder<'g> {
    g: &'g Graph,
}

impl Builder<'_> {
    fn id(row: &Values) -> &str {
        row.get("id").map_or("", String::as_str)
    }

    /// `attributes` and `metadata` of a row of `table`: always with
    /// `always`, otherwise only when not empty.
    fn extras(&self, table: &str, id: &str, out: &mut Object, always: bool) {
        let attributes: Vec<Node> = self
            .g
            .find("attribute", "link_id", id)
            .filter(|a| a.get("link_entity").is_none_or(|e| e == table))
            .map(|a| Node::Object(self.attribute(a)))
            .collect();
        if always || !attributes.is_empty() {
            out.insert("attributes", Node::Array(attributes));
        }
        let metadata = self.metadata(id);
        if always || !metadata.is_empty() {
            out.insert("metadata", Node::Array(metadata));
        }
    }

    fn metadata(&self, id: &str) -> Vec<Node> {
        self.g
            .find("metadata", "resource_id", id)
            .map(|m| Node::Object(fields("metadata", m)))
            .collect()
    }

    fn attribute(&self, row: &Values) -> Object {
        let mut out = fields("attribute", row);
        if let Some(term) = row
            .get("taxonomy_term_id")
            .and_then(|t| self.g.get("taxonomy_term", t))
        {
            out.insert("taxonomy_term", Node::Object(fields("taxonomy_term", term)));
        }
        let metadata = self.metadata(Self::id(row));
        if !metadata.is_empty() {
            out.insert("metadata", Node::Array(metadata));
        }
        out
    }

    /// A row without nested arrays of its own.
    fn leaf(&self, table: &str, row: &Values) -> Node {
        let mut out = fields(table, row);
        self.extras(table, Self::id(row), &mut out, false);
        Node::Object(out)
    }

    /// Every row of `table` whose `column` is `id`, built by `build`.
    fn array(&self, table: &str, column: &str, id: &str, build: impl Fn(&Values) -> Node) -> Node {
        Node::Array(self.g.find(table, column, id).map(build).collect())
    }

    fn leaves(&self, table: &str, column: &str, id: &str) -> Node {
        self.array(table, column, id, |r| self.leaf(table, r))
    }

    fn phone(&self, row: &Values) -> Node {
        let id = Self::id(row);
        let mut out = fields("phone", row);
        out.insert("languages", self.leaves("language", "phone_id", id));
        self.extras("phone", id, &mut out, true);
        Node::Object(out)
    }

    fn phones(&self, column: &str, id: &str) -> Node {
        self.array("phone", column, id, |r| self.phone(r))
    }

    fn contact(&self, row: &Values) -> Node {
        let id = Self::id(row);
        let mut out = fields("contact", row);
        out.insert("phones", self.phones("contact_id", id));
        self.extras("contact", id, &mut out, true);
        Node::Object(out)
    }

    fn contacts(&self, column: &str, id: &str) -> Node {
        self.array("contact", column, id, |r| self.contact(r))
    }

    fn location(&self, row: &Values, full: bool) -> Object {
        let mut out = fields("location", row);
        if full {
            let id = Self::id(row);
            out.insert("languages", self.leaves("language", "location_id", id));
            out.insert("addresses", self.leaves("address", "location_id", id));
            out.insert("contacts", self.contacts("location_id", id));
            out.insert(
                "accessibility",
                self.leaves("accessibility", "location_id", id),
            );
            out.insert("phones", self.phones("location_id", id));
            out.insert("schedules", self.leaves("schedule", "location_id", id));
            self.extras("location", id, &mut out, true);
        }
        out
    }

    /// A service; with `with_organization`, its organization and program
    /// (one-to-one) as well.
    fn service(&self, row: &Values, full: bool, with_organization: bool) -> Object {
        let id = Self::id(row);
        let mut out = fields("service", row);
        if with_organization
            && let Some(org) = row
                .get("organization_id")
                .and_then(|o| self.g.get("organization", o))
        {
            out.insert("organization", Node::Object(fields("organization", org)));
        }
        if let Some(program) = row.get("program_id").and_then(|p| self.g.get("program", p)) {
            out.insert("program", Node::Object(fields("program", program)));
        }
        if !full {
            return out;
        }
        out.insert("phones", self.phones("service_id", id));
        for (property, table) in [("schedules", "schedule"), ("service_areas", "service_area")] {
            out.insert(property, self.leaves(table, "service_id", id));
        }
        out.insert(
            "service_at_locations",
            self.array("service_at_location", "service_id", id, |r| {
                Node::Object(self.service_at_location(r, true, false))
            }),
        );
        for (property, table) in [
            ("languages", "language"),
            ("funding", "funding"),
            ("cost_options", "cost_option"),
            ("required_documents", "required_document"),
        ] {
            out.insert(property, self.leaves(table, "service_id", id));
        }
        out.insert("contacts", self.contacts("service_id", id));
        self.extras("service", id, &mut out, true);
        out
    }

    /// A service at a location; with `with_service`, its service (one-to-one
    /// fields, organization and program).
    fn service_at_location(&self, row: &Values, full: bool, with_service: bool) -> Object {
        let id = Self::id(row);
        let mut out = fields("service_at_location", row);
        if with_service
            && let Some(service) = row.get("service_id").and_then(|s| self.g.get("service", s))
        {
            out.insert("service", Node::Object(self.service(service, false, true)));
        }
        if let Some(location) = row
            .get("location_id")
            .and_then(|l| self.g.get("location", l))
        {
            out.insert("location", Node::Object(self.location(location, full)));
        }
        if full {
            out.insert("contacts", self.contacts("service_at_location_id", id));
            out.insert("phones", self.phones("service_at_location_id", id));
            out.insert(
                "schedules",
                self.leaves("schedule", "service_at_location_id", id),
            );
            self.extras("service_at_location", id, &mut out, true);
        }
        out
    }

    fn organization(&self, row: &Values, shape: OrganizationShape) -> Object {
        let id = Self::id(row);
        let mut out = fields("organization", row);
        if shape.full {
            out.insert("funding", self.leaves("funding", "organization_id", id));
            out.insert("contacts", self.contacts("organization_id", id));
            out.insert("phones", self.phones("organization_id", id));
            out.insert(
                "locations",
                self.array("location", "organization_id", id, |r| {
                    Node::Object(self.location(r, true))
                }),
            );
            for (property, table) in [
                ("programs", "program"),
                ("organization_identifiers", "organization_identifier"),
            ] {
                out.insert(property, self.leaves(table, "organization_id", id));
            }
        }
        if shape.full || shape.full_services {
            out.insert(
                "services",
                self.array("service", "organization_id", id, |r| {
                    Node::Object(self.service(r, shape.full_services, false))
                }),
            );
        }
        if shape.full {
            self.extras("organization", id, &mut out, true);
        }
        out
    }

    fn taxonomy(&self, row: &Values) -> Object {
        let mut out = fields("taxonomy", row);
        let metadata = self.metadata(Self::id(row));
        if !metadata.is_empty() {
            out.insert("metadata", Node::Array(metadata));
        }
        out
    }

    fn taxonomy_term(&self, row: &Values) -> Object {
        let mut out = fields("taxonomy_term", row);
        if let Some(taxonomy) = row
            .get("taxonomy_id")
            .and_then(|t| self.g.get("taxonomy", t))
        {
            out.insert(
                "taxonomy_detail",
                Node::Object(fields("taxonomy", taxonomy)),
            );
        }
        let metadata = self.metadata(Self::id(row));
        if !metadata.is_empty() {
            out.insert("metadata", Node::Array(metadata));
        }
        out
    }
}

/// The documents of `ids` (in that order; unknown ids are skipped).
fn build<'g, T: HsdsObject>(
    g: &'g Graph,
    ids: &[String],
    make: impl Fn(&Builder<'g>, &Values) -> Object,
) -> Vec<T> {
    let b = Builder { g };
    ids.iter()
        .filter_map(|id| g.get(T::TABLE, id))
        .map(|row| T::from(make(&b, row)))
        .collect()
}

pub async fn organizations(
    store: &Store,
    ids: &[String],
    shape: OrganizationShape,
) -> Result<Vec<HsdsOrganization>, StoreError> {
    let depth = Depth {
        full: shape.full,
        full_services: shape.full_services,
    };
    let g = hsds_api::organizations(store, ids, depth).await?;
    Ok(build(&g, ids, |b, row| b.organization(row, shape)))
}

pub async fn services(
    store: &Store,
    ids: &[String],
    full: bool,
) -> Result<Vec<HsdsService>, StoreError> {
    let depth = Depth {
        full,
        full_services: false,
    };
    let g = hsds_api::services(store, ids, depth).await?;
    Ok(build(&g, ids, |b, row| b.service(row, full, true)))
}

pub async fn service_at_locations(
    store: &Store,
    ids: &[String],
    full: bool,
) -> Result<Vec<HsdsServiceAtLocation>, StoreError> {
    let depth = Depth {
        full,
        full_services: false,
    };
    let g = hsds_api::service_at_locations(store, ids, depth).await?;
    Ok(build(&g, ids, |b, row| {
        b.service_at_location(row, full, true)
    }))
}

pub async fn locations(
    store: &Store,
    ids: &[String],
    full: bool,
) -> Result<Vec<HsdsLocation>, StoreError> {
    let depth = Depth {
        full,
        full_services: false,
    };
    let g = hsds_api::locations(store, ids, depth).await?;
    Ok(build(&g, ids, |b, row| b.location(row, full)))
}

pub async fn taxonomies(store: &Store, ids: &[String]) -> Result<Vec<HsdsTaxonomy>, StoreError> {
    let g = hsds_api::taxonomies(store, ids).await?;
    Ok(build(&g, ids, Builder::taxonomy))
}

pub async fn taxonomy_terms(
    store: &Store,
    ids: &[String],
) -> Result<Vec<HsdsTaxonomyTerm>, StoreError> {
    let g = hsds_api::taxonomy_terms(store, ids).await?;
    Ok(build(&g, ids, Builder::taxonomy_term))
}

/// A service in a `minimal=true` list: its id and when it last changed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ServiceMinimal {
    /// The service's HSDS id.
    pub id: String,
    /// The service's `last_modified`, as stored; null when it has none.
    pub modified_date: Option<String>,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde_json::{Map, Value};

    use super::*;
    use crate::api_directory::schema::{nested, object};

    fn json(doc: &Object) -> Value {
        serde_json::to_value(doc).unwrap()
    }

    fn row(pairs: &[(&'static str, &str)]) -> Values {
        pairs.iter().map(|(k, v)| (*k, (*v).to_owned())).collect()
    }

    #[test]
    fn numbers_become_numbers_and_required_text_is_present() {
        let org = json(&fields(
            "organization",
            &row(&[
                ("id", "o1"),
                ("name", "CRÉPAS"),
                ("year_incorporated", "1996"),
            ]),
        ));
        assert_eq!(org["year_incorporated"], serde_json::json!(1996));
        assert_eq!(org["description"], "");
        assert!(org.get("email").is_none());
        let location = json(&fields(
            "location",
            &row(&[("id", "l1"), ("latitude", "48.42"), ("longitude", "oops")]),
        ));
        assert_eq!(location["latitude"], serde_json::json!(48.42));
        assert!(location.get("longitude").is_none());
    }

    /// The properties of `table`'s schema.
    fn properties(table: &str) -> BTreeSet<String> {
        let json = serde_json::to_value(object(table)).unwrap();
        json["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect()
    }

    /// Every key of `doc` (and of the documents nested in it) is a property
    /// of its table's schema.
    fn check(table: &str, doc: &Map<String, Value>) {
        let allowed = properties(table);
        for (key, value) in doc {
            assert!(allowed.contains(key), "{key} in {table}");
            let Some(n) = nested(table).iter().find(|n| n.property == key) else {
                continue;
            };
            match value {
                Value::Array(items) => {
                    for item in items {
                        check(n.table, item.as_object().unwrap());
                    }
                }
                Value::Object(o) => check(n.table, o),
                other => panic!("{key} of {table} is {other}"),
            }
        }
    }

    /// One row of every table a fully nested document reaches.
    fn every_table() -> Graph {
        Graph::from_rows([
            (
                "organization",
                vec![row(&[("id", "o1"), ("name", "Org"), ("description", "d")])],
            ),
            (
                "service",
                vec![row(&[
                    ("id", "s1"),
                    ("name", "S"),
                    ("status", "active"),
                    ("organization_id", "o1"),
                    ("program_id", "p1"),
                ])],
            ),
            (
                "program",
                vec![row(&[
                    ("id", "p1"),
                    ("organization_id", "o1"),
                    ("name", "P"),
                ])],
            ),
            (
                "location",
                vec![row(&[("id", "l1"), ("organization_id", "o1")])],
            ),
            (
                "service_at_location",
                vec![row(&[
                    ("id", "x1"),
                    ("service_id", "s1"),
                    ("location_id", "l1"),
                ])],
            ),
            ("address", vec![row(&[("id", "a1"), ("location_id", "l1")])]),
            (
                "phone",
                vec![
                    row(&[("id", "ph1"), ("organization_id", "o1"), ("number", "1")]),
                    row(&[("id", "ph2"), ("contact_id", "c1"), ("number", "2")]),
                    row(&[
                        ("id", "ph3"),
                        ("service_at_location_id", "x1"),
                        ("number", "3"),
                    ]),
                ],
            ),
            ("language", vec![row(&[("id", "la1"), ("phone_id", "ph1")])]),
            ("contact", vec![row(&[("id", "c1"), ("location_id", "l1")])]),
            (
                "schedule",
                vec![row(&[("id", "sc1"), ("service_id", "s1")])],
            ),
            (
                "attribute",
                vec![row(&[
                    ("id", "at1"),
                    ("link_id", "s1"),
                    ("taxonomy_term_id", "t1"),
                ])],
            ),
            (
                "taxonomy_term",
                vec![row(&[("id", "t1"), ("taxonomy_id", "tx1")])],
            ),
            ("taxonomy", vec![row(&[("id", "tx1")])]),
            (
                "metadata",
                vec![row(&[("id", "m1"), ("resource_id", "a1")])],
            ),
        ])
    }

    /// Every property a document can have is in its schema.
    #[test]
    fn documents_use_only_schema_properties() {
        let g = every_table();
        let b = Builder { g: &g };
        let org = g.get("organization", "o1").unwrap();
        let doc = b.organization(
            org,
            OrganizationShape {
                full: true,
                full_services: true,
            },
        );
        let text = serde_json::to_string(&doc).unwrap();
        assert!(
            text.starts_with(r#"{"id":"o1","name":"Org","description":"d","funding":[]"#),
            "{text}"
        );
        let doc = json(&doc);
        check("organization", doc.as_object().unwrap());
        let text = serde_json::to_string(&doc).unwrap();
        for id in [
            "s1", "p1", "l1", "x1", "a1", "ph1", "ph2", "ph3", "la1", "c1", "sc1", "at1", "t1",
            "m1",
        ] {
            assert!(text.contains(&format!("\"{id}\"")), "{id} nested in {text}");
        }
        let service = g.get("service", "s1").unwrap();
        let doc = json(&b.service(service, true, true));
        assert_eq!(doc["organization"]["name"], "Org");
        assert_eq!(doc["program"]["name"], "P");
        assert_eq!(doc["attributes"][0]["taxonomy_term"]["id"], "t1");
        assert_eq!(
            doc["service_at_locations"][0]["location"]["addresses"][0]["metadata"][0]["id"],
            "m1"
        );
        check("service", doc.as_object().unwrap());
        let sal = g.get("service_at_location", "x1").unwrap();
        let doc = json(&b.service_at_location(sal, true, true));
        assert_eq!(doc["service"]["organization"]["id"], "o1");
        assert_eq!(doc["phones"][0]["number"], "3");
        check("service_at_location", doc.as_object().unwrap());
        let term = json(&b.taxonomy_term(g.get("taxonomy_term", "t1").unwrap()));
        assert_eq!(term["taxonomy_detail"]["id"], "tx1");
        check("taxonomy_term", term.as_object().unwrap());
    }
}
