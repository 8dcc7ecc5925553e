//! How often, and when last, a backer was asked for the address their reward lacks.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "detail_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pledge_id: i64,
    /// Emails sent: the first ask, then its reminders.
    pub asks: i32,
    pub last_at_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
