//! Stores the emails of each update that is out (see [`crate::services::news_mail`]), batch
//! by batch, resting after each batch half as long as it took: a batch holds the database
//! only for its last third or so (it reads and writes its emails out before), so pledges find
//! it free most of the time, and wait at most one batch. Every instance may run it: a batch
//! is stored only where the update's mailing still stands as it read it.

use std::time::{Duration, Instant};

use crate::db::Db;
use crate::domain::Clock;
use crate::services::letters::Letters;
use crate::services::news_mail::{self, BATCH};

pub async fn run(db: Db, campaign_id: i32, letters: Letters, clock: Clock) {
    let pause = match clock {
        Clock::System => Duration::from_secs(5),
        // A manual clock is moved by tests at will; look at it often.
        Clock::Manual(_) => Duration::from_millis(100),
    };
    loop {
        let started = Instant::now();
        match news_mail::run_once(&db, &letters, campaign_id, clock.now(), BATCH).await {
            Ok(None) => tokio::time::sleep(pause).await,
            Ok(Some(_)) => tokio::time::sleep(started.elapsed() / 2).await,
            Err(error) => {
                tracing::error!(%error, "sending an update failed; trying again");
                tokio::time::sleep(pause).await;
            }
        }
    }
}
