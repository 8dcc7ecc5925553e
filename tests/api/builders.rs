//! Fixture builders that go through the application's real services, so that what a test
//! starts from is made the way backers make it, every counter included.

use std::sync::atomic::{AtomicUsize, Ordering};

use bobine::domain::Lang;
use bobine::services::pledges::{PledgeInput, PledgeRecord};
use bobine::services::pricing::current_minimum;

use crate::helpers::TestApp;

/// Numbers the backers that builders invent, so that no two tests' backers share an address.
static NEXT_BACKER: AtomicUsize = AtomicUsize::new(0);

/// A pledge to place through the server's own pledge writer, as `POST /api/pledges` does:
/// `PledgeBuilder::new(&app).reward("open").place().await`.
pub struct PledgeBuilder<'a> {
    app: &'a TestApp,
    reward: Option<String>,
    amount: Option<String>,
}

impl<'a> PledgeBuilder<'a> {
    /// A pledge without reward, at the campaign's smallest pledge.
    pub fn new(app: &'a TestApp) -> Self {
        PledgeBuilder { app, reward: None, amount: None }
    }

    /// For the reward with this id in the campaign file; its current price unless
    /// [`PledgeBuilder::amount`] says otherwise.
    pub fn reward(mut self, id: &str) -> Self {
        self.reward = Some(id.to_owned());
        self
    }

    /// The amount, as a backer types it (`"25"`, `"25.50"`).
    pub fn amount(mut self, amount: &str) -> Self {
        self.amount = Some(amount.to_owned());
        self
    }

    /// Places the pledge, from a new backer, and returns it as stored.
    pub async fn place(self) -> PledgeRecord {
        self.submit(self.input(new_backer())).await
    }

    /// Places `count` such pledges at once, each from a backer of its own, so that the
    /// writer groups them into a few commits as it does a crowd's: thousands take seconds.
    pub async fn place_many(self, count: usize) -> Vec<PledgeRecord> {
        let inputs: Vec<PledgeInput> = (0..count).map(|_| self.input(new_backer())).collect();
        futures::future::join_all(inputs.into_iter().map(|input| self.submit(input))).await
    }

    fn input(&self, email: String) -> PledgeInput {
        let campaign = self.app.campaign_file();
        let amount = self.amount.clone().unwrap_or_else(|| match &self.reward {
            Some(id) => {
                let reward = campaign.reward(id).unwrap_or_else(|| panic!("no reward {id} in the campaign file"));
                current_minimum(reward, self.app.clock.now()).to_string()
            }
            None => campaign.min_pledge.to_string(),
        });
        PledgeInput { reward: self.reward.clone(), amount, name: "Backer".to_owned(), email, ..Default::default() }
    }

    async fn submit(&self, input: PledgeInput) -> PledgeRecord {
        let new = input.validate(self.app.campaign_file(), self.app.clock.now()).expect("a valid pledge");
        self.app.writer.place(new, Lang::Fr, None).await.expect("the pledge is placed").pledge
    }
}

fn new_backer() -> String {
    format!("backer-{}@example.ch", NEXT_BACKER.fetch_add(1, Ordering::Relaxed))
}
