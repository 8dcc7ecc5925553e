//! One concise log line per request: method, route, status, client address, time taken.
//! Paths carry secrets (`/pledges/<token>`, `/designers/edit/<token>`, `/team/setup/<token>`),
//! so the log names the route's template, never the path as sent.

use std::time::Instant;

use rocket::fairing::{Fairing, Info, Kind};
use rocket::{Data, Request, Response};

/// Logs each request once it is answered.
pub struct RequestLog;

struct Started(Instant);

#[rocket::async_trait]
impl Fairing for RequestLog {
    fn info(&self) -> Info {
        Info { name: "request log", kind: Kind::Request | Kind::Response }
    }

    async fn on_request(&self, request: &mut Request<'_>, _: &mut Data<'_>) {
        request.local_cache(|| Started(Instant::now()));
    }

    async fn on_response<'r>(&self, request: &'r Request<'_>, response: &mut Response<'r>) {
        let took = request.local_cache(|| Started(Instant::now())).0.elapsed();
        // Fields are only worked out when the line is logged: nothing is spent at `warn`.
        tracing::info!(
            method = %request.method(),
            path = %loggable_path(request.route().map(|r| r.uri.to_string()).as_deref(), request.uri().path().as_str()),
            status = response.status().code,
            client = %crate::routes::client::of(request),
            micros = took.as_micros() as u64,
            "request"
        );
    }
}

/// What the log may say of a request's path: its route's template when a route took it;
/// otherwise the path with every segment long enough to be a secret left out.
fn loggable_path(route: Option<&str>, path: &str) -> String {
    if let Some(route) = route {
        return route.to_owned();
    }
    let segments: Vec<&str> = path.split('/').map(|s| if s.len() >= 20 { "…" } else { s }).collect();
    segments.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_secret_of_a_path_reaches_the_log() {
        let token = "Qm9iaW5lLXNlY3JldC10b2tlbi1vZi0yNTYtYml0cw";
        assert_eq!(loggable_path(Some("/pledges/<token>"), &format!("/pledges/{token}")), "/pledges/<token>");
        assert_eq!(loggable_path(None, &format!("/pledge/{token}/x")), "/pledge/…/x");
        assert_eq!(loggable_path(None, "/nope"), "/nope");
    }
}
