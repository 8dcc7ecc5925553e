//! The campaign page and the reward pages.

use rocket::http::ContentType;
use rocket::{State, get, routes};
use rocket_dyn_templates::{Metadata, Template};
use serde::Serialize;

use crate::app::AppState;
use crate::domain::Lang;
use crate::error::AppError;
use crate::i18n;
use crate::routes::cache::{Cached, CachedPage};
use crate::routes::errors::PageError;
use crate::routes::preview;
use crate::routes::share::{self, ShareLinks};
use crate::routes::source::{self, Visit};
use crate::routes::views::{self, CampaignView, Page, RewardView};
use crate::services::campaign::snapshot;
use crate::services::designers;
use crate::services::supporters::{self, Wall};

/// What the campaign page shows.
#[derive(Serialize)]
struct CampaignPage {
    campaign: CampaignView,
    share: ShareLinks,
    /// The newest names of the supporters' wall.
    supporters: Wall,
}

/// How many names the campaign page shows, and a page of the whole wall.
const WALL_ON_CAMPAIGN: u64 = 24;
const WALL_PAGE: u64 = 120;

/// The supporters' wall, a page at a time.
#[derive(Serialize)]
struct SupportersPage {
    supporters: Wall,
    page: u64,
    previous: Option<String>,
    next: Option<String>,
}

/// What a reward's page shows: the reward, and the campaign's progress beside it.
#[derive(Serialize)]
struct RewardPage {
    reward: RewardView,
    campaign: CampaignView,
    share: ShareLinks,
}

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
        let bylines = designers::approved_among(&state.db, &views::named_designers(state)).await?;
        let campaign = views::campaign_view(state, &snapshot, &bylines, lang, now);
        let share = share::links(&views::absolute(state, "/"), &campaign.title, &campaign.summary);
        let supporters = supporters::page(&state.db, state.campaign_id, 1, WALL_ON_CAMPAIGN).await?;
        let body = CampaignPage { campaign, share, supporters };
        let image = format!("/preview.png?lang={}&v={}", lang.code(), preview::version(&snapshot));
        let summary = state.campaign.summary.get(lang);
        let context = Page::new(state, lang, "/", body).previewed(summary, &image).marked();
        let (_, html) = templates
            .render("campaign", context)
            .ok_or_else(|| AppError::internal("rendering the campaign page", "the template failed"))?;
        Ok(html)
    };
    let page = state.pages.get(CachedPage::Campaign, lang, generation, render).await?;
    let body = if visit.0.is_empty() { page.plain } else { source::fill(&page.marked, &visit.0).into() };
    Ok(Cached(ContentType::HTML, body))
}

#[get("/rewards/<id>")]
async fn show_reward(state: &State<AppState>, lang: Lang, visit: Visit, id: &str) -> Result<Template, PageError> {
    let now = state.clock.now();
    let config = state.campaign.reward(id).ok_or(AppError::NotFound)?;
    let snapshot = snapshot(&state.db, state.campaign_id).await?;
    let figures = snapshot.reward(id).ok_or(AppError::NotFound)?;
    let bylines = designers::approved_among(&state.db, &views::named_designers(state)).await?;
    let reward = views::reward_view(state, config, Some(figures), &bylines, lang, now);
    let title = format!("{} · {}", reward.title, state.campaign.short_name.get(lang));
    let share = share::links(&views::absolute(state, &format!("/rewards/{id}")), &title, &reward.summary);
    let body = RewardPage { reward, campaign: views::campaign_view(state, &snapshot, &bylines, lang, now), share };
    let image = format!("/rewards/{id}/preview.png?lang={}&v={}", lang.code(), preview::version(&snapshot));
    let page = Page::new(state, lang, &format!("/rewards/{id}"), body)
        .titled(config.title.get(lang))
        .previewed(config.description.get(lang), &image)
        .carrying(&visit.0);
    Ok(Template::render("reward", page))
}

#[get("/supporters?<page>")]
async fn show_supporters(state: &State<AppState>, lang: Lang, page: Option<u64>) -> Result<Template, PageError> {
    let page = crate::routes::team::page_number(page);
    let supporters = supporters::page(&state.db, state.campaign_id, page, WALL_PAGE).await?;
    let body = SupportersPage {
        previous: (page > 1).then(|| format!("/supporters?page={}", page - 1)),
        next: supporters.more.then(|| format!("/supporters?page={}", page + 1)),
        supporters,
        page,
    };
    let path = if page > 1 { format!("/supporters?page={page}") } else { "/supporters".to_owned() };
    let page = Page::new(state, lang, &path, body)
        .titled(i18n::t(lang, "supporters-title"))
        .described(&i18n::t(lang, "supporters-intro"));
    Ok(Template::render("supporters", page))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_campaign, show_reward, show_supporters]
}
