//! Money and pledges per hour, kept by the pledge transaction, for the dashboard's chart.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HourlyTotals::Table)
                    .col(ColumnDef::new(HourlyTotals::CampaignId).integer().not_null())
                    .col(ColumnDef::new(HourlyTotals::HourMs).big_integer().not_null())
                    .col(ColumnDef::new(HourlyTotals::Cents).big_integer().not_null())
                    .col(ColumnDef::new(HourlyTotals::Pledges).big_integer().not_null())
                    .primary_key(Index::create().col(HourlyTotals::CampaignId).col(HourlyTotals::HourMs))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(HourlyTotals::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum HourlyTotals {
    Table,
    CampaignId,
    HourMs,
    Cents,
    Pledges,
}
