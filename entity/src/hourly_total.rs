//! What an hour added to the campaign: money and pledges, net of changes and cancellations
//! made in that hour. The sum over all hours equals the campaign's totals.

use sea_orm::entity::prelude::*;

/// One hour of one campaign.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hourly_totals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub campaign_id: i32,
    /// The hour's start, in Unix milliseconds.
    #[sea_orm(primary_key, auto_increment = false)]
    pub hour_ms: i64,
    pub cents: i64,
    pub pledges: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
