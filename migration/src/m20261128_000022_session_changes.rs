//! When a session last changed (its date or place moved in the campaign file, or it was
//! cancelled), so that calendar invitations carry a growing SEQUENCE and holders are told once;
//! and when its holders were reminded the day before.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds them one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(RewardSessions::Table)
                    .add_column(ColumnDef::new(RewardSessions::ChangedAtMs).big_integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(RewardSessions::Table)
                    .add_column(ColumnDef::new(RewardSessions::RemindedAtMs).big_integer().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [RewardSessions::RemindedAtMs, RewardSessions::ChangedAtMs] {
            manager.alter_table(Table::alter().table(RewardSessions::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum RewardSessions {
    Table,
    ChangedAtMs,
    RemindedAtMs,
}
