//! Charging saved cards when a campaign succeeds, as the server's charging job does, against
//! the stand-in of Stripe running as a process of its own (`bobine-bench stripe-standin`), so
//! that this process can be killed half way and started again.
//!
//! The tool runs on a clock of its own: the campaign is settled a minute after its deadline
//! and every charge is sent at that instant; a resumed run reads the clock an hour later, far
//! past the patience after which an operation left `sending` is looked up at Stripe (four
//! timeouts and 30 s: 150 s with the default timeout of 30 s). Only the clock jumps: Stripe's
//! timeout, its pace and its retries stay the product's, and the killed process sends nothing
//! more, so waiting for real would only make the measure longer.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use bobine::config::{Settings, StripeSettings};
use bobine::db::Db;
use bobine::domain::CampaignState;
use bobine::services::cards::{Cards, charging};
use bobine::services::closing::close_if_due;
use bobine::services::letters::Letters;
use bobine::services::settlement;
use bobine::services::stripe::Stripe;
use bobine::services::writer::PledgeWriter;

use crate::measure::count;
use crate::seed;

/// What `stripe-standin` writes and `charge` reads: where the stand-in listens, and the
/// saved cards it made.
#[derive(Debug, Serialize, Deserialize)]
pub struct SavedMethods {
    pub api_url: String,
    pub methods: Vec<SavedMethod>,
}

/// A customer at Stripe and the card saved to it.
#[derive(Debug, Serialize, Deserialize)]
pub struct SavedMethod {
    pub customer: String,
    pub payment_method: String,
}

/// How far a resumed run's clock is ahead of the first run's.
const RESUMED_LATER: chrono::Duration = chrono::Duration::hours(1);

/// What a run did.
pub struct Charged {
    /// From the first charge taken to the last answer recorded (seeding and settling apart).
    pub took: Duration,
    /// Pledges paid in full.
    pub charged: i64,
    /// Operations still waiting for their answer at the end.
    pub unanswered: i64,
}

/// Without `resume`: one card pledge per saved method of `methods`, the campaign closed at its
/// deadline (it must have succeeded) and settled, then every due charge sent. With `resume`:
/// only the charging, finishing a run that was stopped.
pub async fn charge(
    settings: &Settings,
    db: &Db,
    campaign_id: i32,
    methods: Option<&Path>,
    resume: bool,
) -> Result<Charged, String> {
    let stripe = stand_in(settings.stripe.as_ref())?;
    let campaign = Arc::new(settings.campaign.clone());
    if !campaign.payments.as_ref().is_some_and(|p| p.uses_stripe()) {
        return Err("the campaign file offers no card: add methods = [\"card\", \"bank\"] under [payments]".into());
    }
    let letters = Letters::new(campaign.clone(), "http://127.0.0.1:8000");
    let settled_at = campaign.deadline + chrono::Duration::minutes(1);
    let now = if resume {
        settled_at + RESUMED_LATER
    } else {
        let methods = methods.ok_or("--methods FILE is needed, unless --resume")?;
        prepare(settings, db, campaign_id, &letters, &read_methods(methods)?, settled_at).await?;
        settled_at
    };
    let cards = Cards {
        db: db.clone(),
        stripe: Stripe::new(stripe)?,
        campaign: campaign.clone(),
        campaign_id,
        letters: letters.clone(),
        writer: PledgeWriter::start(
            db.clone(),
            campaign,
            campaign_id,
            settings.clock.clone(),
            letters,
            settings.mail.confirmation(),
        ),
        trouble: Arc::default(),
        in_flight: Default::default(),
    };
    let failed = |e: bobine::error::AppError| e.to_string();
    let started = Instant::now();
    while charging::run_once(&cards, now).await.map_err(failed)? > 0 {}
    let took = started.elapsed();
    let charged = count(db, "SELECT COUNT(*) AS n FROM pledges WHERE payment_state = 'paid'").await.map_err(failed)?;
    let unanswered =
        count(db, "SELECT COUNT(*) AS n FROM stripe_operations WHERE state = 'sending'").await.map_err(failed)?;
    Ok(Charged { took, charged, unanswered })
}

/// The Stripe settings bobine would read (`BOBINE_STRIPE_*`), refused unless they reach a
/// stand-in on this machine: this tool charges every saved method it is given.
fn stand_in(stripe: Option<&StripeSettings>) -> Result<StripeSettings, String> {
    let stripe = stripe.ok_or(
        "set BOBINE_STRIPE_SECRET_KEY, BOBINE_STRIPE_WEBHOOK_SECRET and BOBINE_STRIPE_API_URL to those of \
         `bobine-bench stripe-standin`",
    )?;
    let url = url::Url::parse(&stripe.api_url).map_err(|e| format!("BOBINE_STRIPE_API_URL: {e}"))?;
    let loopback = match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name == "localhost",
        None => false,
    };
    if !loopback {
        return Err(format!(
            "BOBINE_STRIPE_API_URL is {}: bobine-bench charges only a stand-in on this machine",
            stripe.api_url
        ));
    }
    Ok(stripe.clone())
}

fn read_methods(path: &Path) -> Result<Vec<(String, String)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let file: SavedMethods = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    // They end up as literal values in the seeding's SQL.
    let plain = |id: &str| !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    file.methods
        .into_iter()
        .map(|m| {
            if plain(&m.customer) && plain(&m.payment_method) {
                Ok((m.customer, m.payment_method))
            } else {
                Err(format!("{}: not a Stripe id: {} or {}", path.display(), m.customer, m.payment_method))
            }
        })
        .collect()
}

/// A card pledge per saved method on an empty database, the campaign closed at its deadline
/// and settled at `settled_at`: each pledge is billed, and its charge due then.
async fn prepare(
    settings: &Settings,
    db: &Db,
    campaign_id: i32,
    letters: &Letters,
    methods: &[(String, String)],
    settled_at: DateTime<Utc>,
) -> Result<(), String> {
    let failed = |e: bobine::error::AppError| e.to_string();
    let campaign = &settings.campaign;
    let pledges = count(db, "SELECT COUNT(*) AS n FROM pledges").await.map_err(failed)?;
    if pledges > 0 {
        return Err(format!(
            "charge seeds a database of its own and this one holds {pledges} pledge(s): start from a new one, \
             or pass --resume to finish a run"
        ));
    }
    seed::seed_cards(db, campaign, campaign_id, methods, settings.clock.now()).await.map_err(failed)?;
    match close_if_due(db, campaign_id, campaign.deadline).await.map_err(failed)? {
        Some(CampaignState::Succeeded) => {}
        state => {
            return Err(format!(
                "{} pledges did not make the campaign succeed ({}): give more saved methods",
                methods.len(),
                state.map_or_else(|| "already closed".to_owned(), |s| s.to_string())
            ));
        }
    }
    settlement::run_until_idle(db, campaign, campaign_id, letters, settled_at).await.map_err(failed)?;
    Ok(())
}
