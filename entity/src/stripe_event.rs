//! The inbox of Stripe's webhook events: each is kept once by its id, so one sent again
//! changes nothing.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stripe_events")]
pub struct Model {
    /// Stripe's event id, `evt_...`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The event's type, such as `checkout.session.completed`.
    pub kind: String,
    /// The id of the object the event was about (the body itself holds personal data).
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// What applying it did, in a few words (for the team and for debugging).
    pub outcome: String,
    pub received_at_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
