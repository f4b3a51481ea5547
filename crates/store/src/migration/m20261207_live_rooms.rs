//! Live participation: rooms joined by an 8-digit code, their activities
//! (word cloud, board, poll, scale, questions), the participants' devices
//! and what they answered.
//!
//! A room keeps its code for good (`code`) but holds it in `open_code` only
//! while open: the unique index on `open_code` makes a code unique among
//! open rooms (NULLs never collide, on SQLite as on PostgreSQL), so a closed
//! room's code may be drawn again.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::{
    boolean, integer, integer_null, string, string_null, text, text_null, timestamp_with_time_zone,
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
enum EventSessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Teams {
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
enum LiveRooms {
    Table,
    Id,
    GroupingId,
    SessionId,
    Title,
    Code,
    OpenCode,
    CreatedBy,
    CreatedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum LiveActivities {
    Table,
    Id,
    RoomId,
    Position,
    Kind,
    Prompt,
    Settings,
    Status,
    ResultsHidden,
    OpenedAt,
    ClosedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LiveParticipants {
    Table,
    Id,
    RoomId,
    TokenDigest,
    Nickname,
    TeamId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LiveAnswers {
    Table,
    Id,
    ActivityId,
    RoomId,
    ParticipantId,
    OncePer,
    Text,
    ColumnName,
    Choices,
    Value,
    Votes,
    Answered,
    Hidden,
    MergedInto,
    ActionId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LiveVotes {
    Table,
    AnswerId,
    ParticipantId,
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
                .table(LiveRooms::Table)
                .col(uuid(LiveRooms::Id).primary_key())
                .col(uuid(LiveRooms::GroupingId))
                .col(uuid_null(LiveRooms::SessionId))
                .col(string(LiveRooms::Title))
                .col(string(LiveRooms::Code))
                .col(string_null(LiveRooms::OpenCode))
                .col(uuid_null(LiveRooms::CreatedBy))
                .col(timestamp_with_time_zone(LiveRooms::CreatedAt))
                .col(timestamp_with_time_zone_null(LiveRooms::ClosedAt))
                .foreign_key(&mut fk(
                    "fk_live_rooms_grouping",
                    (LiveRooms::Table, LiveRooms::GroupingId),
                    (Groupings::Table, Groupings::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_live_rooms_session",
                    (LiveRooms::Table, LiveRooms::SessionId),
                    (EventSessions::Table, EventSessions::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_live_rooms_user",
                    (LiveRooms::Table, LiveRooms::CreatedBy),
                    (Users::Table, Users::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_live_rooms_open_code")
                .table(LiveRooms::Table)
                .col(LiveRooms::OpenCode)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_live_rooms_grouping")
                .table(LiveRooms::Table)
                .col(LiveRooms::GroupingId)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_live_rooms_session")
                .table(LiveRooms::Table)
                .col(LiveRooms::SessionId)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LiveActivities::Table)
                .col(uuid(LiveActivities::Id).primary_key())
                .col(uuid(LiveActivities::RoomId))
                .col(integer(LiveActivities::Position))
                .col(string(LiveActivities::Kind))
                .col(text(LiveActivities::Prompt))
                .col(text(LiveActivities::Settings))
                .col(string(LiveActivities::Status))
                .col(boolean(LiveActivities::ResultsHidden))
                .col(timestamp_with_time_zone_null(LiveActivities::OpenedAt))
                .col(timestamp_with_time_zone_null(LiveActivities::ClosedAt))
                .col(timestamp_with_time_zone(LiveActivities::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_live_activities_room",
                    (LiveActivities::Table, LiveActivities::RoomId),
                    (LiveRooms::Table, LiveRooms::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_live_activities_room")
                .table(LiveActivities::Table)
                .col(LiveActivities::RoomId)
                .col(LiveActivities::Position)
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LiveParticipants::Table)
                .col(uuid(LiveParticipants::Id).primary_key())
                .col(uuid(LiveParticipants::RoomId))
                .col(string(LiveParticipants::TokenDigest))
                .col(string_null(LiveParticipants::Nickname))
                .col(uuid_null(LiveParticipants::TeamId))
                .col(timestamp_with_time_zone(LiveParticipants::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_live_participants_room",
                    (LiveParticipants::Table, LiveParticipants::RoomId),
                    (LiveRooms::Table, LiveRooms::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_live_participants_team",
                    (LiveParticipants::Table, LiveParticipants::TeamId),
                    (Teams::Table, Teams::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ux_live_participants_room_token")
                .table(LiveParticipants::Table)
                .col(LiveParticipants::RoomId)
                .col(LiveParticipants::TokenDigest)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LiveAnswers::Table)
                .col(uuid(LiveAnswers::Id).primary_key())
                .col(uuid(LiveAnswers::ActivityId))
                .col(uuid(LiveAnswers::RoomId))
                .col(uuid_null(LiveAnswers::ParticipantId))
                .col(uuid_null(LiveAnswers::OncePer))
                .col(text_null(LiveAnswers::Text))
                .col(string_null(LiveAnswers::ColumnName))
                .col(text_null(LiveAnswers::Choices))
                .col(integer_null(LiveAnswers::Value))
                .col(integer(LiveAnswers::Votes))
                .col(boolean(LiveAnswers::Answered))
                .col(boolean(LiveAnswers::Hidden))
                .col(uuid_null(LiveAnswers::MergedInto))
                .col(uuid_null(LiveAnswers::ActionId))
                .col(timestamp_with_time_zone(LiveAnswers::CreatedAt))
                .foreign_key(&mut fk(
                    "fk_live_answers_activity",
                    (LiveAnswers::Table, LiveAnswers::ActivityId),
                    (LiveActivities::Table, LiveActivities::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_live_answers_room",
                    (LiveAnswers::Table, LiveAnswers::RoomId),
                    (LiveRooms::Table, LiveRooms::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_live_answers_participant",
                    (LiveAnswers::Table, LiveAnswers::ParticipantId),
                    (LiveParticipants::Table, LiveParticipants::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut fk(
                    "fk_live_answers_action",
                    (LiveAnswers::Table, LiveAnswers::ActionId),
                    (Actions::Table, Actions::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("ix_live_answers_activity")
                .table(LiveAnswers::Table)
                .col(LiveAnswers::ActivityId)
                .col(LiveAnswers::CreatedAt)
                .to_owned(),
        )
        .await?;
        // One poll vote or scale value per device and activity: the
        // database refuses the second even when two arrive at once.
        m.create_index(
            Index::create()
                .name("ux_live_answers_once")
                .table(LiveAnswers::Table)
                .col(LiveAnswers::ActivityId)
                .col(LiveAnswers::OncePer)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(LiveVotes::Table)
                .col(uuid(LiveVotes::AnswerId))
                .col(uuid(LiveVotes::ParticipantId))
                .col(timestamp_with_time_zone(LiveVotes::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(LiveVotes::AnswerId)
                        .col(LiveVotes::ParticipantId),
                )
                .foreign_key(&mut fk(
                    "fk_live_votes_answer",
                    (LiveVotes::Table, LiveVotes::AnswerId),
                    (LiveAnswers::Table, LiveAnswers::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    "fk_live_votes_participant",
                    (LiveVotes::Table, LiveVotes::ParticipantId),
                    (LiveParticipants::Table, LiveParticipants::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LiveVotes::Table.into_iden(),
            LiveAnswers::Table.into_iden(),
            LiveParticipants::Table.into_iden(),
            LiveActivities::Table.into_iden(),
            LiveRooms::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
