//! Asking for the missing addresses once a campaign succeeded: each backer of a reward sent by
//! post who has not given one is emailed, then reminded, a few times at most. A row per pledge
//! asked says how often and when last, and claims each email for one instance.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::m20261127_000014_cards::EMAIL_KINDS;
use crate::m20261128_000020_questions::AFTER as QUESTIONS;
use crate::m20261128_000022_session_changes::SESSIONS;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AddressRequests::Table)
                    .col(ColumnDef::new(AddressRequests::PledgeId).big_integer().not_null().primary_key())
                    .col(ColumnDef::new(AddressRequests::Asks).integer().not_null())
                    .col(ColumnDef::new(AddressRequests::LastAtMs).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(AddressRequests::Table, AddressRequests::PledgeId)
                            .to(Pledges::Table, Pledges::Id),
                    )
                    .to_owned(),
            )
            .await?;
        crate::known_values::allow_only(
            manager,
            "emails",
            "kind",
            &[EMAIL_KINDS, QUESTIONS, SESSIONS, &["fulfilment_changed", "address_request"]].concat(),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DELETE FROM emails WHERE kind = 'address_request'").await?;
        crate::known_values::allow_only(
            manager,
            "emails",
            "kind",
            &[EMAIL_KINDS, QUESTIONS, SESSIONS, &["fulfilment_changed"]].concat(),
        )
        .await?;
        manager.drop_table(Table::drop().table(AddressRequests::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum AddressRequests {
    Table,
    PledgeId,
    Asks,
    LastAtMs,
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    Id,
}
