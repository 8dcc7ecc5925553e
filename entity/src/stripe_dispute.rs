//! Disputes of card payments, as Stripe told of them, for the team to answer.

use sea_orm::entity::prelude::*;

/// One dispute: a backer's bank contests a payment. The money it takes back or returns is in
/// the ledger (`payments`), under `<id>#withdrawn` and `<id>#reinstated`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stripe_disputes")]
pub struct Model {
    /// Stripe's dispute id, `dp_...` or `du_...`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub campaign_id: i32,
    pub pledge_id: i64,
    pub amount_cents: i64,
    /// Stripe's reason, such as `fraudulent` or `product_not_received`.
    pub reason: String,
    pub opened_at_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
