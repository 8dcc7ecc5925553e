//! Closes the campaign at its deadline, and at start-up if the deadline passed while the
//! server was down.

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::db::Db;
use crate::domain::{CampaignState, Clock};
use crate::error::AppError;
use crate::services::closing::close_if_due;
use crate::services::writer::PledgeWriter;

/// One pass: closes the campaign if it is due at `now`. Tests call this directly.
pub async fn run_once(db: &Db, campaign_id: i32, now: DateTime<Utc>) -> Result<Option<CampaignState>, AppError> {
    close_if_due(db, campaign_id, now).await
}

/// How long to sleep before looking again: until the deadline, but never more than `cap`,
/// so a clock that jumps is noticed soon.
fn pause_before(deadline: DateTime<Utc>, now: DateTime<Utc>, cap: Duration) -> Duration {
    let wait = (deadline - now).to_std().unwrap_or(Duration::ZERO);
    wait.clamp(Duration::from_millis(50), cap)
}

/// Runs until the campaign is closed, by this instance or another; `writer` learns of the
/// close so that cached pages show the result at once.
pub async fn run(db: Db, campaign_id: i32, deadline: DateTime<Utc>, clock: Clock, writer: PledgeWriter) {
    // A manual clock is moved by tests at will; look at it often.
    let cap = match clock {
        Clock::System => Duration::from_secs(60),
        Clock::Manual(_) => Duration::from_millis(100),
    };
    loop {
        let now = clock.now();
        if now >= deadline {
            match run_once(&db, campaign_id, now).await {
                Ok(closed) => {
                    if closed.is_some() {
                        writer.figures_changed();
                    }
                    return;
                }
                Err(error) => tracing::error!(%error, "closing the campaign failed; trying again"),
            }
            tokio::time::sleep(Duration::from_secs(5)).await;
        } else {
            tokio::time::sleep(pause_before(deadline, now, cap)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleeps_until_the_deadline_within_bounds() {
        let now = Utc::now();
        let cap = Duration::from_secs(60);
        assert_eq!(pause_before(now + chrono::Duration::hours(3), now, cap), cap);
        assert_eq!(pause_before(now + chrono::Duration::seconds(2), now, cap), Duration::from_secs(2));
        assert_eq!(pause_before(now - chrono::Duration::seconds(2), now, cap), Duration::from_millis(50));
    }
}
