//! Disputes of card payments: kept when Stripe tells that one opened, and listed for the team,
//! who answer them in Stripe's dashboard. Keeping one moves no money: the ledger takes it back
//! when the bank does (see [`super::events`]).

use chrono::{DateTime, Utc};
use entity::{payment, pledge, stripe_dispute};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::Cards;
use crate::db::Db;
use crate::domain::Amount;
use crate::domain::states::{PayBy, PaymentKind};
use crate::error::AppError;
use crate::services::stored::instant;
use crate::services::stripe::objects::Dispute;

/// Keeps a dispute of the pledge's payment, once however often it is told: by its opening, or
/// by the money it moves when that comes first (or the opening was not sent).
pub async fn keep(cards: &Cards, pledge_id: i64, dispute: &Dispute, now: DateTime<Utc>) -> Result<bool, AppError> {
    let opened = dispute.created.map_or(now.timestamp_millis(), |seconds| seconds * 1000);
    let kept = stripe_dispute::Entity::insert(stripe_dispute::ActiveModel {
        id: Set(dispute.id.clone()),
        campaign_id: Set(cards.campaign_id),
        pledge_id: Set(pledge_id),
        amount_cents: Set(dispute.amount),
        reason: Set(dispute.reason.as_deref().unwrap_or("general").chars().take(64).collect()),
        opened_at_ms: Set(opened),
    })
    .on_conflict(OnConflict::column(stripe_dispute::Column::Id).do_nothing().to_owned())
    .exec_without_returning(&cards.db.write)
    .await?;
    Ok(kept == 1)
}

/// Where a dispute's money stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisputeMoney {
    /// Nothing taken yet (an inquiry, or the bank has not taken it).
    Untouched,
    /// The bank took it back.
    Withdrawn,
    /// Taken back, then returned: the dispute was won.
    Reinstated,
}

/// A dispute, for the team.
#[derive(Debug, Clone)]
pub struct Disputed {
    pub id: String,
    pub pledge_id: i64,
    pub reference: String,
    pub name: String,
    pub email: String,
    pub method: PayBy,
    pub amount: Amount,
    /// Stripe's reason, such as `fraudulent`.
    pub reason: String,
    pub opened: DateTime<Utc>,
    pub money: DisputeMoney,
}

/// Up to `limit` disputes, the newest first, and how many there are.
pub async fn listed(db: &Db, campaign_id: i32, limit: u64) -> Result<(Vec<Disputed>, u64), AppError> {
    let query = stripe_dispute::Entity::find().filter(stripe_dispute::Column::CampaignId.eq(campaign_id));
    let total = query.clone().count(&db.read).await?;
    let disputes = query.order_by_desc(stripe_dispute::Column::OpenedAtMs).limit(limit).all(&db.read).await?;
    if disputes.is_empty() {
        return Ok((Vec::new(), total));
    }
    let pledges = pledge::Entity::find()
        .filter(pledge::Column::Id.is_in(disputes.iter().map(|d| d.pledge_id)))
        .all(&db.read)
        .await?;
    let keys = disputes.iter().flat_map(|d| [format!("{}#withdrawn", d.id), format!("{}#reinstated", d.id)]);
    let moved: Vec<String> = payment::Entity::find()
        .select_only()
        .column(payment::Column::StripeRef)
        .filter(payment::Column::StripeRef.is_in(keys))
        .filter(payment::Column::Kind.is_in([PaymentKind::Reversal, PaymentKind::Payment]))
        .into_tuple::<Option<String>>()
        .all(&db.read)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let listed = disputes
        .into_iter()
        .filter_map(|d| {
            let pledge = pledges.iter().find(|p| p.id == d.pledge_id)?;
            let money = if moved.contains(&format!("{}#reinstated", d.id)) {
                DisputeMoney::Reinstated
            } else if moved.contains(&format!("{}#withdrawn", d.id)) {
                DisputeMoney::Withdrawn
            } else {
                DisputeMoney::Untouched
            };
            Some(Disputed {
                pledge_id: pledge.id,
                reference: pledge.reference.clone(),
                name: pledge.name.clone(),
                email: pledge.email.clone(),
                method: pledge.pay_by,
                amount: Amount::from_cents(d.amount_cents),
                reason: d.reason,
                opened: instant(d.opened_at_ms),
                money,
                id: d.id,
            })
        })
        .collect();
    Ok((listed, total))
}
