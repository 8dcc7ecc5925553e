//! The campaign's life: open until its deadline, then succeeded or failed, once.

use std::fmt;

/// Where a campaign is in its life. The only moves are `Open` to one of the two others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampaignState {
    Open,
    Succeeded,
    Failed,
}

impl CampaignState {
    /// The state a campaign closes into, given what it raised.
    pub fn at_close(pledged_cents: i64, goal_cents: i64) -> CampaignState {
        if pledged_cents >= goal_cents { CampaignState::Succeeded } else { CampaignState::Failed }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CampaignState::Open => "open",
            CampaignState::Succeeded => "succeeded",
            CampaignState::Failed => "failed",
        }
    }

    /// Reads a stored state; an unknown word is treated as closed-and-failed rather than open,
    /// so a damaged row never takes pledges.
    pub fn from_stored(text: &str) -> CampaignState {
        match text {
            "open" => CampaignState::Open,
            "succeeded" => CampaignState::Succeeded,
            _ => CampaignState::Failed,
        }
    }
}

impl fmt::Display for CampaignState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reaching_the_goal_exactly_succeeds() {
        assert_eq!(CampaignState::at_close(2_000_000, 2_000_000), CampaignState::Succeeded);
        assert_eq!(CampaignState::at_close(1_999_999, 2_000_000), CampaignState::Failed);
        assert_eq!(CampaignState::from_stored("open"), CampaignState::Open);
        assert_eq!(CampaignState::from_stored("garbage"), CampaignState::Failed);
    }
}
