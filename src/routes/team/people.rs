//! `/team/people`: what the site holds about one person, found by email (a backer, someone
//! who asked a question or offered help, a designer), for a person who asks by mail: the JSON
//! export to send them, and the erasure, which the team may do even while money is pending
//! (the page says what is).

use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::{Email, Lang};
use crate::error::AppError;
use crate::i18n;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::PageError;
use crate::routes::fields::FormErrors;
use crate::routes::personal_data::JsonDownload;
use crate::services::campaign::snapshot;
use crate::services::personal_data;

/// How much the site holds about the address asked for.
#[derive(Serialize)]
struct Held {
    email: String,
    pledges: usize,
    emails: usize,
    questions: usize,
    offers: usize,
    designers: usize,
    /// Why the person could not erase it themselves, if anything.
    pending: Option<String>,
}

#[derive(Serialize)]
struct PeoplePage {
    email: String,
    held: Option<Held>,
    erased: bool,
    errors: FormErrors,
}

fn count(json: &serde_json::Value, key: &str) -> usize {
    json[key].as_array().map_or(0, Vec::len)
}

#[get("/team/people?<email>&<erased>")]
async fn show_people(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
    email: Option<&str>,
    erased: Option<&str>,
) -> Result<Template, PageError> {
    let typed = email.unwrap_or_default().trim().to_owned();
    let (held, error) = match typed.as_str() {
        "" => (None, None),
        _ => match Email::parse(&typed) {
            Err(_) => (None, Some(AppError::InvalidEmail)),
            Ok(address) => {
                let address = address.to_string();
                let json = personal_data::export(&app.db, app.campaign_id, &address, app.letters.public_url()).await?;
                let campaign_state = snapshot(&app.db, app.campaign_id).await?.state(app.clock.now());
                let pending = personal_data::pending(&app.db, app.campaign_id, campaign_state, &address).await?;
                let held = Held {
                    email: address,
                    pledges: count(&json, "pledges"),
                    emails: count(&json, "emails"),
                    questions: count(&json, "questions"),
                    offers: count(&json, "offers_of_help"),
                    designers: count(&json, "designer_profiles"),
                    pending: pending.map(|p| i18n::t(lang, p.message_key())),
                };
                (Some(held), None)
            }
        },
    };
    let body =
        PeoplePage { email: typed, held, erased: erased.is_some(), errors: FormErrors::one(app, error.as_ref(), lang) };
    let page = super::team_page(app, lang, "/team/people", "team-people-title", &session, &csrf, body);
    Ok(Template::render("team_people", page))
}

#[get("/team/people/export?<email>")]
async fn export_person(app: &State<AppState>, _session: TeamSession, email: &str) -> Result<JsonDownload, PageError> {
    let address = Email::parse(email.trim()).map_err(|_| AppError::InvalidEmail)?.to_string();
    let json = personal_data::export(&app.db, app.campaign_id, &address, app.letters.public_url()).await?;
    Ok(JsonDownload { file_name: format!("{}-personal-data.json", app.campaign.slug), json })
}

#[derive(Debug, FromForm)]
struct EraseForm {
    email: Option<String>,
    confirm: bool,
    csrf: Option<String>,
}

#[post("/team/people/erase", data = "<form>")]
async fn erase_person(
    app: &State<AppState>,
    session: TeamSession,
    jar: &CookieJar<'_>,
    form: Form<EraseForm>,
) -> Result<Redirect, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let address =
        Email::parse(form.email.as_deref().unwrap_or_default().trim()).map_err(|_| AppError::InvalidEmail)?.to_string();
    if !form.confirm {
        return Err(AppError::invalid("confirm", "error-erase-confirm").into());
    }
    let erased = personal_data::erase(&app.db, app.campaign_id, &address, app.clock.now()).await?;
    tracing::info!(by = %session.member.email, pledges = erased.pledges, "the team erased a person's data");
    Ok(Redirect::to("/team/people?erased=1"))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_people, export_person, erase_person]
}
