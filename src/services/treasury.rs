//! The team's hand on the money: the payment figures, the bank transactions no reference
//! matched (matched by hand to a pledge, or set aside as not the campaign's), the refunds to
//! make, and payments received outside the bank file (cash at a workshop, a transfer without
//! reference). Each action is one transaction that goes through [`ledger::record`], so every
//! figure follows the ledger as it does for a bank file.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{bank_transaction, campaign, payment, pledge};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
    TransactionTrait,
};

use super::bank_import::{entry_of, receipts};
use super::bills::pledge_of_reference;
use super::ledger::{self, Entry, Recorded};
use super::letters::Letters;
use super::outbox;
use crate::config::{Campaign, Payments};
use crate::db::Db;
use crate::domain::states::{BankDirection, BankStatus, PaymentKind, PaymentMethod, PaymentState, PledgeState};
use crate::domain::{Amount, Email, Money};
use crate::error::AppError;

/// How many unmatched transactions, and how many refunds due, the page lists at most: past
/// that the team works down the list and reloads.
pub const LISTED: u64 = 200;

/// The longest note kept with a payment or a refund recorded by hand.
pub const MAX_NOTE: usize = 500;

/// The campaign's payment totals, as the ledger keeps them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaymentFigures {
    /// Money held: payments in, less reversals and refunds.
    pub collected: Amount,
    /// What billed backers still owe.
    pub outstanding: Amount,
    /// What the team owes back.
    pub refund_due: Amount,
    /// What the team sent back.
    pub refunded: Amount,
    /// The amounts of pledges dropped unpaid, and how many they are.
    pub dropped: Amount,
    pub dropped_pledges: i64,
}

impl From<&campaign::Model> for PaymentFigures {
    fn from(row: &campaign::Model) -> PaymentFigures {
        PaymentFigures {
            collected: Amount::from_cents(row.collected_cents),
            outstanding: Amount::from_cents(row.outstanding_cents),
            refund_due: Amount::from_cents(row.refund_due_cents),
            refunded: Amount::from_cents(row.refunded_cents),
            dropped: Amount::from_cents(row.dropped_cents),
            dropped_pledges: row.dropped_pledges,
        }
    }
}

/// The campaign's payment totals: one read of its row.
pub async fn figures(db: &Db, campaign_id: i32) -> Result<PaymentFigures, AppError> {
    let row = campaign::Entity::find_by_id(campaign_id).one(&db.read).await?.ok_or(AppError::NotFound)?;
    Ok(PaymentFigures::from(&row))
}

/// A bank transaction that waits for the team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    pub id: i64,
    /// The bank took a credit back (rather than money coming in).
    pub reversal: bool,
    pub amount: Amount,
    pub currency: String,
    pub booked_on: Option<NaiveDate>,
    pub reference: Option<String>,
    pub payer_name: Option<String>,
    pub payer_iban: Option<String>,
    pub message: Option<String>,
}

/// The unmatched bank transactions, oldest first, at most [`LISTED`]; and how many there are.
pub async fn unmatched(db: &Db) -> Result<(Vec<Unmatched>, u64), AppError> {
    let query = bank_transaction::Entity::find().filter(bank_transaction::Column::Status.eq(BankStatus::Unmatched));
    let total = query.clone().count(&db.read).await?;
    let rows = query.order_by_asc(bank_transaction::Column::Id).limit(LISTED).all(&db.read).await?;
    let found = rows
        .into_iter()
        .map(|t| Unmatched {
            id: t.id,
            reversal: t.direction == BankDirection::Reversal,
            amount: Amount::from_cents(t.amount_cents),
            currency: t.currency,
            booked_on: t.booked_on.parse().ok(),
            reference: t.reference,
            payer_name: t.payer_name,
            payer_iban: t.payer_iban,
            message: t.message,
        })
        .collect();
    Ok((found, total))
}

/// A pledge the team owes money back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundDue {
    pub pledge_id: i64,
    pub reference: String,
    pub name: String,
    pub email: String,
    pub due: Amount,
    pub state: PaymentState,
    /// The account of its latest bank payment, where the money most likely goes back.
    pub payer_iban: Option<String>,
}

/// The pledges with a refund due, oldest first, at most [`LISTED`]; and how many there are.
/// Two queries: the pledges, then the payer's account of each one's latest bank payment.
pub async fn refunds_due(db: &Db, campaign_id: i32) -> Result<(Vec<RefundDue>, u64), AppError> {
    let query = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(pledge::Column::RefundDueCents.gt(0));
    let total = query.clone().count(&db.read).await?;
    let rows = query.order_by_asc(pledge::Column::Id).limit(LISTED).all(&db.read).await?;
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let accounts: Vec<(i64, Option<String>)> = if ids.is_empty() {
        Vec::new()
    } else {
        payment::Entity::find()
            .select_only()
            .column(payment::Column::PledgeId)
            .column(payment::Column::PayerIban)
            .filter(payment::Column::PledgeId.is_in(ids))
            .filter(payment::Column::Kind.eq(PaymentKind::Payment))
            .filter(payment::Column::Method.eq(PaymentMethod::Bank))
            .filter(payment::Column::PayerIban.is_not_null())
            .order_by_desc(payment::Column::Id)
            .into_tuple()
            .all(&db.read)
            .await?
    };
    let found = rows
        .into_iter()
        .map(|p| RefundDue {
            // The first found is the latest, as they come newest first.
            payer_iban: accounts.iter().find(|(id, _)| *id == p.id).and_then(|(_, iban)| iban.clone()),
            pledge_id: p.id,
            reference: p.reference,
            name: p.name,
            email: p.email,
            due: Amount::from_cents(p.refund_due_cents),
            state: p.payment_state,
        })
        .collect();
    Ok((found, total))
}

/// How the team names a pledge: its reference (`BX7K-3M9Q`, or the QR reference of its bill),
/// or its backer's email when that email has exactly one pledge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PledgeKey {
    Reference(String),
    Email(Email),
}

impl PledgeKey {
    /// What the team typed: an email if it holds an `@`, else a reference.
    pub fn parse(text: &str) -> Result<PledgeKey, AppError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(AppError::invalid("pledge", "team-payments-pledge-empty"));
        }
        if text.contains('@') {
            return Ok(PledgeKey::Email(Email::parse(text)?));
        }
        Ok(PledgeKey::Reference(text.to_uppercase()))
    }
}

/// The id of the pledge `key` names in this campaign.
async fn pledge_named(txn: &DatabaseTransaction, campaign_id: i32, key: &PledgeKey) -> Result<i64, AppError> {
    let ours = pledge::Entity::find()
        .select_only()
        .column(pledge::Column::Id)
        .filter(pledge::Column::CampaignId.eq(campaign_id));
    match key {
        PledgeKey::Reference(reference) => {
            let by_reference: Option<i64> =
                ours.clone().filter(pledge::Column::Reference.eq(reference.as_str())).into_tuple().one(txn).await?;
            let by_bill = || pledge_of_reference(reference);
            let id = match (by_reference, by_bill()) {
                (Some(id), _) => Some(id),
                (None, Some(id)) => ours.filter(pledge::Column::Id.eq(id)).into_tuple().one(txn).await?,
                (None, None) => None,
            };
            id.ok_or_else(|| AppError::invalid("pledge", "team-payments-no-pledge"))
        }
        PledgeKey::Email(email) => {
            let ids: Vec<i64> = ours
                .filter(Expr::expr(Func::lower(Expr::col(pledge::Column::Email))).eq(email.identity()))
                .filter(pledge::Column::State.ne(PledgeState::Cancelled))
                .limit(2)
                .into_tuple()
                .all(txn)
                .await?;
            match ids.as_slice() {
                [id] => Ok(*id),
                [] => Err(AppError::invalid("pledge", "team-payments-no-pledge")),
                _ => Err(AppError::invalid("pledge", "team-payments-several-pledges")),
            }
        }
    }
}

/// What an action did to its pledge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub reference: String,
    pub state: PaymentState,
    /// The pledge became paid: its backer's receipt is queued.
    pub became_paid: bool,
}

impl Outcome {
    fn of(recorded: &[Recorded]) -> Result<Outcome, AppError> {
        let one = recorded.first().ok_or(AppError::NotFound)?;
        Ok(Outcome {
            reference: one.after.reference.clone(),
            state: one.after.payment_state,
            became_paid: one.became_paid(),
        })
    }
}

/// Who does it, and when: every hand-made entry names its member.
#[derive(Debug, Clone, Copy)]
pub struct Hand<'a> {
    pub campaign: &'a Campaign,
    pub campaign_id: i32,
    pub letters: &'a Letters,
    pub by: &'a str,
    pub now: DateTime<Utc>,
}

impl Hand<'_> {
    fn payments(&self) -> Result<&Payments, AppError> {
        self.campaign.payments.as_ref().ok_or_else(|| AppError::invalid("payments", "team-payments-off"))
    }

    /// Today in the campaign's zone: the day money moved by hand.
    fn today(&self) -> NaiveDate {
        self.now.with_timezone(&self.campaign.time_zone).date_naive()
    }

    /// Records `entries`, queues the receipts of the pledges they made paid, and commits.
    async fn record(&self, txn: DatabaseTransaction, entries: &[Entry]) -> Result<Outcome, AppError> {
        let payments = self.payments()?;
        let recorded = ledger::record(&txn, self.campaign_id, entries, self.now).await?;
        // A reversal matched by hand takes back only money the pledge received.
        if recorded.iter().any(|r| r.after.paid_cents < 0) {
            return Err(AppError::invalid("pledge", "team-payments-reversal-too-large"));
        }
        outbox::queue(&txn, &receipts(&recorded, self.letters, payments), self.now).await?;
        txn.commit().await?;
        Outcome::of(&recorded)
    }
}

/// Matches the unmatched bank transaction `id` to the pledge `key` names, in one transaction:
/// the transaction's status changes only if it is still unmatched (so matching it twice, or
/// from two pages at once, records it once), then its money joins the pledge's ledger and the
/// receipt is queued if the pledge became paid. `Ok(None)` when it was no longer unmatched.
pub async fn match_transaction(
    db: &Db,
    hand: &Hand<'_>,
    id: i64,
    key: &PledgeKey,
) -> Result<Option<Outcome>, AppError> {
    hand.payments()?;
    let txn = db.begin_write().await?;
    let pledge_id = pledge_named(&txn, hand.campaign_id, key).await?;
    let Some(found) = bank_transaction::Entity::find_by_id(id).one(&txn).await? else {
        return Err(AppError::NotFound);
    };
    // Money in another currency cannot count as the campaign's: the team settles it with
    // the bank, then records what arrived by hand.
    if found.currency != hand.campaign.currency {
        return Err(AppError::invalid_with("pledge", "team-payments-other-currency", "currency", found.currency));
    }
    let taken = bank_transaction::Entity::update_many()
        .col_expr(bank_transaction::Column::Status, Expr::value(BankStatus::Matched))
        .col_expr(bank_transaction::Column::PledgeId, Expr::value(pledge_id))
        .col_expr(bank_transaction::Column::DecidedBy, Expr::value(hand.by))
        .filter(bank_transaction::Column::Id.eq(id))
        .filter(bank_transaction::Column::Status.eq(BankStatus::Unmatched))
        .exec(&txn)
        .await?;
    if taken.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(None);
    }
    hand.record(txn, &[entry_of(&found, pledge_id, Some(hand.by))]).await.map(Some)
}

/// Sets the unmatched bank transaction `id` aside as not the campaign's money. `false` when
/// it was no longer unmatched.
pub async fn set_aside(db: &Db, id: i64, by: &str) -> Result<bool, AppError> {
    let txn = db.write.begin().await?;
    let done = bank_transaction::Entity::update_many()
        .col_expr(bank_transaction::Column::Status, Expr::value(BankStatus::NotOurs))
        .col_expr(bank_transaction::Column::DecidedBy, Expr::value(by))
        .filter(bank_transaction::Column::Id.eq(id))
        .filter(bank_transaction::Column::Status.eq(BankStatus::Unmatched))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(done.rows_affected == 1)
}

/// A note as typed: trimmed, cut to [`MAX_NOTE`] characters, `None` when empty.
pub fn note(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(|t| t.chars().take(MAX_NOTE).collect())
}

/// Records a refund the team made to the backer of pledge `pledge_id`: no more than what is
/// due back to it.
pub async fn record_refund(
    db: &Db,
    hand: &Hand<'_>,
    pledge_id: i64,
    amount: Money,
    note: Option<String>,
) -> Result<Outcome, AppError> {
    hand.payments()?;
    let txn = db.begin_write().await?;
    // Locked before reading what is due, so that two refunds sent at once cannot both pass.
    let locked = ledger::lock_pledges(&txn, &[pledge_id]).await?;
    let due = locked.first().filter(|p| p.campaign_id == hand.campaign_id).ok_or(AppError::NotFound)?.refund_due_cents;
    if amount.cents() > due {
        return Err(AppError::invalid_with("amount", "team-payments-refund-above-due", "due", Amount::from_cents(due)));
    }
    let entry = manual(pledge_id, PaymentKind::Refund, amount, note, hand);
    hand.record(txn, &[entry]).await
}

/// Records money received outside the bank file for the pledge `key` names: cash at a
/// workshop, a transfer that came without its reference.
pub async fn record_payment(
    db: &Db,
    hand: &Hand<'_>,
    key: &PledgeKey,
    amount: Money,
    note: Option<String>,
) -> Result<Outcome, AppError> {
    hand.payments()?;
    let txn = db.begin_write().await?;
    let pledge_id = pledge_named(&txn, hand.campaign_id, key).await?;
    let entry = manual(pledge_id, PaymentKind::Payment, amount, note, hand);
    hand.record(txn, &[entry]).await
}

fn manual(pledge_id: i64, kind: PaymentKind, amount: Money, note: Option<String>, hand: &Hand<'_>) -> Entry {
    Entry {
        pledge_id,
        kind,
        method: PaymentMethod::Manual,
        cents: amount.cents(),
        bank_transaction_id: None,
        payer_name: None,
        payer_iban: None,
        note,
        recorded_by: Some(hand.by.to_owned()),
        booked_on: hand.today(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_an_email_when_it_holds_an_at_sign_and_else_a_reference() {
        assert_eq!(PledgeKey::parse(" bx7k-3m9q ").unwrap(), PledgeKey::Reference("BX7K-3M9Q".into()));
        assert!(matches!(PledgeKey::parse("Anne@Example.CH").unwrap(), PledgeKey::Email(_)));
        assert!(PledgeKey::parse("not@mail").is_err());
        assert!(PledgeKey::parse("  ").is_err());
    }

    #[test]
    fn a_note_is_trimmed_cut_and_empty_is_none() {
        assert_eq!(note(Some("  ")), None);
        assert_eq!(note(Some(" cash ")).as_deref(), Some("cash"));
        assert_eq!(note(Some(&"x".repeat(900))).map(|n| n.chars().count()), Some(MAX_NOTE));
    }
}
