//! Preloading a scratch database with generated pledges, counters included, so that reads
//! can be measured against a campaign with many pledges, and charges against one whose
//! backers saved a card.
//!
//! The pledges are written with raw SQL, many rows per statement, far faster than the pledge
//! path would take them; they are marked as generated (see [`super::scratch`]) so that the
//! tools recognise their own database.

use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use bobine::config::Campaign;
use bobine::db::Db;
use bobine::domain::states::{MethodState, PayBy, PledgeState};
use bobine::error::AppError;
use bobine::services::counters::hour_start;

use crate::scratch::{MARK_DOMAIN, SEED_TOKEN};

/// The state generated pledges are in: they count, as real ones do.
const ACTIVE: PledgeState = PledgeState::Active;

/// How many rows one `INSERT` carries while preloading.
const ROWS_PER_INSERT: usize = 500;
/// How many rows one transaction carries while preloading.
const ROWS_PER_COMMIT: usize = 50_000;

/// Inserts `count` active pledges with distinct backers, spread over the unlimited rewards
/// (and pledges without reward) so that no limit is touched, and moves the counters to match.
/// Pledges are written as literal values: they are generated here, never typed by anyone.
pub async fn seed(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
    count: usize,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    insert(db, campaign, campaign_id, count, &[], now).await
}

/// As [`seed`], one pledge per `(customer, payment_method)` of `cards`, paying by that card,
/// saved at Stripe. The ids are written as literal values: the caller checks they are plain.
pub async fn seed_cards(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
    cards: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    insert(db, campaign, campaign_id, cards.len(), cards, now).await
}

/// Inserts `count` pledges, the first ones paying by the saved `cards`, the others by bank.
async fn insert(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
    count: usize,
    cards: &[(String, String)],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let targets: Vec<(Option<String>, i64)> = std::iter::once((None, campaign.min_pledge.cents()))
        .chain(
            campaign.rewards.iter().filter(|r| r.limit.is_none()).map(|r| (Some(r.id.to_string()), r.minimum.cents())),
        )
        .collect();
    let mut per_target = vec![(0i64, 0i64); targets.len()];
    let start = next_seed_index(db).await?;
    let mut done = 0;
    while done < count {
        let txn = db.begin_write().await?;
        let until = (done + ROWS_PER_COMMIT).min(count);
        while done < until {
            let end = (done + ROWS_PER_INSERT).min(until);
            let mut pledges = String::with_capacity(256 * (end - done));
            let mut backers = String::with_capacity(48 * (end - done));
            for i in done..end {
                let n = start + i;
                let which = n % targets.len();
                let (reward, cents) = &targets[which];
                per_target[which].0 += 1;
                per_target[which].1 += cents;
                let reward = reward.as_ref().map_or("NULL".to_owned(), |id| format!("'{id}'"));
                let at = now.timestamp_millis() - (count - i) as i64 * 1_000;
                let separator = if pledges.is_empty() { "" } else { "," };
                let payer = match cards.get(i) {
                    Some((customer, method)) => {
                        format!("'{}','{}','{customer}','{method}'", PayBy::Card, MethodState::Saved)
                    }
                    None => format!("'{}','{}',NULL,NULL", PayBy::Bank, MethodState::NotNeeded),
                };
                pledges.push_str(&format!(
                    "{separator}({campaign_id},'{SEED_TOKEN}{n:038}','S{n:09}',{reward},{cents},FALSE,'Backer {n}','seed{n}@{MARK_DOMAIN}','Backer {n}','{ACTIVE}','fr',NULL,{at},{at},{at},{payer})"
                ));
                backers.push_str(&format!("{separator}('seed{n}@{MARK_DOMAIN}',1)"));
            }
            txn.execute_unprepared(&format!(
                "INSERT INTO pledges (campaign_id, token, reference, reward_id, amount_cents, early_bird, name, email, public_name, state, lang, idempotency_key, created_at_ms, updated_at_ms, confirmed_at_ms, pay_by, method_state, stripe_customer, stripe_method) VALUES {pledges}"
            ))
            .await?;
            txn.execute_unprepared(&format!("INSERT INTO backers (email, active_pledges) VALUES {backers}")).await?;
            done = end;
        }
        txn.commit().await?;
    }
    let txn = db.begin_write().await?;
    let total: i64 = per_target.iter().map(|(_, cents)| cents).sum();
    txn.execute_unprepared(&format!(
        "UPDATE campaigns SET pledged_cents = pledged_cents + {total}, pledge_count = pledge_count + {count}, backers = backers + {count} WHERE id = {campaign_id}"
    ))
    .await?;
    let hour_ms = hour_start(now);
    txn.execute_unprepared(&format!(
        "INSERT INTO hourly_totals (campaign_id, hour_ms, cents, pledges) VALUES ({campaign_id}, {hour_ms}, {total}, {count}) \
         ON CONFLICT (campaign_id, hour_ms) DO UPDATE SET cents = hourly_totals.cents + excluded.cents, pledges = hourly_totals.pledges + excluded.pledges"
    ))
    .await?;
    // Seeded pledges have no source: they count under "none" of both kinds.
    for kind in ["tag", "site"] {
        txn.execute_unprepared(&format!(
            "INSERT INTO source_totals (campaign_id, kind, name, cents, pledges) VALUES ({campaign_id}, '{kind}', '', {total}, {count}) \
             ON CONFLICT (campaign_id, kind, name) DO UPDATE SET cents = source_totals.cents + excluded.cents, pledges = source_totals.pledges + excluded.pledges"
        ))
        .await?;
    }
    for ((reward, _), (pledges, cents)) in targets.iter().zip(&per_target) {
        if let Some(id) = reward {
            txn.execute_unprepared(&format!(
                "UPDATE rewards SET claimed = claimed + {pledges}, pledged_cents = pledged_cents + {cents} WHERE id = '{id}'"
            ))
            .await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Where a new preload continues numbering, so that several preloads add up.
async fn next_seed_index(db: &Db) -> Result<usize, AppError> {
    let row = db
        .read
        .query_one_raw(sea_orm::Statement::from_string(
            db.backend(),
            format!("SELECT COUNT(*) AS n FROM pledges WHERE token LIKE '{SEED_TOKEN}%'"),
        ))
        .await?;
    let n: i64 = row.map_or(Ok(0), |r| r.try_get("", "n"))?;
    Ok(usize::try_from(n).unwrap_or(0))
}
