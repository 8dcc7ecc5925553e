//! A call that moves money at Stripe (a charge, a refund), written down before it is sent.

use sea_orm::entity::prelude::*;

/// One operation. It is stored `sending` in its own transaction before the request leaves, and
/// its answer is recorded after: one left `sending` by a crash is looked up at Stripe by its
/// key before anything is sent again.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stripe_operations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i32,
    pub pledge_id: i64,
    pub kind: OperationKind,
    /// The pledge's attempt number for this kind, from 1.
    pub attempt: i32,
    /// Sent as `Idempotency-Key` and as metadata, so Stripe acts once and can be asked later.
    #[sea_orm(unique)]
    pub idempotency_key: String,
    pub amount_cents: i64,
    /// The request's form parameters as JSON pairs, sent the same every time.
    #[sea_orm(column_type = "Text")]
    pub request: String,
    pub state: OperationState,
    /// The PaymentIntent (`pi_...`) or refund (`re_...`) Stripe made, once known.
    pub stripe_id: Option<String>,
    /// Stripe's code for a failure, such as `card_declined`.
    pub error_code: Option<String>,
    pub error_message: Option<String>,
    pub created_at_ms: i64,
    pub answered_at_ms: Option<i64>,
}

/// What an operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum OperationKind {
    /// Charges a saved method, off-session.
    Charge,
    /// Sends a card or TWINT payment back.
    Refund,
}

crate::stored_text!(OperationKind);

/// Where an operation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum OperationState {
    /// Written down; sent or about to be; its answer not recorded yet.
    Sending,
    Succeeded,
    Failed,
}

crate::stored_text!(OperationState);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
