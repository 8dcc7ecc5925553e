//! Posters for shop windows and notice boards: the team types a tag such as
//! `boutique-carouge` and picks A4 or A5; the page then shows a printable poster with a QR
//! code of the campaign's address tagged `?ref=boutique-carouge`, so pledges made from that
//! poster are counted under that tag on the dashboard.
//!
//! The form is sent by GET: it changes nothing, and a poster's address can be kept and
//! printed again later with fresh figures. Like every team page it needs a session, whose
//! cookie (`SameSite=Strict`) no other site's link or form carries.

use rocket::http::Status;
use rocket::{State, get, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use super::session::TeamSession;
use crate::app::AppState;
use crate::domain::source::tag_of;
use crate::domain::{Lang, qr};
use crate::i18n;
use crate::routes::Answer;
use crate::routes::csrf::CsrfToken;
use crate::routes::errors::PageError;
use crate::routes::views::{self, CampaignView, Choice, FormError};
use crate::services::campaign::snapshot;

/// The paper a poster is printed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum PosterSize {
    #[default]
    A4,
    A5,
}

impl PosterSize {
    const ALL: [PosterSize; 2] = [PosterSize::A4, PosterSize::A5];

    fn parse(raw: &str) -> Option<PosterSize> {
        PosterSize::ALL.into_iter().find(|size| raw.trim().eq_ignore_ascii_case(&size.to_string()))
    }
}

impl std::fmt::Display for PosterSize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PosterSize::A4 => "a4",
            PosterSize::A5 => "a5",
        })
    }
}

/// The form, and the poster once the form is filled in.
#[derive(Serialize)]
struct PostersPage {
    /// The tag as typed, or as kept.
    tag: String,
    sizes: Vec<Choice>,
    error: Option<FormError>,
    error_field: Option<&'static str>,
    poster: Option<PosterView>,
    /// The site's public address when it is this machine's own (`BOBINE_PUBLIC_URL` unset),
    /// which no phone that scans a poster can reach.
    local_address: Option<String>,
}

/// A poster: where its QR code leads, and the campaign's figures of the moment.
#[derive(Serialize)]
struct PosterView {
    /// `a4` or `a5`, which chooses the print stylesheet.
    size: String,
    /// The campaign's address with the tag, as the QR code holds it.
    address: String,
    /// The QR code, an SVG drawn here.
    qr: String,
    campaign: CampaignView,
    /// When the figures were read: they are printed, and go stale.
    as_of: String,
}

/// What the form asks for, checked: a tag as the dashboard keeps it, and a size.
fn parse(lang: Lang, tag: Option<&str>, size: Option<&str>) -> Result<(String, PosterSize), FormError> {
    let tag = tag.and_then(tag_of).ok_or_else(|| form_error(lang, "tag", "posters-error-tag"))?;
    let size = match size {
        None => PosterSize::default(),
        Some(raw) => PosterSize::parse(raw).ok_or_else(|| form_error(lang, "size", "posters-error-size"))?,
    };
    Ok((tag, size))
}

fn form_error(lang: Lang, field: &'static str, key: &str) -> FormError {
    FormError { field: Some(field), message: i18n::t(lang, key) }
}

/// Whether `url` names this machine itself: `localhost`, a loopback or unspecified address.
fn is_local(url: &str) -> bool {
    let Some(host) = url::Url::parse(url).ok().and_then(|url| url.host_str().map(str::to_owned)) else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback() || ip.is_unspecified())
}

/// Where a poster tagged `tag` leads, and its QR code.
fn code(state: &AppState, lang: Lang, tag: &str) -> Result<(String, String), FormError> {
    let address = crate::routes::views::absolute(state, &format!("/?ref={}", crate::routes::share::encoded(tag)));
    let label = i18n::t_args(lang, "posters-qr-label", &[("address", address.clone())]);
    // Only a public address of thousands of characters would not fit.
    let matrix = qr::encode(&address).ok_or_else(|| form_error(lang, "tag", "posters-error-long"))?;
    Ok((address, qr::svg(&matrix, &label)))
}

/// The form; with a tag, the poster under it, or the form again with what is wrong (422).
#[get("/team/posters?<tag>&<size>")]
async fn show_posters(
    state: &State<AppState>,
    session: TeamSession,
    lang: Lang,
    csrf: CsrfToken,
    tag: Option<&str>,
    size: Option<&str>,
) -> Result<Answer, PageError> {
    let chosen = size.and_then(PosterSize::parse).unwrap_or_default();
    let mut body = PostersPage {
        tag: tag.unwrap_or_default().to_owned(),
        sizes: views::options(lang, PosterSize::ALL, "posters-size-", |s| s == chosen),
        error: None,
        error_field: None,
        poster: None,
        local_address: Some(state.letters.public_url().as_str().to_owned()).filter(|url| is_local(url)),
    };
    let mut status = Status::Ok;
    if tag.is_some() || size.is_some() {
        let asked = parse(lang, tag, size)
            .and_then(|(tag, size)| code(state, lang, &tag).map(|(address, qr)| (tag, size, address, qr)));
        match asked {
            Ok((tag, size, address, qr)) => {
                let now = state.clock.now();
                let snapshot = snapshot(&state.db, state.campaign_id).await?;
                body.tag = tag;
                body.poster = Some(PosterView {
                    size: size.to_string(),
                    address,
                    qr,
                    campaign: views::campaign_view(state, &snapshot, &[], lang, now),
                    as_of: views::moment(state, now, lang),
                });
            }
            Err(error) => {
                body.error_field = error.field;
                body.error = Some(error);
                status = Status::UnprocessableEntity;
            }
        }
    }
    let page = super::team_page(state, lang, "/team/posters", "posters-title", &session, &csrf, body);
    Ok((status, Template::render("team_posters", page)))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_posters]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_kept_as_the_dashboard_keeps_them_and_sizes_are_a4_or_a5() {
        let (tag, size) = parse(Lang::En, Some(" Boutique Carouge "), Some("A5")).unwrap();
        assert_eq!((tag.as_str(), size), ("boutique-carouge", PosterSize::A5));
        assert_eq!(parse(Lang::En, Some("flyer"), None).unwrap().1, PosterSize::A4);
        assert_eq!(parse(Lang::En, Some("%%%"), None).unwrap_err().field, Some("tag"));
        assert_eq!(parse(Lang::En, None, Some("a4")).unwrap_err().field, Some("tag"));
        assert_eq!(parse(Lang::En, Some("flyer"), Some("letter")).unwrap_err().field, Some("size"));
    }

    #[test]
    fn an_address_of_this_machine_is_local() {
        for url in ["http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000", "http://0.0.0.0:8000"] {
            assert!(is_local(url), "{url}");
        }
        for url in ["https://soutenir.example.ch", "http://192.168.1.20:8000", "not a url"] {
            assert!(!is_local(url), "{url}");
        }
    }
}
