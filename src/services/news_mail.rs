//! Sending an update by email, once it is out, to every backer it concerns who wants news:
//! one email per address (its newest concerned pledge gives the name, language and private
//! link), stored in the outbox batch by batch, off the pledge path.
//!
//! Backers are taken in the order of their lower-cased address. Each batch stores its emails
//! and moves the update's cursor to its last address in one transaction, and only if the
//! cursor is still where the batch read it: after a crash or a restart the mailing goes on
//! after the last address stored, and two instances cannot both store a batch.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entity::{news, news_text, pledge};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, Condition, EntityTrait, Order, QueryFilter, QueryOrder, QuerySelect};

use super::letters::Letters;
use super::outbox;
use crate::db::Db;
use crate::domain::Lang;
use crate::domain::ids::new_ordered_secret;
use crate::domain::states::{NewsAudience, NewsMailing, NewsState, PledgeState};
use crate::error::AppError;

/// Addresses one batch takes: each batch holds the database for a few tens of milliseconds,
/// so that a pledge arriving meanwhile waits no longer; 100,000 backers take 400 of them.
pub const BATCH: u64 = 250;

/// The lower-cased address, as the database folds it: the cursor is compared in the same terms.
fn address() -> Expr {
    Expr::expr(Func::lower(Expr::col(pledge::Column::Email)))
}

/// The next update to send: out at `now`, its mailing not finished, oldest first.
async fn next(db: &Db, campaign_id: i32, now: DateTime<Utc>) -> Result<Option<news::Model>, AppError> {
    Ok(news::Entity::find()
        .filter(news::Column::CampaignId.eq(campaign_id))
        .filter(news::Column::State.eq(NewsState::Published))
        .filter(news::Column::PublishedAtMs.lte(now.timestamp_millis()))
        .filter(news::Column::Mailing.is_in([NewsMailing::Pending, NewsMailing::Sending]))
        .order_by_asc(news::Column::PublishedAtMs)
        .order_by_asc(news::Column::Id)
        .one(&db.read)
        .await?)
}

/// The next `limit` addresses after the update's cursor, whatever their pledges: a short
/// range of the index on the lower-cased address.
async fn next_addresses(db: &Db, update: &news::Model, limit: u64) -> Result<Vec<String>, AppError> {
    let mut select = pledge::Entity::find().select_only().column_as(address(), "address");
    if let Some(after) = &update.mail_cursor {
        select = select.filter(address().gt(after.as_str()));
    }
    Ok(select.group_by(address()).order_by(address(), Order::Asc).limit(limit).into_tuple().all(&db.read).await?)
}

/// Of `addresses`, those `update` concerns, each with its newest concerned pledge: counted
/// (confirmed, not cancelled, not dropped for want of payment), wanting news, and for an
/// update to some rewards' backers, of one of them. The pledges are read by the index on the
/// address alone and judged here: with the conditions in the query, the planner takes the
/// index on the state and reads every counted pledge at each batch.
async fn recipients(db: &Db, update: &news::Model, addresses: &[String]) -> Result<Vec<pledge::Model>, AppError> {
    let pledges =
        pledge::Entity::find().filter(address().is_in(addresses.iter().map(String::as_str))).all(&db.read).await?;
    let rewards: Vec<&str> = update.rewards.split_whitespace().collect();
    let mut newest: BTreeMap<String, pledge::Model> = BTreeMap::new();
    for pledge in pledges {
        let concerned = pledge.campaign_id == update.campaign_id
            && pledge.state == PledgeState::Active
            && pledge.news
            && pledge.dropped_at_ms.is_none()
            && (update.audience != NewsAudience::Rewards
                || pledge.reward_id.as_deref().is_some_and(|r| rewards.contains(&r)));
        if concerned {
            let key = pledge.email.to_lowercase();
            if newest.get(&key).is_none_or(|kept| kept.id < pledge.id) {
                newest.insert(key, pledge);
            }
        }
    }
    Ok(newest.into_values().collect())
}

/// Where `update`'s mailing stands as the batch read it: the batch is stored only if it still
/// stands there.
fn unchanged(update: &news::Model) -> Condition {
    let cursor = match &update.mail_cursor {
        Some(after) => news::Column::MailCursor.eq(after.as_str()),
        None => news::Column::MailCursor.is_null(),
    };
    Condition::all().add(news::Column::Id.eq(update.id)).add(news::Column::Mailing.eq(update.mailing)).add(cursor)
}

/// Stores the emails of the next batch (the next `limit` addresses, those it concerns) of the
/// next update to send at `now`, or marks its mailing done when no address is left. Returns
/// how many emails it stored, or `None` when there was nothing to do.
pub async fn run_once(
    db: &Db,
    letters: &Letters,
    campaign_id: i32,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Option<usize>, AppError> {
    let Some(update) = next(db, campaign_id, now).await? else {
        return Ok(None);
    };
    let addresses = next_addresses(db, &update, limit).await?;
    let found = if addresses.is_empty() { Vec::new() } else { recipients(db, &update, &addresses).await? };
    // Everything is read and written out before the write transaction, which then holds the
    // database only to move the cursor and store the emails.
    let mails: Vec<outbox::Mail> = if found.is_empty() {
        Vec::new()
    } else {
        let titles = news_text::Entity::find()
            .select_only()
            .column(news_text::Column::Lang)
            .column(news_text::Column::Title)
            .filter(news_text::Column::NewsId.eq(update.id))
            .into_tuple::<(String, String)>()
            .all(&db.read)
            .await?;
        let mut titles: Vec<(Lang, String)> =
            titles.into_iter().filter_map(|(lang, title)| Some((Lang::from_tag(&lang)?, title))).collect();
        titles.sort_by_key(|(lang, _)| Lang::ALL.iter().position(|l| l == lang));
        let letter = letters.news_letter(update.id, &update.slug, update.audience == NewsAudience::Public, &titles);
        found.iter().map(|pledge| letters.news(&letter, pledge, new_ordered_secret(now.timestamp_millis()))).collect()
    };
    let txn = db.begin_write().await?;
    let Some(last) = addresses.last() else {
        let done = news::Entity::update_many()
            .col_expr(news::Column::Mailing, Expr::value(NewsMailing::Done.to_string()))
            .filter(unchanged(&update))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        if done.rows_affected == 1 {
            tracing::info!(news = %update.slug, emails = update.mailed, "update sent to its backers");
        }
        return Ok(Some(0));
    };
    let moved = news::Entity::update_many()
        .col_expr(news::Column::Mailing, Expr::value(NewsMailing::Sending.to_string()))
        .col_expr(news::Column::MailCursor, Expr::value(last.as_str()))
        .col_expr(news::Column::Mailed, Expr::col(news::Column::Mailed).add(mails.len() as i64))
        .filter(unchanged(&update))
        .exec(&txn)
        .await?;
    if moved.rows_affected == 0 {
        // Another instance stored this batch, or the update changed: read it again.
        txn.rollback().await?;
        return Ok(Some(0));
    }
    outbox::queue(&txn, &mails, now).await?;
    txn.commit().await?;
    Ok(Some(mails.len()))
}

/// How an update's emails stand in the outbox.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Sent {
    pub stored: u64,
    pub sent: u64,
    pub waiting: u64,
    pub failed: u64,
}

/// How the emails of each of `ids` stand, read from the outbox (one indexed count per state).
pub async fn counts(db: &Db, ids: &[i64]) -> Result<std::collections::HashMap<i64, Sent>, AppError> {
    use crate::domain::states::EmailState;
    use entity::email;
    let mut counts: std::collections::HashMap<i64, Sent> = ids.iter().map(|id| (*id, Sent::default())).collect();
    if ids.is_empty() {
        return Ok(counts);
    }
    let rows: Vec<(Option<i64>, EmailState, i64)> = email::Entity::find()
        .select_only()
        .column(email::Column::NewsId)
        .column(email::Column::State)
        .column_as(email::Column::Id.count(), "n")
        .filter(email::Column::NewsId.is_in(ids.iter().copied()))
        .group_by(email::Column::NewsId)
        .group_by(email::Column::State)
        .into_tuple()
        .all(&db.read)
        .await?;
    for (id, state, n) in rows {
        let Some(sent) = id.and_then(|id| counts.get_mut(&id)) else { continue };
        let n = n as u64;
        sent.stored += n;
        match state {
            EmailState::Sent | EmailState::Handled => sent.sent += n,
            EmailState::Waiting => sent.waiting += n,
            EmailState::Failed => sent.failed += n,
        }
    }
    Ok(counts)
}
