//! An event's network page, session by session: the links each session
//! created (pairs of organizations whose weight, in the grouping's
//! network, reached the page's threshold at that session), what they did between sectors, and the
//! organizations there for the first time.
//!
//! [`load`] reads, [`build`] assembles (pure; the sector measures are
//! `maillage_graph`'s).

use std::collections::{HashMap, HashSet};

use chrono::Days;
use maillage_graph::new_link_sectors;
use maillage_store::entity::event;
use maillage_store::repo::events::{self as events_repo, Presence};
use maillage_store::repo::groupings::{self as groupings_repo, OrgBrief};
use maillage_store::repo::network::{
    self as repo, Evidence, Filter, Scope, SessionGrowth, Weighting,
};

use super::Params;
use super::loaded::Loaded;
use super::pages::{NameLink, PairCount, SessionNews, name_link, name_of, sector_name};
use crate::AppState;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::plans::date_text;
use crate::reference::Reference;

/// What the sessions part of the page is made of.
pub struct SessionsData {
    pub presence: Presence,
    /// The grouping's (or the territory's) evidence, the event's included,
    /// for the page's sources.
    pub context: Vec<Evidence>,
    /// Every organization of `context`.
    pub briefs: HashMap<String, OrgBrief>,
    pub first_timers: HashSet<String>,
    /// The page's weighting and threshold: a session's new links are the
    /// pairs whose weight reaches it there.
    pub threshold: (Weighting, f64),
}

/// Reads what [`build`] needs: the event's presence, the evidence of its
/// grouping (the territory's without one) and its first-time organizations.
pub async fn load(
    state: &AppState,
    e: &event::Model,
    presence: Presence,
    loaded: &Loaded,
    params: &Params,
) -> Result<SessionsData, AppError> {
    let conn = state.store.conn();
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
    let first_timers = events_repo::first_timers(conn, e, &presence)
        .await?
        .into_iter()
        .collect();
    Ok(SessionsData {
        presence,
        context,
        briefs,
        first_timers,
        threshold: (params.weighting, params.min_weight),
    })
}

/// The sessions part of an event's network page.
pub struct EventNews {
    pub sessions: Vec<SessionNews>,
    /// The organizations at their first event of the grouping.
    pub first_timers: Vec<NameLink>,
    pub first_timers_text: String,
}

/// Links kept per session in the list (the counts have them all).
const LISTED_LINKS: usize = 50;

pub fn build(
    event_id: uuid::Uuid,
    data: &SessionsData,
    reference: &Reference,
    lang: Lang,
) -> EventNews {
    let briefs = &data.briefs;
    let growth = repo::new_links_by_session(
        event_id,
        &data.presence.sessions,
        &data.context,
        data.threshold,
    );
    let mut seen_at_event: HashSet<&str> = HashSet::new();
    let mut sessions = Vec::with_capacity(growth.len());
    for (i, (s, g)) in data.presence.sessions.iter().zip(&growth).enumerate() {
        // Organizations here for the first time, at their first session.
        let here: Vec<&String> = data
            .presence
            .organizations
            .iter()
            .filter(|(_, at)| at.get(i).copied().unwrap_or(false))
            .map(|(id, _)| id)
            .collect();
        let mut firsts: Vec<NameLink> = here
            .iter()
            .filter(|id| {
                data.first_timers.contains(id.as_str()) && !seen_at_event.contains(id.as_str())
            })
            .map(|id| name_link(briefs, id))
            .collect();
        firsts.sort_by(|a, b| a.name.cmp(&b.name));
        seen_at_event.extend(here.iter().map(|s| s.as_str()));
        let before = s.date.checked_sub_days(Days::new(1));
        sessions.push(session_news(
            i, s.date, g, before, data, reference, lang, firsts,
        ));
    }
    let mut all_firsts: Vec<NameLink> = data
        .first_timers
        .iter()
        .map(|id| name_link(briefs, id))
        .collect();
    all_firsts.sort_by(|a, b| a.name.cmp(&b.name));
    EventNews {
        sessions,
        first_timers_text: crate::text::count_text(
            lang,
            "network-first-timers-count",
            all_firsts.len(),
        ),
        first_timers: all_firsts,
    }
}

/// One session: its new links by sector pair (against the links of the
/// day before it), and the first-time organizations.
#[expect(
    clippy::too_many_arguments,
    reason = "one session's parts, from the loop over the sessions"
)]
fn session_news(
    i: usize,
    on: chrono::NaiveDate,
    g: &SessionGrowth,
    before: Option<chrono::NaiveDate>,
    data: &SessionsData,
    reference: &Reference,
    lang: Lang,
    first_timers: Vec<NameLink>,
) -> SessionNews {
    let briefs = &data.briefs;
    let before_links = repo::links(
        &data.context,
        &Filter {
            at: before,
            weighting: data.threshold.0,
            min_weight: data.threshold.1,
            ..Filter::default()
        },
    );
    let sector_of = |id: &str| briefs.get(id).and_then(|b| b.sector.as_deref());
    let news = new_link_sectors(
        g.new_links.iter().map(|(a, b)| (a.as_str(), b.as_str())),
        before_links.iter().map(|l| (l.a.as_str(), l.b.as_str())),
        &sector_of,
    );
    let mut pairs: Vec<PairCount> = news
        .pairs
        .iter()
        .map(|pair| PairCount {
            new_pair: pair.new_pair,
            a: sector_name(reference, lang, Some(&pair.a)),
            b: sector_name(reference, lang, Some(&pair.b)),
            count: pair.count,
        })
        .collect();
    pairs.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    SessionNews {
        number: i + 1,
        summary: crate::text::count_text(lang, "network-new-links-count", g.new_links.len()),
        details: format!(
            "{}, {}",
            crate::text::count_text(lang, "network-cross-sector-count", news.cross_sector),
            crate::text::count_text(lang, "network-new-sector-pairs", news.new_pairs())
        ),
        date: date_text(Some(on), lang),
        new_links: g.new_links.len(),
        pairs,
        links: g
            .new_links
            .iter()
            .take(LISTED_LINKS)
            .map(|(a, b)| (name_of(briefs, a), name_of(briefs, b)))
            .collect(),
        first_timers,
    }
}
