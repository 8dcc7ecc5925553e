//! Reading the campaign's figures for pages and the API: counters, never a scan of pledges.

use chrono::{DateTime, Utc};
use entity::{campaign, reward};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::db::Db;
use crate::domain::CampaignState;
use crate::error::AppError;

/// The live figures of the campaign and of each of its active rewards, in file order.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub campaign: campaign::Model,
    pub rewards: Vec<reward::Model>,
}

impl Snapshot {
    /// The state to show at `now`: a campaign past its deadline that the closer has not
    /// reached yet already shows its result.
    pub fn state(&self, now: DateTime<Utc>) -> CampaignState {
        let stored = self.campaign.state;
        if stored == CampaignState::Open && now.timestamp_millis() >= self.campaign.deadline_ms {
            CampaignState::at_close(self.campaign.pledged_cents, self.campaign.goal_cents)
        } else {
            stored
        }
    }

    /// Percent of the goal reached, rounded down; may pass 100.
    pub fn percent_funded(&self) -> i64 {
        if self.campaign.goal_cents <= 0 { 0 } else { self.campaign.pledged_cents * 100 / self.campaign.goal_cents }
    }

    pub fn reward(&self, id: &str) -> Option<&reward::Model> {
        self.rewards.iter().find(|r| r.id == id)
    }
}

/// What remains of a limited reward; `None` when unlimited.
pub fn remaining(reward: &reward::Model) -> Option<i64> {
    reward.limit_qty.map(|limit| (limit - reward.claimed).max(0))
}

/// Reads the campaign row and its rewards: two queries, whatever the number of pledges.
pub async fn snapshot(db: &Db, campaign_id: i32) -> Result<Snapshot, AppError> {
    let campaign = campaign::Entity::find_by_id(campaign_id).one(&db.read).await?.ok_or(AppError::NotFound)?;
    let rewards = reward::Entity::find()
        .filter(reward::Column::CampaignId.eq(campaign_id))
        .filter(reward::Column::Active.eq(true))
        .order_by_asc(reward::Column::Position)
        .all(&db.read)
        .await?;
    Ok(Snapshot { campaign, rewards })
}
