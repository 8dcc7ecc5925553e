//! The command line: serve the campaign (the default), check a campaign file or the
//! counters, and manage the team's accounts.
//!
//! The arguments are parsed whole before anything runs, so a mistake in them (an unknown
//! command, a missing or extra argument, an address that is not one) exits with status 2
//! and creates no data folder and no database.

mod check;
mod payments;
mod team;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::db::Db;
use crate::{app, telemetry};

/// Printed under every command's `--help`.
const ENVIRONMENT: &str = "\
Environment:
  BOBINE_CAMPAIGN   campaign file (default: campaign.toml here, else the one beside the sources)
  BOBINE_DATA_DIR   folder for the SQLite database and secret key (default: data)
  DATABASE_URL      postgres://... to use PostgreSQL instead of SQLite
  ROCKET_ADDRESS, ROCKET_PORT, ...  Rocket's own settings";

/// bobine: a self-hosted, reward-based crowdfunding platform.
#[derive(Debug, Parser)]
#[command(name = "bobine", version, about, propagate_version = true, after_help = ENVIRONMENT)]
struct Cli {
    /// What to do; serving the campaign when left out.
    #[command(subcommand)]
    command: Option<Command>,
}

/// The commands of `bobine`.
#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the campaign (what `bobine` alone does)
    Serve,
    /// Validate a campaign file; exit 0 when it is valid, 1 with the line of the mistake
    CheckConfig {
        /// The campaign file [default: BOBINE_CAMPAIGN, else campaign.toml here, else the one
        /// beside the sources]
        file: Option<PathBuf>,
    },
    /// Recompute every counter from the pledges and list any difference; exit 1 if there is one
    Check,
    /// Manage the team's accounts
    #[command(subcommand)]
    Team(team::TeamCommand),
    /// Reconcile payments from the bank's files
    #[command(subcommand)]
    Payments(payments::PaymentsCommand),
}

/// Parses the arguments (the program's name first) and runs the command they name; returns
/// the process's exit code: 2 for arguments that make no command, before anything is touched.
pub async fn run(args: Vec<OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // `--help` and `--version` arrive here too, to stdout and with status 0.
            error.print().ok();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    match cli.command {
        None | Some(Command::Serve) => serve().await,
        Some(Command::CheckConfig { file }) => check::config(file),
        Some(Command::Check) => check::counters().await,
        Some(Command::Team(command)) => team::run(command).await,
        Some(Command::Payments(command)) => payments::run(command).await,
    }
}

/// Opens (and migrates) the configured database, creating the data folder for SQLite.
async fn open_database() -> Result<(Settings, Db), String> {
    let settings = Settings::from_env().map_err(|e| e.to_string())?;
    settings.ensure_data_dir().map_err(|e| format!("cannot create {}: {e}", settings.data_dir.display()))?;
    let db = Db::connect(&settings.database_url, None).await.map_err(|e| format!("cannot open the database: {e}"))?;
    Ok((settings, db))
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_command_serves_and_mistakes_are_usage_errors() {
        assert!(Cli::try_parse_from(["bobine"]).unwrap().command.is_none());
        for wrong in [
            &["bobine", "serv"][..],
            &["bobine", "check-config", "a.toml", "b.toml"],
            &["bobine", "check", "now"],
            &["bobine", "team"],
            &["bobine", "team", "lst"],
            &["bobine", "team", "add"],
            &["bobine", "team", "add", "anne"],
            &["bobine", "team", "remove", "anne@example.ch", "paul@example.ch"],
            &["bobine", "payments", "import"],
        ] {
            let error = Cli::try_parse_from(wrong).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{wrong:?}: {error}");
        }
    }

    #[test]
    fn the_file_of_check_config_is_optional() {
        let cli = Cli::try_parse_from(["bobine", "check-config"]).unwrap();
        assert!(matches!(cli.command, Some(Command::CheckConfig { file: None })));
        let cli = Cli::try_parse_from(["bobine", "check-config", "other.toml"]).unwrap();
        assert!(
            matches!(cli.command, Some(Command::CheckConfig { file: Some(f) }) if f == std::path::Path::new("other.toml"))
        );
    }
}
