//! Turning errors into responses: a page for browsers, `{"error": {"code", "message"}}` for
//! the API, always in the visitor's language, never Rocket's default page.

use rocket::http::{ContentType, Status};
use rocket::request::Request;
use rocket::response::{self, Redirect, Responder};
use rocket::serde::json::Json;
use rocket::{Catcher, catch, catchers};
use rocket_dyn_templates::Template;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::Lang;
use crate::error::AppError;
use crate::i18n;
use crate::routes::api::{ErrorBody, ErrorDetail};
use crate::routes::views::Page;

fn lang_of(request: &Request<'_>) -> Lang {
    crate::routes::lang::of(request)
}

fn currency_of(request: &Request<'_>) -> String {
    request.rocket().state::<AppState>().map_or_else(|| "CHF".to_owned(), |s| s.campaign.currency.clone())
}

fn log(error: &AppError) {
    match error {
        AppError::Db(e) => tracing::error!(error = %e, "database error"),
        AppError::Internal { context, detail } => tracing::error!(%detail, "{context}"),
        _ => {}
    }
}

/// The HTTP status that answers `error`.
pub fn status_of(error: &AppError) -> Status {
    Status::from_code(error.status_code()).unwrap_or(Status::InternalServerError)
}

/// An error answered as JSON.
#[derive(Debug)]
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl<'r> Responder<'r, 'static> for ApiError {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        log(&self.0);
        with_retry_after(json_error(request, &self.0, status_of(&self.0)), &self.0)
    }
}

/// An error answered as a page.
#[derive(Debug)]
pub struct PageError(pub AppError);

impl<E: Into<AppError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

impl<'r> Responder<'r, 'static> for PageError {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        log(&self.0);
        let lang = lang_of(request);
        let message = self.0.message(lang, &currency_of(request));
        with_retry_after(page(request, status_of(&self.0), lang, message), &self.0)
    }
}

/// A refusal that asks to come back later says when, in whole seconds.
fn with_retry_after(response: response::Result<'static>, error: &AppError) -> response::Result<'static> {
    let mut response = response?;
    if let Some(seconds) = error.retry_after() {
        response.set_header(rocket::http::Header::new("Retry-After", seconds.to_string()));
    }
    Ok(response)
}

/// What the error page shows.
#[derive(Serialize)]
struct ErrorPage {
    status: u16,
    message: String,
}

/// `{"error": {"code", "message"}}` with `status`.
fn json_error(request: &Request<'_>, error: &AppError, status: Status) -> response::Result<'static> {
    let message = error.message(lang_of(request), &currency_of(request));
    let body = ErrorBody { error: ErrorDetail { code: error.code(), message } };
    response::Response::build_from(Json(body).respond_to(request)?).status(status).ok()
}

fn page(request: &Request<'_>, status: Status, lang: Lang, message: String) -> response::Result<'static> {
    let Some(state) = request.rocket().state::<AppState>() else {
        return response::Response::build().status(status).ok();
    };
    let body = ErrorPage { status: status.code, message };
    let context = Page::new(state, lang, request.uri().path().as_str(), body).titled(i18n::t(lang, "error-title"));
    response::Response::build_from(Template::render("error", context).respond_to(request)?)
        .status(status)
        .header(ContentType::HTML)
        .ok()
}

fn wants_json(request: &Request<'_>) -> bool {
    request.uri().path().starts_with("/api/") || request.accept().is_some_and(|a| a.preferred().media_type().is_json())
}

fn caught(status: Status, request: &Request<'_>) -> response::Result<'static> {
    // A team page without a session: to the login, and back here after it. A script's
    // request (JSON, an event stream) gets the 401 itself.
    let event_stream = request.headers().get_one("Accept").is_some_and(|a| a.contains("text/event-stream"));
    if status == Status::Unauthorized && !wants_json(request) && !event_stream {
        let next = request.uri().path().to_string();
        return Redirect::to(format!("/team/login?next={}", rocket::http::RawStr::new(&next).percent_encode()))
            .respond_to(request);
    }
    let error = match status.code {
        404 => AppError::NotFound,
        401 => AppError::Unauthorized,
        400 | 415 | 422 => AppError::Malformed(status.reason_lossy().to_owned()),
        413 => AppError::Malformed(i18n::t(lang_of(request), "error-too-large")),
        _ => AppError::internal("unexpected status", status),
    };
    let status = if matches!(error, AppError::Malformed(_)) { Status::BadRequest } else { status };
    if wants_json(request) {
        json_error(request, &error, status)
    } else {
        let lang = lang_of(request);
        let message = error.message(lang, &currency_of(request));
        page(request, status, lang, message)
    }
}

/// Whatever status a guard or Rocket itself answered, in our shape.
struct Caught(Status);

impl<'r> Responder<'r, 'static> for Caught {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        caught(self.0, request)
    }
}

#[catch(default)]
fn default_catcher(status: Status, _: &Request<'_>) -> Caught {
    Caught(status)
}

/// Catchers for whatever no route answered or a guard refused.
pub fn catchers() -> Vec<Catcher> {
    catchers![default_catcher]
}
