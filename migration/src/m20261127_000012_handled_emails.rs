//! An email of the outbox may be marked `handled`: the team passed it on by hand. The check
//! on the emails' state (see `m20261127_000009_check_stored_values`) takes the new value.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The emails' states before and after this migration.
const BEFORE: &[&str] = &["waiting", "sent", "failed"];
const AFTER: &[&str] = &["waiting", "sent", "failed", "handled"];

/// `'a', 'b'`: the values are our own enum's texts, never input.
fn list(values: &[&str]) -> String {
    values.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", ")
}

/// Replaces the check on `emails.state` by one that allows exactly `values`.
async fn allow(manager: &SchemaManager<'_>, values: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let allowed = list(values);
    let name = "emails_state_known";
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            for (event, when) in [("insert", "INSERT"), ("update", "UPDATE OF state")] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name}_{event}")).await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {name}_{event} BEFORE {when} ON emails \
                     WHEN NEW.state NOT IN ({allowed}) \
                     BEGIN SELECT RAISE(ABORT, 'emails.state: not a known value'); END"
                ))
                .await?;
            }
        }
        _ => {
            db.execute_unprepared(&format!("ALTER TABLE emails DROP CONSTRAINT IF EXISTS {name}")).await?;
            db.execute_unprepared(&format!("ALTER TABLE emails ADD CONSTRAINT {name} CHECK (state IN ({allowed}))"))
                .await?;
        }
    }
    Ok(())
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
