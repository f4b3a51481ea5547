//! Typed path parameters: every handler that names a resource in its path
//! takes it through [`Id`] (or a resource extractor built on it) instead of
//! a `Path<String>` it parses by hand.
//!
//! A route names each parameter after what it holds (`/evenements/{event}`,
//! `/plans/{plan}`, `/regroupements/{grouping}`); the key type says which
//! name it reads, so a handler with two ids cannot swap them. A value that
//! does not parse is a 404, like a row that does not exist.
//!
//! Resource extractors (`ManagedEvent`, `ReadablePlan`, …) live beside the
//! handlers of their area: they take the [`Id`], load the row, check the
//! visitor's permission and reject with the [`AppError`] a handler would
//! have returned (401, 403 or 404).

use std::str::FromStr;

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use maillage_domain::ids;

use crate::error::AppError;

/// A value that a route carries in the path parameter named [`PathKey::PARAM`].
pub trait PathKey: FromStr + Send {
    const PARAM: &'static str;
}

/// The path parameter `T::PARAM`, parsed; 404 when it does not parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Id<T>(pub T);

impl<T: PathKey, S: Send + Sync> FromRequestParts<S> for Id<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        let raw = params
            .iter()
            .find_map(|(name, value)| (name == T::PARAM).then_some(value))
            .ok_or_else(|| {
                AppError::internal(format!(
                    "the route has no `{{{}}}` parameter for this handler",
                    T::PARAM
                ))
            })?;
        raw.parse().map(Id).map_err(|_| AppError::NotFound)
    }
}

macro_rules! path_keys {
    ($($ty:ty => $param:literal,)*) => {$(
        impl PathKey for $ty {
            const PARAM: &'static str = $param;
        }
    )*};
}

path_keys! {
    ids::UserId => "user",
    ids::ApiTokenId => "token",
    ids::PlanId => "plan",
    ids::OrientationId => "orientation",
    ids::StrategyId => "strategy",
    ids::ActionId => "action",
    ids::IndicatorId => "indicator",
    ids::MeasurementId => "measurement",
    ids::EventId => "event",
    ids::SessionId => "session",
    ids::RegistrationId => "registration",
    ids::TeamId => "team",
    ids::QuestionId => "question",
    ids::ProposalId => "proposal",
    ids::ObservationId => "observation",
    ids::StickyId => "sticky",
    GroupingSlug => "grouping",
    OrganizationKey => "organization",
    ServiceKey => "service",
    ids::PathwayId => "pathway",
    ids::StaffId => "staff",
    ids::RoomId => "room",
    ids::ActivityId => "activity",
    ids::AnswerId => "answer",
    ids::AssessmentToolId => "tool",
    ids::AssessmentSectionId => "section",
    ids::AssessmentItemId => "item",
    ids::AssessmentResponseId => "response",
    maillage_domain::live::JoinCode => "code",
    ids::EvaluationId => "evaluation",
    ids::AxisId => "axis",
    ids::FindingId => "finding",
    ids::RecommendationId => "recommendation",
    ToolkitSlug => "toolkit",
    ids::ToolkitThemeId => "theme",
    ids::ToolkitActivityId => "activity",
    ids::ToolkitRunId => "run",
    ids::ReferralId => "referral",
}

/// A grouping as its pages name it: by slug (any text; an unknown slug is
/// the loader's 404).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupingSlug(pub String);

/// A toolkit as its pages name it: by slug (an unknown slug is the
/// loader's 404).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolkitSlug(pub String);

/// A directory organization's id: kept as imported from HSDS, so any text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganizationKey(pub String);

/// A directory service's id: kept as imported from HSDS, so any text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceKey(pub String);

macro_rules! text_keys {
    ($($ty:ident,)*) => {$(
        impl FromStr for $ty {
            type Err = std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self(s.to_owned()))
            }
        }
    )*};
}

text_keys! {
    GroupingSlug,
    ToolkitSlug,
    OrganizationKey,
    ServiceKey,
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use maillage_domain::ids::{EventId, SessionId};
    use tower::ServiceExt;

    use super::Id;

    async fn status(uri: &str) -> (StatusCode, String) {
        let app = Router::new().route(
            "/evenements/{event}/seances/{session}",
            get(|Id(e): Id<EventId>, Id(s): Id<SessionId>| async move { format!("{e} {s}") }),
        );
        let response = app
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 1 << 16)
            .await
            .unwrap();
        (status, String::from_utf8(body.to_vec()).unwrap())
    }

    #[tokio::test]
    async fn each_id_is_read_from_its_own_parameter_and_a_bad_one_is_a_404() {
        let e = "0b8f4c1e-8a55-4c43-9a5e-6f2d0c1b7a90";
        let s = "5d0e8b43-1f0c-4c8e-b0e2-2b7e9c6f4a11";
        let (code, body) = status(&format!("/evenements/{e}/seances/{s}")).await;
        assert_eq!(code, StatusCode::OK);
        assert_eq!(body, format!("{e} {s}"));
        let (code, _) = status(&format!("/evenements/{e}/seances/nope")).await;
        assert_eq!(code, StatusCode::NOT_FOUND);
        let (code, _) = status(&format!("/evenements/%20{e}/seances/{s}")).await;
        assert_eq!(code, StatusCode::NOT_FOUND);
    }
}
