//! Settles what backers owe (see [`crate::services::settlement`]): bills at the close or as
//! pledges count, nothing owed when the campaign failed, reminders and drops when they fall
//! due. Every instance may run it: each batch takes its pledges with a conditional update.

use std::sync::Arc;
use std::time::Duration;

use crate::config::Campaign;
use crate::db::Db;
use crate::domain::Clock;
use crate::services::letters::Letters;
use crate::services::settlement;
use crate::services::writer::PledgeWriter;

/// Works while there is work, then looks again every few seconds; `writer` learns of
/// changes, so the team's live figures follow.
pub async fn run(
    db: Db,
    campaign: Arc<Campaign>,
    campaign_id: i32,
    letters: Letters,
    clock: Clock,
    writer: PledgeWriter,
) {
    if campaign.payments.is_none() {
        return;
    }
    let pause = match clock {
        Clock::System => Duration::from_secs(5),
        // A manual clock is moved by tests at will; look at it often.
        Clock::Manual(_) => Duration::from_millis(100),
    };
    loop {
        match settlement::run_once(&db, &campaign, campaign_id, &letters, clock.now()).await {
            Ok(0) => tokio::time::sleep(pause).await,
            Ok(changed) => {
                tracing::debug!(changed, "payments settled");
                writer.figures_changed();
                // Let pledges and pages in between two batches.
                tokio::task::yield_now().await;
            }
            Err(error) => {
                tracing::error!(%error, "settling payments failed; trying again");
                tokio::time::sleep(pause).await;
            }
        }
    }
}
