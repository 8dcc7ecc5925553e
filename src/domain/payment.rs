//! Where a pledge's money stands, and when its backer is reminded: rules with no I/O, so that
//! every path that moves money (settlement, a bank file, the team's hand) derives the same
//! state from the same facts.

use chrono::{DateTime, Duration, Utc};

pub use crate::domain::states::PaymentState;

/// The facts a pledge's payment state follows from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub amount_cents: i64,
    /// Postage, paid with the amount.
    pub shipping_cents: i64,
    /// Received, net of reversals.
    pub paid_cents: i64,
    /// Sent back.
    pub refunded_cents: i64,
    pub billed: bool,
    pub dropped: bool,
    /// Owes nothing: cancelled, or the campaign failed.
    pub void: bool,
    /// Charging the saved card or TWINT failed, and the backer has not paid since.
    pub errored: bool,
}

impl Standing {
    /// Money the team holds for this pledge.
    pub fn held(&self) -> i64 {
        self.paid_cents - self.refunded_cents
    }

    /// What the backer pays in all: the amount and the postage.
    pub fn total(&self) -> i64 {
        self.amount_cents + self.shipping_cents
    }

    /// What the pledge owes at most: its total, unless it owes nothing.
    fn owed(&self) -> i64 {
        if self.void || self.dropped { 0 } else { self.total() }
    }

    pub fn state(&self) -> PaymentState {
        let held = self.held();
        if self.void || self.dropped {
            return if held > 0 {
                PaymentState::RefundDue
            } else if self.refunded_cents > 0 {
                PaymentState::Refunded
            } else if self.dropped {
                PaymentState::Dropped
            } else {
                PaymentState::Void
            };
        }
        if held >= self.total() {
            PaymentState::Paid
        } else if self.errored && self.billed {
            PaymentState::Errored
        } else if held > 0 {
            PaymentState::PartlyPaid
        } else if self.billed {
            PaymentState::Due
        } else {
            PaymentState::Promised
        }
    }

    /// What the backer still has to pay on a bill.
    pub fn outstanding(&self) -> i64 {
        if self.billed && !self.void && !self.dropped { (self.owed() - self.held()).max(0) } else { 0 }
    }

    /// What the team owes back: anything held beyond what is owed.
    pub fn refund_due(&self) -> i64 {
        (self.held() - self.owed()).max(0)
    }
}

/// What happens at a step of an unpaid bill's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Remind,
    Drop,
    /// Charge the saved card or TWINT once more (an errored charge, at the end of its grace).
    Retry,
}

/// The steps of a charge that failed at `errored`: a reminder every 48 hours during the grace
/// period, then one last charge (whose failure drops the pledge), as Kickstarter does.
pub fn errored_schedule(errored: DateTime<Utc>, grace_days: u32) -> Vec<(DateTime<Utc>, Step)> {
    let end = errored + Duration::days(i64::from(grace_days));
    let mut steps = Vec::new();
    let mut at = errored + Duration::hours(48);
    while at < end {
        steps.push((at, Step::Remind));
        at += Duration::hours(48);
    }
    steps.push((end, Step::Retry));
    steps
}

/// As [`step_due`], on the errored schedule.
pub fn errored_step_due(errored: DateTime<Utc>, grace_days: u32, done: usize, now: DateTime<Utc>) -> StepDue {
    due_in(&errored_schedule(errored, grace_days), done, now)
}

/// The steps of a bill issued at `billed` and due at `due`: reminders three days before the
/// due date and on it, then every three days during the grace period, then the drop. Steps
/// that would fall before the bill itself are left out.
pub fn schedule(billed: DateTime<Utc>, due: DateTime<Utc>, grace_days: u32) -> Vec<(DateTime<Utc>, Step)> {
    let end = due + Duration::days(i64::from(grace_days));
    let mut steps: Vec<(DateTime<Utc>, Step)> =
        [due - Duration::days(3), due].into_iter().filter(|at| *at > billed).map(|at| (at, Step::Remind)).collect();
    let mut at = due + Duration::days(3);
    while at < end {
        steps.push((at, Step::Remind));
        at += Duration::days(3);
    }
    steps.push((end, Step::Drop));
    steps
}

/// What the steps after the first `done` ask at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepDue {
    /// Nothing yet: the next step falls then.
    Wait(DateTime<Utc>),
    /// Take the step at `index` of the schedule, the latest one already due: a server back
    /// after a pause sends one reminder, not each one it missed.
    Take { index: usize, step: Step },
    /// No step is left.
    Over,
}

pub fn step_due(
    billed: DateTime<Utc>,
    due: DateTime<Utc>,
    grace_days: u32,
    done: usize,
    now: DateTime<Utc>,
) -> StepDue {
    due_in(&schedule(billed, due, grace_days), done, now)
}

fn due_in(steps: &[(DateTime<Utc>, Step)], done: usize, now: DateTime<Utc>) -> StepDue {
    let rest = steps.get(done..).unwrap_or(&[]);
    match rest.iter().rposition(|(at, _)| *at <= now) {
        Some(i) => StepDue::Take { index: done + i, step: rest[i].1 },
        None => rest.first().map_or(StepDue::Over, |(at, _)| StepDue::Wait(*at)),
    }
}

/// The step after `done` steps were taken, if any.
pub fn next_step(
    billed: DateTime<Utc>,
    due: DateTime<Utc>,
    grace_days: u32,
    done: usize,
) -> Option<(DateTime<Utc>, Step)> {
    schedule(billed, due, grace_days).get(done).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(amount: i64, paid: i64, refunded: i64) -> Standing {
        Standing {
            amount_cents: amount,
            shipping_cents: 0,
            paid_cents: paid,
            refunded_cents: refunded,
            billed: true,
            dropped: false,
            void: false,
            errored: false,
        }
    }

    #[test]
    fn a_bill_is_due_then_partly_paid_then_paid() {
        let due = standing(9000, 0, 0);
        assert_eq!((due.state(), due.outstanding(), due.refund_due()), (PaymentState::Due, 9000, 0));
        let part = standing(9000, 4000, 0);
        assert_eq!((part.state(), part.outstanding(), part.refund_due()), (PaymentState::PartlyPaid, 5000, 0));
        let paid = standing(9000, 9000, 0);
        assert_eq!((paid.state(), paid.outstanding(), paid.refund_due()), (PaymentState::Paid, 0, 0));
    }

    #[test]
    fn postage_is_paid_with_the_amount_and_a_cheaper_zone_leaves_the_difference_to_refund() {
        let shipped = Standing { shipping_cents: 1800, ..standing(9000, 9000, 0) };
        assert_eq!((shipped.state(), shipped.outstanding(), shipped.total()), (PaymentState::PartlyPaid, 1800, 10800));
        let paid = Standing { paid_cents: 10800, ..shipped };
        assert_eq!((paid.state(), paid.outstanding(), paid.refund_due()), (PaymentState::Paid, 0, 0));
        let nearer = Standing { shipping_cents: 900, ..paid };
        assert_eq!((nearer.state(), nearer.refund_due()), (PaymentState::Paid, 900));
    }

    #[test]
    fn an_overpayment_is_paid_with_the_difference_to_refund() {
        let over = standing(9000, 10000, 0);
        assert_eq!((over.state(), over.outstanding(), over.refund_due()), (PaymentState::Paid, 0, 1000));
        let settled = standing(9000, 10000, 1000);
        assert_eq!((settled.state(), settled.refund_due()), (PaymentState::Paid, 0));
    }

    #[test]
    fn before_the_bill_it_is_promised_and_an_early_transfer_counts() {
        let promised = Standing { billed: false, ..standing(9000, 0, 0) };
        assert_eq!((promised.state(), promised.outstanding()), (PaymentState::Promised, 0));
        let early = Standing { billed: false, ..standing(9000, 9000, 0) };
        assert_eq!(early.state(), PaymentState::Paid);
    }

    #[test]
    fn a_void_pledge_gives_back_what_it_received() {
        let void = Standing { void: true, ..standing(9000, 0, 0) };
        assert_eq!((void.state(), void.outstanding(), void.refund_due()), (PaymentState::Void, 0, 0));
        let paid = Standing { void: true, ..standing(9000, 9000, 0) };
        assert_eq!((paid.state(), paid.refund_due()), (PaymentState::RefundDue, 9000));
        let back = Standing { void: true, ..standing(9000, 9000, 9000) };
        assert_eq!((back.state(), back.refund_due()), (PaymentState::Refunded, 0));
        let dropped = Standing { dropped: true, ..standing(9000, 0, 0) };
        assert_eq!((dropped.state(), dropped.outstanding()), (PaymentState::Dropped, 0));
    }

    #[test]
    fn a_failed_charge_is_errored_until_the_money_comes_and_owes_its_amount() {
        let errored = Standing { errored: true, ..standing(9000, 0, 0) };
        assert_eq!((errored.state(), errored.outstanding()), (PaymentState::Errored, 9000));
        let fixed = Standing { errored: true, ..standing(9000, 9000, 0) };
        assert_eq!(fixed.state(), PaymentState::Paid);
        let dropped = Standing { errored: true, dropped: true, ..standing(9000, 0, 0) };
        assert_eq!(dropped.state(), PaymentState::Dropped);
    }

    #[test]
    fn a_reversal_brings_a_paid_pledge_back_to_due() {
        let reversed = standing(9000, 0, 0);
        assert_eq!(reversed.state(), PaymentState::Due);
    }

    #[test]
    fn reminders_come_before_on_and_after_the_due_date_then_the_drop() {
        let billed = DateTime::parse_from_rfc3339("2026-11-08T10:00:00Z").unwrap().with_timezone(&Utc);
        let due = billed + Duration::days(14);
        let steps = schedule(billed, due, 7);
        let days: Vec<(i64, Step)> = steps.iter().map(|(at, step)| ((*at - billed).num_days(), *step)).collect();
        assert_eq!(
            days,
            [(11, Step::Remind), (14, Step::Remind), (17, Step::Remind), (20, Step::Remind), (21, Step::Drop)]
        );
        assert_eq!(next_step(billed, due, 7, 5), None);
    }

    #[test]
    fn after_a_pause_only_the_latest_step_due_is_taken() {
        let billed = DateTime::parse_from_rfc3339("2026-11-08T10:00:00Z").unwrap().with_timezone(&Utc);
        let due = billed + Duration::days(14);
        assert_eq!(step_due(billed, due, 7, 0, billed), StepDue::Wait(due - Duration::days(3)));
        assert_eq!(
            step_due(billed, due, 7, 0, due + Duration::hours(1)),
            StepDue::Take { index: 1, step: Step::Remind }
        );
        assert_eq!(step_due(billed, due, 7, 2, due + Duration::days(30)), StepDue::Take { index: 4, step: Step::Drop });
        assert_eq!(step_due(billed, due, 7, 5, due + Duration::days(30)), StepDue::Over);
    }

    #[test]
    fn an_errored_charge_is_recalled_every_48_hours_then_tried_once_more() {
        let errored = DateTime::parse_from_rfc3339("2030-01-08T10:00:00Z").unwrap().with_timezone(&Utc);
        let steps = errored_schedule(errored, 7);
        let hours: Vec<(i64, Step)> = steps.iter().map(|(at, step)| ((*at - errored).num_hours(), *step)).collect();
        assert_eq!(hours, [(48, Step::Remind), (96, Step::Remind), (144, Step::Remind), (168, Step::Retry)]);
        assert_eq!(
            errored_step_due(errored, 7, 0, errored + Duration::days(30)),
            StepDue::Take { index: 3, step: Step::Retry }
        );
        assert_eq!(errored_step_due(errored, 7, 4, errored + Duration::days(30)), StepDue::Over);
    }

    #[test]
    fn a_short_due_date_skips_the_reminder_before_the_bill() {
        let billed = Utc::now();
        let steps = schedule(billed, billed + Duration::days(2), 0);
        assert_eq!(steps.iter().map(|s| s.1).collect::<Vec<_>>(), [Step::Remind, Step::Drop]);
    }
}
