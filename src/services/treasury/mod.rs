//! The team's hand on the money: the payment figures, the bank transactions no reference
//! matched, the refunds to make (read here), and what the team does about them ([`hand`]).
//! Each action is one transaction through [`crate::services::ledger::record`], so every
//! figure follows the ledger as it does for a bank file.

mod hand;

use chrono::NaiveDate;
use entity::{bank_transaction, campaign, payment, pledge};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

pub use self::hand::{
    Hand, MAX_NOTE, Outcome, PledgeKey, match_transaction, note, record_payment, record_refund, set_aside,
};
use crate::db::Db;
use crate::domain::Amount;
use crate::domain::states::{BankDirection, BankStatus, PaymentKind, PaymentMethod, PaymentState};
use crate::error::AppError;

/// How many unmatched transactions, and how many refunds due, the page lists at most: past
/// that the team works down the list and reloads.
pub const LISTED: u64 = 200;

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

/// What Stripe holds of a pledge's money, as SQL over `pledges`: its card and TWINT payments net
/// of their refunds and reversals. A refund due goes back through Stripe up to it, by itself (a
/// refund by hand there would send the money twice), and by hand beyond it: a pledge paid
/// partly each way, whatever the way it chose last, gets each part back its own way, once.
pub const HELD_BY_STRIPE: &str = "COALESCE((SELECT SUM(held.amount_cents) FROM payments held \
     WHERE held.pledge_id = pledges.id AND held.method IN ('card', 'twint')), 0)";

/// What Stripe holds of each of the pledges `ids`, in cents (see [`HELD_BY_STRIPE`]); a pledge
/// without card or TWINT payments is left out.
pub async fn held_by_stripe(
    conn: &impl sea_orm::ConnectionTrait,
    ids: &[i64],
) -> Result<std::collections::HashMap<i64, i64>, AppError> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let sums: Vec<(i64, Option<i64>)> = payment::Entity::find()
        .select_only()
        .column(payment::Column::PledgeId)
        // PostgreSQL sums BIGINT into NUMERIC.
        .column_as(sea_orm::sea_query::Expr::cust("CAST(SUM(amount_cents) AS BIGINT)"), "held")
        .filter(payment::Column::PledgeId.is_in(ids.iter().copied()))
        .filter(payment::Column::Method.is_in([PaymentMethod::Card, PaymentMethod::Twint]))
        .group_by(payment::Column::PledgeId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(sums.into_iter().map(|(id, held)| (id, held.unwrap_or(0))).collect())
}

/// The pledges with a refund due by hand, oldest first, at most [`LISTED`]; and how many there
/// are. Each is due what Stripe does not hold of it (see [`HELD_BY_STRIPE`]). Three queries:
/// the pledges, what Stripe holds of each, and the payer's account of each one's latest bank
/// payment.
pub async fn refunds_due(db: &Db, campaign_id: i32) -> Result<(Vec<RefundDue>, u64), AppError> {
    let beyond_stripe = sea_orm::sea_query::Expr::cust(format!("pledges.refund_due_cents > {HELD_BY_STRIPE}"));
    let query = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(pledge::Column::RefundDueCents.gt(0))
        .filter(beyond_stripe);
    let total = query.clone().count(&db.read).await?;
    let rows = query.order_by_asc(pledge::Column::Id).limit(LISTED).all(&db.read).await?;
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    let held = held_by_stripe(&db.read, &ids).await?;
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
            due: Amount::from_cents(p.refund_due_cents - held.get(&p.id).copied().unwrap_or(0).max(0)),
            state: p.payment_state,
        })
        .collect();
    Ok((found, total))
}
