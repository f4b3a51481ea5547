//! Network exports for researchers: GEXF 1.3, GraphML and the nodes and
//! edges CSV files of a grouping's or an event's network, same filters as
//! the page; organizations, or people for those who may see them
//! (`niveau=personnes`: a 404 for everyone else, as for a network that is
//! not there). A person is exported with their name, organization and
//! sector, never their e-mail.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use maillage_domain::charts::sector_color;
use maillage_interop::network::{
    AttrValue, ExportEdge, ExportGraph, ExportNode, write_edges_csv, write_gexf, write_graphml,
    write_nodes_csv,
};
use maillage_store::repo::network::Scope;

use super::access::{EventNetwork, EventNetworkFile, GroupingNetwork, GroupingNetworkFile};
use super::loaded::{Loaded, load, members_of};
use super::people::{Level, load_people};
use crate::AppState;
use crate::error::AppError;
use crate::page::Page;
use crate::reference::Reference;

#[derive(Debug, Clone, Copy)]
enum Format {
    Gexf,
    GraphMl,
    NodesCsv,
    EdgesCsv,
}

impl Format {
    fn suffix(self) -> &'static str {
        match self {
            Format::Gexf => ".gexf",
            Format::GraphMl => ".graphml",
            Format::NodesCsv => "-noeuds.csv",
            Format::EdgesCsv => "-liens.csv",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Gexf => "application/gexf+xml; charset=utf-8",
            Format::GraphMl => "application/graphml+xml; charset=utf-8",
            Format::NodesCsv | Format::EdgesCsv => "text/csv; charset=utf-8",
        }
    }
}

/// The export document of a loaded network.
pub fn export_graph(
    loaded: &Loaded,
    reference: &Reference,
    lang: crate::i18n::Lang,
    title: String,
    description: String,
) -> ExportGraph {
    let c = &loaded.computed;
    let nodes = c
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| export_node(i, id, loaded, reference, lang))
        .collect();
    let edges = loaded
        .links
        .iter()
        .map(|l| {
            let mut e = ExportEdge::new(l.a.clone(), l.b.clone(), l.weight());
            e.first_seen = l.first_seen;
            e.attributes.push((
                "sources".to_owned(),
                AttrValue::Text(
                    l.weights
                        .keys()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(";"),
                ),
            ));
            // The weight is Newman's collaboration weight; the count is
            // the unweighted view (how many times the two met).
            e.attributes
                .push(("count".to_owned(), AttrValue::Integer(i64::from(l.count()))));
            for (s, w) in &l.weights {
                e.attributes
                    .push((format!("weight_{}", s.as_str()), AttrValue::Float(*w)));
            }
            for (s, n) in &l.counts {
                e.attributes.push((
                    format!("count_{}", s.as_str()),
                    AttrValue::Integer(i64::from(*n)),
                ));
            }
            e
        })
        .collect();
    ExportGraph {
        directed: false,
        title,
        description,
        last_modified: Some(Utc::now().date_naive()),
        nodes,
        edges,
    }
}

/// A node with its attributes: at person level its organization, then
/// sector, territory, measures and community; position, size and colour
/// for Gephi.
fn export_node(
    i: usize,
    id: &str,
    loaded: &Loaded,
    reference: &Reference,
    lang: crate::i18n::Lang,
) -> ExportNode {
    let c = &loaded.computed;
    let brief = loaded.briefs.get(id);
    let mut n = ExportNode::new(id.to_owned(), brief.map_or(id, |b| b.name.as_str()));
    if loaded.is_people() {
        let org = loaded.people.get(id);
        n.attributes.push((
            "organization".to_owned(),
            AttrValue::Text(org.and_then(|o| o.name.clone()).unwrap_or_default()),
        ));
        n.attributes.push((
            "organization_id".to_owned(),
            AttrValue::Text(org.and_then(|o| o.id.clone()).unwrap_or_default()),
        ));
    }
    let sector = brief.and_then(|b| b.sector.clone());
    n.attributes.push((
        "sector".to_owned(),
        AttrValue::Text(sector.clone().unwrap_or_default()),
    ));
    n.attributes.push((
        "sector_label".to_owned(),
        AttrValue::Text(
            reference
                .sector_label(sector.as_deref(), lang)
                .unwrap_or_default(),
        ),
    ));
    let territory = brief.and_then(|b| b.territory.clone());
    n.attributes.push((
        "territory".to_owned(),
        AttrValue::Text(
            reference
                .territory_name(territory.as_deref())
                .unwrap_or_default(),
        ),
    ));
    if let Some(m) = c.centrality.get(i) {
        n.attributes
            .push(("degree".to_owned(), AttrValue::Float(m.degree)));
        n.attributes
            .push(("betweenness".to_owned(), AttrValue::Float(m.betweenness)));
        n.attributes
            .push(("closeness".to_owned(), AttrValue::Float(m.closeness)));
        n.attributes
            .push(("eigenvector".to_owned(), AttrValue::Float(m.eigenvector)));
        n.size = Some(1.0 + 10.0 * m.degree);
    }
    let community = c.community.get(i).copied().unwrap_or(0);
    n.attributes.push((
        "community".to_owned(),
        AttrValue::Integer(i64::try_from(community).unwrap_or(i64::MAX)),
    ));
    n.position = c.positions.get(i).map(|&(x, y)| (x * 1000.0, y * 1000.0));
    n.color = Some(sector_color(sector.as_deref().unwrap_or_default()).to_owned());
    n
}

fn stem(name: &str, loaded: &Loaded) -> String {
    if loaded.is_people() {
        format!("{name}-personnes")
    } else {
        name.to_owned()
    }
}

fn description(p: &Page, loaded: &Loaded) -> String {
    p.t(if loaded.is_people() {
        "network-people-export-description"
    } else {
        "network-export-description"
    })
}

fn file_response(format: Format, stem: &str, g: &ExportGraph) -> Response {
    let body = match format {
        Format::Gexf => write_gexf(g),
        Format::GraphMl => write_graphml(g),
        // A BOM, so that Excel on Windows reads the accents;
        // `maillage graph metrics` reads the file with or without it.
        Format::NodesCsv => format!("{}{}", maillage_interop::csv_out::BOM, write_nodes_csv(g)),
        Format::EdgesCsv => format!("{}{}", maillage_interop::csv_out::BOM, write_edges_csv(g)),
    };
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"reseau-{name}{}\"",
        format.suffix()
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

async fn grouping_export(
    state: &AppState,
    GroupingNetworkFile(network): GroupingNetworkFile,
    p: &Page,
    format: Format,
) -> Result<Response, AppError> {
    let GroupingNetwork {
        grouping: g,
        params,
        ..
    } = network;
    let reference = Reference::load(state).await?;
    let loaded = if params.level == Level::People {
        load_people(state, &Scope::Grouping(g.id), &params).await?
    } else {
        let members = members_of(state, g.id, params.at).await?;
        load(state, &Scope::Grouping(g.id), &members, &params).await?
    };
    let graph = export_graph(
        &loaded,
        &reference,
        p.lang,
        p.t1("network-grouping-title", "name", &g.name),
        description(p, &loaded),
    );
    Ok(file_response(format, &stem(&g.slug, &loaded), &graph))
}

async fn event_export(
    state: &AppState,
    EventNetworkFile(network): EventNetworkFile,
    p: &Page,
    format: Format,
) -> Result<Response, AppError> {
    let EventNetwork {
        event: e, params, ..
    } = network;
    let reference = Reference::load(state).await?;
    let loaded = if params.level == Level::People {
        load_people(state, &Scope::Event(e.id), &params).await?
    } else {
        let presence = maillage_store::repo::events::presence(state.store.conn(), e.id).await?;
        let present: Vec<String> = presence.organizations.keys().cloned().collect();
        load(state, &Scope::Event(e.id), &present, &params).await?
    };
    let graph = export_graph(
        &loaded,
        &reference,
        p.lang,
        p.t1("network-event-title", "name", &e.title),
        description(p, &loaded),
    );
    Ok(file_response(
        format,
        &stem(&e.id.to_string(), &loaded),
        &graph,
    ))
}

macro_rules! exports {
    ($($grouping:ident, $event:ident => $format:expr;)*) => {$(
        pub async fn $grouping(
            State(state): State<AppState>,
            network: GroupingNetworkFile,
            p: Page,
        ) -> Result<Response, AppError> {
            grouping_export(&state, network, &p, $format).await
        }

        pub async fn $event(
            State(state): State<AppState>,
            network: EventNetworkFile,
            p: Page,
        ) -> Result<Response, AppError> {
            event_export(&state, network, &p, $format).await
        }
    )*};
}

exports! {
    grouping_gexf, event_gexf => Format::Gexf;
    grouping_graphml, event_graphml => Format::GraphMl;
    grouping_nodes_csv, event_nodes_csv => Format::NodesCsv;
    grouping_edges_csv, event_edges_csv => Format::EdgesCsv;
}
