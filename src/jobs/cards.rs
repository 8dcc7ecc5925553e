//! Charges saved cards and TWINT when due, looks up operations left without an answer, reminds
//! backers whose charge failed, and sends refunds (see [`crate::services::cards::charging`]).
//! Every instance may run it: each charge is taken by a conditional update, and sent under a
//! key Stripe acts on once.

use std::time::Duration;

use crate::domain::Clock;
use crate::services::cards::{Cards, charging};

pub async fn run(cards: Cards, clock: Clock) {
    let pause = match clock {
        Clock::System => Duration::from_secs(2),
        Clock::Manual(_) => Duration::from_millis(100),
    };
    loop {
        match charging::run_once(&cards, clock.now()).await {
            Ok(0) => tokio::time::sleep(pause).await,
            Ok(_) => tokio::task::yield_now().await,
            Err(error) => {
                tracing::error!(%error, "charging cards failed; trying again");
                tokio::time::sleep(pause).await;
            }
        }
    }
}
