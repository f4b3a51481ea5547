//! The referral pages: the organization's two boxes (« Reçues », the
//! referrals to its services; « Envoyées », those it sent), one referral
//! with its history and the moves its reader's side may make now, and the
//! dashboard's panel. The form that sends a referral is [`super::form`].
//!
//! Who sees what is the store's rule (`repo::referrals`): a referral of
//! other organizations is a 404, as if it did not exist. A refused move
//! comes back to the referral's page with the French message (409 for a
//! move the status machine has no place for or a stale page, 422 for a
//! missing reason), nothing written.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::Utc;
use maillage_domain::referrals::{
    AgeGroup, ConsentGivenBy, DeclineReason, Obstacle, Side, Status, StatusInput, Urgency,
};
use maillage_store::repo::referrals::{
    self as repo, BoxFilter, BoxKind, BoxRow, ReferralView, ReferralsError,
};
use maillage_store::repo::referrals_pages;
use serde::Deserialize;
use uuid::Uuid;

use super::access::{ReadableReferral, Referrer};
use super::{form, referral_href, status_label};
use crate::AppState;
use crate::error::AppError;
use crate::forms::Choice;
use crate::i18n::Lang;
use crate::page::Page;
use crate::text::{day_text, format_date, minute_text};

/// Rows of a box page.
pub const PER_PAGE: u64 = 25;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/references",
            get(list_referrals).post(form::create_referral),
        )
        .route("/references/nouvelle", get(form::show_new_referral))
        .route("/references/{referral}", get(show_referral))
        .route(
            "/references/{referral}/statut",
            post(update_referral_status),
        )
}

/// The label of an urgency code as stored.
pub(super) fn urgency_label(lang: Lang, code: &str) -> String {
    Urgency::parse(code).map_or_else(|| code.to_owned(), |u| lang.t(u.label_key()))
}

/// The label of a decline reason or an obstacle code, as the history
/// stores both in one column.
fn reason_label(lang: Lang, status: Option<Status>, code: &str) -> String {
    let key = match status {
        Some(Status::Declined) => DeclineReason::parse(code).map(DeclineReason::label_key),
        Some(Status::NoFollowUp) => Obstacle::parse(code).map(Obstacle::label_key),
        _ => None,
    };
    key.map_or_else(|| code.to_owned(), |k| lang.t(k))
}

// ---------- the boxes ----------

/// `/references?boite=recues|envoyees&statut=…&en_retard=1&service=…&page=N`;
/// every value is read leniently (an old link or a hand-made address
/// shows the box unfiltered rather than an error).
#[derive(Debug, Default, Deserialize)]
pub struct BoxQuery {
    #[serde(default)]
    boite: String,
    #[serde(default)]
    statut: String,
    #[serde(default)]
    en_retard: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    page: String,
}

impl BoxQuery {
    fn kind(&self) -> BoxKind {
        if self.boite == "envoyees" {
            BoxKind::Outbox
        } else {
            BoxKind::Inbox
        }
    }

    fn status(&self) -> Option<Status> {
        Status::parse(&self.statut)
    }

    fn overdue(&self) -> bool {
        self.en_retard == "1"
    }

    fn page(&self) -> u64 {
        self.page
            .trim()
            .parse::<u64>()
            .unwrap_or(1)
            .clamp(1, 100_000)
    }

    fn service(&self) -> Option<String> {
        let s = self.service.trim();
        (!s.is_empty() && self.kind() == BoxKind::Inbox).then(|| s.to_owned())
    }

    /// The address of this box at `page`.
    fn href(&self, page: u64) -> String {
        let mut parts = vec![format!(
            "boite={}",
            if self.kind() == BoxKind::Outbox {
                "envoyees"
            } else {
                "recues"
            }
        )];
        if let Some(s) = self.status() {
            parts.push(format!("statut={}", s.as_str()));
        }
        if self.overdue() {
            parts.push("en_retard=1".to_owned());
        }
        if let Some(s) = self.service() {
            parts.push(format!(
                "service={}",
                maillage_domain::percent::encode_segment(&s)
            ));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        format!("/references?{}", parts.join("&"))
    }
}

/// One line of a box as the page shows it.
pub struct RowView {
    pub href: String,
    /// `None` once the person's data is purged.
    pub first_name: Option<String>,
    pub service: String,
    pub other_organization: String,
    pub status: String,
    pub status_code: &'static str,
    pub urgent: bool,
    pub sent: String,
    pub overdue: bool,
    pub unread: bool,
}

fn row_view(
    lang: Lang,
    kind: BoxKind,
    names: &std::collections::BTreeMap<String, String>,
    unread: &std::collections::HashSet<Uuid>,
    r: &BoxRow,
) -> RowView {
    let other = match kind {
        BoxKind::Inbox => &r.from_organization_id,
        BoxKind::Outbox => &r.to_organization_id,
    };
    RowView {
        href: referral_href(r.id),
        first_name: r.first_name.clone(),
        service: r.service_name.clone(),
        other_organization: names.get(other).cloned().unwrap_or_default(),
        status: status_label(lang, r.status),
        status_code: r.status.as_str(),
        urgent: r.urgency == Urgency::Urgent.as_str(),
        sent: format_date(r.sent_at, lang),
        overdue: r.overdue,
        unread: unread.contains(&r.id),
    }
}

/// A box, or why the account has none.
pub struct BoxView {
    pub rows: Vec<RowView>,
    pub total: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
    pub page_label: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals/list.html")]
pub struct ListPage {
    p: Page,
    /// The message when the account cannot have boxes (no organization,
    /// no member role); then nothing else shows.
    blocked: Option<String>,
    outbox: bool,
    inbox_href: String,
    outbox_href: String,
    statuses: Vec<Choice>,
    status: String,
    overdue: bool,
    services: Vec<Choice>,
    service: String,
    unread: usize,
    list: Option<BoxView>,
}

fn status_choices(lang: Lang) -> Vec<Choice> {
    Status::ALL
        .iter()
        .map(|s| Choice {
            value: s.as_str().to_owned(),
            label: status_label(lang, *s),
        })
        .collect()
}

async fn load_box(
    state: &AppState,
    referrer: &Referrer,
    lang: Lang,
    q: &BoxQuery,
) -> Result<Result<BoxView, &'static str>, AppError> {
    let kind = q.kind();
    let filter = BoxFilter {
        service: q.service(),
        status: q.status(),
        overdue: q.overdue(),
        page: q.page(),
        per_page: PER_PAGE,
    };
    let found =
        match repo::list_box(&state.store, &referrer.actor(), kind, &filter, Utc::now()).await {
            Ok(found) => found,
            Err(ReferralsError::Forbidden) => return Ok(Err("referrals-pages-no-role")),
            Err(e) => return Err(e.into()),
        };
    let ids: Vec<Uuid> = found.rows.iter().map(|r| r.id).collect();
    let unread =
        referrals_pages::unread_among(state.store.conn(), referrer.user.view.user.id, &ids).await?;
    let pages = found.total.div_ceil(PER_PAGE).max(1);
    let page = filter.page;
    Ok(Ok(BoxView {
        rows: found
            .rows
            .iter()
            .map(|r| row_view(lang, kind, &found.names, &unread, r))
            .collect(),
        total: usize::try_from(found.total).unwrap_or(usize::MAX),
        previous: (page > 1 && page <= pages).then(|| q.href(page - 1)),
        next: (page < pages).then(|| q.href(page + 1)),
        page_label: (pages > 1).then(|| {
            lang.t_args(
                "directory-page-of",
                &[("page", page.to_string()), ("pages", pages.to_string())],
            )
        }),
    }))
}

pub async fn list_referrals(
    State(state): State<AppState>,
    p: Page,
    referrer: Referrer,
    Query(q): Query<BoxQuery>,
) -> Result<ListPage, AppError> {
    let lang = p.lang;
    let org = referrer.user.view.user.organization_id.clone();
    let (blocked, list, services, unread) = match org {
        None => (Some("referrals-pages-no-organization"), None, Vec::new(), 0),
        Some(org) => match load_box(&state, &referrer, lang, &q).await? {
            Err(key) => (Some(key), None, Vec::new(), 0),
            Ok(list) => {
                let services = referrals_pages::organization_services(state.store.conn(), &org)
                    .await?
                    .into_iter()
                    .map(|s| Choice {
                        value: s.id,
                        label: s.name,
                    })
                    .collect();
                let unread = usize::try_from(
                    repo::unread_count(&state.store, referrer.user.view.user.id).await?,
                )
                .unwrap_or(usize::MAX);
                (None, Some(list), services, unread)
            }
        },
    };
    let tab = |boite: &str| BoxQuery {
        boite: boite.to_owned(),
        ..BoxQuery::default()
    };
    Ok(ListPage {
        blocked: blocked.map(|k| lang.t(k)),
        outbox: q.kind() == BoxKind::Outbox,
        inbox_href: tab("recues").href(1),
        outbox_href: tab("envoyees").href(1),
        statuses: status_choices(lang),
        status: q
            .status()
            .map(|s| s.as_str().to_owned())
            .unwrap_or_default(),
        overdue: q.overdue(),
        service: q.service().unwrap_or_default(),
        services,
        unread,
        list,
        p,
    })
}

// ---------- one referral ----------

/// One line of the history.
pub struct EventView {
    pub when: String,
    pub status: String,
    pub who: String,
    pub organization: String,
    pub reason: String,
    pub comment: String,
    /// The referral a redirection made, when the reader may follow it.
    pub redirected_to: Option<String>,
}

/// A move the reader's side may make now, as one small form.
pub struct MoveView {
    pub status: &'static str,
    pub label: String,
    /// `decline`, `obstacle`, `service` or empty: which select it shows.
    pub needs: &'static str,
    pub danger: bool,
}

/// The person as the page shows it (`None` once purged).
pub struct PersonView {
    pub first_name: String,
    pub contact: String,
    pub language: String,
    pub age_group: String,
    pub extra: Vec<(String, String)>,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals/show.html")]
pub struct ShowPage {
    p: Page,
    id: String,
    href: String,
    error: Option<String>,
    status: String,
    status_code: &'static str,
    service: String,
    service_href: String,
    from_organization: String,
    to_organization: String,
    grouping: String,
    reason: String,
    urgency: String,
    urgent: bool,
    sent: String,
    due: String,
    overdue: bool,
    side_sender: bool,
    person: Option<PersonView>,
    purged: String,
    consent_by: String,
    consent_shared: String,
    consent_until: String,
    consent_at: String,
    history: Vec<EventView>,
    redirected_from: Option<String>,
    moves: Vec<MoveView>,
    version: i32,
    decline_reasons: Vec<Choice>,
    obstacles: Vec<Choice>,
    targets: Vec<Choice>,
}

fn person_view(lang: Lang, view: &ReferralView) -> Option<PersonView> {
    let p = view.person.as_ref()?;
    let extra: std::collections::BTreeMap<String, String> = p
        .extra
        .as_deref()
        .and_then(|e| serde_json::from_str(e).ok())
        .unwrap_or_default();
    Some(PersonView {
        first_name: p.first_name.clone(),
        contact: p.contact.clone(),
        language: language_label(lang, &p.language),
        age_group: p
            .age_group
            .as_deref()
            .and_then(AgeGroup::parse)
            .map(|a| lang.t(a.label_key()))
            .unwrap_or_default(),
        extra: extra.into_iter().collect(),
        note: p.note.clone().unwrap_or_default(),
    })
}

/// The languages the form offers, by code.
pub(super) const LANGUAGES: &[&str] = &["fr", "en", "es", "ar", "ht", "pt", "zh", "fa", "ru", "uk"];

pub(super) fn language_label(lang: Lang, code: &str) -> String {
    if LANGUAGES.contains(&code) {
        lang.t(&format!("referrals-pages-language-{code}"))
    } else {
        code.to_owned()
    }
}

fn history_view(lang: Lang, view: &ReferralView) -> Vec<EventView> {
    view.history
        .iter()
        .map(|e| {
            let to = Status::parse(&e.to_status);
            let organization = if e.side == repo::side_code(Side::Sender) {
                &view.from_organization_name
            } else {
                &view.to_organization_name
            };
            EventView {
                when: minute_text(e.at, lang),
                status: to.map_or_else(|| e.to_status.clone(), |s| status_label(lang, s)),
                who: e.actor_name.clone(),
                organization: organization.clone(),
                reason: e
                    .reason
                    .as_deref()
                    .map(|r| reason_label(lang, to, r))
                    .unwrap_or_default(),
                comment: e.comment.clone().unwrap_or_default(),
                redirected_to: (view.side == Side::Sender)
                    .then_some(e.to_referral_id)
                    .flatten()
                    .map(referral_href),
            }
        })
        .collect()
}

fn moves(lang: Lang, view: &ReferralView) -> Vec<MoveView> {
    view.status()
        .next()
        .iter()
        .filter(|s| s.made_by(view.side))
        .map(|s| MoveView {
            status: s.as_str(),
            label: lang.t(&format!("referrals-pages-move-{}", s.as_str())),
            needs: match s {
                Status::Declined => "decline",
                Status::NoFollowUp => "obstacle",
                Status::Redirected => "service",
                _ => "",
            },
            danger: matches!(s, Status::Declined | Status::Withdrawn | Status::NoFollowUp),
        })
        .collect()
}

fn code_choices<T: Copy>(
    lang: Lang,
    all: &[T],
    code: fn(T) -> &'static str,
    key: fn(T) -> &'static str,
) -> Vec<Choice> {
    all.iter()
        .map(|c| Choice {
            value: code(*c).to_owned(),
            label: lang.t(key(*c)),
        })
        .collect()
}

async fn show_page(
    state: &AppState,
    p: Page,
    view: &ReferralView,
    error: Option<String>,
) -> Result<ShowPage, AppError> {
    let lang = p.lang;
    let r = &view.referral;
    let moves = moves(lang, view);
    let targets = if moves.iter().any(|m| m.needs == "service") {
        referrals_pages::redirect_targets(state.store.conn(), r.grouping_id, &r.service_id)
            .await?
            .into_iter()
            .map(|s| Choice {
                value: s.id,
                label: format!("{} — {}", s.name, s.organization),
            })
            .collect()
    } else {
        Vec::new()
    };
    let status = view.status();
    Ok(ShowPage {
        id: r.id.to_string(),
        href: referral_href(r.id),
        error,
        status: status_label(lang, status),
        status_code: status.as_str(),
        service: r.service_name.clone(),
        service_href: crate::directory::service_href(&r.service_id),
        from_organization: view.from_organization_name.clone(),
        to_organization: view.to_organization_name.clone(),
        grouping: view.grouping_name.clone(),
        reason: r.reason.clone().unwrap_or_default(),
        urgency: urgency_label(lang, &r.urgency),
        urgent: r.urgency == Urgency::Urgent.as_str(),
        sent: minute_text(r.sent_at, lang),
        due: format_date(r.due_at, lang),
        overdue: view.overdue(Utc::now()),
        side_sender: view.side == Side::Sender,
        person: person_view(lang, view),
        purged: r
            .purged_at
            .map(|at| format_date(at, lang))
            .unwrap_or_default(),
        consent_by: ConsentGivenBy::parse(&r.consent_given_by)
            .map_or_else(|| r.consent_given_by.clone(), |c| lang.t(c.label_key())),
        consent_shared: r.consent_shared.clone(),
        consent_until: day_text(r.consent_until, lang),
        consent_at: format_date(r.consent_at, lang),
        history: history_view(lang, view),
        redirected_from: r.redirected_from.map(referral_href),
        moves,
        version: r.version,
        decline_reasons: code_choices(
            lang,
            DeclineReason::ALL,
            DeclineReason::as_str,
            DeclineReason::label_key,
        ),
        obstacles: code_choices(lang, Obstacle::ALL, Obstacle::as_str, Obstacle::label_key),
        targets,
        p,
    })
}

pub async fn show_referral(
    State(state): State<AppState>,
    p: Page,
    ReadableReferral { view, .. }: ReadableReferral,
) -> Result<ShowPage, AppError> {
    show_page(&state, p, &view, None).await
}

/// A move as its small form sends it.
#[derive(Debug, Default, Deserialize)]
pub struct MoveForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    to_service: String,
    #[serde(default)]
    comment: String,
}

pub async fn update_referral_status(
    State(state): State<AppState>,
    p: Page,
    ReadableReferral { view, referrer }: ReadableReferral,
    headers: HeaderMap,
    Form(f): Form<MoveForm>,
) -> Result<Response, AppError> {
    let input = StatusInput {
        status: f.status,
        reason: Some(f.reason),
        comment: Some(f.comment),
        to_service: Some(f.to_service),
    };
    let id = view.referral.id;
    // A version that does not parse is a stale page, not a free pass.
    let version = match f.version.trim() {
        "" => None,
        v => Some(v.parse::<i32>().unwrap_or(-1)),
    };
    match repo::change_status(
        &state.store,
        &referrer.actor(),
        id,
        &input,
        version,
        Utc::now(),
    )
    .await
    {
        Ok(moved) => {
            super::notify::notify_move(&state, &headers, &moved);
            Ok(Redirect::to(&format!(
                "{}?ok=flash-referrals-pages-moved#historique",
                referral_href(id)
            ))
            .into_response())
        }
        Err(ReferralsError::Invalid(e)) => {
            let page = show_page(&state, p.clone(), &view, Some(p.t(e.key()))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(ReferralsError::Conflict(e)) => {
            let page = show_page(&state, p.clone(), &view, Some(p.t(e.key()))).await?;
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

// ---------- the dashboard ----------

/// The dashboard's referrals panel: unread notices and overdue referrals
/// of the inbox, for an account that refers for an organization.
pub struct DashboardPanel {
    pub unread: usize,
    pub overdue: usize,
}

/// `None` for an account without an organization or the member role.
pub async fn dashboard_panel(
    state: &AppState,
    user: &crate::auth::SignedIn,
) -> Result<Option<DashboardPanel>, AppError> {
    if user.view.user.organization_id.is_none() {
        return Ok(None);
    }
    let actor = repo::Actor {
        user_id: user.view.user.id,
        name: &user.view.user.display_name,
        organization_id: user.view.user.organization_id.as_deref(),
        principal: &user.principal,
        ip: None,
    };
    let filter = BoxFilter {
        overdue: true,
        page: 1,
        per_page: 1,
        ..BoxFilter::default()
    };
    let overdue =
        match repo::list_box(&state.store, &actor, BoxKind::Inbox, &filter, Utc::now()).await {
            Ok(found) => usize::try_from(found.total).unwrap_or(usize::MAX),
            Err(ReferralsError::Forbidden) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
    Ok(Some(DashboardPanel {
        unread: usize::try_from(repo::unread_count(&state.store, user.view.user.id).await?)
            .unwrap_or(usize::MAX),
        overdue,
    }))
}
