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
use crate::routes::news::NewsLink;
use crate::routes::preview;
use crate::routes::share::{self, ShareLinks};
use crate::routes::source::Visit;
use crate::routes::views::{self, CampaignView, ImageView, Page, RewardView, VideoView};
use crate::services::campaign::snapshot;
use crate::services::designers::{self, Byline};
use crate::services::news;
use crate::services::supporters::{self, Wall};

/// What the campaign page shows.
#[derive(Serialize)]
struct CampaignPage {
    campaign: CampaignView,
    cover: Option<ImageView>,
    /// Shown in the cover's place when there is one.
    video: Option<VideoView>,
    gallery: Vec<ImageView>,
    /// The rewards by kind, in the order the campaign file first names each kind.
    groups: Vec<RewardGroup>,
    /// The approved designers behind the rewards.
    designers: Vec<DesignerFace>,
    share: ShareLinks,
    /// The newest names of the supporters' wall.
    supporters: Wall,
    /// The newest public updates.
    news: Vec<NewsLink>,
    /// The frequently asked questions.
    faq: Vec<crate::routes::questions::FaqEntry>,
}

/// Rewards of one kind.
#[derive(Serialize)]
struct RewardGroup {
    kind: String,
    title: String,
    count: usize,
    rewards: Vec<RewardView>,
}

/// A designer in the campaign page's row of faces.
#[derive(Serialize)]
struct DesignerFace {
    slug: String,
    brand: String,
    photo_url: Option<String>,
    initials: String,
}

/// The rewards of `campaign` grouped by kind, taking them out of it.
fn groups(state: &AppState, campaign: &mut CampaignView, lang: Lang) -> Vec<RewardGroup> {
    let mut groups: Vec<RewardGroup> = Vec::new();
    for reward in std::mem::take(&mut campaign.rewards) {
        let Some(config) = state.campaign.reward(&reward.id) else { continue };
        let kind = config.kind.to_string();
        match groups.iter_mut().find(|g| g.kind == kind) {
            Some(group) => group.rewards.push(reward),
            None => groups.push(RewardGroup {
                title: i18n::t(lang, &format!("group-{kind}")),
                kind,
                count: 0,
                rewards: vec![reward],
            }),
        }
    }
    for group in &mut groups {
        group.count = group.rewards.len();
    }
    groups
}

/// The approved designers of the bylines, in the order the rewards name them.
fn faces(state: &AppState, bylines: &[Byline]) -> Vec<DesignerFace> {
    state
        .campaign
        .named_designers()
        .into_iter()
        .filter_map(|slug| bylines.iter().find(|b| b.slug == slug))
        .map(|b| DesignerFace {
            slug: b.slug.clone(),
            brand: b.brand.clone(),
            photo_url: b.photo_url.clone(),
            initials: crate::routes::designers::initials(&b.brand).unwrap_or_default(),
        })
        .collect()
}

/// How many updates the campaign page shows.
const NEWS_ON_CAMPAIGN: u64 = 3;

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
        let bylines = designers::approved_among(&state.db, &state.campaign.named_designers()).await?;
        let mut campaign = views::campaign_view(state, &snapshot, &bylines, lang, now);
        let share = share::links(&views::absolute(state, "/"), &campaign.title, &campaign.summary);
        let supporters = supporters::page(&state.db, state.campaign_id, 1, WALL_ON_CAMPAIGN).await?;
        let (latest, _) = news::public_page(&state.db, state.campaign_id, lang, now, 0, NEWS_ON_CAMPAIGN).await?;
        let media = &state.campaign;
        let body = CampaignPage {
            groups: groups(state, &mut campaign, lang),
            campaign,
            cover: media.cover.as_ref().map(|image| ImageView::of(image, lang)),
            video: media.video.as_ref().map(|video| VideoView::of(video, lang)),
            gallery: media.gallery.iter().map(|image| ImageView::of(image, lang)).collect(),
            designers: faces(state, &bylines),
            share,
            supporters,
            news: latest.iter().map(|item| NewsLink::of(state, item, lang, format!("/news/{}", item.slug))).collect(),
            faq: crate::routes::questions::faq(state, lang).await?,
        };
        let image = format!("/preview.png?lang={}&v={}", lang.code(), preview::version(&snapshot));
        let summary = state.campaign.summary.get(lang);
        let context = Page::new(state, lang, "/", body).previewed(summary, &image).marked();
        let (_, html) = templates
            .render("campaign", context)
            .ok_or_else(|| AppError::internal("rendering the campaign page", "the template failed"))?;
        Ok(html)
    };
    let page = state.pages.get(CachedPage::Campaign, lang, generation, render).await?;
    Ok(page.answer(ContentType::HTML, &visit.0))
}

#[get("/rewards/<id>")]
async fn show_reward(state: &State<AppState>, lang: Lang, visit: Visit, id: &str) -> Result<Template, PageError> {
    let now = state.clock.now();
    let config = state.campaign.reward(id).ok_or(AppError::NotFound)?;
    let snapshot = snapshot(&state.db, state.campaign_id).await?;
    let figures = snapshot.reward(id).ok_or(AppError::NotFound)?;
    let bylines = designers::approved_among(&state.db, &state.campaign.named_designers()).await?;
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
