//! Charging saved cards and TWINT off-session, and sending money back. Each call that moves
//! money is an operation written down (`sending`) in its own transaction before the request
//! leaves, with an idempotency key Stripe acts on once; its answer is recorded with its effect
//! in one transaction. An operation left `sending` (a crash, no answer) is looked up at Stripe
//! by its key before anything is sent again, so money moves once per operation, whatever
//! restarts or second instances do meanwhile.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use entity::{payment, pledge, stripe_operation};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, SqlErr,
};

use super::{Cards, META_OPERATION};
use crate::domain::payment::{Step, StepDue, errored_schedule, errored_step_due};
use crate::domain::states::{MethodState, OperationKind, OperationState, PaymentKind, PaymentState, PledgeState};
use crate::error::AppError;
use crate::services::ledger;
use crate::services::letters::PaymentNews;
use crate::services::outbox;
use crate::services::stored::instant;
use crate::services::stripe::objects::{PaymentIntent, Refund, SearchResult};
use crate::services::stripe::{Params, StripeError, params};
use crate::services::treasury;

/// Pledges charged in one pass: at the default 20 a second, a few seconds of sending.
const BATCH: u64 = 50;

/// Operations this instance is sending right now (the others left `sending` are orphans), and
/// when it last looked each orphan up, so an unanswered lookup waits before the next.
#[derive(Debug, Clone, Default)]
pub struct InFlight(Arc<Mutex<InFlightSets>>);

#[derive(Debug, Default)]
pub struct InFlightSets {
    sending: HashSet<i64>,
    looked_up: HashMap<i64, std::time::Instant>,
}

/// The code of a charge Stripe never answered and has no trace of.
pub const UNKNOWN: &str = "unknown";

/// How long an orphan whose lookup gave nothing waits before the next.
const LOOK_AGAIN: std::time::Duration = std::time::Duration::from_secs(30);

impl InFlight {
    fn start(&self, id: i64) -> bool {
        self.0.lock().expect("not poisoned").sending.insert(id)
    }

    fn end(&self, id: i64) {
        self.0.lock().expect("not poisoned").sending.remove(&id);
    }

    /// Whether an orphan may be looked up now; notes that it is.
    fn may_look_up(&self, id: i64) -> bool {
        let mut sets = self.0.lock().expect("not poisoned");
        let now = std::time::Instant::now();
        if sets.looked_up.get(&id).is_some_and(|at| now.duration_since(*at) < LOOK_AGAIN) {
            return false;
        }
        sets.looked_up.retain(|_, at| now.duration_since(*at) < LOOK_AGAIN);
        sets.looked_up.insert(id, now);
        true
    }
}

/// How long an operation may stay `sending` while its request may still be under way.
fn patience(cards: &Cards) -> Duration {
    Duration::from_std(cards.stripe.settings().timeout * 4).unwrap_or(Duration::minutes(2)) + Duration::seconds(30)
}

/// One pass: orphans looked up, due charges sent, errored pledges reminded, refunds sent.
/// Returns how much it did, so the caller loops while busy.
pub async fn run_once(cards: &Cards, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut done = recover(cards, now).await?;
    done += errored_steps(cards, now).await?;
    done += charge_due(cards, now).await?;
    done += refund_due(cards, now).await?;
    Ok(done)
}

/// The key of a pledge's `attempt`th operation of `kind`, unique across campaigns sharing an
/// account.
fn key_of(cards: &Cards, kind: OperationKind, pledge_id: i64, attempt: i32) -> String {
    format!("{}-{kind}-{pledge_id}-{attempt}", cards.campaign.slug)
}

/// Takes up to [`BATCH`] pledges whose saved method is due to be charged, writes an operation
/// for each, then sends them.
async fn charge_due(cards: &Cards, now: DateTime<Utc>) -> Result<usize, AppError> {
    let due = || {
        pledge::Entity::find()
            .filter(pledge::Column::CampaignId.eq(cards.campaign_id))
            .filter(pledge::Column::NextChargeMs.lte(now.timestamp_millis()))
    };
    if due().one(&cards.db.read).await?.is_none() {
        return Ok(0);
    }
    let txn = cards.db.begin_write().await?;
    ledger::lock_campaign(&txn, cards.campaign_id).await?;
    let rows = due().order_by_asc(pledge::Column::NextChargeMs).limit(BATCH).all(&txn).await?;
    let mut taken = Vec::new();
    for row in rows {
        let chargeable = row.state == PledgeState::Active
            && row.pay_by.is_stripe()
            && row.method_state == MethodState::Saved
            && row.payment_state.owes()
            && row.outstanding_cents > 0
            && !super::charge_under_way(&txn, row.id).await?;
        let attempt = row.charge_attempts + 1;
        // The condition on the attempts makes a second instance's take of the same row miss.
        let moved = pledge::Entity::update_many()
            .col_expr(pledge::Column::NextChargeMs, Expr::value(Option::<i64>::None))
            .col_expr(
                pledge::Column::ChargeAttempts,
                Expr::value(if chargeable { attempt } else { row.charge_attempts }),
            )
            .filter(pledge::Column::Id.eq(row.id))
            .filter(pledge::Column::ChargeAttempts.eq(row.charge_attempts))
            .filter(pledge::Column::NextChargeMs.is_not_null())
            .exec(&txn)
            .await?;
        if moved.rows_affected == 0 || !chargeable {
            continue;
        }
        let key = key_of(cards, OperationKind::Charge, row.id, attempt);
        let request = charge_params(cards, &key, row.outstanding_cents, &row);
        let operation = stripe_operation::ActiveModel {
            campaign_id: Set(cards.campaign_id),
            pledge_id: Set(row.id),
            kind: Set(OperationKind::Charge),
            attempt: Set(attempt),
            idempotency_key: Set(key),
            amount_cents: Set(row.outstanding_cents),
            request: Set(serde_json::to_string(&request).unwrap_or_default()),
            state: Set(OperationState::Sending),
            created_at_ms: Set(now.timestamp_millis()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        taken.push(operation);
    }
    txn.commit().await?;
    let count = taken.len();
    send_all(cards, taken, now).await;
    Ok(count)
}

/// Sends operations at once (the client keeps the pace) and records each answer.
async fn send_all(cards: &Cards, operations: Vec<stripe_operation::Model>, now: DateTime<Utc>) {
    let mut sending = tokio::task::JoinSet::new();
    for operation in operations {
        if !cards.in_flight.start(operation.id) {
            continue;
        }
        let cards = cards.clone();
        sending.spawn(async move {
            let id = operation.id;
            if let Err(error) = send(&cards, &operation, now).await {
                tracing::error!(%error, operation = id, "recording a Stripe answer failed; it will be looked up again");
            }
            cards.in_flight.end(id);
        });
    }
    while sending.join_next().await.is_some() {}
}

/// The charge request of a pledge's saved method, written down with its operation and sent the
/// same every time.
fn charge_params(cards: &Cards, key: &str, cents: i64, row: &pledge::Model) -> Params {
    let mut form = params([
        ("customer", row.stripe_customer.clone().unwrap_or_default()),
        ("payment_method", row.stripe_method.clone().unwrap_or_default()),
        ("amount", cents.to_string()),
        ("currency", "chf".to_owned()),
        ("off_session", "true".to_owned()),
        ("confirm", "true".to_owned()),
        ("expand[0]", "latest_charge.balance_transaction".to_owned()),
    ]);
    form.extend(cards.metadata("metadata", row.id));
    form.push((format!("metadata[{META_OPERATION}]"), key.to_owned()));
    form
}

async fn send(cards: &Cards, operation: &stripe_operation::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    let form: Params = serde_json::from_str(&operation.request)
        .map_err(|e| AppError::internal("reading an operation's request", e))?;
    let key = &operation.idempotency_key;
    match operation.kind {
        OperationKind::Charge => {
            let answer = cards.stripe.post::<PaymentIntent>("/v1/payment_intents", &form, key).await;
            charge_answered(cards, operation, answer, now).await
        }
        OperationKind::Refund => {
            let answer = cards.stripe.post::<Refund>("/v1/refunds", &form, key).await;
            refund_answered(cards, operation, answer, now).await
        }
    }
}

/// Records a charge's answer with its effect.
async fn charge_answered(
    cards: &Cards,
    operation: &stripe_operation::Model,
    answer: Result<PaymentIntent, StripeError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match answer {
        Ok(intent) if intent.status == "succeeded" => {
            cards.note_trouble(None);
            record_paid(cards, operation, &intent, now).await
        }
        Ok(intent) if intent.status == "processing" => {
            // TWINT may take a moment: the webhook (or the lookup) tells the end.
            stripe_operation::Entity::update_many()
                .col_expr(stripe_operation::Column::StripeId, Expr::value(intent.id))
                .filter(stripe_operation::Column::Id.eq(operation.id))
                .exec(&cards.db.write)
                .await?;
            Ok(())
        }
        Ok(intent) => {
            let code = intent.last_payment_error.as_ref().and_then(|e| e.code.clone());
            let code = code.unwrap_or_else(|| intent.status.clone());
            let auth = code == "authentication_required" || intent.status == "requires_action";
            failed_charge(cards, operation, Some(&intent.id), &code, "", auth, now).await
        }
        Err(StripeError::Refused { body, .. }) => {
            let code = body.code.clone().unwrap_or_else(|| "refused".into());
            let intent = body.payment_intent.as_ref().map(|i| i.id.clone());
            let auth = code == "authentication_required";
            failed_charge(cards, operation, intent.as_deref(), &code, body.message.as_deref().unwrap_or(""), auth, now)
                .await
        }
        Err(error @ StripeError::Key { .. }) => {
            cards.note_trouble(Some(error.to_string()));
            // Nothing happened at Stripe: the pledge is charged again once the key is fixed.
            let txn = cards.db.begin_write().await?;
            let closed =
                close(&txn, operation, OperationState::Failed, None, Some(("key", &error.to_string())), now).await?;
            if closed {
                pledge::Entity::update_many()
                    .col_expr(
                        pledge::Column::NextChargeMs,
                        Expr::value((now + Duration::minutes(10)).timestamp_millis()),
                    )
                    .filter(pledge::Column::Id.eq(operation.pledge_id))
                    .exec(&txn)
                    .await?;
            }
            txn.commit().await?;
            Ok(())
        }
        Err(error @ StripeError::Unavailable(_)) => {
            cards.note_trouble(Some(error.to_string()));
            Ok(())
        }
    }
}

/// Marks `operation` answered, if it still waits: false when another instance (or the
/// webhook) recorded it first, and its effect must not be applied again.
pub(super) async fn close(
    txn: &DatabaseTransaction,
    operation: &stripe_operation::Model,
    state: OperationState,
    stripe_id: Option<&str>,
    error: Option<(&str, &str)>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut update = stripe_operation::Entity::update_many()
        .col_expr(stripe_operation::Column::State, Expr::value(state.to_string()))
        .col_expr(stripe_operation::Column::AnsweredAtMs, Expr::value(now.timestamp_millis()))
        .filter(stripe_operation::Column::Id.eq(operation.id))
        .filter(stripe_operation::Column::State.eq(OperationState::Sending));
    if let Some(id) = stripe_id {
        update = update.col_expr(stripe_operation::Column::StripeId, Expr::value(id.to_owned()));
    }
    if let Some((code, message)) = error {
        update = update
            .col_expr(stripe_operation::Column::ErrorCode, Expr::value(code.chars().take(64).collect::<String>()))
            .col_expr(
                stripe_operation::Column::ErrorMessage,
                Expr::value(message.chars().take(500).collect::<String>()),
            );
    }
    Ok(update.exec(txn).await?.rows_affected == 1)
}

async fn record_paid(
    cards: &Cards,
    operation: &stripe_operation::Model,
    intent: &PaymentIntent,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    super::paid(cards, operation.pledge_id, intent, Some(operation), now).await.map(|_| ())
}

#[allow(clippy::too_many_arguments)]
async fn failed_charge(
    cards: &Cards,
    operation: &stripe_operation::Model,
    intent: Option<&str>,
    code: &str,
    message: &str,
    needs_authentication: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = cards.db.begin_write().await?;
    ledger::lock_campaign(&txn, cards.campaign_id).await?;
    if close(&txn, operation, OperationState::Failed, intent, Some((code, message)), now).await? {
        super::charge_failed_in(cards, &txn, operation.pledge_id, code, needs_authentication, now).await?;
    }
    txn.commit().await?;
    cards.writer.figures_changed();
    Ok(())
}

async fn fail(
    cards: &Cards,
    operation: &stripe_operation::Model,
    code: &str,
    message: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = cards.db.begin_write().await?;
    close(&txn, operation, OperationState::Failed, None, Some((code, message)), now).await?;
    txn.commit().await?;
    Ok(())
}

/// A PaymentIntent failed, told by a webhook: only an operation still waiting for its answer
/// learns of it here.
pub async fn answered_failed(
    cards: &Cards,
    intent: &PaymentIntent,
    now: DateTime<Utc>,
) -> Result<&'static str, AppError> {
    let Some(operation) = super::events::waiting_operation(cards, intent).await? else {
        return Ok("no charge waits for it");
    };
    let code = intent.last_payment_error.as_ref().and_then(|e| e.code.clone()).unwrap_or_else(|| "failed".into());
    let auth = code == "authentication_required";
    failed_charge(cards, &operation, Some(&intent.id), &code, "", auth, now).await?;
    Ok("charge failed")
}

/// Operations left `sending` by another process, or by this one without an answer, looked up
/// at Stripe by their key; sent again (with the same key) only when Stripe has none.
async fn recover(cards: &Cards, now: DateTime<Utc>) -> Result<usize, AppError> {
    let before = (now - patience(cards)).timestamp_millis();
    let orphans = stripe_operation::Entity::find()
        .filter(stripe_operation::Column::CampaignId.eq(cards.campaign_id))
        .filter(stripe_operation::Column::State.eq(OperationState::Sending))
        .filter(stripe_operation::Column::CreatedAtMs.lte(before))
        .order_by_asc(stripe_operation::Column::Id)
        .limit(BATCH)
        .all(&cards.db.read)
        .await?;
    let mut done = 0;
    for operation in orphans {
        if !cards.in_flight.may_look_up(operation.id) || !cards.in_flight.start(operation.id) {
            continue;
        }
        let outcome = recover_one(cards, &operation, now).await;
        cards.in_flight.end(operation.id);
        match outcome {
            Ok(true) => done += 1,
            Ok(false) => {}
            Err(error) => tracing::warn!(%error, operation = operation.id, "looking up an operation failed"),
        }
    }
    Ok(done)
}

async fn recover_one(cards: &Cards, operation: &stripe_operation::Model, now: DateTime<Utc>) -> Result<bool, AppError> {
    match operation.kind {
        OperationKind::Charge => {
            let query = format!("metadata['{META_OPERATION}']:'{}'", operation.idempotency_key);
            let found: SearchResult<PaymentIntent> = match cards
                .stripe
                .get(
                    "/v1/payment_intents/search",
                    &[("query", &query), ("expand[]", "data.latest_charge.balance_transaction")],
                )
                .await
            {
                Ok(found) => found,
                Err(error) => {
                    cards.note_trouble(Some(error.to_string()));
                    return Ok(false);
                }
            };
            match found.data.into_iter().next() {
                Some(intent) if intent.status == "processing" => Ok(false),
                Some(intent) => {
                    charge_answered(cards, operation, Ok(intent), now).await?;
                    Ok(true)
                }
                None if now - instant(operation.created_at_ms) < Duration::hours(23) => {
                    // Stripe has none: sent again under the same key, which it acts on once.
                    send(cards, operation, now).await?;
                    Ok(true)
                }
                None => {
                    // A day without an answer, and Stripe has no charge under the key: none was
                    // made. The pledge goes the way of a declined charge (errored, its backer
                    // asked to pay, reminded, tried once more), not left owing with no next step.
                    let message = "no answer for a day, and no charge at Stripe under its key";
                    failed_charge(cards, operation, None, UNKNOWN, message, false, now).await?;
                    Ok(true)
                }
            }
        }
        OperationKind::Refund => {
            // A refund sent again under the same key is acted on once.
            if now - instant(operation.created_at_ms) < Duration::hours(23) {
                send(cards, operation, now).await?;
            } else {
                fail(cards, operation, "unknown", "no answer for a day: look it up in Stripe's dashboard", now).await?;
            }
            Ok(true)
        }
    }
}

/// Errored pledges whose next step is due: a reminder with the link to pay, or at the end of
/// the grace period one last charge (or the drop, with no method left to charge).
async fn errored_steps(cards: &Cards, now: DateTime<Utc>) -> Result<usize, AppError> {
    let due = || {
        pledge::Entity::find()
            .filter(pledge::Column::CampaignId.eq(cards.campaign_id))
            .filter(pledge::Column::PaymentState.eq(PaymentState::Errored))
            .filter(pledge::Column::NextStepMs.lte(now.timestamp_millis()))
    };
    if due().one(&cards.db.read).await?.is_none() {
        return Ok(0);
    }
    let grace = cards.payments().grace_days;
    let txn = cards.db.begin_write().await?;
    ledger::lock_campaign(&txn, cards.campaign_id).await?;
    let ids: Vec<i64> = due().select_only().column(pledge::Column::Id).limit(500).into_tuple().all(&txn).await?;
    let mut mails = Vec::new();
    let mut moves = ledger::Moves::default();
    for before in ledger::lock_pledges(&txn, &ids).await? {
        let Some(errored) = before.errored_at_ms.map(instant) else {
            continue;
        };
        if before.payment_state != PaymentState::Errored {
            continue;
        }
        let done = usize::try_from(before.reminders_sent).unwrap_or(0);
        let mut after = before.clone();
        match errored_step_due(errored, grace, done, now) {
            StepDue::Wait(at) => after.next_step_ms = Some(at.timestamp_millis()),
            StepDue::Over => after.next_step_ms = None,
            StepDue::Take { index, step } => {
                after.reminders_sent = i32::try_from(index + 1).unwrap_or(i32::MAX);
                after.next_step_ms = errored_schedule(errored, grace).get(index + 1).map(|s| s.0.timestamp_millis());
                match step {
                    Step::Retry if super::charge_under_way(&txn, before.id).await? => {}
                    Step::Retry if before.method_state == MethodState::Saved => {
                        after.next_charge_ms = Some(now.timestamp_millis());
                    }
                    Step::Retry | Step::Drop => {
                        after.dropped_at_ms = Some(now.timestamp_millis());
                        ledger::derive(&mut after, now);
                        mails.push(cards.letters.payment(PaymentNews::Dropped, &after, cards.payments()));
                    }
                    Step::Remind => {
                        mails.push(cards.letters.payment(PaymentNews::ErroredReminder, &after, cards.payments()))
                    }
                }
            }
        }
        ledger::save(&txn, &after).await?;
        moves.add(ledger::Moves::between(&before, &after));
    }
    outbox::queue(&txn, &mails, now).await?;
    moves.apply(&txn, cards.campaign_id).await?;
    txn.commit().await?;
    Ok(ids.len())
}

/// The latest card or TWINT payment of a pledge, to refund from.
async fn refundable_intent(cards: &Cards, pledge_id: i64) -> Result<Option<String>, AppError> {
    let found = payment::Entity::find()
        .filter(payment::Column::PledgeId.eq(pledge_id))
        .filter(payment::Column::Kind.eq(PaymentKind::Payment))
        .filter(payment::Column::StripeRef.starts_with("pi_"))
        .order_by_desc(payment::Column::Id)
        .one(&cards.db.read)
        .await?;
    Ok(found.and_then(|p| p.stripe_ref))
}

/// Pledges that owe money back (a failed campaign, a cancelled pledge, collecting at pledge)
/// and whose money Stripe holds, whatever the way they chose last: one refund operation each,
/// of what is due up to what Stripe holds (the rest is refunded by hand, see
/// [`treasury::HELD_BY_STRIPE`]), unless one is under way.
async fn refund_due(cards: &Cards, now: DateTime<Utc>) -> Result<usize, AppError> {
    let candidates: Vec<pledge::Model> = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(cards.campaign_id))
        .filter(pledge::Column::RefundDueCents.gt(0))
        .filter(Expr::cust(format!("{} > 0", treasury::HELD_BY_STRIPE)))
        .limit(BATCH)
        .all(&cards.db.read)
        .await?;
    let ids: Vec<i64> = candidates.iter().map(|p| p.id).collect();
    let held = treasury::held_by_stripe(&cards.db.read, &ids).await?;
    let mut taken = Vec::new();
    for row in candidates {
        let cents = row.refund_due_cents.min(held.get(&row.id).copied().unwrap_or(0));
        if cents <= 0 {
            continue;
        }
        let Some(intent) = refundable_intent(cards, row.id).await? else {
            continue;
        };
        let earlier = stripe_operation::Entity::find()
            .filter(stripe_operation::Column::PledgeId.eq(row.id))
            .filter(stripe_operation::Column::Kind.eq(OperationKind::Refund))
            .order_by_desc(stripe_operation::Column::Attempt)
            .one(&cards.db.read)
            .await?;
        // One at a time: a refund is `succeeded` only once the ledger holds it (see
        // [`refund_answered`]), so what is still due after it is a new need; a refused one
        // waits an hour.
        if earlier.as_ref().is_some_and(|e| {
            e.state == OperationState::Sending
                || e.state == OperationState::Failed
                    && now - instant(e.answered_at_ms.unwrap_or(0)) < Duration::hours(1)
        }) {
            continue;
        }
        let attempt = earlier.map_or(1, |e| e.attempt + 1);
        let key = key_of(cards, OperationKind::Refund, row.id, attempt);
        let mut request = params([("payment_intent", intent), ("amount", cents.to_string())]);
        request.extend(cards.metadata("metadata", row.id));
        request.push((format!("metadata[{META_OPERATION}]"), key.clone()));
        let inserted = stripe_operation::ActiveModel {
            campaign_id: Set(cards.campaign_id),
            pledge_id: Set(row.id),
            kind: Set(OperationKind::Refund),
            attempt: Set(attempt),
            idempotency_key: Set(key),
            amount_cents: Set(cents),
            request: Set(serde_json::to_string(&request).unwrap_or_default()),
            state: Set(OperationState::Sending),
            created_at_ms: Set(now.timestamp_millis()),
            ..Default::default()
        }
        .insert(&cards.db.write)
        .await;
        match inserted {
            Ok(operation) => taken.push(operation),
            // Another instance wrote this attempt first.
            Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {}
            Err(error) => return Err(error.into()),
        }
    }
    let count = taken.len();
    send_all(cards, taken, now).await;
    Ok(count)
}

/// Records a refund's answer. The ledger takes it from the charge's refunded total, as from
/// `charge.refunded`, so that both record it once; the operation is answered in the same
/// transaction. Until the charge could be read, the operation stays `sending`: sent again
/// later under its key, Stripe replays the same refund, and nothing goes back twice.
async fn refund_answered(
    cards: &Cards,
    operation: &stripe_operation::Model,
    answer: Result<Refund, StripeError>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    match answer {
        Ok(refund) => {
            let Some(intent) = &refund.payment_intent else {
                return fail(cards, operation, "no_payment_intent", "the refund names no payment", now).await;
            };
            let read: Result<PaymentIntent, _> =
                cards.stripe.get(&format!("/v1/payment_intents/{intent}"), &[("expand[]", "latest_charge")]).await;
            let Ok(Some(charge)) = read.map(|i| i.latest_charge.and_then(|c| c.object().cloned())) else {
                return Ok(());
            };
            let txn = cards.db.begin_write().await?;
            ledger::lock_campaign(&txn, cards.campaign_id).await?;
            super::events::refund_total_in(cards, &txn, operation.pledge_id, &charge, now).await?;
            close(&txn, operation, OperationState::Succeeded, Some(&refund.id), None, now).await?;
            txn.commit().await?;
            cards.writer.figures_changed();
            Ok(())
        }
        Err(StripeError::Refused { body, .. }) => {
            let code = body.code.clone().unwrap_or_else(|| "refused".into());
            fail(cards, operation, &code, body.message.as_deref().unwrap_or(""), now).await
        }
        Err(error @ StripeError::Key { .. }) => {
            cards.note_trouble(Some(error.to_string()));
            fail(cards, operation, "key", &error.to_string(), now).await
        }
        Err(error @ StripeError::Unavailable(_)) => {
            cards.note_trouble(Some(error.to_string()));
            Ok(())
        }
    }
}
