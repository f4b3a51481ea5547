//! The coverage portrait ("dresser le portrait territorial des actions"):
//! actions × pathways and actions × sectors of the organizations involved,
//! with the empty cells shown as gaps; for a regional instance, the plans
//! of its local groupings too.

use std::collections::{HashMap, HashSet};

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use maillage_domain::names::normalize;
use maillage_domain::plans::{self as rules, ActionStatus, CoverageAction};
use maillage_store::entity::{action_plan, grouping};
use maillage_store::repo::groupings as repo;
use maillage_store::repo::groupings::OrgBrief;
use maillage_store::repo::plans::{self as store_plans, ActionNode, Outline};
use serde::Deserialize;
use uuid::Uuid;

use super::{grouping_href, may_read_plan, plan_href};
use crate::AppState;
use crate::auth::Visitor;
use crate::error::AppError;
use crate::forms::Choice;
use crate::groupings::access::GroupingBySlug;
use crate::page::Page;
use crate::reference::Reference;

#[derive(Debug, Default, Deserialize)]
pub struct PortraitQuery {
    #[serde(default)]
    annee: String,
    #[serde(default)]
    statut: String,
    #[serde(default)]
    territoire: String,
}

pub struct Cell {
    pub count: usize,
    pub gap: bool,
}

pub struct MatrixRow {
    pub pathway: String,
    pub total: usize,
    pub cells: Vec<Cell>,
}

pub struct GroupingSummary {
    pub name: String,
    pub href: String,
    pub plans: usize,
    pub actions: usize,
    pub intersectoral: usize,
}

pub struct PlanLink {
    pub title: String,
    pub href: String,
    pub grouping: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "plans/portrait.html")]
pub struct PortraitPage {
    p: Page,
    g: grouping::Model,
    href: String,
    regional: bool,
    query_year: String,
    query_status: String,
    query_territory: String,
    years: Vec<String>,
    statuses: Vec<Choice>,
    territories: Vec<Choice>,
    sectors: Vec<String>,
    sector_totals: Vec<Cell>,
    rows: Vec<MatrixRow>,
    empty_pathways: Vec<String>,
    action_count: usize,
    sectoral: usize,
    intersectoral: usize,
    no_sector: usize,
    without_pathway: usize,
    groupings: Vec<GroupingSummary>,
    plans: Vec<PlanLink>,
}

/// The portrait's numbers, shared with the benchmark and the tests.
pub struct Portrait {
    pub coverage: rules::Coverage,
    pub actions: usize,
    pub per_grouping: HashMap<Uuid, (usize, usize, usize)>,
}

/// Computes the coverage of `outlines` over `pathways` (matched by their
/// normalized name, so that local plans count under the regional ones) and
/// `sectors`, keeping the actions `keep` accepts.
pub fn compute(
    outlines: &[Outline],
    pathway_names: &HashMap<Uuid, String>,
    pathways: &[String],
    sectors: &[String],
    org_sectors: &HashMap<String, Option<String>>,
    keep: &dyn Fn(&ActionNode, &Outline) -> bool,
) -> Portrait {
    let wanted: HashMap<String, String> =
        pathways.iter().map(|p| (normalize(p), p.clone())).collect();
    let mut actions = Vec::new();
    let mut per_grouping: HashMap<Uuid, (usize, usize, usize)> = HashMap::new();
    for o in outlines {
        per_grouping.entry(o.plan.grouping_id).or_default().0 += 1;
        for a in o.actions() {
            if !keep(a, o) {
                continue;
            }
            let sectors: Vec<String> = a
                .leads
                .iter()
                .chain(&a.partners)
                .filter_map(|id| org_sectors.get(id).cloned().flatten())
                .collect();
            let entry = per_grouping.entry(o.plan.grouping_id).or_default();
            entry.1 += 1;
            if rules::scope(&sectors) == rules::Scope::Intersectoral {
                entry.2 += 1;
            }
            actions.push(CoverageAction {
                id: a.model.id.to_string(),
                pathways: a
                    .pathways
                    .iter()
                    .filter_map(|p| pathway_names.get(p))
                    .filter_map(|name| wanted.get(&normalize(name)).cloned())
                    .collect(),
                sectors,
            });
        }
    }
    Portrait {
        coverage: rules::coverage(&actions, pathways, sectors),
        actions: actions.len(),
        per_grouping,
    }
}

/// What the portrait reads: the grouping's family, the plans the visitor
/// may read with their outlines, the pathways and the organizations named.
struct PortraitData {
    regional: bool,
    /// The grouping, then its descendants.
    family: Vec<Uuid>,
    groupings: HashMap<Uuid, grouping::Model>,
    plans: Vec<action_plan::Model>,
    outlines: Vec<Outline>,
    pathway_names: HashMap<Uuid, String>,
    pathways: Vec<String>,
    briefs: HashMap<String, OrgBrief>,
}

async fn load(
    state: &AppState,
    g: &grouping::Model,
    visitor: &Visitor,
) -> Result<PortraitData, AppError> {
    let conn = state.store.conn();
    let descendants = repo::descendants(conn, g.id).await?;
    let regional = !descendants.is_empty();
    let mut family = vec![g.id];
    family.extend(descendants);
    let groupings = repo::list(&state.store)
        .await?
        .into_iter()
        .map(|x| (x.id, x))
        .collect();
    let plans: Vec<_> = store_plans::plans_of(conn, &family)
        .await?
        .into_iter()
        .filter(|pl| may_read_plan(visitor, pl))
        .collect();
    let plan_ids: Vec<Uuid> = plans.iter().map(|pl| pl.id).collect();
    let outlines = store_plans::outlines(conn, &plan_ids).await?;
    let all_pathways = repo::pathways_of(conn, &family).await?;
    let own: Vec<String> = all_pathways
        .iter()
        .filter(|pw| pw.grouping_id == g.id)
        .map(|pw| pw.name.clone())
        .collect();
    // The grouping's own pathways first, then those only local plans use.
    let pathways = rules::portrait_pathways(&own, all_pathways.iter().map(|pw| pw.name.as_str()));
    let pathway_names = all_pathways
        .into_iter()
        .map(|pw| (pw.id, pw.name))
        .collect();
    let mut org_ids: Vec<String> = outlines
        .iter()
        .flat_map(Outline::organization_ids)
        .collect();
    org_ids.sort();
    org_ids.dedup();
    let briefs = repo::org_briefs(conn, Some(&org_ids)).await?;
    Ok(PortraitData {
        regional,
        family,
        groupings,
        plans,
        outlines,
        pathway_names,
        pathways,
        briefs,
    })
}

/// The filters of the query, read once.
struct Filters {
    year: Option<i32>,
    status: Option<ActionStatus>,
    territory: Option<String>,
    in_territory: Option<HashSet<String>>,
}

impl Filters {
    fn of(q: &PortraitQuery, reference: &Reference) -> Self {
        let territory = (!q.territoire.trim().is_empty()).then(|| q.territoire.trim().to_owned());
        Filters {
            year: q.annee.trim().parse().ok(),
            status: q.statut.parse::<ActionStatus>().ok(),
            in_territory: territory
                .as_deref()
                .map(|t| reference.with_descendants(t).into_iter().collect()),
            territory,
        }
    }

    fn keeps(&self, a: &ActionNode, o: &Outline, briefs: &HashMap<String, OrgBrief>) -> bool {
        self.year
            .is_none_or(|y| store_plans::runs_during(&a.model, &o.plan, y))
            && self
                .status
                .is_none_or(|s| ActionStatus::from(a.model.status) == s)
            && self.in_territory.as_ref().is_none_or(|set| {
                a.leads.iter().chain(&a.partners).any(|id| {
                    briefs
                        .get(id)
                        .and_then(|b| b.territory.as_ref())
                        .is_some_and(|t| set.contains(t))
                })
            })
    }
}

fn cells(counts: impl IntoIterator<Item = usize>) -> Vec<Cell> {
    counts
        .into_iter()
        .map(|count| Cell {
            count,
            gap: count == 0,
        })
        .collect()
}

/// For a regional instance, its numbers and those of each local grouping.
fn summaries(data: &PortraitData, portrait: &Portrait) -> Vec<GroupingSummary> {
    if !data.regional {
        return Vec::new();
    }
    data.family
        .iter()
        .filter_map(|id| data.groupings.get(id))
        .map(|x| {
            let (plans, actions, inter) = portrait
                .per_grouping
                .get(&x.id)
                .copied()
                .unwrap_or_default();
            GroupingSummary {
                name: x.name.clone(),
                href: grouping_href(x),
                plans,
                actions,
                intersectoral: inter,
            }
        })
        .collect()
}

impl PortraitPage {
    fn new(
        p: Page,
        g: grouping::Model,
        q: &PortraitQuery,
        data: &PortraitData,
        filters: Filters,
        portrait: &Portrait,
        reference: &Reference,
    ) -> Self {
        let lang = p.lang;
        let cov = &portrait.coverage;
        let mut years: Vec<String> = data
            .plans
            .iter()
            .flat_map(|pl| pl.start_year..=pl.end_year)
            .map(|y| y.to_string())
            .collect();
        years.sort();
        years.dedup();
        let groupings = summaries(data, portrait);
        PortraitPage {
            href: grouping_href(&g),
            regional: data.regional,
            query_year: q.annee.trim().to_owned(),
            query_status: filters
                .status
                .map(|s| s.as_str().to_owned())
                .unwrap_or_default(),
            query_territory: filters.territory.unwrap_or_default(),
            years,
            statuses: ActionStatus::ALL
                .iter()
                .map(|s| Choice {
                    value: s.as_str().to_owned(),
                    label: lang.t(s.label_key()),
                })
                .collect(),
            territories: reference.territory_choices(),
            sectors: reference
                .sectors
                .iter()
                .map(|s| {
                    reference
                        .sector_label(Some(&s.code), lang)
                        .unwrap_or_default()
                })
                .collect(),
            sector_totals: cells(cov.sector_counts.iter().map(|(_, n)| *n)),
            rows: cov
                .pathway_counts
                .iter()
                .zip(&cov.matrix)
                .map(|((name, total), row)| MatrixRow {
                    pathway: name.clone(),
                    total: *total,
                    cells: cells(row.iter().copied()),
                })
                .collect(),
            empty_pathways: cov.empty_pathways.clone(),
            action_count: portrait.actions,
            sectoral: cov.sectoral,
            intersectoral: cov.intersectoral,
            no_sector: cov.no_sector,
            without_pathway: cov.without_pathway,
            groupings,
            plans: data
                .plans
                .iter()
                .map(|pl| PlanLink {
                    title: pl.title.clone(),
                    href: plan_href(pl.id),
                    grouping: data
                        .groupings
                        .get(&pl.grouping_id)
                        .map(|x| x.name.clone())
                        .unwrap_or_default(),
                })
                .collect(),
            g,
            p,
        }
    }
}

pub async fn show_portrait(
    State(state): State<AppState>,
    GroupingBySlug(g): GroupingBySlug,
    Query(q): Query<PortraitQuery>,
    p: Page,
    visitor: Visitor,
) -> Result<PortraitPage, AppError> {
    let reference = Reference::load(&state).await?;
    let data = load(&state, &g, &visitor).await?;
    let filters = Filters::of(&q, &reference);
    let sector_codes: Vec<String> = reference.sectors.iter().map(|s| s.code.clone()).collect();
    let org_sectors: HashMap<String, Option<String>> = data
        .briefs
        .iter()
        .map(|(id, b)| (id.clone(), b.sector.clone()))
        .collect();
    let portrait = compute(
        &data.outlines,
        &data.pathway_names,
        &data.pathways,
        &sector_codes,
        &org_sectors,
        &|a, o| filters.keeps(a, o, &data.briefs),
    );
    Ok(PortraitPage::new(
        p, g, &q, &data, filters, &portrait, &reference,
    ))
}
