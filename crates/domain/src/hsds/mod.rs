//! The Open Referral HSDS 3.0 tabular data package schema.
//!
//! [`TABLES`] and [`PACKAGE`] are generated from the official descriptor by
//! `tools/hsds_schema.py`; this module adds the lookups and rules that
//! reading, validation, storage and export share.

use std::sync::LazyLock;

mod schema;
mod value;

pub use schema::{PACKAGE, TABLES};
pub use value::{Expected, ValueProblem, check_value};

/// The name of a package's descriptor file.
pub const DESCRIPTOR_FILE: &str = "datapackage.json";
/// Every resource of the descriptor has this profile, format and media type.
pub const RESOURCE_PROFILE: &str = "tabular-data-resource";
pub const RESOURCE_FORMAT: &str = "csv";
pub const RESOURCE_MEDIATYPE: &str = "text/csv";

/// Frictionless Table Schema types used by the descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    String,
    Number,
    Date,
    Datetime,
    Time,
}

impl FieldType {
    /// The name the descriptor uses.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::String => "string",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Datetime => "datetime",
            FieldType::Time => "time",
        }
    }
}

/// Formats of string fields used by the descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Uuid,
    Uri,
    Email,
}

impl Format {
    /// The name the descriptor uses.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Uuid => "uuid",
            Format::Uri => "uri",
            Format::Email => "email",
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub field_type: FieldType,
    pub format: Option<Format>,
    pub required: bool,
    /// Unique among the non-empty values of the column (Frictionless semantics).
    pub unique: bool,
    /// When not empty, the only values allowed.
    pub enum_values: &'static [&'static str],
}

/// `field` of a table holds the `reference_field` of a row of `resource`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ForeignKey {
    pub field: &'static str,
    pub resource: &'static str,
    pub reference_field: &'static str,
}

/// One table (resource) of the package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// The resource name, e.g. `organization`.
    pub name: &'static str,
    /// The file name, e.g. `organizations.csv`.
    pub path: &'static str,
    /// Derived from the name: the descriptor gives resources no title.
    pub title: &'static str,
    pub description: &'static str,
    pub primary_key: &'static str,
    /// In the descriptor's order, which is the column order of exported files.
    pub fields: &'static [Field],
    /// Exactly the descriptor's `foreignKeys`; see [`Table::references`].
    pub foreign_keys: &'static [ForeignKey],
}

/// Package-level metadata of the descriptor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PackageInfo {
    pub name: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub profile: &'static str,
    pub version: &'static str,
    pub homepage: &'static str,
    pub license: License,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct License {
    pub name: &'static str,
    /// The descriptor's `type`, an SPDX identifier.
    pub license_type: &'static str,
    pub url: &'static str,
}

/// Hierarchies the descriptor describes only in prose: `parent_organization_id`
/// is "the identifier of the organization's parent organization" and
/// `parent_id` that of the parent term, yet neither is in `foreignKeys`. A
/// dangling parent would break the hierarchy just as much as a dangling
/// `organization_id`, so validation checks them too.
static PARENT_REFERENCES: &[(&str, ForeignKey)] = &[
    (
        "organization",
        ForeignKey {
            field: "parent_organization_id",
            resource: "organization",
            reference_field: "id",
        },
    ),
    (
        "taxonomy_term",
        ForeignKey {
            field: "parent_id",
            resource: "taxonomy_term",
            reference_field: "id",
        },
    ),
];

impl Table {
    /// The column called `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Every reference a row's values must satisfy: the descriptor's
    /// foreign keys followed by the parent references it leaves undeclared
    /// (organization.parent_organization_id, taxonomy_term.parent_id).
    pub fn references(&self) -> impl Iterator<Item = &'static ForeignKey> + use<> {
        let name = self.name;
        self.foreign_keys.iter().chain(
            PARENT_REFERENCES
                .iter()
                .filter(move |(t, _)| *t == name)
                .map(|(_, fk)| fk),
        )
    }
}

/// The table whose resource name is `name` (e.g. `organization`).
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// The table stored in the file `path` (e.g. `organizations.csv`).
pub fn table_by_path(path: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.path == path)
}

static IMPORT_ORDER: LazyLock<Vec<&'static Table>> = LazyLock::new(|| {
    // Repeatedly takes the first table, in descriptor order, whose referenced
    // tables are all placed: deterministic, and close to the descriptor's order.
    let mut order: Vec<&'static Table> = Vec::with_capacity(TABLES.len());
    while order.len() < TABLES.len() {
        let next = TABLES
            .iter()
            .find(|t| {
                !order.iter().any(|o| o.name == t.name)
                    && t.foreign_keys.iter().all(|fk| {
                        fk.resource == t.name || order.iter().any(|o| o.name == fk.resource)
                    })
            })
            .expect("the descriptor's foreign keys have no cycle");
        order.push(next);
    }
    order
});

/// Every table, each after the tables it references (self-references aside),
/// so that rows can be inserted in this order.
pub fn import_order() -> &'static [&'static Table] {
    &IMPORT_ORDER
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_find_tables_and_fields() {
        let org = table("organization").unwrap();
        assert_eq!(org.path, "organizations.csv");
        assert_eq!(table_by_path("services.csv").unwrap().name, "service");
        assert!(table("organizations").is_none());
        assert!(table_by_path("organization").is_none());
        assert_eq!(org.field("name").unwrap().title, "Name");
        assert!(org.field("nom").is_none());
        assert_eq!(
            table("service_at_location").unwrap().title,
            "Service at location"
        );
    }

    #[test]
    fn import_order_places_referenced_tables_first() {
        let order = import_order();
        assert_eq!(order.len(), TABLES.len());
        let pos = |name: &str| order.iter().position(|t| t.name == name).unwrap();
        for t in TABLES {
            for fk in t.references() {
                if fk.resource != t.name {
                    assert!(
                        pos(fk.resource) < pos(t.name),
                        "{} before {}",
                        fk.resource,
                        t.name
                    );
                }
            }
        }
        assert_eq!(order[0].name, "organization");
    }

    #[test]
    fn parent_references_complete_the_declared_ones() {
        let org = table("organization").unwrap();
        assert!(org.foreign_keys.is_empty());
        let refs: Vec<_> = org.references().map(|fk| fk.field).collect();
        assert_eq!(refs, ["parent_organization_id"]);
        let term = table("taxonomy_term").unwrap();
        let refs: Vec<_> = term
            .references()
            .map(|fk| (fk.field, fk.resource))
            .collect();
        assert_eq!(
            refs,
            [("taxonomy_id", "taxonomy"), ("parent_id", "taxonomy_term")]
        );
        for (t, fk) in PARENT_REFERENCES {
            assert!(table(t).unwrap().field(fk.field).is_some());
        }
    }

    #[test]
    fn metadata_is_the_descriptors() {
        assert_eq!(PACKAGE.name, "human_services_data");
        assert_eq!(PACKAGE.version, "3.0.0");
        assert_eq!(PACKAGE.profile, "tabular-data-package");
        assert_eq!(PACKAGE.license.license_type, "CC-BY-SA-4.0");
    }
}
