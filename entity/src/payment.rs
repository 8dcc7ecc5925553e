//! The ledger of money: one row per credit, reversal or refund, never overwritten.

use sea_orm::entity::prelude::*;

/// One movement of a pledge's money, with where it came from.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "payments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i32,
    pub pledge_id: i64,
    pub kind: PaymentKind,
    pub method: PaymentMethod,
    /// Signed: money in is positive, a reversal or a refund negative.
    pub amount_cents: i64,
    /// The bank transaction it records, when it came from a bank file.
    #[sea_orm(unique)]
    pub bank_transaction_id: Option<i64>,
    pub payer_name: Option<String>,
    pub payer_iban: Option<String>,
    /// What the team wrote when recording it by hand.
    pub note: Option<String>,
    /// The team member who recorded it, when not a bank file.
    pub recorded_by: Option<String>,
    /// The Stripe object it records (`pi_...`, `re_...`, `dp_...`), when it came through Stripe.
    #[sea_orm(unique)]
    pub stripe_ref: Option<String>,
    /// What Stripe kept of a card payment, when its balance transaction said.
    pub fee_cents: Option<i64>,
    /// The day the money moved, `YYYY-MM-DD`.
    pub booked_on: String,
    pub created_at_ms: i64,
}

/// What a ledger row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum PaymentKind {
    /// Money received.
    Payment,
    /// The bank took back a payment it had credited.
    Reversal,
    /// The team sent money back.
    Refund,
}

crate::stored_text!(PaymentKind);

/// How the money moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum PaymentMethod {
    /// A bank transfer, read from the bank's file.
    Bank,
    /// Recorded by the team: cash at a workshop, a transfer without reference, a refund made.
    Manual,
    /// A card charged through Stripe.
    Card,
    /// TWINT through Stripe.
    Twint,
}

crate::stored_text!(PaymentMethod);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
