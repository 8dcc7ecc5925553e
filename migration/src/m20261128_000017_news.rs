//! News from the team to its backers: each update with its texts per language (French
//! required, others optional), the audience it is for, and when it is or will be published.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const CHECKED: [(&str, &str, &[&str]); 2] =
    [("news", "audience", &["public", "backers", "rewards"]), ("news", "state", &["draft", "published"])];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(News::Table)
                    .col(ColumnDef::new(News::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(News::CampaignId).integer().not_null())
                    .col(ColumnDef::new(News::Slug).string_len(80).not_null().unique_key())
                    .col(ColumnDef::new(News::Audience).string_len(16).not_null())
                    // The reward ids an update for some rewards' backers is for, space-separated.
                    .col(ColumnDef::new(News::Rewards).text().not_null().default(""))
                    .col(ColumnDef::new(News::State).string_len(16).not_null())
                    // Published: shown from this instant on (later than now while scheduled).
                    .col(ColumnDef::new(News::PublishedAtMs).big_integer().null())
                    .col(ColumnDef::new(News::Author).string_len(254).not_null())
                    .col(ColumnDef::new(News::CreatedAtMs).big_integer().not_null())
                    .col(ColumnDef::new(News::UpdatedAtMs).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_news_published")
                    .table(News::Table)
                    .col(News::CampaignId)
                    .col(News::State)
                    .col(News::PublishedAtMs)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(NewsTexts::Table)
                    .col(ColumnDef::new(NewsTexts::NewsId).big_integer().not_null())
                    .col(ColumnDef::new(NewsTexts::Lang).string_len(8).not_null())
                    .col(ColumnDef::new(NewsTexts::Title).string_len(200).not_null())
                    // As the team wrote it (Markdown), and as pages show it (sanitised HTML).
                    .col(ColumnDef::new(NewsTexts::Body).text().not_null())
                    .col(ColumnDef::new(NewsTexts::BodyHtml).text().not_null())
                    .primary_key(Index::create().col(NewsTexts::NewsId).col(NewsTexts::Lang))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_news_texts_news")
                            .from(NewsTexts::Table, NewsTexts::NewsId)
                            .to(News::Table, News::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        for (table, column, values) in CHECKED {
            crate::known_values::allow_only(manager, table, column, values).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(NewsTexts::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(News::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum News {
    Table,
    Id,
    CampaignId,
    Slug,
    Audience,
    Rewards,
    State,
    PublishedAtMs,
    Author,
    CreatedAtMs,
    UpdatedAtMs,
}

#[derive(DeriveIden)]
enum NewsTexts {
    Table,
    NewsId,
    Lang,
    Title,
    Body,
    BodyHtml,
}
