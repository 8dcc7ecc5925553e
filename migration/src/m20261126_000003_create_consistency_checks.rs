//! The results of `bobine check`, so the dashboard can warn when the last one found a difference.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ConsistencyChecks::Table)
                    .col(ColumnDef::new(ConsistencyChecks::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(ConsistencyChecks::CheckedAtMs).big_integer().not_null())
                    .col(ColumnDef::new(ConsistencyChecks::Differences).big_integer().not_null())
                    .col(ColumnDef::new(ConsistencyChecks::Report).text().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ConsistencyChecks::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum ConsistencyChecks {
    Table,
    Id,
    CheckedAtMs,
    Differences,
    Report,
}
