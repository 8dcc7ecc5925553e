//! A question a visitor asked at `/questions`, with the team's answer, and its FAQ entry once
//! published.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub campaign_id: i32,
    pub name: String,
    /// Where the answer goes; never shown publicly.
    pub email: String,
    /// The language the question was asked in: the answer's email is written in it.
    pub lang: String,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    /// The asker agreed that the question and its answer be published, without their name.
    pub may_publish: bool,
    pub state: QuestionState,
    /// The team's answer, as emailed.
    #[sea_orm(column_type = "Text", nullable)]
    pub answer: Option<String>,
    pub answered_by: Option<String>,
    pub answered_at_ms: Option<i64>,
    /// The FAQ entry: the question as the team worded it, its answer in Markdown and HTML.
    pub faq_question: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub faq_answer: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub faq_answer_html: Option<String>,
    pub published_at_ms: Option<i64>,
    /// The address it came from, for the team to find a flood from one place.
    pub client_address: Option<String>,
    pub created_at_ms: i64,
}

/// Where a question stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
pub enum QuestionState {
    /// Not answered yet.
    New,
    /// Answered by email.
    Answered,
    /// Answered, and in the FAQ.
    Published,
}

crate::stored_text!(QuestionState);

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
