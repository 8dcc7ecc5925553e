//! Device cookies, after OWASP's "Slow down online guessing attacks with device cookies": a
//! browser where a member logged in before carries a long-lived private (encrypted and
//! signed) cookie naming that member's account and a random nonce. A login from such a
//! browser is not held by the lockout of the account, which only browsers it does not know
//! share; its own failures count against its nonce, so a stolen or guessing device locks out
//! only itself. Limits per address apply to every login alike.

use chrono::Duration;
use rocket::http::{Cookie, CookieJar, SameSite};

use crate::domain::ids::new_secret;

/// The name of the device cookie.
pub const COOKIE: &str = "device";

/// How long a browser stays known without logging in again; each login renews it.
pub const LIFETIME: Duration = Duration::days(365);

/// Sent only to the login form, the one place that reads it.
const PATH: &str = "/team/login";

/// Which failures a login attempt counts against, besides its address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// A browser that logged in to this account before: only its own failures hold it.
    KnownDevice { nonce: String },
    /// Any other browser: all of them share the account's lockout.
    UnknownBrowser,
}

impl Attempt {
    /// What the browser's cookie says about a login to the account `identity`.
    pub fn of(jar: &CookieJar<'_>, identity: &str) -> Attempt {
        let cookie = jar.get_private(COOKIE);
        let parsed = cookie.as_ref().and_then(|c| c.value().split_once(':'));
        match parsed {
            Some((nonce, named)) if named == identity && !nonce.is_empty() => {
                Attempt::KnownDevice { nonce: nonce.to_owned() }
            }
            _ => Attempt::UnknownBrowser,
        }
    }

    /// What the log says of the browser: never its nonce, which stays in the cookie.
    pub fn label(&self) -> &'static str {
        match self {
            Attempt::KnownDevice { .. } => "known device",
            Attempt::UnknownBrowser => "unknown browser",
        }
    }

    /// The throttle's key for this attempt, beside the address's.
    pub fn throttle_key(&self, identity: &str) -> String {
        match self {
            Attempt::KnownDevice { nonce } => format!("device:{nonce}"),
            Attempt::UnknownBrowser => format!("account:{identity}"),
        }
    }
}

/// Marks this browser as one the member `identity` logs in from, with a fresh nonce.
pub fn remember(jar: &CookieJar<'_>, identity: &str) {
    let cookie = Cookie::build((COOKIE, format!("{}:{identity}", new_secret())))
        .path(PATH)
        .http_only(true)
        .same_site(SameSite::Strict)
        .max_age(rocket::time::Duration::seconds(LIFETIME.num_seconds()));
    jar.add_private(cookie);
}
