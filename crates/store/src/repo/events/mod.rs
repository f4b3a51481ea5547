//! Events: the event and its sessions, registrations with a waiting list,
//! attendance (imported grids by organization, check-in by person), and
//! the numbers the attendance table and the bilan show.

pub mod evaluations;
pub mod pages;
pub mod reports;
pub mod teams;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, Statement,
};
use uuid::Uuid;

use super::audit::{self, Actor};
use super::batch;
use super::change_log::Op;
use super::order::position;
use crate::entity::attendance::AttendanceSource;
use crate::entity::event::EventStatus;
use crate::entity::registration::RegistrationStatus;
use crate::entity::{attendance, event, event_session, registration};
use crate::{Store, StoreError};

// ---------- events ----------

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventInput {
    pub grouping_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    pub intentions: Vec<String>,
    pub audience: Option<String>,
    pub capacity: Option<i32>,
    pub status: EventStatus,
    pub registration_closes_on: Option<NaiveDate>,
}

pub async fn event<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
) -> Result<Option<event::Model>, StoreError> {
    Ok(event::Entity::find_by_id(id).one(conn).await?)
}

/// Events of these groupings (all events when `None`), latest first.
pub async fn events_of<C: ConnectionTrait>(
    conn: &C,
    grouping_ids: Option<&[Uuid]>,
) -> Result<Vec<event::Model>, StoreError> {
    let mut q = event::Entity::find();
    if let Some(ids) = grouping_ids {
        q = q.filter(event::Column::GroupingId.is_in(ids.iter().copied()));
    }
    Ok(q.order_by_desc(event::Column::CreatedAt).all(conn).await?)
}

/// The event with exactly this title (the command line names events so).
pub async fn find_by_title<C: ConnectionTrait>(
    conn: &C,
    title: &str,
) -> Result<Vec<event::Model>, StoreError> {
    Ok(event::Entity::find()
        .filter(event::Column::Title.eq(title))
        .all(conn)
        .await?)
}

pub async fn create_event_in<C: ConnectionTrait>(
    conn: &C,
    input: &EventInput,
) -> Result<event::Model, StoreError> {
    let now = Utc::now();
    Ok(event::ActiveModel {
        id: Set(Uuid::new_v4()),
        grouping_id: Set(input.grouping_id),
        title: Set(input.title.clone()),
        description: Set(input.description.clone()),
        intentions: Set((!input.intentions.is_empty()).then(|| input.intentions.join("\n"))),
        audience: Set(input.audience.clone()),
        capacity: Set(input.capacity),
        status: Set(input.status),
        registration_closes_on: Set(input.registration_closes_on),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(conn)
    .await?)
}

pub async fn create_event(
    store: &Store,
    actor: &Actor,
    input: &EventInput,
) -> Result<event::Model, StoreError> {
    create_event_with_session(store, actor, input, None).await
}

/// The event and, when given, its first session: both or neither.
pub async fn create_event_with_session(
    store: &Store,
    actor: &Actor,
    input: &EventInput,
    first: Option<&SessionInput>,
) -> Result<event::Model, StoreError> {
    let txn = store.write().await?;
    let model = create_event_in(&txn, input).await?;
    if let Some(s) = first {
        ensure_session(&txn, model.id, s).await?;
    }
    audit::record(
        &txn,
        actor,
        "event.create",
        Some(model.id.to_string()),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Saves the event form. A larger capacity (or none) opens places: the
/// first people of the waiting list take them, each with the message
/// `promotion` writes for them; they are returned, to be told.
pub async fn update_event(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    version: i32,
    input: &EventInput,
    promotion: impl Fn(&registration::Model) -> String,
) -> Result<(event::Model, Vec<registration::Model>), StoreError> {
    let txn = store.write().await?;
    // The version check and the places counted below hold until commit,
    // against another save and against registrations.
    lock_event(store, &txn, id).await?;
    let existing = event(&txn, id).await?.ok_or(StoreError::NotFound)?;
    if existing.version != version {
        return Err(StoreError::Stale("event"));
    }
    let mut active: event::ActiveModel = existing.into();
    active.grouping_id = Set(input.grouping_id);
    active.title = Set(input.title.clone());
    active.description = Set(input.description.clone());
    active.intentions = Set((!input.intentions.is_empty()).then(|| input.intentions.join("\n")));
    active.audience = Set(input.audience.clone());
    active.capacity = Set(input.capacity);
    active.status = Set(input.status);
    active.registration_closes_on = Set(input.registration_closes_on);
    active.version = Set(version + 1);
    active.updated_at = Set(Utc::now());
    let updated = active.update(&txn).await?;
    audit::record(&txn, actor, "event.update", Some(id.to_string()), None).await?;
    let promoted = fill_from_waitlist(&txn, &updated, promotion).await?;
    txn.commit().await?;
    Ok((updated, promoted))
}

pub fn intentions(e: &event::Model) -> Vec<String> {
    e.intentions
        .as_deref()
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

// ---------- sessions ----------

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionInput {
    pub date: NaiveDate,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub place: Option<String>,
    pub address: Option<String>,
}

/// Sessions by date.
pub async fn sessions<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<event_session::Model>, StoreError> {
    Ok(event_session::Entity::find()
        .filter(event_session::Column::EventId.eq(event_id))
        .order_by_asc(event_session::Column::Date)
        .all(conn)
        .await?)
}

/// The sessions of these events, each event's by date, in one query.
pub async fn sessions_of_events<C: ConnectionTrait>(
    conn: &C,
    event_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<event_session::Model>>, StoreError> {
    let mut out: HashMap<Uuid, Vec<event_session::Model>> = HashMap::new();
    if event_ids.is_empty() {
        return Ok(out);
    }
    for s in event_session::Entity::find()
        .filter(event_session::Column::EventId.is_in(event_ids.iter().copied()))
        .order_by_asc(event_session::Column::Date)
        .all(conn)
        .await?
    {
        out.entry(s.event_id).or_default().push(s);
    }
    Ok(out)
}

/// The session of that date, created when missing; `SessionDateTaken` never: a date
/// is one session.
pub async fn ensure_session<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
    input: &SessionInput,
) -> Result<event_session::Model, StoreError> {
    let existing = sessions(conn, event_id).await?;
    if let Some(s) = existing.iter().find(|s| s.date == input.date) {
        return Ok(s.clone());
    }
    Ok(event_session::ActiveModel {
        id: Set(Uuid::new_v4()),
        event_id: Set(event_id),
        date: Set(input.date),
        starts_at: Set(input.starts_at.clone()),
        ends_at: Set(input.ends_at.clone()),
        place: Set(input.place.clone()),
        address: Set(input.address.clone()),
        position: Set(position(existing.len())),
    }
    .insert(conn)
    .await?)
}

pub async fn update_session(
    store: &Store,
    event_id: Uuid,
    id: Uuid,
    input: &SessionInput,
) -> Result<(), StoreError> {
    let txn = store.write().await?;
    let all = sessions(&txn, event_id).await?;
    let found = all
        .iter()
        .find(|s| s.id == id)
        .cloned()
        .ok_or(StoreError::NotFound)?;
    if all.iter().any(|s| s.id != id && s.date == input.date) {
        return Err(StoreError::SessionDateTaken);
    }
    let mut active: event_session::ActiveModel = found.into();
    active.date = Set(input.date);
    active.starts_at = Set(input.starts_at.clone());
    active.ends_at = Set(input.ends_at.clone());
    active.place = Set(input.place.clone());
    active.address = Set(input.address.clone());
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

pub async fn delete_session(store: &Store, event_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let res = event_session::Entity::delete_many()
        .filter(event_session::Column::Id.eq(id))
        .filter(event_session::Column::EventId.eq(event_id))
        .exec(store.conn())
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

// ---------- registrations ----------

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistrationInput {
    pub name: String,
    pub email: String,
    pub organization_id: Option<String>,
    pub organization_text: Option<String>,
    pub role: Option<String>,
    pub needs: Option<String>,
    /// The language of the confirmation (`fr` or `en`), kept for a resend.
    pub confirmation_lang: Option<String>,
}

/// Why a registration is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegistrationRefusal {
    /// The event is not open (draft or done).
    NotOpen,
    /// Registration closed on that date.
    Closed,
    /// This e-mail is already registered.
    Duplicate,
}

#[derive(Debug, Clone)]
pub struct Registered {
    pub registration: registration::Model,
    /// The token of the registrant's personal links (evaluation, declared
    /// links); only its digest is stored.
    pub token: String,
    pub waitlisted: bool,
}

pub async fn registrations<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<registration::Model>, StoreError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .order_by_asc(registration::Column::CreatedAt)
        .all(conn)
        .await?)
}

pub async fn registration_by_token<C: ConnectionTrait>(
    conn: &C,
    token: &str,
) -> Result<Option<registration::Model>, StoreError> {
    Ok(registration::Entity::find()
        .filter(registration::Column::TokenDigest.eq(maillage_domain::token::digest(token)))
        .one(conn)
        .await?)
}

/// Makes the capacity check and the insert that follows one decision: on
/// PostgreSQL the event's row is locked until the transaction ends, so
/// concurrent registrations to one event queue instead of all counting the
/// same free places. SQLite needs nothing: [`Store::write`] already holds the
/// database's only write lock. Whatever else counts what an event holds
/// before writing (one evaluation per personal link) takes it too.
pub(crate) async fn lock_event(
    store: &Store,
    txn: &DatabaseTransaction,
    event_id: Uuid,
) -> Result<(), StoreError> {
    if store.backend() == crate::Backend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            "SELECT id FROM events WHERE id = $1 FOR UPDATE",
            [event_id.into()],
        ))
        .await?;
    }
    Ok(())
}

/// Registers a person: confirmed while there is room, on the waiting list
/// once the capacity is reached. `confirmation` builds the message shown
/// and stored (it gets the waiting-list flag and the personal token).
pub async fn register(
    store: &Store,
    event_id: Uuid,
    input: &RegistrationInput,
    today: NaiveDate,
    confirmation: impl FnOnce(bool, &str) -> String,
) -> Result<Result<Registered, RegistrationRefusal>, StoreError> {
    let txn = store.write().await?;
    lock_event(store, &txn, event_id).await?;
    let e = event(&txn, event_id).await?.ok_or(StoreError::NotFound)?;
    if e.status != EventStatus::Published {
        return Ok(Err(RegistrationRefusal::NotOpen));
    }
    if e.registration_closes_on.is_some_and(|d| today > d) {
        return Ok(Err(RegistrationRefusal::Closed));
    }
    let email = input.email.trim().to_lowercase();
    let already = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Email.eq(email.as_str()))
        .filter(registration::Column::Status.ne(RegistrationStatus::Cancelled))
        .count(&txn)
        .await?;
    if already > 0 {
        return Ok(Err(RegistrationRefusal::Duplicate));
    }
    let confirmed = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Confirmed))
        .count(&txn)
        .await?;
    let waitlisted = e
        .capacity
        .is_some_and(|c| confirmed >= u64::try_from(Ord::max(c, 0)).unwrap_or(0));
    let token = maillage_domain::token::new_token();
    let text = confirmation(waitlisted, &token);
    // A cancelled registration with the same e-mail is replaced.
    registration::Entity::delete_many()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Email.eq(email.as_str()))
        .exec(&txn)
        .await?;
    let model = registration::ActiveModel {
        id: Set(Uuid::new_v4()),
        event_id: Set(event_id),
        name: Set(input.name.trim().to_owned()),
        email: Set(email),
        organization_id: Set(input.organization_id.clone()),
        organization_text: Set(input.organization_text.clone()),
        role: Set(input.role.clone()),
        needs: Set(input.needs.clone()),
        status: Set(if waitlisted {
            RegistrationStatus::Waitlist
        } else {
            RegistrationStatus::Confirmed
        }),
        token_digest: Set(maillage_domain::token::digest(&token)),
        confirmation: Set(Some(text)),
        confirmation_lang: Set(input.confirmation_lang.clone()),
        confirmation_sent_at: Set(None),
        confirmation_error: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(Ok(Registered {
        registration: model,
        token,
        waitlisted,
    }))
}

/// Cancels a registration; the first person of the waiting list takes the
/// place, with the message `promotion` writes for them. Returns the
/// promoted registrations (one, or none; more only if places were free).
pub async fn cancel_registration(
    store: &Store,
    event_id: Uuid,
    id: Uuid,
    promotion: impl Fn(&registration::Model) -> String,
) -> Result<Vec<registration::Model>, StoreError> {
    let txn = store.write().await?;
    lock_event(store, &txn, event_id).await?;
    let e = event(&txn, event_id).await?.ok_or(StoreError::NotFound)?;
    let found = registration::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .filter(|r| r.event_id == event_id)
        .ok_or(StoreError::NotFound)?;
    let was_confirmed = found.status == RegistrationStatus::Confirmed;
    let mut active: registration::ActiveModel = found.into();
    active.status = Set(RegistrationStatus::Cancelled);
    active.update(&txn).await?;
    let promoted = if was_confirmed {
        fill_from_waitlist(&txn, &e, promotion).await?
    } else {
        Vec::new()
    };
    txn.commit().await?;
    Ok(promoted)
}

/// Gives the event's free places to the waiting list, oldest first. Each
/// promoted registration gets the message `promotion` writes for it, its
/// earlier sending outcome cleared (it is to be sent anew). The caller holds
/// the event's lock ([`lock_event`]), so the count is the one written.
async fn fill_from_waitlist(
    txn: &DatabaseTransaction,
    e: &event::Model,
    promotion: impl Fn(&registration::Model) -> String,
) -> Result<Vec<registration::Model>, StoreError> {
    let waiting = registration::Entity::find()
        .filter(registration::Column::EventId.eq(e.id))
        .filter(registration::Column::Status.eq(RegistrationStatus::Waitlist))
        .order_by_asc(registration::Column::CreatedAt)
        .all(txn)
        .await?;
    if waiting.is_empty() {
        return Ok(Vec::new());
    }
    let free = match e.capacity {
        None => waiting.len(),
        Some(c) => {
            let confirmed = registration::Entity::find()
                .filter(registration::Column::EventId.eq(e.id))
                .filter(registration::Column::Status.eq(RegistrationStatus::Confirmed))
                .count(txn)
                .await?;
            usize::try_from(
                u64::try_from(Ord::max(c, 0))
                    .unwrap_or(0)
                    .saturating_sub(confirmed),
            )
            .unwrap_or(usize::MAX)
        }
    };
    let mut promoted = Vec::new();
    for next in waiting.into_iter().take(free) {
        let text = promotion(&next);
        let mut active: registration::ActiveModel = next.into();
        active.status = Set(RegistrationStatus::Confirmed);
        active.confirmation = Set(Some(text));
        active.confirmation_sent_at = Set(None);
        active.confirmation_error = Set(None);
        promoted.push(active.update(txn).await?);
    }
    Ok(promoted)
}

pub async fn set_registration_organization(
    store: &Store,
    id: Uuid,
    organization_id: Option<String>,
) -> Result<(), StoreError> {
    // One statement: a registration cancelled or replaced meanwhile is
    // « not found », never a failed update.
    let res = registration::Entity::update_many()
        .col_expr(
            registration::Column::OrganizationId,
            Expr::value(organization_id),
        )
        .filter(registration::Column::Id.eq(id))
        .exec(store.conn())
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Records what the mail server said of a registration's confirmation:
/// `Ok` sets the time it was accepted (and clears an earlier error), `Err`
/// keeps the reason. One statement, so that a late outcome never
/// overwrites other columns changed meanwhile.
pub async fn record_confirmation_outcome<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    outcome: Result<chrono::DateTime<Utc>, String>,
) -> Result<(), StoreError> {
    let (sent_at, error) = match outcome {
        Ok(at) => (Some(at), None),
        Err(reason) => (None, Some(reason)),
    };
    let res = registration::Entity::update_many()
        .col_expr(
            registration::Column::ConfirmationSentAt,
            Expr::value(sent_at),
        )
        .col_expr(registration::Column::ConfirmationError, Expr::value(error))
        .filter(registration::Column::Id.eq(id))
        .exec(conn)
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn registration_of<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
    id: Uuid,
) -> Result<Option<registration::Model>, StoreError> {
    Ok(registration::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|r| r.event_id == event_id))
}

// ---------- attendance ----------

pub async fn attendance_rows<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Vec<attendance::Model>, StoreError> {
    Ok(attendance::Entity::find()
        .filter(attendance::Column::EventId.eq(event_id))
        .all(conn)
        .await?)
}

/// Marks a registrant present at a session (check-in); idempotent. The
/// registrant's organization counts as present too.
///
/// One `insert … select … on conflict do nothing` against the unique index
/// on (session, registration): no transaction, no count first, and two
/// taps at once still write one row.
pub async fn check_in(
    store: &Store,
    event_id: Uuid,
    session_id: Uuid,
    registration_id: Uuid,
) -> Result<(), StoreError> {
    use attendance::Column as A;
    let registrant = Query::select()
        .expr(Expr::val(event_id))
        .expr(Expr::val(session_id))
        .column(registration::Column::OrganizationId)
        .column(registration::Column::Id)
        .expr(Expr::val(AttendanceSource::Checkin.as_str()))
        .expr(Expr::val(Utc::now()))
        .from(registration::Entity)
        .and_where(registration::Column::Id.eq(registration_id))
        .and_where(registration::Column::EventId.eq(event_id))
        .to_owned();
    let insert = Query::insert()
        .into_table(attendance::Entity)
        .columns([
            A::EventId,
            A::SessionId,
            A::OrganizationId,
            A::RegistrationId,
            A::Source,
            A::CreatedAt,
        ])
        .select_from(registrant)
        .map_err(|e| StoreError::Invalid(e.to_string()))?
        .on_conflict(
            OnConflict::columns([A::SessionId, A::RegistrationId])
                .do_nothing()
                .to_owned(),
        )
        .to_owned();
    let written = store.conn().execute(&insert).await?.rows_affected();
    // Nothing written: already present, or no such registrant (rare, so
    // only then is it looked up).
    if written == 0
        && registration_of(store.conn(), event_id, registration_id)
            .await?
            .is_none()
    {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn undo_check_in(
    store: &Store,
    session_id: Uuid,
    registration_id: Uuid,
) -> Result<(), StoreError> {
    attendance::Entity::delete_many()
        .filter(attendance::Column::SessionId.eq(session_id))
        .filter(attendance::Column::RegistrationId.eq(registration_id))
        .exec(store.conn())
        .await?;
    Ok(())
}

/// A walk-in: someone who did not register, present at a session.
pub async fn walk_in(
    store: &Store,
    event_id: Uuid,
    session_id: Uuid,
    name: &str,
    organization_id: Option<String>,
) -> Result<(), StoreError> {
    attendance::ActiveModel {
        event_id: Set(event_id),
        session_id: Set(session_id),
        organization_id: Set(organization_id),
        registration_id: Set(None),
        person_name: Set(Some(name.to_owned())),
        source: Set(AttendanceSource::WalkIn),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(store.conn())
    .await?;
    Ok(())
}

/// One row of an attendance grid, its organization resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridOrganization {
    Known(String),
    /// Create it (with `--create-missing`): its name as written.
    New(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub organization: GridOrganization,
    /// One per session, in the order of `dates`.
    pub present: Vec<bool>,
    /// A name confirmed as this organization (a fuzzy match): kept as an
    /// alias so the next import matches it exactly.
    pub new_alias: Option<String>,
}

/// Writes an imported grid in one transaction: the sessions of its dates
/// (created when missing), the organizations it creates, the aliases of
/// confirmed fuzzy matches, and its presences, which replace those an
/// earlier grid import wrote for the same sessions.
/// The event a grid goes to: an existing one, or one to create with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridTarget {
    Existing(Uuid),
    New(EventInput),
}

pub async fn import_grid(
    store: &Store,
    actor: &Actor,
    target: &GridTarget,
    dates: &[NaiveDate],
    rows: &[GridRow],
) -> Result<Uuid, StoreError> {
    // Everything that does not depend on the database is laid out before
    // the write transaction, which then holds a few multi-row statements
    // per table whatever the size of the grid.
    let now = Utc::now();
    let (organizations, new_organizations, created) = grid_organizations(rows, now);
    let new_aliases = grid_aliases(rows, &organizations);

    let txn = store.write().await?;
    let event_id = match target {
        GridTarget::Existing(id) => event(&txn, *id).await?.ok_or(StoreError::NotFound)?.id,
        GridTarget::New(input) => create_event_in(&txn, input).await?.id,
    };
    let session_ids = grid_sessions(&txn, event_id, dates).await?;
    attendance::Entity::delete_many()
        .filter(attendance::Column::SessionId.is_in(session_ids.clone()))
        .filter(attendance::Column::Source.eq(AttendanceSource::Grid))
        .exec(&txn)
        .await?;
    batch::insert_rows(
        &txn,
        "organizations",
        &[
            "id",
            "name",
            "description",
            "created_at",
            "updated_at",
            "version",
        ],
        new_organizations,
    )
    .await?;
    let mut changes: Vec<(&str, Op)> = created.iter().map(|id| (id.as_str(), Op::Insert)).collect();
    changes.extend(
        add_aliases(&txn, &new_aliases, now)
            .await?
            .into_iter()
            .map(|id| (id, Op::Update)),
    );
    batch::insert_rows(
        &txn,
        "change_log",
        &["table_name", "row_id", "op", "at", "grouping_id"],
        changes
            .into_iter()
            .map(|(id, op)| {
                vec![
                    Expr::val("organizations"),
                    Expr::val(id),
                    Expr::val(op.as_str()),
                    Expr::val(now),
                    Expr::val(Option::<Uuid>::None),
                ]
            })
            .collect(),
    )
    .await?;
    batch::insert_rows(
        &txn,
        "attendance",
        &[
            "event_id",
            "session_id",
            "organization_id",
            "registration_id",
            "person_name",
            "source",
            "created_at",
        ],
        grid_presences(event_id, rows, &organizations, &session_ids, now),
    )
    .await?;
    audit::record(
        &txn,
        actor,
        "attendance.import",
        Some(event_id.to_string()),
        Some(serde_json::json!({"rows": rows.len(), "sessions": dates.len()})),
    )
    .await?;
    txn.commit().await?;
    Ok(event_id)
}

/// The organization of each row (a new one gets its id here), the rows of
/// the organizations to create, and their ids.
fn grid_organizations(
    rows: &[GridRow],
    now: chrono::DateTime<Utc>,
) -> (Vec<String>, Vec<Vec<Expr>>, Vec<String>) {
    let mut new_organizations = Vec::new();
    let organizations: Vec<String> = rows
        .iter()
        .map(|row| match &row.organization {
            GridOrganization::Known(id) => id.clone(),
            GridOrganization::New(name) => {
                let id = Uuid::new_v4().to_string();
                new_organizations.push(vec![
                    Expr::val(id.as_str()),
                    Expr::val(name.as_str()),
                    Expr::val("Organisation ajoutée par l’import d’une grille de présences."),
                    Expr::val(now),
                    Expr::val(now),
                    Expr::val(1),
                ]);
                id
            }
        })
        .collect();
    let created: Vec<String> = rows
        .iter()
        .zip(&organizations)
        .filter(|(row, _)| matches!(row.organization, GridOrganization::New(_)))
        .map(|(_, id)| id.clone())
        .collect();
    (organizations, new_organizations, created)
}

/// Confirmed names by organization, in row order, each once.
fn grid_aliases<'a>(
    rows: &'a [GridRow],
    organizations: &'a [String],
) -> Vec<(&'a str, Vec<&'a str>)> {
    let mut new_aliases: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut alias_slot: HashMap<&str, usize> = HashMap::new();
    for (row, org) in rows.iter().zip(organizations) {
        let Some(alias) = row.new_alias.as_deref().map(str::trim) else {
            continue;
        };
        if alias.is_empty() {
            continue;
        }
        let slot = *alias_slot.entry(org.as_str()).or_insert_with(|| {
            new_aliases.push((org.as_str(), Vec::new()));
            new_aliases.len() - 1
        });
        if !new_aliases[slot].1.contains(&alias) {
            new_aliases[slot].1.push(alias);
        }
    }
    new_aliases
}

/// The session of each date of the grid, the missing ones created.
async fn grid_sessions<C: ConnectionTrait>(
    txn: &C,
    event_id: Uuid,
    dates: &[NaiveDate],
) -> Result<Vec<Uuid>, StoreError> {
    let existing = sessions(txn, event_id).await?;
    let mut by_date: HashMap<NaiveDate, Uuid> = existing.iter().map(|s| (s.date, s.id)).collect();
    let mut new_sessions = Vec::new();
    let session_ids: Vec<Uuid> = dates
        .iter()
        .map(|d| {
            *by_date.entry(*d).or_insert_with(|| {
                let id = Uuid::new_v4();
                new_sessions.push(vec![
                    Expr::val(id),
                    Expr::val(event_id),
                    Expr::val(*d),
                    Expr::val(Option::<String>::None),
                    Expr::val(Option::<String>::None),
                    Expr::val(Option::<String>::None),
                    Expr::val(Option::<String>::None),
                    Expr::val(position(existing.len() + new_sessions.len())),
                ]);
                id
            })
        })
        .collect();
    batch::insert_rows(
        txn,
        "event_sessions",
        &[
            "id",
            "event_id",
            "date",
            "starts_at",
            "ends_at",
            "place",
            "address",
            "position",
        ],
        new_sessions,
    )
    .await?;
    Ok(session_ids)
}

/// The presences of the grid, one row per organization and session.
fn grid_presences(
    event_id: Uuid,
    rows: &[GridRow],
    organizations: &[String],
    session_ids: &[Uuid],
    now: chrono::DateTime<Utc>,
) -> Vec<Vec<Expr>> {
    let mut seen: HashSet<(Uuid, &str)> = HashSet::new();
    let mut presences = Vec::new();
    for (row, org) in rows.iter().zip(organizations) {
        for (present, session) in row.present.iter().zip(session_ids) {
            if *present && seen.insert((*session, org.as_str())) {
                presences.push(vec![
                    Expr::val(event_id),
                    Expr::val(*session),
                    Expr::val(org.as_str()),
                    Expr::val(Option::<Uuid>::None),
                    Expr::val(Option::<String>::None),
                    Expr::val(AttendanceSource::Grid.as_str()),
                    Expr::val(now),
                ]);
            }
        }
    }
    presences
}

/// Appends the confirmed names to their organizations' aliases (those
/// already there are skipped), after the aliases each already has; the
/// organizations whose aliases changed.
async fn add_aliases<'a, C: ConnectionTrait>(
    conn: &C,
    wanted: &[(&'a str, Vec<&str>)],
    now: chrono::DateTime<Utc>,
) -> Result<Vec<&'a str>, StoreError> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let mut current: HashMap<String, (HashSet<String>, i32)> = HashMap::new();
    for chunk in wanted.chunks(batch::MAX_PARAMETERS) {
        let stmt = Query::select()
            .columns(["organization_id", "alias", "position"].map(Alias::new))
            .from(Alias::new("organization_aliases"))
            .and_where(
                Expr::col(Alias::new("organization_id")).is_in(chunk.iter().map(|(id, _)| *id)),
            )
            .to_owned();
        for row in conn.query_all(&stmt).await? {
            let org: String = row.try_get("", "organization_id")?;
            let alias: String = row.try_get("", "alias")?;
            let at: i32 = row.try_get("", "position")?;
            let entry = current.entry(org).or_insert_with(|| (HashSet::new(), -1));
            entry.0.insert(alias);
            entry.1 = Ord::max(entry.1, at);
        }
    }
    let mut changed = Vec::new();
    let mut inserts = Vec::new();
    for (org, aliases) in wanted {
        let (known, last) = current
            .get(*org)
            .cloned()
            .unwrap_or_else(|| (HashSet::new(), -1));
        let mut next = last;
        for alias in aliases.iter().filter(|a| !known.contains(**a)) {
            next += 1;
            inserts.push(vec![
                Expr::val(*org),
                Expr::val(*alias),
                Expr::val(next),
                Expr::val(now),
            ]);
        }
        if next > last {
            changed.push(*org);
        }
    }
    batch::insert_rows(
        conn,
        "organization_aliases",
        &["organization_id", "alias", "position", "created_at"],
        inserts,
    )
    .await?;
    Ok(changed)
}

// ---------- numbers ----------

/// Who was there, session by session.
#[derive(Debug, Clone, Default)]
pub struct Presence {
    pub sessions: Vec<event_session::Model>,
    /// Organization id → present at each session (in `sessions` order).
    pub organizations: BTreeMap<String, Vec<bool>>,
    /// People present at each session (registrants checked in and walk-ins).
    pub people: Vec<usize>,
}

impl Presence {
    pub fn organizations_at(&self, session: usize) -> usize {
        self.organizations
            .values()
            .filter(|p| p.get(session).copied().unwrap_or(false))
            .count()
    }

    /// Organizations present at every session.
    pub fn at_every_session(&self) -> Vec<&String> {
        self.organizations
            .iter()
            .filter(|(_, p)| !p.is_empty() && p.iter().all(|x| *x))
            .map(|(id, _)| id)
            .collect()
    }
}

pub async fn presence<C: ConnectionTrait>(
    conn: &C,
    event_id: Uuid,
) -> Result<Presence, StoreError> {
    let sessions = sessions(conn, event_id).await?;
    let rows = attendance_rows(conn, event_id).await?;
    Ok(presence_of(sessions, &rows))
}

/// The presence table from an event's sessions and attendance rows already
/// loaded (the bilan needs the rows too, and reads them once).
pub fn presence_of(sessions: Vec<event_session::Model>, rows: &[attendance::Model]) -> Presence {
    let index: HashMap<Uuid, usize> = sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let mut organizations: BTreeMap<String, Vec<bool>> = BTreeMap::new();
    let mut people: Vec<HashSet<String>> = vec![HashSet::new(); sessions.len()];
    for row in rows {
        let Some(&i) = index.get(&row.session_id) else {
            continue;
        };
        if let Some(org) = &row.organization_id {
            organizations
                .entry(org.clone())
                .or_insert_with(|| vec![false; sessions.len()])[i] = true;
        }
        if let Some(r) = row.registration_id {
            people[i].insert(r.to_string());
        } else if let Some(name) = &row.person_name {
            people[i].insert(format!("walk-in:{}:{name}", row.id));
        }
    }
    Presence {
        sessions,
        organizations,
        people: people.iter().map(HashSet::len).collect(),
    }
}

/// Organizations present at `event_id` that no earlier event of the same
/// grouping saw (by the date of the first session).
pub async fn first_timers<C: ConnectionTrait>(
    conn: &C,
    e: &event::Model,
    presence: &Presence,
) -> Result<Vec<String>, StoreError> {
    let Some(first) = presence.sessions.first().map(|s| s.date) else {
        return Ok(Vec::new());
    };
    let Some(grouping) = e.grouping_id else {
        return Ok(presence.organizations.keys().cloned().collect());
    };
    let earlier_sessions = Query::select()
        .column(Alias::new("id"))
        .from(Alias::new("event_sessions"))
        .and_where(Expr::col(Alias::new("date")).lt(first))
        .and_where(
            Expr::col(Alias::new("event_id")).in_subquery(
                Query::select()
                    .column(Alias::new("id"))
                    .from(Alias::new("events"))
                    .and_where(Expr::col(Alias::new("grouping_id")).eq(grouping))
                    .and_where(Expr::col(Alias::new("id")).ne(e.id))
                    .to_owned(),
            ),
        )
        .to_owned();
    // Only the distinct organizations, not every earlier attendance row: a
    // grouping with years of events has many more rows than organizations.
    let stmt = Query::select()
        .distinct()
        .column(attendance::Column::OrganizationId)
        .from(attendance::Entity)
        .and_where(attendance::Column::SessionId.in_subquery(earlier_sessions))
        .and_where(attendance::Column::OrganizationId.is_not_null())
        .to_owned();
    let mut seen: HashSet<String> = HashSet::new();
    for row in conn.query_all(&stmt).await? {
        seen.insert(row.try_get("", "organization_id")?);
    }
    Ok(presence
        .organizations
        .keys()
        .filter(|o| !seen.contains(*o))
        .cloned()
        .collect())
}
