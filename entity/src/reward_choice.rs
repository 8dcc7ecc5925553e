//! One value of a reward's choice (a size, a colour), synced from the campaign file, with the
//! units taken when it has a stock.

use sea_orm::entity::prelude::*;

/// One value. `claimed` never exceeds `limit_qty`: the claim is a conditional update.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reward_choices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub reward_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub choice: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub value: String,
    pub position: i32,
    pub limit_qty: Option<i64>,
    pub claimed: i64,
    /// False once the value left the campaign file but is still held.
    pub active: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
