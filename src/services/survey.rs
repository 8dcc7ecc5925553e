//! The questions a reward asks its backer once the campaign succeeded (`[[rewards.survey]]`):
//! answered, and answered again, on the private page until the reward is on its way; shown to
//! the team with the pledges, exported, and erased with the person's data.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use entity::{campaign, fulfilment, survey_answer};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::pledges;
use crate::config::Campaign;
use crate::config::campaign::Reward;
use crate::config::reward_options::{ANSWER_MAX, SurveyQuestion};
use crate::db::Db;
use crate::domain::Lang;
use crate::domain::states::{CampaignState, FulfilmentState, PledgeState};
use crate::error::AppError;

/// Whether a reward at `step` may still take answers: not once it left, was collected or
/// attended.
pub fn open_at(step: Option<FulfilmentState>) -> bool {
    matches!(step, None | Some(FulfilmentState::ToPrepare | FulfilmentState::Ready | FulfilmentState::Problem))
}

fn refused(key: &'static str, question: &SurveyQuestion, lang: Lang) -> AppError {
    AppError::Invalid { field: "survey", key, args: vec![("question", question.question.get(lang).to_owned())] }
}

/// The answers `typed` (by question id) checked against `reward`'s questions, in their order:
/// each required one present, a text within [`ANSWER_MAX`] characters, a choice one of its
/// values. Blank answers to optional questions are left out. The message names the question in
/// `lang`.
pub fn check(reward: &Reward, typed: &BTreeMap<String, String>, lang: Lang) -> Result<Vec<(String, String)>, AppError> {
    let mut answers = Vec::with_capacity(reward.survey.len());
    for question in &reward.survey {
        let answer = typed.get(&question.id).map(|a| a.trim().replace("\r\n", "\n")).unwrap_or_default();
        if answer.is_empty() {
            if question.optional {
                continue;
            }
            return Err(refused("error-survey-missing", question, lang));
        }
        if question.values.is_empty() {
            if answer.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
                return Err(refused("error-survey-unprintable", question, lang));
            }
            if answer.chars().count() > ANSWER_MAX {
                return Err(refused("error-survey-too-long", question, lang));
            }
        } else if !question.values.iter().any(|v| v.id == answer) {
            return Err(refused("error-survey-choice", question, lang));
        }
        answers.push((question.id.clone(), answer));
    }
    Ok(answers)
}

/// Stores the answers of the pledge whose private link holds `token`, replacing those it had:
/// one that counts, of a campaign that succeeded, for a reward with a survey that is not on its
/// way yet. Checked first, stored whole or not at all.
pub async fn answer(
    db: &Db,
    campaign: &Campaign,
    token: &str,
    typed: &BTreeMap<String, String>,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin_write().await?;
    let pledge = pledges::lock(&txn, token).await?;
    let reward = pledge.reward_id.as_deref().and_then(|id| campaign.reward(id)).filter(|r| !r.survey.is_empty());
    let succeeded = campaign::Entity::find_by_id(pledge.campaign_id)
        .one(&txn)
        .await?
        .is_some_and(|c| c.state == CampaignState::Succeeded);
    let step = fulfilment::Entity::find_by_id(pledge.id).one(&txn).await?.map(|f| f.state);
    let Some(reward) = reward.filter(|_| pledge.state == PledgeState::Active && succeeded && open_at(step)) else {
        return Err(AppError::invalid("survey", "error-survey-closed"));
    };
    let answers = check(reward, typed, lang)?;
    survey_answer::Entity::delete_many().filter(survey_answer::Column::PledgeId.eq(pledge.id)).exec(&txn).await?;
    let rows = answers.into_iter().map(|(question_id, answer)| survey_answer::ActiveModel {
        pledge_id: Set(pledge.id),
        question_id: Set(question_id),
        answer: Set(answer),
        answered_at_ms: Set(now.timestamp_millis()),
    });
    survey_answer::Entity::insert_many(rows).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// The answers of pledge `pledge_id`, by question id.
pub async fn of(db: &impl ConnectionTrait, pledge_id: i64) -> Result<BTreeMap<String, String>, AppError> {
    let rows = survey_answer::Entity::find().filter(survey_answer::Column::PledgeId.eq(pledge_id)).all(db).await?;
    Ok(rows.into_iter().map(|row| (row.question_id, row.answer)).collect())
}

/// The answers of the pledges `ids`, by pledge, then by question id.
pub async fn of_many(db: &Db, ids: &[i64]) -> Result<HashMap<i64, BTreeMap<String, String>>, AppError> {
    let mut found: HashMap<i64, BTreeMap<String, String>> = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows = survey_answer::Entity::find()
            .filter(survey_answer::Column::PledgeId.is_in(chunk.iter().copied()))
            .order_by_asc(survey_answer::Column::PledgeId)
            .all(&db.read)
            .await?;
        for row in rows {
            found.entry(row.pledge_id).or_default().insert(row.question_id, row.answer);
        }
    }
    Ok(found)
}

/// Whether `reward` asks a required question that `answers` leaves without an answer.
pub fn lacks_answers(reward: &Reward, answers: Option<&BTreeMap<String, String>>) -> bool {
    reward.survey.iter().any(|q| !q.optional && answers.is_none_or(|a| !a.contains_key(&q.id)))
}

/// An answer as people read it: the text typed, or the label of the value chosen in `lang`.
pub fn shown(question: &SurveyQuestion, answer: &str, lang: Lang) -> String {
    question.values.iter().find(|v| v.id == answer).map_or(answer, |v| v.label.get(lang)).to_owned()
}
