//! The postal address a shipped reward goes to, one per pledge, given when pledging or later
//! on the private page until the reward is shipped.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Addresses::Table)
                    .col(ColumnDef::new(Addresses::PledgeId).big_integer().not_null().primary_key())
                    .col(ColumnDef::new(Addresses::Name).string_len(70).not_null())
                    .col(ColumnDef::new(Addresses::Street).string_len(60).not_null())
                    .col(ColumnDef::new(Addresses::Building).string_len(60).null())
                    .col(ColumnDef::new(Addresses::Postcode).string_len(10).not_null())
                    .col(ColumnDef::new(Addresses::Town).string_len(40).not_null())
                    .col(ColumnDef::new(Addresses::Country).string_len(2).not_null())
                    .col(ColumnDef::new(Addresses::ChangedAtMs).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Addresses::Table, Addresses::PledgeId)
                            .to(Pledges::Table, Pledges::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Addresses::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Addresses {
    Table,
    PledgeId,
    Name,
    Street,
    Building,
    Postcode,
    Town,
    Country,
    ChangedAtMs,
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    Id,
}
