//! A grouping's growth, event after event, on its network page: the links
//! and the new links, the density and the cross-sector share of its
//! network at the end of each event, for the page's sources and sector
//! (organization level always).
//!
//! [`load_points`] reads, [`build`] draws (pure, the measures are
//! `maillage_graph`'s); the result is cached with the network it comes
//! from (its sweep over every pair's first date is the largest part of a
//! view once the network is read).

use maillage_domain::charts::multi_line_chart;
use maillage_graph::Snapshot;
use maillage_store::repo::network::{self as repo, Evidence, GrowthPoint, Source};
use uuid::Uuid;

use super::Params;
use super::loaded::Loaded;
use super::pages::NameLink;
use crate::AppState;
use crate::error::AppError;
use crate::page::Page;
use crate::plans::date_text;

/// The growth part of a grouping's network page.
#[derive(Debug, Clone, Default)]
pub struct Growth {
    /// Links and new links, event after event.
    pub links_chart: Option<String>,
    /// Density and cross-sector share (percentages).
    pub shares_chart: Option<String>,
    /// Each event's network page.
    pub events: Vec<NameLink>,
}

/// The evidence the growth is made of: the page's sources only (and
/// never those hidden from the visitor).
fn kept_evidence(evidence: &[Evidence], sources: Option<&[Source]>) -> Vec<Evidence> {
    evidence
        .iter()
        .filter(|e| sources.is_none_or(|s| s.contains(&e.source)))
        .cloned()
        .collect()
}

/// The grouping's network at the end of each of its events (the links
/// with an end in the page's sector that reached the page's threshold).
pub async fn load_points(
    state: &AppState,
    grouping_id: Uuid,
    loaded: &Loaded,
    params: &Params,
) -> Result<Vec<GrowthPoint>, AppError> {
    let kept = kept_evidence(&loaded.evidence, params.kept_sources().as_deref());
    let sector_of = |id: &str| loaded.briefs.get(id).and_then(|b| b.sector.clone());
    let in_sector =
        |id: &str| params.sector.is_empty() || sector_of(id).is_some_and(|s| s == params.sector);
    Ok(repo::growth(
        state.store.conn(),
        grouping_id,
        &kept,
        &|a, b| in_sector(a) || in_sector(b),
        &sector_of,
        (params.weighting, params.min_weight),
    )
    .await?)
}

/// The measures of a growth point, as the chart plots them.
fn snapshot(pt: &GrowthPoint) -> Snapshot {
    Snapshot {
        nodes: pt.nodes,
        links: pt.links,
        sectored: pt.sectored,
        cross: pt.cross,
    }
}

/// A percentage for the chart; a gap where the measure is undefined.
fn percent_or_gap(v: Option<f64>) -> f64 {
    v.map_or(f64::NAN, |v| 100.0 * v)
}

/// The two charts and the events' links.
pub fn build(points: &[GrowthPoint], p: &Page) -> Growth {
    if points.is_empty() {
        return Growth::default();
    }
    let labels: Vec<String> = points
        .iter()
        .map(|pt| format!("{} ({})", pt.title, crate::text::day_text(pt.date, p.lang)))
        .collect();
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    let as_f64 = |x: usize| x as f64;
    let counts: Vec<f64> = points.iter().map(|pt| as_f64(pt.links)).collect();
    let news: Vec<f64> = points.iter().map(|pt| as_f64(pt.new_links)).collect();
    let density: Vec<f64> = points
        .iter()
        .map(|pt| percent_or_gap(snapshot(pt).density()))
        .collect();
    let cross: Vec<f64> = points
        .iter()
        .map(|pt| percent_or_gap(snapshot(pt).cross_sector_share()))
        .collect();
    Growth {
        links_chart: Some(multi_line_chart(
            "network-growth-links",
            &p.t("network-growth-links"),
            &labels,
            &[
                (p.t("network-links"), counts, "#0072B2".to_owned()),
                (p.t("network-new-links"), news, "#D55E00".to_owned()),
            ],
            None,
        )),
        shares_chart: Some(multi_line_chart(
            "network-growth-shares",
            &p.t("network-growth-shares"),
            &labels,
            &[
                (
                    p.t("network-density-percent"),
                    density,
                    "#009E73".to_owned(),
                ),
                (p.t("network-cross-share"), cross, "#CC79A7".to_owned()),
            ],
            Some(100.0),
        )),
        events: points
            .iter()
            .map(|pt| NameLink {
                name: format!("{} · {}", pt.title, date_text(Some(pt.date), p.lang)),
                href: format!("{}/reseau", crate::events::event_href(pt.event)),
            })
            .collect(),
    }
}
