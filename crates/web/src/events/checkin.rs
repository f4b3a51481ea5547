//! The check-in page of a session (a tablet at the door: search a
//! registrant, mark present, add walk-ins) and the attendance table of the
//! event (organizations × sessions, counts, organizations at every session,
//! first-timers, sector mix).

use std::collections::{BTreeMap, HashMap, HashSet};

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum_extra::extract::Form;
use maillage_domain::charts::{self, Bar};
use maillage_domain::ids::RegistrationId;
use maillage_domain::names::normalize;
use maillage_store::entity::{event, event_session, registration};
use maillage_store::repo::events as repo;
use maillage_store::repo::events::pages as store_pages;
use maillage_store::repo::groupings as groupings_repo;
use serde::Deserialize;
use uuid::Uuid;

use super::access::{InsideEvent, ManagedSession, Op, WalkIn};
use super::sessions::{SessionItem, session_items};
use super::{event_href, manage_href};
use crate::AppState;
use crate::error::AppError;
use crate::error::url_escape;
use crate::extract::Id;
use crate::page::Page;
use crate::plans::{date_text, org_name, sector_label};
use crate::reference::Reference;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/evenements/{event}/seances/{session}/accueil",
            get(show_checkin).post(update_checkin_from_list),
        )
        .route(
            "/evenements/{event}/seances/{session}/accueil/sans-inscription",
            post(create_walk_in),
        )
        .route(
            "/evenements/{event}/seances/{session}/accueil/sans-inscription/{walk_in}/supprimer",
            post(delete_walk_in),
        )
        .route(
            "/evenements/{event}/seances/{session}/accueil/{registration}/{op}",
            post(update_checkin),
        )
        .route("/evenements/{event}/presences", get(show_attendance))
}

fn checkin_href(event_id: Uuid, session_id: Uuid) -> String {
    format!("{}/seances/{session_id}/accueil", event_href(event_id))
}

/// Whether every word of the query is in the text (both normalized).
fn matches(query: &str, haystack: &str) -> bool {
    let q = normalize(query);
    if q.is_empty() {
        return true;
    }
    let h = normalize(haystack);
    q.split(' ').all(|w| h.contains(w))
}

// ---------- check-in ----------

/// Rows listed before the door staff searches: a tablet finds anyone by a
/// few letters faster than by scrolling a thousand names, and the page
/// stays small; « Tout afficher » lists everyone.
const FIRST_ROWS: usize = 100;

#[derive(Debug, Default, Deserialize)]
pub struct CheckinQuery {
    #[serde(default)]
    q: String,
    /// Any value: every row, not only the first ones.
    #[serde(default)]
    tout: String,
}

pub struct CheckinRow {
    pub id: String,
    pub name: String,
    pub organization: String,
    pub waitlisted: bool,
    pub present: bool,
}

pub struct WalkInRow {
    pub name: String,
    pub organization: String,
    pub delete_href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/checkin_session.html")]
pub struct CheckinPage {
    p: Page,
    e: event::Model,
    session: SessionItem,
    href: String,
    manage_href: String,
    q: String,
    rows: Vec<CheckinRow>,
    walk_ins: Vec<WalkInRow>,
    present: usize,
    expected: usize,
    organizations: usize,
    hidden: usize,
    /// Matching rows left out after the first ones, and where to see them.
    more: usize,
    all_href: String,
    /// Carried by the list's form so that a mark keeps the whole list.
    all: bool,
    /// Labels of every row's button, looked up once rather than per row.
    mark: String,
    undo: String,
    is_present: String,
}

pub async fn show_checkin(
    State(state): State<AppState>,
    ManagedSession {
        event: e,
        session: s,
        ..
    }: ManagedSession,
    p: Page,
    Query(query): Query<CheckinQuery>,
) -> Result<CheckinPage, AppError> {
    let lang = p.lang;
    let regs: Vec<_> = repo::registrations(state.store.conn(), e.id)
        .await?
        .into_iter()
        .filter(|r| !r.status.is_cancelled())
        .collect();
    let rows_here = store_pages::session_attendance(state.store.conn(), s.id).await?;
    let present_ids: HashSet<Uuid> = rows_here.iter().filter_map(|a| a.registration_id).collect();
    let mut org_ids: Vec<String> = regs
        .iter()
        .filter_map(|r| r.organization_id.clone())
        .collect();
    org_ids.extend(rows_here.iter().filter_map(|a| a.organization_id.clone()));
    let orgs = groupings_repo::org_briefs(state.store.conn(), Some(&org_ids)).await?;
    let href = checkin_href(e.id, s.id);
    let mut rows = checkin_rows(&regs, &present_ids, &orgs);
    let total = rows.len();
    let q = query.q.trim().to_owned();
    rows.retain(|r| matches(&q, &format!("{} {}", r.name, r.organization)));
    let hidden = total - rows.len();
    let all = !query.tout.trim().is_empty();
    let more = if all {
        0
    } else {
        rows.len().saturating_sub(FIRST_ROWS)
    };
    rows.truncate(rows.len() - more);
    let all_href = if q.is_empty() {
        format!("{href}?tout=1")
    } else {
        format!("{href}?q={}&tout=1", url_escape(&q))
    };
    let walk_ins: Vec<WalkInRow> = rows_here
        .iter()
        .filter(|a| a.registration_id.is_none() && a.person_name.is_some())
        .map(|a| WalkInRow {
            name: a.person_name.clone().unwrap_or_default(),
            organization: a
                .organization_id
                .as_deref()
                .map(|o| org_name(&orgs, o))
                .unwrap_or_default(),
            delete_href: format!("{href}/sans-inscription/{}/supprimer", a.id),
        })
        .collect();
    let organizations: HashSet<&String> = rows_here
        .iter()
        .filter_map(|a| a.organization_id.as_ref())
        .collect();
    let session = session_items(e.id, std::slice::from_ref(&s), lang)
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(CheckinPage {
        present: present_ids.len() + walk_ins.len(),
        expected: regs.iter().filter(|r| r.status.is_confirmed()).count(),
        organizations: organizations.len(),
        mark: p.t("evpages-mark-present"),
        undo: p.t("evpages-undo-checkin"),
        is_present: p.t("evpages-is-present"),
        hidden,
        more,
        all_href,
        all,
        manage_href: manage_href(e.id),
        href,
        q,
        rows,
        walk_ins,
        session,
        e,
        p,
    })
}

/// The registrants as the door staff sees them, by name.
fn checkin_rows(
    regs: &[registration::Model],
    present_ids: &HashSet<Uuid>,
    orgs: &HashMap<String, groupings_repo::OrgBrief>,
) -> Vec<CheckinRow> {
    let mut rows: Vec<CheckinRow> = regs
        .iter()
        .map(|r| {
            let organization = match (&r.organization_id, &r.organization_text) {
                (Some(o), _) => org_name(orgs, o),
                (None, Some(t)) => t.clone(),
                (None, None) => String::new(),
            };
            CheckinRow {
                id: r.id.to_string(),
                name: r.name.clone(),
                waitlisted: r.status.is_waitlisted(),
                present: present_ids.contains(&r.id),
                organization,
            }
        })
        .collect();
    rows.sort_by_key(|r| normalize(&r.name));
    rows
}

#[derive(Debug, Default, Deserialize)]
pub struct CheckinForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tout: String,
}

/// The list's one form: the pressed button names the registrant
/// (`present=ID` or `annuler=ID`), so rows carry no form of their own.
#[derive(Debug, Default, Deserialize)]
pub struct CheckinListForm {
    #[serde(default)]
    q: String,
    #[serde(default)]
    tout: String,
    #[serde(default)]
    present: String,
    #[serde(default)]
    annuler: String,
}

/// Back to the list as it was (`all`: the whole list, not the first rows).
fn back(href: &str, q: &str, all: bool, flash: &str, anchor: &str) -> Response {
    let kind = if flash.contains("-error-") {
        "erreur"
    } else {
        "ok"
    };
    let mut query = if q.trim().is_empty() {
        String::new()
    } else {
        format!("q={}&", url_escape(q.trim()))
    };
    if all {
        query.push_str("tout=1&");
    }
    Redirect::to(&format!("{href}?{query}{kind}={flash}{anchor}")).into_response()
}

/// `present` marks a registrant present at the session, `annuler` undoes it.
pub async fn update_checkin(
    State(state): State<AppState>,
    ManagedSession {
        event: e,
        session: s,
        ..
    }: ManagedSession,
    Id(registration): Id<RegistrationId>,
    Id(Op(op)): Id<Op>,
    Form(form): Form<CheckinForm>,
) -> Result<Response, AppError> {
    let q = ListState {
        q: &form.q,
        all: !form.tout.trim().is_empty(),
    };
    mark(&state, &e, &s, &registration.to_string(), &op, &q).await
}

/// The same from the list's single form.
pub async fn update_checkin_from_list(
    State(state): State<AppState>,
    ManagedSession {
        event: e,
        session: s,
        ..
    }: ManagedSession,
    Form(form): Form<CheckinListForm>,
) -> Result<Response, AppError> {
    let (registration, op) = match (form.present.trim(), form.annuler.trim()) {
        (r, "") if !r.is_empty() => (r, "present"),
        ("", r) if !r.is_empty() => (r, "annuler"),
        _ => return Err(AppError::NotFound),
    };
    let q = ListState {
        q: &form.q,
        all: !form.tout.trim().is_empty(),
    };
    mark(&state, &e, &s, registration, op, &q).await
}

/// What the list showed, to show it again after a mark.
struct ListState<'a> {
    q: &'a str,
    all: bool,
}

async fn mark(
    state: &AppState,
    e: &event::Model,
    s: &event_session::Model,
    registration: &str,
    op: &str,
    list: &ListState<'_>,
) -> Result<Response, AppError> {
    let rid = Uuid::parse_str(registration).map_err(|_| AppError::NotFound)?;
    let href = checkin_href(e.id, s.id);
    let anchor = format!("#r-{rid}");
    let go = |flash: &str| back(&href, list.q, list.all, flash, &anchor);
    match op {
        "present" => {
            let reg = repo::registration_of(state.store.conn(), e.id, rid)
                .await?
                .ok_or(AppError::NotFound)?;
            if reg.status.is_cancelled() {
                return Ok(go("flash-evpages-error-cancelled"));
            }
            repo::check_in(&state.store, e.id, s.id, rid).await?;
            Ok(go("flash-evpages-checked-in"))
        }
        "annuler" => {
            repo::undo_check_in(&state.store, s.id, rid).await?;
            Ok(go("flash-evpages-checkin-undone"))
        }
        _ => Err(AppError::NotFound),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct WalkInForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    organization: String,
}

/// Someone at the door who did not register: their organization is
/// resolved by the directory's matcher, else kept with their name.
pub async fn create_walk_in(
    State(state): State<AppState>,
    ManagedSession {
        event: e,
        session: s,
        ..
    }: ManagedSession,
    Form(form): Form<WalkInForm>,
) -> Result<Response, AppError> {
    let href = checkin_href(e.id, s.id);
    let name = form.name.trim();
    if name.is_empty() {
        return Ok(back(
            &href,
            "",
            false,
            "flash-evpages-error-walk-in-name",
            "#sans-inscription",
        ));
    }
    let typed = form.organization.trim();
    let (org, person) = if typed.is_empty() {
        (None, name.to_owned())
    } else {
        match crate::plans::resolve_organization(&state, typed).await {
            Ok(id) => (Some(id), name.to_owned()),
            Err(_) => (None, format!("{name} ({typed})")),
        }
    };
    let flash = if org.is_none() && !typed.is_empty() {
        "flash-evpages-walk-in-unmatched"
    } else {
        "flash-evpages-walk-in-added"
    };
    repo::walk_in(&state.store, e.id, s.id, &person, org).await?;
    Ok(back(&href, "", false, flash, "#sans-inscription"))
}

pub async fn delete_walk_in(
    State(state): State<AppState>,
    ManagedSession {
        event: e,
        session: s,
        ..
    }: ManagedSession,
    Id(WalkIn(wid)): Id<WalkIn>,
) -> Result<Response, AppError> {
    store_pages::delete_walk_in(&state.store, s.id, wid).await?;
    Ok(back(
        &checkin_href(e.id, s.id),
        "",
        false,
        "flash-evpages-walk-in-removed",
        "#sans-inscription",
    ))
}

// ---------- the attendance table ----------

pub struct GridRow {
    pub name: String,
    pub href: String,
    pub sector: String,
    pub marks: Vec<bool>,
    pub every: bool,
    pub first_time: bool,
}

pub struct SessionCount {
    pub date: String,
    pub short: String,
    pub organizations: usize,
    pub people: usize,
}

pub struct SectorRow {
    pub label: String,
    pub count: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "events/checkin_attendance.html")]
pub struct AttendancePage {
    p: Page,
    e: event::Model,
    href: String,
    manage_href: Option<String>,
    sessions: Vec<SessionCount>,
    rows: Vec<GridRow>,
    every: Vec<String>,
    first_timers: Vec<String>,
    sectors: Vec<SectorRow>,
    chart: String,
    distinct: usize,
}

pub async fn show_attendance(
    State(state): State<AppState>,
    inside: InsideEvent,
    p: Page,
) -> Result<AttendancePage, AppError> {
    let manages = inside.may_manage();
    let e = inside.event;
    let lang = p.lang;
    let presence = repo::presence(state.store.conn(), e.id).await?;
    let ids: Vec<String> = presence.organizations.keys().cloned().collect();
    let orgs = groupings_repo::org_briefs(state.store.conn(), Some(&ids)).await?;
    let first: HashSet<String> = repo::first_timers(state.store.conn(), &e, &presence)
        .await?
        .into_iter()
        .collect();
    let reference = Reference::load(&state).await?;
    let mut rows: Vec<GridRow> = presence
        .organizations
        .iter()
        .map(|(id, marks)| GridRow {
            name: org_name(&orgs, id),
            href: crate::directory::organization_href(id),
            sector: sector_label(
                &reference,
                lang,
                orgs.get(id).and_then(|o| o.sector.as_deref()),
            ),
            every: !marks.is_empty() && marks.iter().all(|m| *m),
            first_time: first.contains(id),
            marks: marks.clone(),
        })
        .collect();
    rows.sort_by_key(|r| (normalize(&r.name), r.name.clone()));
    let sessions = presence
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| SessionCount {
            date: date_text(Some(s.date), lang),
            short: crate::text::day_text(s.date, lang),
            organizations: presence.organizations_at(i),
            people: presence.people.get(i).copied().unwrap_or(0),
        })
        .collect();
    let every: Vec<String> = rows
        .iter()
        .filter(|r| r.every)
        .map(|r| r.name.clone())
        .collect();
    let first_timers: Vec<String> = rows
        .iter()
        .filter(|r| r.first_time)
        .map(|r| r.name.clone())
        .collect();
    let (sectors, chart) = sector_mix(&presence, &orgs, &reference, &p);
    Ok(AttendancePage {
        manage_href: manages.then(|| manage_href(e.id)),
        href: event_href(e.id),
        distinct: rows.len(),
        sessions,
        rows,
        every,
        first_timers,
        sectors,
        chart,
        e,
        p,
    })
}

/// The sector mix of the organizations present: distinct organizations by
/// sector, largest first, as rows and as a bar chart.
fn sector_mix(
    presence: &repo::Presence,
    orgs: &HashMap<String, groupings_repo::OrgBrief>,
    reference: &Reference,
    p: &Page,
) -> (Vec<SectorRow>, String) {
    let lang = p.lang;
    // Sector mix: distinct organizations by sector, largest first.
    let mut by_sector: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for id in presence.organizations.keys() {
        *by_sector
            .entry(orgs.get(id).and_then(|o| o.sector.clone()))
            .or_default() += 1;
    }
    let mut mix: Vec<(Option<String>, usize)> = by_sector.into_iter().collect();
    mix.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let labels: HashMap<Option<String>, String> = mix
        .iter()
        .map(|(code, _)| (code.clone(), sector_label(reference, lang, code.as_deref())))
        .collect();
    let bars: Vec<Bar> = mix
        .iter()
        .map(|(code, n)| Bar {
            label: labels.get(code).cloned().unwrap_or_default(),
            #[expect(
                clippy::cast_precision_loss,
                reason = "counts of organizations are small"
            )]
            value: *n as f64,
            color: Some(charts::sector_color(code.as_deref().unwrap_or_default()).to_owned()),
        })
        .collect();
    let chart = charts::bar_chart(
        "evpages-sectors",
        &p.t("evpages-sector-chart"),
        &bars,
        &p.t("evpages-no-attendance"),
    );
    let sectors = mix
        .iter()
        .map(|(code, n)| SectorRow {
            label: labels.get(code).cloned().unwrap_or_default(),
            count: *n,
        })
        .collect();
    (sectors, chart)
}
