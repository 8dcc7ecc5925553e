//! The campaign team's accounts: adding, listing, removing, and checking a login.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use entity::team_member;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, SqlErr};

use super::bounded::Bounded;
use super::stored::instant;
use crate::db::Db;
use crate::domain::Email;
use crate::domain::password::{self, Password};
use crate::error::AppError;

/// A team member's account, never with its password's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: i32,
    pub email: String,
    pub last_login: Option<DateTime<Utc>>,
}

impl From<team_member::Model> for Member {
    fn from(row: team_member::Model) -> Member {
        Member { id: row.id, email: row.email, last_login: row.last_login_ms.map(instant) }
    }
}

/// Why an account cannot be added.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error("{0} already has an account")]
    Exists(String),
    #[error(transparent)]
    App(#[from] AppError),
}

/// Adds an account. The password is hashed off the async threads: argon2 is slow on purpose.
pub async fn add(db: &Db, email: &Email, password: &Password, now: DateTime<Utc>) -> Result<Member, TeamError> {
    let password = password.clone();
    let hash = HASHING.run("hashing a password", move || password.hash()).await?;
    let member = team_member::ActiveModel {
        email: Set(email.identity()),
        password_hash: Set(hash),
        created_at_ms: Set(now.timestamp_millis()),
        last_login_ms: Set(None),
        ..Default::default()
    };
    match member.insert(&db.write).await {
        Ok(member) => Ok(member.into()),
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            Err(TeamError::Exists(email.identity()))
        }
        Err(e) => Err(AppError::Db(e).into()),
    }
}

/// Every account, oldest first.
pub async fn list(db: &Db) -> Result<Vec<Member>, AppError> {
    let found = team_member::Entity::find().order_by_asc(team_member::Column::Id).all(&db.read).await?;
    Ok(found.into_iter().map(Member::from).collect())
}

/// Removes an account; false if there was none. Its sessions end with it, on every
/// instance, and its open live streams stop at their next check.
pub async fn remove(db: &Db, email: &Email) -> Result<bool, AppError> {
    let txn = db.begin_write().await?;
    let member = team_member::Entity::find().filter(team_member::Column::Email.eq(email.identity())).one(&txn).await?;
    let Some(member) = member else { return Ok(false) };
    // The foreign key cascades too; deleting here does not depend on SQLite's pragma.
    super::sessions::close_all(&txn, member.id).await?;
    team_member::Entity::delete_by_id(member.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(true)
}

/// How many accounts there are.
pub async fn count(db: &Db) -> Result<u64, AppError> {
    Ok(team_member::Entity::find().count(&db.read).await?)
}

/// The account whose email and password these are, if any. An unknown email costs the same
/// time as a wrong password, so timing does not tell which emails have accounts. The check
/// runs within `checks` (see [`password_checks`]).
pub async fn authenticate(
    db: &Db,
    checks: &Bounded,
    email: &str,
    attempt: &str,
    now: DateTime<Utc>,
) -> Result<Option<Member>, AppError> {
    let identity = email.trim().to_lowercase();
    let member = team_member::Entity::find().filter(team_member::Column::Email.eq(identity)).one(&db.read).await?;
    let stored = member.as_ref().map_or_else(|| DUMMY_HASH.clone(), |m| m.password_hash.clone());
    let attempt = attempt.to_owned();
    let matches = checks.run("checking a password", move || password::verify(&attempt, &stored)).await?;
    match member {
        Some(member) if matches => {
            let mut seen: team_member::ActiveModel = member.clone().into();
            seen.last_login_ms = Set(Some(now.timestamp_millis()));
            Ok(Some(seen.update(&db.write).await?.into()))
        }
        _ => Ok(None),
    }
}

/// New passwords are hashed two at a time (each argon2 hash holds about 19 MiB for its
/// time), with eight waiting at most.
static HASHING: Bounded = Bounded::new(2, 8);

/// The bound of the login's password checks: two at a time, eight waiting at most. The server
/// holds one (its memory is the process's); tests running several servers in one process
/// give each its own, so that one test's crowd of logins does not turn another's away.
pub fn password_checks() -> Bounded {
    Bounded::new(2, 8)
}

/// A hash of a password nobody knows, verified when the email has no account.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| Password::generate().hash());
