//! Telling the holders of a session what happens to it: each change the team makes in the
//! campaign file (a new date or place, a cancellation) once, and a reminder the day before.
//! Each is claimed on the session's row by a conditional update in the transaction that stores
//! its emails, so that two instances, or a restart, never tell anyone twice.

use chrono::{DateTime, Duration, Utc};
use entity::{campaign, pledge, reward_session};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::letters::{Letters, SessionNews};
use super::outbox;
use crate::db::Db;
use crate::domain::states::{CampaignState, PaymentState, PledgeState};
use crate::error::AppError;

/// How long before a session its holders are reminded of it.
pub fn remind_before() -> Duration {
    Duration::hours(24)
}

/// One pass at `now`: tells the holders of every session changed since they were last told,
/// and reminds those of every session starting within a day. Returns how many emails it
/// stored. Nothing once the campaign failed: its sessions will not take place.
pub async fn run_once(db: &Db, letters: &Letters, campaign_id: i32, now: DateTime<Utc>) -> Result<usize, AppError> {
    let campaign = campaign::Entity::find_by_id(campaign_id).one(&db.read).await?.ok_or(AppError::NotFound)?;
    if campaign.state == CampaignState::Failed {
        return Ok(0);
    }
    let changed = reward_session::Entity::find()
        .filter(Expr::col(reward_session::Column::ChangedAtMs).gt(Expr::col(reward_session::Column::ToldAtMs)))
        .all(&db.read)
        .await?;
    let mut stored = 0;
    for session in changed {
        let news = if session.active { SessionNews::Moved } else { SessionNews::Cancelled };
        stored += tell(db, letters, &session, news, now).await?;
    }
    let now_ms = now.timestamp_millis();
    let due = reward_session::Entity::find()
        .filter(reward_session::Column::Active.eq(true))
        .filter(reward_session::Column::RemindedAtMs.is_null())
        .filter(reward_session::Column::StartsMs.gt(now_ms))
        .filter(reward_session::Column::StartsMs.lte((now + remind_before()).timestamp_millis()))
        .all(&db.read)
        .await?;
    for session in due {
        stored += tell(db, letters, &session, SessionNews::Reminder, now).await?;
    }
    Ok(stored)
}

/// Claims `news` of `session` as it was read, and stores an email to each of its holders in
/// the same transaction; nothing when another pass claimed it first or the session changed
/// meanwhile. A change to a session already over is claimed but tells nobody.
async fn tell(
    db: &Db,
    letters: &Letters,
    session: &reward_session::Model,
    news: SessionNews,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let txn = db.begin_write().await?;
    let claim = reward_session::Entity::update_many()
        .filter(reward_session::Column::RewardId.eq(session.reward_id.as_str()))
        .filter(reward_session::Column::Id.eq(session.id.as_str()))
        .filter(reward_session::Column::ChangedAtMs.eq(session.changed_at_ms));
    let claim = match news {
        SessionNews::Moved | SessionNews::Cancelled => {
            let claim = claim
                .col_expr(reward_session::Column::ToldAtMs, Expr::value(session.changed_at_ms))
                .filter(reward_session::Column::ToldAtMs.lt(session.changed_at_ms));
            // Moved to within a day: the email that tells it is the reminder too.
            if session.starts_ms <= (now + remind_before()).timestamp_millis() {
                claim.col_expr(reward_session::Column::RemindedAtMs, Expr::value(now.timestamp_millis()))
            } else {
                claim
            }
        }
        SessionNews::Reminder => claim
            .col_expr(reward_session::Column::RemindedAtMs, Expr::value(now.timestamp_millis()))
            .filter(reward_session::Column::RemindedAtMs.is_null()),
    };
    if claim.exec(&txn).await?.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(0);
    }
    let over = session.ends_ms <= now.timestamp_millis();
    let holders = if over {
        Vec::new()
    } else {
        pledge::Entity::find()
            .filter(pledge::Column::RewardId.eq(session.reward_id.as_str()))
            .filter(pledge::Column::SessionId.eq(session.id.as_str()))
            .filter(pledge::Column::State.eq(PledgeState::Active))
            .filter(pledge::Column::PaymentState.ne(PaymentState::Dropped))
            .all(&txn)
            .await?
    };
    let mails: Vec<outbox::Mail> = holders.iter().map(|holder| letters.session_news(news, holder, session)).collect();
    outbox::queue(&txn, &mails, now).await?;
    txn.commit().await?;
    tracing::info!(reward = %session.reward_id, session = %session.id, ?news, told = mails.len(), "session holders told");
    Ok(mails.len())
}
