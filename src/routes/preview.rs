//! Link previews: the pictures that links to the campaign, a reward or a designer show where
//! they are shared, with the live progress (see [`crate::services::preview`]).

use chrono::{DateTime, Utc};
use std::sync::Arc;

use rocket::http::ContentType;
use rocket::response::{self, Responder};
use rocket::{Request, Response, State, get, routes};

use crate::app::AppState;
use crate::domain::money::display_cents;
use crate::domain::{CampaignState, Lang};
use crate::error::AppError;
use crate::i18n;
use crate::routes::cache::Bytes;
use crate::routes::errors::PageError;
use crate::routes::views;
use crate::services::campaign::{Snapshot, snapshot};
use crate::services::designers;
use crate::services::preview::{self, PreviewText};

/// A preview picture. Its address carries the figures' version, but a site may ask without:
/// a few minutes of caching keeps it near the live figures.
pub struct Png(Arc<Vec<u8>>);

impl<'r> Responder<'r, 'static> for Png {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let length = self.0.len();
        Response::build()
            .header(ContentType::PNG)
            .raw_header("Cache-Control", "public, max-age=300")
            .sized_body(length, std::io::Cursor::new(Bytes(self.0)))
            .ok()
    }
}

/// Whole francs with the language's thousands, as a preview has no room for cents.
fn francs(cents: i64, lang: Lang) -> String {
    let text = display_cents(cents - cents.rem_euclid(100), lang.thousands());
    text.trim_end_matches(".00").to_owned()
}

/// "CHF 12’400 sur 20’000 · 62 % · 9 jours restants", or the result once closed.
pub fn progress_line(state: &AppState, snapshot: &Snapshot, lang: Lang, now: DateTime<Utc>) -> String {
    let figures = &snapshot.campaign;
    let when = match snapshot.state(now) {
        CampaignState::Open => views::time_left(state.campaign.deadline, now, lang),
        CampaignState::Succeeded => i18n::t(lang, "preview-succeeded"),
        CampaignState::Failed => i18n::t(lang, "preview-failed"),
    };
    i18n::t_args(
        lang,
        "preview-progress",
        &[
            ("currency", state.campaign.currency.clone()),
            ("raised", francs(figures.pledged.cents(), lang)),
            ("goal", francs(figures.goal.cents(), lang)),
            ("percent", snapshot.percent_funded().to_string()),
            ("when", when),
        ],
    )
}

/// The version that a preview's address carries: it changes with the figures, so that sites
/// which keep pictures by address fetch the new one.
pub fn version(snapshot: &Snapshot) -> String {
    format!("{}-{}", snapshot.campaign.pledged.cents(), snapshot.campaign.backers)
}

/// The preview of the page `key`, with the page's own picture (a JPEG, read only when the
/// preview is drawn anew; `version` tells when it changed) in its band, or else the cover.
async fn picture<F>(
    state: &AppState,
    key: &str,
    lang: Lang,
    (title, subtitle): (String, String),
    version: String,
    photo: F,
) -> Result<Png, PageError>
where
    F: Future<Output = Result<Option<Arc<[u8]>>, AppError>>,
{
    let now = state.clock.now();
    let snapshot = snapshot(&state.db, state.campaign_id).await?;
    let figures = &snapshot.campaign;
    let bar = views::bar_hundredths(figures.pledged, figures.goal);
    let text = PreviewText {
        name: state.campaign.short_name.get(lang).to_owned(),
        title,
        subtitle,
        progress: progress_line(state, &snapshot, lang, now),
        bar,
        picture: version,
    };
    if let Some(png) = state.previews.kept(key, lang.code(), &text) {
        return Ok(Png(png));
    }
    let photo = photo.await?;
    let (previews, key, code) = (state.previews.clone(), key.to_owned(), lang.code());
    let png = tokio::task::spawn_blocking(move || previews.png(&key, code, text, photo))
        .await
        .map_err(|e| AppError::internal("drawing a link preview", e))?;
    Ok(Png(png))
}

#[get("/preview.png")]
async fn campaign_preview(state: &State<AppState>, lang: Lang) -> Result<Png, PageError> {
    let campaign = &state.campaign;
    let (title, summary) = (campaign.title.get(lang).to_owned(), campaign.summary.get(lang).to_owned());
    picture(state, "campaign", lang, (title, summary), String::new(), async { Ok(None) }).await
}

#[get("/rewards/<id>/preview.png")]
async fn reward_preview(state: &State<AppState>, lang: Lang, id: &str) -> Result<Png, PageError> {
    let reward = state.campaign.reward(id).ok_or(AppError::NotFound)?;
    let price = format!(
        "{} {} {}",
        i18n::t(lang, "from-amount"),
        state.campaign.currency,
        display_cents(crate::domain::Amount::from(reward.minimum).cents(), lang.thousands())
    );
    let subtitle = format!("{price} · {}", views::excerpt(reward.description.get(lang), 140));
    let image = reward.image.as_ref().map(|image| image.picture.clone());
    let photo = async move {
        let Some(image) = image else { return Ok(None) };
        let made = tokio::task::spawn_blocking(move || preview::jpeg_at_least(&image, 400)).await;
        Ok(made.ok().flatten())
    };
    let texts = (reward.title.get(lang).to_owned(), subtitle);
    picture(state, &format!("reward:{id}"), lang, texts, String::new(), photo).await
}

#[get("/designers/<slug>/preview.png", rank = 1)]
async fn designer_preview(state: &State<AppState>, lang: Lang, slug: &str) -> Result<Png, PageError> {
    let designer = designers::public(&state.db, slug).await?;
    let subtitle = views::excerpt(&designer.bio, 160);
    let version = designer.updated_at.timestamp_millis().to_string();
    let photo = async {
        Ok(match designer.has_photo {
            true => Some(designers::photo(&state.db, designer.id).await?.into()),
            false => None,
        })
    };
    picture(state, &format!("designer:{slug}"), lang, (designer.brand.clone(), subtitle), version, photo).await
}

pub fn routes() -> Vec<rocket::Route> {
    routes![campaign_preview, reward_preview, designer_preview]
}
