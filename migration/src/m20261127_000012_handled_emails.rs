//! An email of the outbox may be marked `handled`: the team passed it on by hand. The check
//! on the emails' state (see `m20261127_000009_check_stored_values`) takes the new value.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The emails' states before and after this migration.
const BEFORE: &[&str] = &["waiting", "sent", "failed"];
const AFTER: &[&str] = &["waiting", "sent", "failed", "handled"];

/// Replaces the check on `emails.state` by one that allows exactly `values`.
async fn allow(manager: &SchemaManager<'_>, values: &[&str]) -> Result<(), DbErr> {
    crate::known_values::allow_only(manager, "emails", "state", values).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        allow(manager, AFTER).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The older schema knows no handled email: it stays out of the mailer's way as failed.
        manager
            .get_connection()
            .execute_unprepared("UPDATE emails SET state = 'failed' WHERE state = 'handled'")
            .await?;
        allow(manager, BEFORE).await
    }
}
