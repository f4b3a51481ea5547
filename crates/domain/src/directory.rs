//! Rules of the directory's forms: what an organization or a service must
//! have before it is saved, checked the same way for the web form, the API
//! and edit proposals.

pub mod contact;

use serde::{Deserialize, Serialize};

pub use self::contact::{ContactInput, ServiceDetailsInput};
use crate::email::Email;

pub const MAX_NAME: usize = crate::limits::NAME;
pub const MAX_DESCRIPTION: usize = 5000;
pub const MAX_ALIASES: usize = 20;
pub const MAX_ALIAS: usize = 120;

/// A problem with one field; `key` is the Fluent message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
}

fn err(field: &'static str, key: &'static str) -> FieldError {
    FieldError { field, key }
}

/// A web address people can open: http(s), a host with a dot, no spaces.
/// (HSDS only asks for a URI; the directory wants links that work.)
pub fn is_web_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.') && !host.starts_with('.') && !s.chars().any(char::is_whitespace)
    })
}

fn too_long(s: &str, max: usize) -> bool {
    s.chars().count() > max
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationInput {
    #[serde(default)]
    pub name: String,
    /// Other names and abbreviations, one per line in the form; the first is
    /// HSDS's `alternate_name`.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub website: String,
    /// Sector code, or empty.
    #[serde(default)]
    pub sector: String,
    /// Territory slug, or empty.
    #[serde(default)]
    pub territory: String,
    #[serde(default)]
    pub legal_status: String,
    #[serde(default)]
    pub year_incorporated: String,
    /// Address and main phone; `None` leaves them as they are (a proposal
    /// made before the form had them, a caller that does not edit them).
    #[serde(default)]
    pub contact: Option<ContactInput>,
}

impl OrganizationInput {
    /// Trims every field and drops empty aliases.
    #[must_use]
    pub fn cleaned(mut self) -> Self {
        for f in [
            &mut self.name,
            &mut self.description,
            &mut self.email,
            &mut self.website,
            &mut self.sector,
            &mut self.territory,
            &mut self.legal_status,
            &mut self.year_incorporated,
        ] {
            *f = f.trim().to_owned();
        }
        self.aliases = self
            .aliases
            .iter()
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())
            .collect();
        self.contact = self.contact.map(ContactInput::cleaned);
        self
    }

    /// Every problem of the form (sector and territory are checked against
    /// the database by the caller).
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.name.is_empty() {
            errors.push(err("name", "error-org-name-required"));
        } else if too_long(&self.name, MAX_NAME) {
            errors.push(err("name", "error-org-name-too-long"));
        }
        if self.description.is_empty() {
            errors.push(err("description", "error-org-description-required"));
        } else if too_long(&self.description, MAX_DESCRIPTION) {
            errors.push(err("description", "error-description-too-long"));
        }
        if self.aliases.len() > MAX_ALIASES || self.aliases.iter().any(|a| too_long(a, MAX_ALIAS)) {
            errors.push(err("aliases", "error-aliases"));
        }
        if !self.email.is_empty() && Email::parse(&self.email).is_err() {
            errors.push(err("email", "error-email-malformed"));
        }
        if !self.website.is_empty() && !is_web_url(&self.website) {
            errors.push(err("website", "error-url"));
        }
        if !self.year_incorporated.is_empty()
            && !self
                .year_incorporated
                .parse::<u16>()
                .is_ok_and(|y| (1600..=2100).contains(&y))
        {
            errors.push(err("year_incorporated", "error-year"));
        }
        if too_long(&self.legal_status, MAX_ALIAS) {
            errors.push(err("legal_status", "error-field-too-long"));
        }
        if let Some(contact) = &self.contact {
            errors.extend(contact.validate());
        }
        errors
    }

    /// The HSDS columns this form sets (empty → none).
    pub fn hsds_values(&self) -> Vec<(&'static str, Option<String>)> {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        vec![
            ("name", opt(&self.name)),
            ("description", opt(&self.description)),
            ("email", opt(&self.email)),
            ("website", opt(&self.website)),
            ("legal_status", opt(&self.legal_status)),
            ("year_incorporated", opt(&self.year_incorporated)),
        ]
    }
}

/// HSDS service statuses (the descriptor's enum), as stored.
pub const SERVICE_STATUSES: &[&str] = &["active", "inactive", "defunct", "temporarily closed"];

/// An HSDS service status (the descriptor's enum). Imported values are kept
/// as they are, so a stored status may be none of these: [`Self::parse`]
/// says which one it is, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServiceStatus {
    Active,
    Inactive,
    Defunct,
    TemporarilyClosed,
}

impl ServiceStatus {
    pub const ALL: [ServiceStatus; 4] = [
        ServiceStatus::Active,
        ServiceStatus::Inactive,
        ServiceStatus::Defunct,
        ServiceStatus::TemporarilyClosed,
    ];

    /// The value HSDS (and the database) uses.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Active => "active",
            ServiceStatus::Inactive => "inactive",
            ServiceStatus::Defunct => "defunct",
            ServiceStatus::TemporarilyClosed => "temporarily closed",
        }
    }

    /// The status a stored value names, if it is one of HSDS's.
    pub fn parse(value: &str) -> Option<ServiceStatus> {
        ServiceStatus::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// The message key of its label (`service-status-temporarily-closed`).
    pub fn message_key(self) -> String {
        format!("service-status-{}", self.as_str().replace(' ', "-"))
    }

    /// Whether a service whose stored status is `value` is open: `active`,
    /// or no status at all.
    pub fn is_open(value: &str) -> bool {
        value.is_empty() || ServiceStatus::parse(value) == Some(ServiceStatus::Active)
    }
}

/// Where a member's proposed edit of their organization stands
/// (`edit_proposals.status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProposalStatus {
    Pending,
    Approved,
    Rejected,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 3] = [
        ProposalStatus::Pending,
        ProposalStatus::Approved,
        ProposalStatus::Rejected,
    ];

    /// The value the database stores.
    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Pending => "pending",
            ProposalStatus::Approved => "approved",
            ProposalStatus::Rejected => "rejected",
        }
    }

    pub fn parse(value: &str) -> Option<ProposalStatus> {
        ProposalStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == value)
    }

    /// The status a decision gives.
    pub fn decided(approve: bool) -> ProposalStatus {
        if approve {
            ProposalStatus::Approved
        } else {
            ProposalStatus::Rejected
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceInput {
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
    /// Phone, hours and points of service; `None` leaves them as they are.
    #[serde(default)]
    pub details: Option<ServiceDetailsInput>,
}

impl ServiceInput {
    #[must_use]
    pub fn cleaned(mut self) -> Self {
        for f in [
            &mut self.name,
            &mut self.alternate_name,
            &mut self.description,
            &mut self.status,
            &mut self.email,
            &mut self.url,
            &mut self.eligibility_description,
        ] {
            *f = f.trim().to_owned();
        }
        self.details = self.details.map(ServiceDetailsInput::cleaned);
        self
    }

    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.name.is_empty() {
            errors.push(err("name", "error-service-name-required"));
        } else if too_long(&self.name, MAX_NAME) {
            errors.push(err("name", "error-org-name-too-long"));
        }
        if too_long(&self.alternate_name, MAX_NAME) {
            errors.push(err("alternate_name", "error-field-too-long"));
        }
        if too_long(&self.description, MAX_DESCRIPTION)
            || too_long(&self.eligibility_description, MAX_DESCRIPTION)
        {
            errors.push(err("description", "error-description-too-long"));
        }
        if ServiceStatus::parse(&self.status).is_none() {
            errors.push(err("status", "error-service-status"));
        }
        if !self.email.is_empty() && Email::parse(&self.email).is_err() {
            errors.push(err("email", "error-email-malformed"));
        }
        if !self.url.is_empty() && !is_web_url(&self.url) {
            errors.push(err("url", "error-url"));
        }
        if let Some(details) = &self.details {
            errors.extend(details.validate());
        }
        errors
    }

    pub fn hsds_values(&self) -> Vec<(&'static str, Option<String>)> {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        vec![
            ("name", opt(&self.name)),
            ("alternate_name", opt(&self.alternate_name)),
            ("description", opt(&self.description)),
            ("status", opt(&self.status)),
            ("email", opt(&self.email)),
            ("url", opt(&self.url)),
            (
                "eligibility_description",
                opt(&self.eligibility_description),
            ),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_keep_their_database_values() {
        let values: Vec<&str> = ServiceStatus::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(values, SERVICE_STATUSES);
        for status in ServiceStatus::ALL {
            assert_eq!(ServiceStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ServiceStatus::parse("Active"), None);
        assert_eq!(
            ServiceStatus::TemporarilyClosed.message_key(),
            "service-status-temporarily-closed"
        );
        assert!(ServiceStatus::is_open(""));
        assert!(ServiceStatus::is_open("active"));
        assert!(!ServiceStatus::is_open("defunct"));
        assert!(!ServiceStatus::is_open("ouvert"));
        for status in ProposalStatus::ALL {
            assert_eq!(ProposalStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ProposalStatus::Pending.as_str(), "pending");
        assert_eq!(ProposalStatus::decided(true), ProposalStatus::Approved);
        assert_eq!(ProposalStatus::decided(false).as_str(), "rejected");
    }

    fn valid() -> OrganizationInput {
        OrganizationInput {
            name: "Aide-Parents Plus".into(),
            description: "Soutien aux parents de Jonquière.".into(),
            ..OrganizationInput::default()
        }
    }

    #[test]
    fn a_minimal_organization_is_valid() {
        assert!(valid().validate().is_empty());
    }

    #[test]
    fn every_problem_is_reported() {
        let input = OrganizationInput {
            name: String::new(),
            description: String::new(),
            email: "pas une adresse".into(),
            website: "exemple".into(),
            year_incorporated: "19x5".into(),
            ..OrganizationInput::default()
        };
        let fields: Vec<&str> = input.validate().iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "name",
                "description",
                "email",
                "website",
                "year_incorporated"
            ]
        );
    }

    #[test]
    fn cleaning_trims_and_drops_empty_aliases() {
        let input = OrganizationInput {
            name: "  CRÉPAS ".into(),
            aliases: vec![" ".into(), " CRÉPAS ".into()],
            ..OrganizationInput::default()
        }
        .cleaned();
        assert_eq!(input.name, "CRÉPAS");
        assert_eq!(input.aliases, ["CRÉPAS"]);
    }

    #[test]
    fn web_urls() {
        assert!(is_web_url("https://crepas.qc.ca/"));
        assert!(is_web_url("http://www.ville.saguenay.ca/services?x=1"));
        for bad in [
            "crepas.qc.ca",
            "https://localhost",
            "ftp://x.ca",
            "https://a b.ca",
            "https://.ca",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn services_need_a_known_status() {
        let s = ServiceInput {
            name: "Halte-garderie".into(),
            status: "active".into(),
            ..ServiceInput::default()
        };
        assert!(s.validate().is_empty());
        let s = ServiceInput {
            name: "Halte-garderie".into(),
            status: "ouvert".into(),
            ..ServiceInput::default()
        };
        assert_eq!(s.validate()[0].field, "status");
    }
}
