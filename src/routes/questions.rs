//! `/questions`: the FAQ (from the campaign file, then the questions the team published), and
//! the form where anyone asks one, without an account. The team answers by email.

use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::rate_limit::LimitKind;
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::client::ClientAddress;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::{PageError, status_of};
use crate::routes::fields::FormErrors;
use crate::routes::limits::Admission;
use crate::routes::views::{Notice, Page};
use crate::services::questions::{self, MAX_MESSAGE, QuestionInput};

/// A question of the FAQ as pages show it.
#[derive(Debug, Serialize)]
pub struct FaqEntry {
    /// Its anchor, `#faq-<id>`.
    pub id: String,
    pub question: String,
    pub answer_html: String,
    /// The language it is written in, when not the page's (a published question is in the
    /// language it was asked in).
    pub lang: Option<&'static str>,
}

/// The FAQ in `lang`: the campaign file's questions, then those the team published.
pub async fn faq(state: &AppState, lang: Lang) -> Result<Vec<FaqEntry>, AppError> {
    let mut entries: Vec<FaqEntry> = state
        .campaign
        .faq
        .iter()
        .map(|faq| FaqEntry {
            id: faq.id.clone(),
            question: faq.question.get(lang).to_owned(),
            answer_html: faq.answer_html.get(lang).to_owned(),
            lang: None,
        })
        .collect();
    for row in questions::published(&state.db, state.campaign_id).await? {
        let written = Lang::from_tag(&row.lang).unwrap_or_default();
        entries.push(FaqEntry {
            id: format!("q{}", row.id),
            question: row.faq_question.unwrap_or_default(),
            answer_html: row.faq_answer_html.unwrap_or_default(),
            lang: (written != lang).then(|| written.code()),
        });
    }
    Ok(entries)
}

#[derive(Debug, FromForm)]
struct QuestionForm {
    name: Option<String>,
    email: Option<String>,
    message: Option<String>,
    may_publish: bool,
    csrf: Option<String>,
}

#[derive(Serialize)]
struct QuestionsPage {
    faq: Vec<FaqEntry>,
    name: String,
    email: String,
    message: String,
    may_publish: bool,
    max_message: usize,
    errors: FormErrors,
    csrf: String,
}

async fn page(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    input: &QuestionInput,
    errors: &[AppError],
) -> Result<Template, AppError> {
    let body = QuestionsPage {
        faq: faq(state, lang).await?,
        name: input.name.clone(),
        email: input.email.clone(),
        message: input.message.clone(),
        may_publish: input.may_publish,
        max_message: MAX_MESSAGE,
        errors: FormErrors::of(state, errors, lang),
        csrf: csrf.0.clone(),
    };
    let page = Page::new(state, lang, "/questions", body)
        .titled(i18n::t(lang, "questions-title"))
        .described(&i18n::t(lang, "questions-intro"));
    Ok(Template::render("questions", page))
}

#[get("/questions")]
async fn show_questions(state: &State<AppState>, lang: Lang, csrf: CsrfToken) -> Result<Template, PageError> {
    Ok(page(state, lang, &csrf, &QuestionInput::default(), &[]).await?)
}

#[post("/questions", data = "<form>")]
async fn ask_question(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    admission: Admission<'_>,
    client: ClientAddress,
    form: Form<QuestionForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let input = QuestionInput {
        name: text(&form.name),
        email: text(&form.email),
        message: text(&form.message),
        may_publish: form.may_publish,
    };
    let checked = admission.by_address(LimitKind::Questions).and_then(|()| csrf::verify(jar, form.csrf.as_deref()));
    let outcome = match checked {
        Err(error) => Err(vec![error]),
        Ok(()) => input
            .validate()
            .and_then(|new| admission.by_email(LimitKind::Questions, &new.email).map(|()| new).map_err(|e| vec![e])),
    };
    match outcome {
        Ok(new) => {
            let now = state.clock.now();
            let id = questions::ask(&state.db, state.campaign_id, &new, lang, Some(client.0), now).await?;
            tracing::info!(%client, id, "question asked");
            Ok(Ok(Redirect::to("/questions/thanks")))
        }
        Err(errors) => {
            if let Some(internal) = errors.iter().find(|e| e.is_internal()) {
                return Err(internal.clone().into());
            }
            for error in &errors {
                admission.note(error);
            }
            let status = status_of(&errors[0]);
            Ok(Err((status, page(state, lang, &csrf, &input, &errors).await?)))
        }
    }
}

#[get("/questions/thanks")]
fn show_thanks(state: &State<AppState>, lang: Lang) -> Template {
    let body = Notice { title_key: "questions-thanks-title", text_key: "questions-thanks-text" };
    body.page(state, lang, "/questions/thanks", "notice", Some("questions-intro"))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_questions, ask_question, show_thanks]
}
