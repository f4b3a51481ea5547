//! OpenAPI schemas of the HSDS objects, derived from the HSDS tables of
//! `maillage_domain::hsds` (the same fields, descriptions, formats, enums and
//! required fields that import and export use) plus the nested objects of
//! the HSDS 3.0 JSON schemas (`vendor/hsds-3.0/schema/*.json`).
//!
//! The response types ([`HsdsOrganization`], …) wrap the JSON built by
//! [`super::documents`] and implement `ToSchema` by hand from these schemas.

use std::borrow::Cow;

use maillage_domain::hsds::{self, FieldType, Format};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Number;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{
    ArrayBuilder, ObjectBuilder, Ref, Schema, SchemaFormat, SchemaType, Type,
};
use utoipa::{PartialSchema, ToSchema};

/// A nested object (or array of objects) of an HSDS object.
#[derive(Debug, Clone, Copy)]
pub struct Nested {
    pub property: &'static str,
    /// The HSDS table (resource name) of the nested objects.
    pub table: &'static str,
    pub many: bool,
    pub description: &'static str,
}

const fn many(property: &'static str, table: &'static str, description: &'static str) -> Nested {
    Nested {
        property,
        table,
        many: true,
        description,
    }
}

const fn one(property: &'static str, table: &'static str, description: &'static str) -> Nested {
    Nested {
        property,
        table,
        many: false,
        description,
    }
}

const ATTRIBUTES: Nested = many(
    "attributes",
    "attribute",
    "Taxonomy terms attached to this object (fully nested documents only).",
);
const METADATA: Nested = many(
    "metadata",
    "metadata",
    "Changes recorded for this object (fully nested documents only).",
);

const ORGANIZATION: &[Nested] = &[
    many("funding", "funding", "Sources of funding."),
    many("contacts", "contact", "Contacts of the organization."),
    many("phones", "phone", "Phone numbers of the organization."),
    many(
        "locations",
        "location",
        "Locations of the organization, fully nested.",
    ),
    many("programs", "program", "Programs of the organization."),
    many(
        "organization_identifiers",
        "organization_identifier",
        "Identifiers of the organization.",
    ),
    many(
        "services",
        "service",
        "Services of the organization: their one-to-one fields, or fully nested \
                 with `full_service=true`.",
    ),
    ATTRIBUTES,
    METADATA,
];
const SERVICE: &[Nested] = &[
    one(
        "organization",
        "organization",
        "The organization providing the service.",
    ),
    one("program", "program", "The program the service belongs to."),
    many("phones", "phone", "Phone numbers of the service."),
    many("schedules", "schedule", "When the service is offered."),
    many(
        "service_areas",
        "service_area",
        "Where the service is offered.",
    ),
    many(
        "service_at_locations",
        "service_at_location",
        "The service at each of its locations.",
    ),
    many(
        "languages",
        "language",
        "Languages the service is offered in.",
    ),
    many("funding", "funding", "Sources of funding."),
    many("cost_options", "cost_option", "Costs of the service."),
    many(
        "required_documents",
        "required_document",
        "Documents needed.",
    ),
    many("contacts", "contact", "Contacts of the service."),
    ATTRIBUTES,
    METADATA,
];
const LOCATION: &[Nested] = &[
    many("languages", "language", "Languages spoken at the location."),
    many("addresses", "address", "Addresses of the location."),
    many("contacts", "contact", "Contacts at the location."),
    many(
        "accessibility",
        "accessibility",
        "Accessibility of the location.",
    ),
    many("phones", "phone", "Phone numbers of the location."),
    many("schedules", "schedule", "Opening hours of the location."),
    ATTRIBUTES,
    METADATA,
];
const SERVICE_AT_LOCATION: &[Nested] = &[
    one(
        "service",
        "service",
        "The service (its one-to-one fields, organization and program).",
    ),
    one("location", "location", "The location."),
    many(
        "contacts",
        "contact",
        "Contacts of the service at this location.",
    ),
    many(
        "phones",
        "phone",
        "Phone numbers of the service at this location.",
    ),
    many(
        "schedules",
        "schedule",
        "When the service is offered at this location.",
    ),
    ATTRIBUTES,
    METADATA,
];
const CONTACT: &[Nested] = &[
    many("phones", "phone", "Phone numbers of the contact."),
    ATTRIBUTES,
    METADATA,
];
const PHONE: &[Nested] = &[
    many("languages", "language", "Languages spoken on this line."),
    ATTRIBUTES,
    METADATA,
];
const ATTRIBUTE: &[Nested] = &[
    one(
        "taxonomy_term",
        "taxonomy_term",
        "The taxonomy term of the attribute.",
    ),
    METADATA,
];
const TAXONOMY_TERM: &[Nested] = &[
    one(
        "taxonomy_detail",
        "taxonomy",
        "The taxonomy the term belongs to.",
    ),
    METADATA,
];

/// The nested objects of each HSDS object, as in the HSDS 3.0 JSON schemas.
pub fn nested(table: &str) -> &'static [Nested] {
    match table {
        "organization" => ORGANIZATION,
        "service" => SERVICE,
        "location" => LOCATION,
        "service_at_location" => SERVICE_AT_LOCATION,
        "contact" => CONTACT,
        "phone" => PHONE,
        "attribute" => ATTRIBUTE,
        "taxonomy_term" => TAXONOMY_TERM,
        "taxonomy" => &[METADATA],
        "metadata" => &[],
        _ => &[ATTRIBUTES, METADATA],
    }
}

/// The component name of an HSDS object (`organization` → `HsdsOrganization`).
pub fn component_name(table: &str) -> String {
    let mut out = String::from("Hsds");
    for part in table.split('_') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

/// A reference to the component of an HSDS object.
pub fn reference(table: &str) -> RefOr<Schema> {
    RefOr::Ref(Ref::from_schema_name(component_name(table)))
}

fn format_of(field: &hsds::Field) -> Option<&'static str> {
    match (field.format, field.field_type) {
        (Some(Format::Uuid), _) => Some("uuid"),
        (Some(Format::Uri), _) => Some("uri"),
        (Some(Format::Email), _) => Some("email"),
        (None, FieldType::Date) => Some("date"),
        (None, FieldType::Datetime) => Some("date-time"),
        (None, FieldType::Time) => Some("time"),
        (None, FieldType::String | FieldType::Number) => None,
    }
}

/// The schema of an HSDS object: its fields, then its nested objects.
pub fn object(table: &str) -> Schema {
    let t = hsds::table(table).expect("an HSDS table of the descriptor");
    let mut object = ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::Object))
        .title(Some(t.title))
        .description(Some(t.description));
    for field in t.fields {
        let mut property = ObjectBuilder::new()
            .schema_type(SchemaType::new(match field.field_type {
                FieldType::Number => Type::Number,
                _ => Type::String,
            }))
            .title(Some(field.title))
            .description(Some(field.description))
            .format(format_of(field).map(|f| SchemaFormat::Custom(f.to_owned())));
        if !field.enum_values.is_empty() {
            property = property.enum_values(Some(field.enum_values.iter().copied()));
        }
        object = object.property(field.name, property);
        if field.required {
            object = object.required(field.name);
        }
    }
    for n in nested(table) {
        let schema: RefOr<Schema> = if n.many {
            ArrayBuilder::new()
                .items(reference(n.table))
                .description(Some(n.description))
                .into()
        } else {
            reference(n.table)
        };
        object = object.property(n.property, schema);
    }
    object.into()
}

/// Every HSDS object's schema, each under its component name.
pub fn components(out: &mut Vec<(String, RefOr<Schema>)>) {
    for t in hsds::TABLES {
        if t.name == "meta_table_description" {
            continue;
        }
        out.push((component_name(t.name), RefOr::T(object(t.name))));
    }
}

/// The HSDS paging envelope around `contents`, an array of `items`.
pub fn page_schema(items: RefOr<Schema>) -> Schema {
    let integer = |description: &str| {
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::Integer))
            .description(Some(description))
    };
    let boolean = |description: &str| {
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::Boolean))
            .description(Some(description))
    };
    let mut page = ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::Object))
        .description(Some(
            "One page of a list (HSDS `Page`); sorted by name, then id, except with \
             `search`, by relevance.",
        ))
        .property("total_items", integer("Count of total results."))
        .property("total_pages", integer("Count of total pages."))
        .property("page_number", integer("Current page number, from 1."))
        .property(
            "size",
            integer("Size of current page: the number of items in `contents`."),
        )
        .property("first_page", boolean("Is this page the first page."))
        .property("last_page", boolean("Is this page the last page."))
        .property("empty", boolean("Is this page empty."))
        .property("contents", ArrayBuilder::new().items(items));
    for name in [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ] {
        page = page.required(name);
    }
    page.into()
}

/// One page of a list, in the HSDS paging envelope.
#[derive(Debug, Clone, Serialize)]
#[expect(
    clippy::struct_field_names,
    reason = "the field names of the HSDS paging envelope"
)]
pub struct Page<T> {
    pub total_items: u64,
    pub total_pages: u64,
    pub page_number: u64,
    pub size: u64,
    pub first_page: bool,
    pub last_page: bool,
    pub empty: bool,
    pub contents: Vec<T>,
}

/// A JSON object whose properties keep the order they were inserted in
/// (HSDS order: the fields as the descriptor lists them, then the nested
/// objects), which `serde_json::Map` does not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Object(Vec<(&'static str, Node)>);

/// A JSON value of an HSDS document.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    String(String),
    Number(Number),
    Object(Object),
    Array(Vec<Node>),
}

impl Object {
    /// Sets `key`, replacing its previous value in place.
    pub fn insert(&mut self, key: &'static str, value: Node) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key, value)),
        }
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Node::String(s) => serializer.serialize_str(s),
            Node::Number(n) => n.serialize(serializer),
            Node::Object(o) => o.serialize(serializer),
            Node::Array(items) => items.serialize(serializer),
        }
    }
}

/// An HSDS object as JSON, of the table `T::TABLE`.
pub trait HsdsObject: Serialize + From<Object> {
    const TABLE: &'static str;
}

macro_rules! hsds_object {
    ($(#[$doc:meta])* $ty:ident, $page:ident, $table:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Serialize)]
        #[serde(transparent)]
        pub struct $ty(pub Object);

        impl From<Object> for $ty {
            fn from(map: Object) -> Self {
                $ty(map)
            }
        }

        impl HsdsObject for $ty {
            const TABLE: &'static str = $table;
        }

        impl PartialSchema for $ty {
            fn schema() -> RefOr<Schema> {
                RefOr::T(object($table))
            }
        }

        impl ToSchema for $ty {
            fn name() -> Cow<'static, str> {
                Cow::Owned(component_name($table))
            }

            fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
                components(out);
            }
        }

        /// A page of the list (documentation name of `Page<…>`).
        pub type $page = Page<$ty>;

        impl PartialSchema for Page<$ty> {
            fn schema() -> RefOr<Schema> {
                RefOr::T(page_schema(reference($table)))
            }
        }

        impl ToSchema for Page<$ty> {
            fn name() -> Cow<'static, str> {
                Cow::Owned(format!("{}Page", component_name($table)))
            }

            fn schemas(out: &mut Vec<(String, RefOr<Schema>)>) {
                components(out);
            }
        }
    };
}

hsds_object!(
    /// An HSDS organization.
    HsdsOrganization,
    OrganizationPage,
    "organization"
);
hsds_object!(
    /// An HSDS service.
    HsdsService,
    ServicePage,
    "service"
);
hsds_object!(
    /// An HSDS service at a location.
    HsdsServiceAtLocation,
    ServiceAtLocationPage,
    "service_at_location"
);
hsds_object!(
    /// An HSDS location.
    HsdsLocation,
    LocationPage,
    "location"
);
hsds_object!(
    /// An HSDS taxonomy.
    HsdsTaxonomy,
    TaxonomyPage,
    "taxonomy"
);
hsds_object!(
    /// An HSDS taxonomy term.
    HsdsTaxonomyTerm,
    TaxonomyTermPage,
    "taxonomy_term"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn component_names_are_camel_case() {
        assert_eq!(component_name("organization"), "HsdsOrganization");
        assert_eq!(
            component_name("service_at_location"),
            "HsdsServiceAtLocation"
        );
    }

    #[test]
    fn nested_objects_are_hsds_tables() {
        for t in hsds::TABLES {
            for n in nested(t.name) {
                assert!(hsds::table(n.table).is_some(), "{} of {}", n.table, t.name);
            }
        }
    }

    #[test]
    fn organization_schema_has_the_hsds_fields_and_required_ones() {
        let json = serde_json::to_value(object("organization")).unwrap();
        let properties = json["properties"].as_object().unwrap();
        for name in ["id", "name", "year_incorporated", "services", "locations"] {
            assert!(properties.contains_key(name), "{name}");
        }
        assert_eq!(properties["year_incorporated"]["type"], "number");
        assert_eq!(properties["id"]["format"], "uuid");
        assert_eq!(
            json["required"],
            serde_json::json!(["id", "name", "description"])
        );
    }
}
