//! An offer of help without money: time, skills, machines, a space, an introduction, a
//! partnership or an interview.

use sea_orm::entity::prelude::*;

/// One offer, as the helper made it and as the team triages it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "offers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i32,
    /// See `bobine::domain::offer::OfferKind`.
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub name: String,
    /// Stored as typed; compared in lower case.
    pub email: String,
    pub phone: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub availability: Option<String>,
    pub lang: String,
    /// `new`, `contacted`, `accepted` or `declined`.
    pub state: String,
    /// The team's note.
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    /// Drawn when the form was shown, so a double submission is one offer.
    #[sea_orm(unique)]
    pub form_key: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
