//! The team's moderation of designers' profiles: approve, reject with a reason the designer
//! reads, or take an approved profile off the site.

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
use crate::domain::states::DesignerState;
use crate::error::AppError;
use crate::i18n;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::designers::{Jpeg, designer_view};
use crate::routes::errors::PageError;
use crate::routes::views;
use crate::services::designers::{self, Decision};

const PER_PAGE: u64 = 30;

#[get("/team/designers?<state>&<page>")]
async fn list(
    app: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
    state: Option<&str>,
    page: Option<u64>,
) -> Result<Template, PageError> {
    let wanted = state.and_then(|s| s.parse::<DesignerState>().ok());
    let page = page.unwrap_or(1).max(1);
    let (found, total) = designers::page(&app.db, wanted, page - 1, PER_PAGE).await?;
    let rows: Vec<_> = found
        .iter()
        .map(|d| {
            let mut view = designer_view(app, d, lang);
            view["id"] = json!(d.id);
            view["email"] = json!(d.email);
            view["state"] = json!(d.state);
            view["state_label"] = json!(i18n::t(lang, &format!("team-designer-{}", d.state)));
            view["reason"] = json!(d.reject_reason);
            view["photo_url"] =
                json!(d.has_photo.then(|| format!("/team/designers/{}/photo?v={}", d.id, d.updated_at_ms)));
            view["at"] =
                json!(views::moment(app, DateTime::from_timestamp_millis(d.created_at_ms).unwrap_or_default(), lang));
            view["approvable"] = json!(d.state != DesignerState::Approved);
            view["rejectable"] = json!(d.state == DesignerState::Pending);
            view["unpublishable"] = json!(d.state == DesignerState::Approved);
            view
        })
        .collect();
    let link = |n: u64| match wanted {
        Some(s) => format!("/team/designers?state={s}&page={n}"),
        None => format!("/team/designers?page={n}"),
    };
    let states =
        views::options(lang, DesignerState::all(), "team-designer-", |s| wanted.is_some_and(|w| w.to_string() == s));
    let body = json!({
        "page_title": i18n::t(lang, "team-designers-title"),
        "member": session.member.email,
        "csrf": csrf.0,
        "rows": rows,
        "paging": super::paging(total, page, PER_PAGE, link),
        "states": states,
    });
    Ok(Template::render("team_designers", views::page(app, lang, "/team/designers", body)))
}

#[get("/team/designers/<id>/photo")]
async fn photo(app: &State<AppState>, _session: TeamSession, id: i64) -> Result<Jpeg, PageError> {
    Ok(Jpeg::new(designers::photo(&app.db, id).await?.jpeg, false))
}

#[derive(Debug, FromForm)]
struct DecisionForm {
    decision: Option<String>,
    reason: Option<String>,
    csrf: Option<String>,
}

#[post("/team/designers/<id>", data = "<form>")]
async fn decide(
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

pub fn routes() -> Vec<rocket::Route> {
    routes![list, photo, decide]
}
