//! The outbox as the team sees it: every email the site wrote, whether it left, and why not.
//! Without SMTP this is where the team reads them, passes them on by hand, and marks them
//! handled.

use rocket::form::Form;
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::Paging;
use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::states::EmailState;
use crate::i18n;
use crate::routes::csrf::{self, CsrfOnly, CsrfToken};
use crate::routes::errors::PageError;
use crate::routes::lang::Here;
use crate::routes::views::{self, Choice};
use crate::services::outbox;

const PER_PAGE: u64 = 50;

#[get("/team/outbox?<state>&<page>")]
async fn show_outbox(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    here: Here,
    csrf: CsrfToken,
    state: Option<&str>,
    page: Option<u64>,
) -> Result<Template, PageError> {
    let wanted = state.and_then(|s| s.parse::<EmailState>().ok());
    let page = super::page_number(page);
    let (emails, total) = outbox::list(&app.db, app.letters.public_url(), wanted, page - 1, PER_PAGE).await?;
    let rows = emails
        .into_iter()
        .map(|e| {
            let at = e.sent_at.map(|at| views::moment(app, at, lang));
            EmailRow {
                id: e.id,
                state_label: i18n::t(lang, &format!("team-outbox-{}", e.state)),
                resendable: e.state != EmailState::Sent,
                handleable: matches!(e.state, EmailState::Waiting | EmailState::Failed),
                state: e.state,
                to: e.to,
                subject: e.subject,
                body: e.body,
                attempts: e.attempts,
                error: e.last_error,
                created: views::moment(app, e.created_at, lang),
                sent: at.clone().filter(|_| e.state == EmailState::Sent),
                handled: at.filter(|_| e.state == EmailState::Handled),
            }
        })
        .collect();
    let link = |n: u64| match wanted {
        Some(s) => format!("/team/outbox?state={s}&page={n}"),
        None => format!("/team/outbox?page={n}"),
    };
    let body = OutboxPage {
        sends_mail: app.sends_mail,
        rows,
        paging: super::paging(total, page, PER_PAGE, link),
        filters: views::options(lang, EmailState::all(), "team-outbox-", |s| wanted == Some(s)),
    };
    let page = super::team_page(app, lang, &here.0, "team-outbox-title", &session, &csrf, body);
    Ok(Template::render("team_outbox", page))
}

/// The outbox: every email, whether it left, and why not.
#[derive(Serialize)]
struct OutboxPage {
    sends_mail: bool,
    rows: Vec<EmailRow>,
    paging: Paging,
    filters: Vec<Choice>,
}

/// One email, in full.
#[derive(Serialize)]
struct EmailRow {
    id: i64,
    to: String,
    subject: String,
    body: String,
    state: EmailState,
    state_label: String,
    /// Waiting, failed or handled: it may be put back to be sent.
    resendable: bool,
    /// Waiting or failed: it may be marked handled by hand.
    handleable: bool,
    attempts: i32,
    error: Option<String>,
    created: String,
    sent: Option<String>,
    /// When the team marked it handled by hand.
    handled: Option<String>,
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

/// Marks a waiting or failed email as passed on by hand: the mailer leaves it, and it no
/// longer counts among the team's work.
#[post("/team/outbox/<id>/handled", data = "<form>")]
async fn mark_handled(
    state: &State<AppState>,
    _session: TeamSession,
    jar: &CookieJar<'_>,
    id: i64,
    form: Form<CsrfOnly>,
) -> Result<Redirect, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    outbox::mark_handled(&state.db, id, state.clock.now()).await?;
    Ok(Redirect::to("/team/outbox"))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_outbox, send_again, mark_handled]
}
