//! Network exports (issue 7): GEXF 1.3 and GraphML for Gephi and other
//! network tools, and the nodes and edges CSV files.
//!
//! A plain data model, filled by whoever computed the network (the links
//! between organizations, their sector, territory and metrics), and four
//! writers that return the whole file as a `String`. Output is
//! deterministic: the same graph gives the same bytes, nothing depends on the
//! clock or on hash order.
//!
//! Rules shared by every writer:
//! - Ids are written verbatim (CSV and GEXF always; GraphML when every id is
//!   an XML name token, see [`write_graphml`]).
//! - Nodes are written in the given order; a later node with an id already
//!   seen is dropped (the first wins). An edge endpoint that no node has
//!   becomes a node of its own, labelled by its id, appended after the given
//!   nodes in order of first appearance, so that every file is consistent.
//! - Attribute columns appear in order of first appearance (nodes in order,
//!   then attributes in order). A column's type is the type of its values;
//!   integers and floats mixed make a float column, any other mix a text
//!   column. When a node or edge repeats an attribute name, the first value
//!   wins. In CSV and GraphML, a user attribute named like a column the
//!   format writes itself (`id`, `label`, `weight`…) is dropped: the
//!   built-in column wins.
//! - When some edge has `first_seen` and no edge attribute is named
//!   `first_seen`, a `first_seen` date column is added from the field.
//! - Numbers are written only when finite: a NaN or infinite value (weight,
//!   attribute, position, size) is left out (an empty CSV field).
//! - In XML, every text is escaped and characters that XML 1.0 forbids
//!   (control characters other than tab, line feed and carriage return,
//!   U+FFFE, U+FFFF) are dropped.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use quick_xml::Writer;
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use crate::csv_out::{self, Cell};

/// The value of a node or edge attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum AttrValue {
    Text(String),
    Integer(i64),
    Float(f64),
    Bool(bool),
    Date(NaiveDate),
}

/// One node: an organization, usually.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportNode {
    pub id: String,
    pub label: String,
    /// E.g. sector, territory, degree, betweenness, community.
    pub attributes: Vec<(String, AttrValue)>,
    /// Layout coordinates (Gephi `viz:position`, GraphML `x`/`y`).
    pub position: Option<(f64, f64)>,
    /// `#rrggbb`; anything else is left out.
    pub color: Option<String>,
    /// Node size, ≥ 0; a negative or non-finite size is left out.
    pub size: Option<f64>,
}

impl ExportNode {
    pub fn new(id: impl Into<String>, label: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            ..Self::default()
        }
    }
}

/// One link between two nodes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportEdge {
    pub source: String,
    pub target: String,
    pub weight: f64,
    /// E.g. `sources` = `co-attendance;joint-action`.
    pub attributes: Vec<(String, AttrValue)>,
    /// When the link was first observed: GEXF `start` (the graph is then
    /// dynamic) and a `first_seen` column elsewhere.
    pub first_seen: Option<NaiveDate>,
}

impl ExportEdge {
    pub fn new(source: impl Into<String>, target: impl Into<String>, weight: f64) -> Self {
        Self {
            source: source.into(),
            target: target.into(),
            weight,
            ..Self::default()
        }
    }
}

/// A network ready to be written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExportGraph {
    pub directed: bool,
    pub title: String,
    pub description: String,
    /// GEXF `<meta lastmodifieddate>`; taken from the caller so that the
    /// output does not depend on the clock. `None` leaves it out.
    pub last_modified: Option<NaiveDate>,
    pub nodes: Vec<ExportNode>,
    pub edges: Vec<ExportEdge>,
}

pub const GEXF_NAMESPACE: &str = "http://gexf.net/1.3";
pub const GEXF_VIZ_NAMESPACE: &str = "http://gexf.net/1.3/viz";
pub const GRAPHML_NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";
pub const GRAPHML_SCHEMA_LOCATION: &str = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";
const XSI_NAMESPACE: &str = "http://www.w3.org/2001/XMLSchema-instance";
const FIRST_SEEN: &str = "first_seen";
const CREATOR: &str = "maillage";

// ---------------------------------------------------------------------------
// Columns shared by the writers.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColType {
    Text,
    Integer,
    Float,
    Bool,
    Date,
}

impl ColType {
    fn of(value: &AttrValue) -> Option<Self> {
        match value {
            AttrValue::Text(_) => Some(Self::Text),
            AttrValue::Integer(_) => Some(Self::Integer),
            AttrValue::Float(f) if f.is_finite() => Some(Self::Float),
            AttrValue::Float(_) => None,
            AttrValue::Bool(_) => Some(Self::Bool),
            AttrValue::Date(_) => Some(Self::Date),
        }
    }

    fn merge(self, other: Self) -> Self {
        match (self, other) {
            (a, b) if a == b => a,
            (Self::Integer, Self::Float) | (Self::Float, Self::Integer) => Self::Float,
            _ => Self::Text,
        }
    }

    fn gexf(self) -> &'static str {
        match self {
            // GEXF 1.3 has no date type: ISO 8601 text sorts and filters well.
            Self::Text | Self::Date => "string",
            Self::Integer => "long",
            Self::Float => "double",
            Self::Bool => "boolean",
        }
    }

    fn graphml(self) -> &'static str {
        match self {
            Self::Text | Self::Date => "string",
            Self::Integer => "long",
            Self::Float => "double",
            Self::Bool => "boolean",
        }
    }
}

#[derive(Debug, Clone)]
struct Column {
    name: String,
    ty: ColType,
    /// Fed from `ExportEdge::first_seen` instead of the attributes.
    from_first_seen: bool,
}

/// Columns of `rows`, in order of first appearance, without `reserved` names.
fn columns<'a>(
    rows: impl Iterator<Item = &'a [(String, AttrValue)]>,
    reserved: &[&str],
) -> Vec<Column> {
    let mut out: Vec<(String, Option<ColType>)> = Vec::new();
    for row in rows {
        for (name, value) in row {
            if reserved.contains(&name.as_str()) {
                continue;
            }
            let ty = ColType::of(value);
            match out.iter_mut().find(|(n, _)| n == name) {
                Some((_, existing)) => {
                    *existing = match (*existing, ty) {
                        (Some(a), Some(b)) => Some(a.merge(b)),
                        (a, b) => a.or(b),
                    };
                }
                None => out.push((name.clone(), ty)),
            }
        }
    }
    out.into_iter()
        .map(|(name, ty)| Column {
            name,
            // Only non-finite floats seen: a float column with no value.
            ty: ty.unwrap_or(ColType::Float),
            from_first_seen: false,
        })
        .collect()
}

fn format_float(f: f64) -> Option<String> {
    f.is_finite().then(|| format!("{f}"))
}

/// `xs:float` values (GEXF viz): written as `f32`, left out when they do not fit.
fn format_f32(f: f64) -> Option<String> {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "xs:float is single precision; out of range becomes infinite and is left out"
    )]
    let single = f as f32;
    single.is_finite().then(|| format!("{single}"))
}

fn format_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The text of `value` in a column of type `ty`, `None` when left out.
fn render(value: &AttrValue, ty: ColType) -> Option<Cow<'_, str>> {
    match value {
        AttrValue::Text(t) => match ty {
            ColType::Text => Some(Cow::Borrowed(t.as_str())),
            // Cannot happen: a text value makes a text column.
            _ => None,
        },
        AttrValue::Integer(i) => Some(Cow::Owned(i.to_string())),
        AttrValue::Float(f) => format_float(*f).map(Cow::Owned),
        AttrValue::Bool(b) => Some(Cow::Borrowed(if *b { "true" } else { "false" })),
        AttrValue::Date(d) => Some(Cow::Owned(format_date(*d))),
    }
}

impl Column {
    /// Only text can be read as a formula; numbers, booleans and dates are
    /// written as they are.
    fn csv_cell(&self) -> Cell {
        if self.ty == ColType::Text {
            Cell::Text
        } else {
            Cell::Number
        }
    }

    fn cell<'a>(
        &self,
        attrs: &'a [(String, AttrValue)],
        first_seen: Option<NaiveDate>,
    ) -> Option<Cow<'a, str>> {
        if self.from_first_seen {
            return first_seen.map(|d| Cow::Owned(format_date(d)));
        }
        let (_, value) = attrs.iter().find(|(n, _)| *n == self.name)?;
        render(value, self.ty)
    }
}

/// The graph as every writer sees it: unique nodes, implicit endpoint nodes.
struct Prepared<'g> {
    nodes: Vec<Cow<'g, ExportNode>>,
    edges: &'g [ExportEdge],
}

impl<'g> Prepared<'g> {
    fn new(g: &'g ExportGraph) -> Self {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut nodes: Vec<Cow<'g, ExportNode>> = Vec::with_capacity(g.nodes.len());
        for n in &g.nodes {
            if seen.insert(n.id.as_str()) {
                nodes.push(Cow::Borrowed(n));
            }
        }
        for e in &g.edges {
            for id in [e.source.as_str(), e.target.as_str()] {
                if seen.insert(id) {
                    nodes.push(Cow::Owned(ExportNode::new(id, id)));
                }
            }
        }
        Self {
            nodes,
            edges: &g.edges,
        }
    }

    fn node_columns(&self, reserved: &[&str]) -> Vec<Column> {
        columns(self.nodes.iter().map(|n| n.attributes.as_slice()), reserved)
    }

    fn edge_columns(&self, reserved: &[&str]) -> Vec<Column> {
        let mut cols = columns(self.edges.iter().map(|e| e.attributes.as_slice()), reserved);
        if self.edges.iter().any(|e| e.first_seen.is_some())
            && !reserved.contains(&FIRST_SEEN)
            && !cols.iter().any(|c| c.name == FIRST_SEEN)
        {
            cols.push(Column {
                name: FIRST_SEEN.to_owned(),
                ty: ColType::Date,
                from_first_seen: true,
            });
        }
        cols
    }
}

/// `#rrggbb` (the `#` optional, any case) to its three channels.
fn parse_color(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.trim().strip_prefix('#').unwrap_or(text.trim());
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some((channel(0)?, channel(2)?, channel(4)?))
}

fn valid_size(size: Option<f64>) -> Option<f64> {
    size.filter(|s| s.is_finite() && *s >= 0.0)
}

// ---------------------------------------------------------------------------
// XML, written with quick-xml: its `Writer` indents by two spaces and
// escapes (`&`, `<`, `>` and carriage return in text; also quotes,
// apostrophes, tab and line feed in attribute values, so that they survive
// attribute-value normalization). Dropping the characters XML 1.0 forbids
// is not its job: [`xml_clean`] does it before any text reaches the writer.

/// Whether XML 1.0 allows `c` in a document.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `s` without the characters XML 1.0 forbids.
fn xml_clean(s: &str) -> Cow<'_, str> {
    if s.chars().all(xml_char) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(|&c| xml_char(c)).collect())
    }
}

/// A start tag with its attributes (values cleaned, then escaped by quick-xml).
fn tag<'n>(name: &'n str, attrs: &[(&str, &str)]) -> BytesStart<'n> {
    let mut start = BytesStart::new(name);
    for &(key, value) in attrs {
        start.push_attribute((key, xml_clean(value)));
    }
    start
}

/// A document being written: the XML declaration, then the elements, one a
/// line, indented by two spaces; a final line feed.
struct XmlDoc(Writer<Vec<u8>>);

impl XmlDoc {
    fn new(capacity: usize) -> Self {
        let mut doc = Self(Writer::new_with_indent(
            Vec::with_capacity(capacity),
            b' ',
            2,
        ));
        doc.event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
        doc
    }

    fn event(&mut self, event: Event<'_>) {
        self.0
            .write_event(event)
            .expect("writing to memory does not fail");
    }

    fn open(&mut self, start: BytesStart<'_>) {
        self.event(Event::Start(start));
    }

    fn close(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    fn empty(&mut self, start: BytesStart<'_>) {
        self.event(Event::Empty(start));
    }

    /// `<start>text</start>` on one line. Text is escaped by quick-xml's
    /// `partial_escape` (`&`, `<`, `>`, carriage return): quotes need no
    /// escape in element content.
    fn text_element(&mut self, start: BytesStart<'_>, text: &str) {
        let end = start.to_end().into_owned();
        self.open(start);
        self.event(Event::Text(BytesText::from_escaped(partial_escape(
            xml_clean(text),
        ))));
        self.event(Event::End(end));
    }

    fn finish(self) -> String {
        let mut bytes = self.0.into_inner();
        bytes.push(b'\n');
        String::from_utf8(bytes).expect("quick-xml writes back the UTF-8 it is given")
    }
}

// ---------------------------------------------------------------------------
// GEXF 1.3.

// GEXF keeps declared attributes apart from id, label and weight: no name
// is taken by the format.
const GEXF_NODE_RESERVED: &[&str] = &[];
const GEXF_EDGE_RESERVED: &[&str] = &[];

/// GEXF 1.3, as Gephi opens it, valid against the specification's RELAX NG
/// grammar (`vendor/gexf-1.3/gexf.rng`).
///
/// - The root declares the GEXF and viz namespaces and `version="1.3"`, and
///   nothing else: the grammar allows no `xsi:schemaLocation` there.
/// - `<meta lastmodifieddate>` from [`ExportGraph::last_modified`], creator
///   `maillage`, and one `<description>`: the title, then ` — ` and the
///   description (GEXF `meta` has no title element).
/// - `<graph defaultedgetype="directed|undirected">`; when some edge has
///   `first_seen`, the graph is `mode="dynamic" timeformat="date"` and such
///   edges carry `start` (the link exists from that day on).
/// - Typed declarations `<attributes class="node">` and `class="edge"`,
///   attribute ids `0`, `1`… in column order; text and dates are `string`,
///   integers `long`, floats `double`, booleans `boolean`.
/// - Position, colour and size in the viz namespace (`viz:position` with
///   z = 0, `viz:color r g b`, `viz:size`), single precision as the schema
///   wants.
/// - Edges get ids `0`, `1`… in order, and `weight` when finite.
pub fn write_gexf(g: &ExportGraph) -> String {
    let p = Prepared::new(g);
    let node_cols = p.node_columns(GEXF_NODE_RESERVED);
    let edge_cols = p.edge_columns(GEXF_EDGE_RESERVED);
    let dynamic = p.edges.iter().any(|e| e.first_seen.is_some());

    let mut doc = XmlDoc::new(256 + 200 * (p.nodes.len() + p.edges.len()));
    doc.open(tag(
        "gexf",
        &[
            ("xmlns", GEXF_NAMESPACE),
            ("xmlns:viz", GEXF_VIZ_NAMESPACE),
            ("version", "1.3"),
        ],
    ));
    gexf_meta(&mut doc, g);
    let edge_type = if g.directed { "directed" } else { "undirected" };
    doc.open(if dynamic {
        tag(
            "graph",
            &[
                ("defaultedgetype", edge_type),
                ("mode", "dynamic"),
                ("timeformat", "date"),
            ],
        )
    } else {
        tag(
            "graph",
            &[("defaultedgetype", edge_type), ("mode", "static")],
        )
    });
    for (class, cols) in [("node", &node_cols), ("edge", &edge_cols)] {
        if cols.is_empty() {
            continue;
        }
        doc.open(tag("attributes", &[("class", class)]));
        for (i, c) in cols.iter().enumerate() {
            doc.empty(tag(
                "attribute",
                &[
                    ("id", &i.to_string()),
                    ("title", &c.name),
                    ("type", c.ty.gexf()),
                ],
            ));
        }
        doc.close("attributes");
    }
    gexf_nodes(&mut doc, &p.nodes, &node_cols);
    gexf_edges(&mut doc, p.edges, &edge_cols);
    doc.close("graph");
    doc.close("gexf");
    doc.finish()
}

fn gexf_meta(doc: &mut XmlDoc, g: &ExportGraph) {
    let date = g.last_modified.map(format_date);
    let attrs: Vec<(&str, &str)> = date
        .iter()
        .map(|d| ("lastmodifieddate", d.as_str()))
        .collect();
    doc.open(tag("meta", &attrs));
    doc.text_element(tag("creator", &[]), CREATOR);
    let description = match (g.title.trim().is_empty(), g.description.trim().is_empty()) {
        (false, false) => format!("{} — {}", g.title, g.description),
        (false, true) => g.title.clone(),
        (true, false) => g.description.clone(),
        (true, true) => String::new(),
    };
    if !description.is_empty() {
        doc.text_element(tag("description", &[]), &description);
    }
    doc.close("meta");
}

fn gexf_nodes(doc: &mut XmlDoc, nodes: &[Cow<'_, ExportNode>], cols: &[Column]) {
    doc.open(tag("nodes", &[]));
    for n in nodes {
        let start = tag("node", &[("id", &n.id), ("label", &n.label)]);
        let values = attvalues(cols, &n.attributes, None);
        let position = n
            .position
            .and_then(|(x, y)| Some((format_f32(x)?, format_f32(y)?)));
        let color = n.color.as_deref().and_then(parse_color);
        let size = valid_size(n.size).and_then(format_f32);
        if values.is_empty() && position.is_none() && color.is_none() && size.is_none() {
            doc.empty(start);
            continue;
        }
        doc.open(start);
        gexf_attvalues(doc, &values);
        if let Some((r, g, b)) = color {
            let [r, g, b] = [r, g, b].map(|c| c.to_string());
            doc.empty(tag("viz:color", &[("r", &r), ("g", &g), ("b", &b)]));
        }
        if let Some((x, y)) = position {
            doc.empty(tag("viz:position", &[("x", &x), ("y", &y), ("z", "0")]));
        }
        if let Some(s) = size {
            doc.empty(tag("viz:size", &[("value", &s)]));
        }
        doc.close("node");
    }
    doc.close("nodes");
}

fn gexf_edges(doc: &mut XmlDoc, edges: &[ExportEdge], cols: &[Column]) {
    doc.open(tag("edges", &[]));
    for (i, e) in edges.iter().enumerate() {
        let id = i.to_string();
        let weight = format_float(e.weight);
        let start_date = e.first_seen.map(format_date);
        let mut attrs = vec![
            ("id", id.as_str()),
            ("source", e.source.as_str()),
            ("target", e.target.as_str()),
        ];
        attrs.extend(weight.as_deref().map(|w| ("weight", w)));
        attrs.extend(start_date.as_deref().map(|d| ("start", d)));
        let start = tag("edge", &attrs);
        let values = attvalues(cols, &e.attributes, e.first_seen);
        if values.is_empty() {
            doc.empty(start);
        } else {
            doc.open(start);
            gexf_attvalues(doc, &values);
            doc.close("edge");
        }
    }
    doc.close("edges");
}

fn attvalues<'a>(
    cols: &[Column],
    attrs: &'a [(String, AttrValue)],
    first_seen: Option<NaiveDate>,
) -> Vec<(usize, Cow<'a, str>)> {
    cols.iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, c.cell(attrs, first_seen)?)))
        .collect()
}

fn gexf_attvalues(doc: &mut XmlDoc, values: &[(usize, Cow<'_, str>)]) {
    if values.is_empty() {
        return;
    }
    doc.open(tag("attvalues", &[]));
    for (i, v) in values {
        doc.empty(tag("attvalue", &[("for", &i.to_string()), ("value", v)]));
    }
    doc.close("attvalues");
}

// ---------------------------------------------------------------------------
// GraphML.

/// The node key that keeps verbatim ids when GraphML ids are generated (not
/// `id`: Gephi has a column of that name already).
pub const GRAPHML_VERBATIM_ID: &str = "maillage_id";
const GRAPHML_NODE_RESERVED: &[&str] = &[
    "id",
    GRAPHML_VERBATIM_ID,
    "label",
    "x",
    "y",
    "size",
    "color",
    "r",
    "g",
    "b",
];
const GRAPHML_EDGE_RESERVED: &[&str] = &["weight"];

/// Whether `id` is an `xs:NMTOKEN` under every edition of XML 1.0: ASCII
/// letters, digits, `.`, `-`, `_`, `:`, and the Latin letters U+00C0–U+024F
/// (accents), nothing else (a conservative subset).
fn graphml_token(id: &str) -> bool {
    !id.is_empty()
        && id.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(c, '.' | '-' | '_' | ':')
                || (('\u{C0}'..='\u{24F}').contains(&c) && c != '\u{D7}' && c != '\u{F7}')
        })
}

/// The `<key>` ids of a GraphML file, declared in this order.
struct GraphmlKeys {
    title: String,
    description: String,
    verbatim_id: Option<String>,
    label: String,
    x: String,
    y: String,
    size: String,
    color: String,
    rgb: [String; 3],
    node: Vec<String>,
    weight: String,
    edge: Vec<String>,
}

impl GraphmlKeys {
    /// Writes the `<key>` declarations (ids `d0`, `d1`…).
    fn declare(
        doc: &mut XmlDoc,
        verbatim: bool,
        node_cols: &[Column],
        edge_cols: &[Column],
    ) -> Self {
        let mut next_key = 0_usize;
        let mut key = |for_: &str, name: &str, ty: &str| -> String {
            let id = format!("d{next_key}");
            next_key += 1;
            doc.empty(tag(
                "key",
                &[
                    ("id", &id),
                    ("for", for_),
                    ("attr.name", name),
                    ("attr.type", ty),
                ],
            ));
            id
        };
        Self {
            title: key("graph", "title", "string"),
            description: key("graph", "description", "string"),
            verbatim_id: (!verbatim).then(|| key("node", GRAPHML_VERBATIM_ID, "string")),
            label: key("node", "label", "string"),
            x: key("node", "x", "double"),
            y: key("node", "y", "double"),
            size: key("node", "size", "double"),
            color: key("node", "color", "string"),
            rgb: ["r", "g", "b"].map(|c| key("node", c, "int")),
            node: node_cols
                .iter()
                .map(|c| key("node", &c.name, c.ty.graphml()))
                .collect(),
            weight: key("edge", "weight", "double"),
            edge: edge_cols
                .iter()
                .map(|c| key("edge", &c.name, c.ty.graphml()))
                .collect(),
        }
    }
}

/// GraphML (namespace `http://graphml.graphdrawing.org/xmlns`), as Gephi,
/// yEd, networkx and igraph read it.
///
/// - `<key>` declarations with `attr.type` `string`, `long`, `double` or
///   `boolean` (dates are ISO 8601 strings): graph `title` and
///   `description`; node `label`, `x`, `y`, `size`, `color` (`#rrggbb`) and
///   `r`, `g`, `b` (what Gephi reads), then the node attributes; edge
///   `weight`, then the edge attributes. Key ids are `d0`, `d1`…
/// - `<graph id="G" edgedefault="directed|undirected">`.
/// - Node ids are verbatim when every id is an XML name token (what the
///   GraphML schema requires: no spaces, quotes, `&`…). Otherwise every node
///   gets the id `n0`, `n1`… in order, edges refer to those, and the
///   verbatim id is kept in a node key named `maillage_id`: one scheme for the whole
///   file, so ids never collide.
pub fn write_graphml(g: &ExportGraph) -> String {
    let p = Prepared::new(g);
    let node_cols = p.node_columns(GRAPHML_NODE_RESERVED);
    let edge_cols = p.edge_columns(GRAPHML_EDGE_RESERVED);
    let verbatim = p.nodes.iter().all(|n| graphml_token(&n.id));

    let mut doc = XmlDoc::new(512 + 200 * (p.nodes.len() + p.edges.len()));
    let location = format!("{GRAPHML_NAMESPACE} {GRAPHML_SCHEMA_LOCATION}");
    doc.open(tag(
        "graphml",
        &[
            ("xmlns", GRAPHML_NAMESPACE),
            ("xmlns:xsi", XSI_NAMESPACE),
            ("xsi:schemaLocation", &location),
        ],
    ));
    let keys = GraphmlKeys::declare(&mut doc, verbatim, &node_cols, &edge_cols);
    doc.open(tag(
        "graph",
        &[
            ("id", "G"),
            (
                "edgedefault",
                if g.directed { "directed" } else { "undirected" },
            ),
        ],
    ));
    data(&mut doc, &keys.title, &g.title);
    data(&mut doc, &keys.description, &g.description);

    let generated: HashMap<&str, String> = if verbatim {
        HashMap::new()
    } else {
        p.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), format!("n{i}")))
            .collect()
    };
    let node_id = |id| graphml_node_id(verbatim, &generated, id);
    for n in &p.nodes {
        doc.open(tag("node", &[("id", node_id(n.id.as_str()))]));
        graphml_node_data(&mut doc, &keys, &node_cols, n);
        doc.close("node");
    }
    for e in p.edges {
        let start = tag(
            "edge",
            &[
                ("source", node_id(e.source.as_str())),
                ("target", node_id(e.target.as_str())),
            ],
        );
        let weight = format_float(e.weight);
        let values: Vec<(&String, Cow<'_, str>)> = edge_cols
            .iter()
            .zip(&keys.edge)
            .filter_map(|(c, k)| Some((k, c.cell(&e.attributes, e.first_seen)?)))
            .collect();
        if weight.is_none() && values.is_empty() {
            doc.empty(start);
            continue;
        }
        doc.open(start);
        if let Some(w) = weight {
            data(&mut doc, &keys.weight, &w);
        }
        for (k, v) in values {
            data(&mut doc, k, &v);
        }
        doc.close("edge");
    }
    doc.close("graph");
    doc.close("graphml");
    doc.finish()
}

/// The `<data>` of one node: verbatim id, label, viz, then its attributes.
fn graphml_node_data(doc: &mut XmlDoc, keys: &GraphmlKeys, cols: &[Column], n: &ExportNode) {
    if let Some(k) = &keys.verbatim_id {
        data(doc, k, &n.id);
    }
    data(doc, &keys.label, &n.label);
    if let Some((x, y)) = n
        .position
        .and_then(|(x, y)| Some((format_float(x)?, format_float(y)?)))
    {
        data(doc, &keys.x, &x);
        data(doc, &keys.y, &y);
    }
    if let Some(s) = valid_size(n.size).and_then(format_float) {
        data(doc, &keys.size, &s);
    }
    if let Some((r, g, b)) = n.color.as_deref().and_then(parse_color) {
        data(doc, &keys.color, &format!("#{r:02x}{g:02x}{b:02x}"));
        for (k, c) in keys.rgb.iter().zip([r, g, b]) {
            data(doc, k, &c.to_string());
        }
    }
    for (c, k) in cols.iter().zip(&keys.node) {
        if let Some(v) = c.cell(&n.attributes, None) {
            data(doc, k, &v);
        }
    }
}

fn graphml_node_id<'a>(
    verbatim: bool,
    generated: &'a HashMap<&str, String>,
    id: &'a str,
) -> &'a str {
    if verbatim {
        id
    } else {
        generated.get(id).map_or(id, String::as_str)
    }
}

fn data(doc: &mut XmlDoc, key: &str, value: &str) {
    doc.text_element(tag("data", &[("key", key)]), value);
}

// ---------------------------------------------------------------------------
// CSV.

const CSV_NODE_RESERVED: &[&str] = &["id", "label"];
const CSV_EDGE_RESERVED: &[&str] = &["source", "target", "weight"];

/// Nodes CSV (RFC 4180, CRLF, quoted when needed): `id,label,<attributes…>`.
pub fn write_nodes_csv(g: &ExportGraph) -> String {
    let p = Prepared::new(g);
    let cols = p.node_columns(CSV_NODE_RESERVED);
    csv_out::to_string(|w| {
        let mut header = vec!["id", "label"];
        header.extend(cols.iter().map(|c| c.name.as_str()));
        w.write_text(&header)?;
        for n in &p.nodes {
            let mut row: Vec<(Cell, Cow<'_, str>)> = vec![
                (Cell::Text, Cow::Borrowed(&n.id)),
                (Cell::Text, Cow::Borrowed(&n.label)),
            ];
            row.extend(cols.iter().map(|c| {
                (
                    c.csv_cell(),
                    c.cell(&n.attributes, None).unwrap_or_default(),
                )
            }));
            w.write(row)?;
        }
        Ok(())
    })
}

/// Edges CSV (RFC 4180, CRLF, quoted when needed):
/// `source,target,weight,<attributes…>`. It reads back with
/// `maillage graph metrics --edges FILE --weight-column weight` (a
/// non-finite weight is an empty field, which that command refuses).
pub fn write_edges_csv(g: &ExportGraph) -> String {
    let p = Prepared::new(g);
    let cols = p.edge_columns(CSV_EDGE_RESERVED);
    csv_out::to_string(|w| {
        let mut header = vec!["source", "target", "weight"];
        header.extend(cols.iter().map(|c| c.name.as_str()));
        w.write_text(&header)?;
        for e in p.edges {
            let mut row: Vec<(Cell, Cow<'_, str>)> = vec![
                (Cell::Text, Cow::Borrowed(&e.source)),
                (Cell::Text, Cow::Borrowed(&e.target)),
                (
                    Cell::Number,
                    format_float(e.weight).map_or(Cow::Borrowed(""), Cow::Owned),
                ),
            ];
            row.extend(cols.iter().map(|c| {
                (
                    c.csv_cell(),
                    c.cell(&e.attributes, e.first_seen).unwrap_or_default(),
                )
            }));
            w.write(row)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_drops_invalid_characters() {
        let mut doc = XmlDoc::new(0);
        doc.open(tag(
            "a",
            &[(
                "v",
                "L’Envolée & fils \"Jonquière\" <a> 'b'\u{1}\u{FFFE}\t\n",
            )],
        ));
        doc.text_element(tag("t", &[]), "a<b&c>\u{0}\r\n]]>");
        doc.close("a");
        assert_eq!(
            doc.finish(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <a v=\"L’Envolée &amp; fils &quot;Jonquière&quot; &lt;a&gt; &apos;b&apos;&#9;&#10;\">\n  \
             <t>a&lt;b&amp;c&gt;&#13;\n]]&gt;</t>\n\
             </a>\n"
        );
    }

    #[test]
    fn column_types_merge() {
        let rows = [
            vec![
                ("a".to_owned(), AttrValue::Integer(1)),
                ("b".to_owned(), AttrValue::Bool(true)),
            ],
            vec![
                ("a".to_owned(), AttrValue::Float(0.5)),
                ("b".to_owned(), AttrValue::Integer(2)),
            ],
            vec![("c".to_owned(), AttrValue::Float(f64::NAN))],
        ];
        let cols = columns(rows.iter().map(Vec::as_slice), &[]);
        let got: Vec<_> = cols.iter().map(|c| (c.name.as_str(), c.ty)).collect();
        assert_eq!(
            got,
            [
                ("a", ColType::Float),
                ("b", ColType::Text),
                ("c", ColType::Float)
            ]
        );
    }

    #[test]
    fn colors_and_tokens() {
        assert_eq!(parse_color("#FF8000"), Some((255, 128, 0)));
        assert_eq!(parse_color("ff8000"), Some((255, 128, 0)));
        assert_eq!(parse_color("#f80"), None);
        assert_eq!(parse_color("#gg0000"), None);
        assert!(graphml_token("org-12.Québec_3:x"));
        assert!(!graphml_token("L’Envolée"));
        assert!(!graphml_token("a b"));
        assert!(!graphml_token(""));
    }

    #[test]
    fn non_finite_numbers_are_left_out() {
        assert_eq!(format_float(f64::INFINITY), None);
        assert_eq!(format_float(1.0).as_deref(), Some("1"));
        assert_eq!(format_f32(1e300), None);
        assert_eq!(valid_size(Some(-1.0)), None);
    }

    /// CSV injection: labels and text attributes that would run as a formula
    /// get a `'` in front; numbers (a negative score, the weight) do not.
    #[test]
    fn csv_cells_never_start_a_formula() {
        let mut a = ExportNode::new("a", "=HYPERLINK(\"http://evil.example\")");
        a.attributes = vec![
            ("secteur".to_owned(), AttrValue::Text("@cmd".to_owned())),
            ("score".to_owned(), AttrValue::Float(-0.5)),
        ];
        let mut e = ExportEdge::new("a", "-b", 2.0);
        e.attributes = vec![("sources".to_owned(), AttrValue::Text("+x".to_owned()))];
        let g = ExportGraph {
            nodes: vec![a],
            edges: vec![e],
            ..ExportGraph::default()
        };
        let nodes = write_nodes_csv(&g);
        assert!(
            nodes.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\",'@cmd,-0.5"),
            "{nodes}"
        );
        assert!(nodes.contains("'-b,'-b"), "{nodes}");
        let edges = write_edges_csv(&g);
        assert!(edges.contains("a,'-b,2,'+x"), "{edges}");
    }
}
