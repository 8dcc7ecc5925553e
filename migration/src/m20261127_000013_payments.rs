//! Money moves: each pledge gets a payment standing (billed, due, paid, dropped, void), the
//! money received is a ledger of credits with their source, and the bank's files and their
//! transactions are kept so that importing one twice adds nothing. The campaign keeps the
//! payment totals beside its other counters.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The checked columns, with every value they may hold (see
/// `m20261127_000009_check_stored_values`).
const CHECKED: [(&str, &str, &[&str]); 7] = [
    ("bank_files", "kind", &["camt053", "camt054"]),
    (
        "pledges",
        "payment_state",
        &["promised", "due", "partly_paid", "paid", "dropped", "void", "refund_due", "refunded"],
    ),
    ("payments", "kind", &["payment", "reversal", "refund"]),
    ("payments", "method", &["bank", "manual"]),
    ("bank_transactions", "direction", &["credit", "reversal"]),
    ("bank_transactions", "status", &["matched", "unmatched", "not_ours"]),
    (
        "emails",
        "kind",
        &[
            "pledge_confirm",
            "pledge_placed",
            "pledge_changed",
            "pledge_cancelled",
            "offer_received",
            "designer_link",
            "designer_approved",
            "designer_rejected",
            "designer_unpublished",
            "pledge_bill",
            "pledge_reminder",
            "pledge_dropped",
            "pledge_void",
            "pledge_paid",
        ],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Pledges::PaymentState).string_len(16).not_null().default("promised").to_owned(),
            ColumnDef::new(Pledges::PaidCents).big_integer().not_null().default(0).to_owned(),
            ColumnDef::new(Pledges::RefundedCents).big_integer().not_null().default(0).to_owned(),
            ColumnDef::new(Pledges::OutstandingCents).big_integer().not_null().default(0).to_owned(),
            ColumnDef::new(Pledges::RefundDueCents).big_integer().not_null().default(0).to_owned(),
            ColumnDef::new(Pledges::BilledAtMs).big_integer().null().to_owned(),
            ColumnDef::new(Pledges::DueAtMs).big_integer().null().to_owned(),
            ColumnDef::new(Pledges::PaidAtMs).big_integer().null().to_owned(),
            ColumnDef::new(Pledges::DroppedAtMs).big_integer().null().to_owned(),
            ColumnDef::new(Pledges::VoidedAtMs).big_integer().null().to_owned(),
            ColumnDef::new(Pledges::RemindersSent).integer().not_null().default(0).to_owned(),
            ColumnDef::new(Pledges::NextStepMs).big_integer().null().to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Pledges::Table).add_column(&mut column).to_owned()).await?;
        }
        for column in [
            Campaigns::CollectedCents,
            Campaigns::OutstandingCents,
            Campaigns::RefundDueCents,
            Campaigns::RefundedCents,
            Campaigns::DroppedCents,
            Campaigns::DroppedPledges,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Campaigns::Table)
                        .add_column(ColumnDef::new(column).big_integer().not_null().default(0))
                        .to_owned(),
                )
                .await?;
        }
        // The settlement's questions: active pledges not yet billed, not yet voided, and
        // billed pledges whose next reminder (or drop) is due.
        for (name, column) in [("idx_pledges_billed", Pledges::BilledAtMs), ("idx_pledges_voided", Pledges::VoidedAtMs)]
        {
            manager
                .create_index(
                    Index::create().name(name).table(Pledges::Table).col(Pledges::State).col(column).to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create().name("idx_pledges_next_step").table(Pledges::Table).col(Pledges::NextStepMs).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pledges_payment_state")
                    .table(Pledges::Table)
                    .col(Pledges::PaymentState)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BankFiles::Table)
                    .col(ColumnDef::new(BankFiles::Id).big_integer().not_null().auto_increment().primary_key())
                    // SHA-256 of the file's bytes: the same file imported again is known at once.
                    .col(ColumnDef::new(BankFiles::Digest).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(BankFiles::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(BankFiles::MessageId).string_len(140).not_null())
                    .col(ColumnDef::new(BankFiles::AccountIban).string_len(34).null())
                    .col(ColumnDef::new(BankFiles::Movements).big_integer().not_null())
                    .col(ColumnDef::new(BankFiles::Added).big_integer().not_null())
                    .col(ColumnDef::new(BankFiles::ImportedBy).string_len(254).null())
                    .col(ColumnDef::new(BankFiles::ImportedAtMs).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BankTransactions::Table)
                    .col(ColumnDef::new(BankTransactions::Id).big_integer().not_null().auto_increment().primary_key())
                    // The bank's own reference of the payment: the same payment in a camt.053
                    // and a camt.054, or in a file imported twice, is recorded once.
                    .col(ColumnDef::new(BankTransactions::BankRef).string_len(140).not_null().unique_key())
                    .col(ColumnDef::new(BankTransactions::FileId).big_integer().not_null())
                    .col(ColumnDef::new(BankTransactions::Direction).string_len(16).not_null())
                    .col(ColumnDef::new(BankTransactions::AmountCents).big_integer().not_null())
                    .col(ColumnDef::new(BankTransactions::Currency).string_len(3).not_null())
                    .col(ColumnDef::new(BankTransactions::BookedOn).string_len(10).not_null())
                    .col(ColumnDef::new(BankTransactions::Reference).string_len(35).null())
                    .col(ColumnDef::new(BankTransactions::PayerName).string_len(140).null())
                    .col(ColumnDef::new(BankTransactions::PayerIban).string_len(34).null())
                    .col(ColumnDef::new(BankTransactions::Message).string_len(500).null())
                    .col(ColumnDef::new(BankTransactions::Status).string_len(16).not_null())
                    .col(ColumnDef::new(BankTransactions::PledgeId).big_integer().null())
                    .col(ColumnDef::new(BankTransactions::DecidedBy).string_len(254).null())
                    .col(ColumnDef::new(BankTransactions::CreatedAtMs).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_bank_transactions_file")
                            .from(BankTransactions::Table, BankTransactions::FileId)
                            .to(BankFiles::Table, BankFiles::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_bank_transactions_status")
                    .table(BankTransactions::Table)
                    .col(BankTransactions::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Payments::Table)
                    .col(ColumnDef::new(Payments::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Payments::CampaignId).integer().not_null())
                    .col(ColumnDef::new(Payments::PledgeId).big_integer().not_null())
                    .col(ColumnDef::new(Payments::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Payments::Method).string_len(16).not_null())
                    // Signed: money in is positive, a reversal or a refund negative.
                    .col(ColumnDef::new(Payments::AmountCents).big_integer().not_null())
                    // A bank transaction counts once, whatever imports it.
                    .col(ColumnDef::new(Payments::BankTransactionId).big_integer().null().unique_key())
                    .col(ColumnDef::new(Payments::PayerName).string_len(140).null())
                    .col(ColumnDef::new(Payments::PayerIban).string_len(34).null())
                    .col(ColumnDef::new(Payments::Note).string_len(500).null())
                    .col(ColumnDef::new(Payments::RecordedBy).string_len(254).null())
                    .col(ColumnDef::new(Payments::BookedOn).string_len(10).not_null())
                    .col(ColumnDef::new(Payments::CreatedAtMs).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_payments_pledge")
                            .from(Payments::Table, Payments::PledgeId)
                            .to(Pledges::Table, Pledges::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_payments_bank_transaction")
                            .from(Payments::Table, Payments::BankTransactionId)
                            .to(BankTransactions::Table, BankTransactions::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_payments_pledge").table(Payments::Table).col(Payments::PledgeId).to_owned(),
            )
            .await?;

        for (table, column, values) in CHECKED {
            crate::known_values::allow_only(manager, table, column, values).await?;
        }
        let db = manager.get_connection();
        // Pledges cancelled before payments existed owe nothing.
        db.execute_unprepared(
            "UPDATE pledges SET payment_state = 'void', voided_at_ms = updated_at_ms WHERE state = 'cancelled'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Money received is a ledger to keep: nothing to go back to.
        Err(DbErr::Migration("payments cannot be undone".into()))
    }
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    Id,
    State,
    PaymentState,
    PaidCents,
    RefundedCents,
    OutstandingCents,
    RefundDueCents,
    BilledAtMs,
    DueAtMs,
    PaidAtMs,
    DroppedAtMs,
    VoidedAtMs,
    RemindersSent,
    NextStepMs,
}

#[derive(DeriveIden)]
enum Campaigns {
    Table,
    CollectedCents,
    OutstandingCents,
    RefundDueCents,
    RefundedCents,
    DroppedCents,
    DroppedPledges,
}

#[derive(DeriveIden)]
enum BankFiles {
    Table,
    Id,
    Digest,
    Kind,
    MessageId,
    AccountIban,
    Movements,
    Added,
    ImportedBy,
    ImportedAtMs,
}

#[derive(DeriveIden)]
enum BankTransactions {
    Table,
    Id,
    BankRef,
    FileId,
    Direction,
    AmountCents,
    Currency,
    BookedOn,
    Reference,
    PayerName,
    PayerIban,
    Message,
    Status,
    PledgeId,
    DecidedBy,
    CreatedAtMs,
}

#[derive(DeriveIden)]
enum Payments {
    Table,
    Id,
    CampaignId,
    PledgeId,
    Kind,
    Method,
    AmountCents,
    BankTransactionId,
    PayerName,
    PayerIban,
    Note,
    RecordedBy,
    BookedOn,
    CreatedAtMs,
}
