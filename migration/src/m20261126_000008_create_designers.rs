//! Designers' profiles, moderated by the team, and their photos.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Designers::Table)
                    .col(ColumnDef::new(Designers::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Designers::CampaignId).integer().not_null())
                    .col(ColumnDef::new(Designers::Slug).string_len(80).not_null().unique_key())
                    .col(ColumnDef::new(Designers::Name).string_len(200).not_null())
                    .col(ColumnDef::new(Designers::Brand).string_len(200).not_null())
                    .col(ColumnDef::new(Designers::Email).string_len(254).not_null())
                    .col(ColumnDef::new(Designers::Bio).text().not_null())
                    .col(ColumnDef::new(Designers::Website).string_len(300).null())
                    .col(ColumnDef::new(Designers::Links).text().not_null())
                    .col(ColumnDef::new(Designers::Practices).string_len(300).not_null())
                    .col(ColumnDef::new(Designers::PracticesOther).string_len(300).null())
                    .col(ColumnDef::new(Designers::Area).string_len(40).not_null())
                    .col(ColumnDef::new(Designers::State).string_len(16).not_null())
                    .col(ColumnDef::new(Designers::RejectReason).text().null())
                    .col(ColumnDef::new(Designers::EditToken).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(Designers::Lang).string_len(8).not_null())
                    .col(ColumnDef::new(Designers::FormKey).string_len(80).null().unique_key())
                    .col(ColumnDef::new(Designers::HasPhoto).boolean().not_null().default(false))
                    .col(ColumnDef::new(Designers::CreatedAtMs).big_integer().not_null())
                    .col(ColumnDef::new(Designers::UpdatedAtMs).big_integer().not_null())
                    .col(ColumnDef::new(Designers::ApprovedAtMs).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_designers_state").table(Designers::Table).col(Designers::State).to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DesignerPhotos::Table)
                    .col(ColumnDef::new(DesignerPhotos::DesignerId).big_integer().not_null().primary_key())
                    .col(ColumnDef::new(DesignerPhotos::Jpeg).binary().not_null())
                    .col(ColumnDef::new(DesignerPhotos::Width).integer().not_null())
                    .col(ColumnDef::new(DesignerPhotos::Height).integer().not_null())
                    .col(ColumnDef::new(DesignerPhotos::UpdatedAtMs).big_integer().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(DesignerPhotos::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Designers::Table).to_owned()).await
    }
}

#[derive(DeriveIden)]
enum Designers {
    Table,
    Id,
    CampaignId,
    Slug,
    Name,
    Brand,
    Email,
    Bio,
    Website,
    Links,
    Practices,
    PracticesOther,
    Area,
    State,
    RejectReason,
    EditToken,
    Lang,
    FormKey,
    HasPhoto,
    CreatedAtMs,
    UpdatedAtMs,
    ApprovedAtMs,
}

#[derive(DeriveIden)]
enum DesignerPhotos {
    Table,
    DesignerId,
    Jpeg,
    Width,
    Height,
    UpdatedAtMs,
}
