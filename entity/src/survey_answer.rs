//! A backer's answer to one question of their reward's survey.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pledge_id: i64,
    /// The question's id in the campaign file.
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: String,
    /// The text typed, or the id of the value chosen.
    pub answer: String,
    pub answered_at_ms: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
