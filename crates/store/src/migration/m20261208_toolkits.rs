//! Activity toolkits (« trousses ») and lists of activities
//! (« répertoires »): their themes, activities (with the pathways they
//! serve, the strategy they support and their attached documents) and the
//! runs organizations record.
//!
//! An activity keeps its toolkit's id beside its theme's, so that a
//! toolkit's activities are read without a join; the store keeps both in
//! step (an activity moves between themes of its toolkit only).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, date, integer, integer_null, string, text, text_null, timestamp_with_time_zone, uuid,
    uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Groupings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ActionPlans {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Strategies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Pathways {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Documents {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ToolkitAttachments {
    Table,
    Id,
    ActivityId,
    DocumentId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Toolkits {
    Table,
    Id,
    Slug,
    Title,
    Description,
    SourceNote,
    Kind,
    GroupingId,
    PlanId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ToolkitThemes {
    Table,
    Id,
    ToolkitId,
    Position,
    Title,
    Description,
}

#[derive(DeriveIden)]
enum ToolkitActivities {
    Table,
    Id,
    ToolkitId,
    ThemeId,
    Position,
    Title,
    Objectives,
    Audiences,
    DurationMinutes,
    Material,
    Steps,
    Tips,
    StrategyId,
    Placeholder,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ToolkitActivityPathways {
    Table,
    ActivityId,
    PathwayId,
}

#[derive(DeriveIden)]
enum ToolkitRuns {
    Table,
    Id,
    ActivityId,
    GroupingId,
    OrganizationId,
    RanOn,
    Participants,
    Comment,
    RecordedBy,
    CreatedAt,
}

fn fk(
    name: &str,
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    #[expect(
        clippy::too_many_lines,
        reason = "one table after the other, read top to bottom"
    )]
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Toolkits::Table)
                .col(uuid(Toolkits::Id).primary_key())
                .col(string(Toolkits::Slug))
                .col(string(Toolkits::Title))
                .col(text(Toolkits::Description))
                .col(text(Toolkits::SourceNote))
                .col(string(Toolkits::Kind))
                .col(uuid_null(Toolkits::GroupingId))
                .col(uuid_null(Toolkits::PlanId))
                .col(timestamp_with_time_zone(Toolkits::CreatedAt))
                .col(timestamp_with_time_zone(Toolkits::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_toolkits_grouping",
                    (Toolkits::Table, Toolkits::GroupingId),
                    (Groupings::Table, Groupings::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_toolkits_plan",
                    (Toolkits::Table, Toolkits::PlanId),
                    (ActionPlans::Table, ActionPlans::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_toolkits_slug")
                .table(Toolkits::Table)
                .col(Toolkits::Slug)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ToolkitThemes::Table)
                .col(uuid(ToolkitThemes::Id).primary_key())
                .col(uuid(ToolkitThemes::ToolkitId))
                .col(integer(ToolkitThemes::Position))
                .col(string(ToolkitThemes::Title))
                .col(text(ToolkitThemes::Description))
                .foreign_key(&mut fk(
                    "fk_toolkit_themes_toolkit",
                    (ToolkitThemes::Table, ToolkitThemes::ToolkitId),
                    (Toolkits::Table, Toolkits::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_toolkit_themes_toolkit")
                .table(ToolkitThemes::Table)
                .col(ToolkitThemes::ToolkitId)
                .col(ToolkitThemes::Position)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ToolkitActivities::Table)
                .col(uuid(ToolkitActivities::Id).primary_key())
                .col(uuid(ToolkitActivities::ToolkitId))
                .col(uuid(ToolkitActivities::ThemeId))
                .col(integer(ToolkitActivities::Position))
                .col(string(ToolkitActivities::Title))
                .col(text(ToolkitActivities::Objectives))
                .col(string(ToolkitActivities::Audiences))
                .col(integer_null(ToolkitActivities::DurationMinutes))
                .col(text(ToolkitActivities::Material))
                .col(text(ToolkitActivities::Steps))
                .col(text(ToolkitActivities::Tips))
                .col(uuid_null(ToolkitActivities::StrategyId))
                .col(boolean(ToolkitActivities::Placeholder))
                .col(timestamp_with_time_zone(ToolkitActivities::CreatedAt))
                .col(timestamp_with_time_zone(ToolkitActivities::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_toolkit_activities_toolkit",
                    (ToolkitActivities::Table, ToolkitActivities::ToolkitId),
                    (Toolkits::Table, Toolkits::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_toolkit_activities_theme",
                    (ToolkitActivities::Table, ToolkitActivities::ThemeId),
                    (ToolkitThemes::Table, ToolkitThemes::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_toolkit_activities_strategy",
                    (ToolkitActivities::Table, ToolkitActivities::StrategyId),
                    (Strategies::Table, Strategies::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_toolkit_activities_theme")
                .table(ToolkitActivities::Table)
                .col(ToolkitActivities::ThemeId)
                .col(ToolkitActivities::Position)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_toolkit_activities_toolkit")
                .table(ToolkitActivities::Table)
                .col(ToolkitActivities::ToolkitId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ToolkitActivityPathways::Table)
                .col(uuid(ToolkitActivityPathways::ActivityId))
                .col(uuid(ToolkitActivityPathways::PathwayId))
                .primary_key(
                    Index::create()
                        .col(ToolkitActivityPathways::ActivityId)
                        .col(ToolkitActivityPathways::PathwayId),
                )
                .foreign_key(&mut fk(
                    "fk_toolkit_activity_pathways_activity",
                    (
                        ToolkitActivityPathways::Table,
                        ToolkitActivityPathways::ActivityId,
                    ),
                    (ToolkitActivities::Table, ToolkitActivities::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_toolkit_activity_pathways_pathway",
                    (
                        ToolkitActivityPathways::Table,
                        ToolkitActivityPathways::PathwayId,
                    ),
                    (Pathways::Table, Pathways::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ToolkitRuns::Table)
                .col(uuid(ToolkitRuns::Id).primary_key())
                .col(uuid(ToolkitRuns::ActivityId))
                .col(uuid(ToolkitRuns::GroupingId))
                .col(string(ToolkitRuns::OrganizationId))
                .col(date(ToolkitRuns::RanOn))
                .col(integer(ToolkitRuns::Participants))
                .col(text_null(ToolkitRuns::Comment))
                .col(uuid_null(ToolkitRuns::RecordedBy))
                .col(timestamp_with_time_zone(ToolkitRuns::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_toolkit_runs_activity",
                    (ToolkitRuns::Table, ToolkitRuns::ActivityId),
                    (ToolkitActivities::Table, ToolkitActivities::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_toolkit_runs_grouping",
                    (ToolkitRuns::Table, ToolkitRuns::GroupingId),
                    (Groupings::Table, Groupings::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_toolkit_runs_organization",
                    (ToolkitRuns::Table, ToolkitRuns::OrganizationId),
                    (Organizations::Table, Organizations::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_toolkit_runs_user",
                    (ToolkitRuns::Table, ToolkitRuns::RecordedBy),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_toolkit_runs_activity")
                .table(ToolkitRuns::Table)
                .col(ToolkitRuns::ActivityId)
                .col(ToolkitRuns::RanOn)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_toolkit_runs_grouping")
                .table(ToolkitRuns::Table)
                .col(ToolkitRuns::GroupingId)
                .col(ToolkitRuns::RanOn)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ToolkitAttachments::Table)
                .col(uuid(ToolkitAttachments::Id).primary_key())
                .col(uuid(ToolkitAttachments::ActivityId))
                .col(uuid(ToolkitAttachments::DocumentId))
                .col(timestamp_with_time_zone(ToolkitAttachments::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_toolkit_attachments_activity",
                    (ToolkitAttachments::Table, ToolkitAttachments::ActivityId),
                    (ToolkitActivities::Table, ToolkitActivities::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_toolkit_attachments_document",
                    (ToolkitAttachments::Table, ToolkitAttachments::DocumentId),
                    (Documents::Table, Documents::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_toolkit_attachments_activity")
                .table(ToolkitAttachments::Table)
                .col(ToolkitAttachments::ActivityId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ToolkitAttachments::Table.into_iden(),
            ToolkitRuns::Table.into_iden(),
            ToolkitActivityPathways::Table.into_iden(),
            ToolkitActivities::Table.into_iden(),
            ToolkitThemes::Table.into_iden(),
            Toolkits::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
