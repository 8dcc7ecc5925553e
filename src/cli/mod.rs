//! The command line: serve the campaign (the default), manage the team, check files and
//! counters, and the benchmark's tools.

mod team;

use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::{Campaign, Settings};
use crate::db::Db;
use crate::error::AppError;
use crate::services::consistency;
use crate::services::sync::sync;
use crate::{app, bench, telemetry};

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

Benchmark tools (bench/run uses them on databases it creates; never on a real campaign):
  bobine seed --pledges N         add N generated pledges, counters included
  bobine bench-commits --seconds S  measure durable claim-plus-insert commits per second
  bobine bench-close --pledges N  add N pledges, close the campaign, print how long it took

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
        Some(tool @ ("seed" | "bench-commits" | "bench-close")) => bench_tool(tool, &args[1..]).await,
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

/// The value of `--name VALUE` in `args`.
fn flag<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    let at = args.iter().position(|a| a == name)?;
    args.get(at + 1)?.parse().ok()
}

/// Opens (and migrates) the configured database.
async fn open_database() -> Result<(Settings, Db), String> {
    let settings = Settings::from_env().map_err(|e| e.to_string())?;
    settings.ensure_data_dir().map_err(|e| format!("cannot create {}: {e}", settings.data_dir.display()))?;
    let db = Db::connect(&settings.database_url, None).await.map_err(|e| format!("cannot open the database: {e}"))?;
    Ok((settings, db))
}

/// Opens the configured database with the campaign synced, as the server would.
async fn open() -> Result<(Settings, Db, i32), String> {
    let (settings, db) = open_database().await?;
    let campaign_id = sync(&db, &settings.campaign).await.map_err(|e| e.to_string())?;
    Ok((settings, db, campaign_id))
}

async fn bench_tool(tool: &str, args: &[String]) -> ExitCode {
    let (settings, db, campaign_id) = match open().await {
        Ok(opened) => opened,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let campaign = &settings.campaign;
    let result = match tool {
        "seed" => match flag::<usize>(args, "--pledges") {
            Some(n) => {
                bench::seed(&db, campaign, campaign_id, n, chrono::Utc::now()).await.map(|()| format!("seeded={n}"))
            }
            None => Err(AppError::Malformed("seed needs --pledges N".into())),
        },
        "bench-commits" => {
            let seconds = flag::<f64>(args, "--seconds").unwrap_or(5.0);
            bench::commit_rate(&db, campaign, campaign_id, seconds, bench::raw_workers(&db))
                .await
                .map(|rate| format!("commits_per_second={rate:.0}"))
        }
        _ => match flag::<usize>(args, "--pledges") {
            Some(n) => match bench::seed(&db, campaign, campaign_id, n, chrono::Utc::now()).await {
                Ok(()) => bench::time_close(&db, campaign, campaign_id).await.map(|(took, state)| {
                    let state = state.map_or("already closed", |s| s.as_str());
                    format!("close_ms={:.1} state={state}", took.as_secs_f64() * 1000.0)
                }),
                Err(e) => Err(e),
            },
            None => Err(AppError::Malformed("bench-close needs --pledges N".into())),
        },
    };
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{tool}: {error}");
            ExitCode::FAILURE
        }
    }
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
