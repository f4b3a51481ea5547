//! What a service publishes about taking referrals — whether it takes
//! them, its acceptance criteria, its delay to acknowledge, its waiting
//! list (« Liste d’attente : 6 semaines ») and up to five named fields it
//! asks for — edited at `/repertoire/services/{service}/references` and
//! through `GET`/`PUT /api/v1/services/{id}/referral-capacity`, shown on
//! the service's page, in the directory's results and on the referral
//! form.
//!
//! Who edits it: accounts of the service's own organization holding the
//! member role somewhere, and directory editors (`EditDirectory`).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use maillage_domain::Permission;
use maillage_domain::referrals::{Capacity, CapacityInput, ReferralError};
use maillage_store::repo::referrals::{self as repo, ServiceBrief};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::{ApiId, ErrorBody};
use crate::auth::{SignedIn, Visitor};
use crate::error::AppError;
use crate::extract::{Id, ServiceKey};
use crate::i18n::Lang;
use crate::page::Page;

pub const TAG: &str = "referrals";

pub(super) fn router() -> Router<AppState> {
    Router::new().route(
        "/repertoire/services/{service}/references",
        get(show_capacity).post(update_capacity),
    )
}

pub(super) fn api_routes(router: OpenApiRouter<AppState>) -> OpenApiRouter<AppState> {
    router.routes(routes!(show_capacity_json, update_capacity_json))
}

// ---------- texts ----------

/// « Délai de réponse : 5 jours ».
pub fn ack_text(lang: Lang, days: i32) -> String {
    lang.t_args("referrals-pages-ack-days", &[("count", days.to_string())])
}

/// « Liste d’attente : 6 semaines », or « Pas de liste d’attente ».
pub fn waiting_text(lang: Lang, weeks: Option<i32>) -> String {
    match weeks {
        Some(w) if w > 0 => lang.t_args("referrals-pages-waiting", &[("count", w.to_string())]),
        _ => lang.t("referrals-pages-no-waiting"),
    }
}

/// The short « Liste d’attente : 6 semaines » of the directory's results,
/// by service id, for the services among `ids` that have a waiting list.
pub async fn waiting_labels(
    state: &AppState,
    lang: Lang,
    ids: &[String],
) -> Result<HashMap<String, String>, AppError> {
    Ok(repo::capacities(state.store.conn(), ids)
        .await?
        .into_iter()
        .filter(|(_, c)| c.waiting_weeks.is_some_and(|w| w > 0))
        .map(|(id, c)| (id, waiting_text(lang, c.waiting_weeks)))
        .collect())
}

// ---------- who may ----------

/// Whether `user` may publish the capacity of a service of `service_org`:
/// an account of that organization with the member role somewhere, or a
/// directory editor.
fn may_publish(user: &SignedIn, service_org: &str) -> bool {
    let own = user.view.user.organization_id.as_deref() == Some(service_org)
        && user
            .principal
            .allows(Permission::ProposeDirectoryEdit, None);
    own || user.principal.allows(Permission::EditDirectory, None)
}

/// Whether `user` may refer a person to a service of `service_org`: an
/// account of another organization with the member role somewhere (the
/// store checks the grouping).
fn may_refer(user: &SignedIn, service_org: &str) -> bool {
    user.view
        .user
        .organization_id
        .as_deref()
        .is_some_and(|o| o != service_org)
        && user
            .principal
            .allows(Permission::ProposeDirectoryEdit, None)
}

/// A service whose capacity the account may edit: 401 anonymous, 404
/// unknown (to an editor) or 403.
pub struct PublishingService {
    pub service: ServiceBrief,
    pub user: std::sync::Arc<SignedIn>,
}

async fn publishing(
    state: &AppState,
    visitor: Visitor,
    id: &str,
) -> Result<PublishingService, AppError> {
    let user = visitor.0.ok_or(AppError::Unauthenticated)?;
    let Some(service) = repo::service(state.store.conn(), id).await? else {
        // Only an editor learns that the id names nothing.
        return Err(if user.principal.allows(Permission::EditDirectory, None) {
            AppError::NotFound
        } else {
            AppError::Forbidden
        });
    };
    if !may_publish(&user, &service.organization_id) {
        return Err(AppError::Forbidden);
    }
    Ok(PublishingService { service, user })
}

impl FromRequestParts<AppState> for PublishingService {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(ServiceKey(id)) = Id::<ServiceKey>::from_request_parts(parts, state).await?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        publishing(state, visitor, &id).await
    }
}

/// [`PublishingService`] named `{id}` (the API).
pub struct ApiPublishingService(pub PublishingService);

impl FromRequestParts<AppState> for ApiPublishingService {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Id(ApiId(ServiceKey(id))) =
            Id::<ApiId<ServiceKey>>::from_request_parts(parts, state).await?;
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        publishing(state, visitor, &id)
            .await
            .map(ApiPublishingService)
    }
}

// ---------- the service's page ----------

/// What the directory's service page shows of the capacity.
pub struct ServicePanel {
    pub accepts: bool,
    pub ack: String,
    pub waiting: String,
    pub criteria: String,
    /// The referral form, for an account that may refer.
    pub refer_href: Option<String>,
    /// The capacity form, for an account that may edit it.
    pub edit_href: Option<String>,
}

/// The capacity panel of the service `id` of `service_org`.
pub async fn service_panel(
    state: &AppState,
    visitor: &Visitor,
    lang: Lang,
    id: &str,
    service_org: &str,
    active: bool,
) -> Result<ServicePanel, AppError> {
    let capacity = repo::capacities(state.store.conn(), &[id.to_owned()])
        .await?
        .remove(id)
        .unwrap_or_default();
    let user = visitor.0.as_deref();
    let segment = maillage_domain::percent::encode_segment(id);
    Ok(ServicePanel {
        accepts: capacity.accepts_referrals,
        ack: ack_text(lang, capacity.ack_days),
        waiting: waiting_text(lang, capacity.waiting_weeks),
        criteria: capacity.criteria.clone().unwrap_or_default(),
        refer_href: (active
            && capacity.accepts_referrals
            && user.is_some_and(|u| may_refer(u, service_org)))
        .then(|| format!("/references/nouvelle?service={segment}")),
        edit_href: user
            .is_some_and(|u| may_publish(u, service_org))
            .then(|| format!("/repertoire/services/{segment}/references")),
    })
}

// ---------- the form ----------

/// The capacity form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct CapacityForm {
    /// `1` when the service takes referrals.
    #[serde(default)]
    pub accepts: String,
    #[serde(default)]
    pub criteria: String,
    #[serde(default)]
    pub ack_days: String,
    /// Weeks; blank: no waiting list.
    #[serde(default)]
    pub waiting_weeks: String,
    /// One named field per line.
    #[serde(default)]
    pub asked_fields: String,
}

impl CapacityForm {
    fn of(c: &Capacity) -> Self {
        CapacityForm {
            accepts: if c.accepts_referrals { "1" } else { "" }.to_owned(),
            criteria: c.criteria.clone().unwrap_or_default(),
            ack_days: c.ack_days.to_string(),
            waiting_weeks: c.waiting_weeks.map(|w| w.to_string()).unwrap_or_default(),
            asked_fields: c.asked_fields.join("\n"),
        }
    }

    /// The capacity the rules read; a number that does not parse is
    /// refused with its field's message.
    fn input(&self) -> Result<CapacityInput, ReferralError> {
        let number = |text: &str, e: ReferralError| -> Result<Option<i32>, ReferralError> {
            let text = text.trim();
            if text.is_empty() {
                Ok(None)
            } else {
                text.parse::<i32>().map(Some).map_err(|_| e)
            }
        };
        Ok(CapacityInput {
            accepts_referrals: matches!(self.accepts.trim(), "1" | "on" | "oui"),
            criteria: Some(self.criteria.clone()),
            ack_days: number(&self.ack_days, ReferralError::AckDays)?,
            waiting_weeks: number(&self.waiting_weeks, ReferralError::WaitingWeeks)?,
            asked_fields: self.asked_fields.lines().map(str::to_owned).collect(),
        })
    }

    fn shown(mut self) -> Self {
        for (text, max) in [
            (&mut self.criteria, maillage_domain::referrals::CRITERIA_MAX),
            (&mut self.asked_fields, 1_000),
            (&mut self.ack_days, 20),
            (&mut self.waiting_weeks, 20),
        ] {
            if text.chars().count() > max {
                *text = text.chars().take(max).collect();
            }
        }
        self
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals/capacity.html")]
pub struct CapacityPage {
    p: Page,
    name: String,
    organization: String,
    href: String,
    action: String,
    error: Option<String>,
    form: CapacityForm,
}

fn capacity_page(
    p: Page,
    s: &ServiceBrief,
    form: CapacityForm,
    error: Option<String>,
) -> CapacityPage {
    let href = crate::directory::service_href(&s.id);
    CapacityPage {
        name: s.name.clone(),
        organization: s.organization_name.clone(),
        action: format!("{href}/references"),
        href,
        error,
        form,
        p,
    }
}

pub async fn show_capacity(
    p: Page,
    PublishingService { service, .. }: PublishingService,
) -> CapacityPage {
    let form = CapacityForm::of(&service.capacity);
    capacity_page(p, &service, form, None)
}

pub async fn update_capacity(
    State(state): State<AppState>,
    p: Page,
    PublishingService { service, user }: PublishingService,
    Form(f): Form<CapacityForm>,
) -> Result<Response, AppError> {
    match f.input().and_then(|i| i.validate()) {
        Ok(capacity) => {
            repo::set_capacity(
                &state.store,
                &service.id,
                &capacity,
                Some(user.view.user.id),
            )
            .await?;
            Ok(Redirect::to(&format!(
                "{}?ok=flash-referrals-pages-capacity-saved",
                crate::directory::service_href(&service.id)
            ))
            .into_response())
        }
        Err(e) => {
            let message = p.t(e.key());
            Ok((
                StatusCode::UNPROCESSABLE_ENTITY,
                capacity_page(p, &service, f.shown(), Some(message)),
            )
                .into_response())
        }
    }
}

// ---------- the API ----------

/// What a service publishes about taking referrals.
#[derive(Debug, Serialize, ToSchema)]
pub struct CapacityJson {
    /// The HSDS id of the service.
    service: String,
    accepts_referrals: bool,
    /// The acceptance criteria the service publishes.
    criteria: Option<String>,
    /// The delay to acknowledge a referral, in days.
    #[schema(example = 5)]
    ack_days: i32,
    /// About how many weeks the waiting list runs; `null`: none.
    #[schema(example = 6)]
    waiting_weeks: Option<i32>,
    /// The named fields (at most 5) the service asks about the person.
    asked_fields: Vec<String>,
}

fn capacity_json(service: &str, c: Capacity) -> CapacityJson {
    CapacityJson {
        service: service.to_owned(),
        accepts_referrals: c.accepts_referrals,
        criteria: c.criteria,
        ack_days: c.ack_days,
        waiting_weeks: c.waiting_weeks,
        asked_fields: c.asked_fields,
    }
}

/// What a `PUT` sends.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CapacityBody {
    accepts_referrals: bool,
    #[serde(default)]
    criteria: Option<String>,
    /// Days, 0 to 90; 5 when left out.
    #[serde(default)]
    ack_days: Option<i32>,
    /// Weeks, 0 to 104; `null` or left out: no waiting list.
    #[serde(default)]
    waiting_weeks: Option<i32>,
    #[serde(default)]
    asked_fields: Vec<String>,
}

crate::api::json_body!(pub Body, json = "referrals-pages-api-error-json", fields = "referrals-pages-api-error-fields");

/// What the service publishes about taking referrals (the defaults when
/// it published nothing). Public, like the directory.
#[utoipa::path(get, path = "/api/v1/services/{id}/referral-capacity", tag = TAG,
    params(("id" = String, Path, description = "HSDS id of the service")),
    responses(
        (status = 200, body = CapacityJson),
        (status = 404, body = ErrorBody, description = "No such service")
    )
)]
pub(super) async fn show_capacity_json(
    State(state): State<AppState>,
    Id(ApiId(ServiceKey(id))): Id<ApiId<ServiceKey>>,
) -> Result<Json<CapacityJson>, AppError> {
    let service = repo::service(state.store.conn(), &id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(capacity_json(&service.id, service.capacity)))
}

/// Publishes what the service says about taking referrals. Accounts of
/// the service's organization (member role) and directory editors; a
/// value out of bounds is refused (422) and nothing is written.
#[utoipa::path(put, path = "/api/v1/services/{id}/referral-capacity", tag = TAG,
    security(("bearer" = []), ("session" = [])),
    params(("id" = String, Path, description = "HSDS id of the service")),
    request_body = CapacityBody,
    responses(
        (status = 200, body = CapacityJson),
        (status = 400, body = ErrorBody, description = "Not JSON"),
        (status = 401, body = ErrorBody, description = "Not signed in"),
        (status = 403, body = ErrorBody, description = "Not of the service's organization nor a directory editor, or a read token"),
        (status = 404, body = ErrorBody, description = "No such service"),
        (status = 422, body = ErrorBody, description = "A delay, a waiting list, criteria or asked fields out of bounds")
    )
)]
pub(super) async fn update_capacity_json(
    State(state): State<AppState>,
    ApiPublishingService(PublishingService { service, user }): ApiPublishingService,
    Body(body): Body<CapacityBody>,
) -> Result<Json<CapacityJson>, AppError> {
    let capacity = CapacityInput {
        accepts_referrals: body.accepts_referrals,
        criteria: body.criteria,
        ack_days: body.ack_days,
        waiting_weeks: body.waiting_weeks,
        asked_fields: body.asked_fields,
    }
    .validate()?;
    repo::set_capacity(
        &state.store,
        &service.id,
        &capacity,
        Some(user.view.user.id),
    )
    .await?;
    Ok(Json(capacity_json(&service.id, capacity)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_number_is_the_default_and_a_word_is_refused() {
        let f = CapacityForm {
            accepts: "1".into(),
            ack_days: String::new(),
            waiting_weeks: "6".into(),
            asked_fields: "Nom de famille\n\nÉcole".into(),
            ..CapacityForm::default()
        };
        let c = f.input().unwrap().validate().unwrap();
        assert!(c.accepts_referrals);
        assert_eq!(c.ack_days, maillage_domain::referrals::ACK_DAYS_DEFAULT);
        assert_eq!(c.waiting_weeks, Some(6));
        assert_eq!(c.asked_fields, vec!["Nom de famille", "École"]);
        let f = CapacityForm {
            waiting_weeks: "six".into(),
            ..CapacityForm::default()
        };
        assert_eq!(f.input().unwrap_err(), ReferralError::WaitingWeeks);
        let f = CapacityForm {
            ack_days: "-3".into(),
            ..CapacityForm::default()
        };
        assert_eq!(f.input().unwrap().validate(), Err(ReferralError::AckDays));
    }

    #[test]
    fn the_form_shows_what_is_published() {
        let c = Capacity {
            waiting_weeks: Some(6),
            asked_fields: vec!["Nom de famille".into(), "École".into()],
            ..Capacity::default()
        };
        let f = CapacityForm::of(&c);
        assert_eq!(f.accepts, "1");
        assert_eq!(f.waiting_weeks, "6");
        assert_eq!(f.asked_fields, "Nom de famille\nÉcole");
        assert_eq!(f.input().unwrap().validate().unwrap(), c);
    }
}
