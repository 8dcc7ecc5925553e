//! The campaign page and the reward pages.

use rocket::http::ContentType;
use rocket::{State, get, routes};
use rocket_dyn_templates::{Metadata, Template};
use serde_json::json;

use crate::app::AppState;
use crate::domain::Lang;
use crate::error::AppError;
use crate::routes::cache::{Cached, Page};
use crate::routes::errors::PageError;
use crate::routes::source::{self, Visit};
use crate::routes::views;
use crate::services::campaign::snapshot;
use crate::services::designers;

/// The campaign page, served from its rendered copy (see [`crate::routes::cache`]); a visit
/// from a known source gets a copy whose links carry it.
#[get("/")]
async fn show_campaign(
    state: &State<AppState>,
    lang: Lang,
    visit: Visit,
    templates: Metadata<'_>,
) -> Result<Cached, PageError> {
    let generation = state.writer.generation();
    let render = async {
        let now = state.clock.now();
        let snapshot = snapshot(&state.db, state.campaign_id).await?;
        let designers = designers::approved_among(&state.db, &views::named_designers(state)).await?;
        let mut body = json!({ "campaign": views::campaign_view(state, &snapshot, lang, now) });
        views::add_designers(state, &mut body, &designers);
        let mut context = views::page(state, lang, "/", body);
        source::add_marks(&mut context);
        let (_, html) = templates
            .render("campaign", context)
            .ok_or_else(|| AppError::internal("rendering the campaign page", "the template failed"))?;
        Ok(html)
    };
    let page = state.pages.get(Page::Campaign, lang, generation, render).await?;
    let body = if visit.0.is_empty() { page.plain } else { source::fill(&page.marked, &visit.0).into() };
    Ok(Cached(ContentType::HTML, body))
}

#[get("/rewards/<id>")]
async fn show_reward(state: &State<AppState>, lang: Lang, visit: Visit, id: &str) -> Result<Template, PageError> {
    let now = state.clock.now();
    let config = state.campaign.reward(id).ok_or(AppError::NotFound)?;
    let snapshot = snapshot(&state.db, state.campaign_id).await?;
    let row = snapshot.reward(id).ok_or(AppError::NotFound)?;
    let designers = designers::approved_among(&state.db, &views::named_designers(state)).await?;
    let mut body = json!({
        "reward": views::reward_view(state, config, Some(row), lang, now),
        "campaign": views::campaign_view(state, &snapshot, lang, now),
    });
    views::add_designers(state, &mut body, &designers);
    let mut context = views::page(state, lang, &format!("/rewards/{id}"), body);
    source::add_to_page(&mut context, &visit.0);
    Ok(Template::render("reward", context))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_campaign, show_reward]
}
