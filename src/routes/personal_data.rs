//! A backer's data from their private page: `GET /pledges/<token>/data` downloads everything
//! the site holds about the pledge's address as JSON; `POST /pledges/<token>/erase` erases it
//! (see [`crate::services::personal_data`]), unless the site still has to reach them about
//! money or an open pledge, which the page says.

use rocket::form::{Form, FromForm};
use rocket::http::{ContentType, CookieJar};
use rocket::response::{self, Redirect, Responder, Response};
use rocket::{Request, State, get, post, routes};
use rocket_dyn_templates::Template;

use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::rate_limit::LimitKind;
use crate::error::AppError;
use crate::routes::csrf;
use crate::routes::errors::PageError;
use crate::routes::limits::Admission;
use crate::routes::views::Notice;
use crate::services::campaign::snapshot;
use crate::services::{personal_data, pledges};

/// A JSON file to download.
pub struct JsonDownload {
    pub file_name: String,
    pub json: serde_json::Value,
}

impl<'r> Responder<'r, 'static> for JsonDownload {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let text = serde_json::to_string_pretty(&self.json).map_err(|_| rocket::http::Status::InternalServerError)?;
        Response::build_from(text.respond_to(request)?)
            .header(ContentType::JSON)
            .raw_header("Content-Disposition", format!("attachment; filename=\"{}\"", self.file_name))
            .ok()
    }
}

#[get("/pledges/<token>/data", rank = 3)]
async fn download_data(
    state: &State<AppState>,
    admission: Admission<'_>,
    token: &str,
) -> Result<JsonDownload, PageError> {
    admission.by_address(LimitKind::Privacy)?;
    let pledge = pledges::find_by_token(&state.db, token).await?;
    let json = personal_data::export(&state.db, state.campaign_id, &pledge.email, state.letters.public_url()).await?;
    Ok(JsonDownload { file_name: format!("{}-{}.json", state.campaign.slug, pledge.reference), json })
}

#[derive(Debug, FromForm)]
struct EraseForm {
    /// The box "I understand that this cannot be undone".
    confirm: bool,
    csrf: Option<String>,
}

#[post("/pledges/<token>/erase", data = "<form>")]
async fn erase_data(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: csrf::CsrfToken,
    admission: Admission<'_>,
    token: &str,
    form: Form<EraseForm>,
) -> Result<Result<Redirect, crate::routes::Answer>, PageError> {
    admission.by_address(LimitKind::Privacy)?;
    csrf::verify(jar, form.csrf.as_deref())?;
    let pledge = pledges::find_by_token(&state.db, token).await?;
    let now = state.clock.now();
    let campaign_state = snapshot(&state.db, state.campaign_id).await?.state(now);
    let refusal = if !form.confirm {
        Some(AppError::invalid("confirm", "error-erase-confirm"))
    } else {
        personal_data::pending(&state.db, state.campaign_id, campaign_state, &pledge.email)
            .await?
            .map(|pending| AppError::invalid("confirm", pending.message_key()))
    };
    if let Some(error) = refusal {
        let page = crate::routes::pledges::refused_page(state, lang, &csrf, &pledge, &error).await?;
        return Ok(Err((rocket::http::Status::UnprocessableEntity, page)));
    }
    personal_data::erase(&state.db, state.campaign_id, &pledge.email, now).await?;
    Ok(Ok(Redirect::to("/erased")))
}

#[get("/erased")]
fn show_erased(state: &State<AppState>, lang: Lang) -> Template {
    let body = Notice { title_key: "erased-title", text_key: "erased-text" };
    body.page(state, lang, "/erased", "notice", None)
}

pub fn routes() -> Vec<rocket::Route> {
    routes![download_data, erase_data, show_erased]
}
