//! Integration tests: the real application on a real HTTP server and a real database
//! (SQLite by default, PostgreSQL with `TEST_DATABASE_URL=postgres://...`).

mod accessibility;
#[cfg(feature = "bench-tools")]
mod bench_tools;
mod browser;
mod builders;
mod bulk_cancel;
mod campaign_pages;
mod cards;
mod cli;
mod closing;
mod concurrency;
mod config_file;
mod config_properties;
mod confirmation;
mod delivery;
mod designers;
mod devices;
mod finding;
mod form_properties;
mod helpers;
mod media;
mod news;
mod news_mail;
mod offers;
mod outbox;
mod payments;
mod personal_data;
mod placement;
mod pledge_api;
mod pledge_pages;
mod previews;
mod questions;
mod rate_limits;
mod reward_options;
mod seats;
mod security_headers;
mod sessions;
mod sharing;
mod shipping;
mod smtp;
mod sources;
mod standin;
mod stored_values;
#[path = "../support/stripe_standin.rs"]
mod stripe_standin;
mod survey;
mod sync;
mod team;
mod team_payments;
