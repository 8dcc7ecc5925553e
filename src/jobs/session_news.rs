//! Tells the holders of each session what happens to it (see
//! [`crate::services::session_news`]), looking once a minute.

use std::time::Duration;

use crate::db::Db;
use crate::domain::Clock;
use crate::services::letters::Letters;
use crate::services::session_news;

pub async fn run(db: Db, campaign_id: i32, letters: Letters, clock: Clock) {
    let pause = match clock {
        Clock::System => Duration::from_secs(60),
        // A manual clock is moved by tests at will; look at it often.
        Clock::Manual(_) => Duration::from_millis(100),
    };
    loop {
        if let Err(error) = session_news::run_once(&db, &letters, campaign_id, clock.now()).await {
            tracing::error!(%error, "telling the holders of a session failed; trying again");
        }
        tokio::time::sleep(pause).await;
    }
}
