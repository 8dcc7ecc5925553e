//! The campaign's news as the public and the backers read it: `/news` (the public updates,
//! newest first), `/news/<slug>`, the Atom feed at `/news.atom`, and
//! `/pledges/<token>/news/<slug>`, where a backer reads an update for backers.

use chrono::{DateTime, Utc};
use rocket::http::ContentType;
use rocket::{State, get, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::markdown;
use crate::domain::states::{NewsAudience, PledgeState};
use crate::error::AppError;
use crate::i18n;
use crate::routes::errors::PageError;
use crate::routes::team::{Paging, page_number, paging};
use crate::routes::views::{self, Page, absolute, excerpt};
use crate::services::news::{self, NewsItem};
use crate::services::pledges;

/// Updates a page of `/news` lists.
const PER_PAGE: u64 = 10;

/// Updates the feed holds.
const IN_FEED: u64 = 20;

/// An update in a list: its title, date, a few words, and where to read it.
#[derive(Debug, Serialize)]
pub struct NewsLink {
    pub title: String,
    pub date: String,
    /// The date as a machine reads it, for `<time datetime>`.
    pub datetime: String,
    pub excerpt: String,
    pub url: String,
}

impl NewsLink {
    pub fn of(state: &AppState, item: &NewsItem, lang: Lang, url: String) -> NewsLink {
        let at = item.published_at.unwrap_or(item.updated_at);
        NewsLink {
            title: item.title.clone(),
            date: views::moment(state, at, lang),
            datetime: views::rfc3339(at),
            excerpt: excerpt(&markdown::to_plain_text(&item.body), 220),
            url,
        }
    }
}

#[derive(Serialize)]
struct NewsListPage {
    items: Vec<NewsLink>,
    paging: Paging,
}

#[get("/news?<page>")]
async fn list_news(state: &State<AppState>, lang: Lang, page: Option<u64>) -> Result<Template, PageError> {
    let page = page_number(page);
    let now = state.clock.now();
    let (items, total) = news::public_page(&state.db, state.campaign_id, lang, now, page - 1, PER_PAGE).await?;
    let items = items.iter().map(|item| NewsLink::of(state, item, lang, format!("/news/{}", item.slug))).collect();
    let body = NewsListPage { items, paging: paging(total, page, PER_PAGE, |n| format!("/news?page={n}")) };
    let path = if page > 1 { format!("/news?page={page}") } else { "/news".to_owned() };
    let title = i18n::t(lang, "news-title");
    let page = Page::new(state, lang, &path, body).titled(title).described(&i18n::t(lang, "news-intro"));
    Ok(Template::render("news_list", page))
}

/// One update, as its page shows it.
#[derive(Serialize)]
struct NewsPage {
    title: String,
    date: String,
    datetime: String,
    body_html: String,
    /// Shown to backers only: says so.
    for_backers: bool,
    back_url: String,
    back_key: &'static str,
}

fn news_page(
    state: &AppState,
    item: &NewsItem,
    lang: Lang,
    path: &str,
    back: (String, &'static str),
) -> Page<NewsPage> {
    let at = item.published_at.unwrap_or(item.updated_at);
    let body = NewsPage {
        title: item.title.clone(),
        date: views::moment(state, at, lang),
        datetime: views::rfc3339(at),
        body_html: item.body_html.clone(),
        for_backers: item.audience != NewsAudience::Public,
        back_url: back.0,
        back_key: back.1,
    };
    Page::new(state, lang, path, body).titled(item.title.clone())
}

#[get("/news/<slug>")]
async fn show_news(state: &State<AppState>, lang: Lang, slug: &str) -> Result<Template, PageError> {
    let item = news::out_at(&state.db, state.campaign_id, slug, lang, state.clock.now()).await?;
    // An update for backers is read through a backer's own link, never here.
    if item.audience != NewsAudience::Public {
        return Err(AppError::NotFound.into());
    }
    let description = excerpt(&markdown::to_plain_text(&item.body), 200);
    let page = news_page(state, &item, lang, &format!("/news/{slug}"), ("/news".to_owned(), "news-all"))
        .described(&description);
    Ok(Template::render("news", page))
}

#[get("/pledges/<token>/news/<slug>")]
async fn show_backer_news(state: &State<AppState>, lang: Lang, token: &str, slug: &str) -> Result<Template, PageError> {
    let pledge = pledges::find_by_token(&state.db, token).await?;
    let item = news::out_at(&state.db, state.campaign_id, slug, lang, state.clock.now()).await?;
    let backs = pledge.state == PledgeState::Active && item.is_for_backer_of(pledge.reward_id.as_deref());
    if item.audience != NewsAudience::Public && !backs {
        return Err(AppError::NotFound.into());
    }
    let back = (format!("/pledges/{token}"), "news-back-to-pledge");
    let page = news_page(state, &item, lang, &format!("/pledges/{token}/news/{slug}"), back);
    Ok(Template::render("news", page))
}

/// The updates a backer of `pledge` may read, newest first, with links through their own
/// address; none for a pledge that is not (or no longer) counted.
pub async fn for_pledge(
    state: &AppState,
    pledge: &pledges::PledgeRecord,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Vec<NewsLink>, AppError> {
    if pledge.state != PledgeState::Active {
        return Ok(Vec::new());
    }
    let items = news::for_backer(&state.db, state.campaign_id, pledge.reward_id.as_deref(), lang, now).await?;
    Ok(items
        .iter()
        .map(|item| NewsLink::of(state, item, lang, format!("/pledges/{}/news/{}", pledge.token, item.slug)))
        .collect())
}

/// Text for XML: `&`, `<`, `>` and quotes escaped.
fn xml(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

#[get("/news.atom")]
async fn feed(state: &State<AppState>, lang: Lang) -> Result<(ContentType, String), PageError> {
    let now = state.clock.now();
    let (items, _) = news::public_page(&state.db, state.campaign_id, lang, now, 0, IN_FEED).await?;
    let updated = items.first().and_then(|i| i.published_at).unwrap_or(now);
    let mut atom = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n\
         <id>{id}</id>\n<title>{title}</title>\n<subtitle>{subtitle}</subtitle>\n<updated>{updated}</updated>\n\
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{self_url}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{news}\"/>\n\
         <author><name>{author}</name></author>\n",
        lang = lang.code(),
        // A feed per language, each its own.
        id = xml(&absolute(state, &format!("/news.atom?lang={}", lang.code()))),
        title = xml(&format!("{} · {}", i18n::t(lang, "news-title"), state.campaign.short_name.get(lang))),
        subtitle = xml(state.campaign.summary.get(lang)),
        updated = views::rfc3339(updated),
        self_url = xml(&absolute(state, &format!("/news.atom?lang={}", lang.code()))),
        news = xml(&absolute(state, "/news")),
        author = xml(state.campaign.organiser.as_ref().map_or(state.campaign.short_name.get(lang), |o| &o.name)),
    );
    for item in &items {
        let url = absolute(state, &format!("/news/{}", item.slug));
        let published = views::rfc3339(item.published_at.unwrap_or(item.updated_at));
        atom.push_str(&format!(
            "<entry>\n<id>{id}</id>\n<title>{title}</title>\n<link rel=\"alternate\" type=\"text/html\" href=\"{id}\"/>\n\
             <published>{published}</published>\n<updated>{published}</updated>\n<summary>{summary}</summary>\n\
             <content type=\"html\">{content}</content>\n</entry>\n",
            id = xml(&url),
            title = xml(&item.title),
            summary = xml(&excerpt(&markdown::to_plain_text(&item.body), 300)),
            content = xml(&item.body_html),
        ));
    }
    atom.push_str("</feed>\n");
    Ok((ContentType::new("application", "atom+xml"), atom))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![list_news, show_news, show_backer_news, feed]
}
