//! A way back to one's pledges: whoever types an address at `/pledges/find` has the private
//! link of each pledge of that address sent to it. Only the address's owner reads them, so
//! asking learns nothing about whether an address pledged.

use chrono::{DateTime, Utc};
use entity::pledge;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::letters::Letters;
use super::outbox;
use super::stored::same_address;
use crate::db::Db;
use crate::domain::{Email, Lang};
use crate::error::AppError;

/// The most pledges one email lists, newest first: more would make an unreadable email, and
/// nobody makes this many pledges to one campaign.
pub const MOST: u64 = 50;

/// Stores one email listing the private links of `email`'s pledges (the address compared
/// whatever its case), or nothing when it has none. Says how many pledges it listed.
pub async fn send(
    db: &Db,
    campaign_id: i32,
    letters: &Letters,
    email: &Email,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let pledges = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(same_address(pledge::Column::Email, email.as_str()))
        .order_by_desc(pledge::Column::Id)
        .limit(MOST)
        .all(&db.read)
        .await?;
    // To the address as the newest pledge gave it, should the typed one differ in case.
    if let Some(newest) = pledges.first() {
        outbox::queue(&db.write, &[letters.pledge_links(&newest.email, lang, &pledges)], now).await?;
    }
    Ok(pledges.len())
}
