//! The team's figures: the campaign's counters, its rewards, and the latest pledges. A fixed
//! number of queries, whatever the number of pledges.

use entity::pledge;
use sea_orm::{EntityTrait, QueryOrder, QuerySelect};

use super::campaign::{Snapshot, snapshot};
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
}

/// Three queries: the campaign row, its rewards, and the newest pledges by primary key.
pub async fn summary(db: &Db, campaign_id: i32) -> Result<Summary, AppError> {
    let snapshot = snapshot(db, campaign_id).await?;
    let recent = pledge::Entity::find().order_by_desc(pledge::Column::Id).limit(RECENT).all(&db.read).await?;
    Ok(Summary { snapshot, recent })
}
