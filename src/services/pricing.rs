//! Which price a pledge pays for a reward: the regular minimum or the early-bird price.

use chrono::{DateTime, Utc};

use crate::config::campaign::Reward;
use crate::domain::Money;
use crate::error::AppError;

/// How a pledge for a reward is priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    /// At or above the regular minimum.
    Regular,
    /// Below the regular minimum, at or above the early-bird price. `counted` when the
    /// early-bird price is for the first N only, so the claim must also take a slot.
    EarlyBird { counted: bool },
}

/// The lowest amount the reward takes at `now`, counting a still-open early-bird offer.
/// Whether a counted early-bird slot is left is only known in the database.
pub fn current_minimum(reward: &Reward, now: DateTime<Utc>) -> Money {
    match &reward.early_bird {
        Some(early) if early.until.is_none_or(|until| now < until) => early.price,
        _ => reward.minimum,
    }
}

/// Decides the tier of `amount`, or refuses it with the minimum that applies now.
pub fn tier(reward: &Reward, amount: Money, now: DateTime<Utc>) -> Result<Tier, AppError> {
    if amount >= reward.minimum {
        return Ok(Tier::Regular);
    }
    let minimum = current_minimum(reward, now);
    match &reward.early_bird {
        Some(early) if amount >= minimum => Ok(Tier::EarlyBird { counted: early.first.is_some() }),
        _ => Err(AppError::AmountBelowMinimum { minimum }),
    }
}
