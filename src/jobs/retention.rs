//! Erases personal data once the campaign file's `retention_days` have passed since the
//! close: every address of a pledge, a question or an offer of help, one erasure each (see
//! [`crate::services::personal_data::erase`]), a hundred at a time. Designers' profiles are
//! public work, left to the team.

use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::campaign;
use sea_orm::EntityTrait;

use crate::db::Db;
use crate::domain::Clock;
use crate::error::AppError;
use crate::services::personal_data;

/// Addresses one pass erases.
const BATCH: u64 = 100;

/// One pass: when the campaign is closed and `days` have passed since its deadline at `now`,
/// erases up to [`BATCH`] addresses; returns how many. The deadline, not the instant the
/// server closed it (later if it was down then), is the close people were told of.
pub async fn run_once(
    db: &Db,
    campaign_id: i32,
    deadline: DateTime<Utc>,
    days: u32,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let row = campaign::Entity::find_by_id(campaign_id).one(&db.read).await?.ok_or(AppError::NotFound)?;
    if row.closed_at_ms.is_none() || now < deadline + chrono::Duration::days(i64::from(days)) {
        return Ok(0);
    }
    let addresses = personal_data::addresses_left(db, campaign_id, BATCH).await?;
    for address in &addresses {
        personal_data::erase(db, campaign_id, address, now).await?;
    }
    if !addresses.is_empty() {
        tracing::info!(erased = addresses.len(), days, "personal data erased at the end of its retention");
    }
    Ok(addresses.len())
}

pub async fn run(db: Db, campaign_id: i32, deadline: DateTime<Utc>, days: u32, clock: Clock) {
    let pause = match clock {
        Clock::System => Duration::from_secs(3600),
        Clock::Manual(_) => Duration::from_millis(100),
    };
    loop {
        match run_once(&db, campaign_id, deadline, days, clock.now()).await {
            Ok(0) => tokio::time::sleep(pause).await,
            Ok(_) => tokio::task::yield_now().await,
            Err(error) => {
                tracing::error!(%error, "erasing personal data at the end of its retention failed");
                tokio::time::sleep(pause).await;
            }
        }
    }
}
