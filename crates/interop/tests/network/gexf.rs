//! GEXF 1.3: well-formed, structured as the published 1.3 specification
//! says (elements, required attributes, namespaces, declared attribute types
//! and the values that match them, references between them), and valid
//! against the official RELAX NG grammar vendored in `vendor/gexf-1.3/`
//! (every document these tests write is checked against it).

use std::collections::{HashMap, HashSet};

use maillage_interop::network::{
    AttrValue, ExportEdge, ExportGraph, ExportNode, GEXF_NAMESPACE, GEXF_VIZ_NAMESPACE, write_gexf,
};

use crate::xml::{Element, parse};
use crate::{
    CONTROL_LABEL_CLEAN, HOSTILE_ID, HOSTILE_IDS, HOSTILE_LABEL, IMPLICIT_ID, Validation,
    hostile_graph, text, validate_gexf, xmllint_well_formed, ymd,
};

const NS: &str = GEXF_NAMESPACE;
const VIZ: &str = GEXF_VIZ_NAMESPACE;
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

/// GEXF 1.3 attribute types (`attrtype-type`).
const TYPES: &[&str] = &[
    "integer",
    "long",
    "double",
    "float",
    "boolean",
    "string",
    "anyURI",
    "bigdecimal",
    "biginteger",
    "char",
    "short",
    "byte",
    "liststring",
    "listinteger",
    "listlong",
    "listdouble",
    "listfloat",
    "listboolean",
    "listanyURI",
    "listbigdecimal",
    "listbiginteger",
    "listchar",
    "listshort",
    "listbyte",
];

fn is_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

fn is_double(s: &str) -> bool {
    // xs:double lexical form: what Rust parses, minus its words.
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
        && s.parse::<f64>().is_ok_and(f64::is_finite)
}

fn is_float(s: &str) -> bool {
    is_double(s) && s.parse::<f32>().is_ok_and(f32::is_finite)
}

fn value_fits(ty: &str, v: &str) -> bool {
    match ty {
        "long" => v.parse::<i64>().is_ok(),
        "integer" => v.parse::<i32>().is_ok(),
        "double" => is_double(v),
        "float" => is_float(v),
        "boolean" => matches!(v, "true" | "false" | "1" | "0"),
        _ => true,
    }
}

fn only_children(el: &Element, allowed: &[(&str, &str)]) {
    for c in &el.children {
        assert!(
            allowed.iter().any(|(ns, n)| c.is(ns, n)),
            "<{}> may not contain {{{:?}}}{}",
            el.name,
            c.ns,
            c.name
        );
    }
}

fn only_attrs(el: &Element, allowed: &[&str]) {
    for a in &el.attrs {
        assert!(
            a.ns.is_some() || allowed.contains(&a.name.as_str()),
            "<{}> has no attribute {}",
            el.name,
            a.name
        );
    }
}

fn one_of(el: &Element, name: &str, values: &[&str]) {
    if let Some(v) = el.attr(name) {
        assert!(values.contains(&v), "<{} {name}={v:?}>", el.name);
    }
}

fn required<'e>(el: &'e Element, name: &str) -> &'e str {
    el.attr(name)
        .unwrap_or_else(|| panic!("<{}> without its required {name}", el.name))
}

/// Everything the GEXF 1.3 schema checks on documents like ours, and the
/// references between them (attvalue → attribute, edge → node) that it
/// leaves to readers. Returns the parsed document.
#[expect(
    clippy::too_many_lines,
    reason = "a checklist of the schema's rules, read top to bottom beside the schema"
)]
fn check_structure(doc: &str) -> Element {
    let root = parse(doc).unwrap_or_else(|e| panic!("GEXF is not well-formed: {e}\n{doc}"));
    must_validate(doc);
    assert!(
        root.is(NS, "gexf"),
        "root is {{{:?}}}{}",
        root.ns,
        root.name
    );
    assert_eq!(root.attr("version"), Some("1.3"));
    only_attrs(&root, &["version", "variant"]);
    // The grammar allows no attribute of another namespace on the root, not
    // even `xsi:schemaLocation`.
    assert!(
        root.attrs.iter().all(|a| a.ns.is_none()),
        "the root has only GEXF attributes"
    );
    assert!(
        !root.declares.iter().any(|(_, uri)| uri == XSI),
        "no XML Schema instance namespace"
    );
    assert!(
        root.declares.contains(&("viz".to_owned(), VIZ.to_owned())),
        "viz namespace declared on the root"
    );
    only_children(&root, &[(NS, "meta"), (NS, "graph")]);
    let metas: Vec<_> = root.children_named(NS, "meta").collect();
    assert!(metas.len() <= 1);
    if let Some(meta) = metas.first() {
        assert!(root.children[0].is(NS, "meta"), "meta comes first");
        only_attrs(meta, &["lastmodifieddate"]);
        if let Some(d) = meta.attr("lastmodifieddate") {
            assert!(is_date(d), "lastmodifieddate {d:?}");
        }
        only_children(
            meta,
            &[(NS, "creator"), (NS, "keywords"), (NS, "description")],
        );
    }
    let graphs: Vec<_> = root.children_named(NS, "graph").collect();
    assert_eq!(graphs.len(), 1, "exactly one graph");
    let graph = graphs[0];
    only_attrs(
        graph,
        &[
            "defaultedgetype",
            "mode",
            "timeformat",
            "timerepresentation",
            "timezone",
            "start",
            "end",
            "idtype",
        ],
    );
    one_of(
        graph,
        "defaultedgetype",
        &["directed", "undirected", "mutual"],
    );
    one_of(graph, "mode", &["static", "dynamic", "slice"]);
    one_of(
        graph,
        "timeformat",
        &["integer", "double", "date", "dateTime"],
    );
    only_children(graph, &[(NS, "attributes"), (NS, "nodes"), (NS, "edges")]);

    let mut types: HashMap<(&str, &str), &str> = HashMap::new();
    for attrs in graph.children_named(NS, "attributes") {
        let class = required(attrs, "class");
        assert!(matches!(class, "node" | "edge"), "class {class:?}");
        only_attrs(attrs, &["class", "mode"]);
        only_children(attrs, &[(NS, "attribute")]);
        for a in &attrs.children {
            only_attrs(a, &["id", "title", "type"]);
            let id = required(a, "id");
            required(a, "title");
            let ty = required(a, "type");
            assert!(TYPES.contains(&ty), "attribute type {ty:?}");
            assert!(
                types.insert((class, id), ty).is_none(),
                "attribute id {id} declared twice for {class}"
            );
        }
    }
    let check_attvalues = |el: &Element, class: &str| {
        for avs in el.children_named(NS, "attvalues") {
            only_children(avs, &[(NS, "attvalue")]);
            for av in &avs.children {
                only_attrs(av, &["for", "value", "start", "end", "timestamp"]);
                let id = required(av, "for");
                let value = required(av, "value");
                let ty = types
                    .get(&(class, id))
                    .unwrap_or_else(|| panic!("attvalue for undeclared {class} attribute {id}"));
                assert!(value_fits(ty, value), "{value:?} is not a {ty}");
            }
        }
    };

    let mut node_ids = HashSet::new();
    let nodes: Vec<_> = graph.children_named(NS, "nodes").collect();
    assert_eq!(nodes.len(), 1);
    only_children(nodes[0], &[(NS, "node")]);
    for n in &nodes[0].children {
        only_attrs(n, &["id", "label", "pid", "start", "end"]);
        let id = required(n, "id");
        assert!(node_ids.insert(id.to_owned()), "node id {id:?} twice");
        only_children(
            n,
            &[
                (NS, "attvalues"),
                (NS, "spells"),
                (VIZ, "color"),
                (VIZ, "position"),
                (VIZ, "size"),
                (VIZ, "shape"),
            ],
        );
        check_attvalues(n, "node");
        for c in n.children_named(VIZ, "color") {
            for ch in ["r", "g", "b"] {
                let v: u16 = required(c, ch).parse().expect("colour channel");
                assert!(v <= 255);
            }
        }
        for pos in n.children_named(VIZ, "position") {
            for axis in ["x", "y", "z"] {
                if let Some(v) = pos.attr(axis) {
                    assert!(is_float(v), "position {axis}={v:?}");
                }
            }
        }
        for s in n.children_named(VIZ, "size") {
            let v = required(s, "value");
            assert!(
                is_float(v) && v.parse::<f32>().unwrap() >= 0.0,
                "size {v:?}"
            );
        }
    }
    let dynamic_dates =
        graph.attr("mode") == Some("dynamic") && graph.attr("timeformat") == Some("date");
    let edges: Vec<_> = graph.children_named(NS, "edges").collect();
    assert_eq!(edges.len(), 1);
    only_children(edges[0], &[(NS, "edge")]);
    let mut edge_ids = HashSet::new();
    for e in &edges[0].children {
        only_attrs(
            e,
            &[
                "id", "source", "target", "weight", "type", "kind", "label", "start", "end",
            ],
        );
        if let Some(id) = e.attr("id") {
            assert!(edge_ids.insert(id.to_owned()), "edge id {id:?} twice");
        }
        for end in ["source", "target"] {
            let id = required(e, end);
            assert!(node_ids.contains(id), "edge {end} {id:?} is not a node");
        }
        if let Some(w) = e.attr("weight") {
            assert!(is_double(w), "weight {w:?}");
        }
        one_of(e, "type", &["directed", "undirected", "mutual"]);
        if let Some(s) = e.attr("start") {
            assert!(dynamic_dates && is_date(s), "edge start {s:?}");
        }
        only_children(
            e,
            &[
                (NS, "attvalues"),
                (NS, "spells"),
                (VIZ, "color"),
                (VIZ, "thickness"),
                (VIZ, "shape"),
            ],
        );
        check_attvalues(e, "edge");
    }
    root
}

/// Validation against the official grammar, which every written document
/// must pass.
fn must_validate(doc: &str) -> Validation {
    match validate_gexf(doc) {
        Ok(v) => v,
        Err(e) => panic!("GEXF refused by the official RELAX NG grammar: {e}\n{doc}"),
    }
}

fn graph_of(root: &Element) -> &Element {
    root.child(NS, "graph").unwrap()
}

fn nodes_of(root: &Element) -> Vec<&Element> {
    graph_of(root)
        .child(NS, "nodes")
        .unwrap()
        .children
        .iter()
        .collect()
}

fn edges_of(root: &Element) -> Vec<&Element> {
    graph_of(root)
        .child(NS, "edges")
        .unwrap()
        .children
        .iter()
        .collect()
}

/// Declared attributes of `class`: id → (title, type).
fn declared<'e>(root: &'e Element, class: &str) -> HashMap<&'e str, (&'e str, &'e str)> {
    graph_of(root)
        .children_named(NS, "attributes")
        .filter(|a| a.attr("class") == Some(class))
        .flat_map(|a| a.children.iter())
        .map(|a| {
            (
                a.attr("id").unwrap(),
                (a.attr("title").unwrap(), a.attr("type").unwrap()),
            )
        })
        .collect()
}

/// title → value of the attvalues of `el`.
fn values<'e>(root: &'e Element, class: &str, el: &'e Element) -> HashMap<&'e str, &'e str> {
    let decl = declared(root, class);
    el.children_named(NS, "attvalues")
        .flat_map(|a| a.children.iter())
        .map(|av| (decl[av.attr("for").unwrap()].0, av.attr("value").unwrap()))
        .collect()
}

#[test]
fn gexf_is_well_formed_and_structured_as_1_3() {
    for directed in [true, false] {
        let doc = write_gexf(&hostile_graph(directed));
        let root = check_structure(&doc);
        let graph = graph_of(&root);
        assert_eq!(
            graph.attr("defaultedgetype"),
            Some(if directed { "directed" } else { "undirected" })
        );
        xmllint_well_formed("gexf", &doc);
    }
    let empty = write_gexf(&ExportGraph::default());
    let root = check_structure(&empty);
    assert!(nodes_of(&root).is_empty() && edges_of(&root).is_empty());
    assert_eq!(graph_of(&root).attr("mode"), Some("static"));
    xmllint_well_formed("gexf", &empty);
}

/// A graph shaped like the web exports: float metrics, an integer
/// community, text columns (some empty), per-source weights, viz colour,
/// position and size on every node; `first_seen` on some edges only.
fn web_like_graph(dynamic: bool) -> ExportGraph {
    let node = |id: &str, name: &str, sector: &str, x: f64, color: &str| {
        let mut n = ExportNode::new(id, name);
        n.attributes = vec![
            ("organization".into(), text("")),
            ("sector".into(), text(sector)),
            ("sector_label".into(), text("Santé et services sociaux")),
            ("territory".into(), text("Saguenay")),
            ("degree".into(), AttrValue::Float(0.5)),
            ("betweenness".into(), AttrValue::Float(0.0)),
            (
                "closeness".into(),
                AttrValue::Float(0.666_666_666_666_666_6),
            ),
            ("eigenvector".into(), AttrValue::Float(1e-17)),
            ("community".into(), AttrValue::Integer(0)),
        ];
        n.position = Some((x * 1000.0, -0.125));
        n.color = Some(color.into());
        n.size = Some(6.0);
        n
    };
    let mut e = ExportEdge::new("a", "b", 3.0);
    e.attributes = vec![
        ("sources".into(), text("co-attendance;same-table")),
        ("weight_co-attendance".into(), AttrValue::Float(2.0)),
        ("weight_same-table".into(), AttrValue::Float(1.0)),
    ];
    if dynamic {
        e.first_seen = Some(ymd(2025, 9, 18));
    }
    let mut f = ExportEdge::new("b", "c", 0.25);
    f.attributes = vec![("sources".into(), text("declared"))];
    ExportGraph {
        directed: false,
        title: "Réseau du regroupement « Table »".into(),
        description: "Liens entre organismes".into(),
        last_modified: Some(ymd(2026, 12, 7)),
        nodes: vec![
            node(
                "a",
                "CLSC du Fjord",
                "sante-services-sociaux",
                0.25,
                "#1f77b4",
            ),
            node("b", "École des Cèdres", "education", -0.5, "#FF7F0E"),
            node("c", "Maison de la famille", "", 0.0, "#2ca02c"),
        ],
        edges: vec![e, f],
    }
}

#[test]
fn gexf_validates_against_the_official_grammar() {
    let mut docs: Vec<String> = [true, false]
        .into_iter()
        .flat_map(|d| {
            [
                write_gexf(&hostile_graph(d)),
                write_gexf(&web_like_graph(d)),
            ]
        })
        .collect();
    docs.push(write_gexf(&ExportGraph::default()));
    for doc in &docs {
        check_structure(doc);
    }
    let doc = &docs[0];
    if must_validate(doc) == Validation::Skipped {
        return;
    }
    // The validator really runs: a wrong version, an `xsi:schemaLocation`
    // on the root (what the export wrote before) and a viz element outside
    // the viz namespace are refused.
    let broken = doc.replacen("version=\"1.3\"", "version=\"9.9\"", 1);
    assert!(
        validate_gexf(&broken).is_err(),
        "the grammar accepted version 9.9"
    );
    let located = doc.replacen(
        " version=\"1.3\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\"",
        1,
    );
    assert!(
        validate_gexf(&located).is_err(),
        "the grammar accepted xsi:schemaLocation"
    );
    let misplaced = doc.replacen("<viz:color ", "<color ", 1);
    assert!(misplaced.contains("<color "));
    assert!(
        validate_gexf(&misplaced).is_err(),
        "the grammar accepted a colour in the GEXF namespace"
    );
}

#[test]
fn a_graph_without_dates_is_static_and_valid() {
    let doc = write_gexf(&web_like_graph(false));
    let root = check_structure(&doc);
    let graph = graph_of(&root);
    assert_eq!(graph.attr("mode"), Some("static"));
    assert_eq!(graph.attr("timeformat"), None);
    assert!(
        nodes_of(&root)
            .iter()
            .all(|n| n.child(VIZ, "color").is_some()
                && n.child(VIZ, "position").is_some()
                && n.child(VIZ, "size").is_some())
    );
}

#[test]
fn gexf_keeps_hostile_ids_and_labels() {
    let g = hostile_graph(true);
    let doc = write_gexf(&g);
    let root = check_structure(&doc);
    let nodes = nodes_of(&root);
    let ids: Vec<_> = nodes.iter().map(|n| n.attr("id").unwrap()).collect();
    assert_eq!(
        ids, HOSTILE_IDS,
        "duplicate dropped, implicit node appended"
    );
    let labels: Vec<_> = nodes.iter().map(|n| n.attr("label").unwrap()).collect();
    assert_eq!(
        labels,
        [HOSTILE_ID, HOSTILE_LABEL, CONTROL_LABEL_CLEAN, IMPLICIT_ID]
    );
    let edges = edges_of(&root);
    let ends: Vec<_> = edges
        .iter()
        .map(|e| (e.attr("source").unwrap(), e.attr("target").unwrap()))
        .collect();
    assert_eq!(
        ends,
        [
            ("org-1", HOSTILE_ID),
            (HOSTILE_ID, crate::COMMA_ID),
            ("org-1", IMPLICIT_ID)
        ]
    );
    // Raw text never leaks: no `<script`, no bare quote inside a value.
    assert!(!doc.contains("<script"));
    assert!(doc.contains("L’Envolée &amp; fils &quot;Jonquière&quot;"));
    assert!(!doc.contains('\u{1}') && !doc.contains('\u{FFFE}') && !doc.contains('\u{0}'));
    let meta = root.child(NS, "meta").unwrap();
    assert_eq!(meta.attr("lastmodifieddate"), Some("2025-03-14"));
    assert_eq!(meta.child(NS, "creator").unwrap().text, "maillage");
    assert_eq!(
        meta.child(NS, "description").unwrap().text,
        format!("{} — {}", g.title, g.description)
    );
}

#[test]
fn gexf_declares_typed_attributes_and_viz() {
    let doc = write_gexf(&hostile_graph(true));
    let root = check_structure(&doc);
    let mut node_decl: Vec<_> = declared(&root, "node").into_iter().collect();
    node_decl.sort_by_key(|(id, _)| id.parse::<u32>().unwrap());
    let node_decl: Vec<_> = node_decl.into_iter().map(|(_, d)| d).collect();
    assert_eq!(
        node_decl,
        [
            ("sector", "string"),
            ("territory", "string"),
            ("degree", "long"),
            ("betweenness", "double"),
            ("community", "long"),
            ("active", "boolean"),
            ("joined", "string"),
            ("note", "string"),
        ]
    );
    let mut edge_decl: Vec<_> = declared(&root, "edge").into_values().collect();
    edge_decl.sort_unstable();
    assert_eq!(edge_decl, [("first_seen", "string"), ("sources", "string")]);

    let nodes = nodes_of(&root);
    let a = values(&root, "node", nodes[0]);
    assert_eq!(a["degree"], "3");
    assert_eq!(a["betweenness"], "0.25");
    assert_eq!(a["active"], "true");
    assert_eq!(a["joined"], "2024-09-01");
    assert_eq!(a["sector"], "Santé et services sociaux, CIUSSS");
    let color = nodes[0].child(VIZ, "color").unwrap();
    assert_eq!(
        (color.attr("r"), color.attr("g"), color.attr("b")),
        (Some("31"), Some("119"), Some("180"))
    );
    let pos = nodes[0].child(VIZ, "position").unwrap();
    assert_eq!(
        (pos.attr("x"), pos.attr("y")),
        (Some("12.5"), Some("-3.25"))
    );
    assert_eq!(
        nodes[0].child(VIZ, "size").unwrap().attr("value"),
        Some("10")
    );

    // Node b: first `degree` wins, NaN betweenness, bad colour, infinite
    // position and negative size are left out.
    let b = values(&root, "node", nodes[1]);
    assert_eq!(b["degree"], "2");
    assert!(!b.contains_key("betweenness"));
    assert!(nodes[1].child(VIZ, "color").is_none());
    assert!(nodes[1].child(VIZ, "position").is_none());
    assert!(nodes[1].child(VIZ, "size").is_none());
    let c = values(&root, "node", nodes[2]);
    assert_eq!(c["note"], "]]> & <!-- -->");
    assert_eq!(
        nodes[2].child(VIZ, "size").unwrap().attr("value"),
        Some("0")
    );

    let edges = edges_of(&root);
    assert_eq!(edges[0].attr("weight"), Some("2.5"));
    assert_eq!(edges[0].attr("start"), Some("2024-10-03"));
    let e0 = values(&root, "edge", edges[0]);
    assert_eq!(e0["sources"], "co-attendance;joint-action");
    assert_eq!(e0["first_seen"], "2024-10-03");
    assert_eq!(edges[1].attr("start"), None);
    let graph = graph_of(&root);
    assert_eq!(graph.attr("mode"), Some("dynamic"));
    assert_eq!(graph.attr("timeformat"), Some("date"));
}

#[test]
fn gexf_leaves_out_non_finite_numbers() {
    let mut n = ExportNode::new("a", "A");
    n.attributes = vec![
        ("x".into(), AttrValue::Float(f64::INFINITY)),
        ("y".into(), AttrValue::Float(f64::NEG_INFINITY)),
    ];
    n.size = Some(f64::NAN);
    n.position = Some((1e300, 0.0));
    let g = ExportGraph {
        nodes: vec![n],
        edges: vec![ExportEdge::new("a", "b", f64::NAN)],
        ..ExportGraph::default()
    };
    let doc = write_gexf(&g);
    let root = check_structure(&doc);
    let nodes = nodes_of(&root);
    assert!(nodes[0].children.is_empty(), "{doc}");
    assert_eq!(edges_of(&root)[0].attr("weight"), None);
    assert!(!doc.contains("inf") && !doc.contains("NaN"));
    xmllint_well_formed("gexf", &doc);
}

#[test]
fn gexf_is_deterministic_and_exact() {
    let mut a = ExportNode::new("a", "Écho & cie");
    a.attributes = vec![("sector".into(), AttrValue::Text("santé".into()))];
    a.position = Some((1.0, 2.0));
    a.color = Some("#ff0000".into());
    a.size = Some(3.5);
    let mut e = ExportEdge::new("a", "b", 2.0);
    e.first_seen = Some(ymd(2025, 1, 2));
    let g = ExportGraph {
        directed: false,
        title: "T".into(),
        description: String::new(),
        last_modified: Some(ymd(2025, 3, 14)),
        nodes: vec![a, ExportNode::new("b", "B")],
        edges: vec![e],
    };
    let doc = write_gexf(&g);
    assert_eq!(doc, write_gexf(&g.clone()));
    let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
  <meta lastmodifieddate="2025-03-14">
    <creator>maillage</creator>
    <description>T</description>
  </meta>
  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">
    <attributes class="node">
      <attribute id="0" title="sector" type="string"/>
    </attributes>
    <attributes class="edge">
      <attribute id="0" title="first_seen" type="string"/>
    </attributes>
    <nodes>
      <node id="a" label="Écho &amp; cie">
        <attvalues>
          <attvalue for="0" value="santé"/>
        </attvalues>
        <viz:color r="255" g="0" b="0"/>
        <viz:position x="1" y="2" z="0"/>
        <viz:size value="3.5"/>
      </node>
      <node id="b" label="B"/>
    </nodes>
    <edges>
      <edge id="0" source="a" target="b" weight="2" start="2025-01-02">
        <attvalues>
          <attvalue for="0" value="2025-01-02"/>
        </attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
"#;
    assert_eq!(doc, expected);
    check_structure(&doc);
}
