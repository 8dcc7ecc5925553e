//! The database refuses a state or kind that its enum does not know: a `CHECK` constraint
//! on PostgreSQL, a trigger on SQLite (which cannot add a constraint to an existing table).
//!
//! The values are written here as they were when this migration was made, as a migration
//! must be: a later value needs a later migration that widens the check. The test
//! `every_value_of_every_stored_enum_is_accepted_by_the_database` fails until it exists.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each checked column: table, column, and the values it may hold.
const CHECKED: [(&str, &str, &[&str]); 9] = [
    ("campaigns", "state", &["open", "succeeded", "failed"]),
    ("pledges", "state", &["active", "cancelled"]),
    ("designers", "state", &["pending", "approved", "rejected", "unpublished"]),
    ("emails", "state", &["waiting", "sent", "failed"]),
    (
        "emails",
        "kind",
        &[
            "pledge_placed",
            "pledge_changed",
            "pledge_cancelled",
            "offer_received",
            "designer_link",
            "designer_approved",
            "designer_rejected",
            "designer_unpublished",
        ],
    ),
    ("offers", "state", &["new", "contacted", "accepted", "declined"]),
    (
        "offers",
        "kind",
        &[
            "time",
            "skills",
            "machines",
            "space",
            "introduction",
            "partner-technology",
            "partner-media",
            "partner-finance",
            "interview",
        ],
    ),
    ("source_totals", "kind", &["tag", "site"]),
    ("rewards", "kind", &["object", "workshop", "guided-tour", "coaching", "meeting"]),
];

/// `'a', 'b'`: the values are our own enums' texts, never input.
fn list(values: &[&str]) -> String {
    values.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", ")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (table, column, values) in CHECKED {
            let allowed = list(values);
            let name = format!("{table}_{column}_known");
            match db.get_database_backend() {
                DatabaseBackend::Sqlite => {
                    for (event, when) in [("insert", "INSERT".to_owned()), ("update", format!("UPDATE OF {column}"))] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER IF NOT EXISTS {name}_{event} BEFORE {when} ON {table} \
                             WHEN NEW.{column} NOT IN ({allowed}) \
                             BEGIN SELECT RAISE(ABORT, '{table}.{column}: not a known value'); END"
                        ))
                        .await?;
                    }
                }
                _ => {
                    db.execute_unprepared(&format!(
                        "ALTER TABLE {table} ADD CONSTRAINT {name} CHECK ({column} IN ({allowed}))"
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (table, column, _) in CHECKED {
            let name = format!("{table}_{column}_known");
            match db.get_database_backend() {
                DatabaseBackend::Sqlite => {
                    for event in ["insert", "update"] {
                        db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {name}_{event}")).await?;
                    }
                }
                _ => {
                    db.execute_unprepared(&format!("ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")).await?;
                }
            }
        }
        Ok(())
    }
}
