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
    /// `open`, `succeeded` or `failed`.
    pub state: String,
    pub goal_cents: i64,
    pub deadline_ms: i64,
    pub pledged_cents: i64,
    pub pledge_count: i64,
    pub backers: i64,
    pub closed_at_ms: Option<i64>,
    /// How many people (distinct emails) offered help without money.
    pub helpers: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
