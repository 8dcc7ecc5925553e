//! Disputes of card payments, kept when Stripe tells of them so that the team sees each one
//! and answers it in time: the money moves in the ledger only when the bank takes it back.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StripeDisputes::Table)
                    // Stripe's dispute id: the same dispute told twice is kept once.
                    .col(ColumnDef::new(StripeDisputes::Id).string_len(255).not_null().primary_key())
                    .col(ColumnDef::new(StripeDisputes::CampaignId).integer().not_null())
                    .col(ColumnDef::new(StripeDisputes::PledgeId).big_integer().not_null())
                    .col(ColumnDef::new(StripeDisputes::AmountCents).big_integer().not_null())
                    .col(ColumnDef::new(StripeDisputes::Reason).string_len(64).not_null())
                    .col(ColumnDef::new(StripeDisputes::OpenedAtMs).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_stripe_disputes_pledge")
                            .from(StripeDisputes::Table, StripeDisputes::PledgeId)
                            .to(Pledges::Table, Pledges::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_stripe_disputes_campaign")
                    .table(StripeDisputes::Table)
                    .col(StripeDisputes::CampaignId)
                    .col(StripeDisputes::OpenedAtMs)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(StripeDisputes::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum StripeDisputes {
    Table,
    Id,
    CampaignId,
    PledgeId,
    AmountCents,
    Reason,
    OpenedAtMs,
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    Id,
}
