//! Releases the rewards held by pledges nobody confirmed, and deletes those pledges after a
//! week (see [`crate::services::holds`]).

use std::time::Duration;

use crate::db::Db;
use crate::domain::Clock;
use crate::services::holds::{delete_stale, release_due};
use crate::services::writer::PledgeWriter;

/// Looks every `pause`; a hold thus ends within that much of its time. `writer` learns of
/// released units, so cached pages show them available again.
pub async fn run(db: Db, clock: Clock, writer: PledgeWriter) {
    let pause = match clock {
        Clock::System => Duration::from_secs(20),
        // A manual clock is moved by tests at will; look at it often.
        Clock::Manual(_) => Duration::from_millis(100),
    };
    loop {
        let now = clock.now();
        match release_due(&db, now).await {
            Ok(0) => {}
            Ok(released) => {
                tracing::info!(released, "held rewards of unconfirmed pledges released");
                writer.figures_changed();
            }
            Err(error) => tracing::error!(%error, "releasing held rewards failed; trying again"),
        }
        match delete_stale(&db, now).await {
            Ok(0) => {}
            Ok(deleted) => tracing::info!(deleted, "unconfirmed pledges older than a week deleted"),
            Err(error) => tracing::error!(%error, "deleting old unconfirmed pledges failed; trying again"),
        }
        tokio::time::sleep(pause).await;
    }
}
