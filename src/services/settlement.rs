//! Settling what backers owe: bills at the close (or as pledges count), nothing owed when the
//! campaign failed, then reminders and the drop of unpaid bills. Each step works in batches,
//! each batch one transaction that changes its pledges and stores their emails together: a
//! crash between batches, a restart or a second instance settling at the same time finishes
//! the work without billing or telling anyone twice, since a pledge is only taken by a
//! conditional update that one transaction wins.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Days, NaiveTime, TimeZone, Utc};
use entity::{campaign, pledge};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::ledger::{self, Moves};
use super::letters::{Letters, PaymentNews};
use super::outbox::{self, Mail};
use crate::config::{Campaign, Collect, Payments, campaign::FundingModel};
use crate::db::Db;
use crate::domain::payment::{Step, StepDue, errored_schedule, next_step, step_due};
use crate::domain::states::{CampaignState, MethodState, PayBy, PaymentState, PledgeState};
use crate::error::AppError;

/// Pledges one transaction settles: large enough that 100,000 take a few hundred commits,
/// small enough that a pledge or a page never waits long behind one.
pub const BATCH: u64 = 500;

/// The charge error of a card or TWINT pledge billed with nothing saved to charge.
pub const NO_METHOD: &str = "no_method";

/// What the settlement has to do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Bill every counted pledge not billed yet.
    Bill,
    /// Tell every counted pledge that nothing is owed.
    Void,
    /// Nothing to bill or void (yet).
    Wait,
}

/// What the campaign's state and the configuration ask for.
pub fn plan(state: CampaignState, funding: FundingModel, collect: Collect) -> Plan {
    match (state, collect) {
        (CampaignState::Open, Collect::AtPledge) => Plan::Bill,
        (CampaignState::Open, Collect::OnSuccess) => Plan::Wait,
        (CampaignState::Succeeded, _) => Plan::Bill,
        (CampaignState::Failed, _) if funding == FundingModel::KeepItAll => Plan::Bill,
        (CampaignState::Failed, _) => Plan::Void,
    }
}

/// The instant a bill issued at `now` is due: the morning (9:00 in the campaign's time zone)
/// of the day `due_days` later, so that reminders reach people in the morning too.
pub fn due_at(now: DateTime<Utc>, campaign: &Campaign, due_days: u32) -> DateTime<Utc> {
    let zone = campaign.time_zone;
    let day = now.with_timezone(&zone).date_naive() + Days::new(u64::from(due_days));
    let morning = day.and_time(NaiveTime::from_hms_opt(9, 0, 0).expect("a valid time"));
    zone.from_local_datetime(&morning).earliest().map_or(now, |at| at.with_timezone(&Utc))
}

/// One pass of the settlement: bills or voids a batch if there is one, else sends the due
/// reminders and drops. Returns how many pledges it changed, so the caller loops while busy.
pub async fn run_once(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
    letters: &Letters,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let Some(payments) = &campaign.payments else {
        return Ok(0);
    };
    let row = campaign::Entity::find_by_id(campaign_id).one(&db.read).await?.ok_or(AppError::NotFound)?;
    let done = match plan(row.state, campaign.funding, payments.collect) {
        Plan::Bill => bill_batch(db, campaign, payments, campaign_id, letters, now).await?,
        Plan::Void => void_batch(db, payments, campaign_id, letters, now).await?,
        Plan::Wait => 0,
    };
    if done > 0 {
        return Ok(done);
    }
    steps_batch(db, payments, campaign_id, letters, now).await
}

/// Where the last batch of bills (or voids) ended. On PostgreSQL the rows a batch updated
/// leave dead entries in the index of unbilled rows until vacuum; a batch that looked from the
/// start would step over all of them, the later batches over more and more. Looking after
/// the last id instead keeps each batch short; when nothing is left after it, the next batch
/// looks from the start again, so a row skipped meanwhile is still found.
static BILLED_UP_TO: AtomicI64 = AtomicI64::new(0);
static VOIDED_UP_TO: AtomicI64 = AtomicI64::new(0);

/// The ids of the next batch among `candidates`, in id order after `cursor`, or from the
/// start when none is left after it.
async fn next_ids(
    txn: &DatabaseTransaction,
    candidates: sea_orm::Select<pledge::Entity>,
    cursor: &AtomicI64,
) -> Result<Vec<i64>, AppError> {
    for after in [cursor.load(Ordering::Relaxed), 0] {
        let ids: Vec<i64> = candidates
            .clone()
            .filter(pledge::Column::Id.gt(after))
            .select_only()
            .column(pledge::Column::Id)
            .order_by_asc(pledge::Column::Id)
            .limit(BATCH)
            .into_tuple()
            .all(txn)
            .await?;
        if let Some(last) = ids.last() {
            cursor.store(*last, Ordering::Relaxed);
            return Ok(ids);
        }
        if after == 0 {
            break;
        }
    }
    cursor.store(0, Ordering::Relaxed);
    Ok(Vec::new())
}

/// Counted pledges that no bill or void has taken yet. Collecting at pledge, a card or TWINT
/// pledge is left a while to its backer, who is paying in Checkout: billing it now would
/// tell them their payment failed while they are making it.
fn unsettled(campaign_id: i32, collect: Collect, now: DateTime<Utc>) -> sea_orm::Select<pledge::Entity> {
    let select = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(pledge::Column::State.eq(PledgeState::Active))
        .filter(pledge::Column::BilledAtMs.is_null())
        .filter(pledge::Column::VoidedAtMs.is_null());
    match collect {
        Collect::OnSuccess => select,
        Collect::AtPledge => select.filter(
            Condition::any()
                .add(pledge::Column::PayBy.eq(PayBy::Bank))
                .add(pledge::Column::MethodState.ne(MethodState::Pending))
                .add(pledge::Column::CreatedAtMs.lte((now - CHECKOUT_TIME).timestamp_millis())),
        ),
    }
}

/// How long a backer collecting at pledge has to pay in Checkout before the pledge is billed
/// (and, unpaid, treated as a failed charge with a link to pay).
pub const CHECKOUT_TIME: chrono::Duration = chrono::Duration::hours(1);

/// Bills up to [`BATCH`] counted pledges: each becomes due (or stays paid, if the money came
/// first), and its backer gets the bill by email.
async fn bill_batch(
    db: &Db,
    campaign: &Campaign,
    payments: &Payments,
    campaign_id: i32,
    letters: &Letters,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    // Asked on the read pool first: SQLite's one writer is not taken while there is nothing to do.
    let unsettled = || unsettled(campaign_id, payments.collect, now);
    if unsettled().one(&db.read).await?.is_none() {
        return Ok(0);
    }
    let txn = db.begin_write().await?;
    ledger::lock_campaign(&txn, campaign_id).await?;
    let ids = next_ids(&txn, unsettled(), &BILLED_UP_TO).await?;
    if ids.is_empty() {
        txn.rollback().await?;
        return Ok(0);
    }
    let due = due_at(now, campaign, payments.due_days);
    let first = next_step(now, due, payments.grace_days, 0).map(|(at, _)| at.timestamp_millis());
    // Most pledges hold no money yet: one statement bills them all. The condition on
    // `billed_at_ms` makes a concurrent settlement's rows drop out here.
    let fresh = pledge::Entity::update_many()
        .col_expr(pledge::Column::BilledAtMs, Expr::value(now.timestamp_millis()))
        .col_expr(pledge::Column::DueAtMs, Expr::value(due.timestamp_millis()))
        .col_expr(pledge::Column::PaymentState, Expr::value(PaymentState::Due.to_string()))
        .col_expr(
            pledge::Column::OutstandingCents,
            Expr::col(pledge::Column::AmountCents).add(Expr::col(pledge::Column::ShippingCents)),
        )
        .col_expr(pledge::Column::RemindersSent, Expr::value(0))
        .col_expr(pledge::Column::NextStepMs, Expr::value(first))
        .filter(pledge::Column::Id.is_in(ids.iter().copied()))
        .filter(pledge::Column::BilledAtMs.is_null())
        .filter(pledge::Column::VoidedAtMs.is_null())
        .filter(pledge::Column::PaidCents.eq(0))
        .filter(pledge::Column::RefundedCents.eq(0))
        .filter(pledge::Column::PayBy.eq(PayBy::Bank))
        .exec_with_returning(&txn)
        .await?;
    let mut moves =
        Moves { outstanding: fresh.iter().map(|p| p.amount_cents + p.shipping_cents).sum(), ..Moves::default() };
    let mut billed = fresh;
    // The rest received money before their bill, or are paid by card or TWINT: each is
    // billed on its own.
    let taken: std::collections::HashSet<i64> = billed.iter().map(|p| p.id).collect();
    let rest: Vec<i64> = ids.into_iter().filter(|id| !taken.contains(id)).collect();
    for before in ledger::lock_pledges(&txn, &rest).await? {
        if before.billed_at_ms.is_some() || before.voided_at_ms.is_some() || before.state != PledgeState::Active {
            continue;
        }
        let mut after = before.clone();
        after.billed_at_ms = Some(now.timestamp_millis());
        after.due_at_ms = Some(due.timestamp_millis());
        after.reminders_sent = 0;
        after.next_step_ms = first;
        if before.pay_by.is_stripe() {
            // No QR-bill reminders: the saved method is charged, or the backer is asked to pay.
            after.next_step_ms = None;
            if before.method_state == MethodState::Saved {
                after.next_charge_ms = Some(now.timestamp_millis());
            } else if before.paid_cents < before.amount_cents + before.shipping_cents {
                after.errored_at_ms = Some(now.timestamp_millis());
                after.charge_error = Some(NO_METHOD.to_owned());
                after.next_step_ms =
                    errored_schedule(now, payments.grace_days).first().map(|(at, _)| at.timestamp_millis());
            }
        }
        ledger::derive(&mut after, now);
        ledger::save(&txn, &after).await?;
        moves.add(Moves::between(&before, &after));
        billed.push(after);
    }
    let mails: Vec<Mail> = billed
        .iter()
        .filter_map(|p| match p.payment_state {
            PaymentState::Errored => Some(letters.payment(PaymentNews::Errored, p, payments)),
            state if state.owes() && p.pay_by == PayBy::Bank => Some(letters.payment(PaymentNews::Bill, p, payments)),
            _ => None,
        })
        .collect();
    outbox::queue(&txn, &mails, now).await?;
    moves.apply(&txn, campaign_id).await?;
    txn.commit().await?;
    Ok(billed.len())
}

/// Voids up to [`BATCH`] counted pledges of a failed campaign: nothing is owed, and what was
/// received is to give back. Each backer is told.
async fn void_batch(
    db: &Db,
    payments: &Payments,
    campaign_id: i32,
    letters: &Letters,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let unvoided = || {
        pledge::Entity::find()
            .filter(pledge::Column::CampaignId.eq(campaign_id))
            .filter(pledge::Column::State.eq(PledgeState::Active))
            .filter(pledge::Column::VoidedAtMs.is_null())
    };
    if unvoided().one(&db.read).await?.is_none() {
        return Ok(0);
    }
    let txn = db.begin_write().await?;
    ledger::lock_campaign(&txn, campaign_id).await?;
    let ids = next_ids(&txn, unvoided(), &VOIDED_UP_TO).await?;
    if ids.is_empty() {
        txn.rollback().await?;
        return Ok(0);
    }
    // Pledges never billed and holding no money: one statement.
    let fresh = pledge::Entity::update_many()
        .col_expr(pledge::Column::VoidedAtMs, Expr::value(now.timestamp_millis()))
        .col_expr(pledge::Column::PaymentState, Expr::value(PaymentState::Void.to_string()))
        .col_expr(pledge::Column::NextStepMs, Expr::value(Option::<i64>::None))
        .filter(pledge::Column::Id.is_in(ids.iter().copied()))
        .filter(pledge::Column::VoidedAtMs.is_null())
        .filter(pledge::Column::BilledAtMs.is_null())
        .filter(pledge::Column::PaidCents.eq(0))
        .filter(pledge::Column::RefundedCents.eq(0))
        .exec_with_returning(&txn)
        .await?;
    let mut moves = Moves::default();
    let mut voided = fresh;
    let taken: std::collections::HashSet<i64> = voided.iter().map(|p| p.id).collect();
    let rest: Vec<i64> = ids.into_iter().filter(|id| !taken.contains(id)).collect();
    for before in ledger::lock_pledges(&txn, &rest).await? {
        if before.voided_at_ms.is_some() {
            continue;
        }
        let mut after = before.clone();
        after.voided_at_ms = Some(now.timestamp_millis());
        ledger::derive(&mut after, now);
        ledger::save(&txn, &after).await?;
        moves.add(Moves::between(&before, &after));
        voided.push(after);
    }
    let mails: Vec<Mail> = voided.iter().map(|p| letters.payment(PaymentNews::Void, p, payments)).collect();
    outbox::queue(&txn, &mails, now).await?;
    moves.apply(&txn, campaign_id).await?;
    txn.commit().await?;
    Ok(voided.len())
}

/// Takes the due steps of up to [`BATCH`] unpaid bills: a reminder, or at the end of the
/// grace period the drop (a bill partly paid is not dropped: its reminders stop and the team
/// decides).
async fn steps_batch(
    db: &Db,
    payments: &Payments,
    campaign_id: i32,
    letters: &Letters,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let due_steps = || {
        pledge::Entity::find()
            .filter(pledge::Column::CampaignId.eq(campaign_id))
            .filter(pledge::Column::NextStepMs.lte(now.timestamp_millis()))
            .filter(pledge::Column::PaymentState.is_in([PaymentState::Due, PaymentState::PartlyPaid]))
            // Card and TWINT pledges have their own steps (see `cards::charging`): a QR-bill
            // reminder would ask them to pay a second way.
            .filter(pledge::Column::PayBy.eq(PayBy::Bank))
    };
    if due_steps().one(&db.read).await?.is_none() {
        return Ok(0);
    }
    let txn = db.begin_write().await?;
    ledger::lock_campaign(&txn, campaign_id).await?;
    let mut select = due_steps().order_by_asc(pledge::Column::Id).limit(BATCH);
    // Another instance's batch waits here, then no longer sees the rows this one moved on.
    if txn.get_database_backend() == DatabaseBackend::Postgres {
        select = select.lock_exclusive();
    }
    let rows = select.all(&txn).await?;
    if rows.is_empty() {
        txn.rollback().await?;
        return Ok(0);
    }
    let mut moves = Moves::default();
    let mut mails = Vec::new();
    let mut changed = 0;
    for before in &rows {
        let (Some(billed), Some(due)) = (before.billed_at_ms, before.due_at_ms) else {
            continue;
        };
        changed += 1;
        let (billed, due) = (super::stored::instant(billed), super::stored::instant(due));
        let done = usize::try_from(before.reminders_sent).unwrap_or(0);
        let mut after = before.clone();
        match step_due(billed, due, payments.grace_days, done, now) {
            StepDue::Wait(at) => after.next_step_ms = Some(at.timestamp_millis()),
            StepDue::Over => after.next_step_ms = None,
            StepDue::Take { index, step } => {
                after.reminders_sent = i32::try_from(index + 1).unwrap_or(i32::MAX);
                after.next_step_ms =
                    next_step(billed, due, payments.grace_days, index + 1).map(|(at, _)| at.timestamp_millis());
                match step {
                    Step::Remind => mails.push(letters.payment(PaymentNews::Reminder, &after, payments)),
                    Step::Drop if before.payment_state == PaymentState::Due => {
                        after.dropped_at_ms = Some(now.timestamp_millis());
                        ledger::derive(&mut after, now);
                        mails.push(letters.payment(PaymentNews::Dropped, &after, payments));
                    }
                    Step::Drop | Step::Retry => after.next_step_ms = None,
                }
            }
        }
        ledger::save(&txn, &after).await?;
        moves.add(Moves::between(before, &after));
    }
    outbox::queue(&txn, &mails, now).await?;
    moves.apply(&txn, campaign_id).await?;
    txn.commit().await?;
    Ok(changed)
}

/// Settles until nothing is left to do now; for the command line and tests.
pub async fn run_until_idle(
    db: &Db,
    campaign: &Campaign,
    campaign_id: i32,
    letters: &Letters,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut total = 0;
    loop {
        let done = run_once(db, campaign, campaign_id, letters, now).await?;
        if done == 0 {
            return Ok(total);
        }
        total += done;
    }
}
