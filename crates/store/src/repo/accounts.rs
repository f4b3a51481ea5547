//! Accounts, their roles and their passwords.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use maillage_domain::{Email, Principal, Role};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;
use uuid::Uuid;

use super::audit::{self, Actor};
use crate::entity::{grouping, session, user, user_grouping_role};
use crate::{Store, StoreError};

#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    /// Required for every role but admin.
    pub grouping_id: Option<Uuid>,
    pub must_change_password: bool,
}

/// An account with its roles, for lists and pages.
#[derive(Debug, Clone)]
pub struct UserView {
    pub user: user::Model,
    pub roles: Vec<GroupingRole>,
}

#[derive(Debug, Clone)]
pub struct GroupingRole {
    pub grouping_id: Uuid,
    pub grouping_slug: String,
    pub grouping_name: String,
    pub role: Role,
}

impl UserView {
    pub fn principal(&self) -> Principal {
        Principal {
            is_admin: self.user.is_admin,
            grouping_roles: self
                .roles
                .iter()
                .map(|r| (r.grouping_id.to_string(), r.role))
                .collect::<BTreeMap<_, _>>(),
        }
    }
}

pub async fn create_user(
    store: &Store,
    actor: &Actor,
    new: NewUser,
) -> Result<user::Model, StoreError> {
    if new.role.is_scoped() && new.grouping_id.is_none() {
        return Err(StoreError::Invalid(format!(
            "the role {} is held in a grouping: give one",
            new.role
        )));
    }
    let txn = store.write().await?;
    if find_by_email(&txn, &new.email).await?.is_some() {
        return Err(StoreError::EmailTaken(new.email.as_str().to_owned()));
    }
    let now = Utc::now();
    let created = user::ActiveModel {
        id: Set(Uuid::new_v4()),
        email: Set(new.email.as_str().to_owned()),
        display_name: Set(new.display_name.trim().to_owned()),
        password_hash: Set(new.password_hash),
        is_admin: Set(new.role == Role::Admin),
        active: Set(true),
        must_change_password: Set(new.must_change_password),
        created_at: Set(now),
        updated_at: Set(now),
        last_login_at: Set(None),
        organization_id: Set(None),
    }
    .insert(&txn)
    .await?;
    if let (true, Some(grouping_id)) = (new.role.is_scoped(), new.grouping_id) {
        put_grouping_role(&txn, created.id, grouping_id, new.role).await?;
    }
    audit::record(
        &txn,
        actor,
        "user.create",
        Some(created.email.clone()),
        Some(json!({"role": new.role.as_str(), "grouping_id": new.grouping_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

async fn put_grouping_role<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    grouping_id: Uuid,
    role: Role,
) -> Result<(), StoreError> {
    let existing = user_grouping_role::Entity::find_by_id((user_id, grouping_id))
        .one(conn)
        .await?;
    match existing {
        Some(row) => {
            let mut active: user_grouping_role::ActiveModel = row.into();
            active.role = Set(role.as_str().to_owned());
            active.update(conn).await?;
        }
        None => {
            user_grouping_role::ActiveModel {
                user_id: Set(user_id),
                grouping_id: Set(grouping_id),
                role: Set(role.as_str().to_owned()),
                created_at: Set(Utc::now()),
            }
            .insert(conn)
            .await?;
        }
    }
    Ok(())
}

pub async fn find_by_email<C: ConnectionTrait>(
    conn: &C,
    email: &Email,
) -> Result<Option<user::Model>, StoreError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?)
}

pub async fn find_by_id(store: &Store, id: Uuid) -> Result<Option<user::Model>, StoreError> {
    Ok(user::Entity::find_by_id(id).one(store.conn()).await?)
}

pub async fn view(store: &Store, id: Uuid) -> Result<Option<UserView>, StoreError> {
    let Some(user) = find_by_id(store, id).await? else {
        return Ok(None);
    };
    let roles = roles_of(store.conn(), &[user.id])
        .await?
        .remove(&user.id)
        .unwrap_or_default();
    Ok(Some(UserView { user, roles }))
}

async fn roles_of<C: ConnectionTrait>(
    conn: &C,
    user_ids: &[Uuid],
) -> Result<BTreeMap<Uuid, Vec<GroupingRole>>, StoreError> {
    let rows = user_grouping_role::Entity::find()
        .filter(user_grouping_role::Column::UserId.is_in(user_ids.iter().copied()))
        .find_also_related(grouping::Entity)
        .all(conn)
        .await?;
    let mut out: BTreeMap<Uuid, Vec<GroupingRole>> = BTreeMap::new();
    for (row, grouping) in rows {
        let (Ok(role), Some(g)) = (row.role.parse::<Role>(), grouping) else {
            continue;
        };
        out.entry(row.user_id).or_default().push(GroupingRole {
            grouping_id: g.id,
            grouping_slug: g.slug,
            grouping_name: g.name,
            role,
        });
    }
    for roles in out.values_mut() {
        roles.sort_by(|a, b| a.grouping_name.cmp(&b.grouping_name));
    }
    Ok(out)
}

pub async fn list(store: &Store) -> Result<Vec<UserView>, StoreError> {
    let users = user::Entity::find()
        .order_by_asc(user::Column::Email)
        .all(store.conn())
        .await?;
    let ids: Vec<Uuid> = users.iter().map(|u| u.id).collect();
    let mut roles = roles_of(store.conn(), &ids).await?;
    Ok(users
        .into_iter()
        .map(|user| {
            let roles = roles.remove(&user.id).unwrap_or_default();
            UserView { user, roles }
        })
        .collect())
}

pub async fn count_active_admins<C: ConnectionTrait>(conn: &C) -> Result<u64, StoreError> {
    Ok(user::Entity::find()
        .filter(user::Column::IsAdmin.eq(true))
        .filter(user::Column::Active.eq(true))
        .count(conn)
        .await?)
}

/// The active administrators, counted so that the count holds until the
/// transaction ends: on PostgreSQL their rows are locked, so two of them
/// demoted or deactivated at once cannot each still count the other and
/// leave none. SQLite's write lock ([`Store::write`]) already serializes.
async fn count_active_admins_for_update<C: ConnectionTrait>(conn: &C) -> Result<u64, StoreError> {
    let mut admins = user::Entity::find()
        .filter(user::Column::IsAdmin.eq(true))
        .filter(user::Column::Active.eq(true));
    if conn.get_database_backend() == DatabaseBackend::Postgres {
        admins = admins.lock_exclusive();
    }
    Ok(u64::try_from(admins.all(conn).await?.len()).unwrap_or(u64::MAX))
}

async fn load_for_update<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<user::Model, StoreError> {
    user::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Gives `role` to the account: admin is platform-wide; any other role is
/// set in `grouping_id` and takes the platform-wide admin role away.
pub async fn set_role(
    store: &Store,
    actor: &Actor,
    user_id: Uuid,
    role: Role,
    grouping_id: Option<Uuid>,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let user = load_for_update(&txn, user_id).await?;
    let was_admin = user.is_admin;
    if role.is_scoped() {
        let grouping_id = grouping_id.ok_or_else(|| {
            StoreError::Invalid(format!("the role {role} is held in a grouping: give one"))
        })?;
        if grouping::Entity::find_by_id(grouping_id)
            .one(&txn)
            .await?
            .is_none()
        {
            return Err(StoreError::Invalid("unknown grouping".into()));
        }
        if was_admin && user.active && count_active_admins_for_update(&txn).await? <= 1 {
            return Err(StoreError::LastAdministrator);
        }
        put_grouping_role(&txn, user_id, grouping_id, role).await?;
    }
    let is_admin = role == Role::Admin;
    if was_admin != is_admin {
        let mut active: user::ActiveModel = user.clone().into();
        active.is_admin = Set(is_admin);
        active.updated_at = Set(Utc::now());
        active.update(&txn).await?;
    }
    audit::record(
        &txn,
        actor,
        "user.role_change",
        Some(user.email),
        Some(json!({"role": role.as_str(), "grouping_id": grouping_id, "was_admin": was_admin})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes the role held in one grouping away.
pub async fn remove_grouping_role(
    store: &Store,
    actor: &Actor,
    user_id: Uuid,
    grouping_id: Uuid,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let user = load_for_update(&txn, user_id).await?;
    let deleted = user_grouping_role::Entity::delete_by_id((user_id, grouping_id))
        .exec(&txn)
        .await?;
    if deleted.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    audit::record(
        &txn,
        actor,
        "user.role_remove",
        Some(user.email),
        Some(json!({"grouping_id": grouping_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Activates or deactivates an account; deactivation ends its sessions.
pub async fn set_active(
    store: &Store,
    actor: &Actor,
    user_id: Uuid,
    active: bool,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let user = load_for_update(&txn, user_id).await?;
    if user.active == active {
        return Ok(());
    }
    if !active && actor.user_id == Some(user_id) {
        return Err(StoreError::OwnAccount);
    }
    if !active && user.is_admin && count_active_admins_for_update(&txn).await? <= 1 {
        return Err(StoreError::LastAdministrator);
    }
    let email = user.email.clone();
    let mut model: user::ActiveModel = user.into();
    model.active = Set(active);
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    if !active {
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
    }
    let action = if active {
        "user.activate"
    } else {
        "user.deactivate"
    };
    audit::record(&txn, actor, action, Some(email), None).await?;
    txn.commit().await?;
    Ok(())
}

/// Replaces the password hash and ends every other session of the account.
pub async fn set_password(
    store: &Store,
    actor: &Actor,
    user_id: Uuid,
    password_hash: String,
    keep_session: Option<&str>,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let user = load_for_update(&txn, user_id).await?;
    let email = user.email.clone();
    let mut model: user::ActiveModel = user.into();
    model.password_hash = Set(password_hash);
    model.must_change_password = Set(false);
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    let mut others = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(keep) = keep_session {
        others = others.filter(session::Column::Id.ne(keep));
    }
    others.exec(&txn).await?;
    audit::record(&txn, actor, "user.password_change", Some(email), None).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn mark_login(store: &Store, user_id: Uuid, at: DateTime<Utc>) -> Result<(), StoreError> {
    user::Entity::update_many()
        .col_expr(
            user::Column::LastLoginAt,
            sea_orm::sea_query::Expr::value(at),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(store.conn())
        .await?;
    Ok(())
}

/// Creates the account as an active administrator, or resets its password
/// and reactivates it (the demo prints a login that always works).
pub async fn ensure_admin(
    store: &Store,
    email: &Email,
    display_name: &str,
    password_hash: String,
) -> Result<(), StoreError> {
    let actor = Actor::system();
    match find_by_email(store.conn(), email).await? {
        None => {
            create_user(
                store,
                &actor,
                NewUser {
                    email: email.clone(),
                    display_name: display_name.to_owned(),
                    password_hash,
                    role: Role::Admin,
                    grouping_id: None,
                    must_change_password: false,
                },
            )
            .await?;
        }
        Some(user) => {
            let txn = store.write().await?;
            let mut model: user::ActiveModel = user.into();
            model.password_hash = Set(password_hash);
            model.is_admin = Set(true);
            model.active = Set(true);
            model.must_change_password = Set(false);
            model.updated_at = Set(Utc::now());
            model.update(&txn).await?;
            audit::record(
                &txn,
                &actor,
                "user.password_reset",
                Some(email.to_string()),
                None,
            )
            .await?;
            txn.commit().await?;
        }
    }
    Ok(())
}

/// Sets (or clears) the account's own organization.
pub async fn set_organization(
    store: &Store,
    actor: &Actor,
    user_id: Uuid,
    organization_id: Option<String>,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let user = load_for_update(&txn, user_id).await?;
    let email = user.email.clone();
    let mut model: user::ActiveModel = user.into();
    model.organization_id = Set(organization_id.clone());
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    audit::record(
        &txn,
        actor,
        "user.organization_change",
        Some(email),
        Some(json!({"organization_id": organization_id})),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
