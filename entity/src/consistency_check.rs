//! One run of `bobine check`.

use sea_orm::entity::prelude::*;

/// When the counters were compared with the pledges, and how many differed.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consistency_checks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub checked_at_ms: i64,
    pub differences: i64,
    /// One line per difference.
    pub report: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
