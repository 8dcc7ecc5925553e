//! A payment the bank reported, matched to a pledge or waiting for the team.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bank_transactions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The bank's own reference of the payment: recorded once, whatever file brings it.
    #[sea_orm(unique)]
    pub bank_ref: String,
    pub file_id: i64,
    pub direction: BankDirection,
    /// Positive, in the file's currency.
    pub amount_cents: i64,
    pub currency: String,
    /// `YYYY-MM-DD`.
    pub booked_on: String,
    /// The QR or creditor reference the payer gave, as the bank wrote it.
    pub reference: Option<String>,
    pub payer_name: Option<String>,
    pub payer_iban: Option<String>,
    /// The free text the payer wrote, to help the team match it by hand.
    pub message: Option<String>,
    pub status: BankStatus,
    /// The pledge it was matched to.
    pub pledge_id: Option<i64>,
    /// The team member who matched it by hand or set it aside.
    pub decided_by: Option<String>,
    pub created_at_ms: i64,
}

/// Which way the money went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum BankDirection {
    /// Money in.
    Credit,
    /// The bank took back a credit.
    Reversal,
}

crate::stored_text!(BankDirection);

/// Whether a bank transaction found its pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum BankStatus {
    /// Recorded in the ledger of a pledge.
    Matched,
    /// Its reference matches no pledge: the team matches it by hand or sets it aside.
    Unmatched,
    /// The team said it is not money for the campaign.
    NotOurs,
}

crate::stored_text!(BankStatus);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
