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
    /// `pending`, `approved`, `rejected` or `unpublished`.
    pub state: String,
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

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
