//! Integration tests: the real application on a real HTTP server and a real database
//! (SQLite by default, PostgreSQL with `TEST_DATABASE_URL=postgres://...`).

mod browser;
mod campaign_pages;
mod closing;
mod concurrency;
mod config_file;
mod designers;
mod helpers;
mod offers;
mod outbox;
mod placement;
mod pledge_api;
mod pledge_pages;
mod smtp;
mod sources;
mod stored_values;
mod sync;
mod team;
