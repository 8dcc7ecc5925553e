//! The campaign row: its state and the counters the pledge transaction keeps.

use sea_orm::entity::prelude::*;

/// One campaign, with totals kept in step with its pledges.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaigns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub state: CampaignState,
    pub goal_cents: i64,
    pub deadline_ms: i64,
    pub pledged_cents: i64,
    pub pledge_count: i64,
    pub backers: i64,
    pub closed_at_ms: Option<i64>,
    /// How many people (distinct emails) offered help without money.
    pub helpers: i64,
    /// Money held: every ledger amount added up (payments in, reversals and refunds out).
    pub collected_cents: i64,
    /// What billed backers still owe.
    pub outstanding_cents: i64,
    /// What the team owes back.
    pub refund_due_cents: i64,
    /// What the team sent back.
    pub refunded_cents: i64,
    /// The amounts of dropped pledges, shown beside the pledged total they stay part of.
    pub dropped_cents: i64,
    pub dropped_pledges: i64,
}

/// Where a campaign is in its life. The only moves are `Open` to one of the two others, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum CampaignState {
    Open,
    Succeeded,
    Failed,
}

crate::stored_text!(CampaignState);

impl CampaignState {
    /// The state a campaign closes into, given what it raised.
    pub fn at_close(pledged_cents: i64, goal_cents: i64) -> CampaignState {
        if pledged_cents >= goal_cents { CampaignState::Succeeded } else { CampaignState::Failed }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
