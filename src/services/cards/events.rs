//! Stripe's webhook events: checked against their signature over the raw body, kept once by
//! their id in an inbox, then applied. Applying reads the objects again where the event's copy
//! may be stale or unexpanded, so that events arriving late or out of order still leave each
//! pledge as Stripe has it. An event about money of a payment not recorded yet is refused
//! unkept, and applied when Stripe sends it again.

use chrono::{DateTime, Utc};
use entity::{payment, pledge, stripe_event, stripe_operation};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use super::checkout::{apply_session, read_session};
use super::{Cards, charging, method_lost, money_back, paid};
use crate::domain::states::{OperationState, PaymentKind};
use crate::domain::webhook_signature::{self, SignatureError};
use crate::error::AppError;
use crate::services::stripe::objects::{
    Charge, CheckoutSession, Dispute, Event, Mandate, PaymentIntent, PaymentMethod, SetupIntent,
};

/// What became of a webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Received {
    /// Applied now; the words say what it did.
    Applied(&'static str),
    /// Already received: nothing changed.
    Replayed,
    /// About this campaign's payment before the payment itself is in the ledger (its own news
    /// has not come yet): nothing was kept, so that Stripe sends it again and it is applied
    /// then. Stripe tries a failed webhook again for days.
    Early,
}

/// What applying an event did.
enum Applied {
    /// Done; the words say what.
    Done(&'static str),
    /// Too early: see [`Received::Early`].
    Early,
}

/// Why a webhook was refused (400): nothing was stored or changed.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("{0}")]
    Signature(#[from] SignatureError),
    #[error("the body is not a Stripe event: {0}")]
    NotAnEvent(String),
}

/// Checks, stores and applies one webhook. A failure to apply (the database, Stripe not
/// answering) is an error, and the event is not kept: Stripe sends it again later.
pub async fn receive(
    cards: &Cards,
    signature: &str,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Result<Received, Refused>, AppError> {
    // Stripe signs with its own clock: the tolerance is against the real time, whatever
    // clock the campaign runs on.
    let wall = Utc::now().timestamp();
    if let Err(refused) = webhook_signature::verify(&cards.stripe.settings().webhook_secret, signature, body, wall) {
        return Ok(Err(refused.into()));
    }
    let event: Event = match serde_json::from_slice(body) {
        Ok(event) => event,
        Err(error) => return Ok(Err(Refused::NotAnEvent(error.to_string()))),
    };
    let known = stripe_event::Entity::find_by_id(event.id.clone()).one(&cards.db.read).await?;
    if known.is_some() {
        return Ok(Ok(Received::Replayed));
    }
    let outcome = match apply(cards, &event, now).await? {
        Applied::Done(outcome) => outcome,
        Applied::Early => return Ok(Ok(Received::Early)),
    };
    let stored = stripe_event::Entity::insert(stripe_event::ActiveModel {
        id: Set(event.id.clone()),
        kind: Set(event.kind.chars().take(100).collect()),
        // What the event was about, not its body: that holds the backer's name and email,
        // which the pledge's own row keeps (and forgets with it).
        body: Set(event.data.object.get("id").and_then(|id| id.as_str()).unwrap_or_default().to_owned()),
        outcome: Set(outcome.to_owned()),
        received_at_ms: Set(now.timestamp_millis()),
    })
    .on_conflict(OnConflict::column(stripe_event::Column::Id).do_nothing().to_owned())
    .exec_without_returning(&cards.db.write)
    .await?;
    // Two deliveries at once both applied it: each fact is applied once however often it is
    // heard, so the second changed nothing either.
    Ok(Ok(if stored == 0 { Received::Replayed } else { Received::Applied(outcome) }))
}

fn object<T: serde::de::DeserializeOwned>(event: &Event) -> Result<T, AppError> {
    serde_json::from_value(event.data.object.clone())
        .map_err(|e| AppError::internal("reading a Stripe event", format!("{}: {e}", event.kind)))
}

fn stripe_down(error: crate::services::stripe::StripeError) -> AppError {
    AppError::internal("asking Stripe about an event", error)
}

async fn apply(cards: &Cards, event: &Event, now: DateTime<Utc>) -> Result<Applied, AppError> {
    match event.kind.as_str() {
        "charge.refunded" => {
            let charge: Charge = object(event)?;
            let Some(intent) = &charge.payment_intent else {
                return Ok(Applied::Done("no payment intent"));
            };
            match payer(cards, intent).await? {
                Payer::Pledge(pledge_id) => refund_total(cards, pledge_id, &charge, now).await.map(Applied::Done),
                Payer::NotYet => Ok(Applied::Early),
                Payer::None(outcome) => Ok(Applied::Done(outcome)),
            }
        }
        // A dispute is kept for the team when it opens; money leaves when the bank takes it,
        // not then (an inquiry takes nothing), and a dispute won brings it back.
        "charge.dispute.created" | "charge.dispute.funds_withdrawn" | "charge.dispute.funds_reinstated" => {
            let dispute: Dispute = object(event)?;
            let Some(intent) = &dispute.payment_intent else {
                return Ok(Applied::Done("no payment intent"));
            };
            let pledge_id = match payer(cards, intent).await? {
                Payer::Pledge(pledge_id) => pledge_id,
                Payer::NotYet => return Ok(Applied::Early),
                Payer::None(outcome) => return Ok(Applied::Done(outcome)),
            };
            let new = super::disputes::keep(cards, pledge_id, &dispute, now).await?;
            if event.kind == "charge.dispute.created" {
                return Ok(Applied::Done(if new { "dispute opened: shown to the team" } else { "dispute known" }));
            }
            let (kind, key, outcome) = if event.kind.ends_with("funds_withdrawn") {
                (PaymentKind::Reversal, format!("{}#withdrawn", dispute.id), "dispute: money taken back")
            } else {
                (PaymentKind::Payment, format!("{}#reinstated", dispute.id), "dispute won: money back")
            };
            money_back(cards, pledge_id, kind, dispute.amount, key, now).await?;
            Ok(Applied::Done(outcome))
        }
        _ => apply_other(cards, event, now).await.map(Applied::Done),
    }
}

/// The events that are not about a recorded payment.
async fn apply_other(cards: &Cards, event: &Event, now: DateTime<Utc>) -> Result<&'static str, AppError> {
    match event.kind.as_str() {
        "checkout.session.completed" => {
            let session: CheckoutSession = object(event)?;
            if cards.pledge_of(&session.metadata).is_none() {
                return Ok("not this campaign's");
            }
            // The event's copy has ids only: read it expanded.
            let session = read_session(cards, &session.id).await.map_err(stripe_down)?;
            apply_session(cards, &session, now).await
        }
        "setup_intent.succeeded" => {
            let intent: SetupIntent = object(event)?;
            let (Some(pledge_id), Some(method)) = (cards.pledge_of(&intent.metadata), &intent.payment_method) else {
                return Ok("not this campaign's");
            };
            super::method_saved(
                cards,
                pledge_id,
                intent.customer.as_deref(),
                method.id(),
                intent.mandate.as_deref(),
                now,
            )
            .await
        }
        "payment_intent.succeeded" => {
            let intent: PaymentIntent = object(event)?;
            let Some(pledge_id) = cards.pledge_of(&intent.metadata) else {
                return Ok("not this campaign's");
            };
            if recorded(cards, &intent.id).await? {
                return Ok("already recorded");
            }
            // Read again with the fee, which the event's copy lacks.
            let intent: PaymentIntent = cards
                .stripe
                .get(
                    &format!("/v1/payment_intents/{}", intent.id),
                    &[("expand[]", "latest_charge.balance_transaction")],
                )
                .await
                .map_err(stripe_down)?;
            match waiting_operation(cards, &intent).await? {
                Some(operation) => paid(cards, pledge_id, &intent, Some(&operation), now).await?,
                None => paid(cards, pledge_id, &intent, None, now).await?,
            };
            Ok("payment recorded")
        }
        "payment_intent.payment_failed" => {
            let intent: PaymentIntent = object(event)?;
            if cards.pledge_of(&intent.metadata).is_none() {
                return Ok("not this campaign's");
            }
            // Only an off-session charge whose answer was lost matters here: in Checkout the
            // backer sees the failure and tries again.
            charging::answered_failed(cards, &intent, now).await
        }
        "payment_method.detached" => {
            let method: PaymentMethod = object(event)?;
            let n = method_lost(cards, pledge::Column::StripeMethod, &method.id, now).await?;
            Ok(if n > 0 { "method removed" } else { "no pledge held it" })
        }
        "mandate.updated" => {
            let mandate: Mandate = object(event)?;
            // Only `inactive` ends a mandate: a late `pending` must not remove a TWINT that works.
            match mandate.status.as_str() {
                "inactive" => {}
                "active" => return Ok("mandate active"),
                _ => return Ok("mandate pending"),
            }
            let n = method_lost(cards, pledge::Column::StripeMandate, &mandate.id, now).await?;
            Ok(if n > 0 { "mandate revoked" } else { "no pledge held it" })
        }
        _ => Ok("ignored"),
    }
}

/// Records what a charge says was refunded in all.
pub(super) async fn refund_total(
    cards: &Cards,
    pledge_id: i64,
    charge: &Charge,
    now: DateTime<Utc>,
) -> Result<&'static str, AppError> {
    let txn = cards.db.begin_write().await?;
    let outcome = refund_total_in(cards, &txn, pledge_id, charge, now).await?;
    txn.commit().await?;
    cards.writer.figures_changed();
    Ok(outcome)
}

/// As [`refund_total`], inside `txn`: the steps of the charge's refunded total, each once under
/// the key `<charge>#<total>`, whatever order the events (and the API's answers) come in. The
/// campaign's lock is taken before the sum is read, so two at once cannot both add the step.
pub(super) async fn refund_total_in(
    cards: &Cards,
    txn: &sea_orm::DatabaseTransaction,
    pledge_id: i64,
    charge: &Charge,
    now: DateTime<Utc>,
) -> Result<&'static str, AppError> {
    crate::services::ledger::lock_campaign(txn, cards.campaign_id).await?;
    let before: Option<i64> = payment::Entity::find()
        .filter(payment::Column::PledgeId.eq(pledge_id))
        .filter(payment::Column::Kind.eq(PaymentKind::Refund))
        .filter(payment::Column::StripeRef.starts_with(format!("{}#", charge.id)))
        .select_only()
        .column_as(sea_orm::sea_query::Expr::cust("CAST(SUM(amount_cents) AS BIGINT)"), "sum")
        .into_tuple::<Option<i64>>()
        .one(txn)
        .await?
        .flatten();
    let already = -before.unwrap_or(0);
    let more = charge.amount_refunded - already;
    if more <= 0 {
        return Ok("refund already recorded");
    }
    let key = format!("{}#{}", charge.id, charge.amount_refunded);
    super::money_back_in(cards, txn, pledge_id, PaymentKind::Refund, more, key, now).await?;
    Ok("refund recorded")
}

/// Whether a PaymentIntent is in the ledger already.
async fn recorded(cards: &Cards, intent: &str) -> Result<bool, AppError> {
    Ok(payment::Entity::find().filter(payment::Column::StripeRef.eq(intent)).one(&cards.db.read).await?.is_some())
}

/// Whose payment a PaymentIntent is, for an event about its money.
enum Payer {
    /// The pledge whose ledger records it.
    Pledge(i64),
    /// This campaign's, not recorded yet.
    NotYet,
    /// Nobody's here; the words say why.
    None(&'static str),
}

/// The pledge a PaymentIntent paid: found in the ledger, or else asked of Stripe, whose copy
/// names the pledge when the payment is this campaign's and its news is still on the way.
async fn payer(cards: &Cards, intent: &str) -> Result<Payer, AppError> {
    let found = payment::Entity::find().filter(payment::Column::StripeRef.eq(intent)).one(&cards.db.read).await?;
    if let Some(payment) = found {
        return Ok(Payer::Pledge(payment.pledge_id));
    }
    let intent: PaymentIntent =
        cards.stripe.get(&format!("/v1/payment_intents/{intent}"), &[]).await.map_err(stripe_down)?;
    let Some(pledge_id) = cards.pledge_of(&intent.metadata) else {
        return Ok(Payer::None("not this campaign's"));
    };
    // A pledge given up before it was confirmed is gone: no payment of it will be recorded.
    if pledge::Entity::find_by_id(pledge_id).one(&cards.db.read).await?.is_none() {
        return Ok(Payer::None("no such pledge"));
    }
    Ok(Payer::NotYet)
}

/// The operation Stripe's PaymentIntent `id` answers, if it is one of ours still waiting.
pub(super) async fn waiting_operation(
    cards: &Cards,
    intent: &PaymentIntent,
) -> Result<Option<stripe_operation::Model>, AppError> {
    let Some(key) = intent.metadata.get(super::META_OPERATION) else {
        return Ok(None);
    };
    Ok(stripe_operation::Entity::find()
        .filter(stripe_operation::Column::IdempotencyKey.eq(key.as_str()))
        .filter(stripe_operation::Column::State.eq(OperationState::Sending))
        .one(&cards.db.read)
        .await?)
}
