//! The team's figures: the campaign's counters, its rewards, and the latest pledges. A fixed
//! number of queries, whatever the number of pledges.

use entity::{consistency_check, pledge};
use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

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
}

/// Four queries: the campaign row, its rewards, the newest pledges by primary key, and the
/// last check.
pub async fn summary(db: &Db, campaign_id: i32) -> Result<Summary, AppError> {
    let snapshot = snapshot(db, campaign_id).await?;
    let recent = pledge::Entity::find().order_by_desc(pledge::Column::Id).limit(RECENT).all(&db.read).await?;
    let last_check = consistency::latest(db).await?;
    Ok(Summary { snapshot, recent, last_check })
}
