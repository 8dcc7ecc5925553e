//! The database refuses a state or kind that its enum does not know: a `CHECK` constraint
//! on PostgreSQL, a trigger on SQLite (which cannot add a constraint to an existing table).
//! The allowed values come from the enums themselves, so their text is written once.

use entity::campaign::CampaignState;
use entity::designer::DesignerState;
use entity::email::{EmailKind, EmailState};
use entity::offer::{OfferKind, OfferState};
use entity::pledge::PledgeState;
use entity::reward::RewardKind;
use entity::source_total::SourceKind;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each checked column: table, column, and the values it may hold.
fn checked() -> Vec<(&'static str, &'static str, Vec<String>)> {
    fn texts<T: ToString>(values: impl Iterator<Item = T>) -> Vec<String> {
        values.map(|v| v.to_string()).collect()
    }
    vec![
        ("campaigns", "state", texts(CampaignState::all())),
        ("pledges", "state", texts(PledgeState::all())),
        ("designers", "state", texts(DesignerState::all())),
        ("emails", "state", texts(EmailState::all())),
        ("emails", "kind", texts(EmailKind::all())),
        ("offers", "state", texts(OfferState::all())),
        ("offers", "kind", texts(OfferKind::all())),
        ("source_totals", "kind", texts(SourceKind::all())),
        ("rewards", "kind", texts(RewardKind::all())),
    ]
}

/// `'a', 'b'`: the values are our own enums' texts, never input.
fn list(values: &[String]) -> String {
    values.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", ")
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (table, column, values) in checked() {
            let allowed = list(&values);
            let name = format!("{table}_{column}_known");
            match db.get_database_backend() {
                DatabaseBackend::Sqlite => {
                    for (event, when) in [("insert", "INSERT".to_owned()), ("update", format!("UPDATE OF {column}"))] {
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {name}_{event} BEFORE {when} ON {table} \
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
        for (table, column, _) in checked() {
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
