//! The network pages: territory, grouping (with its growth) and event (with
//! its new links session by session).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use chrono::{Days, Utc};
use maillage_domain::charts::{multi_line_chart, sector_color};
use maillage_domain::names::normalize;
use maillage_store::repo::events as events_repo;
use maillage_store::repo::groupings::{self as groupings_repo, OrgBrief};
use maillage_store::repo::network::{self as repo, Evidence, Filter, Link, Scope, Source};
use uuid::Uuid;

use super::access::{EventNetwork, GroupingNetwork, TerritoryNetwork};
use super::people::{Level, PersonOrg, load_people, node_href};
use super::{Computed, Params, SizeBy, SvgText, computed, fmt, percent, select, source_label_key};
use crate::AppState;
use crate::directory::organization_href;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::{date_text, grouping_href};
use crate::reference::Reference;

/// What a scope's network is made of, filtered.
pub struct Loaded {
    pub evidence: Vec<Evidence>,
    pub links: Vec<Link>,
    pub alone: Vec<String>,
    pub briefs: HashMap<String, OrgBrief>,
    pub computed: Arc<Computed>,
    /// At person level, each person's organization (empty at organization
    /// level).
    pub people: HashMap<String, PersonOrg>,
    pub level: Level,
}

impl Loaded {
    pub fn is_people(&self) -> bool {
        self.level == Level::People
    }

    /// Where a node leads.
    pub fn href(&self, id: &str) -> String {
        node_href(&self.people, id)
    }
}

/// Loads the evidence of `scope`, keeps what `params` asks, and computes
/// (or finds in the cache) the layout and the metrics. `members` are the
/// organizations shown even without a link (isolates).
pub async fn load(
    state: &AppState,
    scope: &Scope,
    members: &[String],
    params: &Params,
) -> Result<Arc<Loaded>, AppError> {
    use std::hash::{Hash, Hasher};
    let conn = state.store.conn();
    // Reading the evidence of a large territory costs more than a page may
    // take; it is read again once rows were added or removed, or after a
    // write through this application.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{scope:?}").hash(&mut h);
    members.hash(&mut h);
    format!("{:?}", params.filter()).hash(&mut h);
    params.sector.hash(&mut h);
    repo::stamp(conn).await?.hash(&mut h);
    state
        .writes
        .load(std::sync::atomic::Ordering::Relaxed)
        .hash(&mut h);
    let key = h.finish();
    if let Some(found) = state.networks.get(key) {
        return Ok(found);
    }
    let loaded = Arc::new(read(state, scope, members, params).await?);
    state.networks.put(key, loaded.clone());
    Ok(loaded)
}

async fn read(
    state: &AppState,
    scope: &Scope,
    members: &[String],
    params: &Params,
) -> Result<Loaded, AppError> {
    let conn = state.store.conn();
    let evidence = repo::evidence(conn, scope).await?;
    let all = repo::links(&evidence, &params.filter());
    let briefs = if matches!(scope, Scope::Territory) {
        groupings_repo::org_briefs(conn, None).await?
    } else {
        let mut ids: Vec<String> = evidence
            .iter()
            .flat_map(|e| [e.a.clone(), e.b.clone()])
            .chain(members.iter().cloned())
            .collect();
        ids.sort();
        ids.dedup();
        groupings_repo::org_briefs(conn, Some(&ids)).await?
    };
    let (links, alone) = select(all, members, &briefs, &params.sector);
    let computed = computed(&links, &alone, &briefs).await;
    Ok(Loaded {
        evidence,
        links,
        alone,
        briefs,
        computed,
        people: HashMap::new(),
        level: Level::Organizations,
    })
}

type Growth = (Option<String>, Option<String>, Vec<(String, String)>);

fn growth_cache() -> &'static std::sync::Mutex<HashMap<u64, Arc<Growth>>> {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<HashMap<u64, Arc<Growth>>>> =
        std::sync::OnceLock::new();
    CACHE.get_or_init(|| std::sync::Mutex::new(HashMap::new()))
}

/// The organizations that were members of the grouping on `at` (today
/// without a date).
pub async fn members_of(
    state: &AppState,
    grouping_id: Uuid,
    at: Option<chrono::NaiveDate>,
) -> Result<Vec<String>, AppError> {
    let on = at.unwrap_or_else(|| Utc::now().date_naive());
    Ok(groupings_repo::member_ids_on(state.store.conn(), grouping_id, on).await?)
}

// ---------- the page ----------

pub struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

pub struct NameLink {
    pub name: String,
    pub href: String,
}

pub struct LegendItem {
    pub color: &'static str,
    pub label: String,
    pub count: usize,
}

pub struct Header {
    pub label: String,
    pub href: String,
    pub current: bool,
    pub arrow: &'static str,
    pub num: bool,
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

pub struct PairCount {
    pub a: String,
    pub b: String,
    pub count: usize,
    pub new_pair: bool,
}

pub struct SessionNews {
    pub number: usize,
    pub summary: String,
    pub details: String,
    pub date: String,
    pub new_links: usize,
    pub pairs: Vec<PairCount>,
    pub links: Vec<(String, String)>,
    pub first_timers: Vec<NameLink>,
}

#[derive(Template, WebTemplate)]
#[template(path = "network/page.html")]
pub struct NetworkPage {
    pub p: Page,
    pub heading: String,
    pub back: Option<NameLink>,
    pub action: String,
    pub export_base: Option<String>,
    pub export_query: String,
    pub du: String,
    pub au: String,
    pub sources: Vec<Check>,
    pub sectors: Vec<Check>,
    pub poids: String,
    pub sizes: Vec<Check>,
    pub invalid: Vec<String>,
    pub svg: Arc<String>,
    pub legend: Vec<LegendItem>,
    pub nodes: usize,
    pub links: usize,
    pub density: String,
    pub components: usize,
    pub clustering: String,
    pub communities: usize,
    pub modularity: String,
    pub cross_share: String,
    pub ei: String,
    pub brokers: Vec<NameLink>,
    pub isolates: Vec<NameLink>,
    /// Isolates left out of the list (the exports have them all).
    pub isolates_more: usize,
    pub sampled: bool,
    /// Said when the drawing leaves part of a large network out.
    pub drawn_note: Option<String>,
    pub headers: Vec<Header>,
    pub rows: Vec<Row>,
    pub table_total: usize,
    pub sessions: Vec<SessionNews>,
    pub event_first_timers: Vec<NameLink>,
    pub first_timers_text: String,
    pub growth_links: Option<String>,
    pub growth_shares: Option<String>,
    pub event_links: Vec<NameLink>,
    /// On the territory page: every grouping's network.
    pub grouping_links: Vec<NameLink>,
    /// The level choice, for those who may see people (empty otherwise).
    pub levels: Vec<Check>,
    pub people_level: bool,
}

const TABLE_ROWS: usize = 200;
/// Organizations named in a list (isolates) before "and N more".
const LISTED: usize = 200;
const LABELLED: usize = 15;

fn sector_name(reference: &Reference, lang: Lang, code: Option<&str>) -> String {
    reference
        .sector_label(code, lang)
        .unwrap_or_else(|| lang.t("network-no-sector"))
}

fn name_of(briefs: &HashMap<String, OrgBrief>, id: &str) -> String {
    briefs
        .get(id)
        .map_or_else(|| id.to_owned(), |b| b.name.clone())
}

fn name_link(briefs: &HashMap<String, OrgBrief>, id: &str) -> NameLink {
    NameLink {
        name: name_of(briefs, id),
        href: organization_href(id),
    }
}

/// The page's common part: filters, drawing, numbers and table.
#[expect(
    clippy::too_many_lines,
    clippy::too_many_arguments,
    reason = "one page, built in order from what every scope shares"
)]
pub fn build_page(
    p: Page,
    reference: &Reference,
    heading: String,
    back: Option<NameLink>,
    action: String,
    export_base: Option<String>,
    params: &Params,
    loaded: &Loaded,
) -> NetworkPage {
    let lang = p.lang;
    let c = &loaded.computed;
    let briefs = &loaded.briefs;
    let sector_of = |code: Option<&str>| sector_name(reference, lang, code);
    let people_level = loaded.is_people();
    let (title, desc) = if people_level {
        (
            p.t("network-people-svg-title"),
            p.t1("network-people-svg-desc", "count", &c.ids.len().to_string()),
        )
    } else {
        (
            p.t("network-svg-title"),
            p.t1("network-svg-desc", "count", &c.ids.len().to_string()),
        )
    };
    let href_of = |id: &str| loaded.href(id);
    let node_link = |id: &str| NameLink {
        name: name_of(briefs, id),
        href: loaded.href(id),
    };
    let svg = super::cached_svg(
        c,
        briefs,
        params.size,
        LABELLED,
        lang.short(),
        &SvgText {
            title: &title,
            desc: &desc,
            sector_of: &sector_of,
            href_of: &href_of,
        },
    );
    let mut by_sector: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for id in &c.ids {
        *by_sector
            .entry(briefs.get(id).and_then(|b| b.sector.clone()))
            .or_default() += 1;
    }
    let legend = by_sector
        .into_iter()
        .map(|(code, count)| LegendItem {
            color: sector_color(code.as_deref().unwrap_or_default()),
            label: sector_of(code.as_deref()),
            count,
        })
        .collect();

    // The table, sorted on the server.
    let sort = if params.sort.is_empty() {
        "degre"
    } else {
        params.sort.as_str()
    };
    let mut order: Vec<usize> = (0..c.ids.len()).collect();
    let names: Vec<String> = c.ids.iter().map(|id| name_of(briefs, id)).collect();
    let sectors: Vec<String> = c
        .ids
        .iter()
        .map(|id| sector_of(briefs.get(id).and_then(|b| b.sector.as_deref())))
        .collect();
    let organizations: Vec<String> = c
        .ids
        .iter()
        .map(|id| {
            loaded
                .people
                .get(id)
                .and_then(|o| o.name.clone())
                .unwrap_or_default()
        })
        .collect();
    let metric = |i: usize, f: fn(&maillage_graph::NodeCentrality) -> f64| {
        c.centrality.get(i).map_or(0.0, f)
    };
    let text_sort = matches!(sort, "nom" | "secteur" | "organisation");
    // Names A to Z, metrics largest first, unless `ordre` says otherwise.
    let ascending = params.order.unwrap_or(text_sort);
    order.sort_by(|&a, &b| {
        let o = match sort {
            "nom" => normalize(&names[a]).cmp(&normalize(&names[b])),
            "secteur" => sectors[a].cmp(&sectors[b]),
            "organisation" => normalize(&organizations[a]).cmp(&normalize(&organizations[b])),
            "intermediarite" => {
                metric(a, |x| x.betweenness).total_cmp(&metric(b, |x| x.betweenness))
            }
            "proximite" => metric(a, |x| x.closeness).total_cmp(&metric(b, |x| x.closeness)),
            "vecteur" => metric(a, |x| x.eigenvector).total_cmp(&metric(b, |x| x.eigenvector)),
            "communaute" => c.community.get(a).cmp(&c.community.get(b)),
            _ => metric(a, |x| x.degree).total_cmp(&metric(b, |x| x.degree)),
        };
        let o = if ascending { o } else { o.reverse() };
        o.then_with(|| names[a].cmp(&names[b]))
    });
    let base_query = params.query();
    let mut columns = vec![("nom", "network-col-name", false)];
    if people_level {
        columns = vec![
            ("nom", "network-col-person", false),
            ("organisation", "network-col-organization", false),
        ];
    }
    let headers = columns
        .into_iter()
        .chain([
            ("secteur", "network-col-sector", false),
            ("degre", "network-degree", true),
            ("intermediarite", "network-betweenness", true),
            ("proximite", "network-closeness", true),
            ("vecteur", "network-eigenvector", true),
            ("communaute", "network-col-community", true),
        ])
        .map(|(code, key, num)| {
            let current = code == sort;
            // A click on the current column flips it; another starts with
            // its natural order.
            let asc = if current { !ascending } else { !num };
            let mut q = base_query.clone();
            if !q.is_empty() {
                q.push('&');
            }
            q.push_str("tri=");
            q.push_str(code);
            q.push_str(if asc { "&ordre=asc" } else { "&ordre=desc" });
            Header {
                label: p.t(key),
                href: format!("{action}?{q}#metriques"),
                current,
                arrow: if !current {
                    ""
                } else if ascending {
                    "▲"
                } else {
                    "▼"
                },
                num,
            }
        })
        .collect();
    let rows = order
        .iter()
        .take(TABLE_ROWS)
        .map(|&i| {
            let m = c.centrality.get(i);
            Row {
                name: names[i].clone(),
                href: loaded.href(&c.ids[i]),
                organization: organizations[i].clone(),
                sector: sectors[i].clone(),
                degree: fmt(m.map_or(0.0, |x| x.degree), lang),
                betweenness: fmt(m.map_or(0.0, |x| x.betweenness), lang),
                closeness: fmt(m.map_or(0.0, |x| x.closeness), lang),
                eigenvector: fmt(m.map_or(0.0, |x| x.eigenvector), lang),
                community: c.community.get(i).map_or(0, |x| x + 1),
            }
        })
        .collect();

    let source_checks = Source::ALL
        .into_iter()
        .map(|s| Check {
            value: s.as_str().to_owned(),
            label: p.t(source_label_key(s)),
            checked: params.sources.contains(&s),
        })
        .collect();
    let sector_checks = reference
        .sector_choices(lang)
        .into_iter()
        .map(|ch| Check {
            checked: ch.value == params.sector,
            value: ch.value,
            label: ch.label,
        })
        .collect();
    let sizes = SizeBy::ALL
        .into_iter()
        .map(|s| Check {
            value: s.code().to_owned(),
            label: p.t(s.label_key()),
            checked: s == params.size,
        })
        .collect();
    let alone: HashSet<&str> = loaded.alone.iter().map(String::as_str).collect();
    let isolates: Vec<usize> = c
        .isolates
        .iter()
        .copied()
        .filter(|&i| alone.contains(c.ids[i].as_str()))
        .collect();
    let mut invalid: Vec<String> = params.invalid.iter().map(|k| p.t(k)).collect();
    invalid.dedup();
    NetworkPage {
        heading,
        back,
        action,
        export_base,
        export_query: base_query,
        du: params.from.map(|d| d.to_string()).unwrap_or_default(),
        au: params.at.map(|d| d.to_string()).unwrap_or_default(),
        sources: source_checks,
        sectors: sector_checks,
        poids: if params.min_weight > 0.0 {
            params.min_weight.to_string()
        } else {
            String::new()
        },
        sizes,
        invalid,
        svg,
        legend,
        nodes: c.ids.len(),
        links: c.edges.len(),
        density: fmt(c.density, lang),
        components: c.components,
        clustering: fmt(c.average_clustering, lang),
        communities: c.communities,
        modularity: fmt(c.modularity, lang),
        cross_share: percent(c.cross_sector_share(), lang),
        ei: super::fmt_opt(c.ei_index(), lang),
        brokers: c.brokers.iter().map(|&i| node_link(&c.ids[i])).collect(),
        isolates: isolates
            .iter()
            .take(LISTED)
            .map(|&i| node_link(&c.ids[i]))
            .collect(),
        isolates_more: isolates.len().saturating_sub(LISTED),
        sampled: c.sampled,
        drawn_note: (c.ids.len() > super::DRAWN_NODES || c.edges.len() > super::DRAWN_LINKS).then(
            || {
                lang.t_args(
                    "network-drawn-part",
                    &[
                        ("nodes", super::DRAWN_NODES.min(c.ids.len()).to_string()),
                        ("links", super::DRAWN_LINKS.to_string()),
                        ("total", c.ids.len().to_string()),
                    ],
                )
            },
        ),
        headers,
        rows,
        table_total: c.ids.len(),
        sessions: Vec::new(),
        event_first_timers: Vec::new(),
        first_timers_text: String::new(),
        growth_links: None,
        growth_shares: None,
        event_links: Vec::new(),
        grouping_links: Vec::new(),
        levels: Vec::new(),
        people_level,
        p,
    }
}

/// The level choice of a page whose visitor may see people.
fn level_choices(p: &Page, level: Level) -> Vec<Check> {
    Level::ALL
        .into_iter()
        .map(|l| Check {
            value: l.code().to_owned(),
            label: p.t(l.label_key()),
            checked: l == level,
        })
        .collect()
}

// ---------- handlers ----------

/// A grouping's or an event's network at person level: the drawing, the
/// numbers and the table.
#[expect(
    clippy::too_many_arguments,
    reason = "the parts of the page its two callers already hold"
)]
async fn people_page(
    state: &AppState,
    p: Page,
    reference: &Reference,
    heading: String,
    back: NameLink,
    action: String,
    params: &Params,
    scope: &Scope,
) -> Result<NetworkPage, AppError> {
    let loaded = load_people(state, scope, params).await?;
    let mut page = build_page(
        p,
        reference,
        heading,
        Some(back),
        action.clone(),
        Some(action),
        params,
        &loaded,
    );
    page.levels = level_choices(&page.p, params.level);
    Ok(page)
}

pub async fn show_territory(
    State(state): State<AppState>,
    TerritoryNetwork { params }: TerritoryNetwork,
    p: Page,
) -> Result<NetworkPage, AppError> {
    let reference = Reference::load(&state).await?;
    let loaded = load(&state, &Scope::Territory, &[], &params).await?;
    let heading = p.t("network-territory-title");
    let grouping_links = groupings_repo::list(&state.store)
        .await?
        .into_iter()
        .map(|g| NameLink {
            href: format!("{}/reseau", grouping_href(&g)),
            name: g.name,
        })
        .collect();
    let mut page = build_page(
        p,
        &reference,
        heading,
        None,
        "/reseau".to_owned(),
        None,
        &params,
        &loaded,
    );
    page.grouping_links = grouping_links;
    Ok(page)
}

pub async fn show_grouping(
    State(state): State<AppState>,
    GroupingNetwork {
        grouping: g,
        params,
        may_see_people,
    }: GroupingNetwork,
    p: Page,
) -> Result<NetworkPage, AppError> {
    let lang = p.lang;
    let reference = Reference::load(&state).await?;
    let href = grouping_href(&g);
    let heading = p.t1("network-grouping-title", "name", &g.name);
    let action = format!("{href}/reseau");
    if params.level == Level::People {
        // Growth stays an organization-level view.
        let back = NameLink {
            name: g.name.clone(),
            href: href.clone(),
        };
        let scope = Scope::Grouping(g.id);
        return people_page(
            &state, p, &reference, heading, back, action, &params, &scope,
        )
        .await;
    }
    let members = members_of(&state, g.id, params.at).await?;
    let loaded = load(&state, &Scope::Grouping(g.id), &members, &params).await?;
    let mut page = build_page(
        p,
        &reference,
        heading,
        Some(NameLink {
            name: g.name.clone(),
            href: href.clone(),
        }),
        action.clone(),
        Some(action),
        &params,
        &loaded,
    );
    if may_see_people {
        page.levels = level_choices(&page.p, params.level);
    }

    // Growth, event after event, for the same sources and sector; cached
    // with the network it comes from (its sweep over every pair's first
    // date is still the largest part of a view once the network is read).
    let growth_key = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        g.id.hash(&mut h);
        loaded.evidence.len().hash(&mut h);
        loaded.computed.key.hash(&mut h);
        params.sources.hash(&mut h);
        params.sector.hash(&mut h);
        lang.short().hash(&mut h);
        h.finish()
    };
    if let Some(cached) = growth_cache()
        .lock()
        .ok()
        .and_then(|m| m.get(&growth_key).cloned())
    {
        page.growth_links.clone_from(&cached.0);
        page.growth_shares.clone_from(&cached.1);
        page.event_links = cached
            .2
            .iter()
            .map(|(name, href)| NameLink {
                name: name.clone(),
                href: href.clone(),
            })
            .collect();
        return Ok(page);
    }
    // Growth, event after event, for the same sources and sector.
    let kept: Vec<Evidence> = {
        let f = Filter {
            sources: params.filter().sources,
            ..Filter::default()
        };
        let keep: HashSet<(String, String)> = repo::links(&loaded.evidence, &f)
            .into_iter()
            .map(|l| (l.a, l.b))
            .collect();
        loaded
            .evidence
            .iter()
            .filter(|e| keep.contains(&(e.a.clone(), e.b.clone())))
            .filter(|e| params.sources.is_empty() || params.sources.contains(&e.source))
            .cloned()
            .collect()
    };
    let in_sector = |id: &str| {
        params.sector.is_empty()
            || loaded
                .briefs
                .get(id)
                .and_then(|b| b.sector.as_deref())
                .is_some_and(|s| s == params.sector)
    };
    let sector = |id: &str| loaded.briefs.get(id).and_then(|b| b.sector.clone());
    let points = repo::growth(
        state.store.conn(),
        g.id,
        &kept,
        &|a, b| in_sector(a) || in_sector(b),
        &sector,
    )
    .await?;
    if !points.is_empty() {
        let labels: Vec<String> = points
            .iter()
            .map(|pt| format!("{} ({})", pt.title, pt.date.format("%Y-%m-%d")))
            .collect();
        #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
        let as_f64 = |x: usize| x as f64;
        let counts: Vec<f64> = points.iter().map(|pt| as_f64(pt.links)).collect();
        let news: Vec<f64> = points.iter().map(|pt| as_f64(pt.new_links)).collect();
        let density: Vec<f64> = points
            .iter()
            .map(|pt| {
                let n = as_f64(pt.nodes);
                if n > 1.0 {
                    100.0 * 2.0 * as_f64(pt.links) / (n * (n - 1.0))
                } else {
                    f64::NAN
                }
            })
            .collect();
        let cross: Vec<f64> = points
            .iter()
            .map(|pt| {
                if pt.sectored == 0 {
                    f64::NAN
                } else {
                    100.0 * as_f64(pt.cross) / as_f64(pt.sectored)
                }
            })
            .collect();
        page.growth_links = Some(multi_line_chart(
            "network-growth-links",
            &page.p.t("network-growth-links"),
            &labels,
            &[
                (page.p.t("network-links"), counts, "#0072B2".to_owned()),
                (page.p.t("network-new-links"), news, "#D55E00".to_owned()),
            ],
            None,
        ));
        page.growth_shares = Some(multi_line_chart(
            "network-growth-shares",
            &page.p.t("network-growth-shares"),
            &labels,
            &[
                (
                    page.p.t("network-density-percent"),
                    density,
                    "#009E73".to_owned(),
                ),
                (page.p.t("network-cross-share"), cross, "#CC79A7".to_owned()),
            ],
            Some(100.0),
        ));
        page.event_links = points
            .iter()
            .map(|pt| NameLink {
                name: format!("{} · {}", pt.title, date_text(Some(pt.date), lang)),
                href: format!("{}/reseau", crate::events::event_href(pt.event)),
            })
            .collect();
    }
    if let Ok(mut m) = growth_cache().lock() {
        if m.len() >= 64 {
            m.clear();
        }
        m.insert(
            growth_key,
            Arc::new((
                page.growth_links.clone(),
                page.growth_shares.clone(),
                page.event_links
                    .iter()
                    .map(|l| (l.name.clone(), l.href.clone()))
                    .collect(),
            )),
        );
    }
    Ok(page)
}

pub async fn show_event(
    State(state): State<AppState>,
    EventNetwork {
        event: e,
        params,
        may_see_people,
    }: EventNetwork,
    p: Page,
) -> Result<NetworkPage, AppError> {
    let lang = p.lang;
    let conn = state.store.conn();
    let reference = Reference::load(&state).await?;
    let href = crate::events::event_href(e.id);
    let heading = p.t1("network-event-title", "name", &e.title);
    let action = format!("{href}/reseau");
    if params.level == Level::People {
        // The new links of each session stay an organization-level view.
        let back = NameLink {
            name: e.title.clone(),
            href: href.clone(),
        };
        let scope = Scope::Event(e.id);
        return people_page(
            &state, p, &reference, heading, back, action, &params, &scope,
        )
        .await;
    }
    let presence = events_repo::presence(conn, e.id).await?;
    let present: Vec<String> = presence.organizations.keys().cloned().collect();
    let loaded = load(&state, &Scope::Event(e.id), &present, &params).await?;
    let mut page = build_page(
        p,
        &reference,
        heading,
        Some(NameLink {
            name: e.title.clone(),
            href: href.clone(),
        }),
        action.clone(),
        Some(action),
        &params,
        &loaded,
    );
    if may_see_people {
        page.levels = level_choices(&page.p, params.level);
    }

    // New links session by session, against the grouping's evidence.
    let context_scope = e.grouping_id.map_or(Scope::Territory, Scope::Grouping);
    let mut context = repo::evidence(conn, &context_scope).await?;
    if !context.iter().any(|x| x.event == Some(e.id)) {
        context.extend(loaded.evidence.iter().cloned());
    }
    if !params.sources.is_empty() {
        context.retain(|x| params.sources.contains(&x.source));
    }
    let mut extra: Vec<String> = context
        .iter()
        .flat_map(|x| [x.a.clone(), x.b.clone()])
        .filter(|id| !loaded.briefs.contains_key(id))
        .collect();
    extra.sort();
    extra.dedup();
    let mut briefs = loaded.briefs.clone();
    briefs.extend(groupings_repo::org_briefs(conn, Some(&extra)).await?);
    let sector = |id: &str| briefs.get(id).and_then(|b| b.sector.clone());
    let growth = repo::new_links_by_session(e.id, &presence.sessions, &context);
    let first_timers: HashSet<String> = events_repo::first_timers(conn, &e, &presence)
        .await?
        .into_iter()
        .collect();
    let mut seen_at_event: HashSet<&str> = HashSet::new();
    for (i, (s, g)) in presence.sessions.iter().zip(&growth).enumerate() {
        // Sector pairs linked before this session.
        let before_links = repo::links(
            &context,
            &Filter {
                at: s.date.checked_sub_days(Days::new(1)),
                ..Filter::default()
            },
        );
        let linked_pairs: HashSet<(String, String)> = before_links
            .iter()
            .filter_map(|l| sector_pair(sector(&l.a), sector(&l.b)))
            .collect();
        let mut pairs: BTreeMap<(String, String), usize> = BTreeMap::new();
        let mut cross_sector = 0;
        for (a, b) in &g.new_links {
            if let Some(pair) = sector_pair(sector(a), sector(b)) {
                if pair.0 != pair.1 {
                    cross_sector += 1;
                }
                *pairs.entry(pair).or_default() += 1;
            }
        }
        let mut pair_rows: Vec<PairCount> = pairs
            .into_iter()
            .map(|((a, b), count)| PairCount {
                new_pair: a != b && !linked_pairs.contains(&(a.clone(), b.clone())),
                a: sector_name(&reference, lang, Some(&a)),
                b: sector_name(&reference, lang, Some(&b)),
                count,
            })
            .collect();
        pair_rows.sort_by(|x, y| {
            y.count
                .cmp(&x.count)
                .then(x.a.cmp(&y.a))
                .then(x.b.cmp(&y.b))
        });
        let here: Vec<&String> = presence
            .organizations
            .iter()
            .filter(|(_, at)| at.get(i).copied().unwrap_or(false))
            .map(|(id, _)| id)
            .collect();
        let mut firsts: Vec<NameLink> = here
            .iter()
            .filter(|id| first_timers.contains(id.as_str()) && !seen_at_event.contains(id.as_str()))
            .map(|id| name_link(&briefs, id))
            .collect();
        firsts.sort_by(|a, b| a.name.cmp(&b.name));
        seen_at_event.extend(here.iter().map(|s| s.as_str()));
        let new_pairs = pair_rows.iter().filter(|r| r.new_pair).count();
        page.sessions.push(SessionNews {
            number: i + 1,
            summary: super::counted(lang, "network-new-links-count", g.new_links.len()),
            details: format!(
                "{}, {}",
                super::counted(lang, "network-cross-sector-count", cross_sector),
                super::counted(lang, "network-new-sector-pairs", new_pairs)
            ),
            date: date_text(Some(s.date), lang),
            new_links: g.new_links.len(),
            pairs: pair_rows,
            links: g
                .new_links
                .iter()
                .take(50)
                .map(|(a, b)| (name_of(&briefs, a), name_of(&briefs, b)))
                .collect(),
            first_timers: firsts,
        });
    }
    let mut all_firsts: Vec<NameLink> = first_timers
        .iter()
        .map(|id| name_link(&briefs, id))
        .collect();
    all_firsts.sort_by(|a, b| a.name.cmp(&b.name));
    page.first_timers_text = super::counted(lang, "network-first-timers-count", all_firsts.len());
    page.event_first_timers = all_firsts;
    Ok(page)
}

/// A sector pair in order; `None` when a sector is unknown.
fn sector_pair(a: Option<String>, b: Option<String>) -> Option<(String, String)> {
    let (a, b) = (a?, b?);
    Some(if a <= b { (a, b) } else { (b, a) })
}
