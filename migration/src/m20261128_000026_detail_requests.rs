//! What a reward asks its backer once the campaign succeeded: answers to the questions of its
//! survey, one row per pledge and question; and the emails that ask for what is still missing
//! (an address for a reward sent by post, the survey's answers), then remind, a few times at
//! most. A row per pledge asked says how often and when last, and claims each email for one
//! instance.

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
                    .table(DetailRequests::Table)
                    .col(ColumnDef::new(DetailRequests::PledgeId).big_integer().not_null().primary_key())
                    .col(ColumnDef::new(DetailRequests::Asks).integer().not_null())
                    .col(ColumnDef::new(DetailRequests::LastAtMs).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(DetailRequests::Table, DetailRequests::PledgeId)
                            .to(Pledges::Table, Pledges::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SurveyAnswers::Table)
                    .col(ColumnDef::new(SurveyAnswers::PledgeId).big_integer().not_null())
                    .col(ColumnDef::new(SurveyAnswers::QuestionId).string_len(64).not_null())
                    .col(ColumnDef::new(SurveyAnswers::Answer).text().not_null())
                    .col(ColumnDef::new(SurveyAnswers::AnsweredAtMs).big_integer().not_null())
                    .primary_key(Index::create().col(SurveyAnswers::PledgeId).col(SurveyAnswers::QuestionId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyAnswers::Table, SurveyAnswers::PledgeId)
                            .to(Pledges::Table, Pledges::Id),
                    )
                    .to_owned(),
            )
            .await?;
        crate::known_values::allow_only(
            manager,
            "emails",
            "kind",
            &[EMAIL_KINDS, QUESTIONS, SESSIONS, &["fulfilment_changed", "details_request"]].concat(),
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DELETE FROM emails WHERE kind = 'details_request'").await?;
        crate::known_values::allow_only(
            manager,
            "emails",
            "kind",
            &[EMAIL_KINDS, QUESTIONS, SESSIONS, &["fulfilment_changed"]].concat(),
        )
        .await?;
        manager.drop_table(Table::drop().table(SurveyAnswers::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(DetailRequests::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum DetailRequests {
    Table,
    PledgeId,
    Asks,
    LastAtMs,
}

#[derive(DeriveIden)]
enum SurveyAnswers {
    Table,
    PledgeId,
    QuestionId,
    Answer,
    AnsweredAtMs,
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    Id,
}
