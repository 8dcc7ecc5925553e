//! Updates go out by email: each pledge says whether its backer wants news (yes unless they
//! said no), each update remembers how far its mailing went (the last address it reached, so a
//! restart goes on after it and nobody gets it twice), and each of its emails carries the
//! update it belongs to and the key of its one-click unsubscribe link.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::m20261127_000014_cards::EMAIL_KINDS;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The kinds of email the outbox holds from this migration on.
const MORE_EMAIL_KINDS: &[&str] = &["pledge_links", "news"];

const MAILING: &[&str] = &["pending", "sending", "done", "off"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut news = ColumnDef::new(Pledges::News).boolean().not_null().default(true).to_owned();
        manager.alter_table(Table::alter().table(Pledges::Table).add_column(&mut news).to_owned()).await?;
        for column in [
            ColumnDef::new(Emails::NewsId).big_integer().null().to_owned(),
            ColumnDef::new(Emails::Unsubscribe).string_len(64).null().to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Emails::Table).add_column(&mut column).to_owned()).await?;
        }
        // The team's count of an update's emails by state.
        manager
            .create_index(
                Index::create()
                    .name("idx_emails_news")
                    .table(Emails::Table)
                    .col(Emails::NewsId)
                    .col(Emails::State)
                    .to_owned(),
            )
            .await?;
        // An unsubscribe link finds its email. (SQLite cannot add a unique column: the index does it.)
        manager
            .create_index(
                Index::create()
                    .name("idx_emails_unsubscribe")
                    .table(Emails::Table)
                    .col(Emails::Unsubscribe)
                    .unique()
                    .to_owned(),
            )
            .await?;
        for column in [
            ColumnDef::new(News::Mailing).string_len(16).not_null().default("pending").to_owned(),
            // The lower-cased address of the last backer the mailing reached.
            ColumnDef::new(News::MailCursor).string_len(254).null().to_owned(),
            ColumnDef::new(News::Mailed).big_integer().not_null().default(0).to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(News::Table).add_column(&mut column).to_owned()).await?;
        }
        // Updates published before emails existed are not sent now, out of the blue.
        manager
            .get_connection()
            .execute_unprepared("UPDATE news SET mailing = 'off' WHERE state = 'published'")
            .await?;
        crate::known_values::allow_only(manager, "news", "mailing", MAILING).await?;
        crate::known_values::allow_only(manager, "emails", "kind", &[EMAIL_KINDS, MORE_EMAIL_KINDS].concat()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DELETE FROM emails WHERE kind = 'news'").await?;
        crate::known_values::allow_only(manager, "emails", "kind", &[EMAIL_KINDS, &["pledge_links"]].concat()).await?;
        if db.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Sqlite {
            for name in ["insert", "update"] {
                db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS news_mailing_known_{name}")).await?;
            }
        }
        db.execute_unprepared("DROP INDEX idx_emails_news").await?;
        db.execute_unprepared("DROP INDEX idx_emails_unsubscribe").await?;
        for column in [News::Mailing, News::MailCursor, News::Mailed] {
            manager.alter_table(Table::alter().table(News::Table).drop_column(column).to_owned()).await?;
        }
        for column in [Emails::NewsId, Emails::Unsubscribe] {
            manager.alter_table(Table::alter().table(Emails::Table).drop_column(column).to_owned()).await?;
        }
        manager.alter_table(Table::alter().table(Pledges::Table).drop_column(Pledges::News).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    News,
}

#[derive(DeriveIden)]
enum Emails {
    Table,
    State,
    NewsId,
    Unsubscribe,
}

#[derive(DeriveIden)]
enum News {
    Table,
    Mailing,
    MailCursor,
    Mailed,
}
