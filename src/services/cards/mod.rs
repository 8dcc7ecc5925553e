//! Cards and TWINT through Stripe: saved at pledge time through Checkout, charged off-session
//! when the campaign succeeds (or paid at once when collecting at pledge), failed charges
//! walked through reminders, a last retry and the drop. Stripe tells what happened twice, by
//! the API's answers and by webhooks, in any order: every fact below is applied so that
//! hearing it again changes nothing (the ledger keeps each Stripe object once).

pub mod charging;
pub mod checkout;
pub mod disputes;
pub mod events;
pub mod team;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use entity::pledge;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::ledger::{self, Entry, Moves, Recorded};
use super::letters::{Letters, PaymentNews};
use super::outbox::{self, Mail};
use super::stripe::Stripe;
use super::stripe::objects::PaymentIntent;
use super::writer::PledgeWriter;
use crate::config::{Campaign, Payments};
use crate::db::Db;
use crate::domain::payment::errored_schedule;
use crate::domain::states::{
    MethodState, OperationState, PayBy, PaymentKind, PaymentMethod, PaymentState, PledgeState,
};
use crate::error::AppError;

/// The metadata keys bobine puts on what it creates at Stripe. The campaign's slug tells
/// this site's objects from another's when several share one Stripe account.
pub const META_PLEDGE: &str = "bobine_pledge";
pub const META_CAMPAIGN: &str = "bobine_campaign";
pub const META_OPERATION: &str = "bobine_operation";

/// Everything card payments need; cheap to clone.
#[derive(Clone, Debug)]
pub struct Cards {
    pub db: Db,
    pub stripe: Stripe,
    pub campaign: Arc<Campaign>,
    pub campaign_id: i32,
    pub letters: Letters,
    pub writer: PledgeWriter,
    /// The latest problem with Stripe itself (a refused key, no answer), for the team.
    pub trouble: Arc<std::sync::Mutex<Option<String>>>,
    /// The operations this instance is sending now.
    pub in_flight: charging::InFlight,
}

impl Cards {
    pub fn payments(&self) -> &Payments {
        self.campaign.payments.as_ref().expect("cards exist only with payments")
    }

    /// The metadata that marks an object as this campaign's, for `pledge_id`.
    fn metadata(&self, prefix: &str, pledge_id: i64) -> Vec<(String, String)> {
        vec![
            (format!("{prefix}[{META_PLEDGE}]"), pledge_id.to_string()),
            (format!("{prefix}[{META_CAMPAIGN}]"), self.campaign.slug.clone()),
        ]
    }

    /// The pledge an object's metadata names, if the object is this campaign's.
    fn pledge_of(&self, metadata: &std::collections::HashMap<String, String>) -> Option<i64> {
        if metadata.get(META_CAMPAIGN) != Some(&self.campaign.slug) {
            return None;
        }
        metadata.get(META_PLEDGE)?.parse().ok()
    }

    /// Notes a problem with Stripe for the team's dashboard (and clears it once calls work).
    pub fn note_trouble(&self, trouble: Option<String>) {
        if let Some(message) = &trouble {
            tracing::warn!(%message, "Stripe");
        }
        *self.trouble.lock().expect("not poisoned") = trouble;
    }

    pub fn trouble(&self) -> Option<String> {
        self.trouble.lock().expect("not poisoned").clone()
    }
}

/// A saved card or TWINT: kept on the pledge; charged soon if the pledge already owes money
/// (billed at the close while nothing was saved, or errored). An unconfirmed pledge is
/// confirmed by it: a payment method works as well as a mailbox to show someone is real.
pub async fn method_saved(
    cards: &Cards,
    pledge_id: i64,
    customer: Option<&str>,
    method: &str,
    mandate: Option<&str>,
    now: DateTime<Utc>,
) -> Result<&'static str, AppError> {
    let txn = cards.db.begin_write().await?;
    ledger::lock_campaign(&txn, cards.campaign_id).await?;
    let Some(before) = ledger::lock_pledges(&txn, &[pledge_id]).await?.pop() else {
        txn.rollback().await?;
        return Ok("no such pledge");
    };
    if !before.pay_by.is_stripe() || (customer.is_some() && before.stripe_customer.as_deref() != customer) {
        txn.rollback().await?;
        return Ok("not this pledge's customer");
    }
    if before.stripe_method.as_deref() == Some(method) && before.method_state == MethodState::Saved {
        txn.rollback().await?;
        // A crash may have come between saving and confirming: confirming again is harmless.
        confirm(cards, &before).await;
        return Ok("already saved");
    }
    let mut after = before.clone();
    after.stripe_method = Some(method.to_owned());
    after.stripe_mandate = mandate.map(str::to_owned);
    if before.state != PledgeState::Cancelled
        && before.payment_state.owes()
        && !charge_under_way(&txn, pledge_id).await?
    {
        after.next_charge_ms = Some(now.timestamp_millis());
    }
    pledge::Entity::update(pledge::ActiveModel {
        id: sea_orm::Set(after.id),
        stripe_method: sea_orm::Set(after.stripe_method.clone()),
        stripe_mandate: sea_orm::Set(after.stripe_mandate.clone()),
        method_state: sea_orm::Set(MethodState::Saved),
        next_charge_ms: sea_orm::Set(after.next_charge_ms),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    txn.commit().await?;
    confirm(cards, &before).await;
    cards.writer.figures_changed();
    Ok("method saved")
}

/// Confirms an unconfirmed pledge whose backer saved a card or paid: a payment method works as
/// well as a mailbox to show someone is real, and money paid must never sit on a pledge that
/// counts nowhere. Refused after the close or when the reward sold out meanwhile: the pledge
/// stays as it is, and its page says what to do.
async fn confirm(cards: &Cards, pledge: &pledge::Model) {
    if pledge.state != PledgeState::Unconfirmed {
        return;
    }
    if let Some(secret) = &pledge.confirm_secret
        && let Err(error) = cards.writer.confirm(secret, None).await
    {
        tracing::info!(%error, pledge = pledge.id, "a saved card or a payment did not confirm its pledge");
    }
}

/// Whether a charge of the pledge was sent and its answer is not recorded yet: nothing may
/// start another meanwhile, or the backer could pay twice.
pub async fn charge_under_way(conn: &impl sea_orm::ConnectionTrait, pledge_id: i64) -> Result<bool, AppError> {
    use entity::stripe_operation;
    let found = stripe_operation::Entity::find()
        .filter(stripe_operation::Column::PledgeId.eq(pledge_id))
        .filter(stripe_operation::Column::Kind.eq(crate::domain::states::OperationKind::Charge))
        .filter(stripe_operation::Column::State.eq(OperationState::Sending))
        .one(conn)
        .await?;
    Ok(found.is_some())
}

/// A succeeded PaymentIntent: its money enters the ledger once, with Stripe's fee when known,
/// and the backer gets a receipt if the pledge became paid. With the `operation` that asked
/// for it, the operation is answered in the same transaction, unless another answered it first.
pub async fn paid(
    cards: &Cards,
    pledge_id: i64,
    intent: &PaymentIntent,
    operation: Option<&entity::stripe_operation::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<Recorded>, AppError> {
    let Some(before) = pledge::Entity::find_by_id(pledge_id).one(&cards.db.read).await? else {
        return Ok(Vec::new());
    };
    // The way the money came, from Stripe's own word: the backer may have switched since.
    let method = if intent.is_twint() { PaymentMethod::Twint } else { PaymentMethod::Card };
    let entry = Entry {
        pledge_id,
        kind: PaymentKind::Payment,
        method,
        cents: intent.amount_received.unwrap_or(intent.amount),
        bank_transaction_id: None,
        stripe_ref: Some(intent.id.clone()),
        fee_cents: intent.fee(),
        payer_name: None,
        payer_iban: None,
        note: None,
        recorded_by: None,
        booked_on: now.with_timezone(&cards.campaign.time_zone).date_naive(),
    };
    let txn = cards.db.begin_write().await?;
    ledger::lock_campaign(&txn, cards.campaign_id).await?;
    if let Some(operation) = operation
        && !charging::close(&txn, operation, OperationState::Succeeded, Some(&intent.id), None, now).await?
    {
        txn.rollback().await?;
        return Ok(Vec::new());
    }
    let recorded = ledger::record(&txn, cards.campaign_id, &[entry], now).await?;
    let mails: Vec<Mail> = recorded
        .iter()
        .filter(|r| r.became_paid())
        .map(|r| cards.letters.payment(PaymentNews::Paid, &r.after, cards.payments()))
        .collect();
    outbox::queue(&txn, &mails, now).await?;
    // A payment made in Checkout also leaves its method: kept, though not needed any more.
    if let Some(method) = intent.payment_method.as_ref().map(|m| m.id().to_owned()) {
        pledge::Entity::update_many()
            .col_expr(pledge::Column::StripeMethod, sea_orm::sea_query::Expr::value(method))
            .col_expr(pledge::Column::MethodState, sea_orm::sea_query::Expr::value(MethodState::Saved.to_string()))
            .filter(pledge::Column::Id.eq(pledge_id))
            .filter(pledge::Column::MethodState.ne(MethodState::Saved))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    confirm(cards, &before).await;
    cards.writer.figures_changed();
    Ok(recorded)
}

/// A charge that failed (declined, the bank wants the backer to confirm, no method saved): the
/// pledge is errored and its backer gets a link to pay; after the last retry it is dropped.
pub async fn charge_failed(
    cards: &Cards,
    pledge_id: i64,
    code: &str,
    needs_authentication: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = cards.db.begin_write().await?;
    charge_failed_in(cards, &txn, pledge_id, code, needs_authentication, now).await?;
    txn.commit().await?;
    cards.writer.figures_changed();
    Ok(())
}

/// As [`charge_failed`], inside `txn`, so that it happens together with what caused it.
pub(super) async fn charge_failed_in(
    cards: &Cards,
    txn: &sea_orm::DatabaseTransaction,
    pledge_id: i64,
    code: &str,
    needs_authentication: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    ledger::lock_campaign(txn, cards.campaign_id).await?;
    let Some(before) = ledger::lock_pledges(txn, &[pledge_id]).await?.pop() else {
        return Ok(());
    };
    if !before.payment_state.owes() || before.billed_at_ms.is_none() {
        // Paid meanwhile (by bank, in Checkout), cancelled or void: nothing to chase.
        return Ok(());
    }
    let mut after = before.clone();
    after.charge_error = Some(code.chars().take(64).collect());
    after.needs_authentication = needs_authentication;
    after.next_charge_ms = None;
    let mail = match before.errored_at_ms {
        None => {
            after.errored_at_ms = Some(now.timestamp_millis());
            after.reminders_sent = 0;
            after.next_step_ms =
                errored_schedule(now, cards.payments().grace_days).first().map(|s| s.0.timestamp_millis());
            ledger::derive(&mut after, now);
            Some(PaymentNews::Errored)
        }
        Some(since) => {
            let steps = errored_schedule(super::stored::instant(since), cards.payments().grace_days);
            if usize::try_from(before.reminders_sent).unwrap_or(0) >= steps.len() {
                // The last retry failed too.
                after.dropped_at_ms = Some(now.timestamp_millis());
                after.next_step_ms = None;
                ledger::derive(&mut after, now);
                Some(PaymentNews::Dropped)
            } else {
                ledger::derive(&mut after, now);
                None
            }
        }
    };
    ledger::save(txn, &after).await?;
    Moves::between(&before, &after).apply(txn, cards.campaign_id).await?;
    if let Some(news) = mail {
        outbox::queue(txn, &[cards.letters.payment(news, &after, cards.payments())], now).await?;
    }
    Ok(())
}

/// The saved method went away before it was charged (detached, or its TWINT mandate
/// revoked): the pledge needs another, and its backer is told.
pub async fn method_lost(
    cards: &Cards,
    column: pledge::Column,
    id: &str,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let txn = cards.db.begin_write().await?;
    ledger::lock_campaign(&txn, cards.campaign_id).await?;
    let rows = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(cards.campaign_id))
        .filter(column.eq(id))
        .filter(pledge::Column::MethodState.eq(MethodState::Saved))
        .all(&txn)
        .await?;
    let mut mails = Vec::new();
    for row in &rows {
        let waiting = matches!(row.payment_state, PaymentState::Promised | PaymentState::Due | PaymentState::Errored);
        pledge::Entity::update(pledge::ActiveModel {
            id: sea_orm::Set(row.id),
            method_state: sea_orm::Set(MethodState::Removed),
            stripe_method: sea_orm::Set(None),
            stripe_mandate: sea_orm::Set(None),
            next_charge_ms: sea_orm::Set(None),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
        if row.state == PledgeState::Cancelled || !waiting {
            continue;
        }
        if row.payment_state == PaymentState::Due && row.billed_at_ms.is_some() {
            // Billed and waiting for its charge: a failed charge, with its link to pay.
            charge_failed_in(cards, &txn, row.id, crate::services::settlement::NO_METHOD, false, now).await?;
        } else if row.payment_state == PaymentState::Promised {
            mails.push(cards.letters.payment(PaymentNews::MethodLost, row, cards.payments()));
        }
    }
    outbox::queue(&txn, &mails, now).await?;
    txn.commit().await?;
    cards.writer.figures_changed();
    Ok(rows.len())
}

/// Money Stripe moved outside a charge (a refund, a dispute): a ledger row of `kind` for
/// `cents`, recorded once under `stripe_ref`; the backer hears of a refund.
pub async fn money_back(
    cards: &Cards,
    pledge_id: i64,
    kind: PaymentKind,
    cents: i64,
    stripe_ref: String,
    now: DateTime<Utc>,
) -> Result<Vec<Recorded>, AppError> {
    let txn = cards.db.begin_write().await?;
    let recorded = money_back_in(cards, &txn, pledge_id, kind, cents, stripe_ref, now).await?;
    txn.commit().await?;
    cards.writer.figures_changed();
    Ok(recorded)
}

/// As [`money_back`], inside `txn`.
pub(super) async fn money_back_in(
    cards: &Cards,
    txn: &sea_orm::DatabaseTransaction,
    pledge_id: i64,
    kind: PaymentKind,
    cents: i64,
    stripe_ref: String,
    now: DateTime<Utc>,
) -> Result<Vec<Recorded>, AppError> {
    let Some(row) = pledge::Entity::find_by_id(pledge_id).one(txn).await? else {
        return Ok(Vec::new());
    };
    let entry = Entry {
        pledge_id,
        kind,
        method: if row.pay_by == PayBy::Twint { PaymentMethod::Twint } else { PaymentMethod::Card },
        cents,
        bank_transaction_id: None,
        stripe_ref: Some(stripe_ref),
        fee_cents: None,
        payer_name: None,
        payer_iban: None,
        note: None,
        recorded_by: None,
        booked_on: now.with_timezone(&cards.campaign.time_zone).date_naive(),
    };
    let recorded = ledger::record(txn, cards.campaign_id, &[entry], now).await?;
    if kind == PaymentKind::Refund {
        let mails: Vec<Mail> =
            recorded.iter().map(|r| cards.letters.payment(PaymentNews::Refunded, &r.after, cards.payments())).collect();
        outbox::queue(txn, &mails, now).await?;
    }
    Ok(recorded)
}

/// The backer gives up the card or TWINT and pays by bank: a pledge that owes money gets a
/// QR-bill now, due as any bill issued today.
pub async fn pay_by_bank(cards: &Cards, token: &str, now: DateTime<Utc>) -> Result<pledge::Model, AppError> {
    let payments = cards.payments();
    let txn = cards.db.begin_write().await?;
    ledger::lock_campaign(&txn, cards.campaign_id).await?;
    let found = pledge::Entity::find().filter(pledge::Column::Token.eq(token)).one(&txn).await?;
    let Some(id) = found.map(|p| p.id) else {
        txn.rollback().await?;
        return Err(AppError::NotFound);
    };
    let Some(before) = ledger::lock_pledges(&txn, &[id]).await?.pop() else {
        txn.rollback().await?;
        return Err(AppError::NotFound);
    };
    let switchable = before.pay_by.is_stripe()
        && before.state != PledgeState::Cancelled
        && (before.payment_state.owes() || before.payment_state == PaymentState::Promised);
    if !switchable {
        txn.rollback().await?;
        return Err(AppError::invalid("method", "error-checkout-nothing"));
    }
    if charge_under_way(&txn, before.id).await? {
        txn.rollback().await?;
        return Err(AppError::invalid("method", "error-charge-under-way"));
    }
    let mut after = before.clone();
    after.pay_by = PayBy::Bank;
    after.method_state = MethodState::NotNeeded;
    after.errored_at_ms = None;
    after.charge_error = None;
    after.needs_authentication = false;
    after.next_charge_ms = None;
    let billed = before.billed_at_ms.is_some() && before.dropped_at_ms.is_none();
    if billed {
        let due = super::settlement::due_at(now, &cards.campaign, payments.due_days);
        after.billed_at_ms = Some(now.timestamp_millis());
        after.due_at_ms = Some(due.timestamp_millis());
        after.reminders_sent = 0;
        after.next_step_ms =
            crate::domain::payment::next_step(now, due, payments.grace_days, 0).map(|(at, _)| at.timestamp_millis());
    }
    ledger::derive(&mut after, now);
    ledger::save(&txn, &after).await?;
    pledge::Entity::update(pledge::ActiveModel {
        id: sea_orm::Set(after.id),
        pay_by: sea_orm::Set(PayBy::Bank),
        method_state: sea_orm::Set(MethodState::NotNeeded),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    Moves::between(&before, &after).apply(&txn, cards.campaign_id).await?;
    if billed && after.payment_state.owes() {
        outbox::queue(&txn, &[cards.letters.payment(PaymentNews::Bill, &after, payments)], now).await?;
    }
    txn.commit().await?;
    cards.writer.figures_changed();
    Ok(after)
}
