//! Questions from visitors: asked at `/questions` without an account, read and answered by the
//! team (the answer goes by email and stays with the question), and published in the FAQ when
//! the asker agreed.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::m20261127_000014_cards::EMAIL_KINDS;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The kinds of email the outbox holds before and from this migration on.
const BEFORE: &[&str] = &["pledge_links", "news"];
pub(crate) const AFTER: &[&str] = &["pledge_links", "news", "question_answered"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Questions::Table)
                    .col(ColumnDef::new(Questions::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Questions::CampaignId).integer().not_null())
                    .col(ColumnDef::new(Questions::Name).string_len(100).not_null())
                    .col(ColumnDef::new(Questions::Email).string_len(254).not_null())
                    .col(ColumnDef::new(Questions::Lang).string_len(8).not_null())
                    .col(ColumnDef::new(Questions::Message).text().not_null())
                    // The asker agreed that the question and its answer be published, without their name.
                    .col(ColumnDef::new(Questions::MayPublish).boolean().not_null())
                    .col(ColumnDef::new(Questions::State).string_len(16).not_null())
                    .col(ColumnDef::new(Questions::Answer).text().null())
                    .col(ColumnDef::new(Questions::AnsweredBy).string_len(254).null())
                    .col(ColumnDef::new(Questions::AnsweredAtMs).big_integer().null())
                    // As the FAQ shows it: the question as the team worded it, the answer as HTML.
                    .col(ColumnDef::new(Questions::FaqQuestion).string_len(300).null())
                    .col(ColumnDef::new(Questions::FaqAnswer).text().null())
                    .col(ColumnDef::new(Questions::FaqAnswerHtml).text().null())
                    .col(ColumnDef::new(Questions::PublishedAtMs).big_integer().null())
                    .col(ColumnDef::new(Questions::ClientAddress).string_len(64).null())
                    .col(ColumnDef::new(Questions::CreatedAtMs).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_questions_state")
                    .table(Questions::Table)
                    .col(Questions::CampaignId)
                    .col(Questions::State)
                    .col(Questions::Id)
                    .to_owned(),
            )
            .await?;
        crate::known_values::allow_only(manager, "questions", "state", &["new", "answered", "published"]).await?;
        crate::known_values::allow_only(manager, "emails", "kind", &[EMAIL_KINDS, AFTER].concat()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DELETE FROM emails WHERE kind = 'question_answered'").await?;
        crate::known_values::allow_only(manager, "emails", "kind", &[EMAIL_KINDS, BEFORE].concat()).await?;
        manager.drop_table(Table::drop().table(Questions::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Questions {
    Table,
    Id,
    CampaignId,
    Name,
    Email,
    Lang,
    Message,
    MayPublish,
    State,
    Answer,
    AnsweredBy,
    AnsweredAtMs,
    FaqQuestion,
    FaqAnswer,
    FaqAnswerHtml,
    PublishedAtMs,
    ClientAddress,
    CreatedAtMs,
}
