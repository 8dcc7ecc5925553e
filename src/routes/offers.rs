//! Offers of help without money: the form at `/help` and its thanks.

use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::response::Redirect;
use rocket::{State, get, post, routes};
use rocket_dyn_templates::Template;
use serde::Serialize;

use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::ids::new_secret;
use crate::domain::rate_limit::LimitKind;
use crate::domain::states::OfferKind;
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::{PageError, status_of};
use crate::routes::fields::FormErrors;
use crate::routes::limits::Admission;
use crate::routes::views::{Notice, Page};
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

/// What the form shows again: the offer as typed.
#[derive(Debug, Default, Serialize)]
struct OfferValues {
    kind: String,
    description: String,
    availability: String,
    name: String,
    email: String,
    phone: String,
}

/// One kind of help, with a hint of what it means.
#[derive(Debug, Serialize)]
struct KindChoice {
    value: String,
    label: String,
    hint: String,
    checked: bool,
}

/// The form to offer help.
#[derive(Serialize)]
struct HelpPage {
    kinds: Vec<KindChoice>,
    values: OfferValues,
    errors: FormErrors,
    csrf: String,
    form_key: String,
    max_description: usize,
    max_availability: usize,
}

fn form_page(state: &AppState, lang: Lang, csrf: &CsrfToken, values: OfferValues, errors: &[AppError]) -> Template {
    let kinds = OfferKind::all()
        .map(|kind| {
            let value = kind.to_string();
            KindChoice {
                label: i18n::t(lang, &format!("offer-kind-{value}")),
                hint: i18n::t(lang, &format!("offer-kind-{value}-hint")),
                checked: values.kind == value,
                value,
            }
        })
        .collect();
    // The language link keeps the chosen kind.
    let path = match OfferKind::all().find(|kind| kind.to_string() == values.kind) {
        Some(kind) => format!("/help?kind={kind}"),
        None => "/help".to_owned(),
    };
    let body = HelpPage {
        kinds,
        values,
        errors: FormErrors::of(state, errors, lang),
        csrf: csrf.0.clone(),
        form_key: new_secret(),
        max_description: MAX_DESCRIPTION,
        max_availability: MAX_AVAILABILITY,
    };
    let page =
        Page::new(state, lang, &path, body).titled(i18n::t(lang, "help-title")).described(&i18n::t(lang, "help-intro"));
    Template::render("help", page)
}

#[get("/help?<kind>")]
fn show_help_form(state: &State<AppState>, lang: Lang, csrf: CsrfToken, kind: Option<&str>) -> Template {
    let values = OfferValues { kind: kind.unwrap_or_default().to_owned(), ..OfferValues::default() };
    form_page(state, lang, &csrf, values, &[])
}

#[post("/help", data = "<form>")]
async fn offer_help(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    admission: Admission<'_>,
    form: Form<OfferForm>,
) -> Result<Result<Redirect, Answer>, PageError> {
    let admitted = admission.by_address(LimitKind::Offers);
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
    let outcome = async {
        admitted?;
        csrf::verify(jar, form.csrf.as_deref())?;
        let new = input.validate()?;
        admission.by_email(LimitKind::Offers, &new.email)?;
        offers::create(&state.db, state.campaign_id, &new, lang, key.as_deref(), &state.letters, now).await
    }
    .await;
    match outcome {
        Ok(_) => Ok(Ok(Redirect::to("/help/thanks"))),
        Err(error) if error.is_internal() => Err(error.into()),
        Err(error) => {
            // A mistake in what was typed: every other one too, at once.
            let problems = if error.field().is_some() { input.problems() } else { Vec::new() };
            let errors = if problems.is_empty() { std::slice::from_ref(&error) } else { &problems[..] };
            let values = OfferValues {
                kind: input.kind,
                description: input.description,
                availability: input.availability,
                name: input.name,
                email: input.email,
                phone: input.phone,
            };
            admission.note(&error);
            Ok(Err((status_of(&error), form_page(state, lang, &csrf, values, errors))))
        }
    }
}

#[get("/help/thanks")]
fn show_help_thanks(state: &State<AppState>, lang: Lang) -> Template {
    let body = Notice { title_key: "help-thanks-title", text_key: "help-thanks-text" };
    body.page(state, lang, "/help/thanks", "help_thanks", Some("help-intro"))
}

pub fn routes() -> Vec<rocket::Route> {
    routes![show_help_form, offer_help, show_help_thanks]
}
