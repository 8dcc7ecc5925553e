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
use super::counters::{
    add_reward_money, backer_leaves, backers_join, claim_reward, lock_open_campaign, move_campaign, release_reward,
    units_left,
};
use super::ledger;
use super::pricing::{Tier, tier};
use super::reward_options::{self, Options};
use super::shipping;
use super::stored::instant;
use crate::config::Campaign;
pub use crate::config::Confirmation;
use crate::config::campaign::Fulfilment;
use crate::db::Db;
use crate::domain::address::{PostalAddress, RawAddress};
use crate::domain::ids::{looks_like_secret, new_pledge_reference, new_secret};
use crate::domain::shipping::ShippingZone;
use crate::domain::states::{MethodState, PayBy, PaymentState, PledgeState};
use crate::domain::{Amount, Email, Lang, Money, PersonName, RewardId, Source};
use crate::error::{AppError, Problems};

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
    /// The address the request came from.
    pub client: Option<std::net::IpAddr>,
    /// How the backer will pay (`bank`, `card`, `twint`); the first way offered when absent.
    pub method: Option<String>,
    /// Whether the backer wants the campaign's updates by email; yes when not asked.
    pub news: Option<bool>,
    /// The session of the reward, for an event with dated sessions.
    pub session: Option<String>,
    /// `(choice, value)` for each choice of the reward, such as `("colour", "indigo")`.
    pub choices: Vec<(String, String)>,
    /// Where a reward sent by post goes; it may come later, from the private page.
    pub address: Option<RawAddress>,
    /// The postage zone the form chose (`switzerland`, `europe`, `world`); the address's
    /// zone decides when both are given.
    pub zone: Option<String>,
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
    pub client: Option<std::net::IpAddr>,
    pub pay_by: PayBy,
    /// Wants the campaign's updates by email.
    pub news: bool,
    /// The reward's session and choices.
    pub options: Options,
    pub address: Option<PostalAddress>,
    /// Where the reward is sent, and its postage, paid with the amount.
    pub shipping_zone: Option<ShippingZone>,
    pub shipping: Amount,
}

impl PledgeInput {
    /// Checks the input against the campaign's rules at `now`, in the order a person fixes
    /// a form: the reward, the amount, then who they are.
    pub fn validate(&self, campaign: &Campaign, now: DateTime<Utc>) -> Result<NewPledge, AppError> {
        self.checked(campaign, now).map_err(Problems::first)
    }

    /// Every mistake of the form at once, in the same order, for a page to show them all;
    /// [`PledgeInput::validate`] stops at the first.
    pub fn problems(&self, campaign: &Campaign, now: DateTime<Utc>) -> Vec<AppError> {
        self.checked(campaign, now).err().map(Problems::into_vec).unwrap_or_default()
    }

    fn checked(&self, campaign: &Campaign, now: DateTime<Utc>) -> Result<NewPledge, Problems> {
        let mut problems = Problems::default();
        let change = problems.keep(PledgeChange::parse(campaign, self.reward.as_deref(), &self.amount, now));
        // Judged once the reward is known: an unknown reward has said all there is to say.
        let options = match &change {
            Some(change) => problems.keep(reward_options::check(
                campaign,
                change.reward.as_ref().map(|(id, _)| id.as_str()),
                self.session.as_deref(),
                &self.choices,
            )),
            None => Some(Options::default()),
        };
        let address = match &self.address {
            None => Some(None),
            Some(raw) => {
                let reward =
                    change.as_ref().and_then(|c| c.reward.as_ref()).and_then(|(id, _)| campaign.reward(id.as_str()));
                if reward.is_some_and(|r| r.fulfilment == Fulfilment::Shipped) {
                    problems.keep(raw.parse().map(Some).map_err(AppError::InvalidAddress))
                } else {
                    problems.keep(Err(AppError::invalid("address", "error-address-not-asked")))
                }
            }
        };
        let shipping = match (&change, &address) {
            (Some(change), Some(address)) => problems.keep(shipping::of_new(
                campaign,
                change.reward.as_ref().map(|(id, _)| id.as_str()),
                self.zone.as_deref(),
                address.as_ref(),
            )),
            _ => Some((None, 0)),
        };
        let name = problems.keep(PersonName::parse(&self.name).map_err(AppError::from));
        let email = problems.keep(Email::parse(&self.email).map_err(AppError::from));
        let shown = problems.keep(if self.anonymous { Ok(None) } else { self.shown_name() });
        // A way to pay is judged against what is paid (the amount, or the smallest pledge while
        // it is wrong, and the postage).
        let amount = change.as_ref().map_or(campaign.min_pledge, |c| c.amount);
        let postage = shipping.as_ref().map_or(0, |(_, cents)| *cents);
        let paid = Money::try_from_cents(amount.cents() + postage).unwrap_or(amount);
        let pay_by = problems.keep(pay_by(campaign, self.method.as_deref(), paid));
        match (change, name, email, shown, pay_by, (options, address, shipping)) {
            (
                Some(PledgeChange { reward, amount }),
                Some(name),
                Some(email),
                Some(shown),
                Some(pay_by),
                (Some(options), Some(address), Some((shipping_zone, shipping))),
            ) if problems.is_empty() => {
                let public_name = (!self.anonymous).then(|| shown.unwrap_or_else(|| name.clone()).into_string());
                Ok(NewPledge {
                    reward,
                    amount,
                    name,
                    email,
                    public_name,
                    source: self.source.clone(),
                    client: self.client,
                    pay_by,
                    news: self.news.unwrap_or(true),
                    options,
                    address,
                    shipping_zone,
                    shipping: Amount::from_cents(shipping),
                })
            }
            _ => Err(problems),
        }
    }
}

impl PledgeInput {
    /// The name to show publicly, when one other than the backer's own is typed.
    fn shown_name(&self) -> Result<Option<PersonName>, AppError> {
        match self.display_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            None => Ok(None),
            Some(shown) => {
                PersonName::parse(shown).map(Some).map_err(|e| AppError::invalid("display_name", e.message_key()))
            }
        }
    }
}

/// The way to pay a backer chose, checked against the ways the campaign offers: bank when it
/// takes no payments (the choice is then ignored), the first way offered when none is given.
pub fn pay_by(campaign: &Campaign, chosen: Option<&str>, amount: Money) -> Result<PayBy, AppError> {
    let Some(payments) = &campaign.payments else {
        return Ok(PayBy::Bank);
    };
    let method = match chosen.map(str::trim).filter(|c| !c.is_empty()) {
        None => payments.methods[0],
        Some(text) => match text.parse::<PayBy>() {
            Ok(method) if payments.offers(method) => method,
            _ => return Err(AppError::invalid("method", "error-method-unknown")),
        },
    };
    if method == PayBy::Twint && amount.cents() > crate::config::payments::TWINT_LIMIT_CENTS {
        return Err(AppError::invalid("method", "error-twint-limit"));
    }
    Ok(method)
}

/// How long an unconfirmed pledge holds a unit of its reward.
pub const HOLD: chrono::TimeDelta = chrono::TimeDelta::minutes(30);

/// How long an unconfirmed pledge is kept before it is deleted.
pub const KEPT_UNCONFIRMED: chrono::TimeDelta = chrono::TimeDelta::days(7);

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
#[allow(clippy::too_many_arguments)]
pub async fn place(
    txn: &DatabaseTransaction,
    campaign: &Campaign,
    campaign_id: i32,
    new: &NewPledge,
    lang: Lang,
    idempotency_key: Option<&str>,
    confirmation: Confirmation,
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
            Ok(()) => batch::place_many(&attempt, campaign, campaign_id, &[request], confirmation, now).await,
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

/// The row of a new pledge, with a fresh token and reference; to confirm by email, with the
/// secret of its link and, with a reward, the end of its hold.
pub(super) fn new_row(
    campaign_id: i32,
    request: &batch::Request<'_>,
    early_bird: bool,
    confirmation: Confirmation,
    now: DateTime<Utc>,
) -> pledge::ActiveModel {
    let batch::Request { new, lang, idempotency_key } = *request;
    let now_ms = now.timestamp_millis();
    let (state, confirm_secret, confirmed_at_ms, hold_until_ms) = match confirmation {
        Confirmation::ByEmail => (
            PledgeState::Unconfirmed,
            Some(new_secret()),
            None,
            new.reward.as_ref().map(|_| (now + HOLD).timestamp_millis()),
        ),
        Confirmation::AtOnce => (PledgeState::Active, None, Some(now_ms), None),
    };
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
        state: Set(state),
        lang: Set(lang.code().to_owned()),
        idempotency_key: Set(idempotency_key.map(str::to_owned)),
        source_tag: Set(new.source.tag.clone()),
        source_site: Set(new.source.site.clone()),
        created_at_ms: Set(now_ms),
        updated_at_ms: Set(now_ms),
        confirm_secret: Set(confirm_secret),
        confirmed_at_ms: Set(confirmed_at_ms),
        hold_until_ms: Set(hold_until_ms),
        client_address: Set(new.client.map(|address| address.to_string())),
        pay_by: Set(new.pay_by),
        news: Set(new.news),
        session_id: Set(new.options.session.clone()),
        shipping_zone: Set(new.shipping_zone),
        shipping_cents: Set(new.shipping.cents()),
        method_state: Set(if new.pay_by.is_stripe() { MethodState::Pending } else { MethodState::NotNeeded }),
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
    let Some(earlier) = found else { return Ok(None) };
    let chosen = reward_options::chosen(db, earlier.id).await?;
    let address = super::addresses::of(db, earlier.id).await?;
    same_request(earlier, &chosen, address.as_ref(), new).map(Some)
}

/// The earlier pledge stored under a request's idempotency key, if it is the same request in
/// every field a backer gives; anything else under that key is refused, so that knowing a
/// key, an email and an amount never hands over someone's private token.
/// `chosen` is what the earlier pledge chose, as [`reward_options::chosen`] reads it, and
/// `address` the address it was given.
pub(super) fn same_request(
    earlier: pledge::Model,
    chosen: &[(String, String)],
    address: Option<&entity::address::Model>,
    new: &NewPledge,
) -> Result<Placed, AppError> {
    let stored = address.map(|a| (&a.name, &a.street, &a.building, &a.postcode, &a.town, &a.country));
    let asked = new.address.as_ref().map(|a| (&a.name, &a.street, &a.building, &a.postcode, &a.town, &a.country));
    let same = earlier.amount_cents == new.amount.cents()
        && earlier.email == new.email.as_str()
        && earlier.reward_id.as_deref() == new.reward.as_ref().map(|(id, _)| id.as_str())
        && earlier.name == new.name.as_str()
        && earlier.public_name == new.public_name
        && earlier.source_tag == new.source.tag
        && earlier.source_site == new.source.site
        && earlier.pay_by == new.pay_by
        && earlier.session_id == new.options.session
        && earlier.shipping_zone == new.shipping_zone
        && stored == asked
        && chosen == new.options.choices;
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
    /// The session of its reward it holds a seat in.
    pub session_id: Option<String>,
    pub amount: Amount,
    /// Where its reward is sent and the postage, paid with the amount but apart from it.
    pub shipping_zone: Option<ShippingZone>,
    pub shipping: Amount,
    pub early_bird: bool,
    pub name: String,
    pub email: String,
    /// The name shown publicly; `None` when the backer stays anonymous.
    pub public_name: Option<String>,
    /// The language its backer reads, as a tag (`fr`, `en`, `de`).
    pub lang: String,
    pub state: PledgeState,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Until when an unconfirmed pledge holds its reward.
    pub hold_until: Option<DateTime<Utc>>,
    /// The address the pledge came from, when known.
    pub client_address: Option<String>,
    pub payment: PaymentRecord,
}

/// Where a pledge's money stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentRecord {
    pub state: PaymentState,
    /// Received, net of reversals.
    pub paid: Amount,
    /// Received, net of reversals and refunds.
    pub held: Amount,
    pub outstanding: Amount,
    pub refund_due: Amount,
    pub refunded: Amount,
    pub billed_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub paid_at: Option<DateTime<Utc>>,
    pub dropped_at: Option<DateTime<Utc>>,
    /// How the backer chose to pay.
    pub pay_by: PayBy,
    /// Whether a card or TWINT is on file.
    pub method_state: MethodState,
    /// Stripe's code for the latest failed charge.
    pub charge_error: Option<String>,
    /// The bank wants the backer to confirm the charge (3-D Secure).
    pub needs_authentication: bool,
}

impl PledgeRecord {
    pub fn is_active(&self) -> bool {
        self.state == PledgeState::Active
    }

    /// What its backer pays in all: the amount and the postage.
    pub fn total(&self) -> Amount {
        Amount::from_cents(self.amount.cents() + self.shipping.cents())
    }
}

impl From<pledge::Model> for PledgeRecord {
    fn from(row: pledge::Model) -> PledgeRecord {
        PledgeRecord {
            id: row.id,
            token: row.token,
            reference: row.reference,
            reward_id: row.reward_id,
            session_id: row.session_id,
            amount: Amount::from_cents(row.amount_cents),
            shipping_zone: row.shipping_zone,
            shipping: Amount::from_cents(row.shipping_cents),
            early_bird: row.early_bird,
            name: row.name,
            email: row.email,
            public_name: row.public_name,
            lang: row.lang,
            state: row.state,
            created_at: instant(row.created_at_ms),
            updated_at: instant(row.updated_at_ms),
            hold_until: row.hold_until_ms.map(instant),
            client_address: row.client_address,
            payment: PaymentRecord {
                state: row.payment_state,
                paid: Amount::from_cents(row.paid_cents),
                held: Amount::from_cents(row.paid_cents - row.refunded_cents),
                outstanding: Amount::from_cents(row.outstanding_cents),
                refund_due: Amount::from_cents(row.refund_due_cents),
                refunded: Amount::from_cents(row.refunded_cents),
                billed_at: row.billed_at_ms.map(instant),
                due_at: row.due_at_ms.map(instant),
                paid_at: row.paid_at_ms.map(instant),
                dropped_at: row.dropped_at_ms.map(instant),
                pay_by: row.pay_by,
                method_state: row.method_state,
                charge_error: row.charge_error,
                needs_authentication: row.needs_authentication,
            },
        }
    }
}

/// Finds a pledge by its private token, whatever its state.
pub async fn find_by_token(db: &Db, token: &str) -> Result<PledgeRecord, AppError> {
    find_by(db, pledge::Column::Token, token).await
}

/// The pledge whose `column` holds `secret`, without changing it.
async fn find_by(db: &Db, column: pledge::Column, secret: &str) -> Result<PledgeRecord, AppError> {
    if !looks_like_secret(secret) {
        return Err(AppError::NotFound);
    }
    let found = pledge::Entity::find().filter(column.eq(secret)).one(&db.read).await?;
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

/// Locks a pledge found by its private token for the rest of the transaction.
pub(crate) async fn lock(txn: &DatabaseTransaction, token: &str) -> Result<pledge::Model, AppError> {
    lock_by(txn, pledge::Column::Token, token).await
}

/// Locks the pledge whose `column` holds `secret` (PostgreSQL; SQLite's write transaction
/// already holds the whole database).
async fn lock_by(txn: &DatabaseTransaction, column: pledge::Column, secret: &str) -> Result<pledge::Model, AppError> {
    if !looks_like_secret(secret) {
        return Err(AppError::NotFound);
    }
    let mut select = pledge::Entity::find().filter(column.eq(secret));
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
        // Confirming is the one way forward; see [`confirm`].
        PledgeState::Unconfirmed => return Err(AppError::invalid("pledge", "error-pledge-unconfirmed")),
        PledgeState::Cancelled => return Err(AppError::NotFound),
    }
    let cents = change.amount.cents();
    let shipping = shipping::due(campaign, change.reward.as_ref().map(|(id, _)| id.as_str()), old.shipping_zone)?;
    move_campaign(txn, old.campaign_id, &source_of(&old), cents - old.amount_cents, 0, 0, now).await?;
    let kept = same_reward(&old, change);
    if let Some(reward) = &old.reward_id {
        release_reward(txn, reward, old.amount_cents, old.early_bird).await?;
    }
    let early_bird = match &change.reward {
        Some((id, tier)) => take_reward(txn, campaign, id, *tier, change.amount, cents).await?,
        None => false,
    };
    let session = if kept { old.session_id.clone() } else { other_reward(txn, campaign, &old, change, true).await? };
    let mut pledge: pledge::ActiveModel = old.clone().into();
    pledge.session_id = Set(session);
    pledge.reward_id = Set(change.reward.as_ref().map(|(id, _)| id.to_string()));
    pledge.amount_cents = Set(cents);
    pledge.shipping_cents = Set(shipping);
    pledge.early_bird = Set(early_bird);
    pledge.updated_at_ms = Set(now.timestamp_millis());
    let changed = pledge.update(txn).await?;
    follow_money(txn, &old, changed, now).await
}

/// Whether a change keeps the pledge's reward, and so its session and choices.
fn same_reward(old: &pledge::Model, change: &PledgeChange) -> bool {
    old.reward_id.is_some() && old.reward_id.as_deref() == change.reward.as_ref().map(|(id, _)| id.as_str())
}

/// A pledge that moves to another reward leaves its session and choices (given back when it
/// `held` them); the change is refused when the new reward asks for a session or choices, which
/// a change of reward and amount does not give. Returns its session: none.
async fn other_reward(
    txn: &DatabaseTransaction,
    campaign: &Campaign,
    old: &pledge::Model,
    change: &PledgeChange,
    held: bool,
) -> Result<Option<String>, AppError> {
    reward_options::check(campaign, change.reward.as_ref().map(|(id, _)| id.as_str()), None, &[])?;
    if held {
        reward_options::release(txn, old).await?;
    }
    reward_options::forget(txn, old.id).await?;
    Ok(None)
}

/// Moves a pledge's payment standing after its amount or state changed: a bill issued at
/// pledge time now asks for the new amount, a cancelled pledge owes nothing and what it paid
/// is to give back.
pub(super) async fn follow_money(
    txn: &DatabaseTransaction,
    before: &pledge::Model,
    mut after: pledge::Model,
    now: DateTime<Utc>,
) -> Result<pledge::Model, AppError> {
    ledger::derive(&mut after, now);
    ledger::save(txn, &after).await?;
    ledger::Moves::between(before, &after).apply(txn, after.campaign_id).await?;
    Ok(after)
}

/// Cancels a pledge inside `txn`; its reward and the totals are given back. An unconfirmed
/// one counted nowhere: it only gives back the unit it holds.
pub async fn cancel(txn: &DatabaseTransaction, token: &str, now: DateTime<Utc>) -> Result<pledge::Model, AppError> {
    let old = lock(txn, token).await?;
    match old.state {
        PledgeState::Active => {}
        PledgeState::Unconfirmed => {
            if let (Some(reward), Some(_)) = (&old.reward_id, old.hold_until_ms) {
                release_reward(txn, reward, 0, old.early_bird).await?;
                reward_options::release(txn, &old).await?;
            }
            let mut pledge: pledge::ActiveModel = old.clone().into();
            pledge.state = Set(PledgeState::Cancelled);
            pledge.hold_until_ms = Set(None);
            pledge.voided_at_ms = Set(Some(now.timestamp_millis()));
            pledge.updated_at_ms = Set(now.timestamp_millis());
            let cancelled = pledge.update(txn).await?;
            return follow_money(txn, &old, cancelled, now).await;
        }
        PledgeState::Cancelled => return Err(AppError::NotFound),
    }
    let gone = backer_leaves(txn, &old.email.to_lowercase()).await?;
    move_campaign(txn, old.campaign_id, &source_of(&old), -old.amount_cents, -1, -i64::from(gone), now).await?;
    if let Some(reward) = &old.reward_id {
        release_reward(txn, reward, old.amount_cents, old.early_bird).await?;
        reward_options::release(txn, &old).await?;
    }
    let mut pledge: pledge::ActiveModel = old.clone().into();
    pledge.state = Set(PledgeState::Cancelled);
    pledge.voided_at_ms = Set(Some(now.timestamp_millis()));
    pledge.updated_at_ms = Set(now.timestamp_millis());
    let cancelled = pledge.update(txn).await?;
    follow_money(txn, &old, cancelled, now).await
}

/// What opening a confirmation link did.
#[derive(Debug, Clone)]
pub struct Confirmed {
    pub pledge: pledge::Model,
    /// This request confirmed it; false when it was confirmed (or cancelled) before.
    pub now: bool,
}

/// Confirms the unconfirmed pledge whose link holds `secret`, inside `txn`: it becomes active
/// and counts from now on. The unit it holds becomes its own; if the hold was released, a
/// unit is claimed again, or the pledge is refused as sold out and stays unconfirmed, for the
/// backer to choose again (`change`, applied as it is confirmed). Refused once the campaign
/// is closed, so nothing moves the result after the close. A link opened again finds the
/// pledge as it is.
pub async fn confirm(
    txn: &DatabaseTransaction,
    campaign: &Campaign,
    secret: &str,
    change: Option<&PledgeChange>,
    now: DateTime<Utc>,
) -> Result<Confirmed, AppError> {
    let old = lock_by(txn, pledge::Column::ConfirmSecret, secret).await?;
    match old.state {
        PledgeState::Unconfirmed => {}
        PledgeState::Active | PledgeState::Cancelled => return Ok(Confirmed { pledge: old, now: false }),
    }
    let cents = change.map_or(old.amount_cents, |c| c.amount.cents());
    let shipping = match change {
        Some(change) => shipping::due(campaign, change.reward.as_ref().map(|(id, _)| id.as_str()), old.shipping_zone)?,
        None => old.shipping_cents,
    };
    let joined = backers_join(txn, &[(old.email.to_lowercase(), 1)]).await?;
    move_campaign(txn, old.campaign_id, &source_of(&old), cents, 1, joined, now).await?;
    let holding = old.hold_until_ms.is_some();
    let (reward_id, early_bird, session) = match change {
        None => {
            if let Some(id) = &old.reward_id {
                if holding {
                    add_reward_money(txn, id, cents).await?;
                } else {
                    let counted = old.early_bird
                        && campaign
                            .reward(id)
                            .is_some_and(|r| r.early_bird.as_ref().is_some_and(|early| early.first.is_some()));
                    if !claim_reward(txn, id, cents, old.early_bird, counted).await? {
                        return Err(AppError::SoldOut);
                    }
                }
            }
            let session = match (&old.reward_id, holding) {
                (Some(id), false) => claim_again(txn, id, &old).await?,
                _ => old.session_id.clone(),
            };
            (old.reward_id.clone(), old.early_bird, session)
        }
        Some(change) => {
            let kept = same_reward(&old, change);
            if let (Some(id), true) = (&old.reward_id, holding) {
                release_reward(txn, id, 0, old.early_bird).await?;
                if !kept {
                    reward_options::release(txn, &old).await?;
                }
            }
            let early_bird = match &change.reward {
                Some((id, tier)) => take_reward(txn, campaign, id, *tier, change.amount, cents).await?,
                None => false,
            };
            let session = match (&change.reward, kept) {
                (Some((id, _)), true) if !holding => claim_again(txn, id.as_str(), &old).await?,
                (_, true) => old.session_id.clone(),
                (_, false) => other_reward(txn, campaign, &old, change, false).await?,
            };
            (change.reward.as_ref().map(|(id, _)| id.to_string()), early_bird, session)
        }
    };
    let now_ms = now.timestamp_millis();
    let mut pledge: pledge::ActiveModel = old.into();
    pledge.state = Set(PledgeState::Active);
    pledge.reward_id = Set(reward_id);
    pledge.session_id = Set(session);
    pledge.amount_cents = Set(cents);
    pledge.shipping_cents = Set(shipping);
    pledge.early_bird = Set(early_bird);
    pledge.hold_until_ms = Set(None);
    pledge.confirmed_at_ms = Set(Some(now_ms));
    pledge.updated_at_ms = Set(now_ms);
    Ok(Confirmed { pledge: pledge.update(txn).await?, now: true })
}

/// Takes again the seat and the values that the end of `old`'s hold gave back, and returns the
/// session it holds. A seat taken by someone else meanwhile is let go rather than refusing the
/// confirmation: the pledge counts, and its backer chooses another date on their page. A value
/// is not let go: the reward is not the same without it.
async fn claim_again(txn: &DatabaseTransaction, reward: &str, old: &pledge::Model) -> Result<Option<String>, AppError> {
    let options = reward_options::of(txn, old).await?;
    match reward_options::claim(txn, reward, &options).await {
        Ok(()) => Ok(options.session),
        Err(AppError::SessionFull) => {
            reward_options::claim(txn, reward, &Options { session: None, ..options }).await?;
            Ok(None)
        }
        Err(error) => Err(error),
    }
}

/// Finds a pledge by the secret of its confirmation link, without changing it.
pub async fn find_by_confirm_secret(db: &Db, secret: &str) -> Result<PledgeRecord, AppError> {
    find_by(db, pledge::Column::ConfirmSecret, secret).await
}
