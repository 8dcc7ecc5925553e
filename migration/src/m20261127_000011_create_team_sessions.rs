//! The team's sessions, kept by the server so that logging out, removing a member or the end
//! of a session's twelve hours ends it on every instance at once.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(TeamSessions::Table)
                    // A hash of the secret the cookie carries: a copy of the table opens no session.
                    .col(ColumnDef::new(TeamSessions::IdHash).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(TeamSessions::MemberId).integer().not_null())
                    .col(ColumnDef::new(TeamSessions::CreatedAtMs).big_integer().not_null())
                    .col(ColumnDef::new(TeamSessions::ExpiresAtMs).big_integer().not_null())
                    .col(ColumnDef::new(TeamSessions::LastSeenMs).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_team_sessions_member")
                            .from(TeamSessions::Table, TeamSessions::MemberId)
                            .to(TeamMembers::Table, TeamMembers::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_team_sessions_member")
                    .table(TeamSessions::Table)
                    .col(TeamSessions::MemberId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_team_sessions_expires")
                    .table(TeamSessions::Table)
                    .col(TeamSessions::ExpiresAtMs)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TeamSessions::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum TeamSessions {
    Table,
    IdHash,
    MemberId,
    CreatedAtMs,
    ExpiresAtMs,
    LastSeenMs,
}

#[derive(DeriveIden)]
enum TeamMembers {
    Table,
    Id,
}
