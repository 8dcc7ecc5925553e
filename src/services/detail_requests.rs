//! Asking, once a campaign succeeded, for what a reward still needs from its backer: the
//! address of a reward sent by post, the answers to its survey. Each backer who owes either is
//! emailed, then reminded every [`reminder_after`], up to [`ASKS`] emails. Each ask is claimed on the pledge's row of `detail_requests` by a
//! conditional write in the transaction that stores its email, so that two instances, or a
//! restart, never ask twice at once.

use chrono::{DateTime, Duration, Utc};
use entity::{campaign, detail_request, pledge};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::letters::Letters;
use super::{addresses, outbox, survey};
use crate::config::Campaign;
use crate::config::campaign::{Fulfilment, Reward};
use crate::db::Db;
use crate::domain::states::{CampaignState, FulfilmentState, PaymentState, PledgeState};
use crate::error::AppError;

/// The emails a backer gets at most: the first ask and its reminders.
pub const ASKS: i32 = 3;

/// How long after an ask the next one goes.
pub fn reminder_after() -> Duration {
    Duration::days(7)
}

/// How many pledges one pass asks at most; the next pass takes the rest.
const BATCH: u64 = 200;

/// One pass at `now`: asks every pledge due for an ask. Returns how many emails it stored.
pub async fn run_once(
    db: &Db,
    campaign: &Campaign,
    letters: &Letters,
    campaign_id: i32,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let row = campaign::Entity::find_by_id(campaign_id).one(&db.read).await?.ok_or(AppError::NotFound)?;
    let shipped: Vec<&str> =
        campaign.rewards.iter().filter(|r| r.fulfilment == Fulfilment::Shipped).map(|r| r.id.as_str()).collect();
    let surveyed: Vec<&Reward> = campaign.rewards.iter().filter(|r| r.survey.iter().any(|q| !q.optional)).collect();
    if row.state != CampaignState::Succeeded || (shipped.is_empty() && surveyed.is_empty()) {
        return Ok(0);
    }
    let due = pledges_due(db, campaign_id, &shipped, &surveyed, now).await?;
    let mut stored = 0;
    for pledge in due {
        stored += ask(db, campaign, letters, &pledge, now).await?;
    }
    Ok(stored)
}

/// What a reward still needs from its backer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    pub address: bool,
    pub answers: bool,
}

/// `ids` as an SQL list of text values; the ids of rewards and questions are plain (lower-case
/// letters, digits, dashes), as the campaign file is checked to hold.
fn listed<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let ids: Vec<&str> = ids.into_iter().collect();
    if ids.is_empty() {
        "NULL".to_owned()
    } else {
        ids.iter().map(|id| format!("'{id}'")).collect::<Vec<_>>().join(", ")
    }
}

/// The pledges that count, whose reward is not on its way yet and still lacks an address (a
/// reward sent by post) or answers (a reward with required questions), and are due for an ask.
async fn pledges_due(
    db: &Db,
    campaign_id: i32,
    shipped: &[&str],
    surveyed: &[&Reward],
    now: DateTime<Utc>,
) -> Result<Vec<pledge::Model>, AppError> {
    let before = (now - reminder_after()).timestamp_millis();
    let on_its_way =
        [FulfilmentState::Shipped, FulfilmentState::Delivered, FulfilmentState::Ready, FulfilmentState::Attended]
            .map(|state| format!("'{state}'"))
            .join(", ");
    // A reward sent by post without an address, or one whose required questions are not all
    // answered (a question added to the file later counts too).
    let mut lacking = vec![format!(
        "(pledges.reward_id IN ({}) AND NOT EXISTS (SELECT 1 FROM addresses a WHERE a.pledge_id = pledges.id))",
        listed(shipped.iter().copied())
    )];
    for reward in surveyed {
        let required: Vec<&str> = reward.survey.iter().filter(|q| !q.optional).map(|q| q.id.as_str()).collect();
        lacking.push(format!(
            "(pledges.reward_id = '{}' AND (SELECT COUNT(*) FROM survey_answers s WHERE s.pledge_id = pledges.id \
             AND s.question_id IN ({})) < {})",
            reward.id,
            listed(required.iter().copied()),
            required.len()
        ));
    }
    let lacking = format!("({})", lacking.join(" OR "));
    Ok(pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(pledge::Column::State.eq(PledgeState::Active))
        .filter(pledge::Column::PaymentState.is_not_in([
            PaymentState::Dropped,
            PaymentState::Void,
            PaymentState::RefundDue,
            PaymentState::Refunded,
        ]))
        .filter(Expr::cust(lacking))
        .filter(Expr::cust(format!(
            "NOT EXISTS (SELECT 1 FROM fulfilments f WHERE f.pledge_id = pledges.id AND f.state IN ({on_its_way}))"
        )))
        .filter(Expr::cust(format!(
            "NOT EXISTS (SELECT 1 FROM detail_requests r WHERE r.pledge_id = pledges.id \
             AND (r.asks >= {ASKS} OR r.last_at_ms > {before}))"
        )))
        .order_by_asc(pledge::Column::Id)
        .limit(BATCH)
        .all(&db.read)
        .await?)
}

/// Claims the next ask of `pledge`, if it is still due and something is still missing, and
/// stores its email in the same transaction; nothing when another pass claimed it first.
async fn ask(
    db: &Db,
    campaign: &Campaign,
    letters: &Letters,
    pledge: &pledge::Model,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let txn = db.begin_write().await?;
    let reward = pledge.reward_id.as_deref().and_then(|id| campaign.reward(id));
    let needs = match reward {
        Some(reward) => Needs {
            address: reward.fulfilment == Fulfilment::Shipped && addresses::of(&txn, pledge.id).await?.is_none(),
            answers: survey::lacks_answers(reward, Some(&survey::of(&txn, pledge.id).await?)),
        },
        None => Needs { address: false, answers: false },
    };
    if !needs.address && !needs.answers {
        txn.rollback().await?;
        return Ok(0);
    }
    let now_ms = now.timestamp_millis();
    let earlier = detail_request::Entity::find_by_id(pledge.id).one(&txn).await?;
    // Each claim holds the rule itself, so that a pass that read the row before another's
    // claim finds nothing left to claim.
    let claimed = match &earlier {
        None => {
            let first =
                detail_request::ActiveModel { pledge_id: Set(pledge.id), asks: Set(1), last_at_ms: Set(now_ms) };
            let inserted = detail_request::Entity::insert(first)
                .on_conflict(OnConflict::column(detail_request::Column::PledgeId).do_nothing().to_owned())
                .exec_without_returning(&txn)
                .await?;
            inserted == 1
        }
        Some(_) => {
            let next = detail_request::Entity::update_many()
                .col_expr(detail_request::Column::Asks, Expr::col(detail_request::Column::Asks).add(1))
                .col_expr(detail_request::Column::LastAtMs, Expr::value(now_ms))
                .filter(detail_request::Column::PledgeId.eq(pledge.id))
                .filter(detail_request::Column::Asks.lt(ASKS))
                .filter(detail_request::Column::LastAtMs.lte((now - reminder_after()).timestamp_millis()))
                .exec(&txn)
                .await?;
            next.rows_affected == 1
        }
    };
    if !claimed {
        txn.rollback().await?;
        return Ok(0);
    }
    outbox::queue(&txn, &[letters.details_request(pledge, needs, earlier.is_some())], now).await?;
    txn.commit().await?;
    Ok(1)
}
