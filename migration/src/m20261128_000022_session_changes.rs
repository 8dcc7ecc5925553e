//! When a session last changed (its date or place moved in the campaign file, or it was
//! cancelled) and when its holders were told, so that calendar invitations carry a growing
//! SEQUENCE and each change reaches each holder once; when its holders were reminded the day
//! before; and the emails that say so.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::m20261127_000014_cards::EMAIL_KINDS;
use crate::m20261128_000020_questions::AFTER as BEFORE;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The kinds of email this migration adds.
pub(crate) const SESSIONS: &[&str] = &["session_moved", "session_cancelled", "session_reminder"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds them one at a time.
        for column in [RewardSessions::ChangedAtMs, RewardSessions::ToldAtMs] {
            manager
                .alter_table(
                    Table::alter()
                        .table(RewardSessions::Table)
                        .add_column(ColumnDef::new(column).big_integer().not_null().default(0))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(RewardSessions::Table)
                    .add_column(ColumnDef::new(RewardSessions::RemindedAtMs).big_integer().null())
                    .to_owned(),
            )
            .await?;
        crate::known_values::allow_only(manager, "emails", "kind", &[EMAIL_KINDS, BEFORE, SESSIONS].concat()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "DELETE FROM emails WHERE kind IN ('session_moved', 'session_cancelled', 'session_reminder')",
        )
        .await?;
        crate::known_values::allow_only(manager, "emails", "kind", &[EMAIL_KINDS, BEFORE].concat()).await?;
        for column in [RewardSessions::RemindedAtMs, RewardSessions::ToldAtMs, RewardSessions::ChangedAtMs] {
            manager.alter_table(Table::alter().table(RewardSessions::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum RewardSessions {
    Table,
    ChangedAtMs,
    ToldAtMs,
    RemindedAtMs,
}
