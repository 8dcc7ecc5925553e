//! Liveness and readiness probes for load balancers and operators.

use rocket::http::Status;
use rocket::{State, get, routes};

use crate::app::AppState;

#[get("/healthz")]
fn healthz() -> &'static str {
    "ok"
}

#[get("/readyz")]
async fn readyz(state: &State<AppState>) -> (Status, &'static str) {
    if state.db.ping().await { (Status::Ok, "ready") } else { (Status::ServiceUnavailable, "database unreachable") }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![healthz, readyz]
}
