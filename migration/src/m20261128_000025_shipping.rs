//! Postage for a reward sent by post: the zone the backer ships to (Switzerland, Europe, the
//! world) and what it costs, paid with the pledge but counted neither in the pledged amount nor
//! toward the goal.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds them one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(Pledges::Table)
                    .add_column(ColumnDef::new(Pledges::ShippingZone).string().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Pledges::Table)
                    .add_column(ColumnDef::new(Pledges::ShippingCents).big_integer().not_null().default(0))
                    .to_owned(),
            )
            .await?;
        crate::known_values::allow_only(manager, "pledges", "shipping_zone", &["switzerland", "europe", "world"]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match db.get_database_backend() {
            DatabaseBackend::Sqlite => {
                for event in ["insert", "update"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS pledges_shipping_zone_known_{event}"))
                        .await?;
                }
            }
            _ => {
                db.execute_unprepared("ALTER TABLE pledges DROP CONSTRAINT IF EXISTS pledges_shipping_zone_known")
                    .await?;
            }
        }
        for column in [Pledges::ShippingCents, Pledges::ShippingZone] {
            manager.alter_table(Table::alter().table(Pledges::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    ShippingZone,
    ShippingCents,
}
