//! Team sessions as requests see them: a private (encrypted and signed) cookie that carries
//! the session's secret, checked against the server's table at every request (see
//! [`crate::services::sessions`]). Every team page and team API takes a [`TeamSession`].

use chrono::{DateTime, Utc};
use rocket::http::{Cookie, CookieJar, SameSite, Status};
use rocket::request::{FromRequest, Outcome, Request};

use crate::app::AppState;
use crate::error::AppError;
use crate::services::sessions::{self, SessionKey};
use crate::services::team::Member;

/// The name of the session cookie.
pub const COOKIE: &str = "team";

/// How long a login lasts.
pub const LIFETIME: chrono::Duration = sessions::LIFETIME;

/// A logged-in team member. Without one, pages redirect to the login and the API answers 401.
#[derive(Debug, Clone)]
pub struct TeamSession {
    pub member: Member,
    /// Names the session, for a live stream to ask whether it is still open.
    pub key: SessionKey,
}

/// Starts a session for `member`: a row on the server, its secret in the cookie.
pub async fn start(state: &AppState, jar: &CookieJar<'_>, member: &Member, now: DateTime<Utc>) -> Result<(), AppError> {
    let secret = sessions::open(&state.db, member.id, now).await?;
    let cookie = Cookie::build((COOKIE, secret))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .max_age(rocket::time::Duration::seconds(LIFETIME.num_seconds()));
    jar.add_private(cookie);
    Ok(())
}

/// Ends the session this browser holds, on every instance, and forgets its cookie.
pub async fn end(state: &AppState, jar: &CookieJar<'_>) -> Result<(), AppError> {
    if let Some(cookie) = jar.get_private(COOKIE) {
        sessions::close(&state.db, cookie.value()).await?;
    }
    jar.remove_private(Cookie::build(COOKIE).path("/"));
    Ok(())
}

/// The session of a request, looked up once however many guards ask for it.
async fn lookup(request: &Request<'_>) -> Result<Option<TeamSession>, Status> {
    let Some(state) = request.rocket().state::<AppState>() else {
        return Err(Status::InternalServerError);
    };
    let Some(cookie) = request.cookies().get_private(COOKIE) else { return Ok(None) };
    let now = state.clock.now();
    let found = match sessions::find(&state.db, cookie.value(), now).await {
        Ok(found) => found,
        Err(error) => {
            tracing::warn!(%error, "cannot check a team session");
            return Err(Status::ServiceUnavailable);
        }
    };
    let Some(open) = found else { return Ok(None) };
    if open.stale {
        // Off the request's path: the answer does not wait for this write.
        let (db, key) = (state.db.clone(), open.key.clone());
        tokio::spawn(async move {
            if let Err(error) = sessions::seen(&db, &key, now).await {
                tracing::warn!(%error, "cannot note when a team session was last seen");
            }
        });
    }
    Ok(Some(TeamSession { member: open.member, key: open.key }))
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for TeamSession {
    type Error = ();

    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let cached = request.local_cache_async(lookup(request)).await;
        match cached {
            Ok(Some(session)) => Outcome::Success(session.clone()),
            Ok(None) => Outcome::Error((Status::Unauthorized, ())),
            Err(status) => Outcome::Error((*status, ())),
        }
    }
}
