//! Asks for the addresses still missing after a success (see
//! [`crate::services::detail_requests`]), looking every few minutes.

use std::sync::Arc;
use std::time::Duration;

use crate::config::Campaign;
use crate::db::Db;
use crate::domain::Clock;
use crate::services::detail_requests;
use crate::services::letters::Letters;

pub async fn run(db: Db, campaign: Arc<Campaign>, campaign_id: i32, letters: Letters, clock: Clock) {
    let pause = match clock {
        Clock::System => Duration::from_secs(300),
        // A manual clock is moved by tests at will; look at it often.
        Clock::Manual(_) => Duration::from_millis(100),
    };
    loop {
        if let Err(error) = detail_requests::run_once(&db, &campaign, &letters, campaign_id, clock.now()).await {
            tracing::error!(%error, "asking for missing addresses failed; trying again");
        }
        tokio::time::sleep(pause).await;
    }
}
