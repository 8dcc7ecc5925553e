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
use crate::domain::offer::{OfferKind, OfferState};
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
    let filter = OfferFilter { state: state.and_then(OfferState::parse), kind: kind.and_then(OfferKind::parse) };
    let page = page.unwrap_or(1).max(1);
    let (found, total) = offers::page(&app.db, &filter, page - 1, PER_PAGE).await?;
    let state_label = |s: &str| i18n::t(lang, &format!("offer-state-{s}"));
    let state_names = OfferState::ALL.map(OfferState::as_str);
    let rows: Vec<_> = found
        .iter()
        .map(|o| {
            let states = views::options(lang, &state_names, "offer-state-", |s| o.state == s);
            json!({
                "id": o.id,
                "kind": i18n::t(lang, &format!("offer-kind-{}", o.kind)),
                "description": o.description,
                "name": o.name,
                "email": o.email,
                "phone": o.phone,
                "availability": o.availability,
                "state": o.state,
                "state_label": state_label(&o.state),
                "states": states,
                "note": o.note,
                "at": views::moment(app, DateTime::from_timestamp_millis(o.created_at_ms).unwrap_or_default(), lang),
            })
        })
        .collect();
    let query = [("state", filter.state.map(OfferState::as_str)), ("kind", filter.kind.map(OfferKind::as_str))]
        .iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={v}&")))
        .collect::<String>();
    let link = |n: u64| format!("/team/offers?{query}page={n}");
    let states =
        views::options(lang, &state_names, "offer-state-", |s| filter.state.map(OfferState::as_str) == Some(s));
    let kinds = views::options(lang, &OfferKind::ALL.map(OfferKind::as_str), "offer-kind-", |k| {
        filter.kind.map(OfferKind::as_str) == Some(k)
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
        .and_then(OfferState::parse)
        .ok_or_else(|| AppError::invalid("state", "error-offer-state"))?;
    offers::triage(&app.db, id, state, form.note.as_deref().unwrap_or_default(), app.clock.now()).await?;
    Ok(Redirect::to(format!("/team/offers#offer-{id}")))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![list_offers, triage]
}
