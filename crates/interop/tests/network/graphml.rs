//! GraphML: well-formed, structured as the GraphML 1.0 specification says,
//! and valid against the official XSD (required in CI, see `main.rs`).

use std::collections::{HashMap, HashSet};

use maillage_interop::network::{
    AttrValue, ExportEdge, ExportGraph, ExportNode, GRAPHML_NAMESPACE, GRAPHML_VERBATIM_ID,
    write_graphml,
};

use crate::xml::{Element, parse};
use crate::{
    CONTROL_LABEL_CLEAN, GRAPHML_DEFAULT, GRAPHML_VAR, HOSTILE_ID, HOSTILE_IDS, HOSTILE_LABEL,
    IMPLICIT_ID, Validation, hostile_graph, validate, xmllint_well_formed, ymd,
};

const NS: &str = GRAPHML_NAMESPACE;

/// An `xs:NMTOKEN` as the schema wants node ids, keys and key references
/// (the ASCII part of the rule, plus Latin letters).
fn nmtoken(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '.' | '-' | '_' | ':')
                || ('\u{C0}'..='\u{24F}').contains(&c)
        })
}

struct Key<'e> {
    for_: &'e str,
    name: &'e str,
    ty: &'e str,
}

fn value_fits(ty: &str, v: &str) -> bool {
    match ty {
        "int" => v.parse::<i32>().is_ok(),
        "long" => v.parse::<i64>().is_ok(),
        "float" | "double" => {
            v.bytes()
                .all(|b| b.is_ascii_digit() || b"+-.eE".contains(&b))
                && v.parse::<f64>().is_ok_and(f64::is_finite)
        }
        "boolean" => matches!(v, "true" | "false"),
        _ => true,
    }
}

/// What the GraphML schema checks on documents like ours, plus the typed
/// values of `<data>` that it leaves to readers.
#[expect(
    clippy::too_many_lines,
    reason = "a checklist of the schema's rules, read top to bottom beside the schema"
)]
fn check_structure(doc: &str) -> Element {
    let root = parse(doc).unwrap_or_else(|e| panic!("GraphML is not well-formed: {e}\n{doc}"));
    assert!(
        root.is(NS, "graphml"),
        "root {{{:?}}}{}",
        root.ns,
        root.name
    );
    let mut keys: HashMap<&str, Key<'_>> = HashMap::new();
    let mut seen_graph = false;
    for c in &root.children {
        if c.is(NS, "key") {
            assert!(!seen_graph, "keys come before the graph");
            let id = c.attr("id").expect("key id");
            assert!(nmtoken(id), "key id {id:?}");
            let for_ = c.attr("for").unwrap_or("all");
            assert!(
                matches!(
                    for_,
                    "all"
                        | "graph"
                        | "node"
                        | "edge"
                        | "hyperedge"
                        | "port"
                        | "endpoint"
                        | "graphml"
                ),
                "key for {for_:?}"
            );
            let ty = c.attr("attr.type").unwrap_or("string");
            assert!(
                matches!(
                    ty,
                    "boolean" | "int" | "long" | "float" | "double" | "string"
                ),
                "attr.type {ty:?}"
            );
            let name = c.attr("attr.name").expect("attr.name");
            assert!(
                keys.insert(id, Key { for_, name, ty }).is_none(),
                "key {id} declared twice"
            );
        } else if c.is(NS, "graph") {
            seen_graph = true;
        } else {
            panic!("unexpected <{}> in <graphml>", c.name);
        }
    }
    let graphs: Vec<_> = root.children_named(NS, "graph").collect();
    assert_eq!(graphs.len(), 1);
    let graph = graphs[0];
    let ed = graph.attr("edgedefault").expect("edgedefault is required");
    assert!(matches!(ed, "directed" | "undirected"));
    let check_data = |el: &Element, what: &str| {
        let mut used = HashSet::new();
        for d in el.children_named(NS, "data") {
            let k = d.attr("key").expect("data key");
            let key = keys
                .get(k)
                .unwrap_or_else(|| panic!("data for undeclared key {k}"));
            assert!(
                key.for_ == what || key.for_ == "all",
                "key {k} is for {}, used on {what}",
                key.for_
            );
            assert!(used.insert(k), "key {k} twice on one {what}");
            assert!(
                value_fits(key.ty, &d.text),
                "{:?} is not a {} ({})",
                d.text,
                key.ty,
                key.name
            );
        }
    };
    check_data(graph, "graph");
    let mut node_ids = HashSet::new();
    for c in &graph.children {
        if c.is(NS, "node") {
            let id = c.attr("id").expect("node id");
            assert!(nmtoken(id), "node id {id:?} is not an NMTOKEN");
            assert!(node_ids.insert(id), "node id {id:?} twice");
            for d in &c.children {
                assert!(d.is(NS, "data"), "unexpected <{}> in <node>", d.name);
            }
            check_data(c, "node");
        }
    }
    for c in &graph.children {
        if c.is(NS, "edge") {
            for end in ["source", "target"] {
                let id = c.attr(end).expect("edge end");
                assert!(node_ids.contains(id), "edge {end} {id:?} is not a node");
            }
            for d in &c.children {
                assert!(d.is(NS, "data"), "unexpected <{}> in <edge>", d.name);
            }
            check_data(c, "edge");
        } else {
            assert!(
                c.is(NS, "node") || c.is(NS, "data"),
                "unexpected <{}> in <graph>",
                c.name
            );
        }
    }
    root
}

fn graph_of(root: &Element) -> &Element {
    root.child(NS, "graph").unwrap()
}

/// attr.name → value of the data of `el`.
fn data<'e>(root: &'e Element, el: &'e Element) -> HashMap<&'e str, &'e str> {
    let names: HashMap<&str, &str> = root
        .children_named(NS, "key")
        .map(|k| (k.attr("id").unwrap(), k.attr("attr.name").unwrap()))
        .collect();
    el.children_named(NS, "data")
        .map(|d| (names[d.attr("key").unwrap()], d.text.as_str()))
        .collect()
}

fn key_types(root: &Element, for_: &str) -> Vec<(String, String)> {
    root.children_named(NS, "key")
        .filter(|k| k.attr("for") == Some(for_))
        .map(|k| {
            (
                k.attr("attr.name").unwrap().to_owned(),
                k.attr("attr.type").unwrap().to_owned(),
            )
        })
        .collect()
}

fn must_validate(doc: &str) -> Validation {
    match validate("graphml", GRAPHML_VAR, GRAPHML_DEFAULT, doc) {
        Ok(v) => v,
        Err(e) => panic!("GraphML refused by the official schema: {e}\n{doc}"),
    }
}

fn token_graph() -> ExportGraph {
    let mut a = ExportNode::new("org-1", HOSTILE_ID);
    a.attributes = vec![
        ("degree".into(), AttrValue::Integer(1)),
        ("weight".into(), AttrValue::Text("réservé".into())),
        ("label".into(), AttrValue::Text("réservé".into())),
    ];
    a.position = Some((1.5, -2.0));
    a.color = Some("#00AAff".into());
    let mut e = ExportEdge::new("org-1", "Québec.Saguenay_2", 3.0);
    e.attributes = vec![("weight".into(), AttrValue::Float(9.0))];
    ExportGraph {
        directed: true,
        title: "Titre".into(),
        nodes: vec![a],
        edges: vec![e],
        ..ExportGraph::default()
    }
}

#[test]
fn graphml_is_well_formed_structured_and_valid() {
    for g in [
        hostile_graph(true),
        hostile_graph(false),
        token_graph(),
        ExportGraph::default(),
    ] {
        let doc = write_graphml(&g);
        let root = check_structure(&doc);
        assert_eq!(
            graph_of(&root).attr("edgedefault"),
            Some(if g.directed { "directed" } else { "undirected" })
        );
        xmllint_well_formed("graphml", &doc);
        must_validate(&doc);
    }
}

#[test]
fn the_graphml_schema_really_runs() {
    let doc = write_graphml(&token_graph());
    if must_validate(&doc) == Validation::Skipped {
        return;
    }
    // An edge to a node that does not exist (the schema's keyref) and an id
    // that is not a name token are both refused.
    let dangling = doc.replacen("target=\"Québec.Saguenay_2\"", "target=\"nowhere\"", 1);
    assert!(validate("graphml", GRAPHML_VAR, GRAPHML_DEFAULT, &dangling).is_err());
    let spaced = doc.replace("org-1", "org 1");
    assert!(validate("graphml", GRAPHML_VAR, GRAPHML_DEFAULT, &spaced).is_err());
}

#[test]
fn graphml_ids_are_verbatim_when_they_are_name_tokens() {
    let doc = write_graphml(&token_graph());
    let root = check_structure(&doc);
    let graph = graph_of(&root);
    let ids: Vec<_> = graph
        .children_named(NS, "node")
        .map(|n| n.attr("id").unwrap())
        .collect();
    assert_eq!(ids, ["org-1", "Québec.Saguenay_2"]);
    assert!(
        !key_types(&root, "node")
            .iter()
            .any(|(n, _)| n == GRAPHML_VERBATIM_ID)
    );
    let a = data(&root, graph.child(NS, "node").unwrap());
    assert_eq!(
        a["label"], HOSTILE_ID,
        "the built-in label wins over the attribute"
    );
    assert_eq!(a["x"], "1.5");
    assert_eq!(a["y"], "-2");
    assert_eq!(a["color"], "#00aaff");
    assert_eq!((a["r"], a["g"], a["b"]), ("0", "170", "255"));
    assert_eq!(a["degree"], "1");
    let e = data(&root, graph.child(NS, "edge").unwrap());
    assert_eq!(
        e["weight"], "3",
        "the built-in weight wins over the attribute"
    );
    assert_eq!(data(&root, graph)["title"], "Titre");
}

#[test]
fn graphml_keeps_hostile_ids_in_data_with_generated_node_ids() {
    let g = hostile_graph(true);
    let doc = write_graphml(&g);
    let root = check_structure(&doc);
    let graph = graph_of(&root);
    let nodes: Vec<_> = graph.children_named(NS, "node").collect();
    let ids: Vec<_> = nodes.iter().map(|n| n.attr("id").unwrap()).collect();
    assert_eq!(ids, ["n0", "n1", "n2", "n3"]);
    let verbatim: Vec<_> = nodes
        .iter()
        .map(|n| data(&root, n)[GRAPHML_VERBATIM_ID])
        .collect();
    assert_eq!(verbatim, HOSTILE_IDS);
    let labels: Vec<_> = nodes.iter().map(|n| data(&root, n)["label"]).collect();
    assert_eq!(
        labels,
        [HOSTILE_ID, HOSTILE_LABEL, CONTROL_LABEL_CLEAN, IMPLICIT_ID]
    );
    let ends: Vec<_> = graph
        .children_named(NS, "edge")
        .map(|e| (e.attr("source").unwrap(), e.attr("target").unwrap()))
        .collect();
    assert_eq!(ends, [("n0", "n1"), ("n1", "n2"), ("n0", "n3")]);
    assert!(!doc.contains("<script"));
    assert!(!doc.contains('\u{1}') && !doc.contains('\u{FFFE}'));

    assert_eq!(
        key_types(&root, "graph"),
        [
            ("title".into(), "string".into()),
            ("description".into(), "string".into())
        ]
    );
    let node_keys: Vec<_> = key_types(&root, "node");
    let expect_node: Vec<(String, String)> = [
        (GRAPHML_VERBATIM_ID, "string"),
        ("label", "string"),
        ("x", "double"),
        ("y", "double"),
        ("size", "double"),
        ("color", "string"),
        ("r", "int"),
        ("g", "int"),
        ("b", "int"),
        ("sector", "string"),
        ("territory", "string"),
        ("degree", "long"),
        ("betweenness", "double"),
        ("community", "long"),
        ("active", "boolean"),
        ("joined", "string"),
        ("note", "string"),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    assert_eq!(node_keys, expect_node);
    assert_eq!(
        key_types(&root, "edge"),
        [
            ("weight".into(), "double".into()),
            ("sources".into(), "string".into()),
            ("first_seen".into(), "string".into())
        ]
    );
    let a = data(&root, nodes[0]);
    assert_eq!(a["joined"], "2024-09-01");
    assert_eq!(a["active"], "true");
    assert_eq!(a["size"], "10");
    let b = data(&root, nodes[1]);
    assert!(!b.contains_key("betweenness") && !b.contains_key("x") && !b.contains_key("size"));
    assert!(!b.contains_key("color"));
    let c = data(&root, nodes[2]);
    assert_eq!(c["y"], "0.0000001");
    let e0 = data(&root, graph.child(NS, "edge").unwrap());
    assert_eq!(e0["first_seen"], "2024-10-03");
    assert_eq!(e0["weight"], "2.5");
}

#[test]
fn graphml_leaves_out_non_finite_numbers_and_is_deterministic() {
    let mut n = ExportNode::new("a", "A");
    n.attributes = vec![("score".into(), AttrValue::Float(f64::NAN))];
    n.position = Some((0.0, f64::NAN));
    let mut e = ExportEdge::new("a", "b", f64::INFINITY);
    e.first_seen = Some(ymd(2025, 1, 1));
    let g = ExportGraph {
        nodes: vec![n],
        edges: vec![e],
        ..ExportGraph::default()
    };
    let doc = write_graphml(&g);
    assert_eq!(doc, write_graphml(&g));
    let root = check_structure(&doc);
    let graph = graph_of(&root);
    let a = data(&root, graph.child(NS, "node").unwrap());
    assert!(!a.contains_key("score") && !a.contains_key("x") && !a.contains_key("y"));
    let e = data(&root, graph.child(NS, "edge").unwrap());
    assert!(!e.contains_key("weight"));
    assert!(!doc.contains("inf") && !doc.contains("NaN"));
    must_validate(&doc);
}
