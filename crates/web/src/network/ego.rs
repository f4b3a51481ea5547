//! An organization's "ego network" for its page: the organization in the
//! centre, its neighbours around, and the links among them.

use std::collections::{BTreeSet, HashMap};
use std::f64::consts::PI;
use std::fmt::Write as _;

use maillage_domain::charts::{escape, sector_color};
use maillage_store::repo::groupings::{self as groupings_repo, OrgBrief};
use maillage_store::repo::network::{self as repo, Filter, Scope};

use crate::AppState;
use crate::directory::organization_href;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::reference::Reference;

pub struct Ego {
    pub svg: String,
    pub neighbours: usize,
    /// Links among the neighbours (not through the organization).
    pub among: usize,
}

impl Ego {
    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "askama hands the page's language by reference"
    )]
    pub fn summary(&self, lang: &Lang) -> String {
        format!(
            "{}, {} {}",
            crate::text::count_text(*lang, "network-ego-count", self.neighbours),
            crate::text::count_text(*lang, "network-ego-among", self.among),
            lang.t_args(
                "network-ego-threshold",
                &[("threshold", super::fmt(super::DEFAULT_MIN_WEIGHT, *lang))]
            )
        )
    }
}

const SIZE: f64 = 360.0;
const MAX_NEIGHBOURS: usize = 40;

/// The ego network of `org`, `None` when it has no link.
pub async fn ego(
    state: &AppState,
    org: &str,
    lang: Lang,
    reference: &Reference,
) -> Result<Option<Ego>, AppError> {
    let conn = state.store.conn();
    // Read for the organization's neighbourhood only: its links first,
    // then the links among the neighbours kept.
    let mut around = repo::neighbours(conn, org).await?;
    around.insert(org.to_owned());
    let mine = repo::evidence_around(conn, &Scope::Territory, org, &around).await?;
    // The links the network pages open on: a shared plenary alone is not
    // a neighbour.
    let keep = Filter {
        min_weight: super::DEFAULT_MIN_WEIGHT,
        ..Filter::default()
    };
    let mut strength: HashMap<String, f64> = HashMap::new();
    for l in repo::links(&mine, &keep) {
        let other = if l.a == org { l.b.clone() } else { l.a.clone() };
        *strength.entry(other).or_default() += l.weight();
    }
    if strength.is_empty() {
        return Ok(None);
    }
    let mut neighbours: Vec<(String, f64)> = strength.into_iter().collect();
    neighbours.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let total = neighbours.len();
    neighbours.truncate(MAX_NEIGHBOURS);
    let set: BTreeSet<String> = neighbours.iter().map(|(id, _)| id.clone()).collect();
    let among_links: Vec<(String, String)> = repo::links(
        &repo::evidence_among(conn, &Scope::Territory, &set).await?,
        &keep,
    )
    .into_iter()
    .map(|l| (l.a, l.b))
    .collect();
    let mut ids: Vec<String> = vec![org.to_owned()];
    ids.extend(neighbours.iter().map(|(id, _)| id.clone()));
    let briefs = groupings_repo::org_briefs(conn, Some(&ids)).await?;
    let out = draw(
        org,
        &neighbours,
        &among_links,
        total,
        &briefs,
        reference,
        lang,
    );
    Ok(Some(Ego {
        svg: out,
        neighbours: total,
        among: among_links.len(),
    }))
}

/// The ego network as SVG: the neighbours on a ring around the
/// organization, the links among them inside.
fn draw(
    org: &str,
    neighbours: &[(String, f64)],
    among_links: &[(String, String)],
    total: usize,
    briefs: &HashMap<String, OrgBrief>,
    reference: &Reference,
    lang: Lang,
) -> String {
    let c = SIZE / 2.0;
    let ring = SIZE / 2.0 - 40.0;
    let k = neighbours.len().max(1);
    let pos: HashMap<&str, (f64, f64)> = neighbours
        .iter()
        .enumerate()
        .map(|(i, (id, _))| {
            #[expect(clippy::cast_precision_loss, reason = "at most 40 neighbours")]
            let angle = 2.0 * PI * i as f64 / k as f64 - PI / 2.0;
            (
                id.as_str(),
                (c + ring * angle.cos(), c + ring * angle.sin()),
            )
        })
        .collect();
    let name = |id: &str| {
        briefs
            .get(id)
            .map_or_else(|| id.to_owned(), |b| b.name.clone())
    };
    let sector = |id: &str| briefs.get(id).and_then(|b| b.sector.clone());
    let label = |id: &str| {
        let s = reference
            .sector_label(sector(id).as_deref(), lang)
            .unwrap_or_else(|| lang.t("network-no-sector"));
        format!("{} — {s}", name(id))
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"network-ego\" id=\"ego-svg\" viewBox=\"0 0 {SIZE} {SIZE}\" \
         role=\"group\" aria-labelledby=\"ego-title\"><title id=\"ego-title\">{}</title><g class=\"net-links\">",
        escape(&lang.t_args(
            "network-ego-desc",
            &[
                ("count", total.to_string()),
                ("among_count", among_links.len().to_string())
            ]
        )),
    );
    for (a, b) in among_links {
        if let (Some(p), Some(q)) = (pos.get(a.as_str()), pos.get(b.as_str())) {
            let _ = write!(
                out,
                "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#c8c8c8\" stroke-width=\"1\"/>",
                p.0, p.1, q.0, q.1
            );
        }
    }
    for (id, _) in neighbours {
        let p = pos[id.as_str()];
        let _ = write!(
            out,
            "<line x1=\"{c:.1}\" y1=\"{c:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#8c8c8c\" stroke-width=\"1.5\"/>",
            p.0, p.1
        );
    }
    out.push_str("</g><g class=\"net-nodes\">");
    for (id, _) in neighbours {
        let p = pos[id.as_str()];
        let _ = write!(
            out,
            "<a href=\"{}\" class=\"net-node\"><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"8\" fill=\"{}\" stroke=\"#ffffff\"/><title>{}</title></a>",
            escape(&organization_href(id)),
            p.0,
            p.1,
            sector_color(sector(id).as_deref().unwrap_or_default()),
            escape(&label(id)),
        );
    }
    let _ = write!(
        out,
        "<circle cx=\"{c:.1}\" cy=\"{c:.1}\" r=\"14\" fill=\"{}\" stroke=\"#222222\" stroke-width=\"2\"><title>{}</title></circle>",
        sector_color(sector(org).as_deref().unwrap_or_default()),
        escape(&label(org)),
    );
    out.push_str("</g></svg>");
    out
}
