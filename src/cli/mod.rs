//! The command line: serve the campaign (the default), manage the team, check files and
//! counters.

mod team;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::{Campaign, Settings};
use crate::db::Db;
use crate::services::consistency;
use crate::{app, telemetry};

const USAGE: &str = "\
bobine: a self-hosted crowdfunding campaign

Usage:
  bobine                      serve the campaign (same as `bobine serve`)
  bobine serve                serve the campaign
  bobine check-config [FILE]  validate a campaign file (default: the one the server reads)
  bobine check                recompute every counter from the pledges; exit 1 on any difference
  bobine team add EMAIL       add a team account (password from the terminal or standard input,
                              or generated and printed once when left empty)
  bobine team list            list the team's accounts
  bobine team remove EMAIL    remove an account and end its sessions

Environment:
  BOBINE_CAMPAIGN   campaign file (default: campaign.toml here, else the one beside the sources)
  BOBINE_DATA_DIR   folder for the SQLite database and secret key (default: data)
  DATABASE_URL      postgres://... to use PostgreSQL instead of SQLite
  ROCKET_ADDRESS, ROCKET_PORT, ...  Rocket's own settings
";

/// Runs the command named by the arguments and returns the process's exit code.
pub async fn run(args: Vec<String>) -> ExitCode {
    match args.first().map(String::as_str) {
        None | Some("serve") => serve().await,
        Some("check-config") => check_config(args.get(1).map(PathBuf::from)),
        Some("check") => check_counters().await,
        Some("team") => team::run(&args[1..]).await,
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("unknown command: {other}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check_config(file: Option<PathBuf>) -> ExitCode {
    let file = file.unwrap_or_else(crate::config::campaign_path);
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

/// Opens (and migrates) the configured database.
async fn open_database() -> Result<(Settings, Db), String> {
    let settings = Settings::from_env().map_err(|e| e.to_string())?;
    settings.ensure_data_dir().map_err(|e| format!("cannot create {}: {e}", settings.data_dir.display()))?;
    let db = Db::connect(&settings.database_url, None).await.map_err(|e| format!("cannot open the database: {e}"))?;
    Ok((settings, db))
}

/// Compares the stored counters with the pledges of the configured database.
async fn check_counters() -> ExitCode {
    let differences = match open_database().await {
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

async fn serve() -> ExitCode {
    telemetry::init();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let rocket = match app::build(settings).await {
        Ok(rocket) => rocket,
        Err(error) => {
            tracing::error!("cannot start: {error}");
            return ExitCode::FAILURE;
        }
    };
    match rocket.launch().await {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("server stopped: {error}");
            ExitCode::FAILURE
        }
    }
}
