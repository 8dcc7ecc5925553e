//! `/unsubscribe/<key>`: the link at the foot of every update. Its page says whether the
//! address still receives the news and offers the one button that changes it. `POST` on the
//! same address is also what a mail program's own unsubscribe button sends (RFC 8058, from the
//! `List-Unsubscribe-Post` header): it carries no cookie and no form token, so the key itself,
//! 256 random bits sent only to that address, is what lets it act, and it answers the page
//! rather than a redirect, which such a client does not follow.

use rocket::form::Form;
use rocket::http::CookieJar;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::rate_limit::LimitKind;
use crate::error::AppError;
use crate::i18n;
use crate::routes::csrf::{self, CsrfOnly, CsrfToken};
use crate::routes::errors::PageError;
use crate::routes::limits::Admission;
use crate::routes::views::Page;
use crate::services::subscriptions;

/// What just happened on the page, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Switched {
    Left,
    Back,
}

#[derive(Serialize)]
struct UnsubscribePage {
    key: String,
    /// The address, partly hidden: the link may be forwarded with the email.
    address: String,
    campaign: String,
    receives: bool,
    switched: Option<Switched>,
    csrf: String,
}

/// `anne.dupont@example.ch` as `an•••@example.ch`.
fn masked(address: &str) -> String {
    let (local, domain) = address.rsplit_once('@').unwrap_or((address, ""));
    let shown: String = local.chars().take(2).collect();
    format!("{shown}•••@{domain}")
}

/// The address the unsubscribe link `key` was sent to, or a 404.
async fn address(state: &AppState, key: &str) -> Result<String, AppError> {
    subscriptions::address_of_key(&state.db, key).await?.ok_or(AppError::NotFound)
}

/// The page of the link `key`, sent to `address`.
async fn page(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    (key, address): (&str, &str),
    switched: Option<Switched>,
) -> Result<Template, AppError> {
    let receives = subscriptions::wants_news(&state.db, state.campaign_id, address).await?;
    let body = UnsubscribePage {
        key: key.to_owned(),
        address: masked(address),
        campaign: state.campaign.title.get(lang).to_owned(),
        receives,
        switched,
        csrf: csrf.0.clone(),
    };
    let page = Page::new(state, lang, &format!("/unsubscribe/{key}"), body).titled(i18n::t(lang, "unsubscribe-title"));
    Ok(Template::render("unsubscribe", page))
}

#[get("/unsubscribe/<key>")]
async fn show_unsubscribe(
    state: &State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    key: &str,
) -> Result<Template, PageError> {
    let address = address(state, key).await?;
    Ok(page(state, lang, &csrf, (key, &address), None).await?)
}

/// Leaves the news: from the page's button, or from a mail program (RFC 8058).
#[post("/unsubscribe/<key>")]
async fn unsubscribe(
    state: &State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    admission: Admission<'_>,
    key: &str,
) -> Result<Template, PageError> {
    admission.by_address(LimitKind::Subscriptions)?;
    let address = address(state, key).await?;
    subscriptions::set_news(&state.db, state.campaign_id, &address, false).await?;
    Ok(page(state, lang, &csrf, (key, &address), Some(Switched::Left)).await?)
}

/// Joins the news again, from the page (a form of this site, so its token is checked).
#[post("/unsubscribe/<key>/again", data = "<form>")]
async fn subscribe_again(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    admission: Admission<'_>,
    key: &str,
    form: Form<CsrfOnly>,
) -> Result<Template, PageError> {
    admission.by_address(LimitKind::Subscriptions)?;
    csrf::verify(jar, form.csrf.as_deref())?;
    let address = address(state, key).await?;
    subscriptions::set_news(&state.db, state.campaign_id, &address, true).await?;
    Ok(page(state, lang, &csrf, (key, &address), Some(Switched::Back)).await?)
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_unsubscribe, unsubscribe, subscribe_again]
}

#[cfg(test)]
mod tests {
    use super::masked;

    #[test]
    fn an_address_shows_its_first_letters_and_its_domain() {
        assert_eq!(masked("anne.dupont@example.ch"), "an•••@example.ch");
        assert_eq!(masked("é@exemple.ch"), "é•••@exemple.ch");
    }
}
