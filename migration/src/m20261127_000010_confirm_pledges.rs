//! Pledges count once their backer confirms by email: a new `unconfirmed` state, the
//! one-time secret of the confirmation link, when it was confirmed, and until when an
//! unconfirmed pledge holds its reward. Emails may name the pledge they are about, so that
//! an unconfirmed pledge deleted after a week takes its emails with it. Public counts of
//! people become what proves them: helpers count once the team took up their offer.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The checked columns this migration widens, with every value they may now hold (see
/// `m20261127_000009_check_stored_values`).
const WIDENED: [(&str, &str, &[&str]); 2] = [
    ("pledges", "state", &["unconfirmed", "active", "cancelled"]),
    (
        "emails",
        "kind",
        &[
            "pledge_confirm",
            "pledge_placed",
            "pledge_changed",
            "pledge_cancelled",
            "offer_received",
            "designer_link",
            "designer_approved",
            "designer_rejected",
            "designer_unpublished",
        ],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            ColumnDef::new(Pledges::ConfirmSecret).string_len(64).null().to_owned(),
            ColumnDef::new(Pledges::ConfirmedAtMs).big_integer().null().to_owned(),
            ColumnDef::new(Pledges::HoldUntilMs).big_integer().null().to_owned(),
            ColumnDef::new(Pledges::ClientAddress).string_len(45).null().to_owned(),
        ] {
            let mut column = column;
            manager.alter_table(Table::alter().table(Pledges::Table).add_column(&mut column).to_owned()).await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Emails::Table)
                    .add_column(ColumnDef::new(Emails::PledgeId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pledges_confirm_secret")
                    .table(Pledges::Table)
                    .col(Pledges::ConfirmSecret)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // The sweeper's two questions: holds that are due, and unconfirmed pledges that are old.
        manager
            .create_index(
                Index::create().name("idx_pledges_hold").table(Pledges::Table).col(Pledges::HoldUntilMs).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_pledges_state_created")
                    .table(Pledges::Table)
                    .col(Pledges::State)
                    .col(Pledges::CreatedAtMs)
                    .to_owned(),
            )
            .await?;
        // The team finds the pledges one address sent, to cancel a flood at once.
        manager
            .create_index(
                Index::create().name("idx_pledges_client").table(Pledges::Table).col(Pledges::ClientAddress).to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx_emails_pledge").table(Emails::Table).col(Emails::PledgeId).to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // Pledges made before confirmation existed stand as confirmed when they were made.
        db.execute_unprepared("UPDATE pledges SET confirmed_at_ms = created_at_ms").await?;
        // The public count of helpers now counts the people whose offer the team took up.
        db.execute_unprepared(
            "UPDATE campaigns SET helpers = (SELECT COUNT(DISTINCT LOWER(o.email)) FROM offers o \
             WHERE o.campaign_id = campaigns.id AND o.state IN ('contacted', 'accepted'))",
        )
        .await?;
        for (table, column, values) in WIDENED {
            crate::known_values::allow_only(manager, table, column, values).await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Unconfirmed pledges have no place in the older schema: nothing to go back to.
        Err(DbErr::Migration("confirming pledges by email cannot be undone".into()))
    }
}

#[derive(DeriveIden)]
enum Pledges {
    Table,
    State,
    CreatedAtMs,
    ConfirmSecret,
    ConfirmedAtMs,
    HoldUntilMs,
    ClientAddress,
}

#[derive(DeriveIden)]
enum Emails {
    Table,
    PledgeId,
}
