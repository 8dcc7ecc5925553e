//! Database migrations, applied in order at start-up by [`Migrator`].

pub use sea_orm_migration::prelude::*;

mod known_values;

mod m20261126_000001_create_campaign;
mod m20261126_000002_create_team_members;
mod m20261126_000003_create_consistency_checks;
mod m20261126_000004_create_hourly_totals;
mod m20261126_000005_create_source_totals;
mod m20261126_000006_create_emails;
mod m20261126_000007_create_offers;
mod m20261126_000008_create_designers;
mod m20261127_000009_check_stored_values;
mod m20261127_000010_confirm_pledges;
mod m20261127_000011_create_team_sessions;
mod m20261127_000012_handled_emails;
mod m20261127_000013_payments;
mod m20261127_000014_cards;
mod m20261128_000015_stripe_disputes;
mod m20261128_000016_finding_pledges;
mod m20261128_000017_news;
mod m20261128_000018_supporters_wall;
mod m20261128_000019_news_by_email;
mod m20261128_000020_questions;
mod m20261128_000021_reward_options;
mod m20261128_000022_session_changes;
mod m20261128_000023_fulfilments;
mod m20261128_000024_addresses;
mod m20261128_000025_shipping;
mod m20261128_000026_detail_requests;

/// Every migration of the schema, oldest first.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_campaign::Migration),
            Box::new(m20261126_000002_create_team_members::Migration),
            Box::new(m20261126_000003_create_consistency_checks::Migration),
            Box::new(m20261126_000004_create_hourly_totals::Migration),
            Box::new(m20261126_000005_create_source_totals::Migration),
            Box::new(m20261126_000006_create_emails::Migration),
            Box::new(m20261126_000007_create_offers::Migration),
            Box::new(m20261126_000008_create_designers::Migration),
            Box::new(m20261127_000009_check_stored_values::Migration),
            Box::new(m20261127_000010_confirm_pledges::Migration),
            Box::new(m20261127_000011_create_team_sessions::Migration),
            Box::new(m20261127_000012_handled_emails::Migration),
            Box::new(m20261127_000013_payments::Migration),
            Box::new(m20261127_000014_cards::Migration),
            Box::new(m20261128_000015_stripe_disputes::Migration),
            Box::new(m20261128_000016_finding_pledges::Migration),
            Box::new(m20261128_000017_news::Migration),
            Box::new(m20261128_000018_supporters_wall::Migration),
            Box::new(m20261128_000019_news_by_email::Migration),
            Box::new(m20261128_000020_questions::Migration),
            Box::new(m20261128_000021_reward_options::Migration),
            Box::new(m20261128_000022_session_changes::Migration),
            Box::new(m20261128_000023_fulfilments::Migration),
            Box::new(m20261128_000024_addresses::Migration),
            Box::new(m20261128_000025_shipping::Migration),
            Box::new(m20261128_000026_detail_requests::Migration),
        ]
    }
}
