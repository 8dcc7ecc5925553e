//! The postal address a pledge's shipped reward goes to.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "addresses")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pledge_id: i64,
    pub name: String,
    pub street: String,
    pub building: Option<String>,
    pub postcode: String,
    pub town: String,
    /// ISO 3166 code, in capitals.
    pub country: String,
    pub changed_at_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
