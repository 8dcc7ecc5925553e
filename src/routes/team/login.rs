//! Logging in and out, and choosing the first password through the setup link.

use rocket::form::{Form, FromForm};
use rocket::http::{CookieJar, Status};
use rocket::response::Redirect;
use rocket::{Either, State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::session::{self, TeamSession};
use super::{TeamState, device};
use crate::app::AppState;
use crate::domain::password::Password;
use crate::domain::rate_limit::LimitKind;
use crate::domain::{Email, Lang};
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::client::ClientAddress;
use crate::routes::csrf::{self, CsrfOnly, CsrfToken};
use crate::routes::errors::PageError;
use crate::routes::limits::Admission;
use crate::routes::views::Page;
use crate::services::team;

/// Where to go after logging in: only somewhere on the team's side.
fn after_login(next: Option<&str>) -> String {
    next.filter(|n| n.starts_with("/team") && !n.starts_with("//")).unwrap_or("/team").to_owned()
}

/// The login form, with what went wrong.
#[derive(Serialize)]
struct LoginPage {
    csrf: String,
    email: String,
    /// Where to go once logged in.
    next: String,
    message: Option<String>,
}

fn login_page(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    email: &str,
    next: &str,
    message: Option<String>,
) -> Template {
    let body = LoginPage { csrf: csrf.0.clone(), email: email.to_owned(), next: next.to_owned(), message };
    Template::render(
        "team_login",
        Page::new(state, lang, "/team/login", body).titled(i18n::t(lang, "team-login-title")),
    )
}

#[get("/team/login?<next>")]
fn show_login(
    state: &State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    session: Option<TeamSession>,
    next: Option<&str>,
) -> Either<Redirect, Template> {
    match session {
        Some(_) => Either::Left(Redirect::to(after_login(next))),
        None => Either::Right(login_page(state, lang, &csrf, "", &after_login(next), None)),
    }
}

#[derive(Debug, FromForm)]
struct LoginForm {
    email: Option<String>,
    password: Option<String>,
    next: Option<String>,
    csrf: Option<String>,
}

#[post("/team/login", data = "<form>")]
async fn login(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    address: ClientAddress,
    admission: Admission<'_>,
    form: Form<LoginForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    let email = form.email.clone().unwrap_or_default().trim().to_lowercase();
    let next = after_login(form.next.as_deref());
    let again = |status: Status, message: String| {
        Ok(Err((status, login_page(state, lang, &csrf, &email, &next, Some(message)))))
    };
    if csrf::verify(jar, form.csrf.as_deref()).is_err() {
        return again(Status::Forbidden, AppError::Forbidden.message(lang, &state.campaign.currency));
    }
    if let Err(limited) = admission.by_address(LimitKind::Logins) {
        tracing::warn!(%address, "login refused: too many attempts from this address");
        return again(Status::TooManyRequests, limited.message(lang, &state.campaign.currency));
    }
    let now = state.clock.now();
    // A browser this account logged in from before is held only by its own failures.
    let attempt = device::Attempt::of(jar, &email);
    let keys = [attempt.throttle_key(&email), format!("address:{address}")];
    // Counted before the password is checked: concurrent guesses cannot all get through.
    let counted = state.team.throttle().attempt(&keys, now);
    if let Err(wait) = counted {
        tracing::warn!(%email, %address, from = attempt.label(), "login refused: too many failed attempts");
        admission.wait(wait.num_seconds().max(1) as u64);
        let minutes = (wait.num_seconds() + 59) / 60;
        return again(
            Status::TooManyRequests,
            i18n::t_args(lang, "team-login-throttled", &[("minutes", minutes.to_string())]),
        );
    }
    let password = form.password.clone().unwrap_or_default();
    let checked = match team::authenticate(&state.db, &state.password_checks, &email, &password, now).await {
        Err(busy @ AppError::Busy { .. }) => {
            admission.note(&busy);
            return again(Status::TooManyRequests, busy.message(lang, &state.campaign.currency));
        }
        other => other?,
    };
    match checked {
        Some(member) => {
            {
                let mut throttle = state.team.throttle();
                keys.iter().for_each(|key| throttle.succeeded(key));
            }
            session::start(state, jar, &member, now).await?;
            device::remember(jar, &member.email);
            tracing::info!(email = %member.email, %address, "team login");
            Ok(Ok(Redirect::to(next)))
        }
        None => {
            tracing::warn!(%email, %address, "failed team login");
            again(Status::Unauthorized, i18n::t(lang, "team-login-failed"))
        }
    }
}

#[post("/team/logout", data = "<form>")]
async fn logout(state: &State<AppState>, jar: &CookieJar<'_>, form: Form<CsrfOnly>) -> Result<Redirect, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    session::end(state, jar).await?;
    Ok(Redirect::to("/team/login"))
}

/// The setup link if `token` is it and it still works.
fn valid_setup(team_state: &TeamState, token: &str, now: chrono::DateTime<chrono::Utc>) -> bool {
    let setup = team_state.setup_link();
    setup.as_ref().is_some_and(|link| crate::domain::ids::secrets_match(&link.token, token) && now < link.expires)
}

/// The first member's form to choose a password, through the one-time setup link.
#[derive(Serialize)]
struct SetupPage {
    csrf: String,
    token: String,
    email: String,
    message: Option<String>,
}

fn setup_page(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    token: &str,
    email: &str,
    message: Option<String>,
) -> Template {
    let body = SetupPage { csrf: csrf.0.clone(), token: token.to_owned(), email: email.to_owned(), message };
    Template::render(
        "team_setup",
        Page::new(state, lang, "/team/login", body).titled(i18n::t(lang, "team-setup-title")),
    )
}

#[get("/team/setup/<token>")]
fn show_setup(state: &State<AppState>, lang: Lang, csrf: CsrfToken, token: &str) -> Result<Template, PageError> {
    if !valid_setup(&state.team, token, state.clock.now()) {
        return Err(AppError::NotFound.into());
    }
    Ok(setup_page(state, lang, &csrf, token, "", None))
}

#[derive(Debug, FromForm)]
struct SetupForm {
    email: Option<String>,
    password: Option<String>,
    confirm: Option<String>,
    csrf: Option<String>,
}

#[post("/team/setup/<token>", data = "<form>")]
async fn setup(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    token: &str,
    form: Form<SetupForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    let now = state.clock.now();
    if !valid_setup(&state.team, token, now) {
        return Err(AppError::NotFound.into());
    }
    let typed = form.email.clone().unwrap_or_default();
    let again = |message: String| {
        Ok(Err((Status::UnprocessableEntity, setup_page(state, lang, &csrf, token, &typed, Some(message)))))
    };
    if csrf::verify(jar, form.csrf.as_deref()).is_err() {
        return again(AppError::Forbidden.message(lang, &state.campaign.currency));
    }
    let Ok(email) = Email::parse(&typed) else { return again(i18n::t(lang, "error-email")) };
    let password = form.password.clone().unwrap_or_default();
    let Ok(password) = Password::parse(&password) else { return again(i18n::t(lang, "team-password-too-short")) };
    if form.confirm.as_deref() != Some(password.as_str()) {
        return again(i18n::t(lang, "team-password-mismatch"));
    }
    // The link is for the very first account only.
    if team::count(&state.db).await? > 0 {
        return Err(AppError::NotFound.into());
    }
    let member = team::add(&state.db, &email, &password, now).await.map_err(|e| match e {
        team::TeamError::App(e) => e,
        team::TeamError::Exists(_) => AppError::NotFound,
    })?;
    state.team.setup_link().take();
    session::start(state, jar, &member, now).await?;
    device::remember(jar, &member.email);
    tracing::info!(email = %member.email, "first team account created through the setup link");
    Ok(Ok(Redirect::to("/team")))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_login, login, logout, show_setup, setup]
}
