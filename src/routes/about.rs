//! Who runs the campaign and what the site keeps: the legal notice (`/legal`) and the privacy
//! page (`/privacy`), linked from the foot of every page.

use rocket::{State, get, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::Lang;
use crate::i18n;
use crate::routes::views::{Page, paragraphs};

/// The organiser as both pages name them.
#[derive(Serialize)]
struct OrganiserView {
    name: String,
    email: String,
    address: Option<String>,
}

#[derive(Serialize)]
struct AboutPage {
    organiser: Option<OrganiserView>,
    /// The page's text, by paragraph.
    text: Vec<String>,
}

fn organiser(state: &AppState) -> Option<OrganiserView> {
    state.campaign.organiser.as_ref().map(|o| OrganiserView {
        name: o.name.clone(),
        email: o.email.to_string(),
        address: o.address.clone(),
    })
}

#[get("/legal")]
fn show_legal(state: &State<AppState>, lang: Lang) -> Template {
    let text = state
        .campaign
        .organiser
        .as_ref()
        .and_then(|o| o.legal.as_ref())
        .map_or_else(Vec::new, |t| paragraphs(t.get(lang)));
    let body = AboutPage { organiser: organiser(state), text };
    let title = i18n::t(lang, "legal-title");
    let page = Page::new(state, lang, "/legal", body).titled(title.clone()).described(&title);
    Template::render("legal", page)
}

/// bobine's own privacy text, a paragraph each: what is kept, cookies, other sites, for how
/// long, and the visitor's rights.
const PRIVACY: [&str; 6] =
    ["privacy-intro", "privacy-stored", "privacy-cookies", "privacy-others", "privacy-kept", "privacy-rights"];

#[get("/privacy")]
fn show_privacy(state: &State<AppState>, lang: Lang) -> Template {
    let own = state.campaign.organiser.as_ref().and_then(|o| o.privacy.as_ref());
    let text = match own {
        Some(text) => paragraphs(text.get(lang)),
        None => PRIVACY.iter().map(|key| i18n::t(lang, key)).collect(),
    };
    let body = AboutPage { organiser: organiser(state), text };
    let title = i18n::t(lang, "privacy-title");
    let page =
        Page::new(state, lang, "/privacy", body).titled(title.clone()).described(&i18n::t(lang, "privacy-description"));
    Template::render("privacy", page)
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_legal, show_privacy]
}
