//! Placing, changing and cancelling pledges. Each runs inside a transaction it is given:
//! [`super::writer`] gives each its own savepoint inside a transaction that groups concurrent
//! ones into one commit, and rolls the savepoint back when it refuses.

use chrono::{DateTime, Utc};
use entity::pledge;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect, Set, SqlErr, TransactionTrait,
};

use super::batch;
use super::counters::{backer_leaves, claim_reward, lock_open_campaign, move_campaign, release_reward, units_left};
use super::pricing::{Tier, tier};
use super::stored::instant;
use crate::config::Campaign;
use crate::db::Db;
use crate::domain::ids::{looks_like_secret, new_pledge_reference, new_secret};
use crate::domain::states::PledgeState;
use crate::domain::{Amount, Email, Lang, Money, PersonName, RewardId, Source};
use crate::error::AppError;

/// A pledge as it arrives from a form or the API, before any check.
#[derive(Debug, Clone, Default)]
pub struct PledgeInput {
    pub reward: Option<String>,
    pub amount: String,
    pub name: String,
    pub email: String,
    pub display_name: Option<String>,
    pub anonymous: bool,
    pub source: Source,
}

/// A pledge that passed every check that does not need the database.
#[derive(Debug, Clone)]
pub struct NewPledge {
    pub reward: Option<(RewardId, Tier)>,
    pub amount: Money,
    pub name: PersonName,
    pub email: Email,
    pub public_name: Option<String>,
    pub source: Source,
}

impl PledgeInput {
    /// Checks the input against the campaign's rules at `now`, in the order a person fixes
    /// a form: the reward, the amount, then who they are.
    pub fn validate(&self, campaign: &Campaign, now: DateTime<Utc>) -> Result<NewPledge, AppError> {
        let PledgeChange { reward, amount } = PledgeChange::parse(campaign, self.reward.as_deref(), &self.amount, now)?;
        let name = PersonName::parse(&self.name)?;
        let email = Email::parse(&self.email)?;
        let public_name = if self.anonymous {
            None
        } else {
            match self.display_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(shown) => Some(PersonName::parse(shown)?.into_string()),
                None => Some(name.as_str().to_owned()),
            }
        };
        Ok(NewPledge { reward, amount, name, email, public_name, source: self.source.clone() })
    }
}

/// A pledge that was stored, and whether it was an earlier one found by its idempotency key.
#[derive(Debug, Clone)]
pub struct Placed {
    pub pledge: pledge::Model,
    pub replayed: bool,
}

/// Stores one pledge inside `txn`, by the same rule as a batch of them ([`batch::place_many`]):
/// judges the campaign open at `now`, claims the reward, moves the counters and inserts the
/// pledge, or refuses it and leaves `txn` as it was. With an idempotency key, a pledge
/// already stored under that key is returned instead of a second one.
pub async fn place(
    txn: &DatabaseTransaction,
    campaign: &Campaign,
    campaign_id: i32,
    new: &NewPledge,
    lang: Lang,
    idempotency_key: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Placed, AppError> {
    // A retried request gets its pledge back, even once the campaign has closed.
    if let Some(key) = idempotency_key
        && let Some(earlier) = replay(txn, key, new).await?
    {
        return Ok(earlier);
    }
    let request = batch::Request { new, lang, idempotency_key };
    // A reference is random; on the rare clash with an existing one, try again.
    for _ in 0..3 {
        let attempt = txn.begin().await?;
        let placed = match lock_open_campaign(&attempt, campaign_id, now).await {
            Ok(()) => batch::place_many(&attempt, campaign, campaign_id, &[request], now).await,
            Err(refusal) => Ok(vec![Err(refusal)]),
        };
        match placed.map(|mut answers| answers.pop()) {
            Ok(Some(Ok(placed))) => {
                attempt.commit().await?;
                return Ok(placed);
            }
            Ok(Some(Err(refusal))) => {
                attempt.rollback().await?;
                return Err(refusal);
            }
            Ok(None) => {
                attempt.rollback().await?;
                return Err(AppError::internal("placing a pledge", "no answer for it"));
            }
            Err(error) => {
                attempt.rollback().await?;
                let Some(SqlErr::UniqueConstraintViolation(detail)) = error.sql_err() else {
                    return Err(AppError::Db(error));
                };
                // Another instance may have stored the same request meanwhile.
                if let Some(key) = idempotency_key
                    && let Some(earlier) = replay(txn, key, new).await?
                {
                    return Ok(earlier);
                }
                tracing::warn!(%detail, "pledge reference clashed, retrying");
            }
        }
    }
    Err(AppError::internal("drawing a unique pledge reference", "three clashes in a row"))
}

/// What placed pledges add to the campaign's totals.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub cents: i64,
    pub pledges: i64,
    pub backers: i64,
}

/// The row of a new pledge, with a fresh token and reference.
pub(super) fn new_row(
    campaign_id: i32,
    new: &NewPledge,
    lang: Lang,
    idempotency_key: Option<&str>,
    early_bird: bool,
    now: DateTime<Utc>,
) -> pledge::ActiveModel {
    let now_ms = now.timestamp_millis();
    pledge::ActiveModel {
        campaign_id: Set(campaign_id),
        token: Set(new_secret()),
        reference: Set(new_pledge_reference()),
        reward_id: Set(new.reward.as_ref().map(|(id, _)| id.to_string())),
        amount_cents: Set(new.amount.cents()),
        early_bird: Set(early_bird),
        name: Set(new.name.as_str().to_owned()),
        email: Set(new.email.to_string()),
        public_name: Set(new.public_name.clone()),
        state: Set(PledgeState::Active),
        lang: Set(lang.code().to_owned()),
        idempotency_key: Set(idempotency_key.map(str::to_owned)),
        source_tag: Set(new.source.tag.clone()),
        source_site: Set(new.source.site.clone()),
        created_at_ms: Set(now_ms),
        updated_at_ms: Set(now_ms),
        ..Default::default()
    }
}

/// Claims the reward at its tier; returns whether the pledge holds an early-bird price.
pub(super) async fn take_reward(
    txn: &DatabaseTransaction,
    campaign: &Campaign,
    id: &RewardId,
    tier: Tier,
    amount: Money,
    cents: i64,
) -> Result<bool, AppError> {
    let counted = matches!(tier, Tier::EarlyBird { counted: true });
    let early_bird = tier != Tier::Regular;
    if claim_reward(txn, id.as_str(), cents, early_bird, counted).await? {
        return Ok(early_bird);
    }
    // Refused: either nothing is left, or only the early-bird places are gone.
    if counted && units_left(txn, id.as_str()).await? {
        let minimum = campaign.reward(id.as_str()).map_or(amount, |r| r.minimum);
        return Err(AppError::AmountBelowMinimum { minimum });
    }
    Err(AppError::SoldOut)
}

/// The pledge placed earlier under `key`, if any; refused if it was another pledge.
pub async fn replay<C: ConnectionTrait>(db: &C, key: &str, new: &NewPledge) -> Result<Option<Placed>, AppError> {
    let found = pledge::Entity::find().filter(pledge::Column::IdempotencyKey.eq(key)).one(db).await?;
    found.map(|earlier| same_request(earlier, new)).transpose()
}

/// The earlier pledge stored under a request's idempotency key, if it is the same request in
/// every field a backer gives; anything else under that key is refused, so that knowing a
/// key, an email and an amount never hands over someone's private token.
pub(super) fn same_request(earlier: pledge::Model, new: &NewPledge) -> Result<Placed, AppError> {
    let same = earlier.amount_cents == new.amount.cents()
        && earlier.email == new.email.as_str()
        && earlier.reward_id.as_deref() == new.reward.as_ref().map(|(id, _)| id.as_str())
        && earlier.name == new.name.as_str()
        && earlier.public_name == new.public_name
        && earlier.source_tag == new.source.tag
        && earlier.source_site == new.source.site;
    if same { Ok(Placed { pledge: earlier, replayed: true }) } else { Err(AppError::IdempotencyKeyReused) }
}

/// A stored pledge, as pages and the API read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PledgeRecord {
    pub id: i64,
    /// Opens the backer's private page.
    pub token: String,
    pub reference: String,
    pub reward_id: Option<String>,
    pub amount: Amount,
    pub early_bird: bool,
    pub name: String,
    pub email: String,
    /// The name shown publicly; `None` when the backer stays anonymous.
    pub public_name: Option<String>,
    pub state: PledgeState,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PledgeRecord {
    pub fn is_active(&self) -> bool {
        match self.state {
            PledgeState::Active => true,
            PledgeState::Cancelled => false,
        }
    }
}

impl From<pledge::Model> for PledgeRecord {
    fn from(row: pledge::Model) -> PledgeRecord {
        PledgeRecord {
            id: row.id,
            token: row.token,
            reference: row.reference,
            reward_id: row.reward_id,
            amount: Amount::from_cents(row.amount_cents),
            early_bird: row.early_bird,
            name: row.name,
            email: row.email,
            public_name: row.public_name,
            state: row.state,
            created_at: instant(row.created_at_ms),
            updated_at: instant(row.updated_at_ms),
        }
    }
}

/// Finds an active or cancelled pledge by its private token.
pub async fn find_by_token(db: &Db, token: &str) -> Result<PledgeRecord, AppError> {
    if !looks_like_secret(token) {
        return Err(AppError::NotFound);
    }
    let found = pledge::Entity::find().filter(pledge::Column::Token.eq(token)).one(&db.read).await?;
    found.map(PledgeRecord::from).ok_or(AppError::NotFound)
}

/// The reward and amount of a pledge, checked against the campaign's rules; also what a
/// backer may change on their pledge before the deadline.
#[derive(Debug, Clone)]
pub struct PledgeChange {
    pub reward: Option<(RewardId, Tier)>,
    pub amount: Money,
}

impl PledgeChange {
    /// Checks the reward (none, or one of the campaign's) and the amount against its minimum
    /// at `now` and the campaign's bounds.
    pub fn parse(
        campaign: &Campaign,
        reward: Option<&str>,
        amount: &str,
        now: DateTime<Utc>,
    ) -> Result<PledgeChange, AppError> {
        let reward = match reward.map(str::trim).filter(|r| !r.is_empty()) {
            None => None,
            Some(id) => Some(campaign.reward(id).ok_or(AppError::UnknownReward)?),
        };
        let amount = Money::parse(amount)?.at_most(campaign.max_pledge)?;
        let reward = match reward {
            Some(reward) => Some((reward.id.clone(), tier(reward, amount, now)?)),
            None if amount < campaign.min_pledge => {
                return Err(AppError::AmountBelowMinimum { minimum: campaign.min_pledge });
            }
            None => None,
        };
        Ok(PledgeChange { reward, amount })
    }
}

/// Where a stored pledge came from.
fn source_of(pledge: &pledge::Model) -> Source {
    Source { tag: pledge.source_tag.clone(), site: pledge.source_site.clone() }
}

/// Locks a pledge for the rest of the transaction (PostgreSQL; SQLite's write transaction
/// already holds the whole database).
async fn lock(txn: &DatabaseTransaction, token: &str) -> Result<pledge::Model, AppError> {
    let mut select = pledge::Entity::find().filter(pledge::Column::Token.eq(token));
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        select = select.lock_exclusive();
    }
    select.one(txn).await?.ok_or(AppError::NotFound)
}

/// Changes the amount or reward of an active pledge inside `txn`: gives back the old claim
/// and takes the new one, so the counters follow.
pub async fn change(
    txn: &DatabaseTransaction,
    campaign: &Campaign,
    token: &str,
    change: &PledgeChange,
    now: DateTime<Utc>,
) -> Result<pledge::Model, AppError> {
    let old = lock(txn, token).await?;
    match old.state {
        PledgeState::Active => {}
        PledgeState::Cancelled => return Err(AppError::NotFound),
    }
    let cents = change.amount.cents();
    move_campaign(txn, old.campaign_id, &source_of(&old), cents - old.amount_cents, 0, 0, now).await?;
    if let Some(reward) = &old.reward_id {
        release_reward(txn, reward, old.amount_cents, old.early_bird).await?;
    }
    let early_bird = match &change.reward {
        Some((id, tier)) => take_reward(txn, campaign, id, *tier, change.amount, cents).await?,
        None => false,
    };
    let mut pledge: pledge::ActiveModel = old.into();
    pledge.reward_id = Set(change.reward.as_ref().map(|(id, _)| id.to_string()));
    pledge.amount_cents = Set(cents);
    pledge.early_bird = Set(early_bird);
    pledge.updated_at_ms = Set(now.timestamp_millis());
    Ok(pledge.update(txn).await?)
}

/// Cancels an active pledge inside `txn`; its reward and the totals are given back.
pub async fn cancel(txn: &DatabaseTransaction, token: &str, now: DateTime<Utc>) -> Result<pledge::Model, AppError> {
    let old = lock(txn, token).await?;
    match old.state {
        PledgeState::Active => {}
        PledgeState::Cancelled => return Err(AppError::NotFound),
    }
    let gone = backer_leaves(txn, &old.email.to_lowercase()).await?;
    move_campaign(txn, old.campaign_id, &source_of(&old), -old.amount_cents, -1, -i64::from(gone), now).await?;
    if let Some(reward) = &old.reward_id {
        release_reward(txn, reward, old.amount_cents, old.early_bird).await?;
    }
    let mut pledge: pledge::ActiveModel = old.into();
    pledge.state = Set(PledgeState::Cancelled);
    pledge.updated_at_ms = Set(now.timestamp_millis());
    Ok(pledge.update(txn).await?)
}
