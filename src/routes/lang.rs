//! Which language a visitor reads: `?lang=`, then the `lang` cookie, then `Accept-Language`.

use rocket::http::{Cookie, SameSite};
use rocket::request::{FromRequest, Outcome, Request};

use crate::domain::Lang;

const COOKIE: &str = "lang";

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Lang {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(of(request))
    }
}

/// The language of a request, decided once per request.
pub fn of(request: &Request<'_>) -> Lang {
    *request.local_cache(|| choose(request))
}

fn asked(request: &Request<'_>) -> Option<Lang> {
    request.query_value::<&str>("lang").and_then(Result::ok).and_then(Lang::from_tag)
}

/// The language people read without choosing: the `lang` cookie, then `Accept-Language`.
fn usual(request: &Request<'_>) -> Lang {
    if let Some(lang) = request.cookies().get(COOKIE).and_then(|c| Lang::from_tag(c.value())) {
        return lang;
    }
    request.headers().get_one("Accept-Language").and_then(Lang::from_accept_language).unwrap_or_default()
}

fn choose(request: &Request<'_>) -> Lang {
    if let Some(lang) = asked(request) {
        // Remember an explicit choice for the next pages.
        let cookie = Cookie::build((COOKIE, lang.code()))
            .path("/")
            .same_site(SameSite::Lax)
            .max_age(rocket::time::Duration::days(365));
        request.cookies().add(cookie);
        return lang;
    }
    usual(request)
}

/// The language of what other sites show of this one (the badge, the embedded card):
/// `?lang=` as any page reads it, but not remembered, since a cookie set there would follow
/// the visitor from someone else's page.
#[derive(Debug, Clone, Copy)]
pub struct QuietLang(pub Lang);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for QuietLang {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(QuietLang(asked(request).unwrap_or_else(|| usual(request))))
    }
}

/// The address a page was asked at, less its `lang=`: the page its language link shows in the
/// other language, filters and page number kept.
pub struct Here(pub String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Here {
    type Error = std::convert::Infallible;

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let uri = request.uri();
        let kept: Vec<&str> = uri
            .query()
            .map(|q| q.as_str().split('&').filter(|p| !p.is_empty() && !p.starts_with("lang=")).collect())
            .unwrap_or_default();
        let path = uri.path().as_str();
        Outcome::Success(Here(if kept.is_empty() { path.to_owned() } else { format!("{path}?{}", kept.join("&")) }))
    }
}
