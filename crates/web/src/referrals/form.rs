//! The form that sends a referral (`/references/nouvelle?service=…`,
//! `POST /references`): the service's card (eligibility, published
//! criteria, delay to acknowledge, waiting list, the fields it asks for),
//! the least data about the person, the reason, the urgency, the recorded
//! consent and a note only the two organizations read.
//!
//! Nothing is sent without the consent box ticked: the store refuses a
//! referral without consent before it looks at anything else, and the
//! form comes back with the French message and every typed value kept.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Months, Utc};
use maillage_domain::referrals::{
    AgeGroup, ConsentInput, NOTE_MAX, PersonInput, ReferralInput, Urgency,
};
use maillage_store::repo::referrals::{self as repo, NewReferral, ReferralsError, ServiceBrief};
use serde::Deserialize;
use uuid::Uuid;

use super::access::Referrer;
use super::capacity::{ack_text, waiting_text};
use super::pages::{LANGUAGES, language_label};
use super::referral_href;
use crate::AppState;
use crate::error::AppError;
use crate::forms::Choice;
use crate::i18n::Lang;
use crate::page::Page;

/// The service as the form's card shows it.
pub struct ServiceCard {
    pub id: String,
    pub name: String,
    pub href: String,
    pub organization: String,
    pub organization_href: String,
    pub eligibility: String,
    pub criteria: String,
    pub ack: String,
    pub waiting: String,
    pub asked_fields: Vec<String>,
}

fn service_card(lang: Lang, s: &ServiceBrief) -> ServiceCard {
    ServiceCard {
        id: s.id.clone(),
        name: s.name.clone(),
        href: crate::directory::service_href(&s.id),
        organization: s.organization_name.clone(),
        organization_href: crate::directory::organization_href(&s.organization_id),
        eligibility: s.eligibility.clone().unwrap_or_default(),
        criteria: s.capacity.criteria.clone().unwrap_or_default(),
        ack: ack_text(lang, s.capacity.ack_days),
        waiting: waiting_text(lang, s.capacity.waiting_weeks),
        asked_fields: s.capacity.asked_fields.clone(),
    }
}

/// The form as typed (every field a string, so that nothing typed is
/// refused before the rules say why).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReferralForm {
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub grouping: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub age_group: String,
    #[serde(default)]
    pub extra_0: String,
    #[serde(default)]
    pub extra_1: String,
    #[serde(default)]
    pub extra_2: String,
    #[serde(default)]
    pub extra_3: String,
    #[serde(default)]
    pub extra_4: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub urgency: String,
    /// The consent box: `1` when ticked.
    #[serde(default)]
    pub consent: String,
    #[serde(default)]
    pub consent_given_by: String,
    #[serde(default)]
    pub consent_shared: String,
    #[serde(default)]
    pub consent_until: String,
    #[serde(default)]
    pub note: String,
}

impl ReferralForm {
    /// A blank form for `service`, with what is shared prefilled and a
    /// consent that runs a year.
    fn blank(lang: Lang, service: &str) -> Self {
        let until = Utc::now()
            .date_naive()
            .checked_add_months(Months::new(12))
            .map(|d| d.to_string())
            .unwrap_or_default();
        ReferralForm {
            service: service.to_owned(),
            language: "fr".to_owned(),
            urgency: Urgency::Normal.as_str().to_owned(),
            consent_shared: lang.t("referrals-pages-consent-shared-default"),
            consent_until: until,
            ..ReferralForm::default()
        }
    }

    fn extras(&self) -> [&String; 5] {
        [
            &self.extra_0,
            &self.extra_1,
            &self.extra_2,
            &self.extra_3,
            &self.extra_4,
        ]
    }

    fn consented(&self) -> bool {
        matches!(self.consent.trim(), "1" | "on" | "oui")
    }

    /// The referral as the rules read it: the extra fields by the names
    /// the service asks for, no consent unless the box is ticked.
    fn input(&self, asked_fields: &[String]) -> ReferralInput {
        let extra = asked_fields
            .iter()
            .zip(self.extras())
            .map(|(name, value)| (name.clone(), value.clone()))
            .collect();
        ReferralInput {
            reason: self.reason.clone(),
            urgency: Some(self.urgency.clone()),
            person: PersonInput {
                first_name: self.first_name.clone(),
                contact: self.contact.clone(),
                language: Some(self.language.clone()),
                age_group: Some(self.age_group.clone()),
                extra,
            },
            consent: self.consented().then(|| ConsentInput {
                given_by: self.consent_given_by.clone(),
                shared: self.consent_shared.clone(),
                until: self.consent_until.clone(),
            }),
            note: Some(self.note.clone()),
        }
    }

    /// The values shown again after a refusal, a note over its bound cut
    /// to it (never megabytes sent back).
    fn shown(mut self) -> Self {
        if self.note.chars().count() > NOTE_MAX {
            self.note = self.note.chars().take(NOTE_MAX).collect();
        }
        self
    }
}

/// One asked field of the service: its input's name, label and value.
pub struct AskedField {
    pub name: String,
    pub label: String,
    pub value: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "referrals/form.html")]
pub struct FormPage {
    p: Page,
    /// Why no form shows (no organization, no grouping, a service that
    /// takes no referrals…); the card may still show.
    blocked: Option<String>,
    /// The message of a refused send.
    error: Option<String>,
    service: Option<ServiceCard>,
    groupings: Vec<Choice>,
    languages: Vec<Choice>,
    age_groups: Vec<Choice>,
    asked: Vec<AskedField>,
    form: ReferralForm,
    today: String,
}

#[derive(Debug, Deserialize)]
pub struct NewQuery {
    #[serde(default)]
    service: String,
}

/// Why `referrer` may not refer to `service`, as a message key.
fn refusal(referrer: &Referrer, service: &ServiceBrief, groupings: usize) -> Option<&'static str> {
    let org = referrer.user.view.user.organization_id.as_deref();
    if org.is_none() {
        Some("referrals-pages-no-organization")
    } else if groupings == 0 {
        Some("referrals-error-not-member")
    } else if org == Some(service.organization_id.as_str()) {
        Some("referrals-error-same-organization")
    } else if !service.is_active() {
        Some("referrals-error-service-inactive")
    } else if !service.capacity.accepts_referrals {
        Some("referrals-error-service-closed")
    } else {
        None
    }
}

async fn form_page(
    state: &AppState,
    p: Page,
    referrer: &Referrer,
    service: &ServiceBrief,
    form: ReferralForm,
    error: Option<String>,
) -> Result<FormPage, AppError> {
    let lang = p.lang;
    let groupings = match referrer.user.view.user.organization_id.as_deref() {
        Some(org) => repo::sending_groupings(state.store.conn(), &referrer.actor(), org).await?,
        None => Vec::new(),
    };
    let blocked = refusal(referrer, service, groupings.len()).map(|k| lang.t(k));
    let asked = service
        .capacity
        .asked_fields
        .iter()
        .zip(form.extras())
        .enumerate()
        .map(|(n, (label, value))| AskedField {
            name: format!("extra_{n}"),
            label: label.clone(),
            value: value.clone(),
        })
        .collect();
    Ok(FormPage {
        blocked,
        error,
        service: Some(service_card(lang, service)),
        groupings: groupings
            .into_iter()
            .map(|g| Choice {
                value: g.id.to_string(),
                label: g.name,
            })
            .collect(),
        languages: LANGUAGES
            .iter()
            .map(|c| Choice {
                value: (*c).to_owned(),
                label: language_label(lang, c),
            })
            .collect(),
        age_groups: AgeGroup::ALL
            .iter()
            .map(|a| Choice {
                value: a.as_str().to_owned(),
                label: lang.t(a.label_key()),
            })
            .collect(),
        asked,
        form,
        today: Utc::now().date_naive().to_string(),
        p,
    })
}

pub async fn show_new_referral(
    State(state): State<AppState>,
    p: Page,
    referrer: Referrer,
    Query(q): Query<NewQuery>,
) -> Result<FormPage, AppError> {
    let id = q.service.trim();
    if id.is_empty() {
        let blocked = Some(p.t("referrals-pages-choose-service"));
        return Ok(FormPage {
            blocked,
            error: None,
            service: None,
            groupings: Vec::new(),
            languages: Vec::new(),
            age_groups: Vec::new(),
            asked: Vec::new(),
            form: ReferralForm::default(),
            today: String::new(),
            p,
        });
    }
    let service = repo::service(state.store.conn(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = ReferralForm::blank(p.lang, &service.id);
    form_page(&state, p, &referrer, &service, form, None).await
}

pub async fn create_referral(
    State(state): State<AppState>,
    p: Page,
    referrer: Referrer,
    headers: HeaderMap,
    Form(f): Form<ReferralForm>,
) -> Result<Response, AppError> {
    let Some(org) = referrer.user.view.user.organization_id.clone() else {
        return Err(AppError::Forbidden);
    };
    let service = repo::service(state.store.conn(), f.service.trim())
        .await?
        .ok_or(AppError::Unprocessable("referrals-error-to-service"))?;
    let new = NewReferral {
        grouping: Uuid::parse_str(f.grouping.trim()).ok(),
        from_organization: org,
        service: service.id.clone(),
        input: f.input(&service.capacity.asked_fields),
    };
    let (status, e) = match repo::create(&state.store, &referrer.actor(), &new, Utc::now()).await {
        Ok((referral, notified)) => {
            super::notify::notify(
                &state,
                &headers,
                &referral,
                maillage_domain::referrals::Status::Sent,
                &notified,
            );
            return Ok(Redirect::to(&format!(
                "{}?ok=flash-referrals-pages-sent",
                referral_href(referral.id)
            ))
            .into_response());
        }
        Err(ReferralsError::Invalid(e)) => (StatusCode::UNPROCESSABLE_ENTITY, e),
        Err(ReferralsError::Conflict(e)) => (StatusCode::CONFLICT, e),
        Err(e) => return Err(e.into()),
    };
    let message = p.t(e.key());
    let page = form_page(&state, p, &referrer, &service, f.shown(), Some(message)).await?;
    Ok((status, page).into_response())
}
