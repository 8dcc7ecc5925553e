//! A designer's photo as served: re-encoded JPEG, without metadata. Kept in the database so
//! that every instance serves it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "designer_photos")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub designer_id: i64,
    pub jpeg: Vec<u8>,
    pub width: i32,
    pub height: i32,
    pub updated_at_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
