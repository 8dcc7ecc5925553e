//! What happens to pledges nobody confirms: the unit an unconfirmed pledge holds goes back to
//! its reward after [`HOLD`], and the pledge itself, with the emails about it, is deleted
//! after [`KEPT_UNCONFIRMED`]. A fake pledge thus blocks a limited reward for half an hour at
//! most, and leaves nothing of the address it named.

use chrono::{DateTime, Utc};
use entity::{email, payment, pledge, pledge_choice};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, QuerySelect, Value};

use super::counters::release_reward;
#[cfg(doc)]
use super::pledges::HOLD;
use super::pledges::KEPT_UNCONFIRMED;
use super::reward_options;
use crate::db::Db;
use crate::domain::states::PledgeState;
use crate::error::AppError;

/// How many pledges one pass handles, so a pass stays a short transaction; the next pass
/// takes the rest.
const PER_PASS: u64 = 500;

/// Releases the units of unconfirmed pledges whose hold ended at `now`. Returns how many.
/// Each release is a conditional update, so a confirmation that got there first (its pledge
/// is no longer unconfirmed) keeps its unit.
pub async fn release_due(db: &Db, now: DateTime<Utc>) -> Result<u64, AppError> {
    let now_ms = now.timestamp_millis();
    let due = Condition::all()
        .add(pledge::Column::State.eq(PledgeState::Unconfirmed))
        .add(pledge::Column::HoldUntilMs.lte(now_ms));
    let found = pledge::Entity::find().filter(due.clone()).limit(PER_PASS).all(&db.read).await?;
    if found.is_empty() {
        return Ok(0);
    }
    let txn = db.begin_write().await?;
    let mut released = 0;
    for held in found {
        let updated = pledge::Entity::update_many()
            .col_expr(pledge::Column::HoldUntilMs, Expr::value(Value::BigInt(None)))
            .filter(pledge::Column::Id.eq(held.id))
            .filter(due.clone())
            .exec(&txn)
            .await?;
        if updated.rows_affected == 1 {
            if let Some(reward) = &held.reward_id {
                release_reward(&txn, reward, 0, held.early_bird).await?;
                reward_options::release(&txn, &held).await?;
            }
            released += 1;
        }
    }
    txn.commit().await?;
    Ok(released)
}

/// Deletes pledges never confirmed and older than [`KEPT_UNCONFIRMED`] at `now` (waiting, or
/// cancelled before confirming), with the emails about them. Returns how many.
pub async fn delete_stale(db: &Db, now: DateTime<Utc>) -> Result<u64, AppError> {
    let cutoff = (now - KEPT_UNCONFIRMED).timestamp_millis();
    // Payments keep the pledge they paid for: the team must see the money.
    let paid = Query::select().column(payment::Column::PledgeId).from(payment::Entity).to_owned();
    let stale = Condition::all()
        .add(pledge::Column::Id.not_in_subquery(paid))
        .add(pledge::Column::ConfirmedAtMs.is_null())
        .add(pledge::Column::State.is_in([PledgeState::Unconfirmed, PledgeState::Cancelled]))
        .add(pledge::Column::HoldUntilMs.is_null())
        .add(pledge::Column::CreatedAtMs.lte(cutoff));
    let ids: Vec<i64> = pledge::Entity::find()
        .filter(stale.clone())
        .select_only()
        .column(pledge::Column::Id)
        .limit(PER_PASS)
        .into_tuple()
        .all(&db.read)
        .await?;
    if ids.is_empty() {
        return Ok(0);
    }
    let txn = db.begin_write().await?;
    // Judged again inside the transaction, and locked (PostgreSQL; SQLite's write transaction
    // excludes every other writer): a confirmation may come in between, and must find its
    // pledge whole, emails and choices included.
    let mut again = pledge::Entity::find()
        .select_only()
        .column(pledge::Column::Id)
        .filter(pledge::Column::Id.is_in(ids))
        .filter(stale);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        again = again.lock_exclusive();
    }
    let ids: Vec<i64> = again.into_tuple().all(&txn).await?;
    email::Entity::delete_many().filter(email::Column::PledgeId.is_in(ids.clone())).exec(&txn).await?;
    pledge_choice::Entity::delete_many().filter(pledge_choice::Column::PledgeId.is_in(ids.clone())).exec(&txn).await?;
    let deleted = pledge::Entity::delete_many().filter(pledge::Column::Id.is_in(ids)).exec(&txn).await?;
    txn.commit().await?;
    Ok(deleted.rows_affected)
}
