//! The team's figures: the campaign's counters, its rewards, and the latest pledges. A fixed
//! number of queries, whatever the number of pledges.

use entity::{consistency_check, hourly_total, pledge};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::campaign::{Snapshot, snapshot};
use super::consistency;
use crate::db::Db;
use crate::error::AppError;

/// How many recent pledges the dashboard lists.
pub const RECENT: u64 = 20;

/// What the dashboard shows.
#[derive(Debug, Clone)]
pub struct Summary {
    pub snapshot: Snapshot,
    /// Newest first, cancelled ones included (they show as such).
    pub recent: Vec<pledge::Model>,
    /// The last `bobine check`, if one ran.
    pub last_check: Option<consistency_check::Model>,
    /// Money and pledges per hour, oldest first: a row per hour with pledges, not per pledge.
    pub hours: Vec<hourly_total::Model>,
}

/// Five queries: the campaign row, its rewards, the newest pledges by primary key, the last
/// check, and the hourly totals.
pub async fn summary(db: &Db, campaign_id: i32) -> Result<Summary, AppError> {
    let snapshot = snapshot(db, campaign_id).await?;
    let recent = pledge::Entity::find().order_by_desc(pledge::Column::Id).limit(RECENT).all(&db.read).await?;
    let last_check = consistency::latest(db).await?;
    let hours = hourly_total::Entity::find()
        .filter(hourly_total::Column::CampaignId.eq(campaign_id))
        .order_by_asc(hourly_total::Column::HourMs)
        .all(&db.read)
        .await?;
    Ok(Summary { snapshot, recent, last_check, hours })
}
