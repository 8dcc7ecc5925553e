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
    pub kind: OfferKind,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub name: String,
    /// Stored as typed; compared in lower case.
    pub email: String,
    pub phone: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub availability: Option<String>,
    pub lang: String,
    pub state: OfferState,
    /// The team's note.
    #[sea_orm(column_type = "Text", nullable)]
    pub note: Option<String>,
    /// Drawn when the form was shown, so a double submission is one offer.
    #[sea_orm(unique)]
    pub form_key: Option<String>,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// What a helper offers; the stored text is also the form's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "kebab-case")]
pub enum OfferKind {
    Time,
    Skills,
    Machines,
    Space,
    Introduction,
    #[sea_orm(string_value = "partner-technology")]
    TechnologyPartner,
    #[sea_orm(string_value = "partner-media")]
    MediaPartner,
    #[sea_orm(string_value = "partner-finance")]
    FinancePartner,
    Interview,
}

crate::stored_text!(OfferKind);

/// Where the team is with an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum OfferState {
    New,
    Contacted,
    Accepted,
    Declined,
}

crate::stored_text!(OfferState);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
