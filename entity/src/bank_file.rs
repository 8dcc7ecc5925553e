//! A bank file the team imported, known by its digest so that importing it again adds nothing.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bank_files")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Hex SHA-256 of the file's bytes.
    #[sea_orm(unique)]
    pub digest: String,
    pub kind: BankFileKind,
    pub message_id: String,
    pub account_iban: Option<String>,
    /// Money movements the file holds (credits and reversals).
    pub movements: i64,
    /// Of those, how many were new.
    pub added: i64,
    pub imported_by: Option<String>,
    pub imported_at_ms: i64,
}

/// Which ISO 20022 message a bank file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
pub enum BankFileKind {
    /// An account statement.
    #[sea_orm(string_value = "camt053")]
    Camt053,
    /// A notification of credits and debits.
    #[sea_orm(string_value = "camt054")]
    Camt054,
}

crate::stored_text!(BankFileKind);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
