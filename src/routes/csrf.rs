//! Protection of forms against cross-site request forgery: a random token in a `SameSite`
//! cookie that every form must repeat in a hidden field.

use rocket::http::{Cookie, CookieJar, SameSite};
use rocket::request::{FromRequest, Outcome, Request};

use crate::domain::ids::{new_secret, secrets_match};
use crate::error::AppError;

const COOKIE: &str = "csrf";

/// The visitor's form token, created on the first page that shows a form.
pub struct CsrfToken(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for CsrfToken {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let jar = request.cookies();
        if let Some(existing) = jar.get(COOKIE).filter(|c| c.value().len() >= 32) {
            return Outcome::Success(CsrfToken(existing.value().to_owned()));
        }
        let token = new_secret();
        jar.add(Cookie::build((COOKIE, token.clone())).path("/").http_only(true).same_site(SameSite::Strict));
        Outcome::Success(CsrfToken(token))
    }
}

/// A form whose only field is its token: a button that does one thing.
#[derive(Debug, rocket::FromForm)]
pub struct CsrfOnly {
    pub csrf: Option<String>,
}

/// Checks the token a form sent against the visitor's cookie.
pub fn verify(jar: &CookieJar<'_>, sent: Option<&str>) -> Result<(), AppError> {
    match (jar.get(COOKIE), sent) {
        (Some(cookie), Some(sent)) if !sent.is_empty() && secrets_match(cookie.value(), sent) => Ok(()),
        _ => Err(AppError::Forbidden),
    }
}
