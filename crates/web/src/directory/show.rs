//! The organization and service pages, public.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use maillage_domain::Permission;
use maillage_domain::directory::ServiceStatus;
use maillage_domain::directory::contact::{DAY_SETS, time_text};
use maillage_store::repo::accounts;
use maillage_store::repo::directory::LocationView;
use maillage_store::repo::hsds::Values;

use super::access::{OrganizationPage, ServicePage};
use super::{
    Reference, Visitor, format_date, organization_href, service_href, snippet, status_label,
};
use crate::AppState;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::page::Page;

fn get(values: &Values, key: &str) -> String {
    values.get(key).cloned().unwrap_or_default()
}

/// A web address worth a link: only http(s), so that imported data cannot
/// smuggle `javascript:` into a page.
fn web_link(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url.trim().to_owned())
}

/// A location and its addresses, each address as lines.
pub struct LocationItem {
    pub name: String,
    pub description: String,
    pub addresses: Vec<Vec<String>>,
}

fn address_lines(a: &Values) -> Vec<String> {
    let mut lines: Vec<String> = ["attention", "address_1", "address_2"]
        .iter()
        .map(|k| get(a, k))
        .filter(|l| !l.is_empty())
        .collect();
    let town = [get(a, "city"), get(a, "state_province"), get(a, "region")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let town = [town, get(a, "postal_code")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("  ");
    if !town.is_empty() {
        lines.push(town);
    }
    let country = get(a, "country");
    if !country.is_empty() && country != "CA" {
        lines.push(country);
    }
    lines
}

pub fn locations(list: &[LocationView]) -> Vec<LocationItem> {
    list.iter()
        .map(|l| LocationItem {
            name: get(&l.values, "name"),
            description: get(&l.values, "description"),
            addresses: l
                .addresses
                .iter()
                .map(address_lines)
                .filter(|a| !a.is_empty())
                .collect(),
        })
        .collect()
}

pub struct PhoneItem {
    pub number: String,
    pub href: String,
    pub detail: String,
}

fn phones(list: &[Values], lang: Lang) -> Vec<PhoneItem> {
    list.iter()
        .filter(|v| v.contains_key("number"))
        .map(|v| {
            let number = get(v, "number");
            let ext = get(v, "extension");
            let digits: String = number
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            // A phone's extension is dialled after a pause (RFC 3966).
            let digits = if ext.is_empty() {
                digits
            } else {
                format!("{digits};ext={ext}")
            };
            let detail = [get(v, "type"), get(v, "description")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            PhoneItem {
                number: if ext.is_empty() {
                    number
                } else {
                    lang.t_args(
                        "dir-phone-with-extension",
                        &[("number", number), ("ext", ext)],
                    )
                },
                href: format!("tel:{digits}"),
                detail,
            }
        })
        .collect()
}

pub struct ContactItem {
    pub name: String,
    pub role: String,
    pub email: String,
}

pub struct ServiceItem {
    pub name: String,
    pub href: String,
    pub status: String,
    pub active: bool,
    pub snippet: String,
}

pub struct GroupingItem {
    pub name: String,
    pub kind: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/organization.html")]
pub struct OrganizationDetails {
    p: Page,
    id: String,
    href: String,
    name: String,
    aliases: Vec<String>,
    sector: Option<String>,
    territory: Option<String>,
    description: String,
    email: String,
    website: String,
    website_href: Option<String>,
    legal_status: String,
    year: String,
    services: Vec<ServiceItem>,
    locations: Vec<LocationItem>,
    contacts: Vec<ContactItem>,
    phones: Vec<PhoneItem>,
    groupings: Vec<GroupingItem>,
    verified: String,
    stale: bool,
    can_edit: bool,
    can_propose: bool,
    ego: Option<crate::network::ego::Ego>,
}

pub async fn show_organization(
    State(state): State<AppState>,
    p: Page,
    visitor: Visitor,
    OrganizationPage { organization: org }: OrganizationPage,
) -> Result<OrganizationDetails, AppError> {
    let id = org.id().to_owned();
    let reference = Reference::load(&state).await?;
    let lang = p.lang;
    let verified_by = match org.meta.verified_by {
        Some(user) => accounts::find_by_id(&state.store, user)
            .await?
            .map(|u| u.display_name),
        None => None,
    };
    let stale_before = chrono::Utc::now() - chrono::Duration::days(365);
    let (verified, outdated) = match org.meta.verified_at {
        Some(at) => {
            let date = format_date(at, lang);
            let text = match verified_by {
                Some(by) => lang.t_args("org-verified-by", &[("date", date), ("name", by)]),
                None => lang.t_args("org-verified", &[("date", date)]),
            };
            (text, at < stale_before)
        }
        None => (lang.t("org-never-verified"), true),
    };
    let services = org
        .services
        .iter()
        .map(|s| {
            let status = get(s, "status");
            ServiceItem {
                name: get(s, "name"),
                href: service_href(&get(s, "id")),
                active: ServiceStatus::is_open(&status),
                status: status_label(&status, lang),
                snippet: snippet(&get(s, "description"), 160),
            }
        })
        .collect();
    let contacts = org
        .contacts
        .iter()
        .map(|c| ContactItem {
            name: get(c, "name"),
            role: [get(c, "title"), get(c, "department")]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            email: get(c, "email"),
        })
        .collect();
    let groupings = org
        .groupings
        .iter()
        .map(|g| GroupingItem {
            name: g.name.clone(),
            kind: grouping_kind(g.kind, lang),
        })
        .collect();
    Ok(OrganizationDetails {
        href: organization_href(&id),
        can_edit: visitor.may(Permission::EditDirectory),
        can_propose: visitor.represents(&id),
        name: org.name().to_owned(),
        aliases: org.aliases.clone(),
        sector: reference.sector_label(org.meta.sector.as_deref(), lang),
        territory: reference.territory_name(org.meta.territory.as_deref()),
        description: get(&org.values, "description"),
        email: get(&org.values, "email"),
        website: get(&org.values, "website"),
        website_href: web_link(&get(&org.values, "website")),
        legal_status: get(&org.values, "legal_status"),
        year: get(&org.values, "year_incorporated"),
        services,
        locations: locations(&org.locations),
        contacts,
        phones: phones(&org.phones, lang),
        groupings,
        verified,
        stale: outdated,
        ego: crate::network::ego::ego(&state, &id, lang, &reference).await?,
        id,
        p,
    })
}

fn grouping_kind(kind: maillage_store::entity::grouping::Kind, lang: Lang) -> String {
    lang.t(&format!("dir-grouping-kind-{}", kind.as_str()))
}

pub struct ScheduleItem {
    pub when: String,
    pub notes: String,
}

/// Days, hours and notes of the service's schedules, as French writes
/// them (« Du lundi au vendredi · de 8 h 30 à 16 h 30 »).
fn schedules(list: &[Values], lang: Lang) -> Vec<ScheduleItem> {
    let french = lang == Lang::Fr;
    list.iter()
        .map(|s| {
            let byday = get(s, "byday");
            let days = if DAY_SETS.contains(&byday.as_str()) {
                lang.t(&format!(
                    "dir-days-{}",
                    byday.replace(',', "-").to_lowercase()
                ))
            } else {
                byday
            };
            let (opens, closes) = (get(s, "opens_at"), get(s, "closes_at"));
            let hours = match (opens.is_empty(), closes.is_empty()) {
                (false, false) => lang.t_args(
                    "dir-hours-range",
                    &[
                        ("opens", time_text(&opens, french)),
                        ("closes", time_text(&closes, french)),
                    ],
                ),
                (false, true) => time_text(&opens, french),
                _ => String::new(),
            };
            let when = [days, hours]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            let notes = [get(s, "description"), get(s, "notes")]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            ScheduleItem { when, notes }
        })
        .filter(|s| !s.when.is_empty() || !s.notes.is_empty())
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/service.html")]
pub struct ServiceDetails {
    p: Page,
    id: String,
    href: String,
    name: String,
    alternate_name: String,
    status: String,
    active: bool,
    description: String,
    eligibility: String,
    email: String,
    url: String,
    url_href: Option<String>,
    fees: String,
    application: String,
    organization_name: String,
    organization_href: String,
    locations: Vec<LocationItem>,
    phones: Vec<PhoneItem>,
    schedules: Vec<ScheduleItem>,
    languages: Vec<String>,
    terms: Vec<String>,
    can_edit: bool,
    /// What the service publishes about taking referrals.
    referral: crate::referrals::ServicePanel,
}

pub async fn show_service(
    State(state): State<AppState>,
    p: Page,
    visitor: Visitor,
    ServicePage { service: s }: ServicePage,
) -> Result<ServiceDetails, AppError> {
    let id = s.id().to_owned();
    let lang = p.lang;
    let status = get(&s.values, "status");
    let referral = crate::referrals::service_panel(
        &state,
        &visitor,
        lang,
        &id,
        &s.organization_id,
        ServiceStatus::is_open(&status),
    )
    .await?;
    let mut languages: Vec<String> = s
        .languages
        .iter()
        .filter_map(|l| l.get("name").or_else(|| l.get("code")).cloned())
        .collect();
    languages.dedup();
    Ok(ServiceDetails {
        name: get(&s.values, "name"),
        alternate_name: get(&s.values, "alternate_name"),
        active: ServiceStatus::is_open(&status),
        status: status_label(&status, lang),
        description: get(&s.values, "description"),
        eligibility: get(&s.values, "eligibility_description"),
        email: get(&s.values, "email"),
        url: get(&s.values, "url"),
        url_href: web_link(&get(&s.values, "url")),
        fees: get(&s.values, "fees_description"),
        application: get(&s.values, "application_process"),
        organization_href: organization_href(&s.organization_id),
        organization_name: s.organization_name.clone(),
        locations: locations(&s.locations),
        phones: phones(&s.phones, lang),
        schedules: schedules(&s.schedules, lang),
        languages,
        terms: s.terms.clone(),
        can_edit: visitor.may(Permission::EditDirectory),
        referral,
        href: service_href(&id),
        id,
        p,
    })
}
