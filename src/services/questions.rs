//! Questions from visitors: anyone asks one at `/questions` (no account), the team reads it
//! at `/team/questions`, answers by email (the answer stays with the question), and, when the
//! asker agreed, publishes it in the FAQ as the team words it, without the asker's name.

use chrono::{DateTime, Utc};
use entity::question;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

use super::letters::Letters;
use super::offers::text_error;
use super::outbox;
use crate::db::Db;
use crate::domain::states::QuestionState;
use crate::domain::text::required;
use crate::domain::{Email, Lang, PersonName, markdown};
use crate::error::{AppError, Problems};

pub const MAX_MESSAGE: usize = 4_000;
pub const MAX_ANSWER: usize = 8_000;
pub const MAX_FAQ_QUESTION: usize = 300;

/// A question as typed.
#[derive(Debug, Clone, Default)]
pub struct QuestionInput {
    pub name: String,
    pub email: String,
    pub message: String,
    pub may_publish: bool,
}

/// A question that passed its checks.
#[derive(Debug, Clone)]
pub struct NewQuestion {
    pub name: PersonName,
    pub email: Email,
    pub message: String,
    pub may_publish: bool,
}

impl QuestionInput {
    /// Every mistake at once, in the order of the form, or the question.
    pub fn validate(&self) -> Result<NewQuestion, Vec<AppError>> {
        let mut problems = Problems::default();
        let name = problems.keep(PersonName::parse(&self.name).map_err(AppError::from));
        let email = problems.keep(Email::parse(&self.email).map_err(AppError::from));
        let message = problems.keep(required(&self.message, MAX_MESSAGE).map_err(|e| text_error("message", e)));
        match (name, email, message) {
            (Some(name), Some(email), Some(message)) if problems.is_empty() => {
                Ok(NewQuestion { name, email, message, may_publish: self.may_publish })
            }
            _ => Err(problems.into_vec()),
        }
    }
}

/// Stores a question asked in `lang`; gives its id.
pub async fn ask(
    db: &Db,
    campaign_id: i32,
    new: &NewQuestion,
    lang: Lang,
    client: Option<std::net::IpAddr>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let row = question::ActiveModel {
        campaign_id: Set(campaign_id),
        name: Set(new.name.as_str().to_owned()),
        email: Set(new.email.to_string()),
        lang: Set(lang.code().to_owned()),
        message: Set(new.message.clone()),
        may_publish: Set(new.may_publish),
        state: Set(QuestionState::New),
        client_address: Set(client.map(|a| a.to_string())),
        created_at_ms: Set(now.timestamp_millis()),
        ..Default::default()
    }
    .insert(&db.write)
    .await?;
    Ok(row.id)
}

/// The questions of the campaign, those to answer first, then newest first; only those in
/// `state` when given.
pub async fn list(db: &Db, campaign_id: i32, state: Option<QuestionState>) -> Result<Vec<question::Model>, AppError> {
    let mut select = question::Entity::find().filter(question::Column::CampaignId.eq(campaign_id));
    if let Some(state) = state {
        select = select.filter(question::Column::State.eq(state));
    }
    let mut rows = select.order_by_desc(question::Column::Id).all(&db.read).await?;
    rows.sort_by_key(|row| row.state != QuestionState::New);
    Ok(rows)
}

/// How many questions wait for an answer.
pub async fn waiting(db: &Db, campaign_id: i32) -> Result<u64, AppError> {
    Ok(question::Entity::find()
        .filter(question::Column::CampaignId.eq(campaign_id))
        .filter(question::Column::State.eq(QuestionState::New))
        .count(&db.read)
        .await?)
}

pub async fn get(db: &Db, id: i64) -> Result<question::Model, AppError> {
    question::Entity::find_by_id(id).one(&db.read).await?.ok_or(AppError::NotFound)
}

/// Answers a question by email, in the language it was asked in, and keeps the answer with it:
/// one transaction. Answering again (to add or correct) sends another email and keeps the last.
pub async fn answer(
    db: &Db,
    letters: &Letters,
    id: i64,
    typed: &str,
    by: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let text = required(typed, MAX_ANSWER).map_err(|e| text_error("answer", e))?;
    let txn = db.write.begin().await?;
    let row = question::Entity::find_by_id(id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let state = if row.state == QuestionState::New { QuestionState::Answered } else { row.state };
    let mut answered: question::ActiveModel = row.into();
    answered.answer = Set(Some(text));
    answered.answered_by = Set(Some(by.to_owned()));
    answered.answered_at_ms = Set(Some(now.timestamp_millis()));
    answered.state = Set(state);
    let answered = answered.update(&txn).await?;
    outbox::queue(&txn, &[letters.question_answered(&answered)], now).await?;
    txn.commit().await?;
    Ok(())
}

/// Publishes an answered question in the FAQ, worded as the team typed it; only when the asker
/// agreed. Every mistake at once.
pub async fn publish(
    db: &Db,
    id: i64,
    question_text: &str,
    answer_text: &str,
    now: DateTime<Utc>,
) -> Result<(), Vec<AppError>> {
    let row = get(db, id).await.map_err(|e| vec![e])?;
    let mut problems = Problems::default();
    if !row.may_publish {
        problems.add(AppError::invalid("faq_question", "error-question-private"));
    } else if row.answer.is_none() {
        problems.add(AppError::invalid("faq_answer", "error-question-unanswered"));
    }
    let wording = problems.keep(required(question_text, MAX_FAQ_QUESTION).map_err(|e| text_error("faq_question", e)));
    let answer = problems.keep(required(answer_text, MAX_ANSWER).map_err(|e| text_error("faq_answer", e)));
    let (Some(wording), Some(answer)) = (wording, answer) else {
        return Err(problems.into_vec());
    };
    if !problems.is_empty() {
        return Err(problems.into_vec());
    }
    let mut published: question::ActiveModel = row.into();
    published.faq_answer_html = Set(Some(markdown::to_safe_html(&answer)));
    published.faq_question = Set(Some(wording));
    published.faq_answer = Set(Some(answer));
    published.state = Set(QuestionState::Published);
    published.published_at_ms = Set(Some(now.timestamp_millis()));
    published.update(&db.write).await.map_err(|e| vec![e.into()])?;
    Ok(())
}

/// Takes a question out of the FAQ; it stays answered.
pub async fn unpublish(db: &Db, id: i64) -> Result<(), AppError> {
    let done = question::Entity::update_many()
        .col_expr(question::Column::State, Expr::value(QuestionState::Answered.to_string()))
        .col_expr(question::Column::PublishedAtMs, Expr::value(Option::<i64>::None))
        .filter(question::Column::Id.eq(id))
        .filter(question::Column::State.eq(QuestionState::Published))
        .exec(&db.write)
        .await?;
    if done.rows_affected == 1 { Ok(()) } else { Err(AppError::NotFound) }
}

/// The questions in the FAQ, in the order they were published.
pub async fn published(db: &Db, campaign_id: i32) -> Result<Vec<question::Model>, AppError> {
    Ok(question::Entity::find()
        .filter(question::Column::CampaignId.eq(campaign_id))
        .filter(question::Column::State.eq(QuestionState::Published))
        .order_by_asc(question::Column::PublishedAtMs)
        .all(&db.read)
        .await?)
}
