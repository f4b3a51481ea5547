//! Keeping the directory current: verification and the "à vérifier" list,
//! merging duplicates, members' proposals and who represents an
//! organization.

use std::collections::HashSet;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use maillage_domain::Email;
use maillage_domain::names::{Candidate, Match, Matcher};
use maillage_search::{Filters, Kind};
use maillage_store::StoreError;
use maillage_store::repo::directory::{self as dir, OrganizationView};
use maillage_store::repo::{accounts, directory_pages, organizations};
use serde::Deserialize;
use uuid::Uuid;

use super::access::{EditableOrganization, OrganizationAccount, PendingProposal, Representative};
use super::edit::{
    Difference, OrgFormKind, OrganizationForm, OrganizationFormPage, check_organization,
    current_input, organization_differences,
};
use super::{
    FieldErrors, Reference, actor, count_text, format_date, organization_href, service_href,
    sync_search,
};
use crate::AppState;
use crate::auth::{Authorized, ClientIp, EditDirectory};
use crate::error::AppError;
use crate::page::Page;

/// A local path to come back to after a form (only the directory's own).
fn back_to(target: Option<&str>, fallback: String) -> String {
    match target {
        Some(t)
            if t.starts_with("/repertoire")
                && !t.contains("//")
                && !t.contains('\\')
                && !t.contains(['\r', '\n']) =>
        {
            t.to_owned()
        }
        _ => fallback,
    }
}

fn with_flash(target: &str, key: &str) -> String {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && !kv.starts_with("ok=") && !kv.starts_with("erreur="))
        .collect();
    if kept.is_empty() {
        format!("{path}?ok={key}")
    } else {
        format!("{path}?{}&ok={key}", kept.join("&"))
    }
}

// ---------- verification ----------

#[derive(Debug, Default, Deserialize)]
pub struct VerifyForm {
    retour: Option<String>,
}

pub async fn update_verification(
    State(state): State<AppState>,
    EditableOrganization { organization, user }: EditableOrganization,
    ip: ClientIp,
    Form(form): Form<VerifyForm>,
) -> Result<Response, AppError> {
    let id = organization.id();
    organizations::verify_organization(&state.store, &actor(&user, &ip), id).await?;
    let target = back_to(form.retour.as_deref(), organization_href(id));
    Ok(Redirect::to(&with_flash(&target, "flash-organization-verified")).into_response())
}

pub struct StaleRow {
    pub id: String,
    pub name: String,
    pub href: String,
    pub sector: Option<String>,
    pub verified: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/stale.html")]
pub struct StalePage {
    p: Page,
    heading: String,
    rows: Vec<StaleRow>,
}

/// Entries not verified for twelve months (never verified included).
pub async fn list_stale(
    State(state): State<AppState>,
    p: Page,
    _auth: Authorized<EditDirectory>,
) -> Result<StalePage, AppError> {
    let before = Utc::now() - chrono::Duration::days(365);
    let reference = Reference::load(&state).await?;
    let lang = p.lang;
    let mut list = dir::stale_organizations(&state.store, before, 200).await?;
    // Never verified first, then the oldest (the databases order NULLs
    // differently).
    list.sort_by(|a, b| {
        a.verified_at
            .is_some()
            .cmp(&b.verified_at.is_some())
            .then(a.verified_at.cmp(&b.verified_at))
            .then_with(|| {
                directory_pages::sort_key(&a.name).cmp(&directory_pages::sort_key(&b.name))
            })
    });
    let rows = list
        .into_iter()
        .map(|o| StaleRow {
            href: organization_href(&o.id),
            sector: reference.sector_label(o.sector.as_deref(), lang),
            verified: o
                .verified_at
                .map_or_else(|| lang.t("stale-never"), |at| format_date(at, lang)),
            name: o.name,
            id: o.id,
        })
        .collect::<Vec<_>>();
    Ok(StalePage {
        heading: count_text(lang, "stale-count", rows.len()),
        rows,
        p,
    })
}

// ---------- merging duplicates ----------

pub struct MergeCandidate {
    pub id: String,
    pub name: String,
    pub href: String,
    pub detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/merge.html")]
pub struct MergePage {
    p: Page,
    name: String,
    href: String,
    candidates: Vec<MergeCandidate>,
    other: String,
    error: Option<String>,
}

const MAX_CANDIDATES: usize = 12;

/// Organizations that look like `view`: what the name matcher finds for
/// its name and aliases first (with the score), then what a search for the
/// name finds.
async fn merge_candidates(
    state: &AppState,
    view: &OrganizationView,
    lang: crate::i18n::Lang,
) -> Result<Vec<MergeCandidate>, AppError> {
    let id = view.id().to_owned();
    let all = directory_pages::organizations_with_aliases(&state.store).await?;
    let names: std::collections::HashMap<String, String> = all
        .iter()
        .map(|(id, name, _)| (id.clone(), name.clone()))
        .collect();
    // The other organizations, matched against this one's name and
    // aliases: one query per form, so that the page stays quick on a large
    // directory.
    let forms: Vec<String> = std::iter::once(view.name().to_owned())
        .chain(view.aliases.iter().cloned())
        .collect();
    let others: Vec<(String, String, Vec<String>)> = all
        .into_iter()
        .filter(|(other, _, _)| *other != id)
        .collect();
    let scored = tokio::task::spawn_blocking(move || {
        let matcher = Matcher::new(others.into_iter().map(|(id, name, aliases)| Candidate {
            id,
            name,
            aliases,
        }));
        let mut scored: Vec<(String, f64)> = Vec::new();
        for form in &forms {
            match matcher.find(form) {
                Match::Exact { id } | Match::Alias { id } => scored.push((id, 1.0)),
                Match::Fuzzy { id, score } => scored.push((id, score)),
                Match::Ambiguous { candidates } => scored.extend(candidates),
                Match::NoMatch => {}
            }
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        scored
    })
    .await
    .map_err(AppError::internal)?;
    let mut out: Vec<MergeCandidate> = Vec::new();
    let mut seen: HashSet<String> = HashSet::from([id.clone()]);
    for (other, score) in scored {
        if !seen.insert(other.clone()) {
            continue;
        }
        let percent = format!("{:.0}", (score * 100.0).clamp(0.0, 100.0));
        out.push(MergeCandidate {
            name: names.get(&other).cloned().unwrap_or_default(),
            href: organization_href(&other),
            detail: lang.t_args("merge-similarity", &[("percent", percent)]),
            id: other,
        });
    }
    let search = state.search.clone();
    let name = view.name().to_owned();
    let filters = Filters {
        kind: Some(Kind::Organization),
        ..Filters::default()
    };
    let hits =
        tokio::task::spawn_blocking(move || search.search(&name, MAX_CANDIDATES, &filters, false))
            .await
            .map_err(AppError::internal)?
            .unwrap_or_default();
    for h in hits {
        if out.len() >= MAX_CANDIDATES {
            break;
        }
        if names.contains_key(&h.id) && seen.insert(h.id.clone()) {
            out.push(MergeCandidate {
                href: organization_href(&h.id),
                detail: lang.t("merge-similar-search"),
                name: h.name,
                id: h.id,
            });
        }
    }
    out.truncate(MAX_CANDIDATES);
    Ok(out)
}

async fn merge_page(
    state: &AppState,
    p: Page,
    view: &OrganizationView,
    other: String,
    error: Option<String>,
) -> Result<MergePage, AppError> {
    let candidates = merge_candidates(state, view, p.lang).await?;
    Ok(MergePage {
        name: view.name().to_owned(),
        href: organization_href(view.id()),
        candidates,
        other,
        error,
        p,
    })
}

pub async fn show_merge(
    State(state): State<AppState>,
    p: Page,
    EditableOrganization { organization, .. }: EditableOrganization,
) -> Result<MergePage, AppError> {
    merge_page(&state, p, &organization, String::new(), None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct MergeForm {
    /// The organization to merge into this one (a candidate).
    #[serde(default)]
    autre: String,
    /// Or its id (or the address of its page), pasted.
    #[serde(default)]
    autre_id: String,
    /// `oui` once the person has seen what moves.
    #[serde(default)]
    confirmer: String,
}

impl MergeForm {
    /// The other organization's id: a pasted id (or page address) wins over
    /// a chosen candidate.
    fn other(&self) -> String {
        let pasted = self.autre_id.trim();
        let pasted = pasted
            .split_once("/organisations/")
            .map_or(pasted, |(_, rest)| rest)
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default()
            .trim();
        if pasted.is_empty() {
            self.autre.trim().to_owned()
        } else {
            pasted.to_owned()
        }
    }
}

/// What a merge moves, shown before it is done.
#[derive(Template, WebTemplate)]
#[template(path = "directory/merge_confirm.html")]
pub struct MergeConfirmPage {
    p: Page,
    keep_name: String,
    keep_href: String,
    remove_id: String,
    remove_name: String,
    remove_href: String,
    aliases: Vec<String>,
    services: Vec<(String, String)>,
    locations: usize,
    contacts: usize,
    phones: usize,
    groupings: Vec<String>,
}

impl MergeConfirmPage {
    fn new(p: Page, keep: &OrganizationView, other: &OrganizationView) -> Self {
        MergeConfirmPage {
            keep_name: keep.name().to_owned(),
            keep_href: organization_href(keep.id()),
            remove_id: other.id().to_owned(),
            remove_name: other.name().to_owned(),
            remove_href: organization_href(other.id()),
            aliases: other.aliases.clone(),
            services: other
                .services
                .iter()
                .map(|s| {
                    let sid = s.get("id").cloned().unwrap_or_default();
                    (
                        s.get("name").cloned().unwrap_or_default(),
                        service_href(&sid),
                    )
                })
                .collect(),
            locations: other.locations.len(),
            contacts: other.contacts.len(),
            phones: other.phones.len(),
            groupings: other.groupings.iter().map(|g| g.name.clone()).collect(),
            p,
        }
    }
}

/// Merges the organization `autre` into this one, after a confirmation
/// page: its services, locations, contacts, memberships and proposals move
/// here, its name becomes an alias, and it is removed.
pub async fn delete_duplicate(
    State(state): State<AppState>,
    p: Page,
    EditableOrganization {
        organization: keep,
        user,
    }: EditableOrganization,
    ip: ClientIp,
    Form(form): Form<MergeForm>,
) -> Result<Response, AppError> {
    let id = keep.id().to_owned();
    let other_id = form.other();
    let refuse = |key: &str| Some(p.t(key));
    let error = if other_id.is_empty() {
        refuse("merge-error-choose")
    } else if other_id == id {
        refuse("merge-error-same")
    } else {
        None
    };
    let other = match error {
        Some(_) => None,
        None => dir::organization(&state.store, &other_id).await?,
    };
    let Some(other) = other else {
        let error = error.or_else(|| refuse("merge-error-unknown"));
        let page = merge_page(&state, p, &keep, other_id, error).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    if form.confirmer != "oui" {
        return Ok(MergeConfirmPage::new(p, &keep, &other).into_response());
    }
    let who = actor(&user, &ip);
    match organizations::merge_organizations(&state.store, &who, &id, &other_id).await {
        Ok(_) => {}
        Err(StoreError::NotFound | StoreError::Invalid(_)) => {
            let error = refuse("merge-error-unknown");
            let page = merge_page(&state, p, &keep, other_id, error).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
        Err(e) => return Err(e.into()),
    }
    sync_search(&state).await;
    Ok(Redirect::to(&format!(
        "{}?ok=flash-organizations-merged",
        organization_href(&id)
    ))
    .into_response())
}

// ---------- proposals ----------

pub async fn show_proposal_form(
    State(state): State<AppState>,
    p: Page,
    Representative { organization, .. }: Representative,
) -> Result<OrganizationFormPage, AppError> {
    let reference = Reference::load(&state).await?;
    Ok(OrganizationFormPage::new(
        p,
        &reference,
        OrgFormKind::Propose,
        Some((organization.id(), organization.name())),
        OrganizationForm::from_input(&current_input(&organization), None),
        FieldErrors::default(),
    ))
}

pub async fn create_proposal(
    State(state): State<AppState>,
    p: Page,
    Representative { user, organization }: Representative,
    ip: ClientIp,
    Form(form): Form<OrganizationForm>,
) -> Result<Response, AppError> {
    let id = organization.id();
    let reference = Reference::load(&state).await?;
    let (input, errors) = check_organization(&reference, &form, p.lang);
    if !errors.is_empty() {
        let page = OrganizationFormPage::new(
            p,
            &reference,
            OrgFormKind::Propose,
            Some((id, organization.name())),
            form,
            errors,
        );
        return Ok(page.with_status(StatusCode::UNPROCESSABLE_ENTITY));
    }
    organizations::propose_edit(&state.store, &actor(&user, &ip), id, &input).await?;
    Ok(Redirect::to(&format!("{}?ok=flash-proposal-sent", organization_href(id))).into_response())
}

pub struct ProposalItem {
    pub id: Uuid,
    pub organization_name: String,
    pub organization_href: String,
    /// Who proposed it, and when.
    pub by_line: String,
    pub changes: Vec<Difference>,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/proposals.html")]
pub struct ProposalsPage {
    p: Page,
    proposals: Vec<ProposalItem>,
}

pub async fn list_proposals(
    State(state): State<AppState>,
    p: Page,
    _auth: Authorized<EditDirectory>,
) -> Result<ProposalsPage, AppError> {
    let reference = Reference::load(&state).await?;
    let lang = p.lang;
    let mut proposals = Vec::new();
    for proposal in organizations::pending_proposals(&state.store).await? {
        let Some(view) = dir::organization(&state.store, &proposal.organization_id).await? else {
            continue;
        };
        let changes =
            organization_differences(lang, &reference, &current_input(&view), &proposal.input);
        proposals.push(ProposalItem {
            id: proposal.id,
            organization_href: organization_href(&proposal.organization_id),
            organization_name: proposal.organization_name,
            by_line: lang.t_args(
                "proposals-by",
                &[
                    ("email", proposal.proposed_by_email),
                    ("date", format_date(proposal.created_at, lang)),
                ],
            ),
            changes,
        });
    }
    Ok(ProposalsPage { p, proposals })
}

async fn decide(
    state: &AppState,
    PendingProposal { proposal, user }: PendingProposal,
    ip: &ClientIp,
    approve: bool,
) -> Result<Response, AppError> {
    let result =
        organizations::decide_proposal(&state.store, &actor(&user, ip), proposal.id, approve).await;
    let target = match result {
        Ok(()) if approve => {
            sync_search(state).await;
            "/repertoire/propositions?ok=flash-proposal-approved"
        }
        Ok(()) => "/repertoire/propositions?ok=flash-proposal-rejected",
        Err(StoreError::Stale(_)) => "/repertoire/propositions?erreur=flash-proposal-decided",
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(target).into_response())
}

pub async fn update_proposal_approved(
    State(state): State<AppState>,
    proposal: PendingProposal,
    ip: ClientIp,
) -> Result<Response, AppError> {
    decide(&state, proposal, &ip, true).await
}

pub async fn update_proposal_rejected(
    State(state): State<AppState>,
    proposal: PendingProposal,
    ip: ClientIp,
) -> Result<Response, AppError> {
    decide(&state, proposal, &ip, false).await
}

// ---------- representatives ----------

pub struct RepresentativeItem {
    pub id: Uuid,
    pub name: String,
    pub email: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "directory/representatives.html")]
pub struct RepresentativesPage {
    p: Page,
    name: String,
    href: String,
    people: Vec<RepresentativeItem>,
    email: String,
    error: Option<String>,
}

async fn representatives_page(
    state: &AppState,
    p: Page,
    organization: &OrganizationView,
    email: String,
    error: Option<String>,
) -> Result<RepresentativesPage, AppError> {
    let id = organization.id();
    let people = directory_pages::representatives(&state.store, id)
        .await?
        .into_iter()
        .map(|u| RepresentativeItem {
            id: u.id,
            name: u.display_name,
            email: u.email,
        })
        .collect();
    Ok(RepresentativesPage {
        name: organization.name().to_owned(),
        href: organization_href(id),
        people,
        email,
        error,
        p,
    })
}

pub async fn list_representatives(
    State(state): State<AppState>,
    p: Page,
    EditableOrganization { organization, .. }: EditableOrganization,
) -> Result<RepresentativesPage, AppError> {
    representatives_page(&state, p, &organization, String::new(), None).await
}

#[derive(Debug, Default, Deserialize)]
pub struct RepresentativeForm {
    #[serde(default)]
    email: String,
}

pub async fn create_representative(
    State(state): State<AppState>,
    p: Page,
    EditableOrganization { organization, user }: EditableOrganization,
    ip: ClientIp,
    Form(form): Form<RepresentativeForm>,
) -> Result<Response, AppError> {
    let id = organization.id();
    let typed: String = form.email.trim().chars().take(254).collect();
    let error = match Email::parse(&typed) {
        Err(e) => Err(e.message_key()),
        Ok(email) => match accounts::find_by_email(state.store.conn(), &email).await? {
            None => Err("representative-unknown-account"),
            Some(account) => Ok(account),
        },
    };
    match error {
        Ok(account) => {
            accounts::set_organization(
                &state.store,
                &actor(&user, &ip),
                account.id,
                Some(id.to_owned()),
            )
            .await?;
            Ok(Redirect::to(&format!(
                "{}/representants?ok=flash-representative-added",
                organization_href(id)
            ))
            .into_response())
        }
        Err(key) => {
            let message = Some(p.t(key));
            let page = representatives_page(&state, p, &organization, typed, message).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
    }
}

/// Only someone who represents this organization is taken off it.
pub async fn delete_representative(
    State(state): State<AppState>,
    target: OrganizationAccount,
    ip: ClientIp,
) -> Result<Response, AppError> {
    if target.represents() {
        let who = actor(&target.user, &ip);
        accounts::set_organization(&state.store, &who, target.account.id, None).await?;
    }
    Ok(Redirect::to(&format!(
        "{}/representants?ok=flash-representative-removed",
        organization_href(target.organization.id())
    ))
    .into_response())
}
