//! Groupings in full (territory, mission, pathways, staff, funders, dated
//! memberships with roles and representatives) and their multi-year action
//! plans: orientations → strategies → actions (and sub-tasks), with
//! indicators and their measurements.
//!
//! Large tables carry `grouping_id` as a tenant key (a distributed
//! PostgreSQL can shard on it).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    date_null, double, double_null, integer, string, string_null, text, text_null,
    timestamp_with_time_zone, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Groupings {
    Table,
    Id,
    Territory,
    Mission,
    Vision,
    FiduciaryId,
    Version,
}

#[derive(DeriveIden)]
enum Memberships {
    Table,
    Role,
    JoinedOn,
    LeftOn,
    Representatives,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum GroupingFunders {
    Table,
    GroupingId,
    OrganizationId,
}

#[derive(DeriveIden)]
enum Pathways {
    Table,
    Id,
    GroupingId,
    Name,
    Description,
    Position,
}

#[derive(DeriveIden)]
enum GroupingStaff {
    Table,
    Id,
    GroupingId,
    Name,
    RoleTitle,
    Email,
    Position,
}

#[derive(DeriveIden)]
enum ActionPlans {
    Table,
    Id,
    GroupingId,
    Title,
    Description,
    StartYear,
    EndYear,
    Status,
    Weighting,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Orientations {
    Table,
    Id,
    PlanId,
    Title,
    YearLabel,
    Position,
    Weight,
}

#[derive(DeriveIden)]
enum Strategies {
    Table,
    Id,
    PlanId,
    OrientationId,
    Title,
    Position,
    Weight,
}

#[derive(DeriveIden)]
enum Actions {
    Table,
    Id,
    PlanId,
    GroupingId,
    StrategyId,
    ParentId,
    Title,
    Description,
    Audience,
    StartOn,
    EndOn,
    Status,
    Budget,
    Documents,
    Position,
    Weight,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ActionOrganizations {
    Table,
    ActionId,
    OrganizationId,
    Role,
}

#[derive(DeriveIden)]
enum ActionPathways {
    Table,
    ActionId,
    PathwayId,
}

#[derive(DeriveIden)]
enum Indicators {
    Table,
    Id,
    PlanId,
    StrategyId,
    ActionId,
    Name,
    Unit,
    BaselineValue,
    BaselineOn,
    TargetValue,
    TargetOn,
    Weight,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Measurements {
    Table,
    Id,
    IndicatorId,
    Value,
    MeasuredOn,
    Source,
    Comment,
    CreatedAt,
    CreatedBy,
}

fn cascade(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: &'static str,
    cols: &[&'static str],
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(Alias::new(table));
    for c in cols {
        stmt.col(Alias::new(*c));
    }
    m.create_index(stmt).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    #[expect(
        clippy::too_many_lines,
        reason = "a migration is one schema step, applied once and never edited: its `up` reads as the list of the columns and tables it adds (groupings in full, action plans, orientations, strategies, actions, indicators, measurements), in order"
    )]
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [
            string_null(Groupings::Territory),
            text_null(Groupings::Mission),
            text_null(Groupings::Vision),
            string_null(Groupings::FiduciaryId),
            integer(Groupings::Version).default(1).to_owned(),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(Groupings::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }
        for col in [
            string(Memberships::Role).default("member").to_owned(),
            date_null(Memberships::JoinedOn),
            date_null(Memberships::LeftOn),
            text_null(Memberships::Representatives),
        ] {
            let mut col = col;
            m.alter_table(
                Table::alter()
                    .table(Memberships::Table)
                    .add_column(&mut col)
                    .to_owned(),
            )
            .await?;
        }

        m.create_table(
            Table::create()
                .table(GroupingFunders::Table)
                .col(uuid(GroupingFunders::GroupingId))
                .col(string(GroupingFunders::OrganizationId))
                .primary_key(
                    Index::create()
                        .col(GroupingFunders::GroupingId)
                        .col(GroupingFunders::OrganizationId),
                )
                .foreign_key(&mut cascade(
                    "fk_grouping_funders_grouping",
                    (GroupingFunders::Table, GroupingFunders::GroupingId),
                    (Groupings::Table, Groupings::Id),
                ))
                .foreign_key(&mut cascade(
                    "fk_grouping_funders_organization",
                    (GroupingFunders::Table, GroupingFunders::OrganizationId),
                    (Organizations::Table, Organizations::Id),
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Pathways::Table)
                .col(uuid(Pathways::Id).primary_key())
                .col(uuid(Pathways::GroupingId))
                .col(string(Pathways::Name))
                .col(text_null(Pathways::Description))
                .col(integer(Pathways::Position))
                .foreign_key(&mut cascade(
                    "fk_pathways_grouping",
                    (Pathways::Table, Pathways::GroupingId),
                    (Groupings::Table, Groupings::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ix_pathways_grouping", "pathways", &["grouping_id"]).await?;

        m.create_table(
            Table::create()
                .table(GroupingStaff::Table)
                .col(uuid(GroupingStaff::Id).primary_key())
                .col(uuid(GroupingStaff::GroupingId))
                .col(string(GroupingStaff::Name))
                .col(string(GroupingStaff::RoleTitle))
                .col(string_null(GroupingStaff::Email))
                .col(integer(GroupingStaff::Position))
                .foreign_key(&mut cascade(
                    "fk_grouping_staff_grouping",
                    (GroupingStaff::Table, GroupingStaff::GroupingId),
                    (Groupings::Table, Groupings::Id),
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ActionPlans::Table)
                .col(uuid(ActionPlans::Id).primary_key())
                .col(uuid(ActionPlans::GroupingId))
                .col(string(ActionPlans::Title))
                .col(text_null(ActionPlans::Description))
                .col(integer(ActionPlans::StartYear))
                .col(integer(ActionPlans::EndYear))
                .col(string(ActionPlans::Status))
                .col(string(ActionPlans::Weighting))
                .col(integer(ActionPlans::Version))
                .col(timestamp_with_time_zone(ActionPlans::CreatedAt))
                .col(timestamp_with_time_zone(ActionPlans::UpdatedAt))
                .foreign_key(&mut cascade(
                    "fk_action_plans_grouping",
                    (ActionPlans::Table, ActionPlans::GroupingId),
                    (Groupings::Table, Groupings::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_action_plans_grouping",
            "action_plans",
            &["grouping_id"],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Orientations::Table)
                .col(uuid(Orientations::Id).primary_key())
                .col(uuid(Orientations::PlanId))
                .col(text(Orientations::Title))
                .col(string_null(Orientations::YearLabel))
                .col(integer(Orientations::Position))
                .col(double(Orientations::Weight))
                .foreign_key(&mut cascade(
                    "fk_orientations_plan",
                    (Orientations::Table, Orientations::PlanId),
                    (ActionPlans::Table, ActionPlans::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ix_orientations_plan", "orientations", &["plan_id"]).await?;

        m.create_table(
            Table::create()
                .table(Strategies::Table)
                .col(uuid(Strategies::Id).primary_key())
                .col(uuid(Strategies::PlanId))
                .col(uuid(Strategies::OrientationId))
                .col(text(Strategies::Title))
                .col(integer(Strategies::Position))
                .col(double(Strategies::Weight))
                .foreign_key(&mut cascade(
                    "fk_strategies_orientation",
                    (Strategies::Table, Strategies::OrientationId),
                    (Orientations::Table, Orientations::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ix_strategies_plan", "strategies", &["plan_id"]).await?;

        m.create_table(
            Table::create()
                .table(Actions::Table)
                .col(uuid(Actions::Id).primary_key())
                .col(uuid(Actions::PlanId))
                .col(uuid(Actions::GroupingId))
                .col(uuid(Actions::StrategyId))
                .col(uuid_null(Actions::ParentId))
                .col(text(Actions::Title))
                .col(text_null(Actions::Description))
                .col(string_null(Actions::Audience))
                .col(date_null(Actions::StartOn))
                .col(date_null(Actions::EndOn))
                .col(string(Actions::Status))
                .col(double_null(Actions::Budget))
                .col(text_null(Actions::Documents))
                .col(integer(Actions::Position))
                .col(double(Actions::Weight))
                .col(integer(Actions::Version))
                .col(timestamp_with_time_zone(Actions::CreatedAt))
                .col(timestamp_with_time_zone(Actions::UpdatedAt))
                .foreign_key(&mut cascade(
                    "fk_actions_strategy",
                    (Actions::Table, Actions::StrategyId),
                    (Strategies::Table, Strategies::Id),
                ))
                .foreign_key(&mut cascade(
                    "fk_actions_parent",
                    (Actions::Table, Actions::ParentId),
                    (Actions::Table, Actions::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ix_actions_plan", "actions", &["plan_id"]).await?;
        index(m, "ix_actions_grouping", "actions", &["grouping_id"]).await?;
        // Siblings are looked up by strategy (and parent) on every insert and move.
        index(
            m,
            "ix_actions_strategy",
            "actions",
            &["strategy_id", "parent_id"],
        )
        .await?;
        index(m, "ix_actions_parent", "actions", &["parent_id"]).await?;

        m.create_table(
            Table::create()
                .table(ActionOrganizations::Table)
                .col(uuid(ActionOrganizations::ActionId))
                .col(string(ActionOrganizations::OrganizationId))
                .col(string(ActionOrganizations::Role))
                .primary_key(
                    Index::create()
                        .col(ActionOrganizations::ActionId)
                        .col(ActionOrganizations::OrganizationId),
                )
                .foreign_key(&mut cascade(
                    "fk_action_organizations_action",
                    (ActionOrganizations::Table, ActionOrganizations::ActionId),
                    (Actions::Table, Actions::Id),
                ))
                .foreign_key(&mut cascade(
                    "fk_action_organizations_organization",
                    (
                        ActionOrganizations::Table,
                        ActionOrganizations::OrganizationId,
                    ),
                    (Organizations::Table, Organizations::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_action_organizations_organization",
            "action_organizations",
            &["organization_id"],
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ActionPathways::Table)
                .col(uuid(ActionPathways::ActionId))
                .col(uuid(ActionPathways::PathwayId))
                .primary_key(
                    Index::create()
                        .col(ActionPathways::ActionId)
                        .col(ActionPathways::PathwayId),
                )
                .foreign_key(&mut cascade(
                    "fk_action_pathways_action",
                    (ActionPathways::Table, ActionPathways::ActionId),
                    (Actions::Table, Actions::Id),
                ))
                .foreign_key(&mut cascade(
                    "fk_action_pathways_pathway",
                    (ActionPathways::Table, ActionPathways::PathwayId),
                    (Pathways::Table, Pathways::Id),
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Indicators::Table)
                .col(uuid(Indicators::Id).primary_key())
                .col(uuid(Indicators::PlanId))
                .col(uuid_null(Indicators::StrategyId))
                .col(uuid_null(Indicators::ActionId))
                .col(string(Indicators::Name))
                .col(string(Indicators::Unit))
                .col(double_null(Indicators::BaselineValue))
                .col(date_null(Indicators::BaselineOn))
                .col(double(Indicators::TargetValue))
                .col(date_null(Indicators::TargetOn))
                .col(double(Indicators::Weight))
                .col(integer(Indicators::Position))
                .col(timestamp_with_time_zone(Indicators::CreatedAt))
                .foreign_key(&mut cascade(
                    "fk_indicators_plan",
                    (Indicators::Table, Indicators::PlanId),
                    (ActionPlans::Table, ActionPlans::Id),
                ))
                .foreign_key(&mut cascade(
                    "fk_indicators_strategy",
                    (Indicators::Table, Indicators::StrategyId),
                    (Strategies::Table, Strategies::Id),
                ))
                .foreign_key(&mut cascade(
                    "fk_indicators_action",
                    (Indicators::Table, Indicators::ActionId),
                    (Actions::Table, Actions::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ix_indicators_plan", "indicators", &["plan_id"]).await?;

        m.create_table(
            Table::create()
                .table(Measurements::Table)
                .col(uuid(Measurements::Id).primary_key())
                .col(uuid(Measurements::IndicatorId))
                .col(double(Measurements::Value))
                .col(date_null(Measurements::MeasuredOn))
                .col(string_null(Measurements::Source))
                .col(text_null(Measurements::Comment))
                .col(timestamp_with_time_zone(Measurements::CreatedAt))
                .col(uuid_null(Measurements::CreatedBy))
                .foreign_key(&mut cascade(
                    "fk_measurements_indicator",
                    (Measurements::Table, Measurements::IndicatorId),
                    (Indicators::Table, Indicators::Id),
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_measurements_indicator",
            "measurements",
            &["indicator_id"],
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            Measurements::Table.into_iden(),
            Indicators::Table.into_iden(),
            ActionPathways::Table.into_iden(),
            ActionOrganizations::Table.into_iden(),
            Actions::Table.into_iden(),
            Strategies::Table.into_iden(),
            Orientations::Table.into_iden(),
            ActionPlans::Table.into_iden(),
            GroupingStaff::Table.into_iden(),
            Pathways::Table.into_iden(),
            GroupingFunders::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
