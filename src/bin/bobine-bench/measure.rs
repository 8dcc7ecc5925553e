//! Two measures on a scratch database: the raw durable commit rate of the pledge path's
//! statements (the baseline `POST /api/pledges` is compared with), and the time it takes to
//! close a campaign with many pledges.

use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseBackend};

use bobine::config::Campaign;
use bobine::db::Db;
use bobine::domain::CampaignState;
use bobine::domain::states::PledgeState;
use bobine::error::AppError;
use bobine::services::closing::close_if_due;

use crate::scratch::{MARK_DOMAIN, RAW_TOKEN};

/// The state generated pledges are in: they count, as real ones do.
const ACTIVE: PledgeState = PledgeState::Active;

/// Durable claim-plus-insert transactions per second: each claims a unit of an unlimited
/// reward and inserts a pledge, then commits, one after another on each of `workers`
/// connections, for `seconds`. This is the database's own ceiling for the pledge path.
pub async fn commit_rate(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
    seconds: f64,
    workers: usize,
) -> Result<f64, AppError> {
    let reward = campaign
        .rewards
        .iter()
        .find(|r| r.limit.is_none())
        .map(|r| r.id.to_string())
        .ok_or_else(|| AppError::internal("measuring commits", "the campaign has no unlimited reward to claim"))?;
    let started = Instant::now();
    let until = started + Duration::from_secs_f64(seconds);
    let tasks: Vec<_> = (0..workers)
        .map(|worker| {
            let db = db.clone();
            let reward = reward.clone();
            tokio::spawn(async move {
                let mut commits = 0usize;
                while Instant::now() < until {
                    let n = worker * 1_000_000_000 + commits;
                    let txn = db.begin_write().await?;
                    txn.execute_unprepared(&format!(
                        "UPDATE rewards SET claimed = claimed + 1, pledged_cents = pledged_cents + 100 WHERE id = '{reward}' AND (limit_qty IS NULL OR claimed < limit_qty)"
                    ))
                    .await?;
                    txn.execute_unprepared(&format!(
                        "INSERT INTO pledges (campaign_id, token, reference, reward_id, amount_cents, early_bird, name, email, public_name, state, lang, idempotency_key, created_at_ms, updated_at_ms, confirmed_at_ms) VALUES ({campaign_id},'{RAW_TOKEN}{n}','R{n}','{reward}',100,FALSE,'Raw','raw{n}@{MARK_DOMAIN}',NULL,'{ACTIVE}','fr',NULL,0,0,0)"
                    ))
                    .await?;
                    txn.commit().await?;
                    commits += 1;
                }
                Ok::<usize, AppError>(commits)
            })
        })
        .collect();
    let mut total = 0;
    for task in tasks {
        total += task.await.map_err(|e| AppError::internal("measuring commits", e))??;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

/// How many connections write at once when measuring the raw commit rate: SQLite takes one
/// writer at a time; PostgreSQL is measured like `pgbench -c 8`.
pub fn raw_workers(db: &Db) -> usize {
    match db.backend() {
        DatabaseBackend::Sqlite => 1,
        _ => 8,
    }
}

/// Closes the campaign at its deadline and returns how long it took.
pub async fn time_close(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
) -> Result<(Duration, Option<CampaignState>), AppError> {
    let started = Instant::now();
    let state = close_if_due(db, campaign_id, campaign.deadline).await?;
    Ok((started.elapsed(), state))
}
