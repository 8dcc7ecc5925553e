//! Where pledges came from: each pledge's `?ref=` tag and referring site, and their totals,
//! kept by the pledge transaction for the dashboard.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        for column in [Pledges::SourceTag, Pledges::SourceSite] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Pledges::Table)
                        .add_column(ColumnDef::new(column).string_len(255).null())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(SourceTotals::Table)
                    .col(ColumnDef::new(SourceTotals::CampaignId).integer().not_null())
                    .col(ColumnDef::new(SourceTotals::Kind).string_len(8).not_null())
                    .col(ColumnDef::new(SourceTotals::Name).string_len(255).not_null())
                    .col(ColumnDef::new(SourceTotals::Cents).big_integer().not_null())
                    .col(ColumnDef::new(SourceTotals::Pledges).big_integer().not_null())
                    .primary_key(
                        Index::create().col(SourceTotals::CampaignId).col(SourceTotals::Kind).col(SourceTotals::Name),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(SourceTotals::Table).to_owned()).await?;
        for column in [Pledges::SourceTag, Pledges::SourceSite] {
            manager.alter_table(Table::alter().table(Pledges::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    SourceTag,
    SourceSite,
}

#[derive(DeriveIden)]
enum SourceTotals {
    Table,
    CampaignId,
    Kind,
    Name,
    Cents,
    Pledges,
}
