//! The network pages: territory, grouping (with its growth) and event (with
//! its new links session by session).
//!
//! Each handler: its extractor (whose network, the filters, the level the
//! visitor gets), one load ([`load`], cached), the pure builder
//! [`build_page`] and, for a grouping, [`growth`](super::growth) or, for
//! an event, [`sessions`](super::sessions).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use maillage_domain::charts::sector_color;
use maillage_store::repo::events as events_repo;
use maillage_store::repo::groupings::{self as groupings_repo, OrgBrief};
use maillage_store::repo::network::{Scope, Weighting};

use super::access::{EventNetwork, GroupingNetwork, TerritoryNetwork};
use super::cache::GrowthKey;
use super::growth::{self, Growth};
use super::loaded::{Loaded, load, members_of};
use super::people::{Level, load_people};
use super::sessions;
use super::table::{Header, Row, Texts, table};
use super::{NetworkCache, Params, SizeBy, SvgText, fmt, percent, source_label_key};
use crate::AppState;
use crate::directory::organization_href;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::grouping_href;
use crate::reference::Reference;

pub struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

#[derive(Debug, Clone)]
pub struct NameLink {
    pub name: String,
    pub href: String,
}

pub struct LegendItem {
    pub color: &'static str,
    pub label: String,
    pub count: usize,
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
    /// The weighting choice (collaboration or count).
    pub weightings: Vec<Check>,
    /// Which links the figures count: « Les mesures portent sur les N
    /// liens de poids ≥ X… ».
    pub scope_note: String,
    pub nodes_label: String,
    pub links_label: String,
    pub components_label: String,
    pub communities_label: String,
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

/// Organizations named in a list (isolates) before "and N more".
const LISTED: usize = 200;
const LABELLED: usize = 15;

pub fn sector_name(reference: &Reference, lang: Lang, code: Option<&str>) -> String {
    reference
        .sector_label(code, lang)
        .unwrap_or_else(|| lang.t("network-no-sector"))
}

pub fn name_of(briefs: &HashMap<String, OrgBrief>, id: &str) -> String {
    briefs
        .get(id)
        .map_or_else(|| id.to_owned(), |b| b.name.clone())
}

pub fn name_link(briefs: &HashMap<String, OrgBrief>, id: &str) -> NameLink {
    NameLink {
        name: name_of(briefs, id),
        href: organization_href(id),
    }
}

/// What a page says it is: its heading, the way back, its own address
/// (filters and sorting link to it) and its exports' (none for the
/// territory).
pub struct Head {
    pub heading: String,
    pub back: Option<NameLink>,
    pub action: String,
    pub export_base: Option<String>,
}

/// The drawing (cached) and its legend by sector.
fn drawing(
    p: &Page,
    reference: &Reference,
    cache: &NetworkCache,
    params: &Params,
    loaded: &Loaded,
) -> (Arc<String>, Vec<LegendItem>) {
    let lang = p.lang;
    let c = &loaded.computed;
    let briefs = &loaded.briefs;
    let sector_of = |code: Option<&str>| sector_name(reference, lang, code);
    let count = c.ids.len().to_string();
    let (title, desc) = if loaded.is_people() {
        (
            p.t("network-people-svg-title"),
            p.t1("network-people-svg-desc", "count", &count),
        )
    } else {
        (
            p.t("network-svg-title"),
            p.t1("network-svg-desc", "count", &count),
        )
    };
    let href_of = |id: &str| loaded.href(id);
    let svg = super::cached_svg(
        cache,
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
    (svg, legend)
}

/// The names, sectors and (people) organizations of the nodes.
fn texts(reference: &Reference, lang: Lang, loaded: &Loaded) -> Texts {
    let c = &loaded.computed;
    let briefs = &loaded.briefs;
    Texts {
        names: c.ids.iter().map(|id| name_of(briefs, id)).collect(),
        sectors: c
            .ids
            .iter()
            .map(|id| {
                sector_name(
                    reference,
                    lang,
                    briefs.get(id).and_then(|b| b.sector.as_deref()),
                )
            })
            .collect(),
        organizations: c
            .ids
            .iter()
            .map(|id| {
                loaded
                    .people
                    .get(id)
                    .and_then(|o| o.name.clone())
                    .unwrap_or_default()
            })
            .collect(),
    }
}

/// The filter form's choices: sources, sectors, sizing measure.
fn filter_checks(
    p: &Page,
    reference: &Reference,
    params: &Params,
) -> (Vec<Check>, Vec<Check>, Vec<Check>) {
    let sources = params
        .visible_sources()
        .into_iter()
        .map(|s| Check {
            value: s.as_str().to_owned(),
            label: p.t(source_label_key(s)),
            checked: params.sources.contains(&s),
        })
        .collect();
    let sectors = reference
        .sector_choices(p.lang)
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
    (sources, sectors, sizes)
}

/// The weighting choice.
fn weighting_checks(p: &Page, params: &Params) -> Vec<Check> {
    [Weighting::Collaboration, Weighting::Count]
        .into_iter()
        .map(|w| Check {
            value: super::weighting_code(w).to_owned(),
            label: p.t(match w {
                Weighting::Collaboration => "network-weighting-collaboration",
                Weighting::Count => "network-weighting-count",
            }),
            checked: w == params.weighting,
        })
        .collect()
}

/// Which links the figures count.
fn scope_note(lang: Lang, params: &Params, links: usize, weaker: usize) -> String {
    let weighting = lang.t(match params.weighting {
        Weighting::Collaboration => "network-scope-collaboration",
        Weighting::Count => "network-scope-count",
    });
    lang.t_args(
        "network-scope",
        &[
            ("count", links.to_string()),
            ("threshold", fmt(params.min_weight, lang)),
            ("weighting", weighting),
            ("weaker_count", weaker.to_string()),
        ],
    )
}

/// The threshold as the number field shows it (a dot, no trailing zeros).
fn threshold_field(w: f64) -> String {
    let t = format!("{:.3}", (w * 1000.0).round() / 1000.0);
    t.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Said when the drawing leaves part of a large network out.
fn drawn_note(lang: Lang, nodes: usize, links: usize) -> Option<String> {
    (nodes > super::DRAWN_NODES || links > super::DRAWN_LINKS).then(|| {
        lang.t_args(
            "network-drawn-part",
            &[
                ("nodes", super::DRAWN_NODES.min(nodes).to_string()),
                ("links", super::DRAWN_LINKS.to_string()),
                ("total", nodes.to_string()),
            ],
        )
    })
}

/// The page's common part: filters, drawing, numbers and table.
pub fn build_page(
    p: Page,
    reference: &Reference,
    cache: &NetworkCache,
    head: Head,
    params: &Params,
    loaded: &Loaded,
) -> NetworkPage {
    let lang = p.lang;
    let c = &loaded.computed;
    let node_link = |id: &str| NameLink {
        name: name_of(&loaded.briefs, id),
        href: loaded.href(id),
    };
    let (svg, legend) = drawing(&p, reference, cache, params, loaded);
    let (headers, rows) = table(
        &p,
        &head.action,
        params,
        loaded,
        &texts(reference, lang, loaded),
    );
    let (sources, sectors, sizes) = filter_checks(&p, reference, params);
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
        heading: head.heading,
        back: head.back,
        action: head.action,
        export_base: head.export_base,
        export_query: params.query(),
        du: params.from.map(|d| d.to_string()).unwrap_or_default(),
        au: params.at.map(|d| d.to_string()).unwrap_or_default(),
        sources,
        sectors,
        poids: threshold_field(params.min_weight),
        weightings: weighting_checks(&p, params),
        scope_note: scope_note(lang, params, c.edges.len(), loaded.weaker),
        nodes_label: lang.t_args(
            if loaded.is_people() {
                "network-people-count"
            } else {
                "network-organizations-count"
            },
            &[("count", c.ids.len().to_string())],
        ),
        links_label: lang.t_args(
            "network-links-count",
            &[("count", c.edges.len().to_string())],
        ),
        components_label: lang.t_args(
            "network-components-count",
            &[("count", c.components.to_string())],
        ),
        communities_label: lang.t_args(
            "network-communities-count",
            &[("count", c.communities.to_string())],
        ),
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
        drawn_note: drawn_note(lang, c.ids.len(), c.edges.len()),
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
        people_level: loaded.is_people(),
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

/// A grouping's or an event's network page at the level the extractor
/// let through, the level choice offered to those who may see people.
/// The person level is the network alone: the growth charts and the new
/// links of each session stay an organization-level view.
#[expect(
    clippy::too_many_arguments,
    reason = "the parts of the page its two callers already hold"
)]
async fn scope_page(
    state: &AppState,
    p: Page,
    reference: &Reference,
    head: Head,
    params: &Params,
    may_see_people: bool,
    scope: &Scope,
    members: &[String],
) -> Result<(NetworkPage, Arc<Loaded>), AppError> {
    let loaded = if params.level == Level::People {
        load_people(state, scope, params).await?
    } else {
        load(state, scope, members, params).await?
    };
    let mut page = build_page(p, reference, &state.networks, head, params, &loaded);
    if may_see_people {
        page.levels = level_choices(&page.p, params.level);
    }
    Ok((page, loaded))
}

/// The heading, way back and addresses of a grouping's or an event's page.
fn scope_head(heading: String, name: &str, href: String) -> Head {
    let action = format!("{href}/reseau");
    Head {
        heading,
        back: Some(NameLink {
            name: name.to_owned(),
            href,
        }),
        export_base: Some(action.clone()),
        action,
    }
}

pub async fn show_territory(
    State(state): State<AppState>,
    TerritoryNetwork { params }: TerritoryNetwork,
    p: Page,
) -> Result<NetworkPage, AppError> {
    let reference = Reference::load(&state).await?;
    let loaded = load(&state, &Scope::Territory, &[], &params).await?;
    let grouping_links = groupings_repo::list(&state.store)
        .await?
        .into_iter()
        .map(|g| NameLink {
            href: format!("{}/reseau", grouping_href(&g)),
            name: g.name,
        })
        .collect();
    let head = Head {
        heading: p.t("network-territory-title"),
        back: None,
        action: "/reseau".to_owned(),
        export_base: None,
    };
    let mut page = build_page(p, &reference, &state.networks, head, &params, &loaded);
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
    let reference = Reference::load(&state).await?;
    let heading = p.t1("network-grouping-title", "name", &g.name);
    let head = scope_head(heading, &g.name, grouping_href(&g));
    let scope = Scope::Grouping(g.id);
    let people = params.level == Level::People;
    let members = if people {
        Vec::new()
    } else {
        members_of(&state, g.id, params.at).await?
    };
    let (mut page, loaded) = scope_page(
        &state,
        p,
        &reference,
        head,
        &params,
        may_see_people,
        &scope,
        &members,
    )
    .await?;
    if people {
        return Ok(page);
    }
    // Growth, event after event, for the same sources and sector; cached
    // with the network it comes from.
    let key = GrowthKey {
        grouping: g.id,
        evidence: loaded.evidence.len(),
        computed: loaded.computed.key,
        sources: params.kept_sources().unwrap_or_default(),
        sector: params.sector.clone(),
        min_weight: params.min_weight.to_bits(),
        weighting: params.weighting,
        lang: page.p.lang.short(),
    };
    let growth = if let Some(found) = state.networks.growth(&key) {
        found
    } else {
        let points = growth::load_points(&state, g.id, &loaded, &params).await?;
        let built = Arc::new(growth::build(&points, &page.p));
        state.networks.put_growth(key, built.clone());
        built
    };
    let Growth {
        links_chart,
        shares_chart,
        events,
    } = Growth::clone(&growth);
    page.growth_links = links_chart;
    page.growth_shares = shares_chart;
    page.event_links = events;
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
    let reference = Reference::load(&state).await?;
    let heading = p.t1("network-event-title", "name", &e.title);
    let head = scope_head(heading, &e.title, crate::events::event_href(e.id));
    let scope = Scope::Event(e.id);
    let (people, s) = (params.level == Level::People, &state);
    if people {
        let (page, _) =
            scope_page(s, p, &reference, head, &params, may_see_people, &scope, &[]).await?;
        return Ok(page);
    }
    let presence = events_repo::presence(state.store.conn(), e.id).await?;
    let present: Vec<String> = presence.organizations.keys().cloned().collect();
    let (mut page, loaded) = scope_page(
        s,
        p,
        &reference,
        head,
        &params,
        may_see_people,
        &scope,
        &present,
    )
    .await?;
    // New links session by session, against the grouping's evidence.
    let data = sessions::load(&state, &e, presence, &loaded, &params).await?;
    let news = sessions::build(e.id, &data, &reference, page.p.lang);
    page.sessions = news.sessions;
    page.first_timers_text = news.first_timers_text;
    page.event_first_timers = news.first_timers;
    Ok(page)
}
