//! Grouping pages: the list, a grouping with its members (on any date),
//! staff, pathways, funders, composition by sector and plans; the forms
//! that keep them current (the grouping's coordinators).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use maillage_domain::charts::{self, Bar};
use maillage_domain::names::{Candidate, Match, Matcher};
use maillage_domain::plans::{self as rules, GroupingKind, MembershipRole, PlanStatus};
use maillage_store::StoreError;
use maillage_store::entity::{action_plan, grouping, grouping_staff, pathway};
use maillage_store::repo::directory_pages;
use maillage_store::repo::groupings::{
    self as repo, GroupingInput, Member, MembershipInput, OrgBrief,
};
use maillage_store::repo::plans as store_plans;
use serde::Deserialize;

use super::{grouping_href, kind_label, may_edit_grouping};
use crate::AppState;
use crate::auth::ClientIp;
use crate::auth::{Visitor, actor};
use crate::directory::organization_href;
use crate::error::AppError;
use crate::extract::{Id, OrganizationKey};
use crate::forms::{Choice, FieldErrors};
use crate::groupings::access::{EditableGrouping, GroupingBySlug, GroupingCreator};
use crate::i18n::Lang;
use crate::page::Page;
use crate::plans::{
    NodeOp, date_text, form_date, iso, may_read_plan, opt, plan_href, plan_status,
    plan_status_label, sector_label,
};
use crate::reference::Reference;
use maillage_domain::ids::{PathwayId, StaffId};

pub struct GroupingRow {
    pub href: String,
    pub name: String,
    pub kind: String,
    pub parent: Option<String>,
    pub members: usize,
    pub depth: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "groupings/list.html")]
pub struct GroupingsPage {
    p: Page,
    rows: Vec<GroupingRow>,
    can_create: bool,
}

/// Every grouping, each regional instance followed by its local groupings.
pub async fn list_groupings(
    State(state): State<AppState>,
    p: Page,
    visitor: Visitor,
) -> Result<GroupingsPage, AppError> {
    let all = repo::list(&state.store).await?;
    let mut rows = Vec::new();
    let roots: Vec<&grouping::Model> = all
        .iter()
        .filter(|g| g.parent_id.is_none_or(|p| !all.iter().any(|o| o.id == p)))
        .collect();
    let mut stack: Vec<(&grouping::Model, usize)> = roots.iter().rev().map(|g| (*g, 0)).collect();
    let mut seen = std::collections::HashSet::new();
    while let Some((g, depth)) = stack.pop() {
        if !seen.insert(g.id) {
            continue;
        }
        rows.push(GroupingRow {
            href: grouping_href(g),
            name: g.name.clone(),
            kind: kind_label(p.lang, g.kind),
            parent: g
                .parent_id
                .and_then(|pid| all.iter().find(|o| o.id == pid))
                .map(|o| o.name.clone()),
            members: usize::try_from(repo::member_count(&state.store, g.id).await?).unwrap_or(0),
            depth,
        });
        let mut kids: Vec<&grouping::Model> =
            all.iter().filter(|o| o.parent_id == Some(g.id)).collect();
        kids.reverse();
        stack.extend(kids.into_iter().map(|k| (k, depth + 1)));
    }
    Ok(GroupingsPage {
        can_create: visitor.0.as_ref().is_some_and(|u| u.principal.is_admin),
        p,
        rows,
    })
}

pub struct MemberRow {
    pub href: String,
    pub id: String,
    pub name: String,
    pub sector: String,
    pub role: String,
    pub joined: String,
    pub left: String,
    pub current: bool,
    pub representatives: Vec<String>,
}

pub struct SectorRow {
    pub label: String,
    pub count: usize,
}

pub struct PlanRow {
    pub href: String,
    pub title: String,
    pub period: String,
    pub status: String,
    pub draft: bool,
    /// The plan's progress (the roll-up of its actions), when known.
    pub percent: Option<u32>,
}

pub struct Item {
    pub id: String,
    pub name: String,
    pub detail: String,
    pub href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "groupings/show.html")]
pub struct GroupingPage {
    p: Page,
    g: grouping::Model,
    href: String,
    kind: String,
    territory: Option<String>,
    parent: Option<Item>,
    children: Vec<Item>,
    pathways: Vec<Item>,
    staff: Vec<Item>,
    fiduciary: Option<Item>,
    funders: Vec<Item>,
    members: Vec<MemberRow>,
    former: Vec<MemberRow>,
    on_date: String,
    on_date_text: String,
    sectors: Vec<SectorRow>,
    chart: String,
    plans: Vec<PlanRow>,
    can_edit: bool,
    roles: Vec<Choice>,
    organizations: Vec<String>,
    today: String,
}

#[derive(Debug, Deserialize)]
pub struct OnDate {
    #[serde(default)]
    date: String,
}

/// What a grouping's page reads from the store.
struct GroupingData {
    all: Vec<grouping::Model>,
    pathways: Vec<pathway::Model>,
    staff: Vec<grouping_staff::Model>,
    funder_ids: Vec<String>,
    briefs: HashMap<String, OrgBrief>,
    memberships: Vec<Member>,
    /// The plans the visitor may read, with their progress.
    plans: Vec<(action_plan::Model, Option<u32>)>,
    /// The directory's names, for the coordinators' member field.
    organizations: Vec<String>,
}

async fn load(
    state: &AppState,
    g: &grouping::Model,
    visitor: &Visitor,
    can_edit: bool,
) -> Result<GroupingData, AppError> {
    let conn = state.store.conn();
    let funder_ids = repo::funders(conn, g.id).await?;
    let mut brief_ids = funder_ids.clone();
    brief_ids.extend(g.fiduciary_id.clone());
    let organizations = if can_edit {
        directory_pages::organizations_with_aliases(&state.store)
            .await?
            .into_iter()
            .map(|(_, name, _)| name)
            .collect()
    } else {
        Vec::new()
    };
    Ok(GroupingData {
        all: repo::list(&state.store).await?,
        pathways: repo::pathways(conn, g.id).await?,
        staff: repo::staff(&state.store, g.id).await?,
        briefs: repo::org_briefs(conn, Some(&brief_ids)).await?,
        funder_ids,
        memberships: repo::memberships(conn, g.id).await?,
        plans: readable_plans(conn, g.id, visitor).await?,
        organizations,
    })
}

/// The grouping's plans the visitor may read (every published one, for
/// anyone), each with its progress: one outline query for all of them.
async fn readable_plans<C: sea_orm::ConnectionTrait>(
    conn: &C,
    grouping_id: uuid::Uuid,
    visitor: &Visitor,
) -> Result<Vec<(action_plan::Model, Option<u32>)>, AppError> {
    let plans: Vec<action_plan::Model> = store_plans::plans_of(conn, &[grouping_id])
        .await?
        .into_iter()
        .filter(|pl| may_read_plan(visitor, pl))
        .collect();
    let ids: Vec<uuid::Uuid> = plans.iter().map(|pl| pl.id).collect();
    let progress: HashMap<uuid::Uuid, Option<u32>> = store_plans::outlines(conn, &ids)
        .await?
        .iter()
        .map(|o| {
            (
                o.plan.id,
                crate::plans::percent(crate::plans::progress(o).plan),
            )
        })
        .collect();
    Ok(plans
        .into_iter()
        .map(|pl| {
            let pct = progress.get(&pl.id).copied().flatten();
            (pl, pct)
        })
        .collect())
}

/// The composition by sector of the active members: the rows of the table
/// and the bar chart.
fn composition(active: &[&Member], reference: &Reference, lang: Lang) -> (Vec<SectorRow>, String) {
    let order: Vec<&str> = reference.sectors.iter().map(|r| r.code.as_str()).collect();
    let counts = rules::composition(active.iter().map(|m| m.sector.as_deref()), &order);
    let bars: Vec<Bar> = counts
        .iter()
        .map(|(code, n)| Bar {
            label: sector_label(reference, lang, code.as_deref()),
            value: f64::from(u32::try_from(*n).unwrap_or(u32::MAX)),
            color: Some(charts::sector_color(code.as_deref().unwrap_or_default()).to_owned()),
        })
        .collect();
    let chart = charts::bar_chart(
        "composition",
        &lang.t("grouping-composition"),
        &bars,
        &lang.t("grouping-no-members"),
    );
    let rows = counts
        .into_iter()
        .map(|(code, count)| SectorRow {
            label: sector_label(reference, lang, code.as_deref()),
            count,
        })
        .collect();
    (rows, chart)
}

fn member_row(m: &Member, reference: &Reference, lang: Lang) -> MemberRow {
    MemberRow {
        href: organization_href(&m.organization_id),
        id: m.organization_id.clone(),
        name: m.name.clone(),
        sector: sector_label(reference, lang, m.sector.as_deref()),
        role: lang.t(m.role.label_key()),
        joined: date_text(m.joined_on, lang),
        left: date_text(m.left_on, lang),
        current: m.is_current(),
        representatives: m.representatives.clone(),
    }
}

fn grouping_item(m: &grouping::Model, lang: Lang) -> Item {
    Item {
        id: m.id.to_string(),
        name: m.name.clone(),
        detail: kind_label(lang, m.kind),
        href: grouping_href(m),
    }
}

fn org_item(briefs: &HashMap<String, OrgBrief>, id: &str) -> Item {
    Item {
        id: id.to_owned(),
        name: briefs
            .get(id)
            .map_or_else(|| id.to_owned(), |b| b.name.clone()),
        detail: String::new(),
        href: organization_href(id),
    }
}

impl GroupingPage {
    fn new(
        p: Page,
        g: grouping::Model,
        view: GroupingData,
        reference: &Reference,
        date: Option<NaiveDate>,
        can_edit: bool,
    ) -> Self {
        let lang = p.lang;
        let (active, former): (Vec<&Member>, Vec<&Member>) = view
            .memberships
            .iter()
            .partition(|m| date.map_or_else(|| m.is_current(), |d| m.active_on(d)));
        let (sectors, chart) = composition(&active, reference, lang);
        GroupingPage {
            href: grouping_href(&g),
            kind: kind_label(lang, g.kind),
            territory: reference.territory_name(g.territory.as_deref()),
            parent: g
                .parent_id
                .and_then(|pid| view.all.iter().find(|o| o.id == pid))
                .map(|m| grouping_item(m, lang)),
            children: view
                .all
                .iter()
                .filter(|o| o.parent_id == Some(g.id))
                .map(|m| grouping_item(m, lang))
                .collect(),
            pathways: view
                .pathways
                .into_iter()
                .map(|pw| Item {
                    id: pw.id.to_string(),
                    name: pw.name,
                    detail: pw.description.unwrap_or_default(),
                    href: String::new(),
                })
                .collect(),
            staff: view
                .staff
                .into_iter()
                .map(|s| Item {
                    id: s.id.to_string(),
                    name: s.name,
                    detail: s.role_title,
                    href: s.email.map(|e| format!("mailto:{e}")).unwrap_or_default(),
                })
                .collect(),
            fiduciary: g
                .fiduciary_id
                .as_deref()
                .map(|id| org_item(&view.briefs, id)),
            funders: view
                .funder_ids
                .iter()
                .map(|id| org_item(&view.briefs, id))
                .collect(),
            members: active
                .into_iter()
                .map(|m| member_row(m, reference, lang))
                .collect(),
            former: former
                .into_iter()
                .map(|m| member_row(m, reference, lang))
                .collect(),
            on_date: iso(date),
            on_date_text: date_text(date, lang),
            sectors,
            chart,
            plans: view
                .plans
                .into_iter()
                .map(|(pl, percent)| PlanRow {
                    href: plan_href(pl.id),
                    period: format!("{}–{}", pl.start_year, pl.end_year),
                    status: plan_status_label(lang, &pl),
                    draft: plan_status(&pl) == PlanStatus::Draft,
                    title: pl.title,
                    percent,
                })
                .collect(),
            can_edit,
            roles: MembershipRole::ALL
                .iter()
                .map(|r| Choice {
                    value: r.as_str().to_owned(),
                    label: lang.t(r.label_key()),
                })
                .collect(),
            organizations: view.organizations,
            today: Utc::now().date_naive().format("%Y-%m-%d").to_string(),
            g,
            p,
        }
    }
}

pub async fn show_grouping(
    State(state): State<AppState>,
    GroupingBySlug(g): GroupingBySlug,
    Query(q): Query<OnDate>,
    p: Page,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let reference = Reference::load(&state).await?;
    let date = match q.date.trim() {
        "" => None,
        d => Some(
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| AppError::BadRequest("plans-error-date"))?,
        ),
    };
    let can_edit = may_edit_grouping(&visitor, g.id);
    let view = load(&state, &g, &visitor, can_edit).await?;
    Ok(GroupingPage::new(p, g, view, &reference, date, can_edit).into_response())
}

// ---------- the grouping form ----------

#[derive(Debug, Clone, Default, Deserialize)]
pub struct GroupingForm {
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub territory: String,
    #[serde(default)]
    pub mission: String,
    #[serde(default)]
    pub vision: String,
    #[serde(default)]
    pub fiduciary: String,
    #[serde(default)]
    pub version: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "groupings/form.html")]
pub struct GroupingFormPage {
    p: Page,
    title: String,
    action: String,
    cancel: String,
    creating: bool,
    form: GroupingForm,
    errors: FieldErrors,
    kinds: Vec<Choice>,
    parents: Vec<Choice>,
    territories: Vec<Choice>,
    organizations: Vec<Choice>,
}

async fn form_page(
    state: &AppState,
    p: Page,
    current: Option<&grouping::Model>,
    form: GroupingForm,
    errors: FieldErrors,
) -> Result<GroupingFormPage, AppError> {
    let lang = p.lang;
    let reference = Reference::load(state).await?;
    let all = repo::list(&state.store).await?;
    let orgs = directory_pages::organizations_with_aliases(&state.store).await?;
    Ok(GroupingFormPage {
        title: current.map_or_else(
            || lang.t("grouping-new-title"),
            |g| p.t1("grouping-edit-title", "name", &g.name),
        ),
        action: current.map_or_else(
            || "/regroupements/nouveau".to_owned(),
            |g| format!("{}/modifier", grouping_href(g)),
        ),
        cancel: current.map_or_else(|| "/regroupements".to_owned(), grouping_href),
        creating: current.is_none(),
        form,
        errors,
        kinds: GroupingKind::ALL
            .iter()
            .map(|k| Choice {
                value: k.as_str().to_owned(),
                label: lang.t(k.label_key()),
            })
            .collect(),
        parents: all
            .iter()
            .filter(|g| current.is_none_or(|c| c.id != g.id))
            .map(|g| Choice {
                value: g.id.to_string(),
                label: g.name.clone(),
            })
            .collect(),
        territories: reference.territory_choices(),
        organizations: orgs
            .into_iter()
            .map(|(id, name, _)| Choice {
                value: id,
                label: name,
            })
            .collect(),
        p,
    })
}

pub async fn show_new_grouping(
    State(state): State<AppState>,
    _: GroupingCreator,
    p: Page,
) -> Result<GroupingFormPage, AppError> {
    let form = GroupingForm {
        kind: GroupingKind::LocalGrouping.as_str().to_owned(),
        ..GroupingForm::default()
    };
    form_page(&state, p, None, form, FieldErrors::default()).await
}

/// Checks the form; the input and the errors by field.
fn check(form: &GroupingForm, reference: &Reference, lang: Lang) -> (GroupingInput, FieldErrors) {
    let mut errors = FieldErrors::default();
    let name = form.name.trim().to_owned();
    if name.is_empty() {
        errors.push("name", lang.t("grouping-error-name"));
    }
    if form.kind.parse::<GroupingKind>().is_err() {
        errors.push("kind", lang.t("grouping-error-kind"));
    }
    let parent_id = match form.parent.trim() {
        "" => None,
        p => {
            let parsed = uuid::Uuid::parse_str(p).ok();
            if parsed.is_none() {
                errors.push("parent", lang.t("grouping-error-parent"));
            }
            parsed
        }
    };
    let territory = opt(&form.territory);
    if territory
        .as_deref()
        .is_some_and(|t| !reference.has_territory(t))
    {
        errors.push("territory", lang.t("grouping-error-territory"));
    }
    (
        GroupingInput {
            name,
            // An unknown kind is refused above; the default is never stored.
            kind: form.kind.parse().unwrap_or_default(),
            parent_id,
            territory,
            mission: opt(&form.mission),
            vision: opt(&form.vision),
            fiduciary_id: opt(&form.fiduciary),
        },
        errors,
    )
}

pub async fn create_grouping(
    State(state): State<AppState>,
    GroupingCreator(user): GroupingCreator,
    p: Page,
    ip: ClientIp,
    Form(form): Form<GroupingForm>,
) -> Result<Response, AppError> {
    let reference = Reference::load(&state).await?;
    let (input, mut errors) = check(&form, &reference, p.lang);
    let slug = maillage_domain::slug::slugify(if form.slug.trim().is_empty() {
        &form.name
    } else {
        &form.slug
    });
    if slug.is_empty() {
        errors.push("slug", p.t("grouping-error-slug"));
    } else if repo::find_by_slug(state.store.conn(), &slug)
        .await?
        .is_some()
    {
        errors.push("slug", p.t("grouping-error-slug-taken"));
    }
    if errors.is_empty() {
        // Checked above, but another request may take the slug meanwhile:
        // the store says so, and the form says it like the check does.
        match repo::create_grouping(&state.store, &actor(&user, &ip), &slug, &input).await {
            Ok(g) => {
                return Ok(
                    Redirect::to(&format!("{}?ok=flash-grouping-saved", grouping_href(&g)))
                        .into_response(),
                );
            }
            Err(StoreError::SlugTaken(_)) => errors.push("slug", p.t("grouping-error-slug-taken")),
            Err(e) => return Err(e.into()),
        }
    }
    let page = form_page(&state, p, None, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

pub async fn show_grouping_form(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, .. }: EditableGrouping,
    p: Page,
) -> Result<GroupingFormPage, AppError> {
    let form = GroupingForm {
        slug: g.slug.clone(),
        name: g.name.clone(),
        kind: g.kind.as_str().to_owned(),
        parent: g.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        territory: g.territory.clone().unwrap_or_default(),
        mission: g.mission.clone().unwrap_or_default(),
        vision: g.vision.clone().unwrap_or_default(),
        fiduciary: g.fiduciary_id.clone().unwrap_or_default(),
        version: g.version.to_string(),
    };
    form_page(&state, p, Some(&g), form, FieldErrors::default()).await
}

pub async fn update_grouping(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, user }: EditableGrouping,
    p: Page,
    ip: ClientIp,
    Form(form): Form<GroupingForm>,
) -> Result<Response, AppError> {
    let reference = Reference::load(&state).await?;
    let (input, mut errors) = check(&form, &reference, p.lang);
    if let Some(parent) = input.parent_id
        && (parent == g.id || repo::would_cycle(state.store.conn(), g.id, parent).await?)
    {
        errors.push("parent", p.t("grouping-error-cycle"));
    }
    let version: i32 = form.version.parse().unwrap_or(-1);
    if errors.is_empty() {
        match repo::update_grouping(&state.store, &actor(&user, &ip), g.id, version, &input).await {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("{}?ok=flash-grouping-saved", grouping_href(&g)))
                        .into_response(),
                );
            }
            Err(StoreError::Stale(_)) => errors.push("version", p.t("plans-error-stale")),
            Err(StoreError::GroupingCycle) => errors.push("parent", p.t("grouping-error-cycle")),
            Err(e) => return Err(e.into()),
        }
    }
    let status = if errors.has("version") {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let mut form = form;
    if errors.has("version") {
        form.version = g.version.to_string();
    }
    let page = form_page(&state, p, Some(&g), form, errors).await?;
    Ok((status, page).into_response())
}

// ---------- pathways, staff, funders, members ----------

fn back(g: &grouping::Model, anchor: &str, flash: &str) -> Response {
    let kind = if flash.starts_with("flash-error") || flash.contains("-error-") {
        "erreur"
    } else {
        "ok"
    };
    Redirect::to(&format!("{}?{kind}={flash}#{anchor}", grouping_href(g))).into_response()
}

#[derive(Debug, Deserialize)]
pub struct NameForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    role_title: String,
    #[serde(default)]
    email: String,
}

pub async fn create_pathway(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, .. }: EditableGrouping,
    Form(form): Form<NameForm>,
) -> Result<Response, AppError> {
    let name = form.name.trim();
    if name.is_empty() {
        return Ok(back(&g, "voies", "flash-error-pathway-name"));
    }
    repo::create_pathway(&state.store, g.id, name, opt(&form.description)).await?;
    Ok(back(&g, "voies", "flash-pathway-saved"))
}

pub async fn update_pathway(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, .. }: EditableGrouping,
    Id(id): Id<PathwayId>,
    Id(op): Id<NodeOp>,
    Form(form): Form<NameForm>,
) -> Result<Response, AppError> {
    let id = id.uuid();
    match op {
        NodeOp::Up | NodeOp::Down => {
            let step = op.step().unwrap_or(0);
            repo::move_pathway(&state.store, g.id, id, step).await?;
        }
        NodeOp::Delete => repo::delete_pathway(&state.store, g.id, id).await?,
        NodeOp::Edit => {
            let name = form.name.trim();
            if name.is_empty() {
                return Ok(back(&g, "voies", "flash-error-pathway-name"));
            }
            repo::update_pathway(&state.store, g.id, id, name, opt(&form.description)).await?;
        }
        NodeOp::AddStrategy => return Err(AppError::NotFound),
    }
    Ok(back(&g, "voies", "flash-pathway-saved"))
}

pub async fn create_staff(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, .. }: EditableGrouping,
    Form(form): Form<NameForm>,
) -> Result<Response, AppError> {
    let email = opt(&form.email);
    if form.name.trim().is_empty() || form.role_title.trim().is_empty() {
        return Ok(back(&g, "personnel", "flash-error-staff"));
    }
    if email
        .as_deref()
        .is_some_and(|e| maillage_domain::Email::parse(e).is_err())
    {
        return Ok(back(&g, "personnel", "flash-error-staff-email"));
    }
    repo::create_staff(
        &state.store,
        g.id,
        form.name.trim(),
        form.role_title.trim(),
        email,
    )
    .await?;
    Ok(back(&g, "personnel", "flash-staff-saved"))
}

pub async fn delete_staff(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, .. }: EditableGrouping,
    Id(id): Id<StaffId>,
) -> Result<Response, AppError> {
    repo::delete_staff(&state.store, g.id, id.uuid()).await?;
    Ok(back(&g, "personnel", "flash-staff-saved"))
}

/// The organization a typed name designates, by the directory's matcher:
/// `Err` carries the flash key of the reason.
pub async fn resolve_organization(state: &AppState, typed: &str) -> Result<String, &'static str> {
    let orgs = directory_pages::organizations_with_aliases(&state.store)
        .await
        .map_err(|_| "flash-error-organization-unknown")?;
    if let Some((id, _, _)) = orgs
        .iter()
        .find(|(id, name, _)| name == typed.trim() || id == typed.trim())
    {
        return Ok(id.clone());
    }
    let matcher =
        Matcher::new(
            orgs.into_iter()
                .map(|(id, name, aliases)| Candidate { id, name, aliases }),
        );
    match matcher.find(typed) {
        Match::Exact { id } | Match::Alias { id } | Match::Fuzzy { id, .. } => Ok(id),
        Match::Ambiguous { .. } => Err("flash-error-organization-ambiguous"),
        Match::NoMatch => Err("flash-error-organization-unknown"),
    }
}

#[derive(Debug, Deserialize)]
pub struct MembershipForm {
    #[serde(default)]
    organization: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    joined_on: String,
    #[serde(default)]
    left_on: String,
    #[serde(default)]
    representatives: String,
}

pub async fn update_membership(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, user }: EditableGrouping,
    ip: ClientIp,
    Form(form): Form<MembershipForm>,
) -> Result<Response, AppError> {
    let org = match resolve_organization(&state, &form.organization).await {
        Ok(id) => id,
        Err(key) => return Ok(back(&g, "membres", key)),
    };
    let Ok(role) = form.role.parse::<MembershipRole>() else {
        return Ok(back(&g, "membres", "flash-error-membership-role"));
    };
    let Ok(joined_on) = form_date(&form.joined_on) else {
        return Ok(back(&g, "membres", "flash-error-membership-date"));
    };
    let input = MembershipInput {
        role: role.as_str().to_owned(),
        joined_on,
        representatives: form
            .representatives
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
    };
    repo::save_membership(&state.store, &actor(&user, &ip), g.id, &org, &input).await?;
    if role == MembershipRole::Fiduciary && g.fiduciary_id.as_deref() != Some(org.as_str()) {
        let input = GroupingInput {
            name: g.name.clone(),
            kind: g.kind.into(),
            parent_id: g.parent_id,
            territory: g.territory.clone(),
            mission: g.mission.clone(),
            vision: g.vision.clone(),
            fiduciary_id: Some(org),
        };
        repo::update_grouping(&state.store, &actor(&user, &ip), g.id, g.version, &input).await?;
    }
    Ok(back(&g, "membres", "flash-membership-saved"))
}

pub async fn delete_membership(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, user }: EditableGrouping,
    Id(OrganizationKey(org)): Id<OrganizationKey>,
    ip: ClientIp,
    Form(form): Form<MembershipForm>,
) -> Result<Response, AppError> {
    let left_on = match form_date(&form.left_on) {
        Ok(Some(d)) => d,
        Ok(None) => Utc::now().date_naive(),
        Err(()) => return Ok(back(&g, "membres", "flash-error-membership-date")),
    };
    match repo::end_membership(&state.store, &actor(&user, &ip), g.id, &org, left_on).await {
        Ok(()) => Ok(back(&g, "membres", "flash-membership-ended")),
        Err(StoreError::Invalid(_)) => {
            Ok(back(&g, "membres", "flash-error-membership-left-before"))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Debug, Deserialize)]
pub struct FunderForm {
    #[serde(default)]
    organization: String,
}

pub async fn create_funder(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, .. }: EditableGrouping,
    Form(form): Form<FunderForm>,
) -> Result<Response, AppError> {
    match resolve_organization(&state, &form.organization).await {
        Ok(id) => {
            repo::add_funder(&state.store, g.id, &id).await?;
            Ok(back(&g, "bailleurs", "flash-funder-saved"))
        }
        Err(key) => Ok(back(&g, "bailleurs", key)),
    }
}

pub async fn delete_funder(
    State(state): State<AppState>,
    EditableGrouping { grouping: g, .. }: EditableGrouping,
    Id(OrganizationKey(org)): Id<OrganizationKey>,
) -> Result<Response, AppError> {
    repo::remove_funder(&state.store, g.id, &org).await?;
    Ok(back(&g, "bailleurs", "flash-funder-saved"))
}
