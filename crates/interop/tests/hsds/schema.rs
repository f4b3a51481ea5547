//! The generated Rust schema is the official descriptor, field by field.

use maillage_domain::hsds::{self, PACKAGE, TABLES};
use serde_json::Value;

use super::official;

fn descriptor() -> Value {
    let text = std::fs::read_to_string(official().join("datapackage.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn package_metadata_is_the_descriptors() {
    let d = descriptor();
    assert_eq!(d["name"], PACKAGE.name);
    assert_eq!(d["title"], PACKAGE.title);
    assert_eq!(d["description"], PACKAGE.description);
    assert_eq!(d["profile"], PACKAGE.profile);
    assert_eq!(d["version"], PACKAGE.version);
    assert_eq!(PACKAGE.version, "3.0.0");
    assert_eq!(d["homepage"], PACKAGE.homepage);
    assert_eq!(d["license"]["name"], PACKAGE.license.name);
    assert_eq!(d["license"]["type"], PACKAGE.license.license_type);
    assert_eq!(d["license"]["url"], PACKAGE.license.url);
}

#[test]
fn every_table_and_field_is_the_descriptors() {
    let d = descriptor();
    let resources = d["resources"].as_array().unwrap();
    assert_eq!(resources.len(), TABLES.len());
    for (resource, table) in resources.iter().zip(TABLES) {
        let name = table.name;
        assert_eq!(resource["name"], name);
        assert_eq!(resource["path"], table.path, "{name}");
        assert_eq!(resource["description"], table.description, "{name}");
        assert_eq!(resource["profile"], hsds::RESOURCE_PROFILE, "{name}");
        assert_eq!(resource["format"], hsds::RESOURCE_FORMAT, "{name}");
        assert_eq!(resource["mediatype"], hsds::RESOURCE_MEDIATYPE, "{name}");
        let schema = &resource["schema"];
        assert_eq!(schema["primaryKey"], table.primary_key, "{name}");

        let fks: Vec<(String, String, String)> = schema["foreignKeys"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|fk| {
                        (
                            fk["fields"].as_str().unwrap().to_owned(),
                            fk["reference"]["resource"].as_str().unwrap().to_owned(),
                            fk["reference"]["fields"].as_str().unwrap().to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let ours: Vec<(String, String, String)> = table
            .foreign_keys
            .iter()
            .map(|fk| {
                (
                    fk.field.into(),
                    fk.resource.into(),
                    fk.reference_field.into(),
                )
            })
            .collect();
        assert_eq!(fks, ours, "{name} foreign keys");

        let fields = schema["fields"].as_array().unwrap();
        assert_eq!(fields.len(), table.fields.len(), "{name}");
        for (f, ours) in fields.iter().zip(table.fields) {
            let at = format!("{name}.{}", ours.name);
            assert_eq!(f["name"], ours.name, "{at}");
            assert_eq!(f["type"], ours.field_type.as_str(), "{at}");
            assert_eq!(
                f["format"].as_str(),
                ours.format.map(hsds::Format::as_str),
                "{at}"
            );
            assert_eq!(f["title"], ours.title, "{at}");
            assert_eq!(f["description"], ours.description, "{at}");
            let c = &f["constraints"];
            assert_eq!(
                c["required"].as_bool().unwrap_or(false),
                ours.required,
                "{at}"
            );
            assert_eq!(c["unique"].as_bool().unwrap_or(false), ours.unique, "{at}");
            let values: Vec<&str> = c["enum"]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().unwrap()).collect())
                .unwrap_or_default();
            assert_eq!(values, ours.enum_values, "{at}");
        }
    }
}

#[test]
fn the_descriptors_own_examples_pass_its_rules() {
    // Every field of the descriptor carries an example value.
    let d = descriptor();
    for (resource, table) in d["resources"].as_array().unwrap().iter().zip(TABLES) {
        for (f, field) in resource["schema"]["fields"]
            .as_array()
            .unwrap()
            .iter()
            .zip(table.fields)
        {
            if let Some(example) = f["example"].as_str().filter(|e| !e.is_empty()) {
                assert_eq!(
                    hsds::check_value(field, example),
                    Ok(()),
                    "{}.{}",
                    table.name,
                    field.name
                );
            }
        }
    }
}
