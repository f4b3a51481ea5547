//! Every rule of the descriptor, applied to a package that was read.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use maillage_domain::hsds::{Field, ValueProblem, check_value};

use super::{KnownIds, Package, Problem, Row, TableData};

/// The rules of one field: its uniqueness index and the references it must
/// satisfy.
struct Rules<'a> {
    field: &'a Field,
    required: bool,
    seen: Option<HashMap<&'a str, u64>>,
    references: Vec<(&'static str, &'a HashSet<&'a str>)>,
}

/// Checks every rule of the descriptor: required columns present in the
/// header (once per file), required values, types and formats, enums,
/// unique values (per column, including the primary key) and references
/// (the descriptor's foreign keys plus the parent references it describes
/// without declaring: `organization.parent_organization_id`,
/// `taxonomy_term.parent_id`). A reference is satisfied by a row of the
/// referenced table in the package or by an id in `known`.
///
/// A value of the wrong type or format is reported once, not again as a
/// duplicate or a dangling reference.
pub fn validate(package: &Package, known: &dyn KnownIds) -> Vec<Problem> {
    let targets = reference_targets(package);
    let mut problems = Vec::new();
    for data in &package.tables {
        check_header(data, &mut problems);
        let mut rules = Rules::of_table(data, &targets);
        for row in &data.rows {
            for rule in &mut rules {
                rule.check(data.table.path, row, known, &mut problems);
            }
        }
    }
    problems
}

/// The values of a referenced field: (resource, field) → the values its rows
/// hold.
type Targets<'a> = HashMap<(&'a str, &'a str), HashSet<&'a str>>;

/// The values of every referenced (resource, field), built once so that
/// each reference is a hash lookup.
fn reference_targets(package: &Package) -> Targets<'_> {
    let mut targets: Targets<'_> = HashMap::new();
    for data in &package.tables {
        for fk in data.table.references() {
            targets
                .entry((fk.resource, fk.reference_field))
                .or_default();
        }
    }
    for data in &package.tables {
        for ((resource, field), set) in &mut targets {
            if *resource == data.table.name {
                set.extend(
                    data.rows
                        .iter()
                        .filter_map(|r| r.values.get(field).map(String::as_str)),
                );
            }
        }
    }
    targets
}

/// A required column missing from the header is reported once per file.
fn check_header(data: &TableData, problems: &mut Vec<Problem>) {
    for field in data
        .table
        .fields
        .iter()
        .filter(|f| f.required && !data.columns.contains(&f.name))
    {
        problems.push(Problem::cell(
            data.table.path,
            1,
            field.name,
            "a required column is missing from the header",
        ));
    }
}

impl<'a> Rules<'a> {
    /// The rules of every field of `data`'s table.
    fn of_table(data: &'a TableData, targets: &'a Targets<'a>) -> Vec<Self> {
        let table = data.table;
        let in_header = |name: &str| data.columns.contains(&name);
        table
            .fields
            .iter()
            .map(|field| Rules {
                field,
                required: field.required && in_header(field.name),
                seen: (field.unique || field.name == table.primary_key).then(HashMap::new),
                references: table
                    .references()
                    .filter(|fk| fk.field == field.name)
                    .map(|fk| (fk.resource, &targets[&(fk.resource, fk.reference_field)]))
                    .collect(),
            })
            .collect()
    }

    /// Checks this field's value in `row` (of `file`): present when
    /// required, well formed, unique, and each reference satisfied.
    fn check(
        &mut self,
        file: &str,
        row: &'a Row,
        known: &dyn KnownIds,
        problems: &mut Vec<Problem>,
    ) {
        let name = self.field.name;
        let Some(value) = row.values.get(name) else {
            if self.required {
                problems.push(Problem::cell(file, row.line, name, "a value is required").refused());
            }
            return;
        };
        if let Err(problem) = check_value(self.field, value) {
            let reported = Problem::cell(file, row.line, name, problem.to_string());
            problems.push(match problem {
                ValueProblem::Invalid { .. } | ValueProblem::TooLong { .. } => reported,
                ValueProblem::NotAllowed { .. } => reported.refused(),
            });
            return;
        }
        if let Some(seen) = &mut self.seen
            && let Some(first) = first_line(seen, value, row.line)
        {
            problems.push(
                Problem::cell(
                    file,
                    row.line,
                    name,
                    format!("`{value}` is already on line {first}; each value must be unique"),
                )
                .refused(),
            );
        }
        for (resource, ids) in &self.references {
            if !ids.contains(value.as_str()) && !known.contains(resource, value) {
                let path = maillage_domain::hsds::table(resource).map_or("", |t| t.path);
                problems.push(
                    Problem::cell(
                        file,
                        row.line,
                        name,
                        format!(
                            "no {resource} has the id `{value}` (neither in {path} nor among \
                             existing records)"
                        ),
                    )
                    .refused(),
                );
            }
        }
    }
}

/// The line where `value` was first seen, or `None` when this is the first time.
fn first_line<'a>(seen: &mut HashMap<&'a str, u64>, value: &'a str, line: u64) -> Option<u64> {
    match seen.entry(value) {
        Entry::Occupied(e) => Some(*e.get()),
        Entry::Vacant(e) => {
            e.insert(line);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use maillage_domain::hsds::table;

    use super::super::NoKnownIds;
    use super::*;

    const ORG: &str = "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610";
    const ORG2: &str = "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2";

    fn row(line: u64, values: &[(&'static str, &str)]) -> Row {
        Row {
            line,
            values: values
                .iter()
                .map(|(k, v)| (*k, (*v).to_owned()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    fn messages(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(ToString::to_string).collect()
    }

    fn orgs(rows: Vec<Row>) -> TableData {
        TableData {
            rows,
            ..TableData::new(table("organization").unwrap())
        }
    }

    #[test]
    fn a_valid_package_has_no_problem() {
        let package = Package {
            tables: vec![orgs(vec![
                row(2, &[("id", ORG), ("name", "A"), ("description", "d")]),
                row(
                    3,
                    &[
                        ("id", ORG2),
                        ("name", "B"),
                        ("description", "d"),
                        ("parent_organization_id", ORG),
                    ],
                ),
            ])],
        };
        assert_eq!(validate(&package, &NoKnownIds), []);
    }

    #[test]
    fn values_duplicates_and_parents() {
        let package = Package {
            tables: vec![orgs(vec![
                row(2, &[("id", ORG), ("name", "A")]),
                row(
                    3,
                    &[
                        ("id", ORG),
                        ("name", "B"),
                        ("description", "d"),
                        ("year_incorporated", "MMXI"),
                    ],
                ),
                row(
                    4,
                    &[
                        ("id", "x"),
                        ("name", "C"),
                        ("description", "d"),
                        ("parent_organization_id", ORG2),
                    ],
                ),
            ])],
        };
        assert_eq!(
            messages(&validate(&package, &NoKnownIds)),
            [
                "organizations.csv, line 2, column description: a value is required",
                format!("organizations.csv, line 3, column id: `{ORG}` is already on line 2; each value must be unique").as_str(),
                "organizations.csv, line 3, column year_incorporated: `MMXI` is not a valid number (expected a decimal number such as 12, -3.5 or 1e3)",
                "organizations.csv, line 4, column id: `x` is not a valid UUID (expected 8-4-4-4-12 hexadecimal digits)",
                format!("organizations.csv, line 4, column parent_organization_id: no organization has the id `{ORG2}` (neither in organizations.csv nor among existing records)").as_str(),
            ]
        );
        // Known ids satisfy references.
        let known = |r: &str, id: &str| r == "organization" && id == ORG2;
        assert_eq!(validate(&package, &known).len(), 4);
    }

    #[test]
    fn a_missing_required_column_is_reported_once() {
        let mut data = orgs(vec![
            row(2, &[("id", ORG), ("name", "A")]),
            row(3, &[("id", ORG2), ("name", "B")]),
        ]);
        data.columns = vec!["id", "name"];
        assert_eq!(
            messages(&validate(&Package { tables: vec![data] }, &NoKnownIds)),
            [
                "organizations.csv, line 1, column description: a required column is missing from the header"
            ]
        );
    }
}
