//! The team's moderation of designers' profiles: approve, reject with a reason the designer
//! reads, or take an approved profile off the site; and the slug a profile is known by.

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
use crate::domain::states::DesignerState;
use crate::error::AppError;
use crate::i18n;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::designers::{DesignerCard, Jpeg, designer_card};
use crate::routes::errors::PageError;
use crate::routes::lang::Here;
use crate::routes::views::{self, Choice};
use crate::services::designers::{self, Decision, DesignerRecord};

const PER_PAGE: u64 = 30;

#[get("/team/designers?<state>&<page>")]
async fn list_designers(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    here: Here,
    csrf: CsrfToken,
    state: Option<&str>,
    page: Option<u64>,
) -> Result<Template, PageError> {
    let wanted = state.and_then(|s| s.parse::<DesignerState>().ok());
    let page = super::page_number(page);
    let (found, total) = designers::page(&app.db, wanted, page - 1, PER_PAGE).await?;
    let rows = found.iter().map(|d| designer_row(app, d, lang)).collect();
    let link = |n: u64| match wanted {
        Some(s) => format!("/team/designers?state={s}&page={n}"),
        None => format!("/team/designers?page={n}"),
    };
    let body = DesignersPage {
        rows,
        paging: super::paging(total, page, PER_PAGE, link),
        states: views::options(lang, DesignerState::all(), "team-designer-", |s| wanted == Some(s)),
    };
    let page = super::team_page(app, lang, &here.0, "team-designers-title", &session, &csrf, body);
    Ok(Template::render("team_designers", page))
}

/// The designers' profiles for moderation.
#[derive(Serialize)]
struct DesignersPage {
    rows: Vec<DesignerRow>,
    paging: Paging,
    states: Vec<Choice>,
}

/// A profile with everything its designer sent, and what the team may decide about it.
#[derive(Serialize)]
struct DesignerRow {
    #[serde(flatten)]
    card: DesignerCard,
    id: i64,
    email: String,
    state: DesignerState,
    state_label: String,
    reason: Option<String>,
    at: String,
    approvable: bool,
    rejectable: bool,
    unpublishable: bool,
}

fn designer_row(app: &AppState, d: &DesignerRecord, lang: Lang) -> DesignerRow {
    let photo_url =
        d.has_photo.then(|| format!("/team/designers/{}/photo?v={}", d.id, d.updated_at.timestamp_millis()));
    let (approvable, rejectable, unpublishable) = match d.state {
        DesignerState::Pending => (true, true, false),
        DesignerState::Approved => (false, false, true),
        DesignerState::Rejected | DesignerState::Unpublished => (true, false, false),
    };
    DesignerRow {
        card: designer_card(app, d, lang, photo_url),
        id: d.id,
        email: d.email.clone(),
        state: d.state,
        state_label: i18n::t(lang, &format!("team-designer-{}", d.state)),
        reason: d.reject_reason.clone(),
        at: views::moment(app, d.created_at, lang),
        approvable,
        rejectable,
        unpublishable,
    }
}

#[get("/team/designers/<id>/photo")]
async fn designer_photo(app: &State<AppState>, _session: TeamSession, id: i64) -> Result<Jpeg, PageError> {
    Ok(Jpeg::new(designers::photo(&app.db, id).await?, false))
}

#[derive(Debug, FromForm)]
struct DecisionForm {
    decision: Option<String>,
    reason: Option<String>,
    csrf: Option<String>,
}

#[post("/team/designers/<id>", data = "<form>")]
async fn decide_on_designer(
    app: &State<AppState>,
    _session: TeamSession,
    jar: &CookieJar<'_>,
    id: i64,
    form: Form<DecisionForm>,
) -> Result<Redirect, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    let decision = match form.decision.as_deref() {
        Some("approve") => Decision::Approve,
        Some("reject") => Decision::Reject { reason: form.reason.clone().unwrap_or_default() },
        Some("unpublish") => Decision::Unpublish,
        _ => return Err(AppError::invalid("decision", "error-designer-decision").into()),
    };
    designers::moderate(&app.db, id, &decision, &app.letters, app.clock.now()).await?;
    // The campaign's cached pages name approved designers.
    app.writer.figures_changed();
    Ok(Redirect::to(format!("/team/designers#designer-{id}")))
}

#[derive(Debug, FromForm)]
struct SlugForm {
    slug: Option<String>,
    csrf: Option<String>,
}

/// Gives a profile another slug, such as the one a reward of campaign.toml names.
#[post("/team/designers/<id>/slug", data = "<form>")]
async fn rename_designer(
    app: &State<AppState>,
    _session: TeamSession,
    jar: &CookieJar<'_>,
    id: i64,
    form: Form<SlugForm>,
) -> Result<Redirect, PageError> {
    csrf::verify(jar, form.csrf.as_deref())?;
    designers::rename(&app.db, id, form.slug.as_deref().unwrap_or_default(), app.clock.now()).await?;
    // The campaign's cached pages link approved designers by slug.
    app.writer.figures_changed();
    Ok(Redirect::to(format!("/team/designers#designer-{id}")))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![list_designers, designer_photo, decide_on_designer, rename_designer]
}
