//! Evaluations: a grouping's evaluation reports, their axes, the findings
//! (« constats ») and recommendations of each axis, and the plan actions
//! that answer a recommendation.
//!
//! A recommendation carries its owner grouping (the evaluation's when
//! written): the actions linked to it are that grouping's, which the store
//! checks before writing a link.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    integer, string, string_null, text, text_null, timestamp_with_time_zone, uuid, uuid_null,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Groupings {
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
enum Evaluations {
    Table,
    Id,
    GroupingId,
    Title,
    Authors,
    Year,
    Citation,
    ReportDocumentId,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EvaluationAxes {
    Table,
    Id,
    EvaluationId,
    Position,
    Title,
}

#[derive(DeriveIden)]
enum EvaluationFindings {
    Table,
    Id,
    AxisId,
    Position,
    Heading,
    Text,
}

#[derive(DeriveIden)]
enum EvaluationRecommendations {
    Table,
    Id,
    AxisId,
    GroupingId,
    Position,
    Text,
    Status,
    Reason,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum RecommendationActions {
    Table,
    RecommendationId,
    ActionId,
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
                .table(Evaluations::Table)
                .col(uuid(Evaluations::Id).primary_key())
                .col(uuid(Evaluations::GroupingId))
                .col(string(Evaluations::Title))
                .col(string(Evaluations::Authors))
                .col(integer(Evaluations::Year))
                .col(text_null(Evaluations::Citation))
                .col(uuid_null(Evaluations::ReportDocumentId))
                .col(uuid_null(Evaluations::CreatedBy))
                .col(timestamp_with_time_zone(Evaluations::CreatedAt))
                .col(timestamp_with_time_zone(Evaluations::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_evaluations_grouping",
                    (Evaluations::Table, Evaluations::GroupingId),
                    (Groupings::Table, Groupings::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_evaluations_user",
                    (Evaluations::Table, Evaluations::CreatedBy),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_evaluations_grouping")
                .table(Evaluations::Table)
                .col(Evaluations::GroupingId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EvaluationAxes::Table)
                .col(uuid(EvaluationAxes::Id).primary_key())
                .col(uuid(EvaluationAxes::EvaluationId))
                .col(integer(EvaluationAxes::Position))
                .col(string(EvaluationAxes::Title))
                .foreign_key(&mut fk(
                    "fk_evaluation_axes_evaluation",
                    (EvaluationAxes::Table, EvaluationAxes::EvaluationId),
                    (Evaluations::Table, Evaluations::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_evaluation_axes_evaluation")
                .table(EvaluationAxes::Table)
                .col(EvaluationAxes::EvaluationId)
                .col(EvaluationAxes::Position)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EvaluationFindings::Table)
                .col(uuid(EvaluationFindings::Id).primary_key())
                .col(uuid(EvaluationFindings::AxisId))
                .col(integer(EvaluationFindings::Position))
                .col(string_null(EvaluationFindings::Heading))
                .col(text(EvaluationFindings::Text))
                .foreign_key(&mut fk(
                    "fk_evaluation_findings_axis",
                    (EvaluationFindings::Table, EvaluationFindings::AxisId),
                    (EvaluationAxes::Table, EvaluationAxes::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_evaluation_findings_axis")
                .table(EvaluationFindings::Table)
                .col(EvaluationFindings::AxisId)
                .col(EvaluationFindings::Position)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(EvaluationRecommendations::Table)
                .col(uuid(EvaluationRecommendations::Id).primary_key())
                .col(uuid(EvaluationRecommendations::AxisId))
                .col(uuid(EvaluationRecommendations::GroupingId))
                .col(integer(EvaluationRecommendations::Position))
                .col(text(EvaluationRecommendations::Text))
                .col(string(EvaluationRecommendations::Status))
                .col(text_null(EvaluationRecommendations::Reason))
                .col(timestamp_with_time_zone(
                    EvaluationRecommendations::UpdatedAt,
                ))
                .col(uuid_null(EvaluationRecommendations::UpdatedBy))
                .foreign_key(&mut fk(
                    "fk_evaluation_recommendations_axis",
                    (
                        EvaluationRecommendations::Table,
                        EvaluationRecommendations::AxisId,
                    ),
                    (EvaluationAxes::Table, EvaluationAxes::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_evaluation_recommendations_grouping",
                    (
                        EvaluationRecommendations::Table,
                        EvaluationRecommendations::GroupingId,
                    ),
                    (Groupings::Table, Groupings::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_evaluation_recommendations_user",
                    (
                        EvaluationRecommendations::Table,
                        EvaluationRecommendations::UpdatedBy,
                    ),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_evaluation_recommendations_axis")
                .table(EvaluationRecommendations::Table)
                .col(EvaluationRecommendations::AxisId)
                .col(EvaluationRecommendations::Position)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_evaluation_recommendations_grouping")
                .table(EvaluationRecommendations::Table)
                .col(EvaluationRecommendations::GroupingId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(RecommendationActions::Table)
                .col(uuid(RecommendationActions::RecommendationId))
                .col(uuid(RecommendationActions::ActionId))
                .col(timestamp_with_time_zone(RecommendationActions::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(RecommendationActions::RecommendationId)
                        .col(RecommendationActions::ActionId),
                )
                .foreign_key(&mut fk(
                    "fk_recommendation_actions_recommendation",
                    (
                        RecommendationActions::Table,
                        RecommendationActions::RecommendationId,
                    ),
                    (
                        EvaluationRecommendations::Table,
                        EvaluationRecommendations::Id,
                    ),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_recommendation_actions_action",
                    (
                        RecommendationActions::Table,
                        RecommendationActions::ActionId,
                    ),
                    (Actions::Table, Actions::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        // The action page asks which recommendations an action answers.
        m.create_index(
            Index::create()
                .name("ix_recommendation_actions_action")
                .table(RecommendationActions::Table)
                .col(RecommendationActions::ActionId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RecommendationActions::Table.into_iden(),
            EvaluationRecommendations::Table.into_iden(),
            EvaluationFindings::Table.into_iden(),
            EvaluationAxes::Table.into_iden(),
            Evaluations::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
