//! Keeping a text column to a list of values: a CHECK constraint on PostgreSQL, triggers on
//! SQLite (which cannot add a constraint to an existing table). Migrations that widen a list
//! replace what an earlier one put there.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

/// Lets `table.column` hold exactly `values` from now on.
pub(crate) async fn allow_only(
    manager: &SchemaManager<'_>,
    table: &str,
    column: &str,
    values: &[&str],
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let allowed = values.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", ");
    let name = format!("{table}_{column}_known");
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            for (event, when) in [("insert", "INSERT".to_owned()), ("update", format!("UPDATE OF {column}"))] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name}_{event}")).await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {name}_{event} BEFORE {when} ON {table} \
                     WHEN NEW.{column} NOT IN ({allowed}) \
                     BEGIN SELECT RAISE(ABORT, '{table}.{column}: not a known value'); END"
                ))
                .await?;
            }
        }
        _ => {
            db.execute_unprepared(&format!("ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")).await?;
            db.execute_unprepared(&format!(
                "ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({column} IN ({allowed}))"
            ))
            .await?;
        }
    }
    Ok(())
}
