//! The campaign team's accounts.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TeamMembers::Table)
                    .col(ColumnDef::new(TeamMembers::Id).integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(TeamMembers::Email).string_len(254).not_null().unique_key())
                    .col(ColumnDef::new(TeamMembers::PasswordHash).string_len(255).not_null())
                    .col(ColumnDef::new(TeamMembers::CreatedAtMs).big_integer().not_null())
                    .col(ColumnDef::new(TeamMembers::LastLoginMs).big_integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TeamMembers::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum TeamMembers {
    Table,
    Id,
    Email,
    PasswordHash,
    CreatedAtMs,
    LastLoginMs,
}
