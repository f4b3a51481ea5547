//! The administration of accounts: invitations, roles, (de)activation.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maillage_domain::{Email, Role, password};
use maillage_store::StoreError;
use maillage_store::entity::grouping;
use maillage_store::repo::{accounts, groupings};
use serde::Deserialize;
use uuid::Uuid;

use super::access::ManagedAccount;
use crate::AppState;
use crate::auth::{Authorized, ClientIp, ManageUsers, actor};
use crate::error::AppError;
use crate::page::Page;

#[derive(Debug, Default, Deserialize)]
pub(super) struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    grouping: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/users.html")]
pub(super) struct UsersPage {
    p: Page,
    users: Vec<accounts::UserView>,
    groupings: Vec<grouping::Model>,
    roles: Vec<Role>,
    form: InviteForm,
    errors: Vec<String>,
    me: Uuid,
}

pub(super) async fn users_page(
    state: &AppState,
    p: Page,
    me: Uuid,
    form: InviteForm,
    errors: Vec<String>,
) -> Result<UsersPage, AppError> {
    Ok(UsersPage {
        p,
        users: accounts::list(&state.store).await?,
        groupings: groupings::list(&state.store).await?,
        // Least powerful first, as the invitation's default.
        roles: Role::ALL.iter().rev().copied().collect(),
        form,
        errors,
        me,
    })
}

pub(super) async fn list_users(
    State(state): State<AppState>,
    p: Page,
    auth: Authorized<ManageUsers>,
) -> Result<UsersPage, AppError> {
    // An invitation starts at the least powerful role: more is a choice.
    let form = InviteForm {
        role: Role::Viewer.as_str().to_owned(),
        ..InviteForm::default()
    };
    users_page(&state, p, auth.user().view.user.id, form, Vec::new()).await
}

#[derive(Template, WebTemplate)]
#[template(path = "accounts/user_invited.html")]
pub(super) struct InvitedPage {
    p: Page,
    email: String,
    one_time_password: String,
}

/// Resolves the grouping a scoped role is given in.
pub(super) async fn role_grouping(
    state: &AppState,
    role: Role,
    grouping: &str,
) -> Result<Option<Uuid>, &'static str> {
    if !role.is_scoped() {
        return Ok(None);
    }
    let Ok(id) = Uuid::parse_str(grouping.trim()) else {
        return Err("error-grouping-required");
    };
    match groupings::find_by_id(&state.store, id).await {
        Ok(Some(g)) => Ok(Some(g.id)),
        _ => Err("error-grouping-unknown"),
    }
}

pub(super) async fn create_user(
    State(state): State<AppState>,
    p: Page,
    auth: Authorized<ManageUsers>,
    ip: ClientIp,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let mut errors = Vec::new();
    let email = Email::parse(&form.email)
        .map_err(|e| errors.push(p.t(e.message_key())))
        .ok();
    let display_name = password::display_name(&form.display_name);
    if display_name.is_none() {
        errors.push(p.t("error-display-name"));
    }
    let role = form
        .role
        .parse::<Role>()
        .map_err(|_| errors.push(p.t("error-role-unknown")))
        .ok();
    let grouping_id = match role {
        Some(r) => role_grouping(&state, r, &form.grouping)
            .await
            .map_err(|k| errors.push(p.t(k)))
            .ok()
            .flatten(),
        None => None,
    };
    let (Some(email), Some(display_name), Some(role), true) =
        (email, display_name, role, errors.is_empty())
    else {
        let page = users_page(&state, p, auth.user().view.user.id, form, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let one_time = password::generate_one_time();
    let otp = one_time.clone();
    let hash = tokio::task::spawn_blocking(move || password::hash(&otp))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    let created = accounts::create_user(
        &state.store,
        &actor(auth.user(), &ip),
        accounts::NewUser {
            email: email.clone(),
            display_name,
            password_hash: hash,
            role,
            grouping_id,
            must_change_password: true,
        },
    )
    .await;
    match created {
        Ok(_) => Ok(InvitedPage {
            p,
            email: email.to_string(),
            one_time_password: one_time,
        }
        .into_response()),
        Err(StoreError::EmailTaken(_)) => {
            let errors = vec![p.t("error-email-taken")];
            let page = users_page(&state, p, auth.user().view.user.id, form, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub(super) struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    grouping: String,
}

fn back_to_users(result: Result<(), StoreError>, ok: &str) -> Result<Response, AppError> {
    let target = match result {
        Ok(()) => format!("/admin/utilisateurs?ok={ok}"),
        Err(StoreError::LastAdministrator) => {
            "/admin/utilisateurs?erreur=flash-last-admin".to_owned()
        }
        Err(StoreError::OwnAccount) => "/admin/utilisateurs?erreur=flash-not-yourself".to_owned(),
        Err(StoreError::Invalid(_)) => "/admin/utilisateurs?erreur=flash-role-invalid".to_owned(),
        Err(e) => return Err(e.into()),
    };
    Ok(Redirect::to(&target).into_response())
}

pub(super) async fn update_role(
    State(state): State<AppState>,
    ManagedAccount { account, admin }: ManagedAccount,
    ip: ClientIp,
    Form(form): Form<RoleForm>,
) -> Result<Response, AppError> {
    let role = form
        .role
        .parse::<Role>()
        .map_err(|_| AppError::BadRequest("error-role-unknown"))?;
    let grouping_id = role_grouping(&state, role, &form.grouping)
        .await
        .map_err(AppError::BadRequest)?;
    let result = accounts::set_role(
        &state.store,
        &actor(&admin, &ip),
        account.id,
        role,
        grouping_id,
    )
    .await;
    back_to_users(result, "flash-role-changed")
}

/// Deactivation: the account stays (for the audit trail and history) but
/// can no longer sign in, and its sessions end.
pub(super) async fn delete_user(
    State(state): State<AppState>,
    ManagedAccount { account, admin }: ManagedAccount,
    ip: ClientIp,
) -> Result<Response, AppError> {
    let result = accounts::set_active(&state.store, &actor(&admin, &ip), account.id, false).await;
    back_to_users(result, "flash-user-deactivated")
}

pub(super) async fn update_user_active(
    State(state): State<AppState>,
    ManagedAccount { account, admin }: ManagedAccount,
    ip: ClientIp,
) -> Result<Response, AppError> {
    let result = accounts::set_active(&state.store, &actor(&admin, &ip), account.id, true).await;
    back_to_users(result, "flash-user-activated")
}
