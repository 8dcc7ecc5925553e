//! What the team does by hand: match a bank transaction to a pledge or set it aside, record a
//! refund made or money received outside the bank's file. Each is one transaction through
//! [`ledger::record`], which queues the receipt of a pledge that became paid.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{bank_transaction, pledge};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, TransactionTrait};

use crate::config::{Campaign, Payments};
use crate::db::Db;
use crate::domain::states::{BankStatus, PaymentKind, PaymentMethod, PaymentState, PledgeState};
use crate::domain::{Amount, Email, Money};
use crate::error::AppError;
use crate::services::bank_import::{entry_of, receipts};
use crate::services::bills::pledge_of_reference;
use crate::services::ledger::{self, Entry, Recorded};
use crate::services::letters::Letters;
use crate::services::outbox;
use crate::services::stored::same_address;

/// The longest note kept with a payment or a refund recorded by hand.
pub const MAX_NOTE: usize = 500;
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
                .filter(same_address(pledge::Column::Email, email.as_str()))
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
        stripe_ref: None,
        fee_cents: None,
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
