//! An update's title and body in one language.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "news_texts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub news_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub lang: String,
    pub title: String,
    /// Markdown, as the team wrote it.
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// The body as pages show it: rendered and sanitised when saved.
    #[sea_orm(column_type = "Text")]
    pub body_html: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
