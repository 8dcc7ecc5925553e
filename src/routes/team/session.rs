//! Team sessions: a private (encrypted and signed) cookie that names the member and when the
//! session ends. Every team page and team API takes a [`TeamSession`].

use chrono::{DateTime, Duration, Utc};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{FromRequest, Outcome, Request};

use crate::app::AppState;
use crate::services::team::{self, Member};

/// The name of the session cookie.
pub const COOKIE: &str = "team";

/// How long a login lasts.
pub const LIFETIME: Duration = Duration::hours(12);

/// A logged-in team member. Without one, pages redirect to the login and the API answers 401.
pub struct TeamSession {
    pub member: Member,
}

/// Starts a session for `member`.
pub fn start(jar: &CookieJar<'_>, member: &Member, now: DateTime<Utc>) {
    let ends = now + LIFETIME;
    let cookie = Cookie::build((COOKIE, format!("{}:{}", member.id, ends.timestamp_millis())))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .max_age(rocket::time::Duration::seconds(LIFETIME.num_seconds()));
    jar.add_private(cookie);
}

/// Ends the session.
pub fn end(jar: &CookieJar<'_>) {
    jar.remove_private(Cookie::build(COOKIE).path("/"));
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for TeamSession {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let Some(state) = request.rocket().state::<AppState>() else {
            return Outcome::Error((Status::InternalServerError, ()));
        };
        let now = state.clock.now();
        let Some(cookie) = request.cookies().get_private(COOKIE) else {
            return Outcome::Error((Status::Unauthorized, ()));
        };
        let parsed = cookie
            .value()
            .split_once(':')
            .and_then(|(id, ends)| Some((id.parse::<i32>().ok()?, ends.parse::<i64>().ok()?)));
        let Some((id, _)) = parsed.filter(|(_, ends)| *ends > now.timestamp_millis()) else {
            return Outcome::Error((Status::Unauthorized, ()));
        };
        // A removed account's sessions end with it.
        match team::find(&state.db, id).await {
            Ok(Some(member)) => Outcome::Success(TeamSession { member }),
            Ok(None) => Outcome::Error((Status::Unauthorized, ())),
            Err(_) => Outcome::Error((Status::ServiceUnavailable, ())),
        }
    }
}
