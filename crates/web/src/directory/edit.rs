//! Creating and editing organizations and services (coordination).
//!
//! Forms are checked by the domain's rules (every message beside its
//! field, values kept, 422) and by the reference lists. An edit form
//! carries what it was built from (the organization's version, the
//! service's fingerprint): if someone saved meanwhile, the save is refused
//! (409) and the form shows the saved values, never overwriting them.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form as ListForm;
use maillage_domain::directory::contact::DAY_SETS;
use maillage_domain::directory::{
    ContactInput, OrganizationInput, ServiceDetailsInput, ServiceInput, ServiceStatus,
};
use maillage_store::StoreError;
use maillage_store::repo::directory::{self as dir, LocationView, OrganizationView, ServiceView};
use maillage_store::repo::directory_contacts as contacts;
use maillage_store::repo::organizations;
use serde::Deserialize;

use super::access::{EditableOrganization, EditableService};
use super::{
    Choice, FieldErrors, Reference, actor, organization_href, service_href, status_label,
    sync_search,
};
use crate::AppState;
use crate::auth::{Authorized, ClientIp, EditDirectory};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::Page;

// ---------- organizations ----------

/// The organization form as posted: aliases one per line.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct OrganizationForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub aliases: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub sector: String,
    #[serde(default)]
    pub territory: String,
    #[serde(default)]
    pub legal_status: String,
    #[serde(default)]
    pub year_incorporated: String,
    #[serde(default)]
    pub address_1: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub phone_extension: String,
    /// The version the edit form was built from.
    #[serde(default)]
    pub version: String,
}

impl OrganizationForm {
    pub fn input(&self) -> OrganizationInput {
        OrganizationInput {
            name: self.name.clone(),
            aliases: self.aliases.lines().map(str::to_owned).collect(),
            description: self.description.clone(),
            email: self.email.clone(),
            website: self.website.clone(),
            sector: self.sector.clone(),
            territory: self.territory.clone(),
            legal_status: self.legal_status.clone(),
            year_incorporated: self.year_incorporated.clone(),
            contact: Some(ContactInput {
                address_1: self.address_1.clone(),
                city: self.city.clone(),
                postal_code: self.postal_code.clone(),
                phone: self.phone.clone(),
                phone_extension: self.phone_extension.clone(),
            }),
        }
        .cleaned()
    }

    pub fn from_input(input: &OrganizationInput, version: Option<i32>) -> Self {
        let contact = input.contact.clone().unwrap_or_default();
        OrganizationForm {
            address_1: contact.address_1,
            city: contact.city,
            postal_code: contact.postal_code,
            phone: contact.phone,
            phone_extension: contact.phone_extension,
            name: input.name.clone(),
            aliases: input.aliases.join("\n"),
            description: input.description.clone(),
            email: input.email.clone(),
            website: input.website.clone(),
            sector: input.sector.clone(),
            territory: input.territory.clone(),
            legal_status: input.legal_status.clone(),
            year_incorporated: input.year_incorporated.clone(),
            version: version.map(|v| v.to_string()).unwrap_or_default(),
        }
    }
}

/// The values an organization has now, as the form shows them.
pub fn current_input(view: &OrganizationView) -> OrganizationInput {
    let get = |k: &str| view.values.get(k).cloned().unwrap_or_default();
    OrganizationInput {
        name: get("name"),
        aliases: view.aliases.clone(),
        description: get("description"),
        email: get("email"),
        website: get("website"),
        sector: view.meta.sector.clone().unwrap_or_default(),
        territory: view.meta.territory.clone().unwrap_or_default(),
        legal_status: get("legal_status"),
        year_incorporated: get("year_incorporated"),
        contact: Some(contacts::organization_contact(view)),
    }
}

/// Field by field, the label and value of what differs between two inputs.
pub fn organization_differences(
    lang: Lang,
    reference: &Reference,
    from: &OrganizationInput,
    to: &OrganizationInput,
) -> Vec<Difference> {
    let sector = |s: &str| {
        reference
            .sector_label(Some(s).filter(|s| !s.is_empty()), lang)
            .unwrap_or_default()
    };
    let territory = |t: &str| {
        reference
            .territory_name(Some(t).filter(|t| !t.is_empty()))
            .unwrap_or_default()
    };
    // A proposal made without contact details leaves them as they are.
    let from_contact = from.contact.clone().unwrap_or_default();
    let to_contact = to.contact.clone().unwrap_or_else(|| from_contact.clone());
    let (from_contact, to_contact) = (from_contact.normalized(), to_contact.normalized());
    let phone = |c: &ContactInput| match c.phone_extension.as_str() {
        "" => c.phone.clone(),
        ext => format!("{}, {} {ext}", c.phone, lang.t("dir-field-extension")),
    };
    let fields = [
        ("dir-field-name", from.name.clone(), to.name.clone()),
        (
            "dir-field-address",
            from_contact.address_1.clone(),
            to_contact.address_1.clone(),
        ),
        (
            "dir-field-city",
            from_contact.city.clone(),
            to_contact.city.clone(),
        ),
        (
            "dir-field-postal-code",
            from_contact.postal_code.clone(),
            to_contact.postal_code.clone(),
        ),
        ("dir-field-phone", phone(&from_contact), phone(&to_contact)),
        (
            "dir-field-aliases",
            from.aliases.join(", "),
            to.aliases.join(", "),
        ),
        (
            "dir-field-description",
            from.description.clone(),
            to.description.clone(),
        ),
        ("field-email", from.email.clone(), to.email.clone()),
        (
            "dir-field-website",
            from.website.clone(),
            to.website.clone(),
        ),
        ("dir-field-sector", sector(&from.sector), sector(&to.sector)),
        (
            "dir-field-territory",
            territory(&from.territory),
            territory(&to.territory),
        ),
        (
            "dir-field-legal-status",
            from.legal_status.clone(),
            to.legal_status.clone(),
        ),
        (
            "dir-field-year",
            from.year_incorporated.clone(),
            to.year_incorporated.clone(),
        ),
    ];
    fields
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(key, before, after)| Difference {
            label: lang.t(key),
            before,
            after,
        })
        .collect()
}

/// One field that changed.
pub struct Difference {
    pub label: String,
    pub before: String,
    pub after: String,
}

/// Which organization form this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgFormKind {
    Create,
    Edit,
    Propose,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/organization_form.html")]
pub struct OrganizationFormPage {
    pub p: Page,
    pub title: String,
    pub intro: Option<String>,
    pub action: String,
    pub submit: String,
    pub cancel: String,
    pub form: OrganizationForm,
    pub errors: FieldErrors,
    pub sectors: Vec<Choice>,
    pub territories: Vec<Choice>,
    pub with_version: bool,
    /// After a stale save: what the person had typed that differs from the
    /// saved values now shown.
    pub conflict: Option<Vec<Difference>>,
}

impl OrganizationFormPage {
    pub fn new(
        p: Page,
        reference: &Reference,
        kind: OrgFormKind,
        org: Option<(&str, &str)>,
        form: OrganizationForm,
        errors: FieldErrors,
    ) -> Self {
        let lang = p.lang;
        let (title, intro, action, submit, cancel) = match (kind, org) {
            (OrgFormKind::Edit, Some((id, name))) => (
                lang.t_args("org-edit-title", &[("name", name.to_owned())]),
                None,
                format!("{}/modifier", organization_href(id)),
                lang.t("form-save"),
                organization_href(id),
            ),
            (OrgFormKind::Propose, Some((id, name))) => (
                lang.t_args("proposal-title", &[("name", name.to_owned())]),
                Some(lang.t("proposal-intro")),
                format!("{}/proposer", organization_href(id)),
                lang.t("proposal-submit"),
                organization_href(id),
            ),
            _ => (
                lang.t("org-new-title"),
                Some(lang.t("org-new-intro")),
                "/repertoire/organisations/nouvelle".to_owned(),
                lang.t("org-create"),
                "/repertoire".to_owned(),
            ),
        };
        OrganizationFormPage {
            title,
            intro,
            action,
            submit,
            cancel,
            form,
            errors,
            sectors: reference.sector_choices(lang),
            territories: reference.territory_choices(),
            with_version: kind == OrgFormKind::Edit,
            conflict: None,
            p,
        }
    }

    /// This page as a response with `status`.
    pub fn with_status(self, status: StatusCode) -> Response {
        (status, self).into_response()
    }
}

/// The domain's rules, then the reference lists.
pub fn check_organization(
    reference: &Reference,
    form: &OrganizationForm,
    lang: Lang,
) -> (OrganizationInput, FieldErrors) {
    let input = form.input();
    let mut errors = FieldErrors::from_domain(&input.validate(), lang);
    if !input.sector.is_empty() && !reference.has_sector(&input.sector) {
        errors.push("sector", lang.t("error-sector-unknown"));
    }
    if !input.territory.is_empty() && !reference.has_territory(&input.territory) {
        errors.push("territory", lang.t("error-territory-unknown"));
    }
    (input, errors)
}

pub async fn show_new_organization(
    State(state): State<AppState>,
    p: Page,
    _auth: Authorized<EditDirectory>,
) -> Result<OrganizationFormPage, AppError> {
    let reference = Reference::load(&state).await?;
    Ok(OrganizationFormPage::new(
        p,
        &reference,
        OrgFormKind::Create,
        None,
        OrganizationForm::default(),
        FieldErrors::default(),
    ))
}

pub async fn create_organization(
    State(state): State<AppState>,
    p: Page,
    auth: Authorized<EditDirectory>,
    ip: ClientIp,
    Form(form): Form<OrganizationForm>,
) -> Result<Response, AppError> {
    let reference = Reference::load(&state).await?;
    let (input, errors) = check_organization(&reference, &form, p.lang);
    if !errors.is_empty() {
        let page =
            OrganizationFormPage::new(p, &reference, OrgFormKind::Create, None, form, errors);
        return Ok(page.with_status(StatusCode::UNPROCESSABLE_ENTITY));
    }
    let id =
        organizations::create_organization(&state.store, &actor(auth.user(), &ip), &input).await?;
    sync_search(&state).await;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-organization-created",
        organization_href(&id)
    ))
    .into_response())
}

pub async fn show_organization_form(
    State(state): State<AppState>,
    p: Page,
    EditableOrganization {
        organization: view, ..
    }: EditableOrganization,
) -> Result<OrganizationFormPage, AppError> {
    let id = view.id();
    let reference = Reference::load(&state).await?;
    let form = OrganizationForm::from_input(&current_input(&view), Some(view.meta.version));
    Ok(OrganizationFormPage::new(
        p,
        &reference,
        OrgFormKind::Edit,
        Some((id, view.name())),
        form,
        FieldErrors::default(),
    ))
}

pub async fn update_organization(
    State(state): State<AppState>,
    p: Page,
    EditableOrganization {
        organization: view,
        user,
    }: EditableOrganization,
    ip: ClientIp,
    Form(form): Form<OrganizationForm>,
) -> Result<Response, AppError> {
    let id = view.id().to_owned();
    let reference = Reference::load(&state).await?;
    let (input, errors) = check_organization(&reference, &form, p.lang);
    if !errors.is_empty() {
        let page = OrganizationFormPage::new(
            p,
            &reference,
            OrgFormKind::Edit,
            Some((&id, view.name())),
            form,
            errors,
        );
        return Ok(page.with_status(StatusCode::UNPROCESSABLE_ENTITY));
    }
    // A form without its version cannot prove it is current.
    let version = form.version.trim().parse::<i32>().unwrap_or(-1);
    let saved =
        organizations::update_organization(&state.store, &actor(&user, &ip), &id, version, &input)
            .await;
    match saved {
        Ok(()) => {
            sync_search(&state).await;
            Ok(Redirect::to(&format!(
                "{}?ok=flash-organization-saved",
                organization_href(&id)
            ))
            .into_response())
        }
        Err(StoreError::Stale(_)) => {
            let view = dir::organization(&state.store, &id)
                .await?
                .ok_or(AppError::NotFound)?;
            let current = current_input(&view);
            let lang = p.lang;
            let mut page = OrganizationFormPage::new(
                p,
                &reference,
                OrgFormKind::Edit,
                Some((&id, view.name())),
                OrganizationForm::from_input(&current, Some(view.meta.version)),
                FieldErrors::default(),
            );
            page.conflict = Some(organization_differences(lang, &reference, &current, &input));
            Ok(page.with_status(StatusCode::CONFLICT))
        }
        Err(e) => Err(e.into()),
    }
}

// ---------- services ----------

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ServiceForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub alternate_name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub eligibility_description: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub phone_extension: String,
    /// One of the domain's `DAY_SETS`, or empty.
    #[serde(default)]
    pub days: String,
    #[serde(default)]
    pub opens_at: String,
    #[serde(default)]
    pub closes_at: String,
    #[serde(default)]
    pub hours_note: String,
    /// The organization's locations where it is offered (checkboxes).
    #[serde(default)]
    pub locations: Vec<String>,
    /// The fingerprint of the values the edit form was built from.
    #[serde(default)]
    pub fingerprint: String,
}

impl ServiceForm {
    fn input(&self) -> ServiceInput {
        ServiceInput {
            name: self.name.clone(),
            alternate_name: self.alternate_name.clone(),
            description: self.description.clone(),
            status: self.status.clone(),
            email: self.email.clone(),
            url: self.url.clone(),
            eligibility_description: self.eligibility_description.clone(),
            details: Some(ServiceDetailsInput {
                phone: self.phone.clone(),
                phone_extension: self.phone_extension.clone(),
                days: self.days.clone(),
                opens_at: self.opens_at.clone(),
                closes_at: self.closes_at.clone(),
                hours_note: self.hours_note.clone(),
                locations: self.locations.clone(),
            }),
        }
        .cleaned()
    }

    fn from_view(view: &ServiceView) -> Self {
        let values = &view.values;
        let get = |k: &str| values.get(k).cloned().unwrap_or_default();
        let details = contacts::service_details(view);
        ServiceForm {
            phone: details.phone,
            phone_extension: details.phone_extension,
            days: details.days,
            opens_at: details.opens_at,
            closes_at: details.closes_at,
            hours_note: details.hours_note,
            locations: details.locations,
            name: get("name"),
            alternate_name: get("alternate_name"),
            description: get("description"),
            status: get("status"),
            email: get("email"),
            url: get("url"),
            eligibility_description: get("eligibility_description"),
            fingerprint: organizations::fingerprint(values),
        }
    }
}

fn service_differences(lang: Lang, from: &ServiceForm, to: &ServiceForm) -> Vec<Difference> {
    let phone = |f: &ServiceForm| format!("{} {}", f.phone, f.phone_extension);
    let hours = |f: &ServiceForm| {
        [&f.days, &f.opens_at, &f.closes_at, &f.hours_note]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let status = |s: &str| {
        if s.trim().is_empty() {
            String::new()
        } else {
            status_label(s.trim(), lang)
        }
    };
    [
        ("dir-field-service-name", from.name.clone(), to.name.clone()),
        (
            "dir-field-alternate-name",
            from.alternate_name.clone(),
            to.alternate_name.clone(),
        ),
        (
            "dir-field-description",
            from.description.clone(),
            to.description.clone(),
        ),
        ("dir-field-status", status(&from.status), status(&to.status)),
        ("field-email", from.email.clone(), to.email.clone()),
        ("dir-field-website", from.url.clone(), to.url.clone()),
        (
            "dir-field-eligibility",
            from.eligibility_description.clone(),
            to.eligibility_description.clone(),
        ),
        ("dir-field-phone", phone(from), phone(to)),
        ("dir-hours-legend", hours(from), hours(to)),
        (
            "dir-field-locations",
            from.locations.join(", "),
            to.locations.join(", "),
        ),
    ]
    .into_iter()
    .filter(|(_, a, b)| a.trim() != b.trim())
    .map(|(key, before, after)| Difference {
        label: lang.t(key),
        before,
        after,
    })
    .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/service_form.html")]
pub struct ServiceFormPage {
    p: Page,
    title: String,
    action: String,
    cancel: String,
    submit: String,
    organization_name: String,
    organization_href: String,
    form: ServiceForm,
    errors: FieldErrors,
    statuses: Vec<Choice>,
    day_sets: Vec<Choice>,
    /// The organization's points of service (id, what the box says).
    locations: Vec<Choice>,
    with_fingerprint: bool,
    conflict: Option<Vec<Difference>>,
}

struct ServiceTarget<'a> {
    /// The service being edited; `None` for a new one.
    service_id: Option<&'a str>,
    organization_id: &'a str,
    organization_name: &'a str,
    /// The organization's points of service.
    locations: &'a [LocationView],
}

/// What a point of service's checkbox says: its name, else its address.
fn location_label(l: &LocationView) -> String {
    let get =
        |v: &maillage_store::repo::hsds::Values, k: &str| v.get(k).cloned().unwrap_or_default();
    let address = l
        .addresses
        .first()
        .map(|a| {
            [get(a, "address_1"), get(a, "city")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    match (get(&l.values, "name"), address.is_empty()) {
        (name, true) if !name.is_empty() => name,
        (name, false) if !name.is_empty() => format!("{name} ({address})"),
        (_, false) => address,
        _ => l.id().to_owned(),
    }
}

impl ServiceFormPage {
    fn new(p: Page, target: &ServiceTarget<'_>, form: ServiceForm, errors: FieldErrors) -> Self {
        let lang = p.lang;
        let org_href = organization_href(target.organization_id);
        let (title, action, cancel, submit) = match target.service_id {
            Some(id) => (
                lang.t_args("service-edit-title", &[("name", form.name.clone())]),
                format!("{}/modifier", service_href(id)),
                service_href(id),
                lang.t("form-save"),
            ),
            None => (
                lang.t("service-new-title"),
                format!("{org_href}/services/nouveau"),
                org_href.clone(),
                lang.t("service-create"),
            ),
        };
        ServiceFormPage {
            title,
            action,
            cancel,
            submit,
            organization_name: target.organization_name.to_owned(),
            organization_href: org_href,
            statuses: ServiceStatus::ALL
                .iter()
                .map(|s| Choice {
                    value: s.as_str().to_owned(),
                    label: lang.t(&s.message_key()),
                })
                .collect(),
            day_sets: DAY_SETS
                .iter()
                .map(|d| Choice {
                    value: (*d).to_owned(),
                    label: lang.t(&format!("dir-days-{}", d.replace(',', "-").to_lowercase())),
                })
                .collect(),
            locations: target
                .locations
                .iter()
                .map(|l| Choice {
                    value: l.id().to_owned(),
                    label: location_label(l),
                })
                .collect(),
            with_fingerprint: target.service_id.is_some(),
            conflict: None,
            form,
            errors,
            p,
        }
    }
}

impl ServiceFormPage {
    /// Whether the form offers the service at location `id`.
    pub fn offered_at(&self, id: &str) -> bool {
        self.form.locations.iter().any(|l| l == id)
    }
}

fn check_service(
    form: &ServiceForm,
    locations: &[LocationView],
    lang: Lang,
) -> (ServiceInput, FieldErrors) {
    let input = form.input();
    let mut errors = FieldErrors::from_domain(&input.validate(), lang);
    let known = |id: &String| locations.iter().any(|l| l.id() == id);
    if !form.locations.iter().all(known) {
        errors.push("locations", lang.t("error-location-unknown"));
    }
    (input, errors)
}

pub async fn show_new_service(
    p: Page,
    EditableOrganization {
        organization: org, ..
    }: EditableOrganization,
) -> ServiceFormPage {
    // A new service is offered at the organization's only point of service.
    let locations = match org.locations.as_slice() {
        [only] => vec![only.id().to_owned()],
        _ => Vec::new(),
    };
    let form = ServiceForm {
        status: ServiceStatus::Active.as_str().to_owned(),
        locations,
        ..ServiceForm::default()
    };
    let target = ServiceTarget {
        service_id: None,
        organization_id: org.id(),
        organization_name: org.name(),
        locations: &org.locations,
    };
    ServiceFormPage::new(p, &target, form, FieldErrors::default())
}

pub async fn create_service(
    State(state): State<AppState>,
    p: Page,
    EditableOrganization {
        organization: org,
        user,
    }: EditableOrganization,
    ip: ClientIp,
    ListForm(form): ListForm<ServiceForm>,
) -> Result<Response, AppError> {
    let org_id = org.id();
    let (input, errors) = check_service(&form, &org.locations, p.lang);
    if !errors.is_empty() {
        let target = ServiceTarget {
            service_id: None,
            organization_id: org_id,
            organization_name: org.name(),
            locations: &org.locations,
        };
        let page = ServiceFormPage::new(p, &target, form, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let id =
        organizations::create_service(&state.store, &actor(&user, &ip), org_id, &input).await?;
    sync_search(&state).await;
    Ok(Redirect::to(&format!("{}?ok=flash-service-created", service_href(&id))).into_response())
}

pub async fn show_service_form(
    State(state): State<AppState>,
    p: Page,
    EditableService { service, .. }: EditableService,
) -> Result<ServiceFormPage, AppError> {
    let locations =
        contacts::organization_locations(&state.store, &service.organization_id).await?;
    let target = ServiceTarget {
        service_id: Some(service.id()),
        organization_id: &service.organization_id,
        organization_name: &service.organization_name,
        locations: &locations,
    };
    Ok(ServiceFormPage::new(
        p,
        &target,
        ServiceForm::from_view(&service),
        FieldErrors::default(),
    ))
}

pub async fn update_service(
    State(state): State<AppState>,
    p: Page,
    EditableService { service, user }: EditableService,
    ip: ClientIp,
    ListForm(form): ListForm<ServiceForm>,
) -> Result<Response, AppError> {
    let id = service.id();
    let locations =
        contacts::organization_locations(&state.store, &service.organization_id).await?;
    let target = ServiceTarget {
        service_id: Some(id),
        organization_id: &service.organization_id,
        organization_name: &service.organization_name,
        locations: &locations,
    };
    let (input, errors) = check_service(&form, &locations, p.lang);
    if !errors.is_empty() {
        let page = ServiceFormPage::new(p, &target, form, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let saved = organizations::update_service(
        &state.store,
        &actor(&user, &ip),
        id,
        form.fingerprint.trim(),
        &input,
    )
    .await;
    match saved {
        Ok(()) => {
            sync_search(&state).await;
            Ok(
                Redirect::to(&format!("{}?ok=flash-service-saved", service_href(id)))
                    .into_response(),
            )
        }
        Err(StoreError::Stale(_)) => {
            let current = dir::service(&state.store, id)
                .await?
                .ok_or(AppError::NotFound)?;
            let current_form = ServiceForm::from_view(&current);
            let conflict = service_differences(p.lang, &current_form, &form);
            let mut page = ServiceFormPage::new(p, &target, current_form, FieldErrors::default());
            page.conflict = Some(conflict);
            Ok((StatusCode::CONFLICT, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
