//! The counters that move inside a pledge's transaction: the campaign's totals, a reward's
//! claims, and the backers. Each move is one conditional statement, so the database, not
//! this process, decides whether a limit or the deadline still allows it.

use std::collections::BTreeMap;

use crate::domain::states::SourceKind;
use chrono::{DateTime, Utc};
use entity::{backer, campaign, hourly_total, reward, source_total};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};

use super::pledges::Totals;
use crate::domain::{CampaignState, Source};
use crate::error::AppError;

/// Adds to the campaign's totals if it is still open and `now` is before its deadline;
/// otherwise refuses with `CampaignClosed`. Every change to pledges goes through here, so
/// the deadline is decided in the same transaction as the change. The pledge's `source`
/// moves by as much.
pub async fn move_campaign(
    txn: &DatabaseTransaction,
    campaign_id: i32,
    source: &Source,
    cents: i64,
    pledges: i64,
    backers: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let updated = campaign::Entity::update_many()
        .col_expr(campaign::Column::PledgedCents, Expr::col(campaign::Column::PledgedCents).add(cents))
        .col_expr(campaign::Column::PledgeCount, Expr::col(campaign::Column::PledgeCount).add(pledges))
        .col_expr(campaign::Column::Backers, Expr::col(campaign::Column::Backers).add(backers))
        .filter(campaign::Column::Id.eq(campaign_id))
        .filter(campaign::Column::State.eq(CampaignState::Open))
        .filter(campaign::Column::DeadlineMs.gt(now.timestamp_millis()))
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::CampaignClosed);
    }
    add_to_hour(txn, campaign_id, cents, pledges, now).await?;
    add_to_sources(txn, campaign_id, &[(source, cents, pledges)]).await
}

/// Adds to the hour of `now` what the campaign's totals just moved by, so the chart of money
/// over time adds up to the totals.
async fn add_to_hour(
    txn: &DatabaseTransaction,
    campaign_id: i32,
    cents: i64,
    pledges: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if cents == 0 && pledges == 0 {
        return Ok(());
    }
    let hour_ms = hour_start(now);
    let upsert = Query::insert()
        .into_table(hourly_total::Entity)
        .columns([
            hourly_total::Column::CampaignId,
            hourly_total::Column::HourMs,
            hourly_total::Column::Cents,
            hourly_total::Column::Pledges,
        ])
        .values_panic([campaign_id.into(), hour_ms.into(), cents.into(), pledges.into()])
        .on_conflict(
            OnConflict::columns([hourly_total::Column::CampaignId, hourly_total::Column::HourMs])
                .value(hourly_total::Column::Cents, Expr::cust("hourly_totals.cents + excluded.cents"))
                .value(hourly_total::Column::Pledges, Expr::cust("hourly_totals.pledges + excluded.pledges"))
                .to_owned(),
        )
        .to_owned();
    txn.execute(&upsert).await?;
    Ok(())
}

/// Adds to each source's totals what its pledges just moved the campaign's totals by
/// (`(source, cents, pledges)`, a source may come more than once): one upsert for them all.
async fn add_to_sources(
    txn: &DatabaseTransaction,
    campaign_id: i32,
    moves: &[(&Source, i64, i64)],
) -> Result<(), AppError> {
    let mut sums: BTreeMap<(SourceKind, &str), (i64, i64)> = BTreeMap::new();
    for (source, cents, pledges) in moves {
        for key in [
            (SourceKind::Tag, source.tag.as_deref().unwrap_or("")),
            (SourceKind::Site, source.site.as_deref().unwrap_or("")),
        ] {
            let sum = sums.entry(key).or_default();
            sum.0 += cents;
            sum.1 += pledges;
        }
    }
    sums.retain(|_, (cents, pledges)| *cents != 0 || *pledges != 0);
    if sums.is_empty() {
        return Ok(());
    }
    let mut upsert = Query::insert();
    upsert.into_table(source_total::Entity).columns([
        source_total::Column::CampaignId,
        source_total::Column::Kind,
        source_total::Column::Name,
        source_total::Column::Cents,
        source_total::Column::Pledges,
    ]);
    for ((kind, name), (cents, pledges)) in sums {
        upsert.values_panic([campaign_id.into(), kind.to_string().into(), name.into(), cents.into(), pledges.into()]);
    }
    upsert.on_conflict(
        OnConflict::columns([source_total::Column::CampaignId, source_total::Column::Kind, source_total::Column::Name])
            .value(source_total::Column::Cents, Expr::cust("source_totals.cents + excluded.cents"))
            .value(source_total::Column::Pledges, Expr::cust("source_totals.pledges + excluded.pledges"))
            .to_owned(),
    );
    txn.execute(&upsert).await?;
    Ok(())
}

/// The start of the hour holding `at`, in Unix milliseconds: the key of the hourly totals.
pub fn hour_start(at: DateTime<Utc>) -> i64 {
    const HOUR_MS: i64 = 3_600_000;
    at.timestamp_millis().div_euclid(HOUR_MS) * HOUR_MS
}

/// Takes one unit of a reward if any remains; see [`claim_many`].
pub async fn claim_reward(
    txn: &DatabaseTransaction,
    reward_id: &str,
    cents: i64,
    early_bird: bool,
    counted: bool,
) -> Result<bool, AppError> {
    claim_many(txn, reward_id, 1, cents, i64::from(early_bird), counted).await
}

/// Takes `count` units of a reward at once, or none if fewer remain. Early-bird pledges also
/// count as early-bird uses, and when the offer is for the first N only (`counted`), that many
/// of them must be left. One conditional update: the database decides.
pub async fn claim_many(
    txn: &DatabaseTransaction,
    reward_id: &str,
    count: i64,
    cents: i64,
    early_birds: i64,
    counted: bool,
) -> Result<bool, AppError> {
    let mut claim = reward::Entity::update_many()
        .col_expr(reward::Column::Claimed, Expr::col(reward::Column::Claimed).add(count))
        .col_expr(reward::Column::PledgedCents, Expr::col(reward::Column::PledgedCents).add(cents))
        .col_expr(reward::Column::EarlyBirdClaimed, Expr::col(reward::Column::EarlyBirdClaimed).add(early_birds))
        .filter(reward::Column::Id.eq(reward_id))
        .filter(reward::Column::Active.eq(true))
        .filter(
            reward::Column::LimitQty
                .is_null()
                .or(Expr::col(reward::Column::Claimed).add(count).lte(Expr::col(reward::Column::LimitQty))),
        );
    if counted && early_birds > 0 {
        claim = claim.filter(
            Expr::col(reward::Column::EarlyBirdClaimed).add(early_birds).lte(Expr::col(reward::Column::EarlyBirdFirst)),
        );
    }
    Ok(claim.exec(txn).await?.rows_affected == 1)
}

/// Whether a reward still has units to claim (read only, to explain a refusal).
pub async fn units_left(txn: &DatabaseTransaction, reward_id: &str) -> Result<bool, AppError> {
    let row = reward::Entity::find_by_id(reward_id).one(txn).await?;
    Ok(row.is_some_and(|r| r.active && r.limit_qty.is_none_or(|limit| r.claimed < limit)))
}

/// Locks the campaign's row for the rest of the transaction (PostgreSQL; SQLite's write
/// transaction already excludes every other writer) and checks it is open at `now`. A batch
/// judged here may add to the totals with [`add_to_campaign`] without checking again.
pub async fn lock_open_campaign(
    txn: &DatabaseTransaction,
    campaign_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut select = campaign::Entity::find_by_id(campaign_id);
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        select = select.lock_exclusive();
    }
    let row = select.one(txn).await?.ok_or(AppError::NotFound)?;
    let open = row.state == CampaignState::Open;
    if open && now.timestamp_millis() < row.deadline_ms { Ok(()) } else { Err(AppError::CampaignClosed) }
}

/// Adds a batch's pledges to the campaign's totals; only after [`lock_open_campaign`].
/// `sources` holds each pledge's source, cents and count.
pub async fn add_to_campaign(
    txn: &DatabaseTransaction,
    campaign_id: i32,
    totals: Totals,
    sources: &[(&Source, i64, i64)],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    campaign::Entity::update_many()
        .col_expr(campaign::Column::PledgedCents, Expr::col(campaign::Column::PledgedCents).add(totals.cents))
        .col_expr(campaign::Column::PledgeCount, Expr::col(campaign::Column::PledgeCount).add(totals.pledges))
        .col_expr(campaign::Column::Backers, Expr::col(campaign::Column::Backers).add(totals.backers))
        .filter(campaign::Column::Id.eq(campaign_id))
        .exec(txn)
        .await?;
    add_to_hour(txn, campaign_id, totals.cents, totals.pledges, now).await?;
    add_to_sources(txn, campaign_id, sources).await
}

/// Adds a pledge's money to the reward whose unit it already holds: an unconfirmed pledge
/// claims the unit when placed and brings its money when confirmed.
pub async fn add_reward_money(txn: &DatabaseTransaction, reward_id: &str, cents: i64) -> Result<(), AppError> {
    reward::Entity::update_many()
        .col_expr(reward::Column::PledgedCents, Expr::col(reward::Column::PledgedCents).add(cents))
        .filter(reward::Column::Id.eq(reward_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// As [`add_reward_money`] for several rewards at once (`(reward, cents)`, each reward once):
/// one statement, whatever their number.
pub async fn add_rewards_money(txn: &DatabaseTransaction, moves: &[(&str, i64)]) -> Result<(), AppError> {
    let Some(((first, cents), rest)) = moves.split_first() else {
        return Ok(());
    };
    let mut added = Expr::case(Expr::col(reward::Column::Id).eq(*first), *cents);
    for (id, cents) in rest {
        added = added.case(Expr::col(reward::Column::Id).eq(*id), *cents);
    }
    let added: Expr = added.finally(0i64).into();
    reward::Entity::update_many()
        .col_expr(reward::Column::PledgedCents, Expr::col(reward::Column::PledgedCents).add(added))
        .filter(reward::Column::Id.is_in(moves.iter().map(|(id, _)| *id)))
        .exec(txn)
        .await?;
    Ok(())
}

/// Gives back what [`claim_reward`] took.
pub async fn release_reward(
    txn: &DatabaseTransaction,
    reward_id: &str,
    cents: i64,
    early_bird: bool,
) -> Result<(), AppError> {
    let mut release = reward::Entity::update_many()
        .col_expr(reward::Column::Claimed, Expr::col(reward::Column::Claimed).sub(1))
        .col_expr(reward::Column::PledgedCents, Expr::col(reward::Column::PledgedCents).sub(cents))
        .filter(reward::Column::Id.eq(reward_id));
    if early_bird {
        release =
            release.col_expr(reward::Column::EarlyBirdClaimed, Expr::col(reward::Column::EarlyBirdClaimed).sub(1));
    }
    release.exec(txn).await?;
    Ok(())
}

/// Counts more active pledges for each email (`(identity, how many)`, each identity once) and
/// returns how many of them are new backers: those whose count is now exactly what was added.
pub async fn backers_join(txn: &DatabaseTransaction, counts: &[(String, i64)]) -> Result<i64, AppError> {
    if counts.is_empty() {
        return Ok(0);
    }
    let mut upsert = Query::insert();
    upsert.into_table(backer::Entity).columns([backer::Column::Email, backer::Column::ActivePledges]);
    for (identity, count) in counts {
        upsert.values_panic([identity.as_str().into(), (*count).into()]);
    }
    upsert
        .on_conflict(
            OnConflict::column(backer::Column::Email)
                .value(backer::Column::ActivePledges, Expr::cust("backers.active_pledges + excluded.active_pledges"))
                .to_owned(),
        )
        .returning(Query::returning().columns([backer::Column::Email, backer::Column::ActivePledges]));
    let mut new_backers = 0;
    for row in txn.query_all(&upsert).await? {
        let email: String = row.try_get("", "email")?;
        let active: i64 = row.try_get("", "active_pledges")?;
        if counts.iter().any(|(identity, count)| *identity == email && *count == active) {
            new_backers += 1;
        }
    }
    Ok(new_backers)
}

/// Counts one less active pledge for an email; true if that email no longer backs anything.
pub async fn backer_leaves(txn: &DatabaseTransaction, identity: &str) -> Result<bool, AppError> {
    let update = Query::update()
        .table(backer::Entity)
        .value(backer::Column::ActivePledges, Expr::col(backer::Column::ActivePledges).sub(1))
        .and_where(backer::Column::Email.eq(identity))
        .returning_col(backer::Column::ActivePledges)
        .to_owned();
    let remaining = match txn.query_one(&update).await? {
        Some(row) => row.try_get::<i64>("", "active_pledges")?,
        None => return Ok(false),
    };
    Ok(remaining == 0)
}
