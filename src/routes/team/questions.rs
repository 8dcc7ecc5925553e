//! The team's questions: `/team/questions` lists what visitors asked (those to answer first);
//! `/team/questions/<id>` shows one, with the form that answers it by email and, when its
//! asker agreed, the one that publishes it in the FAQ as the team words it.

use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::states::QuestionState;
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::csrf::{self, CsrfOnly, CsrfToken};
use crate::routes::errors::{PageError, status_of};
use crate::routes::fields::FormErrors;
use crate::routes::views::{self, Choice};
use crate::services::questions::{self, MAX_ANSWER, MAX_FAQ_QUESTION};
use crate::services::stored::instant;

/// A question as the team reads it.
#[derive(Serialize)]
struct QuestionRow {
    id: i64,
    name: String,
    email: String,
    lang: &'static str,
    message: String,
    asked: String,
    state: String,
    state_label: String,
    may_publish: bool,
    answer: Option<String>,
    answered: Option<String>,
}

fn row(app: &AppState, lang: Lang, q: entity::question::Model) -> QuestionRow {
    let answered = q.answered_at_ms.map(|ms| {
        let when = views::moment(app, instant(ms), lang);
        i18n::t_args(
            lang,
            "team-question-answered-by",
            &[("when", when), ("by", q.answered_by.clone().unwrap_or_default())],
        )
    });
    QuestionRow {
        id: q.id,
        name: q.name,
        email: q.email,
        lang: Lang::from_tag(&q.lang).unwrap_or_default().code(),
        message: q.message,
        asked: views::moment(app, instant(q.created_at_ms), lang),
        state: q.state.to_string(),
        state_label: i18n::t(lang, &format!("team-question-{}", q.state)),
        may_publish: q.may_publish,
        answer: q.answer,
        answered,
    }
}

#[derive(Serialize)]
struct ListPage {
    rows: Vec<QuestionRow>,
    states: Vec<Choice>,
}

#[get("/team/questions?<state>")]
async fn list_questions(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
    state: Option<&str>,
) -> Result<Template, PageError> {
    let wanted = state.and_then(|s| s.parse::<QuestionState>().ok());
    let rows = questions::list(&app.db, app.campaign_id, wanted).await?;
    let body = ListPage {
        rows: rows.into_iter().map(|q| row(app, lang, q)).collect(),
        states: views::options(lang, QuestionState::all(), "team-question-", |s| Some(s) == wanted),
    };
    let page = super::team_page(app, lang, "/team/questions", "team-questions-title", &session, &csrf, body);
    Ok(Template::render("team_questions", page))
}

#[derive(Serialize)]
struct QuestionPage {
    question: QuestionRow,
    /// The answer as typed (kept when refused), or the one sent.
    answer_text: String,
    faq_question: String,
    faq_answer: String,
    published: bool,
    /// Whether the FAQ form is offered: the asker agreed and it is answered.
    publishable: bool,
    max_answer: usize,
    max_faq_question: usize,
    errors: FormErrors,
    /// What just happened.
    done: Option<String>,
}

/// What a question's page shows besides the question: what was typed and its mistakes.
#[derive(Default)]
struct Typed<'a> {
    answer: Option<&'a str>,
    faq: Option<(&'a str, &'a str)>,
    errors: &'a [AppError],
    done: Option<&'a str>,
}

async fn question_page(
    app: &AppState,
    session: &TeamSession,
    lang: Lang,
    csrf: &CsrfToken,
    id: i64,
    typed: Typed<'_>,
) -> Result<Template, AppError> {
    let q = questions::get(&app.db, id).await?;
    let published = q.state == QuestionState::Published;
    let publishable = q.may_publish && q.answer.is_some();
    let (faq_question, faq_answer) = match typed.faq {
        Some((question, answer)) => (question.to_owned(), answer.to_owned()),
        None => (
            q.faq_question.clone().unwrap_or_else(|| q.message.chars().take(MAX_FAQ_QUESTION).collect()),
            q.faq_answer.clone().or_else(|| q.answer.clone()).unwrap_or_default(),
        ),
    };
    let body = QuestionPage {
        answer_text: typed.answer.map(str::to_owned).unwrap_or_default(),
        faq_question,
        faq_answer,
        published,
        publishable,
        question: row(app, lang, q),
        max_answer: MAX_ANSWER,
        max_faq_question: MAX_FAQ_QUESTION,
        errors: FormErrors::of(app, typed.errors, lang),
        done: typed.done.map(|key| i18n::t(lang, key)),
    };
    let path = format!("/team/questions/{id}");
    let page = super::team_page(app, lang, &path, "team-question-title", session, csrf, body);
    Ok(Template::render("team_question", page))
}

#[get("/team/questions/<id>?<done>")]
async fn show_question(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
    id: i64,
    done: Option<&str>,
) -> Result<Template, PageError> {
    let done = match done {
        Some("answered") => Some("team-question-sent"),
        Some("published") => Some("team-question-published-done"),
        Some("unpublished") => Some("team-question-unpublished-done"),
        _ => None,
    };
    Ok(question_page(app, &session, lang, &csrf, id, Typed { done, ..Typed::default() }).await?)
}

#[derive(Debug, FromForm)]
struct AnswerForm {
    answer: Option<String>,
    csrf: Option<String>,
}

#[post("/team/questions/<id>/answer", data = "<form>")]
async fn answer_question(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    id: i64,
    form: Form<AnswerForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let typed = form.answer.clone().unwrap_or_default();
    match questions::answer(&app.db, &app.letters, id, &typed, &session.member.email, app.clock.now()).await {
        Ok(()) => Ok(Ok(Redirect::to(format!("/team/questions/{id}?done=answered")))),
        Err(error) if error.is_internal() || matches!(error, AppError::NotFound) => Err(error.into()),
        Err(error) => {
            let shown = Typed { answer: Some(&typed), errors: std::slice::from_ref(&error), ..Typed::default() };
            let page = question_page(app, &session, lang, &csrf, id, shown).await?;
            Ok(Err((status_of(&error), page)))
        }
    }
}

#[derive(Debug, FromForm)]
struct PublishForm {
    faq_question: Option<String>,
    faq_answer: Option<String>,
    csrf: Option<String>,
}

#[post("/team/questions/<id>/publish", data = "<form>")]
async fn publish_question(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    id: i64,
    form: Form<PublishForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let (question, answer) =
        (form.faq_question.clone().unwrap_or_default(), form.faq_answer.clone().unwrap_or_default());
    match questions::publish(&app.db, id, &question, &answer, app.clock.now()).await {
        Ok(()) => Ok(Ok(Redirect::to(format!("/team/questions/{id}?done=published")))),
        Err(errors) => {
            if let Some(error) = errors.iter().find(|e| e.is_internal() || matches!(e, AppError::NotFound)) {
                return Err(error.clone().into());
            }
            let shown = Typed { faq: Some((&question, &answer)), errors: &errors, ..Typed::default() };
            let page = question_page(app, &session, lang, &csrf, id, shown).await?;
            Ok(Err((Status::UnprocessableEntity, page)))
        }
    }
}

#[post("/team/questions/<id>/unpublish", data = "<form>")]
async fn unpublish_question(
    app: &State<AppState>,
    _session: TeamSession,
    jar: &CookieJar<'_>,
    id: i64,
    form: Form<CsrfOnly>,
) -> Result<Redirect, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    questions::unpublish(&app.db, id).await?;
    Ok(Redirect::to(format!("/team/questions/{id}?done=unpublished")))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![list_questions, show_question, answer_question, publish_question, unpublish_question]
}
