//! bobine: a self-hosted, reward-based crowdfunding platform.
//!
//! Three layers that only call downwards: `routes` (HTTP), `services` (use cases over the
//! database) and `domain` (plain types and rules).

pub mod app;
pub mod cli;
pub mod config;
pub mod db;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod jobs;
pub mod routes;
pub mod services;
pub mod telemetry;
