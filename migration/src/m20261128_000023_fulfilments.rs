//! Where each owed reward stands on its way to its backer: to prepare, ready for pick-up,
//! shipped with its tracking number, delivered or attended, or a problem with its note. A
//! pledge without a row is still to prepare, so the pledge path writes nothing here. And the
//! email that tells the backer of each change.

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
                    .table(Fulfilments::Table)
                    .col(ColumnDef::new(Fulfilments::PledgeId).big_integer().not_null().primary_key())
                    .col(ColumnDef::new(Fulfilments::RewardId).string_len(64).not_null())
                    .col(ColumnDef::new(Fulfilments::State).string_len(16).not_null())
                    .col(ColumnDef::new(Fulfilments::Tracking).string_len(200).null())
                    .col(ColumnDef::new(Fulfilments::Note).string_len(500).null())
                    .col(ColumnDef::new(Fulfilments::ChangedAtMs).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Fulfilments::Table, Fulfilments::PledgeId)
                            .to(Pledges::Table, Pledges::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_fulfilments_reward_state")
                    .table(Fulfilments::Table)
                    .col(Fulfilments::RewardId)
                    .col(Fulfilments::State)
                    .to_owned(),
            )
            .await?;
        crate::known_values::allow_only(
            manager,
            "fulfilments",
            "state",
            &["to_prepare", "ready", "shipped", "delivered", "attended", "problem"],
        )
        .await?;
        crate::known_values::allow_only(
            manager,
            "emails",
            "kind",
            &[EMAIL_KINDS, QUESTIONS, SESSIONS, &["fulfilment_changed"]].concat(),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DELETE FROM emails WHERE kind = 'fulfilment_changed'").await?;
        crate::known_values::allow_only(manager, "emails", "kind", &[EMAIL_KINDS, QUESTIONS, SESSIONS].concat())
            .await?;
        manager.drop_table(Table::drop().table(Fulfilments::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Fulfilments {
    Table,
    PledgeId,
    RewardId,
    State,
    Tracking,
    Note,
    ChangedAtMs,
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    Id,
}
