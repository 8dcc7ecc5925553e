//! Whether a backer receives the campaign's updates by email. The choice is a person's, kept
//! on each of their pledges: the pledge form asks it, the private page switches it, and the
//! link in every update (with its `List-Unsubscribe` header) turns it off in one click.
//! Emails about a pledge and its money are sent whatever it says.

use entity::{email, pledge};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};

use super::stored::same_address;
use crate::db::Db;
use crate::domain::ids::looks_like_secret;
use crate::domain::states::PledgeState;
use crate::error::AppError;

/// The address an update's unsubscribe link was sent to, if the key is one.
pub async fn address_of_key(db: &Db, key: &str) -> Result<Option<String>, AppError> {
    if !looks_like_secret(key) {
        return Ok(None);
    }
    let found: Option<String> = email::Entity::find()
        .select_only()
        .column(email::Column::ToAddress)
        .filter(email::Column::Unsubscribe.eq(key))
        .into_tuple()
        .one(&db.read)
        .await?;
    Ok(found)
}

/// Whether `address` receives the campaign's updates: one of its pledges not cancelled says so.
pub async fn wants_news(db: &Db, campaign_id: i32, address: &str) -> Result<bool, AppError> {
    let wanting = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(same_address(pledge::Column::Email, address))
        .filter(pledge::Column::State.ne(PledgeState::Cancelled))
        .filter(pledge::Column::News.eq(true))
        .count(&db.read)
        .await?;
    Ok(wanting > 0)
}

/// Makes every pledge of `address` say `wanted`: the next update follows it.
pub async fn set_news(db: &Db, campaign_id: i32, address: &str, wanted: bool) -> Result<(), AppError> {
    let changed = pledge::Entity::update_many()
        .col_expr(pledge::Column::News, Expr::value(wanted))
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(same_address(pledge::Column::Email, address))
        .exec(&db.write)
        .await?;
    tracing::info!(pledges = changed.rows_affected, wanted, "news by email switched");
    Ok(())
}
