//! The progress badge, `/badge.svg`: the campaign's short name and the percentage funded, for
//! designers' websites and email signatures. Read from the counters, served from a rendered
//! copy (see [`super::cache`]), and cacheable for five minutes by browsers and proxies.

use std::sync::Arc;

use rocket::http::ContentType;
use rocket::request::Request;
use rocket::response::{self, Responder};
use rocket::{State, get, routes};

use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::badge::{Badge, bar_hundredths};
use crate::i18n;
use crate::routes::cache::{Cached, CachedPage};
use crate::routes::errors::PageError;
use crate::routes::lang::QuietLang;
use crate::services::campaign::{Snapshot, snapshot};

/// How long browsers and proxies may keep a badge: a signature shown in many emails at once
/// asks once, and a pledge shows within minutes.
pub const CACHE_CONTROL: &str = "public, max-age=300";

/// An SVG image with its cache lifetime. Its language may come from the cookie or
/// `Accept-Language`, which caches must then tell apart.
pub struct SvgImage(pub Arc<str>);

impl<'r> Responder<'r, 'static> for SvgImage {
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let mut response = Cached(ContentType::SVG, self.0, None).respond_to(request)?;
        response.set_raw_header("Cache-Control", CACHE_CONTROL);
        response.set_raw_header("Vary", "Accept-Language, Cookie");
        Ok(response)
    }
}

/// The badge of the campaign's figures in `lang`.
fn badge(state: &AppState, snapshot: &Snapshot, lang: Lang) -> Badge {
    let percent = snapshot.percent_funded().to_string();
    let name = state.campaign.short_name.get(lang).to_owned();
    let figures = &snapshot.campaign;
    Badge {
        value: i18n::t_args(lang, "badge-percent", &[("percent", percent.clone())]),
        title: i18n::t_args(lang, "badge-title", &[("name", name.clone()), ("percent", percent)]),
        label: name,
        bar_hundredths: bar_hundredths(figures.pledged.cents(), figures.goal.cents()),
    }
}

#[get("/badge.svg")]
async fn show_badge(state: &State<AppState>, lang: QuietLang) -> Result<SvgImage, PageError> {
    let QuietLang(lang) = lang;
    let generation = state.writer.generation();
    let render = async {
        let snapshot = snapshot(&state.db, state.campaign_id).await?;
        Ok(badge(state, &snapshot, lang).svg())
    };
    let copy = state.pages.get(CachedPage::Badge, lang, generation, render).await?;
    Ok(SvgImage(copy.plain))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_badge]
}
