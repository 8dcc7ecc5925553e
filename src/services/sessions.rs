//! The team's sessions, kept in the database: every instance reads the same rows, so a
//! logout, a removed member or a session's end is seen everywhere at the next request.
//!
//! The cookie carries a random secret; the table keeps only its hash. A request costs one
//! lookup by primary key (joined with the member); the last-seen instant is written at most
//! every few minutes, so reading a team page stays free of writes.

use chrono::{DateTime, Duration, Utc};
use entity::{team_member, team_session};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::team::Member;
use crate::db::Db;
use crate::domain::ids::{looks_like_secret, new_secret, secret_hash, secrets_match};
use crate::error::AppError;

/// How long a session lasts from its login, whatever is done with it.
pub const LIFETIME: Duration = Duration::hours(12);

/// How stale the last-seen instant may grow before a request writes it again.
const SEEN_EVERY: Duration = Duration::minutes(5);

/// Names a session in the table without being its secret: what a live stream holds to ask
/// whether its session is still open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionKey(String);

/// An open session, as a request finds it.
#[derive(Debug, Clone)]
pub struct OpenSession {
    pub key: SessionKey,
    pub member: Member,
    pub expires: DateTime<Utc>,
    /// Whether this request should move the last-seen instant (see [`seen`]).
    pub stale: bool,
}

/// Opens a session for `member_id` and returns its secret, for the cookie only. Sessions
/// that have ended are deleted on the way, so the table holds only live ones and a few
/// expired since the last login.
pub async fn open(db: &Db, member_id: i32, now: DateTime<Utc>) -> Result<String, AppError> {
    purge_expired(&db.write, now).await?;
    let secret = new_secret();
    let at = now.timestamp_millis();
    team_session::ActiveModel {
        id_hash: Set(secret_hash(&secret)),
        member_id: Set(member_id),
        created_at_ms: Set(at),
        expires_at_ms: Set((now + LIFETIME).timestamp_millis()),
        last_seen_ms: Set(at),
    }
    .insert(&db.write)
    .await?;
    Ok(secret)
}

/// The open session whose secret this is, with its member; `None` for anything else: a
/// secret never issued, one logged out, expired, or whose member was removed.
pub async fn find(db: &Db, secret: &str, now: DateTime<Utc>) -> Result<Option<OpenSession>, AppError> {
    if !looks_like_secret(secret) {
        return Ok(None);
    }
    let hash = secret_hash(secret);
    let found =
        team_session::Entity::find_by_id(hash.clone()).find_also_related(team_member::Entity).one(&db.read).await?;
    let Some((session, Some(member))) = found else { return Ok(None) };
    // The database found the row by this very hash; compared again in constant time so that
    // no collation or padding rule of a database can stand in for equality.
    if !secrets_match(&session.id_hash, &hash) || session.expires_at_ms <= now.timestamp_millis() {
        return Ok(None);
    }
    Ok(Some(OpenSession {
        key: SessionKey(session.id_hash),
        member: member.into(),
        expires: super::stored::instant(session.expires_at_ms),
        stale: now.timestamp_millis() - session.last_seen_ms >= SEEN_EVERY.num_milliseconds(),
    }))
}

/// Whether the session is still open: what a live stream asks now and then.
pub async fn is_open(db: &Db, key: &SessionKey, now: DateTime<Utc>) -> Result<bool, AppError> {
    let found = team_session::Entity::find_by_id(key.0.clone())
        .filter(team_session::Column::ExpiresAtMs.gt(now.timestamp_millis()))
        .one(&db.read)
        .await?;
    Ok(found.is_some())
}

/// Notes that the session was used at `now`.
pub async fn seen(db: &Db, key: &SessionKey, now: DateTime<Utc>) -> Result<(), AppError> {
    team_session::Entity::update_many()
        .col_expr(team_session::Column::LastSeenMs, sea_orm::sea_query::Expr::value(now.timestamp_millis()))
        .filter(team_session::Column::IdHash.eq(key.0.clone()))
        .exec(&db.write)
        .await?;
    Ok(())
}

/// Ends the session whose secret this is, if it is one.
pub async fn close(db: &Db, secret: &str) -> Result<(), AppError> {
    if looks_like_secret(secret) {
        team_session::Entity::delete_by_id(secret_hash(secret)).exec(&db.write).await?;
    }
    Ok(())
}

/// Ends every session of a member, within the caller's transaction.
pub async fn close_all(db: &impl ConnectionTrait, member_id: i32) -> Result<u64, AppError> {
    let deleted =
        team_session::Entity::delete_many().filter(team_session::Column::MemberId.eq(member_id)).exec(db).await?;
    Ok(deleted.rows_affected)
}

/// Deletes the sessions that have ended by `now`.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, AppError> {
    let deleted = team_session::Entity::delete_many()
        .filter(team_session::Column::ExpiresAtMs.lte(now.timestamp_millis()))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}
