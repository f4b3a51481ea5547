//! The metrics table of a network page, sorted on the server (`tri`,
//! `ordre`): names A to Z, measures largest first, unless `ordre` says
//! otherwise; a click on the current column flips it.

use maillage_domain::names::normalize;
use maillage_graph::NodeCentrality;

use super::loaded::Loaded;
use super::{Params, fmt};
use crate::page::Page;

/// Rows shown (the exports have every node).
const TABLE_ROWS: usize = 200;

/// A column the table sorts on (`tri=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Name,
    /// At person level: the person's organization.
    Organization,
    Sector,
    Degree,
    Betweenness,
    Closeness,
    Eigenvector,
    Community,
}

impl Sort {
    pub fn code(self) -> &'static str {
        match self {
            Sort::Name => "nom",
            Sort::Organization => "organisation",
            Sort::Sector => "secteur",
            Sort::Degree => "degre",
            Sort::Betweenness => "intermediarite",
            Sort::Closeness => "proximite",
            Sort::Eigenvector => "vecteur",
            Sort::Community => "communaute",
        }
    }

    /// `None` for a column that is not there (sorted as by degree, no
    /// column marked); none asked: by degree.
    pub fn parse(s: &str) -> Option<Sort> {
        if s.is_empty() {
            return Some(Sort::Degree);
        }
        [
            Sort::Name,
            Sort::Organization,
            Sort::Sector,
            Sort::Degree,
            Sort::Betweenness,
            Sort::Closeness,
            Sort::Eigenvector,
            Sort::Community,
        ]
        .into_iter()
        .find(|x| x.code() == s)
    }

    fn label_key(self, people: bool) -> &'static str {
        match self {
            Sort::Name if people => "network-col-person",
            Sort::Name => "network-col-name",
            Sort::Organization => "network-col-organization",
            Sort::Sector => "network-col-sector",
            Sort::Degree => "network-degree",
            Sort::Betweenness => "network-betweenness",
            Sort::Closeness => "network-closeness",
            Sort::Eigenvector => "network-eigenvector",
            Sort::Community => "network-col-community",
        }
    }

    fn help_key(self) -> Option<&'static str> {
        match self {
            Sort::Degree => Some("network-help-degree"),
            Sort::Betweenness => Some("network-help-betweenness"),
            Sort::Closeness => Some("network-help-closeness"),
            Sort::Eigenvector => Some("network-help-eigenvector"),
            Sort::Community => Some("network-help-communities"),
            _ => None,
        }
    }

    fn is_text(self) -> bool {
        matches!(self, Sort::Name | Sort::Sector | Sort::Organization)
    }
}

pub struct Header {
    pub label: String,
    pub href: String,
    pub current: bool,
    /// The current column's direction.
    pub ascending: bool,
    pub arrow: &'static str,
    pub num: bool,
    /// What the measure means, in plain words (a tooltip); empty for text
    /// columns.
    pub help: String,
}

pub struct Row {
    pub name: String,
    pub href: String,
    /// At person level: the person's organization.
    pub organization: String,
    pub sector: String,
    pub degree: String,
    pub betweenness: String,
    pub closeness: String,
    pub eigenvector: String,
    pub community: usize,
}

/// The table's columns' texts, per node.
pub struct Texts {
    pub names: Vec<String>,
    pub sectors: Vec<String>,
    pub organizations: Vec<String>,
}

/// The nodes in the table's order.
fn order(loaded: &Loaded, texts: &Texts, sort: Option<Sort>, ascending: bool) -> Vec<usize> {
    let c = &loaded.computed;
    let metric = |i: usize, f: fn(&NodeCentrality) -> f64| c.centrality.get(i).map_or(0.0, f);
    let mut order: Vec<usize> = (0..c.ids.len()).collect();
    let Texts {
        names,
        sectors,
        organizations,
    } = texts;
    order.sort_by(|&a, &b| {
        let o = match sort {
            Some(Sort::Name) => normalize(&names[a]).cmp(&normalize(&names[b])),
            Some(Sort::Sector) => sectors[a].cmp(&sectors[b]),
            Some(Sort::Organization) => {
                normalize(&organizations[a]).cmp(&normalize(&organizations[b]))
            }
            Some(Sort::Betweenness) => {
                metric(a, |x| x.betweenness).total_cmp(&metric(b, |x| x.betweenness))
            }
            Some(Sort::Closeness) => {
                metric(a, |x| x.closeness).total_cmp(&metric(b, |x| x.closeness))
            }
            Some(Sort::Eigenvector) => {
                metric(a, |x| x.eigenvector).total_cmp(&metric(b, |x| x.eigenvector))
            }
            Some(Sort::Community) => c.community.get(a).cmp(&c.community.get(b)),
            Some(Sort::Degree) | None => {
                metric(a, |x| x.degree).total_cmp(&metric(b, |x| x.degree))
            }
        };
        let o = if ascending { o } else { o.reverse() };
        o.then_with(|| names[a].cmp(&names[b]))
    });
    order
}

/// The column headers (links that sort) and the first rows.
pub fn table(
    p: &Page,
    action: &str,
    params: &Params,
    loaded: &Loaded,
    texts: &Texts,
) -> (Vec<Header>, Vec<Row>) {
    let c = &loaded.computed;
    let sort = Sort::parse(&params.sort);
    let ascending = params.order.unwrap_or(sort.is_some_and(Sort::is_text));
    let order = order(loaded, texts, sort, ascending);
    let base_query = params.query();
    let people = loaded.is_people();
    let mut columns = vec![Sort::Name];
    if people {
        columns.push(Sort::Organization);
    }
    columns.extend([
        Sort::Sector,
        Sort::Degree,
        Sort::Betweenness,
        Sort::Closeness,
        Sort::Eigenvector,
        Sort::Community,
    ]);
    let headers = columns
        .into_iter()
        .map(|col| {
            let current = Some(col) == sort;
            let num = !col.is_text();
            // A click on the current column flips it; another starts with
            // its natural order.
            let asc = if current { !ascending } else { !num };
            let mut q = base_query.clone();
            if !q.is_empty() {
                q.push('&');
            }
            q.push_str("tri=");
            q.push_str(col.code());
            q.push_str(if asc { "&ordre=asc" } else { "&ordre=desc" });
            Header {
                help: col.help_key().map(|k| p.t(k)).unwrap_or_default(),
                label: p.t(col.label_key(people)),
                href: format!("{action}?{q}#metriques"),
                current,
                ascending,
                arrow: match (current, ascending) {
                    (false, _) => "",
                    (true, true) => "▲",
                    (true, false) => "▼",
                },
                num,
            }
        })
        .collect();
    let lang = p.lang;
    let rows = order
        .iter()
        .take(TABLE_ROWS)
        .map(|&i| {
            let m = c.centrality.get(i);
            Row {
                name: texts.names[i].clone(),
                href: loaded.href(&c.ids[i]),
                organization: texts.organizations[i].clone(),
                sector: texts.sectors[i].clone(),
                degree: fmt(m.map_or(0.0, |x| x.degree), lang),
                betweenness: fmt(m.map_or(0.0, |x| x.betweenness), lang),
                closeness: fmt(m.map_or(0.0, |x| x.closeness), lang),
                eigenvector: fmt(m.map_or(0.0, |x| x.eigenvector), lang),
                community: c.community.get(i).map_or(0, |x| x + 1),
            }
        })
        .collect();
    (headers, rows)
}
