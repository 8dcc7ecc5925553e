//! The supporters' wall: the names backers chose to show, newest first. Never an anonymous
//! backer's, never an email; a pledge counts once confirmed and until cancelled or dropped.

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::db::Db;
use crate::error::AppError;
use entity::pledge::{self, PaymentState, PledgeState};

/// One page of the wall, and whether more names follow. Counting them all would read every
/// pledge at each new pledge (the campaign page shows the newest): one name more is read
/// instead.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Wall {
    pub names: Vec<String>,
    pub more: bool,
}

/// The names of page `page` (from 1), `per_page` a page, newest first.
pub async fn page(db: &Db, campaign_id: i32, page: u64, per_page: u64) -> Result<Wall, AppError> {
    let shown = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(pledge::Column::State.eq(PledgeState::Active))
        .filter(pledge::Column::PaymentState.ne(PaymentState::Dropped))
        .filter(pledge::Column::PublicName.is_not_null());
    let mut names: Vec<Option<String>> = shown
        .select_only()
        .column(pledge::Column::PublicName)
        .order_by_desc(pledge::Column::Id)
        .offset(page.saturating_sub(1).saturating_mul(per_page))
        .limit(per_page.saturating_add(1))
        .into_tuple()
        .all(&db.read)
        .await?;
    let more = names.len() as u64 > per_page;
    names.truncate(usize::try_from(per_page).unwrap_or(usize::MAX));
    Ok(Wall { names: names.into_iter().flatten().collect(), more })
}
