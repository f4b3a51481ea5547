//! The demo's concertation work (`demo/plans.json`), drawn from the seed
//! documents: what each grouping covers and aims at, its pathways (*voies
//! d'action*), staff, funders and dated memberships, and its action plans
//! with orientations, strategies, actions (and sub-tasks), indicators and
//! measurements.
//!
//! Loading is idempotent: a plan is skipped when its grouping already has a
//! plan of the same title, pathways and staff are matched by name, grouping
//! fields are filled only when empty and a membership is changed only while
//! it is still as the territory demo created it (a plain member, no dates).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use uuid::Uuid;

use crate::StoreError;
use crate::demo::organization_id_by_name;
use crate::entity::{action_plan, grouping, grouping_staff, membership, strategy};
use crate::repo::change_log::{self, Op};
use crate::repo::groupings::{self, MembershipInput};
use crate::repo::plans::{self, ActionInput, IndicatorInput, IndicatorOf, MeasurementInput};

const PLANS_JSON: &str = include_str!("../demo/plans.json");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoPlans {
    pub groupings: Vec<DemoGroupingWork>,
}

/// What the demo adds to a grouping of `territory.json` (found by slug).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoGroupingWork {
    pub slug: String,
    /// Slug of a territory of `territory.json`.
    pub territory: Option<String>,
    pub mission: Option<String>,
    pub vision: Option<String>,
    /// Name of the fiduciary organization.
    pub fiduciary: Option<String>,
    #[serde(default)]
    pub pathways: Vec<DemoPathway>,
    #[serde(default)]
    pub staff: Vec<DemoStaff>,
    /// Names of the funding organizations.
    #[serde(default)]
    pub funders: Vec<String>,
    #[serde(default)]
    pub memberships: Vec<DemoMembership>,
    #[serde(default)]
    pub plans: Vec<DemoPlan>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoPathway {
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoStaff {
    pub name: String,
    pub role_title: String,
    pub email: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoMembership {
    pub organization: String,
    /// `member`, `lead`, `fiduciary` or `observer`.
    pub role: String,
    pub joined_on: Option<NaiveDate>,
    /// A former member: the row stays, so the composition history shows.
    pub left_on: Option<NaiveDate>,
    #[serde(default)]
    pub representatives: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoPlan {
    pub title: String,
    pub description: Option<String>,
    pub start_year: i32,
    pub end_year: i32,
    /// `draft` or `published`.
    pub status: String,
    /// `equal`, `custom` or `budget`.
    pub weighting: String,
    pub orientations: Vec<DemoOrientation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoOrientation {
    pub title: String,
    pub year_label: Option<String>,
    pub strategies: Vec<DemoStrategy>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoStrategy {
    pub title: String,
    #[serde(default)]
    pub indicators: Vec<DemoIndicator>,
    #[serde(default)]
    pub actions: Vec<DemoAction>,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoAction {
    pub title: String,
    pub description: Option<String>,
    pub audience: Option<String>,
    pub start_on: Option<NaiveDate>,
    pub end_on: Option<NaiveDate>,
    /// An `ActionStatus` code.
    pub status: String,
    pub budget: Option<f64>,
    #[serde(default)]
    pub documents: Vec<String>,
    /// Names of organizations.
    #[serde(default)]
    pub leads: Vec<String>,
    #[serde(default)]
    pub partners: Vec<String>,
    /// Names of pathways of the grouping.
    #[serde(default)]
    pub pathways: Vec<String>,
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default)]
    pub indicators: Vec<DemoIndicator>,
    /// Sub-tasks.
    #[serde(default)]
    pub children: Vec<DemoAction>,
}

impl DemoAction {
    /// This action and its sub-tasks, depth first.
    pub fn walk(&self) -> Vec<&DemoAction> {
        let mut out = vec![self];
        for c in &self.children {
            out.extend(c.walk());
        }
        out
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoIndicator {
    pub name: String,
    pub unit: String,
    pub baseline_value: Option<f64>,
    pub baseline_on: Option<NaiveDate>,
    pub target_value: f64,
    pub target_on: Option<NaiveDate>,
    #[serde(default = "one")]
    pub weight: f64,
    #[serde(default)]
    pub measurements: Vec<DemoMeasurement>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoMeasurement {
    pub value: f64,
    pub measured_on: NaiveDate,
    pub source: Option<String>,
    pub comment: Option<String>,
}

impl DemoPlan {
    /// Every action and sub-task of the plan, in outline order.
    pub fn actions(&self) -> Vec<&DemoAction> {
        self.orientations
            .iter()
            .flat_map(|o| o.strategies.iter())
            .flat_map(|s| s.actions.iter())
            .flat_map(DemoAction::walk)
            .collect()
    }

    /// Every indicator of the plan (of strategies and of actions).
    pub fn indicators(&self) -> Vec<&DemoIndicator> {
        let of_strategies = self
            .orientations
            .iter()
            .flat_map(|o| o.strategies.iter())
            .flat_map(|s| s.indicators.iter());
        let of_actions = self.actions().into_iter().flat_map(|a| a.indicators.iter());
        of_strategies.chain(of_actions).collect()
    }
}

pub fn plans() -> DemoPlans {
    serde_json::from_str(PLANS_JSON).expect("demo/plans.json is valid (tested)")
}

/// Organization ids by name, looked up once each.
#[derive(Default)]
struct Orgs(HashMap<String, String>);

impl Orgs {
    async fn id(&mut self, txn: &DatabaseTransaction, name: &str) -> Result<String, StoreError> {
        if let Some(id) = self.0.get(name) {
            return Ok(id.clone());
        }
        let id = organization_id_by_name(txn, name)
            .await?
            .ok_or_else(|| StoreError::Invalid(format!("demo organization `{name}` is unknown")))?;
        self.0.insert(name.to_owned(), id.clone());
        Ok(id)
    }

    async fn ids(
        &mut self,
        txn: &DatabaseTransaction,
        names: &[String],
    ) -> Result<Vec<String>, StoreError> {
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            out.push(self.id(txn, name).await?);
        }
        Ok(out)
    }
}

/// Loads the demo's plans and what the groupings need around them; the
/// groupings and organizations of `territory.json` must be loaded first.
pub(crate) async fn load(txn: &DatabaseTransaction) -> Result<(), StoreError> {
    let demo = plans();
    let mut orgs = Orgs::default();
    for work in &demo.groupings {
        let model = groupings::find_by_slug(txn, &work.slug)
            .await?
            .ok_or_else(|| {
                StoreError::Invalid(format!("demo grouping `{}` is unknown", work.slug))
            })?;
        let grouping_id = model.id;
        describe(txn, model, work, &mut orgs).await?;
        let pathway_ids = ensure_pathways(txn, grouping_id, &work.pathways).await?;
        ensure_staff(txn, grouping_id, &work.staff).await?;
        for funder in &work.funders {
            let id = orgs.id(txn, funder).await?;
            groupings::add_funder_in(txn, grouping_id, &id).await?;
        }
        for m in &work.memberships {
            let id = orgs.id(txn, &m.organization).await?;
            ensure_membership(txn, grouping_id, &id, m).await?;
        }
        let existing = plans::plans_of(txn, &[grouping_id]).await?;
        for plan in &work.plans {
            if existing.iter().any(|p| p.title == plan.title) {
                continue;
            }
            create_plan(txn, grouping_id, plan, &pathway_ids, &mut orgs).await?;
        }
    }
    Ok(())
}

/// Fills the territory, mission, vision and fiduciary of the grouping where
/// they are still empty.
async fn describe(
    txn: &DatabaseTransaction,
    model: grouping::Model,
    work: &DemoGroupingWork,
    orgs: &mut Orgs,
) -> Result<(), StoreError> {
    let fiduciary = match &work.fiduciary {
        Some(name) => Some(orgs.id(txn, name).await?),
        None => None,
    };
    let fill = |current: &Option<String>, wanted: &Option<String>| -> Option<Option<String>> {
        (current.is_none() && wanted.is_some()).then(|| wanted.clone())
    };
    let territory = fill(&model.territory, &work.territory);
    let mission = fill(&model.mission, &work.mission);
    let vision = fill(&model.vision, &work.vision);
    let fiduciary = fill(&model.fiduciary_id, &fiduciary);
    if territory.is_none() && mission.is_none() && vision.is_none() && fiduciary.is_none() {
        return Ok(());
    }
    let id = model.id;
    let version = model.version;
    let mut active: grouping::ActiveModel = model.into();
    if let Some(v) = territory {
        active.territory = Set(v);
    }
    if let Some(v) = mission {
        active.mission = Set(v);
    }
    if let Some(v) = vision {
        active.vision = Set(v);
    }
    if let Some(v) = fiduciary {
        active.fiduciary_id = Set(v);
    }
    active.version = Set(version + 1);
    active.updated_at = Set(Utc::now());
    active.update(txn).await?;
    change_log::append(txn, "groupings", &id.to_string(), Op::Update, Some(id)).await?;
    Ok(())
}

/// Creates the pathways missing by name (in the file's order after those
/// that exist); returns the ids of all the grouping's pathways by name.
async fn ensure_pathways(
    txn: &DatabaseTransaction,
    grouping_id: Uuid,
    wanted: &[DemoPathway],
) -> Result<HashMap<String, Uuid>, StoreError> {
    let mut ids: HashMap<String, Uuid> = groupings::pathways(txn, grouping_id)
        .await?
        .into_iter()
        .map(|p| (p.name, p.id))
        .collect();
    for p in wanted {
        if !ids.contains_key(&p.name) {
            let created =
                groupings::create_pathway_in(txn, grouping_id, &p.name, p.description.clone())
                    .await?;
            ids.insert(created.name, created.id);
        }
    }
    Ok(ids)
}

async fn ensure_staff(
    txn: &DatabaseTransaction,
    grouping_id: Uuid,
    wanted: &[DemoStaff],
) -> Result<(), StoreError> {
    let existing: Vec<String> = grouping_staff::Entity::find()
        .filter(grouping_staff::Column::GroupingId.eq(grouping_id))
        .all(txn)
        .await?
        .into_iter()
        .map(|s| s.name)
        .collect();
    for s in wanted {
        if !existing.contains(&s.name) {
            groupings::create_staff_in(txn, grouping_id, &s.name, &s.role_title, s.email.clone())
                .await?;
        }
    }
    Ok(())
}

/// Adds the membership, or gives a membership the territory demo created (a
/// plain member without dates nor representatives) its role and dates; a
/// membership anyone has edited since, or that has ended, is left alone.
async fn ensure_membership(
    txn: &DatabaseTransaction,
    grouping_id: Uuid,
    organization_id: &str,
    wanted: &DemoMembership,
) -> Result<(), StoreError> {
    let existing = membership::Entity::find_by_id((grouping_id, organization_id.to_owned()))
        .one(txn)
        .await?;
    let untouched = |m: &membership::Model| {
        m.role == membership::Role::Member
            && m.joined_on.is_none()
            && m.left_on.is_none()
            && m.representatives.is_none()
    };
    let overwrite = match &existing {
        None => false,
        Some(m) if untouched(m) => true,
        Some(_) => return Ok(()),
    };
    let input = MembershipInput {
        role: wanted.role.clone(),
        joined_on: wanted.joined_on,
        representatives: wanted.representatives.clone(),
    };
    groupings::set_membership(txn, grouping_id, organization_id, &input, overwrite).await?;
    if let Some(left_on) = wanted.left_on
        && let Some(row) = membership::Entity::find_by_id((grouping_id, organization_id.to_owned()))
            .one(txn)
            .await?
    {
        let mut active: membership::ActiveModel = row.into();
        active.left_on = Set(Some(left_on));
        active.update(txn).await?;
    }
    Ok(())
}

async fn create_plan(
    txn: &DatabaseTransaction,
    grouping_id: Uuid,
    plan: &DemoPlan,
    pathway_ids: &HashMap<String, Uuid>,
    orgs: &mut Orgs,
) -> Result<(), StoreError> {
    let now = Utc::now();
    let model = action_plan::ActiveModel {
        id: Set(Uuid::new_v4()),
        grouping_id: Set(grouping_id),
        title: Set(plan.title.clone()),
        description: Set(plan.description.clone()),
        start_year: Set(plan.start_year),
        end_year: Set(plan.end_year),
        status: Set(plan
            .status
            .parse::<maillage_domain::plans::PlanStatus>()
            .map_err(|e| StoreError::Invalid(e.to_string()))?
            .into()),
        weighting: Set(plan
            .weighting
            .parse::<maillage_domain::plans::Weighting>()
            .map_err(|e| StoreError::Invalid(e.to_string()))?
            .into()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(txn)
    .await?;
    for o in &plan.orientations {
        let orientation =
            plans::create_orientation(txn, model.id, &o.title, o.year_label.clone()).await?;
        for s in &o.strategies {
            let strategy = plans::create_strategy(txn, &orientation, &s.title).await?;
            for i in &s.indicators {
                create_indicator(txn, model.id, IndicatorOf::Strategy(strategy.id), i).await?;
            }
            create_actions(txn, &strategy, grouping_id, &s.actions, pathway_ids, orgs).await?;
        }
    }
    Ok(())
}

/// Creates the actions of a strategy and their sub-tasks, each level in
/// the file's order.
async fn create_actions(
    txn: &DatabaseTransaction,
    strategy: &strategy::Model,
    grouping_id: Uuid,
    actions: &[DemoAction],
    pathway_ids: &HashMap<String, Uuid>,
    orgs: &mut Orgs,
) -> Result<(), StoreError> {
    let mut stack: Vec<(&DemoAction, Option<Uuid>)> =
        actions.iter().rev().map(|a| (a, None)).collect();
    while let Some((a, parent)) = stack.pop() {
        let pathways = a
            .pathways
            .iter()
            .map(|name| {
                pathway_ids.get(name).copied().ok_or_else(|| {
                    StoreError::Invalid(format!(
                        "demo pathway `{name}` of `{}` is unknown",
                        a.title
                    ))
                })
            })
            .collect::<Result<Vec<Uuid>, StoreError>>()?;
        let input = ActionInput {
            title: a.title.clone(),
            description: a.description.clone(),
            audience: a.audience.clone(),
            start_on: a.start_on,
            end_on: a.end_on,
            status: a.status.clone(),
            budget: a.budget,
            documents: a.documents.clone(),
            leads: orgs.ids(txn, &a.leads).await?,
            partners: orgs.ids(txn, &a.partners).await?,
            pathways,
            weight: a.weight,
        };
        let created = plans::create_action_in(txn, strategy, grouping_id, parent, &input).await?;
        for i in &a.indicators {
            create_indicator(txn, strategy.plan_id, IndicatorOf::Action(created.id), i).await?;
        }
        stack.extend(a.children.iter().rev().map(|c| (c, Some(created.id))));
    }
    Ok(())
}

async fn create_indicator(
    txn: &DatabaseTransaction,
    plan_id: Uuid,
    of: IndicatorOf,
    i: &DemoIndicator,
) -> Result<(), StoreError> {
    let model = plans::create_indicator(
        txn,
        plan_id,
        of,
        &IndicatorInput {
            name: i.name.clone(),
            unit: i.unit.clone(),
            baseline_value: i.baseline_value,
            baseline_on: i.baseline_on,
            target_value: i.target_value,
            target_on: i.target_on,
            weight: i.weight,
        },
    )
    .await?;
    for m in &i.measurements {
        plans::add_measurement(
            txn,
            model.id,
            &MeasurementInput {
                value: m.value,
                measured_on: m.measured_on,
                source: m.source.clone(),
                comment: m.comment.clone(),
            },
            None,
        )
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::str::FromStr;

    use chrono::Datelike;
    use maillage_domain::plans::{ActionStatus, MembershipRole, PlanStatus};
    use sea_orm::{EntityTrait, PaginatorTrait};

    use super::*;
    use crate::demo::{sector_code, territory};
    use crate::entity::{action, indicator, measurement, organization, pathway};

    fn check_action(
        a: &DemoAction,
        plan: &DemoPlan,
        orgs: &HashSet<&str>,
        pathways: &HashSet<&str>,
    ) {
        assert!(
            ActionStatus::from_str(&a.status).is_ok_and(|s| s.as_str() == a.status),
            "status {} of {}",
            a.status,
            a.title
        );
        for o in a.leads.iter().chain(&a.partners) {
            assert!(
                orgs.contains(o.as_str()),
                "{o} of {} is not an organization",
                a.title
            );
        }
        assert!(!a.leads.is_empty(), "{} has no lead", a.title);
        for p in &a.pathways {
            assert!(pathways.contains(p.as_str()), "pathway {p} of {}", a.title);
        }
        for d in [a.start_on, a.end_on].into_iter().flatten() {
            assert!(
                (plan.start_year..=plan.end_year).contains(&d.year()),
                "{d} of {} outside {}",
                a.title,
                plan.title
            );
        }
        if let (Some(from), Some(to)) = (a.start_on, a.end_on) {
            assert!(from <= to, "dates of {}", a.title);
        }
    }

    fn check_indicator(i: &DemoIndicator) {
        let input = maillage_domain::plans::IndicatorInput {
            name: i.name.clone(),
            unit: i.unit.clone(),
            baseline_value: i.baseline_value,
            baseline_on: i.baseline_on,
            target_value: Some(i.target_value),
            target_on: i.target_on,
        };
        assert!(
            maillage_domain::plans::validate_indicator(&input).is_empty(),
            "indicator {}",
            i.name
        );
        let mut last = None;
        for m in &i.measurements {
            assert!(
                last.is_none_or(|l| l <= m.measured_on),
                "order of {}",
                i.name
            );
            last = Some(m.measured_on);
        }
    }

    #[test]
    fn demo_plans_file_is_consistent() {
        let demo = plans();
        let base = territory();
        let orgs: HashSet<&str> = base.organizations.iter().map(|o| o.name.as_str()).collect();
        let slugs: HashSet<&str> = base.groupings.iter().map(|g| g.slug.as_str()).collect();
        let territories: HashSet<&str> = base.territories.iter().map(|t| t.slug.as_str()).collect();
        for g in &demo.groupings {
            assert!(slugs.contains(g.slug.as_str()), "grouping {}", g.slug);
            if let Some(t) = &g.territory {
                assert!(
                    territories.contains(t.as_str()),
                    "territory {t} of {}",
                    g.slug
                );
            }
            for name in g.fiduciary.iter().chain(&g.funders) {
                assert!(orgs.contains(name.as_str()), "{name} of {}", g.slug);
            }
            for m in &g.memberships {
                assert!(
                    orgs.contains(m.organization.as_str()),
                    "member {}",
                    m.organization
                );
                assert!(
                    MembershipRole::from_str(&m.role).is_ok_and(|r| r.as_str() == m.role),
                    "role {}",
                    m.role
                );
                if let (Some(from), Some(to)) = (m.joined_on, m.left_on) {
                    assert!(from < to, "membership of {}", m.organization);
                }
            }
            let pathways: HashSet<&str> = g.pathways.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(pathways.len(), g.pathways.len(), "pathways of {}", g.slug);
            for plan in &g.plans {
                assert!(
                    PlanStatus::from_str(&plan.status).is_ok_and(|s| s.as_str() == plan.status),
                    "status of {}",
                    plan.title
                );
                assert!(["equal", "custom", "budget"].contains(&plan.weighting.as_str()));
                assert!(
                    maillage_domain::plans::validate_period(plan.start_year, plan.end_year).is_ok()
                );
                for a in plan.actions() {
                    check_action(a, plan, &orgs, &pathways);
                }
                for i in plan.indicators() {
                    check_indicator(i);
                }
            }
        }
    }

    /// The regional plan leaves gaps for the coverage portrait to show: a
    /// pathway no action serves, and sectors absent from some pathways.
    #[test]
    fn the_regional_plan_has_coverage_gaps_and_varied_statuses() {
        let demo = plans();
        let base = territory();
        let sector_of: HashMap<&str, &str> = base
            .organizations
            .iter()
            .map(|o| (o.name.as_str(), o.sector.as_str()))
            .collect();
        let work = demo
            .groupings
            .iter()
            .find(|g| g.slug == "mobilisation-famille-slsj")
            .unwrap();
        let plan = &work.plans[0];
        let actions = plan.actions();
        let covered: Vec<maillage_domain::plans::CoverageAction> = actions
            .iter()
            .map(|a| maillage_domain::plans::CoverageAction {
                id: a.title.clone(),
                pathways: a.pathways.clone(),
                sectors: a
                    .leads
                    .iter()
                    .chain(&a.partners)
                    .map(|o| sector_of[o.as_str()].to_owned())
                    .collect(),
            })
            .collect();
        let pathways: Vec<String> = work.pathways.iter().map(|p| p.name.clone()).collect();
        let mut sectors: Vec<String> = sector_of.values().map(|s| (*s).to_owned()).collect();
        sectors.sort();
        sectors.dedup();
        assert!(sectors.iter().all(|s| sector_code(s).is_some()));
        let c = maillage_domain::plans::coverage(&covered, &pathways, &sectors);
        assert_eq!(c.empty_pathways.len(), 1, "{:?}", c.empty_pathways);
        assert!(c.sector_counts.iter().filter(|(_, n)| *n > 0).count() >= 5);
        assert!(c.pathway_counts.iter().any(|(_, n)| *n >= 3));
        assert!(c.intersectoral > 0 && c.sectoral > 0);
        let statuses: HashSet<&str> = actions.iter().map(|a| a.status.as_str()).collect();
        for s in ["realisee", "en_cours", "a_venir", "abandonnee"] {
            assert!(statuses.contains(s), "no {s} action");
        }
        assert_eq!(plan.orientations.len(), 6);
        let indicators = plan.indicators();
        assert!((6..=8).contains(&indicators.len()));
        assert!(indicators.iter().any(|i| i.measurements.is_empty()));
    }

    async fn counts(store: &crate::Store) -> Vec<u64> {
        let conn = store.conn();
        vec![
            action_plan::Entity::find().count(conn).await.unwrap(),
            action::Entity::find().count(conn).await.unwrap(),
            indicator::Entity::find().count(conn).await.unwrap(),
            measurement::Entity::find().count(conn).await.unwrap(),
            pathway::Entity::find().count(conn).await.unwrap(),
            grouping_staff::Entity::find().count(conn).await.unwrap(),
            membership::Entity::find().count(conn).await.unwrap(),
            organization::Entity::find().count(conn).await.unwrap(),
        ]
    }

    #[tokio::test]
    async fn loading_the_demo_twice_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::open_and_migrate(&crate::default_database_url(dir.path()))
            .await
            .unwrap();
        crate::demo::load(&store).await.unwrap();
        let first = counts(&store).await;
        assert_eq!(first[0], 4, "plans");
        let slsj = groupings::find_by_slug(store.conn(), "mobilisation-famille-slsj")
            .await
            .unwrap()
            .unwrap();
        let memberships_before = groupings::memberships(store.conn(), slsj.id).await.unwrap();
        crate::demo::load(&store).await.unwrap();
        assert_eq!(counts(&store).await, first);
        assert_eq!(
            groupings::memberships(store.conn(), slsj.id).await.unwrap(),
            memberships_before
        );

        assert_eq!(slsj.territory.as_deref(), Some("saguenay-lac-saint-jean"));
        let names: Vec<String> = groupings::pathways(store.conn(), slsj.id)
            .await
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names.len(), 4);
        assert!(names[0].starts_with("La valorisation"));

        let commun = groupings::find_by_slug(store.conn(), "commun-enfant-jonquiere")
            .await
            .unwrap()
            .unwrap();
        let transit =
            organization_id_by_name(store.conn(), "Centre d'intervention familiale Le Transit")
                .await
                .unwrap();
        assert_eq!(commun.fiduciary_id, transit);
        let members = groupings::memberships(store.conn(), commun.id)
            .await
            .unwrap();
        assert!(members.iter().any(|m| m.role.as_str() == "fiduciary"));

        let becancour =
            groupings::find_by_slug(store.conn(), "groupement-partenaires-0-5-becancour")
                .await
                .unwrap()
                .unwrap();
        let members = groupings::memberships(store.conn(), becancour.id)
            .await
            .unwrap();
        assert_eq!(members.iter().filter(|m| !m.is_current()).count(), 1);
        assert_eq!(
            members.iter().filter(|m| m.role.as_str() == "lead").count(),
            1
        );
        assert!(members.iter().all(|m| m.joined_on.is_some()));
        let plans = plans::plans_of(store.conn(), &[becancour.id])
            .await
            .unwrap();
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].status.as_str(), "draft");

        let outline = plans::outline(
            store.conn(),
            plans::plans_of(store.conn(), &[slsj.id]).await.unwrap()[0].id,
        )
        .await
        .unwrap();
        let trousse = outline
            .actions()
            .into_iter()
            .find(|a| a.model.title.starts_with("Trousse"))
            .unwrap();
        assert_eq!(trousse.children.len(), 5);
        assert_eq!(trousse.children[0].model.position, 0);
        assert!(trousse.children[0].model.title.starts_with("Thème 1"));
        store.close().await;
    }
}
