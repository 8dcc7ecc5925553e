//! A backer who lost their private link asks for it by email: pledges are found by their
//! address whatever its case (an index on the lower-cased address, so that a campaign of
//! 100,000 pledges answers without reading them all), and the outbox learns the email that
//! carries the links.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::m20261127_000014_cards::EMAIL_KINDS;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The email that sends a backer the links of their pledges.
const PLEDGE_LINKS: &str = "pledge_links";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // An index on an expression: sea-query has no portable way to write one, and both
        // databases read this statement alike.
        manager.get_connection().execute_unprepared("CREATE INDEX idx_pledges_email ON pledges (lower(email))").await?;
        crate::known_values::allow_only(manager, "emails", "kind", &[EMAIL_KINDS, &[PLEDGE_LINKS]].concat()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(&format!("DELETE FROM emails WHERE kind = '{PLEDGE_LINKS}'")).await?;
        crate::known_values::allow_only(manager, "emails", "kind", EMAIL_KINDS).await?;
        db.execute_unprepared("DROP INDEX idx_pledges_email").await?;
        Ok(())
    }
}
