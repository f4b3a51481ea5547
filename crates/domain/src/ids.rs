//! Typed ids: an event's id cannot be passed where a plan's is expected.
//!
//! Each wraps the `Uuid` the database stores (the column values do not
//! change); `FromStr` refuses anything that is not a UUID, which the web
//! layer turns into a 404.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! typed_ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

typed_ids! {
    /// An account.
    UserId;
    /// A personal API token.
    ApiTokenId;
    /// A grouping (in paths it is named by its slug: see `GroupingSlug`).
    GroupingId;
    /// An action plan.
    PlanId;
    /// An orientation of a plan.
    OrientationId;
    /// A strategy (objective) of a plan.
    StrategyId;
    /// An action or sub-task of a plan.
    ActionId;
    /// An indicator of an action.
    IndicatorId;
    /// A measurement of an indicator.
    MeasurementId;
    /// An event.
    EventId;
    /// A session (one date) of an event.
    SessionId;
    /// A registration to an event.
    RegistrationId;
    /// A team of an event.
    TeamId;
    /// A question of an event's reflection canvas or evaluation survey.
    QuestionId;
    /// A directory change proposal.
    ProposalId;
    /// A pathway (voie d'action) of a grouping.
    PathwayId;
    /// A staff member of a grouping.
    StaffId;
    /// A facilitator's observation of an event.
    ObservationId;
    /// A sticky of an event's mosaic.
    StickyId;
    /// A live room.
    RoomId;
    /// An activity of a live room.
    ActivityId;
    /// A self-assessment tool (a platform template or a grouping's tool).
    AssessmentToolId;
    /// A section of a self-assessment tool.
    AssessmentSectionId;
    /// An item of a self-assessment tool (it keeps its id across versions).
    AssessmentItemId;
    /// A response to a self-assessment tool.
    AssessmentResponseId;
    /// An answer to a live activity (a post-it, a question, …).
    AnswerId;
    /// An evaluation (a report's findings and recommendations).
    EvaluationId;
    /// An axis of an evaluation.
    AxisId;
    /// A finding (« constat ») of an evaluation's axis.
    FindingId;
    /// A recommendation of an evaluation's axis.
    RecommendationId;
    /// An activity toolkit or list of activities.
    ToolkitId;
    /// A theme of a toolkit.
    ToolkitThemeId;
    /// An activity of a toolkit.
    ToolkitActivityId;
    /// A run of a toolkit activity by an organization.
    ToolkitRunId;
    /// A referral of a person to a service of another organization.
    ReferralId;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_uuids_parse_and_they_print_back_unchanged() {
        let text = "0b8f4c1e-8a55-4c43-9a5e-6f2d0c1b7a90";
        let id: EventId = text.parse().unwrap();
        assert_eq!(id.to_string(), text);
        assert!("12".parse::<EventId>().is_err());
        assert!("../plans".parse::<PlanId>().is_err());
        assert_eq!(Uuid::from(id), id.uuid());
    }
}
