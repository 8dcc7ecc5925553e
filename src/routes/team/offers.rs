//! The team's triage of offers of help: new, contacted, accepted or declined, with a note.

use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::Paging;
use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::states::{OfferKind, OfferState};
use crate::error::AppError;
use crate::i18n;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::PageError;
use crate::routes::lang::Here;
use crate::routes::views::{self, Choice};
use crate::services::offers::{self, OfferFilter};

const PER_PAGE: u64 = 30;

#[get("/team/offers?<state>&<kind>&<page>")]
// A handler takes each request guard and each field of its query as an argument.
#[allow(clippy::too_many_arguments)]
async fn list_offers(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    here: Here,
    csrf: CsrfToken,
    state: Option<&str>,
    kind: Option<&str>,
    page: Option<u64>,
) -> Result<Template, PageError> {
    let filter = OfferFilter {
        state: state.and_then(|s| s.trim().parse().ok()),
        kind: kind.and_then(|k| k.trim().parse().ok()),
    };
    let page = super::page_number(page);
    let (found, total) = offers::page(&app.db, &filter, page - 1, PER_PAGE).await?;
    let rows = found
        .into_iter()
        .map(|o| OfferRow {
            id: o.id,
            kind: i18n::t(lang, &format!("offer-kind-{}", o.kind)),
            description: o.description,
            name: o.name,
            email: o.email,
            phone: o.phone,
            availability: o.availability,
            state_label: i18n::t(lang, &format!("offer-state-{}", o.state)),
            states: views::options(lang, OfferState::all(), "offer-state-", |s| o.state == s),
            state: o.state,
            note: o.note,
            at: views::moment(app, o.created_at, lang),
        })
        .collect();
    let query = [("state", filter.state.map(|s| s.to_string())), ("kind", filter.kind.map(|k| k.to_string()))]
        .iter()
        .filter_map(|(name, value)| value.as_ref().map(|v| format!("{name}={v}&")))
        .collect::<String>();
    let link = |n: u64| format!("/team/offers?{query}page={n}");
    let body = OffersPage {
        rows,
        paging: super::paging(total, page, PER_PAGE, link),
        states: views::options(lang, OfferState::all(), "offer-state-", |s| filter.state == Some(s)),
        kinds: views::options(lang, OfferKind::all(), "offer-kind-", |k| filter.kind == Some(k)),
    };
    let page = super::team_page(app, lang, &here.0, "team-offers-title", &session, &csrf, body);
    Ok(Template::render("team_offers", page))
}

/// The offers of help, filtered by state and kind.
#[derive(Serialize)]
struct OffersPage {
    rows: Vec<OfferRow>,
    paging: Paging,
    states: Vec<Choice>,
    kinds: Vec<Choice>,
}

/// One offer, with the form to triage it.
#[derive(Serialize)]
struct OfferRow {
    id: i64,
    /// The kind's name.
    kind: String,
    description: String,
    name: String,
    email: String,
    phone: Option<String>,
    availability: Option<String>,
    state: OfferState,
    state_label: String,
    /// The states it may move to, its own selected.
    states: Vec<Choice>,
    note: Option<String>,
    at: String,
}

#[derive(Debug, FromForm)]
struct TriageForm {
    state: Option<String>,
    note: Option<String>,
    csrf: Option<String>,
}

#[post("/team/offers/<id>", data = "<form>")]
async fn triage_offer(
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
    routes![list_offers, triage_offer]
}
