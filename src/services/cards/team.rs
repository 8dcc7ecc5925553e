//! What the team sees of card and TWINT payments: figures per way to pay, the pledges whose
//! charge failed, and a charge tried again by hand.

use chrono::{DateTime, Utc};
use entity::pledge;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::Cards;
use crate::db::Db;
use crate::domain::Amount;
use crate::domain::states::{MethodState, PayBy, PaymentState, PledgeState};
use crate::error::AppError;

/// One way to pay, in figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MethodFigures {
    pub method: PayBy,
    pub pledges: i64,
    pub pledged: Amount,
    /// Received, net of reversals and refunds.
    pub collected: Amount,
    pub errored: i64,
    pub dropped: i64,
}

#[derive(FromQueryResult)]
struct Row {
    pay_by: String,
    pledges: i64,
    pledged: Option<i64>,
    collected: Option<i64>,
    errored: Option<i64>,
    dropped: Option<i64>,
}

/// The figures of each way to pay the campaign offers, over its counted pledges. A grouping
/// over the pledges: the team's page is opened now and then, not by every visitor.
pub async fn figures(db: &Db, campaign_id: i32, methods: &[PayBy]) -> Result<Vec<MethodFigures>, AppError> {
    let count_if =
        |state: PaymentState| Expr::cust(format!("SUM(CASE WHEN payment_state = '{state}' THEN 1 ELSE 0 END)"));
    let rows = pledge::Entity::find()
        .select_only()
        .column(pledge::Column::PayBy)
        .column_as(Expr::cust("COUNT(*)"), "pledges")
        // PostgreSQL sums BIGINT into NUMERIC.
        .column_as(Expr::cust("CAST(SUM(amount_cents) AS BIGINT)"), "pledged")
        .column_as(Expr::cust("CAST(SUM(paid_cents - refunded_cents) AS BIGINT)"), "collected")
        .column_as(count_if(PaymentState::Errored), "errored")
        .column_as(count_if(PaymentState::Dropped), "dropped")
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(pledge::Column::State.eq(PledgeState::Active))
        .group_by(pledge::Column::PayBy)
        .into_model::<Row>()
        .all(&db.read)
        .await?;
    Ok(methods
        .iter()
        .map(|method| {
            let row = rows.iter().find(|r| r.pay_by == method.to_string());
            let cents = |f: fn(&Row) -> Option<i64>| Amount::from_cents(row.and_then(f).unwrap_or(0));
            MethodFigures {
                method: *method,
                pledges: row.map_or(0, |r| r.pledges),
                pledged: cents(|r| r.pledged),
                collected: cents(|r| r.collected),
                errored: row.and_then(|r| r.errored).unwrap_or(0),
                dropped: row.and_then(|r| r.dropped).unwrap_or(0),
            }
        })
        .collect())
}

/// A pledge whose charge failed.
#[derive(Debug, Clone)]
pub struct Errored {
    pub pledge_id: i64,
    pub reference: String,
    pub name: String,
    pub email: String,
    pub method: PayBy,
    pub due: Amount,
    /// Stripe's code, such as `card_declined`, or `no_method` when nothing was saved.
    pub reason: String,
    pub since: Option<DateTime<Utc>>,
    pub reminders: i32,
    /// A saved method can be charged again now.
    pub retryable: bool,
}

/// Up to `limit` errored pledges, the oldest failure first, and how many there are.
pub async fn errored(db: &Db, campaign_id: i32, limit: u64) -> Result<(Vec<Errored>, u64), AppError> {
    let query = pledge::Entity::find()
        .filter(pledge::Column::CampaignId.eq(campaign_id))
        .filter(pledge::Column::PaymentState.eq(PaymentState::Errored));
    let total = query.clone().count(&db.read).await?;
    let rows = query.order_by_asc(pledge::Column::ErroredAtMs).limit(limit).all(&db.read).await?;
    let listed = rows
        .into_iter()
        .map(|p| Errored {
            pledge_id: p.id,
            reference: p.reference,
            name: p.name,
            email: p.email,
            method: p.pay_by,
            due: Amount::from_cents(p.outstanding_cents),
            reason: p.charge_error.unwrap_or_default(),
            since: p.errored_at_ms.map(crate::services::stored::instant),
            // Each reminder step counts; the last retry is the step after them.
            reminders: p.reminders_sent,
            retryable: p.method_state == MethodState::Saved && p.next_charge_ms.is_none(),
        })
        .collect();
    Ok((listed, total))
}

/// Charges an errored pledge's saved method again now, at the team's request.
pub async fn retry(cards: &Cards, pledge_id: i64, now: DateTime<Utc>) -> Result<String, AppError> {
    if super::charge_under_way(&cards.db.read, pledge_id).await? {
        return Err(AppError::invalid("pledge", "error-charge-under-way"));
    }
    let moved = pledge::Entity::update_many()
        .col_expr(pledge::Column::NextChargeMs, Expr::value(now.timestamp_millis()))
        .filter(pledge::Column::Id.eq(pledge_id))
        .filter(pledge::Column::CampaignId.eq(cards.campaign_id))
        .filter(pledge::Column::PaymentState.eq(PaymentState::Errored))
        .filter(pledge::Column::MethodState.eq(MethodState::Saved))
        .filter(pledge::Column::NextChargeMs.is_null())
        .exec(&cards.db.write)
        .await?;
    if moved.rows_affected == 0 {
        return Err(AppError::invalid("pledge", "error-retry-not-possible"));
    }
    let reference = pledge::Entity::find_by_id(pledge_id).one(&cards.db.read).await?.map(|p| p.reference);
    Ok(reference.unwrap_or_default())
}
