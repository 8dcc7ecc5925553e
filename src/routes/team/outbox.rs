//! The outbox as the team sees it: every email the site wrote, whether it left, and why not.
//! Without SMTP this is where the team reads them and passes them on by hand.

use chrono::DateTime;
use rocket::form::Form;
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde_json::json;

use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::states::EmailState;
use crate::i18n;
use crate::routes::csrf::{self, CsrfOnly, CsrfToken};
use crate::routes::errors::PageError;
use crate::routes::views;
use crate::services::outbox;

const PER_PAGE: u64 = 50;

#[get("/team/outbox?<state>&<page>")]
async fn show_outbox(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
    state: Option<&str>,
    page: Option<u64>,
) -> Result<Template, PageError> {
    let wanted = state.and_then(|s| s.parse::<EmailState>().ok());
    let page = page.unwrap_or(1).max(1);
    let (emails, total) = outbox::list(&app.db, wanted, page - 1, PER_PAGE).await?;
    let at = |ms: i64| views::moment(app, DateTime::from_timestamp_millis(ms).unwrap_or_default(), lang);
    let rows: Vec<_> = emails
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "to": e.to_address,
                "subject": e.subject,
                "body": e.body,
                "state": e.state,
                "state_label": i18n::t(lang, &format!("team-outbox-{}", e.state)),
                "resendable": e.state != EmailState::Sent,
                "attempts": e.attempts,
                "error": e.last_error,
                "created": at(e.created_at_ms),
                "sent": e.sent_at_ms.map(at),
            })
        })
        .collect();
    let link = |n: u64| match wanted {
        Some(s) => format!("/team/outbox?state={s}&page={n}"),
        None => format!("/team/outbox?page={n}"),
    };
    let filters =
        views::options(lang, EmailState::all(), "team-outbox-", |s| wanted.is_some_and(|w| w.to_string() == s));
    let body = json!({
        "page_title": i18n::t(lang, "team-outbox-title"),
        "member": session.member.email,
        "csrf": csrf.0,
        "sends_mail": app.sends_mail,
        "rows": rows,
        "paging": super::paging(total, page, PER_PAGE, link),
        "filters": filters,
    });
    Ok(Template::render("team_outbox", views::page(app, lang, "/team/outbox", body)))
}

#[post("/team/outbox/<id>/send-again", data = "<form>")]
async fn send_again(
    state: &State<AppState>,
    _session: TeamSession,
    jar: &CookieJar<'_>,
    id: i64,
    form: Form<CsrfOnly>,
) -> Result<Redirect, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    outbox::send_again(&state.db, id, state.clock.now()).await?;
    Ok(Redirect::to("/team/outbox"))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_outbox, send_again]
}
