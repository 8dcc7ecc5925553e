//! Offers of help without money: the form at `/help` and its thanks.

use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde_json::{Value, json};

use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::ids::new_secret;
use crate::domain::states::OfferKind;
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::{PageError, status_of};
use crate::routes::views;
use crate::services::offers::{self, MAX_AVAILABILITY, MAX_DESCRIPTION, OfferInput};

/// The form as posted; every field optional so a missing one gets a clear message.
#[derive(Debug, FromForm)]
struct OfferForm {
    kind: Option<String>,
    description: Option<String>,
    availability: Option<String>,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    csrf: Option<String>,
    form_key: Option<String>,
}

fn form_page(state: &AppState, lang: Lang, csrf: &CsrfToken, values: Value, error: Option<&AppError>) -> Template {
    let kinds: Vec<Value> = OfferKind::all()
        .map(|kind| {
            let value = kind.to_string();
            json!({
                "label": i18n::t(lang, &format!("offer-kind-{value}")),
                "hint": i18n::t(lang, &format!("offer-kind-{value}-hint")),
                "checked": values["kind"].as_str() == Some(value.as_str()),
                "value": value,
            })
        })
        .collect();
    let body = json!({
        "page_title": i18n::t(lang, "help-title"),
        "kinds": kinds,
        "values": values,
        "error": error.map(|e| json!({ "field": e.field(), "message": e.message(lang, &state.campaign.currency) })),
        "csrf": csrf.0,
        "form_key": new_secret(),
        "max_description": MAX_DESCRIPTION,
        "max_availability": MAX_AVAILABILITY,
    });
    Template::render("help", views::page(state, lang, "/help", body))
}

#[get("/help?<kind>")]
fn show_form(state: &State<AppState>, lang: Lang, csrf: CsrfToken, kind: Option<&str>) -> Template {
    form_page(state, lang, &csrf, json!({ "kind": kind }), None)
}

#[post("/help", data = "<form>")]
async fn offer_help(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    form: Form<OfferForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    let form = form.into_inner();
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let input = OfferInput {
        kind: text(&form.kind),
        description: text(&form.description),
        name: text(&form.name),
        email: text(&form.email),
        phone: text(&form.phone),
        availability: text(&form.availability),
    };
    let key = form.form_key.filter(|k| (32..=64).contains(&k.len()));
    let now = state.clock.now();
    let outcome = match csrf::verify(jar, form.csrf.as_deref()).and_then(|()| input.validate()) {
        Ok(new) => offers::create(&state.db, state.campaign_id, &new, lang, key.as_deref(), &state.letters, now).await,
        Err(error) => Err(error),
    };
    match outcome {
        Ok(_) => Ok(Ok(Redirect::to("/help/thanks"))),
        Err(error) if error.is_internal() => Err(error.into()),
        Err(error) => {
            let values = json!({
                "kind": input.kind,
                "description": input.description,
                "availability": input.availability,
                "name": input.name,
                "email": input.email,
                "phone": input.phone,
            });
            Ok(Err((status_of(&error), form_page(state, lang, &csrf, values, Some(&error)))))
        }
    }
}

#[get("/help/thanks")]
fn thanks(state: &State<AppState>, lang: Lang) -> Template {
    let body = json!({ "page_title": i18n::t(lang, "help-thanks-title") });
    Template::render("help_thanks", views::page(state, lang, "/help/thanks", body))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_form, offer_help, thanks]
}
