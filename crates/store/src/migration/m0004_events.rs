//! Events: sessions, registrations (with a waiting list), attendance by
//! organization and by person, teams and their facilitators, the
//! reflection canvas and its answers, facilitators' observations, the
//! mosaic's stickies, the evaluation survey, and the edited sections of
//! the generated report (*bilan*).

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    big_pk_auto, date, date_null, integer, integer_null, string, string_null, text, text_null,
    timestamp_with_time_zone, uuid, uuid_null,
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
enum Events {
    Table,
    Id,
    GroupingId,
    Title,
    Description,
    Intentions,
    Audience,
    Capacity,
    Status,
    RegistrationClosesOn,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EventSessions {
    Table,
    Id,
    EventId,
    Date,
    StartsAt,
    EndsAt,
    Place,
    Address,
    Position,
}

#[derive(DeriveIden)]
enum Registrations {
    Table,
    Id,
    EventId,
    Name,
    Email,
    OrganizationId,
    OrganizationText,
    Role,
    Needs,
    Status,
    TokenDigest,
    Confirmation,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Attendance {
    Table,
    Id,
    EventId,
    SessionId,
    OrganizationId,
    RegistrationId,
    PersonName,
    Source,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Teams {
    Table,
    Id,
    EventId,
    Name,
    Facilitator,
    Position,
}

#[derive(DeriveIden)]
enum TeamMembers {
    Table,
    TeamId,
    RegistrationId,
}

#[derive(DeriveIden)]
enum CanvasQuestions {
    Table,
    Id,
    EventId,
    Prompt,
    Position,
}

#[derive(DeriveIden)]
enum CanvasAnswers {
    Table,
    Id,
    EventId,
    QuestionId,
    RegistrationId,
    OrganizationId,
    Text,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Observations {
    Table,
    Id,
    EventId,
    TeamId,
    Text,
    NewContacts,
    AuthorId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Stickies {
    Table,
    Id,
    EventId,
    TeamId,
    Text,
    Position,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SurveyQuestions {
    Table,
    Id,
    EventId,
    Kind,
    Prompt,
    Options,
    Position,
}

#[derive(DeriveIden)]
enum SurveyResponses {
    Table,
    Id,
    EventId,
    TokenDigest,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SurveyAnswers {
    Table,
    ResponseId,
    QuestionId,
    Value,
}

#[derive(DeriveIden)]
enum ReportSections {
    Table,
    EventId,
    Section,
    Content,
    UpdatedAt,
    UpdatedBy,
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

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut stmt = Index::create();
    stmt.name(name).table(Alias::new(table));
    for c in cols {
        stmt.col(Alias::new(*c));
    }
    if unique {
        stmt.unique();
    }
    m.create_index(stmt).await
}

use ForeignKeyAction::{Cascade, SetNull};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    #[expect(
        clippy::too_many_lines,
        reason = "a migration is one schema step, applied once and never edited: its `up` reads as the list of the tables it creates (events, sessions, registrations, attendance, teams, canvas, observations, stickies, survey, report sections), in order"
    )]
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Events::Table)
                .col(uuid(Events::Id).primary_key())
                .col(uuid_null(Events::GroupingId))
                .col(string(Events::Title))
                .col(text_null(Events::Description))
                .col(text_null(Events::Intentions))
                .col(string_null(Events::Audience))
                .col(integer_null(Events::Capacity))
                .col(string(Events::Status))
                .col(date_null(Events::RegistrationClosesOn))
                .col(integer(Events::Version))
                .col(timestamp_with_time_zone(Events::CreatedAt))
                .col(timestamp_with_time_zone(Events::UpdatedAt))
                .foreign_key(&mut fk(
                    "fk_events_grouping",
                    (Events::Table, Events::GroupingId),
                    (Groupings::Table, Groupings::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ix_events_grouping", "events", &["grouping_id"], false).await?;

        m.create_table(
            Table::create()
                .table(EventSessions::Table)
                .col(uuid(EventSessions::Id).primary_key())
                .col(uuid(EventSessions::EventId))
                .col(date(EventSessions::Date))
                .col(string_null(EventSessions::StartsAt))
                .col(string_null(EventSessions::EndsAt))
                .col(string_null(EventSessions::Place))
                .col(text_null(EventSessions::Address))
                .col(integer(EventSessions::Position))
                .foreign_key(&mut fk(
                    "fk_event_sessions_event",
                    (EventSessions::Table, EventSessions::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_event_sessions_date",
            "event_sessions",
            &["event_id", "date"],
            true,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Registrations::Table)
                .col(uuid(Registrations::Id).primary_key())
                .col(uuid(Registrations::EventId))
                .col(string(Registrations::Name))
                .col(string(Registrations::Email))
                .col(string_null(Registrations::OrganizationId))
                .col(string_null(Registrations::OrganizationText))
                .col(string_null(Registrations::Role))
                .col(text_null(Registrations::Needs))
                .col(string(Registrations::Status))
                .col(string(Registrations::TokenDigest))
                .col(text_null(Registrations::Confirmation))
                .col(timestamp_with_time_zone(Registrations::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_registrations_event",
                    (Registrations::Table, Registrations::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_registrations_organization",
                    (Registrations::Table, Registrations::OrganizationId),
                    (Organizations::Table, Organizations::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_registrations_email",
            "registrations",
            &["event_id", "email"],
            true,
        )
        .await?;
        index(
            m,
            "ux_registrations_token",
            "registrations",
            &["token_digest"],
            true,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Attendance::Table)
                .col(big_pk_auto(Attendance::Id))
                .col(uuid(Attendance::EventId))
                .col(uuid(Attendance::SessionId))
                .col(string_null(Attendance::OrganizationId))
                .col(uuid_null(Attendance::RegistrationId))
                .col(string_null(Attendance::PersonName))
                .col(string(Attendance::Source))
                .col(timestamp_with_time_zone(Attendance::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_attendance_session",
                    (Attendance::Table, Attendance::SessionId),
                    (EventSessions::Table, EventSessions::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_attendance_event",
                    (Attendance::Table, Attendance::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_attendance_organization",
                    (Attendance::Table, Attendance::OrganizationId),
                    (Organizations::Table, Organizations::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_attendance_registration",
                    (Attendance::Table, Attendance::RegistrationId),
                    (Registrations::Table, Registrations::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        index(m, "ix_attendance_event", "attendance", &["event_id"], false).await?;
        index(
            m,
            "ix_attendance_organization",
            "attendance",
            &["organization_id"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Teams::Table)
                .col(uuid(Teams::Id).primary_key())
                .col(uuid(Teams::EventId))
                .col(string(Teams::Name))
                .col(string_null(Teams::Facilitator))
                .col(integer(Teams::Position))
                .foreign_key(&mut fk(
                    "fk_teams_event",
                    (Teams::Table, Teams::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(TeamMembers::Table)
                .col(uuid(TeamMembers::TeamId))
                .col(uuid(TeamMembers::RegistrationId))
                .primary_key(
                    Index::create()
                        .col(TeamMembers::TeamId)
                        .col(TeamMembers::RegistrationId),
                )
                .foreign_key(&mut fk(
                    "fk_team_members_team",
                    (TeamMembers::Table, TeamMembers::TeamId),
                    (Teams::Table, Teams::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_team_members_registration",
                    (TeamMembers::Table, TeamMembers::RegistrationId),
                    (Registrations::Table, Registrations::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CanvasQuestions::Table)
                .col(uuid(CanvasQuestions::Id).primary_key())
                .col(uuid(CanvasQuestions::EventId))
                .col(text(CanvasQuestions::Prompt))
                .col(integer(CanvasQuestions::Position))
                .foreign_key(&mut fk(
                    "fk_canvas_questions_event",
                    (CanvasQuestions::Table, CanvasQuestions::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(CanvasAnswers::Table)
                .col(uuid(CanvasAnswers::Id).primary_key())
                .col(uuid(CanvasAnswers::EventId))
                .col(uuid(CanvasAnswers::QuestionId))
                .col(uuid_null(CanvasAnswers::RegistrationId))
                .col(string_null(CanvasAnswers::OrganizationId))
                .col(text(CanvasAnswers::Text))
                .col(timestamp_with_time_zone(CanvasAnswers::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_canvas_answers_question",
                    (CanvasAnswers::Table, CanvasAnswers::QuestionId),
                    (CanvasQuestions::Table, CanvasQuestions::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_canvas_answers_registration",
                    (CanvasAnswers::Table, CanvasAnswers::RegistrationId),
                    (Registrations::Table, Registrations::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ix_canvas_answers_event",
            "canvas_answers",
            &["event_id"],
            false,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Observations::Table)
                .col(uuid(Observations::Id).primary_key())
                .col(uuid(Observations::EventId))
                .col(uuid_null(Observations::TeamId))
                .col(text(Observations::Text))
                .col(integer_null(Observations::NewContacts))
                .col(uuid_null(Observations::AuthorId))
                .col(timestamp_with_time_zone(Observations::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_observations_event",
                    (Observations::Table, Observations::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_observations_team",
                    (Observations::Table, Observations::TeamId),
                    (Teams::Table, Teams::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Stickies::Table)
                .col(uuid(Stickies::Id).primary_key())
                .col(uuid(Stickies::EventId))
                .col(uuid_null(Stickies::TeamId))
                .col(text(Stickies::Text))
                .col(integer(Stickies::Position))
                .col(timestamp_with_time_zone(Stickies::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_stickies_event",
                    (Stickies::Table, Stickies::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_stickies_team",
                    (Stickies::Table, Stickies::TeamId),
                    (Teams::Table, Teams::Id),
                    SetNull,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SurveyQuestions::Table)
                .col(uuid(SurveyQuestions::Id).primary_key())
                .col(uuid(SurveyQuestions::EventId))
                .col(string(SurveyQuestions::Kind))
                .col(text(SurveyQuestions::Prompt))
                .col(text_null(SurveyQuestions::Options))
                .col(integer(SurveyQuestions::Position))
                .foreign_key(&mut fk(
                    "fk_survey_questions_event",
                    (SurveyQuestions::Table, SurveyQuestions::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SurveyResponses::Table)
                .col(uuid(SurveyResponses::Id).primary_key())
                .col(uuid(SurveyResponses::EventId))
                .col(string_null(SurveyResponses::TokenDigest))
                .col(timestamp_with_time_zone(SurveyResponses::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_survey_responses_event",
                    (SurveyResponses::Table, SurveyResponses::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        index(
            m,
            "ux_survey_responses_token",
            "survey_responses",
            &["token_digest"],
            true,
        )
        .await?;

        m.create_table(
            Table::create()
                .table(SurveyAnswers::Table)
                .col(uuid(SurveyAnswers::ResponseId))
                .col(uuid(SurveyAnswers::QuestionId))
                .col(text(SurveyAnswers::Value))
                .primary_key(
                    Index::create()
                        .col(SurveyAnswers::ResponseId)
                        .col(SurveyAnswers::QuestionId),
                )
                .foreign_key(&mut fk(
                    "fk_survey_answers_response",
                    (SurveyAnswers::Table, SurveyAnswers::ResponseId),
                    (SurveyResponses::Table, SurveyResponses::Id),
                    Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_survey_answers_question",
                    (SurveyAnswers::Table, SurveyAnswers::QuestionId),
                    (SurveyQuestions::Table, SurveyQuestions::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ReportSections::Table)
                .col(uuid(ReportSections::EventId))
                .col(string(ReportSections::Section))
                .col(text(ReportSections::Content))
                .col(timestamp_with_time_zone(ReportSections::UpdatedAt))
                .col(uuid_null(ReportSections::UpdatedBy))
                .primary_key(
                    Index::create()
                        .col(ReportSections::EventId)
                        .col(ReportSections::Section),
                )
                .foreign_key(&mut fk(
                    "fk_report_sections_event",
                    (ReportSections::Table, ReportSections::EventId),
                    (Events::Table, Events::Id),
                    Cascade,
                ))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            ReportSections::Table.into_iden(),
            SurveyAnswers::Table.into_iden(),
            SurveyResponses::Table.into_iden(),
            SurveyQuestions::Table.into_iden(),
            Stickies::Table.into_iden(),
            Observations::Table.into_iden(),
            CanvasAnswers::Table.into_iden(),
            CanvasQuestions::Table.into_iden(),
            TeamMembers::Table.into_iden(),
            Teams::Table.into_iden(),
            Attendance::Table.into_iden(),
            Registrations::Table.into_iden(),
            EventSessions::Table.into_iden(),
            Events::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}
