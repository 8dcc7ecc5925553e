//! `bobine check-config [FILE]` and `bobine check`: is the campaign file valid, and do the
//! stored counters equal what the pledges add up to.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::config::{self, Campaign, StripeSettings};
use crate::domain::states::PayBy;
use crate::services::consistency;

/// Validates a campaign file, by default the one the server would read.
pub(super) fn config(file: Option<PathBuf>) -> ExitCode {
    let file = file.unwrap_or_else(config::campaign_path);
    match Campaign::load(&file) {
        Ok(campaign) => {
            // The server makes each picture when first asked for it: here, all of them now.
            let unmade: Vec<_> = campaign
                .images()
                .filter_map(|image| image.picture.make().err().map(|error| format!("{}: {error}", image.file)))
                .collect();
            if !unmade.is_empty() {
                eprintln!("{}: pictures that cannot be made: {}", file.display(), unmade.join("; "));
                return ExitCode::FAILURE;
            }
            println!(
                "{}: valid: \"{}\", {} rewards, goal {} {}, deadline {}",
                file.display(),
                campaign.title.fr,
                campaign.rewards.len(),
                campaign.goal,
                campaign.currency,
                campaign.deadline.with_timezone(&campaign.time_zone).to_rfc3339(),
            );
            payment_methods(&campaign)
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// Says how backers can pay, and whether the server can offer it with this environment.
fn payment_methods(campaign: &Campaign) -> ExitCode {
    let Some(payments) = &campaign.payments else {
        println!("payments: off (no [payments] section)");
        return ExitCode::SUCCESS;
    };
    let stripe = match StripeSettings::from_env() {
        Ok(stripe) => stripe,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let live: Vec<String> = payments
        .methods
        .iter()
        .map(|method| match method {
            PayBy::Bank => format!("bank (QR-bill to {})", payments.account.grouped()),
            PayBy::Card | PayBy::Twint => match &stripe {
                Some(stripe) => format!("{method} (Stripe at {})", stripe.api_url),
                None => format!("{method} (not live: BOBINE_STRIPE_SECRET_KEY is not set)"),
            },
        })
        .collect();
    println!("payments: {}", live.join(", "));
    match config::stripe::check_methods(Some(payments), stripe.as_ref()) {
        Ok(()) => ExitCode::SUCCESS,
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
