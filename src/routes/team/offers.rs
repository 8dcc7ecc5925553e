//! The team's triage of offers of help: new, contacted, accepted or declined, with a note.

use chrono::DateTime;
use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde_json::json;

use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::states::{OfferKind, OfferState};
use crate::error::AppError;
use crate::i18n;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::PageError;
use crate::routes::views;
use crate::services::offers::{self, OfferFilter};

const PER_PAGE: u64 = 30;

#[get("/team/offers?<state>&<kind>&<page>")]
async fn list_offers(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
    state: Option<&str>,
    kind: Option<&str>,
    page: Option<u64>,
) -> Result<Template, PageError> {
    let filter = OfferFilter {
        state: state.and_then(|s| s.trim().parse().ok()),
        kind: kind.and_then(|k| k.trim().parse().ok()),
    };
    let page = page.unwrap_or(1).max(1);
    let (found, total) = offers::page(&app.db, &filter, page - 1, PER_PAGE).await?;
    let state_label = |s: OfferState| i18n::t(lang, &format!("offer-state-{s}"));
    let rows: Vec<_> = found
        .iter()
        .map(|o| {
            let states = views::options(lang, OfferState::all(), "offer-state-", |s| o.state.to_string() == s);
            json!({
                "id": o.id,
                "kind": i18n::t(lang, &format!("offer-kind-{}", o.kind)),
                "description": o.description,
                "name": o.name,
                "email": o.email,
                "phone": o.phone,
                "availability": o.availability,
                "state": o.state,
                "state_label": state_label(o.state),
                "states": states,
                "note": o.note,
                "at": views::moment(app, DateTime::from_timestamp_millis(o.created_at_ms).unwrap_or_default(), lang),
            })
        })
        .collect();
    let query = [("state", filter.state.map(|s| s.to_string())), ("kind", filter.kind.map(|k| k.to_string()))]
        .iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name}={v}&")))
        .collect::<String>();
    let link = |n: u64| format!("/team/offers?{query}page={n}");
    let states = views::options(lang, OfferState::all(), "offer-state-", |s| {
        filter.state.is_some_and(|wanted| wanted.to_string() == s)
    });
    let kinds = views::options(lang, OfferKind::all(), "offer-kind-", |k| {
        filter.kind.is_some_and(|wanted| wanted.to_string() == k)
    });
    let body = json!({
        "page_title": i18n::t(lang, "team-offers-title"),
        "member": session.member.email,
        "csrf": csrf.0,
        "rows": rows,
        "paging": super::paging(total, page, PER_PAGE, link),
        "states": states,
        "kinds": kinds,
    });
    Ok(Template::render("team_offers", views::page(app, lang, "/team/offers", body)))
}

#[derive(Debug, FromForm)]
struct TriageForm {
    state: Option<String>,
    note: Option<String>,
    csrf: Option<String>,
}

#[post("/team/offers/<id>", data = "<form>")]
async fn triage(
    app: &State<AppState>,
    _session: TeamSession,
    jar: &CookieJar<'_>,
    id: i64,
    form: Form<TriageForm>,
) -> Result<Redirect, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let state = form
        .state
        .as_deref()
        .and_then(|s| s.trim().parse::<OfferState>().ok())
        .ok_or_else(|| AppError::invalid("state", "error-offer-state"))?;
    offers::triage(&app.db, id, state, form.note.as_deref().unwrap_or_default(), app.clock.now()).await?;
    Ok(Redirect::to(format!("/team/offers#offer-{id}")))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![list_offers, triage]
}
