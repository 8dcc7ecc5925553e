//! A reward, synced from the campaign file, with its claim counters.

use sea_orm::entity::prelude::*;

/// One reward. `claimed` never exceeds `limit_qty`: the claim is a conditional update.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rewards")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub campaign_id: i32,
    pub position: i32,
    pub kind: RewardKind,
    pub title_fr: String,
    pub title_en: String,
    pub minimum_cents: i64,
    pub limit_qty: Option<i64>,
    pub early_bird_cents: Option<i64>,
    pub early_bird_first: Option<i64>,
    pub early_bird_until_ms: Option<i64>,
    pub claimed: i64,
    pub early_bird_claimed: i64,
    pub pledged_cents: i64,
    /// False once the reward left the campaign file but still has pledges.
    pub active: bool,
}

/// The five kinds of reward a campaign offers; the stored text is the campaign file's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "kebab-case")]
pub enum RewardKind {
    Object,
    Workshop,
    GuidedTour,
    Coaching,
    Meeting,
}

crate::stored_text!(RewardKind);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
