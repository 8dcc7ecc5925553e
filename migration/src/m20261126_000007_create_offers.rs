//! Offers of help without money, and the campaign's count of the people who made them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Offers::Table)
                    .col(ColumnDef::new(Offers::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Offers::CampaignId).integer().not_null())
                    .col(ColumnDef::new(Offers::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(Offers::Description).text().not_null())
                    .col(ColumnDef::new(Offers::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Offers::Email).string_len(254).not_null())
                    .col(ColumnDef::new(Offers::Phone).string_len(30).null())
                    .col(ColumnDef::new(Offers::Availability).text().null())
                    .col(ColumnDef::new(Offers::Lang).string_len(8).not_null())
                    .col(ColumnDef::new(Offers::State).string_len(16).not_null())
                    .col(ColumnDef::new(Offers::Note).text().null())
                    .col(ColumnDef::new(Offers::FormKey).string_len(80).null().unique_key())
                    .col(ColumnDef::new(Offers::CreatedAtMs).big_integer().not_null())
                    .col(ColumnDef::new(Offers::UpdatedAtMs).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_offers_email").table(Offers::Table).col(Offers::Email).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Campaigns::Table)
                    .add_column(ColumnDef::new(Campaigns::Helpers).big_integer().not_null().default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Campaigns::Table).drop_column(Campaigns::Helpers).to_owned()).await?;
        manager.drop_table(Table::drop().table(Offers::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Offers {
    Table,
    Id,
    CampaignId,
    Kind,
    Description,
    Name,
    Email,
    Phone,
    Availability,
    Lang,
    State,
    Note,
    FormKey,
    CreatedAtMs,
    UpdatedAtMs,
}

#[derive(DeriveIden)]
enum Campaigns {
    Table,
    Helpers,
}
