//! `/pledges/find`: a backer who lost the email with their private link types their address
//! and has the links of its pledges sent to it. Every address gets the same answer, at the
//! same speed: the search and the email happen after the answer.

use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::rate_limit::LimitKind;
use crate::domain::{Email, Lang};
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::client::ClientAddress;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::{PageError, status_of};
use crate::routes::fields::FormErrors;
use crate::routes::limits::Admission;
use crate::routes::views::{Notice, Page};
use crate::services::pledge_links;

#[derive(Debug, FromForm)]
struct FindForm {
    email: Option<String>,
    csrf: Option<String>,
}

#[derive(Serialize)]
struct FindPage {
    email: String,
    errors: FormErrors,
    csrf: String,
}

fn form_page(state: &AppState, lang: Lang, csrf: &CsrfToken, email: String, error: Option<&AppError>) -> Template {
    let body = FindPage { email, errors: FormErrors::one(state, error, lang), csrf: csrf.0.clone() };
    let page = Page::new(state, lang, "/pledges/find", body)
        .titled(i18n::t(lang, "find-title"))
        .described(&i18n::t(lang, "find-intro"));
    Template::render("pledge_find", page)
}

#[get("/pledges/find")]
fn show_find_form(state: &State<AppState>, lang: Lang, csrf: CsrfToken) -> Template {
    form_page(state, lang, &csrf, String::new(), None)
}

#[post("/pledges/find", data = "<form>")]
async fn find_pledges(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    admission: Admission<'_>,
    client: ClientAddress,
    form: Form<FindForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    let typed = form.email.clone().unwrap_or_default();
    let checked = admission
        .by_address(LimitKind::Finds)
        .and_then(|()| csrf::verify(jar, form.csrf.as_deref()))
        .and_then(|()| Email::parse(&typed).map_err(|_| AppError::InvalidEmail));
    let email = match checked {
        Ok(email) => email,
        Err(error) if error.is_internal() => return Err(error.into()),
        Err(error) => {
            admission.note(&error);
            return Ok(Err((status_of(&error), form_page(state, lang, &csrf, typed, Some(&error)))));
        }
    };
    // Past its allowance an address gets the same answer and no email: a refusal would tell
    // that it was asked for before.
    if admission.by_email(LimitKind::Finds, &email).is_err() {
        tracing::info!(%client, "pledge links asked too often for one address: nothing sent");
        return Ok(Ok(Redirect::to("/pledges/find/sent")));
    }
    let (db, letters, campaign_id, now) =
        (state.db.clone(), state.letters.clone(), state.campaign_id, state.clock.now());
    tokio::spawn(async move {
        match pledge_links::send(&db, campaign_id, &letters, &email, lang, now).await {
            Ok(listed) => tracing::info!(%client, listed, "pledge links asked"),
            Err(error) => tracing::error!(%client, %error, "pledge links could not be stored"),
        }
    });
    Ok(Ok(Redirect::to("/pledges/find/sent")))
}

#[get("/pledges/find/sent")]
fn show_find_sent(state: &State<AppState>, lang: Lang) -> Template {
    let body = Notice { title_key: "find-sent-title", text_key: "find-sent-text" };
    body.page(state, lang, "/pledges/find/sent", "notice", Some("find-intro"))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_find_form, find_pledges, show_find_sent]
}
