//! Reading the campaign's figures for pages and the API: counters, never a scan of pledges.

use chrono::{DateTime, Utc};
use entity::{campaign, reward, reward_choice, reward_session};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::stored::instant;
use super::treasury::PaymentFigures;
use crate::config::Campaign;
use crate::db::Db;
use crate::domain::states::RewardKind;
use crate::domain::{Amount, CampaignState, Lang};
use crate::error::AppError;

/// The live figures of the campaign and of each of its active rewards, in file order.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub campaign: CampaignFigures,
    pub rewards: Vec<RewardFigures>,
}

/// The campaign's counters, as the pledge transaction keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignFigures {
    pub slug: String,
    /// As stored: still `Open` past the deadline until the closer ran (see [`Snapshot::state`]).
    pub stored_state: CampaignState,
    pub goal: Amount,
    pub deadline: DateTime<Utc>,
    pub pledged: Amount,
    /// Active pledges.
    pub pledge_count: i64,
    /// Distinct emails among active pledges.
    pub backers: i64,
    pub closed_at: Option<DateTime<Utc>>,
    /// Distinct people who offered help without money.
    pub helpers: i64,
    /// The money received, owed and owed back, as the ledger keeps it.
    pub payments: PaymentFigures,
}

/// A reward's counters, with what the database keeps of its texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardFigures {
    pub id: String,
    pub kind: RewardKind,
    /// The French title kept in the database.
    pub title_fr: String,
    pub minimum: Amount,
    pub limit: Option<i64>,
    pub claimed: i64,
    pub early_bird_claimed: i64,
    /// What its active pledges add up to.
    pub pledged: Amount,
    /// Its sessions in the campaign file, in file order.
    pub sessions: Vec<SessionFigures>,
    /// Its choices in the campaign file, each with its values in file order.
    pub choices: Vec<ChoiceFigures>,
}

/// A session's seats, as the pledge transaction keeps them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFigures {
    pub id: String,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
    /// An address, or `online`.
    pub place: String,
    pub seats: i64,
    pub claimed: i64,
}

impl SessionFigures {
    pub fn remaining(&self) -> i64 {
        (self.seats - self.claimed).max(0)
    }
}

/// A reward's choice, such as `colour`, and its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceFigures {
    pub name: String,
    pub values: Vec<ValueFigures>,
}

/// A choice's value and what remains of its stock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueFigures {
    pub id: String,
    pub limit: Option<i64>,
    pub claimed: i64,
}

impl ValueFigures {
    /// `None` when unlimited.
    pub fn remaining(&self) -> Option<i64> {
        self.limit.map(|limit| (limit - self.claimed).max(0))
    }
}

impl RewardFigures {
    /// What remains of a limited reward; `None` when unlimited.
    pub fn remaining(&self) -> Option<i64> {
        self.limit.map(|limit| (limit - self.claimed).max(0))
    }

    /// Whether a pledge can take it, whatever the campaign's state: a unit is left, a value of
    /// each of its choices, and when its session is chosen on the pledge form, a seat in one of
    /// its sessions.
    pub fn available(&self, campaign: &Campaign) -> bool {
        let at_pledge = campaign
            .reward(&self.id)
            .is_some_and(|r| r.choose_session == crate::config::reward_options::ChooseSession::AtPledge);
        let seats = !at_pledge || self.sessions.is_empty() || self.sessions.iter().any(|s| s.remaining() > 0);
        let choices = self.choices.iter().all(|c| c.values.iter().any(|v| v.remaining() != Some(0)));
        self.remaining() != Some(0) && seats && choices
    }

    /// Its title in `lang`, from the campaign file; a reward that left the file but keeps
    /// pledges has only the French title the database kept.
    pub fn title<'a>(&'a self, campaign: &'a Campaign, lang: Lang) -> &'a str {
        campaign.reward(&self.id).map_or(&self.title_fr, |reward| reward.title.get(lang))
    }
}

impl From<campaign::Model> for CampaignFigures {
    fn from(row: campaign::Model) -> CampaignFigures {
        let payments = PaymentFigures::from(&row);
        CampaignFigures {
            slug: row.slug,
            stored_state: row.state,
            goal: Amount::from_cents(row.goal_cents),
            deadline: instant(row.deadline_ms),
            pledged: Amount::from_cents(row.pledged_cents),
            pledge_count: row.pledge_count,
            backers: row.backers,
            closed_at: row.closed_at_ms.map(instant),
            helpers: row.helpers,
            payments,
        }
    }
}

impl From<reward::Model> for RewardFigures {
    fn from(row: reward::Model) -> RewardFigures {
        RewardFigures {
            id: row.id,
            kind: row.kind,
            title_fr: row.title_fr,
            minimum: Amount::from_cents(row.minimum_cents),
            limit: row.limit_qty,
            claimed: row.claimed,
            early_bird_claimed: row.early_bird_claimed,
            pledged: Amount::from_cents(row.pledged_cents),
            sessions: Vec::new(),
            choices: Vec::new(),
        }
    }
}

impl Snapshot {
    /// The state to show at `now`: a campaign past its deadline that the closer has not
    /// reached yet already shows its result.
    pub fn state(&self, now: DateTime<Utc>) -> CampaignState {
        let figures = &self.campaign;
        match figures.stored_state {
            CampaignState::Open if now >= figures.deadline => {
                CampaignState::at_close(figures.pledged.cents(), figures.goal.cents())
            }
            stored => stored,
        }
    }

    /// Percent of the goal reached, rounded down; may pass 100.
    pub fn percent_funded(&self) -> i64 {
        let (pledged, goal) = (self.campaign.pledged.cents(), self.campaign.goal.cents());
        if goal <= 0 { 0 } else { pledged * 100 / goal }
    }

    pub fn reward(&self, id: &str) -> Option<&RewardFigures> {
        self.rewards.iter().find(|r| r.id == id)
    }
}

/// Reads the campaign row, its rewards, their sessions and choices: four queries, whatever the
/// number of pledges.
pub async fn snapshot(db: &Db, campaign_id: i32) -> Result<Snapshot, AppError> {
    let campaign = campaign::Entity::find_by_id(campaign_id).one(&db.read).await?.ok_or(AppError::NotFound)?;
    let rewards = reward::Entity::find()
        .filter(reward::Column::CampaignId.eq(campaign_id))
        .filter(reward::Column::Active.eq(true))
        .order_by_asc(reward::Column::Position)
        .all(&db.read)
        .await?;
    let mut rewards: Vec<RewardFigures> = rewards.into_iter().map(RewardFigures::from).collect();
    let ids = rewards.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    let sessions = reward_session::Entity::find()
        .filter(reward_session::Column::RewardId.is_in(ids.iter().map(String::as_str)))
        .filter(reward_session::Column::Active.eq(true))
        .order_by_asc(reward_session::Column::Position)
        .all(&db.read)
        .await?;
    let values = reward_choice::Entity::find()
        .filter(reward_choice::Column::RewardId.is_in(ids.iter().map(String::as_str)))
        .filter(reward_choice::Column::Active.eq(true))
        .order_by_asc(reward_choice::Column::Position)
        .all(&db.read)
        .await?;
    for reward in &mut rewards {
        reward.sessions = sessions
            .iter()
            .filter(|s| s.reward_id == reward.id)
            .map(|s| SessionFigures {
                id: s.id.clone(),
                starts: instant(s.starts_ms),
                ends: instant(s.ends_ms),
                place: s.place.clone(),
                seats: s.seats,
                claimed: s.claimed,
            })
            .collect();
        for value in values.iter().filter(|v| v.reward_id == reward.id) {
            let figures = ValueFigures { id: value.value.clone(), limit: value.limit_qty, claimed: value.claimed };
            match reward.choices.iter_mut().find(|c| c.name == value.choice) {
                Some(choice) => choice.values.push(figures),
                None => reward.choices.push(ChoiceFigures { name: value.choice.clone(), values: vec![figures] }),
            }
        }
    }
    Ok(Snapshot { campaign: campaign.into(), rewards })
}
