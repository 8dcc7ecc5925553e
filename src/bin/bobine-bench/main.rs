//! `bobine-bench`: the benchmark's own tools, which `bench/run` calls on databases it makes
//! for the purpose. Built only with the `bench-tools` feature
//! (`cargo build --release --features bench-tools --bins`), so neither the `bobine` binary
//! nor the library carries them.
//!
//! It reads the same settings as `bobine` (`BOBINE_CAMPAIGN`, `BOBINE_DATA_DIR`,
//! `DATABASE_URL`) and refuses a database holding pledges it did not write (see [`scratch`]).

mod charge;
mod measure;
mod scratch;
mod seed;
mod standin;
#[path = "../../../tests/support/stripe_standin.rs"]
mod stripe_standin;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The benchmark's tools, for databases made for the purpose; never on a real campaign.
#[derive(Debug, Parser)]
#[command(name = "bobine-bench", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    tool: Tool,
}

#[derive(Debug, Subcommand)]
enum Tool {
    /// Add N generated pledges, counters included; prints `seeded=N`
    Seed {
        /// How many pledges to add
        #[arg(long)]
        pledges: usize,
    },
    /// Measure durable claim-plus-insert commits per second; prints `commits_per_second=R`
    Commits {
        /// How long to measure
        #[arg(long, default_value_t = 5.0)]
        seconds: f64,
    },
    /// Add N pledges, close the campaign at its deadline, and print how long the close took:
    /// `close_ms=T state=S`
    Close {
        /// How many pledges to add before closing
        #[arg(long)]
        pledges: usize,
    },
    /// Add N pledges, close the campaign, settle it (bills and their emails), and print how
    /// long the settlement took: `settle_ms=T billed=B bills=E`
    Settle {
        /// How many pledges to add before closing
        #[arg(long, default_value_t = 0)]
        pledges: usize,
    },
    /// Write a camt.054 paying the first N pledges, import it, and print how long reading
    /// and recording it took: `import_ms=T matched=M paid=P`
    Import {
        /// How many credits the file holds
        #[arg(long)]
        credits: usize,
    },
    /// Write an update for every backer (about 1,500 characters in French and German) and
    /// publish it, to be emailed by the running server; prints `news_id=N published_at_ms=T`
    PublishNews {
        /// Publish it this many seconds from now (so that it goes out once a load is running)
        #[arg(long, default_value_t = 0)]
        in_seconds: i64,
    },
    /// Serve the tests' stand-in of Stripe on 127.0.0.1 until stopped, with N cards saved
    /// (written to FILE as JSON, with the stand-in's address); prints `standin_url=URL seeded=N`.
    /// `GET /control/summary?per=bobine_pledge` tells what it was asked.
    StripeStandin {
        /// The port to listen on; 0 takes a free one
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// The secret key it answers to (BOBINE_STRIPE_SECRET_KEY of the charging side)
        #[arg(long)]
        secret_key: String,
        /// The secret it would sign webhooks with
        #[arg(long)]
        webhook_secret: String,
        /// How many customers with a saved card to make
        #[arg(long, default_value_t = 0)]
        seed: usize,
        /// Where to write the saved cards
        #[arg(long)]
        out: PathBuf,
    },
    /// Add a card pledge per saved method of FILE, close and settle the campaign, then charge
    /// every saved card through BOBINE_STRIPE_API_URL (a stand-in on this machine) as the
    /// server does; prints `charge_ms=T charged=N unanswered=U`. With --resume, only finish
    /// the charging of a run that was stopped.
    Charge {
        /// The saved methods, as `stripe-standin` wrote them
        #[arg(long, required_unless_present = "resume")]
        methods: Option<PathBuf>,
        /// Finish a stopped run: no seeding, and a clock past the patience after which an
        /// operation left without an answer is looked up at Stripe
        #[arg(long)]
        resume: bool,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    // No OpenSSL and no aws-lc here: TLS to PostgreSQL uses ring.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cli = Cli::parse();
    match run(cli.tool).await {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("bobine-bench: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs a tool and returns the line it prints for `bench/run`.
async fn run(tool: Tool) -> Result<String, String> {
    // The stand-in has no database: it plays Stripe.
    if let Tool::StripeStandin { port, secret_key, webhook_secret, seed, out } = &tool {
        let served = standin::serve(*port, secret_key, webhook_secret, *seed, out).await?;
        match served {}
    }
    let (settings, db, campaign_id) = scratch::open().await?;
    let campaign = &settings.campaign;
    let now = settings.clock.now();
    let failed = |e: bobine::error::AppError| e.to_string();
    match tool {
        Tool::Seed { pledges } => {
            seed::seed(&db, campaign, campaign_id, pledges, now).await.map_err(failed)?;
            Ok(format!("seeded={pledges}"))
        }
        Tool::Commits { seconds } => {
            let workers = measure::raw_workers(&db);
            let rate = measure::commit_rate(&db, campaign, campaign_id, seconds, workers).await.map_err(failed)?;
            Ok(format!("commits_per_second={rate:.0}"))
        }
        Tool::Close { pledges } => {
            seed::seed(&db, campaign, campaign_id, pledges, now).await.map_err(failed)?;
            let (took, state) = measure::time_close(&db, campaign, campaign_id).await.map_err(failed)?;
            let state = state.map_or_else(|| "already closed".to_owned(), |s| s.to_string());
            Ok(format!("close_ms={:.1} state={state}", took.as_secs_f64() * 1000.0))
        }
        Tool::Settle { pledges } => {
            seed::seed(&db, campaign, campaign_id, pledges, now).await.map_err(failed)?;
            let (took, billed, bills) = measure::time_settlement(&db, campaign, campaign_id).await.map_err(failed)?;
            Ok(format!("settle_ms={:.0} billed={billed} bills={bills}", took.as_secs_f64() * 1000.0))
        }
        Tool::Import { credits } => {
            let (took, report) = measure::time_import(&db, campaign, campaign_id, credits).await?;
            Ok(format!("import_ms={:.0} matched={} paid={}", took.as_secs_f64() * 1000.0, report.matched, report.paid))
        }
        Tool::Charge { methods, resume } => {
            // What goes wrong with Stripe is logged, not returned: it is worth seeing.
            bobine::telemetry::init();
            let done = charge::charge(&settings, &db, campaign_id, methods.as_deref(), resume).await?;
            Ok(format!(
                "charge_ms={:.0} charged={} unanswered={}",
                done.took.as_secs_f64() * 1000.0,
                done.charged,
                done.unanswered
            ))
        }
        Tool::PublishNews { in_seconds } => {
            let at = now + chrono::Duration::seconds(in_seconds);
            let id = measure::publish_news(&db, campaign, campaign_id, now, at).await.map_err(failed)?;
            Ok(format!("news_id={id} published_at_ms={}", at.timestamp_millis()))
        }
        Tool::StripeStandin { .. } => unreachable!("served above"),
    }
}
