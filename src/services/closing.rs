//! Closing the campaign at its deadline: `open` becomes `succeeded` or `failed`, once.

use chrono::{DateTime, Utc};
use entity::campaign;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::db::Db;
use crate::domain::CampaignState;
use crate::error::AppError;

/// Closes the campaign if its deadline has passed at `now` and it is still open. Returns the
/// new state when this call closed it, `None` when there was nothing to do (not yet due, or
/// already closed by another call or instance): one conditional update decides, so two
/// instances racing cannot both close it.
pub async fn close_if_due(db: &Db, campaign_id: i32, now: DateTime<Utc>) -> Result<Option<CampaignState>, AppError> {
    let outcome: Expr = Expr::case(
        Expr::col(campaign::Column::PledgedCents).gte(Expr::col(campaign::Column::GoalCents)),
        CampaignState::Succeeded.to_string(),
    )
    .finally(CampaignState::Failed.to_string())
    .into();
    let txn = db.begin_write().await?;
    let closed = campaign::Entity::update_many()
        .col_expr(campaign::Column::State, outcome)
        .col_expr(campaign::Column::ClosedAtMs, Expr::value(now.timestamp_millis()))
        .filter(campaign::Column::Id.eq(campaign_id))
        .filter(campaign::Column::State.eq(CampaignState::Open))
        .filter(campaign::Column::DeadlineMs.lte(now.timestamp_millis()))
        .exec(&txn)
        .await?;
    if closed.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(None);
    }
    let row = campaign::Entity::find_by_id(campaign_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    txn.commit().await?;
    let state = row.state;
    tracing::info!(
        campaign = %row.slug,
        %state,
        pledged_cents = row.pledged_cents,
        goal_cents = row.goal_cents,
        backers = row.backers,
        "campaign closed at its deadline"
    );
    Ok(Some(state))
}
