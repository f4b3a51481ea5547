//! The toolkits area's resource extractors. Reading needs an account
//! (`Permission::UseApp`: 401 anonymous, 403 without any role); changing
//! a toolkit's themes and activities is for the coordinators of its
//! grouping and the administrators
//! (`maillage_domain::toolkits::require_edit_toolkit`: 403 others).
//! Routes name a toolkit by slug (`{toolkit}`), its themes and activities
//! by id (`{theme}`, `{activity}`): 404 when one is another toolkit's.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use maillage_domain::Permission;
use maillage_domain::ids::{ToolkitActivityId, ToolkitThemeId};
use maillage_domain::toolkits as rules;
use maillage_store::entity::{toolkit, toolkit_activity, toolkit_theme};
use maillage_store::repo::toolkits as repo;

use crate::AppState;
use crate::auth::{SignedIn, Visitor};
use crate::error::AppError;
use crate::extract::{Id, ToolkitSlug};
use crate::plans::access::allowed;

/// The signed-in account, if it may read toolkits.
pub fn reader(visitor: Visitor) -> Result<Arc<SignedIn>, AppError> {
    let user = visitor.0.ok_or(AppError::Unauthenticated)?;
    if user.principal.allows(Permission::UseApp, None) {
        Ok(user)
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether the account may change the toolkit's themes and activities.
pub fn may_edit(user: &SignedIn, t: &toolkit::Model) -> bool {
    let grouping = t.grouping_id.map(|g| g.to_string());
    rules::require_edit_toolkit(Some(&user.principal), grouping.as_deref()).is_ok()
}

async fn visitor(parts: &mut Parts, state: &AppState) -> Visitor {
    let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
    visitor
}

/// A signed-in account that may read toolkits.
pub struct Reader(pub Arc<SignedIn>);

impl FromRequestParts<AppState> for Reader {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        reader(visitor(parts, state).await).map(Reader)
    }
}

/// The toolkit of the path's slug, for an account that may read it.
pub struct ReadableToolkit {
    pub toolkit: toolkit::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ReadableToolkit {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let user = reader(visitor(parts, state).await)?;
        let Id(ToolkitSlug(slug)) = Id::<ToolkitSlug>::from_request_parts(parts, state).await?;
        let toolkit = repo::find_by_slug(state.store.conn(), &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(ReadableToolkit { toolkit, user })
    }
}

/// A toolkit the account may change.
pub struct EditableToolkit {
    pub toolkit: toolkit::Model,
    pub user: Arc<SignedIn>,
}

fn edit(t: &toolkit::Model, user: Arc<SignedIn>) -> Result<Arc<SignedIn>, AppError> {
    let grouping = t.grouping_id.map(|g| g.to_string());
    allowed(Visitor(Some(user)), |p| {
        rules::require_edit_toolkit(p, grouping.as_deref())
    })
}

impl FromRequestParts<AppState> for EditableToolkit {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let ReadableToolkit { toolkit, user } =
            ReadableToolkit::from_request_parts(parts, state).await?;
        let user = edit(&toolkit, user)?;
        Ok(EditableToolkit { toolkit, user })
    }
}

/// A theme of a toolkit the account may change.
pub struct EditableTheme {
    pub toolkit: toolkit::Model,
    pub theme: toolkit_theme::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableTheme {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let EditableToolkit { toolkit, user } =
            EditableToolkit::from_request_parts(parts, state).await?;
        let Id(id) = Id::<ToolkitThemeId>::from_request_parts(parts, state).await?;
        let theme = repo::find_theme(state.store.conn(), id.uuid())
            .await?
            .filter(|t| t.toolkit_id == toolkit.id)
            .ok_or(AppError::NotFound)?;
        Ok(EditableTheme {
            toolkit,
            theme,
            user,
        })
    }
}

/// An activity of the path's toolkit, for an account that may read it.
pub struct ReadableActivity {
    pub toolkit: toolkit::Model,
    pub activity: toolkit_activity::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for ReadableActivity {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let ReadableToolkit { toolkit, user } =
            ReadableToolkit::from_request_parts(parts, state).await?;
        let Id(id) = Id::<ToolkitActivityId>::from_request_parts(parts, state).await?;
        let activity = repo::find_activity(state.store.conn(), id.uuid())
            .await?
            .filter(|a| a.toolkit_id == toolkit.id)
            .ok_or(AppError::NotFound)?;
        Ok(ReadableActivity {
            toolkit,
            activity,
            user,
        })
    }
}

/// An activity of a toolkit the account may change.
pub struct EditableActivity {
    pub toolkit: toolkit::Model,
    pub activity: toolkit_activity::Model,
    pub user: Arc<SignedIn>,
}

impl FromRequestParts<AppState> for EditableActivity {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let ReadableActivity {
            toolkit,
            activity,
            user,
        } = ReadableActivity::from_request_parts(parts, state).await?;
        let user = edit(&toolkit, user)?;
        Ok(EditableActivity {
            toolkit,
            activity,
            user,
        })
    }
}
