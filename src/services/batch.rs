//! Placing new pledges, and confirming them: the one rule, for a batch of them or for one
//! alone ([`super::pledges::place`], [`super::pledges::confirm`]). One claim per reward, one
//! upsert of their backers, one insert, inside the transaction of the batch (see
//! [`super::writer`]).
//!
//! Under a crowd, each statement's round trip costs more than the work it does; grouping the
//! statements of a batch keeps the pledge path near the database's commit rate. Limits stay
//! decided by the database: a reward's claims for the batch are one conditional update, and
//! when they do not all fit, the pledges claim one by one, in the order they arrived.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::pledge;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, DbErr, EntityTrait, QueryFilter,
    QuerySelect,
};

use super::counters::{add_rewards_money, add_to_campaign, backers_join, claim_many, release_reward};
use super::pledges::{Confirmation, Confirmed, NewPledge, Placed, Totals, new_row, same_request, take_reward};
use super::pricing::Tier;
use super::reward_options;
use crate::config::Campaign;
use crate::domain::ids::looks_like_secret;
use crate::domain::states::PledgeState;
use crate::domain::{Lang, Source};
use crate::error::AppError;

/// One new pledge of a batch.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub new: &'a NewPledge,
    pub lang: Lang,
    pub idempotency_key: Option<&'a str>,
}

/// Places `requests` inside `txn`, whose campaign row the caller locked and judged open at
/// `now`. Answers each request in order. A database error means nothing can be trusted in the
/// transaction: the caller rolls it back and takes the operations one by one. Pledges to
/// confirm by email take their reward's units (held) but add nothing to any total yet.
pub async fn place_many(
    txn: &DatabaseTransaction,
    campaign: &Campaign,
    campaign_id: i32,
    requests: &[Request<'_>],
    confirmation: Confirmation,
    now: DateTime<Utc>,
) -> Result<Vec<Result<Placed, AppError>>, DbErr> {
    let counts_now = confirmation == Confirmation::AtOnce;
    // The money of an unconfirmed pledge comes with its confirmation.
    let money = |i: usize| if counts_now { requests[i].new.amount.cents() } else { 0 };
    let mut answers: Vec<Option<Result<Placed, AppError>>> = vec![None; requests.len()];
    replay_known_keys(txn, requests, &mut answers).await?;

    // Claims, one conditional update per reward.
    let mut early_bird = vec![false; requests.len()];
    for (reward, indexes) in by_reward(requests, &answers) {
        let tiers: Vec<Tier> =
            indexes.iter().map(|&i| requests[i].new.reward.as_ref().map_or(Tier::Regular, |r| r.1)).collect();
        let count = indexes.len() as i64;
        let cents = indexes.iter().map(|&i| money(i)).sum();
        let early_birds = tiers.iter().filter(|t| **t != Tier::Regular).count() as i64;
        let counted = tiers.iter().any(|t| matches!(t, Tier::EarlyBird { counted: true }));
        if claim_many(txn, reward, count, cents, early_birds, counted).await.map_err(AppError::into_db_err)? {
            for (&i, tier) in indexes.iter().zip(&tiers) {
                early_bird[i] = *tier != Tier::Regular;
            }
            continue;
        }
        // Not all fit: first come, first served. Nothing frees a unit later in the batch, so
        // once the reward (or its early-bird price) is gone, the rest are refused as it was.
        let (mut sold_out, mut early_gone) = (None, None);
        for (&i, tier) in indexes.iter().zip(&tiers) {
            let new = requests[i].new;
            let Some((id, _)) = &new.reward else { continue };
            let known = if *tier == Tier::Regular { sold_out.clone() } else { sold_out.clone().or(early_gone.clone()) };
            if let Some(refusal) = known {
                answers[i] = Some(Err(refusal));
                continue;
            }
            match take_reward(txn, campaign, id, *tier, new.amount, money(i)).await {
                Ok(early) => early_bird[i] = early,
                Err(AppError::Db(error)) => return Err(error),
                Err(refusal) => {
                    match refusal {
                        AppError::SoldOut => sold_out = Some(refusal.clone()),
                        _ => early_gone = Some(refusal.clone()),
                    }
                    answers[i] = Some(Err(refusal));
                }
            }
        }
    }

    // Seats and chosen values, pledge by pledge in order of arrival: few pledges have them. A
    // pledge refused here gives back the unit of its reward it just took.
    for i in 0..requests.len() {
        let new = requests[i].new;
        let (None, Some((reward, _))) = (&answers[i], &new.reward) else { continue };
        if new.options.is_empty() {
            continue;
        }
        match reward_options::claim(txn, reward.as_str(), &new.options).await {
            Ok(()) => {}
            Err(AppError::Db(error)) => return Err(error),
            Err(refusal) => {
                release_reward(txn, reward.as_str(), money(i), early_bird[i]).await.map_err(AppError::into_db_err)?;
                answers[i] = Some(Err(refusal));
            }
        }
    }

    // The backers, each email once with how many of the batch's pledges it holds.
    let placing: Vec<usize> = (0..requests.len()).filter(|&i| answers[i].is_none()).collect();
    let mut new_backers = 0;
    if counts_now {
        let mut per_backer: HashMap<String, i64> = HashMap::new();
        for &i in &placing {
            *per_backer.entry(requests[i].new.email.identity()).or_default() += 1;
        }
        let per_backer: Vec<(String, i64)> = per_backer.into_iter().collect();
        new_backers = backers_join(txn, &per_backer).await.map_err(AppError::into_db_err)?;
    }

    // The pledges, in one insert; returned rows are matched by token, since the order of
    // RETURNING is not promised by every database.
    if !placing.is_empty() {
        let mut waiting: HashMap<String, usize> = HashMap::with_capacity(placing.len());
        let rows: Vec<pledge::ActiveModel> = placing
            .iter()
            .map(|&i| {
                let row = new_row(campaign_id, &requests[i], early_bird[i], confirmation, now);
                if let ActiveValue::Set(token) = &row.token {
                    waiting.insert(token.clone(), i);
                }
                row
            })
            .collect();
        for pledge in pledge::Entity::insert_many(rows).exec_with_returning(txn).await? {
            if let Some(i) = waiting.remove(&pledge.token) {
                reward_options::record(txn, &pledge, &requests[i].new.options).await.map_err(AppError::into_db_err)?;
                if let Some(address) = &requests[i].new.address {
                    super::addresses::save(txn, pledge.id, address, now).await.map_err(AppError::into_db_err)?;
                }
                answers[i] = Some(Ok(Placed { pledge, replayed: false }));
            }
        }
    }
    if !placing.is_empty() && counts_now {
        let totals = Totals {
            cents: placing.iter().map(|&i| requests[i].new.amount.cents()).sum(),
            pledges: placing.len() as i64,
            backers: new_backers,
        };
        let sources: Vec<_> =
            placing.iter().map(|&i| (&requests[i].new.source, requests[i].new.amount.cents(), 1)).collect();
        add_to_campaign(txn, campaign_id, totals, &sources, now).await.map_err(AppError::into_db_err)?;
    }
    answers
        .into_iter()
        .map(|answer| {
            answer.ok_or_else(|| DbErr::Custom("a pledge of the batch was not returned by the insert".into()))
        })
        .collect()
}

/// Answers the requests whose idempotency key is already stored, in one query.
async fn replay_known_keys(
    txn: &DatabaseTransaction,
    requests: &[Request<'_>],
    answers: &mut [Option<Result<Placed, AppError>>],
) -> Result<(), DbErr> {
    let keys: Vec<&str> = requests.iter().filter_map(|r| r.idempotency_key).collect();
    if keys.is_empty() {
        return Ok(());
    }
    let stored = pledge::Entity::find().filter(pledge::Column::IdempotencyKey.is_in(keys)).all(txn).await?;
    for earlier in stored {
        let asked = requests.iter().position(|r| r.idempotency_key == earlier.idempotency_key.as_deref());
        if let Some(i) = asked {
            let chosen = reward_options::chosen(txn, earlier.id).await.map_err(AppError::into_db_err)?;
            let address = super::addresses::of(txn, earlier.id).await.map_err(AppError::into_db_err)?;
            answers[i] = Some(same_request(earlier, &chosen, address.as_ref(), requests[i].new));
        }
    }
    Ok(())
}

/// The still unanswered requests that claim a reward, grouped by reward in order of arrival.
fn by_reward<'a>(requests: &[Request<'a>], answers: &[Option<Result<Placed, AppError>>]) -> Vec<(&'a str, Vec<usize>)> {
    let mut groups: Vec<(&'a str, Vec<usize>)> = Vec::new();
    for (i, request) in requests.iter().enumerate() {
        let Some((id, _)) = &request.new.reward else { continue };
        if answers[i].is_some() {
            continue;
        }
        match groups.iter_mut().find(|(reward, _)| *reward == id.as_str()) {
            Some((_, indexes)) => indexes.push(i),
            None => groups.push((id.as_str(), vec![i])),
        }
    }
    groups
}

/// Confirms the pledges whose links hold `secrets` inside `txn`, whose campaign row the caller
/// locked and judged open at `now`: the usual case of a confirmation, a pledge that holds its
/// unit (or has no reward), in a few statements for the whole batch (one read, one backers
/// upsert, the totals, one money update per reward, one update of the pledges). Answers each
/// secret in order: `Some` when done here (or found confirmed or cancelled before), `None`
/// when it needs the one-by-one path of [`super::pledges::confirm`]: no such pledge, a hold
/// already released, or the same link twice in one batch.
pub async fn confirm_many(
    txn: &DatabaseTransaction,
    campaign_id: i32,
    secrets: &[&str],
    now: DateTime<Utc>,
) -> Result<Vec<Option<Confirmed>>, DbErr> {
    let wanted: Vec<&str> = secrets.iter().copied().filter(|s| looks_like_secret(s)).collect();
    let mut select = pledge::Entity::find().filter(pledge::Column::ConfirmSecret.is_in(wanted));
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        select = select.lock_exclusive();
    }
    let mut found: HashMap<String, pledge::Model> = HashMap::new();
    for row in select.all(txn).await? {
        if let Some(secret) = row.confirm_secret.clone() {
            found.insert(secret, row);
        }
    }
    let mut answers: Vec<Option<Confirmed>> = Vec::with_capacity(secrets.len());
    let mut confirming: Vec<pledge::Model> = Vec::new();
    for secret in secrets {
        let answer = match found.remove(*secret) {
            None => None,
            Some(row) => match row.state {
                PledgeState::Active | PledgeState::Cancelled => Some(Confirmed { pledge: row, now: false }),
                PledgeState::Unconfirmed if row.reward_id.is_some() && row.hold_until_ms.is_none() => None,
                PledgeState::Unconfirmed => {
                    let now_ms = now.timestamp_millis();
                    let mut pledge = row;
                    pledge.state = PledgeState::Active;
                    pledge.hold_until_ms = None;
                    pledge.confirmed_at_ms = Some(now_ms);
                    pledge.updated_at_ms = now_ms;
                    confirming.push(pledge.clone());
                    Some(Confirmed { pledge, now: true })
                }
            },
        };
        answers.push(answer);
    }
    if confirming.is_empty() {
        return Ok(answers);
    }
    let mut per_backer: HashMap<String, i64> = HashMap::new();
    let mut per_reward: HashMap<&str, i64> = HashMap::new();
    for pledge in &confirming {
        *per_backer.entry(pledge.email.to_lowercase()).or_default() += 1;
        if let Some(reward) = pledge.reward_id.as_deref() {
            *per_reward.entry(reward).or_default() += pledge.amount_cents;
        }
    }
    let per_backer: Vec<(String, i64)> = per_backer.into_iter().collect();
    let joined = backers_join(txn, &per_backer).await.map_err(AppError::into_db_err)?;
    // The units are already theirs (held); only the money comes now.
    let per_reward: Vec<(&str, i64)> = per_reward.into_iter().collect();
    add_rewards_money(txn, &per_reward).await.map_err(AppError::into_db_err)?;
    let sources: Vec<Source> =
        confirming.iter().map(|p| Source { tag: p.source_tag.clone(), site: p.source_site.clone() }).collect();
    let moves: Vec<(&Source, i64, i64)> =
        sources.iter().zip(&confirming).map(|(source, p)| (source, p.amount_cents, 1)).collect();
    let totals = Totals {
        cents: confirming.iter().map(|p| p.amount_cents).sum(),
        pledges: confirming.len() as i64,
        backers: joined,
    };
    add_to_campaign(txn, campaign_id, totals, &moves, now).await.map_err(AppError::into_db_err)?;
    let now_ms = now.timestamp_millis();
    pledge::Entity::update_many()
        .col_expr(pledge::Column::State, Expr::value(PledgeState::Active.to_string()))
        .col_expr(pledge::Column::ConfirmedAtMs, Expr::value(now_ms))
        .col_expr(pledge::Column::HoldUntilMs, Expr::value(sea_orm::Value::BigInt(None)))
        .col_expr(pledge::Column::UpdatedAtMs, Expr::value(now_ms))
        .filter(pledge::Column::Id.is_in(confirming.iter().map(|p| p.id)))
        .filter(pledge::Column::State.eq(PledgeState::Unconfirmed))
        .exec(txn)
        .await?;
    Ok(answers)
}
