//! What a reward lets its backer choose, synced from the campaign file like the rewards: dated
//! sessions with seats, and the values of its choices (a size, a colour) with their stock.
//! Each keeps a claim counter that never passes its seats or limit (a conditional update, as
//! for a reward's own limit). A pledge names its session; its choices have a table of their
//! own, one row per choice.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RewardSessions::Table)
                    .col(ColumnDef::new(RewardSessions::RewardId).string_len(64).not_null())
                    .col(ColumnDef::new(RewardSessions::Id).string_len(64).not_null())
                    .col(ColumnDef::new(RewardSessions::Position).integer().not_null())
                    .col(ColumnDef::new(RewardSessions::StartsMs).big_integer().not_null())
                    .col(ColumnDef::new(RewardSessions::EndsMs).big_integer().not_null())
                    .col(ColumnDef::new(RewardSessions::Place).string_len(200).not_null())
                    .col(ColumnDef::new(RewardSessions::Seats).big_integer().not_null())
                    .col(ColumnDef::new(RewardSessions::Claimed).big_integer().not_null().default(0))
                    // False once the session left the campaign file but still holds seats.
                    .col(ColumnDef::new(RewardSessions::Active).boolean().not_null().default(true))
                    .primary_key(Index::create().col(RewardSessions::RewardId).col(RewardSessions::Id))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RewardSessions::Table, RewardSessions::RewardId)
                            .to(Rewards::Table, Rewards::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RewardChoices::Table)
                    .col(ColumnDef::new(RewardChoices::RewardId).string_len(64).not_null())
                    .col(ColumnDef::new(RewardChoices::Choice).string_len(64).not_null())
                    .col(ColumnDef::new(RewardChoices::Value).string_len(64).not_null())
                    .col(ColumnDef::new(RewardChoices::Position).integer().not_null())
                    .col(ColumnDef::new(RewardChoices::LimitQty).big_integer().null())
                    .col(ColumnDef::new(RewardChoices::Claimed).big_integer().not_null().default(0))
                    .col(ColumnDef::new(RewardChoices::Active).boolean().not_null().default(true))
                    .primary_key(
                        Index::create()
                            .col(RewardChoices::RewardId)
                            .col(RewardChoices::Choice)
                            .col(RewardChoices::Value),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RewardChoices::Table, RewardChoices::RewardId)
                            .to(Rewards::Table, Rewards::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Pledges::Table)
                    .add_column(ColumnDef::new(Pledges::SessionId).string_len(64).null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pledges_session")
                    .table(Pledges::Table)
                    .col(Pledges::RewardId)
                    .col(Pledges::SessionId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PledgeChoices::Table)
                    .col(ColumnDef::new(PledgeChoices::PledgeId).big_integer().not_null())
                    .col(ColumnDef::new(PledgeChoices::RewardId).string_len(64).not_null())
                    .col(ColumnDef::new(PledgeChoices::Choice).string_len(64).not_null())
                    .col(ColumnDef::new(PledgeChoices::Value).string_len(64).not_null())
                    .primary_key(Index::create().col(PledgeChoices::PledgeId).col(PledgeChoices::Choice))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PledgeChoices::Table, PledgeChoices::PledgeId)
                            .to(Pledges::Table, Pledges::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pledge_choices_value")
                    .table(PledgeChoices::Table)
                    .col(PledgeChoices::RewardId)
                    .col(PledgeChoices::Choice)
                    .col(PledgeChoices::Value)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(PledgeChoices::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("idx_pledges_session").table(Pledges::Table).to_owned()).await?;
        manager.alter_table(Table::alter().table(Pledges::Table).drop_column(Pledges::SessionId).to_owned()).await?;
        manager.drop_table(Table::drop().table(RewardChoices::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(RewardSessions::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum RewardSessions {
    Table,
    RewardId,
    Id,
    Position,
    StartsMs,
    EndsMs,
    Place,
    Seats,
    Claimed,
    Active,
}

#[derive(DeriveIden)]
enum RewardChoices {
    Table,
    RewardId,
    Choice,
    Value,
    Position,
    LimitQty,
    Claimed,
    Active,
}

#[derive(DeriveIden)]
enum PledgeChoices {
    Table,
    PledgeId,
    RewardId,
    Choice,
    Value,
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    Id,
    RewardId,
    SessionId,
}

#[derive(DeriveIden)]
enum Rewards {
    Table,
    Id,
}
