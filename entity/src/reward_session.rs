//! A dated session of an event reward, synced from the campaign file, with its seats taken.

use sea_orm::entity::prelude::*;

/// One session. `claimed` never exceeds `seats`: the claim is a conditional update.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reward_sessions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub reward_id: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub position: i32,
    pub starts_ms: i64,
    pub ends_ms: i64,
    /// An address, or `online`.
    pub place: String,
    pub seats: i64,
    pub claimed: i64,
    /// False once the session left the campaign file but still holds seats.
    pub active: bool,
    /// When its date or place last changed, or it was cancelled, after it was first synced.
    pub changed_at_ms: i64,
    /// The `changed_at_ms` its holders were last told of; behind it, they are still to tell.
    pub told_at_ms: i64,
    /// When its holders were reminded of it, the day before.
    pub reminded_at_ms: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
