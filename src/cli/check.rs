//! `bobine check-config [FILE]` and `bobine check`: is the campaign file valid, and do the
//! stored counters equal what the pledges add up to.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::{self, Campaign};
use crate::services::consistency;

/// Validates a campaign file, by default the one the server would read.
pub(super) fn config(file: Option<PathBuf>) -> ExitCode {
    let file = file.unwrap_or_else(config::campaign_path);
    match Campaign::load(&file) {
        Ok(campaign) => {
            println!(
                "{}: valid: \"{}\", {} rewards, goal {} {}, deadline {}",
                file.display(),
                campaign.title.fr,
                campaign.rewards.len(),
                campaign.goal,
                campaign.currency,
                campaign.deadline.with_timezone(&campaign.time_zone).to_rfc3339(),
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// Compares the stored counters with the pledges of the configured database, and records
/// the result for the team's dashboard.
pub(super) async fn counters() -> ExitCode {
    let differences = match super::open_database().await {
        Ok((settings, db)) => consistency::check_and_record(&db, settings.clock.now()).await,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    match differences {
        Ok(differences) if differences.is_empty() => {
            println!("every counter equals what the pledges add up to");
            ExitCode::SUCCESS
        }
        Ok(differences) => {
            for d in &differences {
                println!("{}: stored {}, pledges add up to {}", d.counter, d.stored, d.computed);
            }
            println!("{} counter(s) differ from the pledges", differences.len());
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("cannot check: {error}");
            ExitCode::FAILURE
        }
    }
}
