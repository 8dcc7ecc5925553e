//! The campaign, its rewards, the pledges and the backers.
//!
//! Amounts are integer cents and instants are Unix milliseconds in every database, so that
//! SQLite and PostgreSQL compare and add them exactly the same way.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Campaigns::Table)
                    .col(ColumnDef::new(Campaigns::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Campaigns::Slug).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(Campaigns::State).string_len(16).not_null())
                    .col(ColumnDef::new(Campaigns::GoalCents).big_integer().not_null())
                    .col(ColumnDef::new(Campaigns::DeadlineMs).big_integer().not_null())
                    .col(ColumnDef::new(Campaigns::PledgedCents).big_integer().not_null().default(0))
                    .col(ColumnDef::new(Campaigns::PledgeCount).big_integer().not_null().default(0))
                    .col(ColumnDef::new(Campaigns::Backers).big_integer().not_null().default(0))
                    .col(ColumnDef::new(Campaigns::ClosedAtMs).big_integer().null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Rewards::Table)
                    .col(ColumnDef::new(Rewards::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(Rewards::CampaignId).integer().not_null())
                    .col(ColumnDef::new(Rewards::Position).integer().not_null())
                    .col(ColumnDef::new(Rewards::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Rewards::TitleFr).string().not_null())
                    .col(ColumnDef::new(Rewards::TitleEn).string().not_null())
                    .col(ColumnDef::new(Rewards::MinimumCents).big_integer().not_null())
                    .col(ColumnDef::new(Rewards::LimitQty).big_integer().null())
                    .col(ColumnDef::new(Rewards::EarlyBirdCents).big_integer().null())
                    .col(ColumnDef::new(Rewards::EarlyBirdFirst).big_integer().null())
                    .col(ColumnDef::new(Rewards::EarlyBirdUntilMs).big_integer().null())
                    .col(ColumnDef::new(Rewards::Claimed).big_integer().not_null().default(0))
                    .col(ColumnDef::new(Rewards::EarlyBirdClaimed).big_integer().not_null().default(0))
                    .col(ColumnDef::new(Rewards::PledgedCents).big_integer().not_null().default(0))
                    .col(ColumnDef::new(Rewards::Active).boolean().not_null().default(true))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Rewards::Table, Rewards::CampaignId)
                            .to(Campaigns::Table, Campaigns::Id),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Pledges::Table)
                    .col(ColumnDef::new(Pledges::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Pledges::CampaignId).integer().not_null())
                    .col(ColumnDef::new(Pledges::Token).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(Pledges::Reference).string_len(16).not_null().unique_key())
                    .col(ColumnDef::new(Pledges::RewardId).string_len(64).null())
                    .col(ColumnDef::new(Pledges::AmountCents).big_integer().not_null())
                    .col(ColumnDef::new(Pledges::EarlyBird).boolean().not_null().default(false))
                    .col(ColumnDef::new(Pledges::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Pledges::Email).string_len(254).not_null())
                    .col(ColumnDef::new(Pledges::PublicName).string_len(200).null())
                    .col(ColumnDef::new(Pledges::State).string_len(16).not_null())
                    .col(ColumnDef::new(Pledges::Lang).string_len(8).not_null())
                    .col(ColumnDef::new(Pledges::IdempotencyKey).string_len(255).null().unique_key())
                    .col(ColumnDef::new(Pledges::CreatedAtMs).big_integer().not_null())
                    .col(ColumnDef::new(Pledges::UpdatedAtMs).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Pledges::Table, Pledges::CampaignId)
                            .to(Campaigns::Table, Campaigns::Id),
                    )
                    .foreign_key(
                        ForeignKey::create().from(Pledges::Table, Pledges::RewardId).to(Rewards::Table, Rewards::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_pledges_reward").table(Pledges::Table).col(Pledges::RewardId).to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Backers::Table)
                    .col(ColumnDef::new(Backers::Email).string_len(254).not_null().primary_key())
                    .col(ColumnDef::new(Backers::ActivePledges).big_integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Backers::Table.into_iden(),
            Pledges::Table.into_iden(),
            Rewards::Table.into_iden(),
            Campaigns::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Campaigns {
    Table,
    Id,
    Slug,
    State,
    GoalCents,
    DeadlineMs,
    PledgedCents,
    PledgeCount,
    Backers,
    ClosedAtMs,
}

#[derive(DeriveIden)]
enum Rewards {
    Table,
    Id,
    CampaignId,
    Position,
    Kind,
    TitleFr,
    TitleEn,
    MinimumCents,
    LimitQty,
    EarlyBirdCents,
    EarlyBirdFirst,
    EarlyBirdUntilMs,
    Claimed,
    EarlyBirdClaimed,
    PledgedCents,
    Active,
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    Id,
    CampaignId,
    Token,
    Reference,
    RewardId,
    AmountCents,
    EarlyBird,
    Name,
    Email,
    PublicName,
    State,
    Lang,
    IdempotencyKey,
    CreatedAtMs,
    UpdatedAtMs,
}

#[derive(DeriveIden)]
enum Backers {
    Table,
    Email,
    ActivePledges,
}
