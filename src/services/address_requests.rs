//! Asking for the addresses still missing once a campaign succeeded: each backer of a reward
//! sent by post who has not given one is emailed, then reminded every [`reminder_after`], up
//! to [`ASKS`] emails. Each ask is claimed on the pledge's row of `address_requests` by a
//! conditional write in the transaction that stores its email, so that two instances, or a
//! restart, never ask twice at once.

use chrono::{DateTime, Duration, Utc};
use entity::{address_request, campaign, pledge};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::letters::Letters;
use super::outbox;
use crate::config::Campaign;
use crate::config::campaign::Fulfilment;
use crate::db::Db;
use crate::domain::states::{CampaignState, FulfilmentState, PaymentState, PledgeState};
use crate::error::AppError;

/// The emails a backer gets at most: the first ask and its reminders.
pub const ASKS: i32 = 3;

/// How long after an ask the next one goes.
pub fn reminder_after() -> Duration {
    Duration::days(7)
}

/// How many pledges one pass asks at most; the next pass takes the rest.
const BATCH: u64 = 200;

/// One pass at `now`: asks every pledge due for an ask. Returns how many emails it stored.
pub async fn run_once(
    db: &Db,
    campaign: &Campaign,
    letters: &Letters,
    campaign_id: i32,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let row = campaign::Entity::find_by_id(campaign_id).one(&db.read).await?.ok_or(AppError::NotFound)?;
    let shipped: Vec<&str> =
        campaign.rewards.iter().filter(|r| r.fulfilment == Fulfilment::Shipped).map(|r| r.id.as_str()).collect();
    if row.state != CampaignState::Succeeded || shipped.is_empty() {
        return Ok(0);
    }
    let due = pledges_due(db, campaign_id, &shipped, now).await?;
    let mut stored = 0;
    for pledge in due {
        stored += ask(db, letters, &pledge, now).await?;
    }
    Ok(stored)
}

/// The pledges of rewards sent by post that count, have no address, are not on their way yet,
/// and are due for an ask.
async fn pledges_due(
    db: &Db,
    campaign_id: i32,
    shipped: &[&str],
    now: DateTime<Utc>,
) -> Result<Vec<pledge::Model>, AppError> {
    let before = (now - reminder_after()).timestamp_millis();
    let still_to_send = [FulfilmentState::Shipped, FulfilmentState::Delivered, FulfilmentState::Ready]
        .map(|state| format!("'{state}'"))
        .join(", ");
    Ok(pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(pledge::Column::State.eq(PledgeState::Active))
        .filter(pledge::Column::PaymentState.is_not_in([
            PaymentState::Dropped,
            PaymentState::Void,
            PaymentState::RefundDue,
            PaymentState::Refunded,
        ]))
        .filter(pledge::Column::RewardId.is_in(shipped.iter().copied()))
        .filter(Expr::cust("NOT EXISTS (SELECT 1 FROM addresses a WHERE a.pledge_id = pledges.id)"))
        .filter(Expr::cust(format!(
            "NOT EXISTS (SELECT 1 FROM fulfilments f WHERE f.pledge_id = pledges.id AND f.state IN ({still_to_send}))"
        )))
        .filter(Expr::cust(format!(
            "NOT EXISTS (SELECT 1 FROM address_requests r WHERE r.pledge_id = pledges.id \
             AND (r.asks >= {ASKS} OR r.last_at_ms > {before}))"
        )))
        .order_by_asc(pledge::Column::Id)
        .limit(BATCH)
        .all(&db.read)
        .await?)
}

/// Claims the next ask of `pledge` and stores its email in the same transaction; nothing when
/// another pass claimed it first.
async fn ask(db: &Db, letters: &Letters, pledge: &pledge::Model, now: DateTime<Utc>) -> Result<usize, AppError> {
    let txn = db.begin_write().await?;
    let now_ms = now.timestamp_millis();
    let earlier = address_request::Entity::find_by_id(pledge.id).one(&txn).await?;
    let claimed = match &earlier {
        None => {
            let first =
                address_request::ActiveModel { pledge_id: Set(pledge.id), asks: Set(1), last_at_ms: Set(now_ms) };
            let inserted = address_request::Entity::insert(first)
                .on_conflict(OnConflict::column(address_request::Column::PledgeId).do_nothing().to_owned())
                .exec_without_returning(&txn)
                .await?;
            inserted == 1
        }
        Some(row) => {
            let next = address_request::Entity::update_many()
                .col_expr(address_request::Column::Asks, Expr::value(row.asks + 1))
                .col_expr(address_request::Column::LastAtMs, Expr::value(now_ms))
                .filter(address_request::Column::PledgeId.eq(pledge.id))
                .filter(address_request::Column::Asks.eq(row.asks))
                .filter(address_request::Column::LastAtMs.eq(row.last_at_ms))
                .exec(&txn)
                .await?;
            next.rows_affected == 1
        }
    };
    if !claimed {
        txn.rollback().await?;
        return Ok(0);
    }
    outbox::queue(&txn, &[letters.address_request(pledge, earlier.is_some())], now).await?;
    txn.commit().await?;
    Ok(1)
}
