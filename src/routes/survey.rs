//! The survey of a reward on its backer's private page: the questions it asks once the
//! campaign succeeded, answered and answered again until the reward is on its way.

use std::collections::BTreeMap;

use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::response::{Flash, Redirect};
use rocket::{State, post, routes};
use serde::Serialize;

use crate::app::AppState;
use crate::domain::rate_limit::LimitKind;
use crate::domain::{CampaignState, Lang};
use crate::error::AppError;
use crate::routes::Answer;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::PageError;
use crate::routes::limits::Admission;
use crate::services::pledges::PledgeRecord;
use crate::services::{fulfilment, survey};

/// The survey as the private page shows it: its questions with the answers given or typed.
#[derive(Debug, Serialize)]
pub struct SurveyView {
    pub questions: Vec<QuestionView>,
    /// Every required question has an answer.
    pub answered: bool,
}

#[derive(Debug, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub question: String,
    pub optional: bool,
    /// The answer given or typed, as a form value.
    pub answer: String,
    /// The values to choose from, the chosen one marked; empty for an answer in words.
    pub values: Vec<ValueView>,
}

#[derive(Debug, Serialize)]
pub struct ValueView {
    pub id: String,
    pub label: String,
    pub selected: bool,
}

/// The survey of `pledge`'s reward, once the campaign succeeded and while the reward is not on
/// its way; `typed` brings back the answers of a refused form.
pub async fn survey_view(
    state: &AppState,
    pledge: &PledgeRecord,
    campaign_state: CampaignState,
    lang: Lang,
    typed: Option<&BTreeMap<String, String>>,
) -> Result<Option<SurveyView>, AppError> {
    let reward = pledge.reward_id.as_deref().and_then(|id| state.campaign.reward(id)).filter(|r| !r.survey.is_empty());
    let Some(reward) = reward.filter(|_| pledge.is_active() && campaign_state == CampaignState::Succeeded) else {
        return Ok(None);
    };
    let step = fulfilment::of(&state.db, pledge.id).await?.map(|f| f.state);
    if !survey::open_at(step) {
        return Ok(None);
    }
    let stored = survey::of(&state.db.read, pledge.id).await?;
    let answered = reward.survey.iter().all(|q| q.optional || stored.contains_key(&q.id));
    let answers = typed.unwrap_or(&stored);
    let questions = reward
        .survey
        .iter()
        .map(|q| {
            let answer = answers.get(&q.id).cloned().unwrap_or_default();
            QuestionView {
                id: q.id.clone(),
                question: q.question.get(lang).to_owned(),
                optional: q.optional,
                values: q
                    .values
                    .iter()
                    .map(|v| ValueView {
                        id: v.id.clone(),
                        label: v.label.get(lang).to_owned(),
                        selected: v.id == answer,
                    })
                    .collect(),
                answer,
            }
        })
        .collect();
    Ok(Some(SurveyView { questions, answered }))
}

#[derive(Debug, FromForm)]
struct SurveyForm {
    /// `answer.<question>=…`
    answer: BTreeMap<String, String>,
    csrf: Option<String>,
}

#[post("/pledges/<token>/survey", data = "<form>")]
async fn answer_survey(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    admission: Admission<'_>,
    token: &str,
    form: Form<SurveyForm>,
) -> Result<Result<Flash<Redirect>, Answer>, PageError> {
    admission.by_address(LimitKind::Pledges)?;
    let form = form.into_inner();
    let outcome = match csrf::verify(jar, form.csrf.as_deref()) {
        Ok(()) => survey::answer(&state.db, &state.campaign, token, &form.answer, lang, state.clock.now()).await,
        Err(e) => Err(e),
    };
    let typed = crate::routes::pledges::Typed::Answers(&form.answer);
    crate::routes::pledges::private_form_answer(state, lang, &csrf, token, outcome, "survey-saved", typed).await
}

pub fn routes() -> Vec<rocket::Route> {
    routes![answer_survey]
}
