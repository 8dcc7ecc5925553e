//! The outbox: every email the site sends, stored before it is sent.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Emails::Table)
                    .col(ColumnDef::new(Emails::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Emails::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(Emails::ToAddress).string_len(254).not_null())
                    .col(ColumnDef::new(Emails::Subject).string_len(300).not_null())
                    .col(ColumnDef::new(Emails::Body).text().not_null())
                    .col(ColumnDef::new(Emails::State).string_len(16).not_null())
                    .col(ColumnDef::new(Emails::Attempts).integer().not_null().default(0))
                    .col(ColumnDef::new(Emails::NextAttemptMs).big_integer().not_null())
                    .col(ColumnDef::new(Emails::LastError).text().null())
                    .col(ColumnDef::new(Emails::CreatedAtMs).big_integer().not_null())
                    .col(ColumnDef::new(Emails::SentAtMs).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_emails_due")
                    .table(Emails::Table)
                    .col(Emails::State)
                    .col(Emails::NextAttemptMs)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Emails::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Emails {
    Table,
    Id,
    Kind,
    ToAddress,
    Subject,
    Body,
    State,
    Attempts,
    NextAttemptMs,
    LastError,
    CreatedAtMs,
    SentAtMs,
}
