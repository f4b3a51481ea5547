//! `/api/v1/referrals…` (DESIGN.md §4 *Referrals*, tag `referrals`).
//!
//! Only accounts of a referral's two organizations (with the member role)
//! read or move it; to anyone else it does not exist (404). Writes take the
//! session's CSRF header or a write token, as every API write. Statuses are
//! the codes of `maillage_domain::referrals::Status`: `sent`, `received`,
//! `accepted`, `declined`, `redirected`, `withdrawn`, `started`,
//! `completed`, `no_follow_up`, `closed`.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::{DateTime, NaiveDate, Utc};
use maillage_domain::ids::ReferralId;
use maillage_domain::referrals::Side;
use maillage_domain::referrals::{ConsentInput, PersonInput, ReferralInput, Status, StatusInput};
use maillage_store::entity::referral_event;
use maillage_store::repo::referrals::{
    self as repo, BoxFilter, BoxKind, BoxRow, NewReferral, ReferralView,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use uuid::Uuid;

use super::access::{ApiReadableReferral, Referrer};
use super::notify;
use crate::AppState;
use crate::api::{ApiId, ErrorBody};
use crate::error::AppError;
use crate::extract::Id;

pub const TAG: &str = "referrals";

/// Lines of a box page when `per_page` is not given, and the most.
const PER_PAGE_DEFAULT: u64 = 20;
const PER_PAGE_MAX: u64 = 200;

crate::api::json_body!(pub Body, json = "referrals-api-error-json", fields = "referrals-api-error-fields");

pub(super) fn routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router
        .routes(routes!(create_referral, list_referrals))
        .routes(routes!(show_referral))
        .routes(routes!(update_referral_status))
}

// ---------- bodies ----------

/// The person, the least a service needs to reach them.
#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct ReferralPersonBody {
    /// First name or initials.
    #[schema(example = "Amina")]
    first_name: String,
    /// A phone number or an e-mail address.
    #[schema(example = "819 555-0101")]
    contact: String,
    /// An ISO 639-1 code; `fr` when left out.
    #[schema(example = "fr")]
    language: Option<String>,
    /// `0-5`, `6-11`, `12-17`, `18-24`, `25-64` or `65+`.
    #[schema(example = "0-5")]
    age_group: Option<String>,
    /// Only the named fields the service asks for (anything else: 422).
    extra: BTreeMap<String, String>,
}

/// The recorded consent: nothing is sent without it.
#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct ReferralConsentBody {
    /// `person` or `guardian`.
    #[schema(example = "guardian")]
    given_by: String,
    /// What is shared with the service.
    #[schema(example = "prénom, téléphone, motif")]
    shared: String,
    /// `YYYY-MM-DD`, the day the consent ends (not past).
    #[schema(example = "2027-06-30")]
    until: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ReferralCreateBody {
    /// The sending organization: the account's own.
    from_organization: String,
    /// The HSDS id of the service referred to.
    service: String,
    /// A taxonomy term id of the directory, or a text.
    #[serde(default)]
    reason: String,
    /// `normal` (when left out) or `urgent`.
    #[serde(default)]
    urgency: Option<String>,
    #[serde(default)]
    person: ReferralPersonBody,
    /// Required: without it the referral is refused (422).
    #[serde(default)]
    consent: Option<ReferralConsentBody>,
    /// Seen only by the two organizations (2,000 characters at most).
    #[serde(default)]
    note: Option<String>,
    /// The grouping it goes through; the first of the sender's groupings
    /// the service is shared with when left out.
    #[serde(default)]
    grouping: Option<Uuid>,
}

impl ReferralCreateBody {
    fn into_new(self) -> NewReferral {
        NewReferral {
            grouping: self.grouping,
            from_organization: self.from_organization,
            service: self.service,
            input: ReferralInput {
                reason: self.reason,
                urgency: self.urgency,
                person: PersonInput {
                    first_name: self.person.first_name,
                    contact: self.person.contact,
                    language: self.person.language,
                    age_group: self.person.age_group,
                    extra: self.person.extra,
                },
                consent: self.consent.map(|c| ConsentInput {
                    given_by: c.given_by,
                    shared: c.shared,
                    until: c.until,
                }),
                note: self.note,
            },
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ReferralCreatedJson {
    id: Uuid,
    /// Always `sent`.
    #[schema(example = "sent")]
    status: String,
}

#[derive(Deserialize, ToSchema)]
pub struct ReferralStatusBody {
    /// The next status (`received`, `accepted`, `declined`, `redirected`,
    /// `withdrawn`, `started`, `completed`, `no_follow_up`, `closed`).
    #[schema(example = "received")]
    status: String,
    /// A decline reason (`hors_mandat`, `liste_attente`, `injoignable`,
    /// `autre`) for `declined`; an obstacle (`transport`, `cout`, `langue`,
    /// `horaire`, `autre`) for `no_follow_up`.
    #[serde(default)]
    reason: Option<String>,
    /// The HSDS id of the service a redirection sends to.
    #[serde(default)]
    to_service: Option<String>,
    /// A comment for the history (1,000 characters at most).
    #[serde(default)]
    comment: Option<String>,
    /// The `version` read; a referral moved meanwhile is refused (409).
    #[serde(default)]
    version: Option<i32>,
}

// ---------- answers ----------

#[derive(Serialize, ToSchema)]
pub struct ReferralNamedJson {
    id: String,
    name: String,
}

#[derive(Serialize, ToSchema)]
pub struct ReferralConsentJson {
    /// `person` or `guardian`.
    given_by: String,
    shared: String,
    until: NaiveDate,
    /// When it was recorded.
    at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct ReferralPersonJson {
    first_name: String,
    contact: String,
    language: String,
    age_group: Option<String>,
    extra: BTreeMap<String, String>,
}

/// One line of the history: dated and signed.
#[derive(Serialize, ToSchema)]
pub struct ReferralEventJson {
    at: DateTime<Utc>,
    /// The account's name when it moved the referral.
    actor_name: String,
    /// `sender` or `receiver`.
    side: String,
    from_status: Option<String>,
    to_status: String,
    /// The decline reason or obstacle code.
    reason: Option<String>,
    comment: Option<String>,
    to_service: Option<String>,
    /// The referral a redirection made.
    to_referral: Option<Uuid>,
}

impl From<&referral_event::Model> for ReferralEventJson {
    fn from(e: &referral_event::Model) -> Self {
        ReferralEventJson {
            at: e.at,
            actor_name: e.actor_name.clone(),
            side: e.side.clone(),
            from_status: e.from_status.clone(),
            to_status: e.to_status.clone(),
            reason: e.reason.clone(),
            comment: e.comment.clone(),
            to_service: e.to_service_id.clone(),
            to_referral: e.to_referral_id,
        }
    }
}

/// A referral as one of its two organizations reads it.
#[derive(Serialize, ToSchema)]
pub struct ReferralJson {
    id: Uuid,
    grouping: ReferralNamedJson,
    from_organization: ReferralNamedJson,
    to_organization: ReferralNamedJson,
    /// The service's id and its name when the referral was sent.
    service: ReferralNamedJson,
    /// `sent`, `received`, `accepted`, `declined`, `redirected`,
    /// `withdrawn`, `started`, `completed`, `no_follow_up` or `closed`.
    #[schema(example = "sent")]
    status: String,
    /// The reader's side: `sender` or `receiver`.
    side: String,
    /// The statuses the reader may move it to.
    next: Vec<String>,
    /// `normal` or `urgent`.
    urgency: String,
    reason: Option<String>,
    /// The taxonomy term the reason names, if any.
    reason_term: Option<String>,
    decline_reason: Option<String>,
    obstacle: Option<String>,
    consent: ReferralConsentJson,
    sent_at: DateTime<Utc>,
    /// When an unacknowledged referral becomes overdue.
    due_at: DateTime<Utc>,
    overdue: bool,
    acknowledged_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
    purged_at: Option<DateTime<Utc>>,
    /// `null` once purged or erased.
    person: Option<ReferralPersonJson>,
    /// Seen only by the two organizations; `null` when none (or purged).
    note: Option<String>,
    history: Vec<ReferralEventJson>,
    redirected_from: Option<Uuid>,
    redirected_to: Option<Uuid>,
    /// Send it back with a move to refuse one made on stale data.
    version: i32,
}

impl ReferralJson {
    fn of(v: &ReferralView, now: DateTime<Utc>) -> Self {
        let r = &v.referral;
        let status = v.status();
        ReferralJson {
            id: r.id,
            grouping: ReferralNamedJson {
                id: r.grouping_id.to_string(),
                name: v.grouping_name.clone(),
            },
            from_organization: ReferralNamedJson {
                id: r.from_organization_id.clone(),
                name: v.from_organization_name.clone(),
            },
            to_organization: ReferralNamedJson {
                id: r.to_organization_id.clone(),
                name: v.to_organization_name.clone(),
            },
            service: ReferralNamedJson {
                id: r.service_id.clone(),
                name: r.service_name.clone(),
            },
            status: status.as_str().to_owned(),
            side: repo::side_code(v.side).to_owned(),
            next: next_moves(status, v.side)
                .into_iter()
                .map(|s| s.as_str().to_owned())
                .collect(),
            urgency: r.urgency.clone(),
            reason: r.reason.clone(),
            reason_term: r.reason_term_id.clone(),
            decline_reason: r.decline_reason.clone(),
            obstacle: r.obstacle.clone(),
            consent: ReferralConsentJson {
                given_by: r.consent_given_by.clone(),
                shared: r.consent_shared.clone(),
                until: r.consent_until,
                at: r.consent_at,
            },
            sent_at: r.sent_at,
            due_at: r.due_at,
            overdue: v.overdue(now),
            acknowledged_at: r.acknowledged_at,
            closed_at: r.closed_at,
            updated_at: r.updated_at,
            purged_at: r.purged_at,
            person: v.person.as_ref().map(|p| ReferralPersonJson {
                first_name: p.first_name.clone(),
                contact: p.contact.clone(),
                language: p.language.clone(),
                age_group: p.age_group.clone(),
                extra: p
                    .extra
                    .as_deref()
                    .and_then(|e| serde_json::from_str(e).ok())
                    .unwrap_or_default(),
            }),
            note: v.person.as_ref().and_then(|p| p.note.clone()),
            history: v.history.iter().map(ReferralEventJson::from).collect(),
            redirected_from: r.redirected_from,
            redirected_to: v.history.iter().rev().find_map(|e| e.to_referral_id),
            version: r.version,
        }
    }
}

/// The statuses `side` may move a referral in `status` to.
fn next_moves(status: Status, side: Side) -> Vec<Status> {
    status
        .next()
        .iter()
        .copied()
        .filter(|s| s.made_by(side))
        .collect()
}

/// A line of a box: no note, no contact.
#[derive(Serialize, ToSchema)]
pub struct ReferralItemJson {
    id: Uuid,
    status: String,
    urgency: String,
    service: ReferralNamedJson,
    from_organization: ReferralNamedJson,
    to_organization: ReferralNamedJson,
    /// `null` once purged.
    first_name: Option<String>,
    reason: Option<String>,
    sent_at: DateTime<Utc>,
    due_at: DateTime<Utc>,
    overdue: bool,
    updated_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct ReferralPageJson {
    items: Vec<ReferralItemJson>,
    /// Lines matching the filters, all pages together.
    total: u64,
    page: u64,
    per_page: u64,
}

fn item_json(row: BoxRow, names: &BTreeMap<String, String>) -> ReferralItemJson {
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    ReferralItemJson {
        id: row.id,
        status: row.status.as_str().to_owned(),
        urgency: row.urgency,
        service: ReferralNamedJson {
            id: row.service_id,
            name: row.service_name,
        },
        from_organization: ReferralNamedJson {
            name: name(&row.from_organization_id),
            id: row.from_organization_id,
        },
        to_organization: ReferralNamedJson {
            name: name(&row.to_organization_id),
            id: row.to_organization_id,
        },
        first_name: row.first_name,
        reason: row.reason,
        sent_at: row.sent_at,
        due_at: row.due_at,
        overdue: row.overdue,
        updated_at: row.updated_at,
    }
}

#[derive(Deserialize, IntoParams)]
pub struct ListQuery {
    /// `inbox` (referrals to the account's organization; the default) or
    /// `outbox` (those it sent).
    #[serde(rename = "box")]
    #[param(rename = "box")]
    kind: Option<String>,
    /// One status code.
    status: Option<String>,
    /// One service's HSDS id.
    service: Option<String>,
    /// `true`: only referrals past their delay to acknowledge.
    overdue: Option<String>,
    /// From 1.
    page: Option<String>,
    /// 1 to 200; 20 when left out.
    per_page: Option<String>,
}

impl ListQuery {
    fn parse(&self) -> Result<(BoxKind, BoxFilter), AppError> {
        let kind = match self.kind.as_deref().map(str::trim) {
            None | Some("" | "inbox") => BoxKind::Inbox,
            Some("outbox") => BoxKind::Outbox,
            Some(_) => return Err(AppError::BadRequest("referrals-api-error-box")),
        };
        let status = match self.status.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(s) => {
                Some(Status::parse(s).ok_or(AppError::BadRequest("referrals-error-status"))?)
            }
        };
        let overdue = match self.overdue.as_deref().map(str::trim) {
            None | Some("" | "false" | "0") => false,
            Some("true" | "1") => true,
            Some(_) => return Err(AppError::BadRequest("referrals-api-error-overdue")),
        };
        let number = |v: Option<&str>, default: u64, max: u64| match v.map(str::trim) {
            None | Some("") => Ok(default),
            Some(n) => n
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or(AppError::BadRequest("referrals-api-error-page")),
        };
        Ok((
            kind,
            BoxFilter {
                service: self
                    .service
                    .as_deref()
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
                status,
                overdue,
                page: number(self.page.as_deref(), 1, u64::from(u32::MAX))?,
                per_page: number(self.per_page.as_deref(), PER_PAGE_DEFAULT, PER_PAGE_MAX)?,
            },
        ))
    }
}

// ---------- handlers ----------

/// Sends a referral. Without consent, to an inactive service, one that
/// takes no referrals or lies outside the grouping and its territory, or
/// with a field out of bounds, it is refused (422) and nothing is written.
#[utoipa::path(post, path = "/api/v1/referrals", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    request_body = ReferralCreateBody,
    responses(
        (status = 201, body = ReferralCreatedJson, description = "Sent"),
        (status = 400, body = ErrorBody, description = "Not JSON"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not an account of `from_organization`, or a read token"),
        (status = 422, body = ErrorBody, description = "No consent, a service that cannot be referred to, or a field missing or out of bounds")
    )
)]
pub(super) async fn create_referral(
    State(state): State<AppState>,
    referrer: Referrer,
    headers: HeaderMap,
    Body(body): Body<ReferralCreateBody>,
) -> Result<(StatusCode, Json<ReferralCreatedJson>), AppError> {
    let (model, notified) = repo::create(
        &state.store,
        &referrer.actor(),
        &body.into_new(),
        Utc::now(),
    )
    .await?;
    notify::notify(&state, &headers, &model, Status::Sent, &notified);
    Ok((
        StatusCode::CREATED,
        Json(ReferralCreatedJson {
            id: model.id,
            status: model.status,
        }),
    ))
}

/// The account's organization's inbox (referrals to its services) or
/// outbox (those it sent), newest first.
#[utoipa::path(get, path = "/api/v1/referrals", tag = TAG,
    params(ListQuery),
    responses(
        (status = 200, body = ReferralPageJson),
        (status = 400, body = ErrorBody, description = "A filter or page that does not parse"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "The account has no organization, or no member role")
    )
)]
pub(super) async fn list_referrals(
    State(state): State<AppState>,
    referrer: Referrer,
    Query(q): Query<ListQuery>,
) -> Result<Json<ReferralPageJson>, AppError> {
    let (kind, filter) = q.parse()?;
    let page = repo::list_box(&state.store, &referrer.actor(), kind, &filter, Utc::now()).await?;
    Ok(Json(ReferralPageJson {
        total: page.total,
        page: filter.page,
        per_page: filter.per_page,
        items: page
            .rows
            .into_iter()
            .map(|row| item_json(row, &page.names))
            .collect(),
    }))
}

/// One referral, its person, note and history; the read is audited.
#[utoipa::path(get, path = "/api/v1/referrals/{id}", tag = TAG,
    params(("id" = Uuid, Path, description = "Referral id")),
    responses(
        (status = 200, body = ReferralJson),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 404, body = ErrorBody, description = "No such referral, or not one of the account's organization")
    )
)]
pub(super) async fn show_referral(
    ApiReadableReferral(r): ApiReadableReferral,
) -> Json<ReferralJson> {
    Json(ReferralJson::of(&r.view, Utc::now()))
}

/// Moves a referral to its next status. A move the status machine has no
/// place for, or one made on a stale `version`, is refused (409); the
/// other organization's move is refused (403).
#[utoipa::path(post, path = "/api/v1/referrals/{id}/status", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = Uuid, Path, description = "Referral id")),
    request_body = ReferralStatusBody,
    responses(
        (status = 200, body = ReferralJson, description = "The referral after the move"),
        (status = 400, body = ErrorBody, description = "Not JSON"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "The other organization's move, or a read token"),
        (status = 404, body = ErrorBody, description = "No such referral, or not one of the account's organization"),
        (status = 409, body = ErrorBody, description = "Not a next status, or the referral changed meanwhile"),
        (status = 422, body = ErrorBody, description = "An unknown status, a missing reason or obstacle, a bad service to redirect to, a comment too long")
    )
)]
pub(super) async fn update_referral_status(
    State(state): State<AppState>,
    Id(ApiId(id)): Id<ApiId<ReferralId>>,
    referrer: Referrer,
    headers: HeaderMap,
    Body(body): Body<ReferralStatusBody>,
) -> Result<Json<ReferralJson>, AppError> {
    let input = StatusInput {
        status: body.status,
        reason: body.reason,
        comment: body.comment,
        to_service: body.to_service,
    };
    let actor = referrer.actor();
    let now = Utc::now();
    let moved =
        repo::change_status(&state.store, &actor, id.uuid(), &input, body.version, now).await?;
    notify::notify_move(&state, &headers, &moved);
    // The answer shows the person: it is a read, audited as one.
    let view = repo::view(&state.store, &actor, id.uuid()).await?;
    Ok(Json(ReferralJson::of(&view, now)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> ListQuery {
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| (*v).to_owned())
        };
        ListQuery {
            kind: get("box"),
            status: get("status"),
            service: get("service"),
            overdue: get("overdue"),
            page: get("page"),
            per_page: get("per_page"),
        }
    }

    #[test]
    fn a_box_query_parses_or_names_what_is_wrong() {
        let (kind, f) = query(&[]).parse().unwrap();
        assert_eq!(kind, BoxKind::Inbox);
        assert_eq!(
            (f.page, f.per_page, f.overdue),
            (1, PER_PAGE_DEFAULT, false)
        );
        let (kind, f) = query(&[
            ("box", "outbox"),
            ("status", "no_follow_up"),
            ("overdue", "true"),
            ("page", "3"),
            ("per_page", "50"),
        ])
        .parse()
        .unwrap();
        assert_eq!(kind, BoxKind::Outbox);
        assert_eq!(f.status, Some(Status::NoFollowUp));
        assert_eq!((f.page, f.per_page, f.overdue), (3, 50, true));
        for bad in [
            ("box", "corbeille"),
            ("status", "perdue"),
            ("overdue", "oui"),
            ("page", "0"),
            ("per_page", "201"),
            ("page", "-1"),
        ] {
            assert!(query(&[bad]).parse().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_reader_is_offered_only_its_own_moves() {
        assert_eq!(
            next_moves(Status::Received, Side::Sender),
            [Status::Withdrawn]
        );
        assert_eq!(next_moves(Status::Sent, Side::Receiver), [Status::Received]);
        assert!(next_moves(Status::Sent, Side::Sender).is_empty());
        assert_eq!(
            next_moves(Status::Completed, Side::Sender),
            [Status::Closed]
        );
    }
}
