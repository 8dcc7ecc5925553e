//! What pledges from one source add up to: by `?ref=` tag (`kind` `tag`) or by referring
//! site (`kind` `site`); `name` is empty for pledges without one. Over each kind, the sum
//! equals the campaign's totals.

use sea_orm::entity::prelude::*;

/// One source of one campaign.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "source_totals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub campaign_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub kind: SourceKind,
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    pub cents: i64,
    pub pledges: i64,
}

/// The two ways a source is told: the campaign's own tag, or the site that linked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum SourceKind {
    /// The `?ref=` tag of the link.
    Tag,
    /// The host of the referring page.
    Site,
}

crate::stored_text!(SourceKind);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
