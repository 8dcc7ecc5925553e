//! Backers, one row per email, so the campaign counts people rather than pledges.

use sea_orm::entity::prelude::*;

/// How many active pledges one email holds; the backers counter moves when this crosses zero.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "backers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub email: String,
    pub active_pledges: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
