//! The ledger of money and the figures that follow it. A row is added for each credit,
//! reversal or refund; in the same transaction the pledge's paid amount, its payment state
//! and the campaign's payment totals move, so that they always equal the ledger.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{campaign, payment, pledge};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::domain::payment::Standing;
use crate::domain::states::{PayBy, PaymentKind, PaymentMethod, PaymentState};
use crate::error::AppError;

/// The facts a stored pledge's payment state follows from.
pub fn standing_of(row: &pledge::Model) -> Standing {
    Standing {
        amount_cents: row.amount_cents,
        shipping_cents: row.shipping_cents,
        paid_cents: row.paid_cents,
        refunded_cents: row.refunded_cents,
        billed: row.billed_at_ms.is_some(),
        dropped: row.dropped_at_ms.is_some(),
        void: row.voided_at_ms.is_some(),
        errored: row.errored_at_ms.is_some(),
    }
}

/// How much the campaign's payment totals move.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Moves {
    pub collected: i64,
    pub outstanding: i64,
    pub refund_due: i64,
    pub refunded: i64,
    pub dropped_cents: i64,
    pub dropped_pledges: i64,
}

impl Moves {
    /// What a pledge's change from `before` to `after` moves (money held is moved by the
    /// ledger rows themselves, see [`record`]).
    pub fn between(before: &pledge::Model, after: &pledge::Model) -> Moves {
        let dropped = |row: &pledge::Model| i64::from(row.dropped_at_ms.is_some());
        Moves {
            collected: 0,
            outstanding: after.outstanding_cents - before.outstanding_cents,
            refund_due: after.refund_due_cents - before.refund_due_cents,
            refunded: after.refunded_cents - before.refunded_cents,
            dropped_cents: dropped(after) * after.amount_cents - dropped(before) * before.amount_cents,
            dropped_pledges: dropped(after) - dropped(before),
        }
    }

    pub fn add(&mut self, other: Moves) {
        self.collected += other.collected;
        self.outstanding += other.outstanding;
        self.refund_due += other.refund_due;
        self.refunded += other.refunded;
        self.dropped_cents += other.dropped_cents;
        self.dropped_pledges += other.dropped_pledges;
    }

    /// Adds the moves to the campaign's totals, in one statement.
    pub async fn apply(self, conn: &impl ConnectionTrait, campaign_id: i32) -> Result<(), AppError> {
        if self == Moves::default() {
            return Ok(());
        }
        let add = |column: campaign::Column, by: i64| (column, Expr::col(column).add(by));
        let mut update = campaign::Entity::update_many().filter(campaign::Column::Id.eq(campaign_id));
        for (column, value) in [
            add(campaign::Column::CollectedCents, self.collected),
            add(campaign::Column::OutstandingCents, self.outstanding),
            add(campaign::Column::RefundDueCents, self.refund_due),
            add(campaign::Column::RefundedCents, self.refunded),
            add(campaign::Column::DroppedCents, self.dropped_cents),
            add(campaign::Column::DroppedPledges, self.dropped_pledges),
        ] {
            update = update.col_expr(column, value);
        }
        update.exec(conn).await?;
        Ok(())
    }
}

/// Sets the derived payment fields of `row` from its facts: state, what is outstanding, what
/// is to give back, when it was paid, and the next reminder when nothing is owed any more.
pub fn derive(row: &mut pledge::Model, now: DateTime<Utc>) {
    let standing = standing_of(row);
    row.payment_state = standing.state();
    row.outstanding_cents = standing.outstanding();
    row.refund_due_cents = standing.refund_due();
    if !row.payment_state.owes() {
        // Paid (by card again, by bank, by hand), dropped or void: no charge waits any more.
        row.errored_at_ms = None;
        row.charge_error = None;
        row.needs_authentication = false;
        row.next_charge_ms = None;
    }
    match row.payment_state {
        PaymentState::Paid if row.paid_at_ms.is_none() => row.paid_at_ms = Some(now.timestamp_millis()),
        PaymentState::Paid => {}
        _ if standing.held() < standing.total() => row.paid_at_ms = None,
        _ => {}
    }
    if !row.payment_state.owes() {
        row.next_step_ms = None;
    } else if row.next_step_ms.is_none() && row.due_at_ms.is_some() && row.dropped_at_ms.is_none() {
        // Owing again (a reversal, a larger amount): the reminders take up where they were;
        // the settlement decides at once whether a step is due.
        row.next_step_ms = Some(now.timestamp_millis());
    }
}

/// Writes the payment fields of a pledge whose facts changed.
pub async fn save(txn: &DatabaseTransaction, row: &pledge::Model) -> Result<(), AppError> {
    pledge::ActiveModel {
        id: Set(row.id),
        payment_state: Set(row.payment_state),
        paid_cents: Set(row.paid_cents),
        refunded_cents: Set(row.refunded_cents),
        outstanding_cents: Set(row.outstanding_cents),
        refund_due_cents: Set(row.refund_due_cents),
        billed_at_ms: Set(row.billed_at_ms),
        due_at_ms: Set(row.due_at_ms),
        paid_at_ms: Set(row.paid_at_ms),
        dropped_at_ms: Set(row.dropped_at_ms),
        voided_at_ms: Set(row.voided_at_ms),
        reminders_sent: Set(row.reminders_sent),
        next_step_ms: Set(row.next_step_ms),
        errored_at_ms: Set(row.errored_at_ms),
        charge_error: Set(row.charge_error.clone()),
        needs_authentication: Set(row.needs_authentication),
        next_charge_ms: Set(row.next_charge_ms),
        ..Default::default()
    }
    .update(txn)
    .await?;
    Ok(())
}

/// Locks the campaign's row for the rest of the transaction (PostgreSQL; SQLite's write
/// transaction already excludes every other writer). Every transaction that moves money takes
/// it first, as the pledge writer does before its pledges: the same order everywhere, so two
/// transactions never wait on each other in a circle.
pub async fn lock_campaign(txn: &DatabaseTransaction, campaign_id: i32) -> Result<(), AppError> {
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        campaign::Entity::find_by_id(campaign_id).lock_exclusive().one(txn).await?;
    }
    Ok(())
}

/// Locks pledges for a change of their money (PostgreSQL; SQLite's write transaction already
/// excludes every other writer), in the order of their ids so two transactions never wait
/// on each other.
pub async fn lock_pledges(txn: &DatabaseTransaction, ids: &[i64]) -> Result<Vec<pledge::Model>, AppError> {
    let mut rows = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let mut select = pledge::Entity::find()
            .filter(pledge::Column::Id.is_in(chunk.iter().copied()))
            .order_by_asc(pledge::Column::Id);
        if txn.get_database_backend() == DatabaseBackend::Postgres {
            select = select.lock_exclusive();
        }
        rows.extend(select.all(txn).await?);
    }
    rows.sort_by_key(|row| row.id);
    Ok(rows)
}

/// How a pledge is paid: the method of its latest payment, else the way its backer chose.
pub async fn method_of(db: &crate::db::Db, pledge_id: i64, chosen: PayBy) -> Result<PaymentMethod, AppError> {
    let latest: Option<PaymentMethod> = payment::Entity::find()
        .filter(payment::Column::PledgeId.eq(pledge_id))
        .filter(payment::Column::Kind.eq(PaymentKind::Payment))
        .order_by_desc(payment::Column::Id)
        .select_only()
        .column(payment::Column::Method)
        .into_tuple()
        .one(&db.read)
        .await?;
    Ok(latest.unwrap_or(chosen.ledger_method()))
}

/// A movement of money to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub pledge_id: i64,
    pub kind: PaymentKind,
    pub method: PaymentMethod,
    /// Positive; the kind says which way it goes.
    pub cents: i64,
    pub bank_transaction_id: Option<i64>,
    /// The Stripe object it records: a second entry for the same object is left out.
    pub stripe_ref: Option<String>,
    /// What Stripe kept of it, when known.
    pub fee_cents: Option<i64>,
    pub payer_name: Option<String>,
    pub payer_iban: Option<String>,
    pub note: Option<String>,
    pub recorded_by: Option<String>,
    pub booked_on: NaiveDate,
}

impl Entry {
    /// The signed amount the ledger keeps: money in is positive.
    fn signed(&self) -> i64 {
        match self.kind {
            PaymentKind::Payment => self.cents,
            PaymentKind::Reversal | PaymentKind::Refund => -self.cents,
        }
    }
}

/// What recording entries did to one pledge.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub before: pledge::Model,
    pub after: pledge::Model,
}

impl Recorded {
    /// The entries made this pledge paid: its backer gets a receipt.
    pub fn became_paid(&self) -> bool {
        self.after.payment_state == PaymentState::Paid && self.before.payment_state != PaymentState::Paid
    }
}

/// Records `entries` in the ledger inside `txn` and moves every figure that follows from
/// them. A payment for a dropped pledge takes it back: the team may always accept a late
/// payment. Returns each pledge touched, before and after.
pub async fn record(
    txn: &DatabaseTransaction,
    campaign_id: i32,
    entries: &[Entry],
    now: DateTime<Utc>,
) -> Result<Vec<Recorded>, AppError> {
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    lock_campaign(txn, campaign_id).await?;
    // A Stripe object already recorded (its API answer and its webhook both tell of it) is
    // left out; under the campaign's lock no other transaction records it meanwhile.
    let refs: Vec<&str> = entries.iter().filter_map(|e| e.stripe_ref.as_deref()).collect();
    let known: std::collections::HashSet<String> = if refs.is_empty() {
        Default::default()
    } else {
        payment::Entity::find()
            .filter(payment::Column::StripeRef.is_in(refs))
            .select_only()
            .column(payment::Column::StripeRef)
            .into_tuple::<Option<String>>()
            .all(txn)
            .await?
            .into_iter()
            .flatten()
            .collect()
    };
    let entries: Vec<&Entry> =
        entries.iter().filter(|e| e.stripe_ref.as_ref().is_none_or(|r| !known.contains(r))).collect();
    if entries.is_empty() {
        return Ok(Vec::new());
    }
    let mut ids: Vec<i64> = entries.iter().map(|e| e.pledge_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let rows = lock_pledges(txn, &ids).await?;
    if rows.len() != ids.len() {
        return Err(AppError::NotFound);
    }
    let now_ms = now.timestamp_millis();
    let ledger = entries.iter().map(|entry| payment::ActiveModel {
        campaign_id: Set(campaign_id),
        pledge_id: Set(entry.pledge_id),
        kind: Set(entry.kind),
        method: Set(entry.method),
        amount_cents: Set(entry.signed()),
        bank_transaction_id: Set(entry.bank_transaction_id),
        stripe_ref: Set(entry.stripe_ref.clone()),
        fee_cents: Set(entry.fee_cents),
        payer_name: Set(entry.payer_name.clone()),
        payer_iban: Set(entry.payer_iban.clone()),
        note: Set(entry.note.clone()),
        recorded_by: Set(entry.recorded_by.clone()),
        booked_on: Set(entry.booked_on.to_string()),
        created_at_ms: Set(now_ms),
        ..Default::default()
    });
    for chunk in ledger.collect::<Vec<_>>().chunks(500) {
        payment::Entity::insert_many(chunk.to_vec()).exec(txn).await?;
    }

    let mut by_pledge: HashMap<i64, Vec<&Entry>> = HashMap::new();
    for entry in entries {
        by_pledge.entry(entry.pledge_id).or_default().push(entry);
    }
    let mut moves = Moves::default();
    let mut recorded = Vec::with_capacity(rows.len());
    for before in rows {
        let mut after = before.clone();
        for entry in &by_pledge[&before.id] {
            match entry.kind {
                PaymentKind::Payment | PaymentKind::Reversal => after.paid_cents += entry.signed(),
                PaymentKind::Refund => after.refunded_cents += entry.cents,
            }
            moves.collected += entry.signed();
            if entry.kind == PaymentKind::Payment && after.dropped_at_ms.is_some() {
                after.dropped_at_ms = None;
            }
        }
        // Nothing goes back that did not come in.
        if after.refunded_cents > std::cmp::max(after.paid_cents, 0) {
            return Err(AppError::invalid("amount", "error-refund-too-large"));
        }
        derive(&mut after, now);
        save(txn, &after).await?;
        moves.add(Moves::between(&before, &after));
        recorded.push(Recorded { before, after });
    }
    moves.apply(txn, campaign_id).await?;
    Ok(recorded)
}
