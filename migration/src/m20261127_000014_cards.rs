//! Cards and TWINT through Stripe: a pledge says how its backer chose to pay and keeps the
//! Stripe objects that let it be charged later (customer, saved payment method, TWINT
//! mandate, the latest Checkout Session); every call that moves money at Stripe is an
//! operation written down before it is sent, so that a crash between sending and recording
//! never sends it twice; every webhook event is kept once by its id. The ledger learns the
//! Stripe object a row records (at most one row each) and the fee Stripe kept.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The kinds of email the outbox holds from this migration on.
pub(crate) const EMAIL_KINDS: &[&str] = &[
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
    "payment_errored",
    "payment_method_lost",
    "pledge_refunded",
];

/// The checked columns, with every value they may hold from now on.
const CHECKED: [(&str, &str, &[&str]); 7] = [
    ("pledges", "pay_by", &["bank", "card", "twint"]),
    ("pledges", "method_state", &["not_needed", "pending", "saved", "removed"]),
    (
        "pledges",
        "payment_state",
        &["promised", "due", "partly_paid", "paid", "errored", "dropped", "void", "refund_due", "refunded"],
    ),
    ("payments", "method", &["bank", "manual", "card", "twint"]),
    ("stripe_operations", "kind", &["charge", "refund"]),
    ("stripe_operations", "state", &["sending", "succeeded", "failed"]),
    ("emails", "kind", EMAIL_KINDS),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Pledges::PayBy).string_len(16).not_null().default("bank").to_owned(),
            ColumnDef::new(Pledges::MethodState).string_len(16).not_null().default("not_needed").to_owned(),
            ColumnDef::new(Pledges::StripeCustomer).string_len(255).null().to_owned(),
            ColumnDef::new(Pledges::StripeMethod).string_len(255).null().to_owned(),
            ColumnDef::new(Pledges::StripeMandate).string_len(255).null().to_owned(),
            ColumnDef::new(Pledges::CheckoutSession).string_len(255).null().to_owned(),
            ColumnDef::new(Pledges::CheckoutReturn).string_len(64).null().to_owned(),
            ColumnDef::new(Pledges::CheckoutStartedMs).big_integer().null().to_owned(),
            ColumnDef::new(Pledges::ErroredAtMs).big_integer().null().to_owned(),
            ColumnDef::new(Pledges::ChargeError).string_len(64).null().to_owned(),
            ColumnDef::new(Pledges::NeedsAuthentication).boolean().not_null().default(false).to_owned(),
            ColumnDef::new(Pledges::ChargeAttempts).integer().not_null().default(0).to_owned(),
            ColumnDef::new(Pledges::NextChargeMs).big_integer().null().to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Pledges::Table).add_column(&mut column).to_owned()).await?;
        }
        // The return from Checkout finds its pledge by the session's id.
        manager
            .create_index(
                Index::create()
                    .name("idx_pledges_checkout_session")
                    .table(Pledges::Table)
                    .col(Pledges::CheckoutSession)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The way back from Checkout, a secret of its own (the private token never goes to Stripe).
        manager
            .create_index(
                Index::create()
                    .name("idx_pledges_checkout_return")
                    .table(Pledges::Table)
                    .col(Pledges::CheckoutReturn)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Webhooks about a payment method or a mandate find their pledges.
        for (name, column) in [
            ("idx_pledges_stripe_method", Pledges::StripeMethod),
            ("idx_pledges_stripe_mandate", Pledges::StripeMandate),
        ] {
            manager.create_index(Index::create().name(name).table(Pledges::Table).col(column).to_owned()).await?;
        }
        // The charging job's question: saved methods whose charge is due.
        manager
            .create_index(
                Index::create()
                    .name("idx_pledges_next_charge")
                    .table(Pledges::Table)
                    .col(Pledges::NextChargeMs)
                    .to_owned(),
            )
            .await?;

        for column in [
            ColumnDef::new(Payments::StripeRef).string_len(255).null().to_owned(),
            ColumnDef::new(Payments::FeeCents).big_integer().null().to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Payments::Table).add_column(&mut column).to_owned()).await?;
        }
        // The Stripe object a ledger row records (PaymentIntent, refund, dispute): the same
        // object seen through the API's answer and through a webhook counts once. (SQLite
        // cannot add a unique column: the index does it.)
        manager
            .create_index(
                Index::create()
                    .name("idx_payments_stripe_ref")
                    .table(Payments::Table)
                    .col(Payments::StripeRef)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StripeOperations::Table)
                    .col(ColumnDef::new(StripeOperations::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(StripeOperations::CampaignId).integer().not_null())
                    .col(ColumnDef::new(StripeOperations::PledgeId).big_integer().not_null())
                    .col(ColumnDef::new(StripeOperations::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(StripeOperations::Attempt).integer().not_null())
                    // Sent as `Idempotency-Key` and in the metadata: Stripe acts on it once,
                    // and after a crash the operation is found at Stripe by it.
                    .col(ColumnDef::new(StripeOperations::IdempotencyKey).string_len(255).not_null().unique_key())
                    .col(ColumnDef::new(StripeOperations::AmountCents).big_integer().not_null())
                    // The request's exact form parameters: sent again after a crash as they
                    // were first, whatever changed on the pledge meanwhile, so that Stripe
                    // replays its answer instead of refusing the key.
                    .col(ColumnDef::new(StripeOperations::Request).text().not_null())
                    .col(ColumnDef::new(StripeOperations::State).string_len(16).not_null())
                    .col(ColumnDef::new(StripeOperations::StripeId).string_len(255).null())
                    .col(ColumnDef::new(StripeOperations::ErrorCode).string_len(64).null())
                    .col(ColumnDef::new(StripeOperations::ErrorMessage).string_len(500).null())
                    .col(ColumnDef::new(StripeOperations::CreatedAtMs).big_integer().not_null())
                    .col(ColumnDef::new(StripeOperations::AnsweredAtMs).big_integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stripe_operations_pledge")
                            .from(StripeOperations::Table, StripeOperations::PledgeId)
                            .to(Pledges::Table, Pledges::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One operation of a kind per attempt of a pledge: two instances cannot both start it.
        manager
            .create_index(
                Index::create()
                    .name("idx_stripe_operations_attempt")
                    .table(StripeOperations::Table)
                    .col(StripeOperations::PledgeId)
                    .col(StripeOperations::Kind)
                    .col(StripeOperations::Attempt)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stripe_operations_state")
                    .table(StripeOperations::Table)
                    .col(StripeOperations::State)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StripeEvents::Table)
                    .col(ColumnDef::new(StripeEvents::Id).string_len(255).not_null().primary_key())
                    .col(ColumnDef::new(StripeEvents::Kind).string_len(100).not_null())
                    .col(ColumnDef::new(StripeEvents::Body).text().not_null())
                    .col(ColumnDef::new(StripeEvents::Outcome).string_len(500).not_null())
                    .col(ColumnDef::new(StripeEvents::ReceivedAtMs).big_integer().not_null())
                    .to_owned(),
            )
            .await?;

        for (table, column, values) in CHECKED {
            crate::known_values::allow_only(manager, table, column, values).await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration("card payments cannot be undone: they are part of the ledger".into()))
    }
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    Id,
    PayBy,
    MethodState,
    StripeCustomer,
    StripeMethod,
    StripeMandate,
    CheckoutSession,
    CheckoutReturn,
    CheckoutStartedMs,
    ErroredAtMs,
    ChargeError,
    NeedsAuthentication,
    ChargeAttempts,
    NextChargeMs,
}

#[derive(DeriveIden)]
enum Payments {
    Table,
    StripeRef,
    FeeCents,
}

#[derive(DeriveIden)]
enum StripeOperations {
    Table,
    Id,
    CampaignId,
    PledgeId,
    Kind,
    Attempt,
    IdempotencyKey,
    AmountCents,
    Request,
    State,
    StripeId,
    ErrorCode,
    ErrorMessage,
    CreatedAtMs,
    AnsweredAtMs,
}

#[derive(DeriveIden)]
enum StripeEvents {
    Table,
    Id,
    Kind,
    Body,
    Outcome,
    ReceivedAtMs,
}
