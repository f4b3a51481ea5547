//! Nodes and edges CSV: RFC 4180, and the edges file reads back with the
//! reader of `maillage graph metrics --edges FILE --weight-column weight`.

use maillage_graph::{EdgesOptions, read_edges};
use maillage_interop::network::{
    AttrValue, ExportEdge, ExportGraph, ExportNode, write_edges_csv, write_nodes_csv,
};

use crate::{CONTROL_LABEL_CLEAN, HOSTILE_ID, HOSTILE_IDS, HOSTILE_LABEL, hostile_graph};

fn records(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(text.as_bytes());
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn nodes_csv_has_id_label_and_attribute_columns() {
    let text = write_nodes_csv(&hostile_graph(true));
    assert!(text.ends_with("\r\n"));
    let rows = records(&text);
    assert_eq!(
        rows[0],
        [
            "id",
            "label",
            "sector",
            "territory",
            "degree",
            "betweenness",
            "community",
            "active",
            "joined",
            "note"
        ]
    );
    let ids: Vec<_> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, HOSTILE_IDS);
    assert_eq!(rows[1][1], HOSTILE_ID);
    assert_eq!(
        rows[1][2..],
        [
            "Santé et services sociaux, CIUSSS",
            "Saguenay–Lac-Saint-Jean",
            "3",
            "0.25",
            "1",
            "true",
            "2024-09-01",
            ""
        ]
    );
    assert_eq!(rows[2][1], HOSTILE_LABEL);
    assert_eq!(rows[2][5], "", "NaN betweenness is an empty field");
    assert_eq!(rows[2][4], "2", "the first of a repeated attribute wins");
    // CSV keeps every character: it is not XML.
    assert_eq!(rows[3][1], "Tab\there\nnew line\u{1}\u{FFFE} ctrl");
    assert_ne!(rows[3][1], CONTROL_LABEL_CLEAN);
    assert_eq!(rows[3][9], "]]> & <!-- -->\u{0}");
    assert_eq!(rows[4][1], rows[4][0], "implicit node labelled by its id");
    // Quoting: the comma and quotes of hostile ids are quoted, doubled.
    assert!(text.contains("\"L’Envolée & fils \"\"Jonquière\"\"\""));
}

#[test]
fn edges_csv_reads_back_with_maillage_graph() {
    for directed in [true, false] {
        let g = hostile_graph(directed);
        let text = write_edges_csv(&g);
        let rows = records(&text);
        assert_eq!(
            rows[0],
            ["source", "target", "weight", "sources", "first_seen"]
        );
        assert_eq!(
            rows[1],
            [
                "org-1",
                HOSTILE_ID,
                "2.5",
                "co-attendance;joint-action",
                "2024-10-03"
            ]
        );
        let net = read_edges(
            text.as_bytes(),
            "edges.csv",
            &EdgesOptions {
                directed,
                weight_column: Some("weight".into()),
            },
        )
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert!(net.is_weighted());
        assert_eq!(net.is_directed(), directed);
        let ids = net.ids();
        let got: Vec<(&str, &str, f64)> = net
            .edges()
            .map(|(u, v, w)| (ids[u].as_str(), ids[v].as_str(), w))
            .collect();
        let want: Vec<(&str, &str, f64)> = g
            .edges
            .iter()
            .map(|e| (e.source.as_str(), e.target.as_str(), e.weight))
            .collect();
        assert_eq!(got, want);
    }
}

#[test]
fn csv_columns_follow_the_attributes_and_are_deterministic() {
    let mut a = ExportNode::new("a", "A");
    a.attributes = vec![
        ("id".into(), AttrValue::Text("réservé".into())),
        ("n".into(), AttrValue::Integer(1)),
    ];
    let mut b = ExportNode::new("b", "B");
    b.attributes = vec![
        ("n".into(), AttrValue::Float(1.5)),
        ("m".into(), AttrValue::Bool(false)),
    ];
    let mut e = ExportEdge::new("a", "b", 1.0);
    e.attributes = vec![
        ("weight".into(), AttrValue::Float(7.0)),
        ("first_seen".into(), AttrValue::Text("déclaré".into())),
    ];
    e.first_seen = Some(crate::ymd(2025, 1, 1));
    let g = ExportGraph {
        nodes: vec![a, b],
        edges: vec![e, ExportEdge::new("b", "c", f64::NAN)],
        ..ExportGraph::default()
    };
    let nodes = write_nodes_csv(&g);
    assert_eq!(nodes, write_nodes_csv(&g));
    assert_eq!(
        nodes,
        "id,label,n,m\r\na,A,1,\r\nb,B,1.5,false\r\nc,c,,\r\n"
    );
    let edges = write_edges_csv(&g);
    assert_eq!(
        edges, "source,target,weight,first_seen\r\na,b,1,déclaré\r\nb,c,,\r\n",
        "the user's first_seen column wins; a NaN weight is empty"
    );
    let empty = ExportGraph::default();
    assert_eq!(write_nodes_csv(&empty), "id,label\r\n");
    assert_eq!(write_edges_csv(&empty), "source,target,weight\r\n");
}
