//! Where an owed reward stands on its way to its backer. A pledge without a row is still to
//! prepare.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "fulfilments")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pledge_id: i64,
    pub reward_id: String,
    pub state: FulfilmentState,
    /// The carrier's tracking number, or a link to follow the parcel.
    pub tracking: Option<String>,
    /// The team's words: where and when to pick up, or what went wrong.
    pub note: Option<String>,
    pub changed_at_ms: i64,
}

/// A step on an owed reward's way to its backer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum FulfilmentState {
    ToPrepare,
    /// Waiting to be picked up, at the place and hours of the note.
    Ready,
    /// Handed to the carrier, with its tracking number.
    Shipped,
    Delivered,
    /// The backer came to their session.
    Attended,
    /// Something went wrong, said in the note.
    Problem,
}

crate::stored_text!(FulfilmentState);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
