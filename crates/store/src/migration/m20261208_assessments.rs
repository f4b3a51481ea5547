//! Self-assessment tools: a tool's editable structure (sections and items),
//! its published versions (immutable snapshots a response keeps), and the
//! responses of a grouping's organizations with one answer per item.
//!
//! Items keep their id from one version to the next, so a portrait can
//! follow an item across versions; an answered item can be archived (it
//! leaves the next version) but not deleted (`fk_assessment_answers_item`
//! restricts it).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, date, integer, string, string_null, text, text_null, timestamp_with_time_zone,
    timestamp_with_time_zone_null, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Groupings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organizations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Actions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AssessmentTools {
    Table,
    Id,
    GroupingId,
    TemplateKey,
    Title,
    Introduction,
    Scale,
    Version,
    Archived,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum AssessmentSections {
    Table,
    Id,
    ToolId,
    Position,
    Title,
    Guide,
}

#[derive(DeriveIden)]
enum AssessmentItems {
    Table,
    Id,
    ToolId,
    SectionId,
    Position,
    Text,
    ArchivedAt,
}

#[derive(DeriveIden)]
enum AssessmentToolVersions {
    Table,
    Id,
    ToolId,
    Version,
    Snapshot,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AssessmentResponses {
    Table,
    Id,
    ToolId,
    ToolVersion,
    GroupingId,
    OrganizationId,
    Team,
    OnDate,
    Status,
    Revision,
    CreatedBy,
    UpdatedBy,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum AssessmentAnswers {
    Table,
    ResponseId,
    ItemId,
    Level,
    Comment,
    ActionId,
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

fn index(name: &str, table: impl IntoIden, cols: &[&dyn Fn() -> DynIden]) -> IndexCreateStatement {
    let mut i = Index::create().name(name).table(table).to_owned();
    for col in cols {
        i.col(col());
    }
    i
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
                .table(AssessmentTools::Table)
                .col(uuid(AssessmentTools::Id).primary_key())
                .col(uuid_null(AssessmentTools::GroupingId))
                .col(string_null(AssessmentTools::TemplateKey))
                .col(string(AssessmentTools::Title))
                .col(text_null(AssessmentTools::Introduction))
                .col(text(AssessmentTools::Scale))
                .col(integer(AssessmentTools::Version))
                .col(boolean(AssessmentTools::Archived))
                .col(uuid_null(AssessmentTools::CreatedBy))
                .col(timestamp_with_time_zone(AssessmentTools::CreatedAt))
                .col(timestamp_with_time_zone(AssessmentTools::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_assessment_tools_grouping",
                    (AssessmentTools::Table, AssessmentTools::GroupingId),
                    (Groupings::Table, Groupings::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_assessment_tools_user",
                    (AssessmentTools::Table, AssessmentTools::CreatedBy),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        // A platform template is loaded once, by its key.
        m.create_index(
            index(
                "ux_assessment_tools_template",
                AssessmentTools::Table,
                &[&|| AssessmentTools::TemplateKey.into_iden()],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_assessment_tools_grouping",
            AssessmentTools::Table,
            &[&|| AssessmentTools::GroupingId.into_iden()],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AssessmentSections::Table)
                .col(uuid(AssessmentSections::Id).primary_key())
                .col(uuid(AssessmentSections::ToolId))
                .col(integer(AssessmentSections::Position))
                .col(string(AssessmentSections::Title))
                .col(text_null(AssessmentSections::Guide))
                .foreign_key(&mut fk(
                    "fk_assessment_sections_tool",
                    (AssessmentSections::Table, AssessmentSections::ToolId),
                    (AssessmentTools::Table, AssessmentTools::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_assessment_sections_tool",
            AssessmentSections::Table,
            &[&|| AssessmentSections::ToolId.into_iden(), &|| {
                AssessmentSections::Position.into_iden()
            }],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AssessmentItems::Table)
                .col(uuid(AssessmentItems::Id).primary_key())
                .col(uuid(AssessmentItems::ToolId))
                .col(uuid(AssessmentItems::SectionId))
                .col(integer(AssessmentItems::Position))
                .col(text(AssessmentItems::Text))
                .col(timestamp_with_time_zone_null(AssessmentItems::ArchivedAt))
                .foreign_key(&mut fk(
                    "fk_assessment_items_tool",
                    (AssessmentItems::Table, AssessmentItems::ToolId),
                    (AssessmentTools::Table, AssessmentTools::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_assessment_items_section",
                    (AssessmentItems::Table, AssessmentItems::SectionId),
                    (AssessmentSections::Table, AssessmentSections::Id),
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_assessment_items_section",
            AssessmentItems::Table,
            &[&|| AssessmentItems::SectionId.into_iden(), &|| {
                AssessmentItems::Position.into_iden()
            }],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AssessmentToolVersions::Table)
                .col(uuid(AssessmentToolVersions::Id).primary_key())
                .col(uuid(AssessmentToolVersions::ToolId))
                .col(integer(AssessmentToolVersions::Version))
                .col(text(AssessmentToolVersions::Snapshot))
                .col(timestamp_with_time_zone(AssessmentToolVersions::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_assessment_tool_versions_tool",
                    (
                        AssessmentToolVersions::Table,
                        AssessmentToolVersions::ToolId,
                    ),
                    (AssessmentTools::Table, AssessmentTools::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            index(
                "ux_assessment_tool_versions",
                AssessmentToolVersions::Table,
                &[&|| AssessmentToolVersions::ToolId.into_iden(), &|| {
                    AssessmentToolVersions::Version.into_iden()
                }],
            )
            .unique()
            .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AssessmentResponses::Table)
                .col(uuid(AssessmentResponses::Id).primary_key())
                .col(uuid(AssessmentResponses::ToolId))
                .col(integer(AssessmentResponses::ToolVersion))
                .col(uuid(AssessmentResponses::GroupingId))
                .col(string(AssessmentResponses::OrganizationId))
                .col(string(AssessmentResponses::Team))
                .col(date(AssessmentResponses::OnDate))
                .col(string(AssessmentResponses::Status))
                .col(integer(AssessmentResponses::Revision))
                .col(uuid_null(AssessmentResponses::CreatedBy))
                .col(uuid_null(AssessmentResponses::UpdatedBy))
                .col(timestamp_with_time_zone(AssessmentResponses::CreatedAt))
                .col(timestamp_with_time_zone(AssessmentResponses::UpdatedAt))
                .col(timestamp_with_time_zone_null(
                    AssessmentResponses::SubmittedAt,
                ))
                .foreign_key(&mut fk(
                    "fk_assessment_responses_tool",
                    (AssessmentResponses::Table, AssessmentResponses::ToolId),
                    (AssessmentTools::Table, AssessmentTools::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_assessment_responses_grouping",
                    (AssessmentResponses::Table, AssessmentResponses::GroupingId),
                    (Groupings::Table, Groupings::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_assessment_responses_organization",
                    (
                        AssessmentResponses::Table,
                        AssessmentResponses::OrganizationId,
                    ),
                    (Organizations::Table, Organizations::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_assessment_responses_created_by",
                    (AssessmentResponses::Table, AssessmentResponses::CreatedBy),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_assessment_responses_updated_by",
                    (AssessmentResponses::Table, AssessmentResponses::UpdatedBy),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        // One response per respondent (an organization, or one of its
        // teams) and date: the database refuses a twin even under a race.
        m.create_index(
            index(
                "ux_assessment_responses_respondent_date",
                AssessmentResponses::Table,
                &[
                    &|| AssessmentResponses::ToolId.into_iden(),
                    &|| AssessmentResponses::GroupingId.into_iden(),
                    &|| AssessmentResponses::OrganizationId.into_iden(),
                    &|| AssessmentResponses::Team.into_iden(),
                    &|| AssessmentResponses::OnDate.into_iden(),
                ],
            )
            .unique()
            .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_assessment_responses_grouping",
            AssessmentResponses::Table,
            &[&|| AssessmentResponses::GroupingId.into_iden(), &|| {
                AssessmentResponses::ToolId.into_iden()
            }],
        ))
        .await?;
        m.create_index(index(
            "ix_assessment_responses_organization",
            AssessmentResponses::Table,
            &[&|| AssessmentResponses::OrganizationId.into_iden()],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(AssessmentAnswers::Table)
                .col(uuid(AssessmentAnswers::ResponseId))
                .col(uuid(AssessmentAnswers::ItemId))
                .col(string_null(AssessmentAnswers::Level))
                .col(text_null(AssessmentAnswers::Comment))
                .col(uuid_null(AssessmentAnswers::ActionId))
                .primary_key(
                    Index::create()
                        .col(AssessmentAnswers::ResponseId)
                        .col(AssessmentAnswers::ItemId),
                )
                .foreign_key(&mut fk(
                    "fk_assessment_answers_response",
                    (AssessmentAnswers::Table, AssessmentAnswers::ResponseId),
                    (AssessmentResponses::Table, AssessmentResponses::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_assessment_answers_item",
                    (AssessmentAnswers::Table, AssessmentAnswers::ItemId),
                    (AssessmentItems::Table, AssessmentItems::Id),
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    "fk_assessment_answers_action",
                    (AssessmentAnswers::Table, AssessmentAnswers::ActionId),
                    (Actions::Table, Actions::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "ix_assessment_answers_item",
            AssessmentAnswers::Table,
            &[&|| AssessmentAnswers::ItemId.into_iden()],
        ))
        .await?;
        m.create_index(index(
            "ix_assessment_answers_action",
            AssessmentAnswers::Table,
            &[&|| AssessmentAnswers::ActionId.into_iden()],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AssessmentAnswers::Table.into_iden(),
            AssessmentResponses::Table.into_iden(),
            AssessmentToolVersions::Table.into_iden(),
            AssessmentItems::Table.into_iden(),
            AssessmentSections::Table.into_iden(),
            AssessmentTools::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
