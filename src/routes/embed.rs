//! The campaign's card for other sites, `/embed`: short name, summary, progress and a button
//! to back the campaign, small enough for an `<iframe>` on a designer's page. It is the one
//! page other sites may frame (see [`super::headers::FRAMEABLE`]).
//!
//! Its links open the campaign in the whole window, tagged `?ref=embed` (or the page's own
//! `?ref=`) and carrying the site that framed it, taken from the `Referer` of the frame, so
//! pledges from cards on other sites are counted under them.

use rocket::http::ContentType;
use rocket::{State, get, routes};
use rocket_dyn_templates::Metadata;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::Source;
use crate::error::AppError;
use crate::routes::cache::{Cached, CachedPage};
use crate::routes::errors::PageError;
use crate::routes::lang::QuietLang;
use crate::routes::source::{self, Visit};
use crate::routes::views::{self, CampaignView, Page};
use crate::services::campaign::snapshot;

/// The tag of pledges that came through a card on another site.
pub const TAG: &str = "embed";

/// What the card shows.
#[derive(Serialize)]
struct EmbedPage {
    campaign: CampaignView,
}

/// The card, rendered once per language and filled with each visit's source.
#[get("/embed")]
async fn show_embed(
    state: &State<AppState>,
    lang: QuietLang,
    visit: Visit,
    templates: Metadata<'_>,
) -> Result<Cached, PageError> {
    let QuietLang(lang) = lang;
    let generation = state.writer.generation();
    let render = async {
        let now = state.clock.now();
        let snapshot = snapshot(&state.db, state.campaign_id).await?;
        let body = EmbedPage { campaign: views::campaign_view(state, &snapshot, &[], lang, now) };
        let context = Page::new(state, lang, "/embed", body).marked();
        let (_, html) = templates
            .render("embed", context)
            .ok_or_else(|| AppError::internal("rendering the embedded card", "the template failed"))?;
        Ok(html)
    };
    let page = state.pages.get(CachedPage::Embed, lang, generation, render).await?;
    let Visit(Source { tag, site }) = visit;
    let source = Source { tag: tag.or_else(|| Some(TAG.to_owned())), site };
    Ok(Cached(ContentType::HTML, source::fill(&page.marked, &source).into(), None))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_embed]
}
