//! A designer's profile. Public only once the team approved it.

use sea_orm::entity::prelude::*;

/// One designer, as they wrote their profile and as the team moderated it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "designers")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i32,
    /// In public addresses: `/designers/<slug>`; rewards name designers by it.
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub brand: String,
    /// Private: for the team and the designer's own emails.
    pub email: String,
    #[sea_orm(column_type = "Text")]
    pub bio: String,
    pub website: Option<String>,
    /// Social links, one per line.
    #[sea_orm(column_type = "Text")]
    pub links: String,
    /// Practices ticked, comma-separated (see `bobine::domain::designer::PRACTICES`).
    pub practices: String,
    pub practices_other: Option<String>,
    pub area: String,
    pub state: DesignerState,
    #[sea_orm(column_type = "Text", nullable)]
    pub reject_reason: Option<String>,
    /// Opens the designer's private page to edit the profile.
    #[sea_orm(unique)]
    pub edit_token: String,
    pub lang: String,
    #[sea_orm(unique)]
    pub form_key: Option<String>,
    pub has_photo: bool,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub approved_at_ms: Option<i64>,
}

/// Where a profile is in the team's moderation. Only `Approved` is public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum DesignerState {
    /// Waiting for the team's decision (new, or edited after a rejection).
    Pending,
    Approved,
    /// Sent back with a reason; the designer may edit it and submit again.
    Rejected,
    /// Taken off the site by the team after it was approved.
    Unpublished,
}

crate::stored_text!(DesignerState);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
