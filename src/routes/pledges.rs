//! The pledge form, and the backer's private page where a pledge is changed or cancelled.

use chrono::{DateTime, Utc};
use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::request::FlashMessage;
use rocket::response::{Flash, Redirect};
use rocket::{State, get, post, routes, uri};
use rocket_dyn_templates::Template;
use serde_json::{Value, json};

use crate::app::AppState;
use crate::domain::ids::new_secret;
use crate::domain::source::{site, tag_of};
use crate::domain::states::PledgeState;
use crate::domain::{CampaignState, Lang, Source};
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::{PageError, status_of};
use crate::routes::source::{self, Visit};
use crate::routes::views;
use crate::services::campaign::{Snapshot, snapshot};
use crate::services::pledges::{self, PledgeChange, PledgeInput};
use crate::services::pricing::current_minimum;

/// The pledge form as posted. Every field is optional here so that a missing one gets the
/// same clear message as a wrong one.
#[derive(Debug, FromForm)]
struct PledgeForm {
    reward: Option<String>,
    amount: Option<String>,
    name: Option<String>,
    email: Option<String>,
    display_name: Option<String>,
    anonymous: bool,
    csrf: Option<String>,
    /// Drawn when the form is shown, so a double click does not pledge twice.
    form_key: Option<String>,
    /// The source of the visit that showed the form (see [`crate::routes::source`]).
    #[field(name = "ref")]
    source_tag: Option<String>,
    from: Option<String>,
}

/// The campaign with its rewards marked for a reward picker: the one `selected`, and the one
/// a backer already `held`, which is never sold out to them.
fn reward_choices(
    state: &AppState,
    snapshot: &Snapshot,
    lang: Lang,
    now: DateTime<Utc>,
    selected: Option<&str>,
    held: Option<&str>,
) -> Value {
    let mut campaign = views::campaign_view(state, snapshot, lang, now);
    if let Some(rewards) = campaign["rewards"].as_array_mut() {
        for reward in rewards {
            let id = reward["id"].as_str().map(str::to_owned);
            reward["selected"] = json!(id.is_some() && id.as_deref() == selected);
            if id.is_some() && id.as_deref() == held {
                reward["sold_out"] = json!(false);
            }
        }
    }
    campaign
}

/// The values the form shows, and the error to point at.
fn form_context(
    state: &AppState,
    lang: Lang,
    path: &str,
    csrf: &CsrfToken,
    values: Value,
    error: Option<&AppError>,
    body: Value,
) -> Value {
    let error = error.map(|e| json!({ "field": e.field(), "message": e.message(lang, &state.campaign.currency) }));
    let mut context = views::page(state, lang, path, body);
    context["values"] = values;
    context["error"] = error.unwrap_or(Value::Null);
    context["csrf"] = json!(csrf.0);
    context["form_key"] = json!(new_secret());
    context
}

async fn render_form(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    source: &Source,
    values: Value,
    error: Option<&AppError>,
) -> Result<Template, PageError> {
    let now = state.clock.now();
    let snapshot = snapshot(&state.db, state.campaign_id).await?;
    let campaign = reward_choices(state, &snapshot, lang, now, values["reward"].as_str(), None);
    let body = json!({ "campaign": campaign, "closed": snapshot.state(now) != CampaignState::Open });
    let mut context = form_context(state, lang, "/pledge", csrf, values, error, body);
    source::add_to_page(&mut context, source);
    Ok(Template::render("pledge_form", context))
}

#[get("/pledge?<reward>")]
async fn new_pledge(
    state: &State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    visit: Visit,
    reward: Option<&str>,
) -> Result<Template, PageError> {
    let now = state.clock.now();
    let chosen = reward.and_then(|id| state.campaign.reward(id));
    let amount = chosen.map_or(state.campaign.min_pledge, |r| current_minimum(r, now));
    let values = json!({ "reward": chosen.map(|r| r.id.as_str()), "amount": amount.to_string() });
    render_form(state, lang, &csrf, &visit.0, values, None).await
}

#[post("/pledge", data = "<form>")]
async fn create_pledge(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    form: Form<PledgeForm>,
) -> Result<Result<Flash<Redirect>, Answer>, PageError> {
    let form = form.into_inner();
    let input = PledgeInput {
        reward: form.reward.clone(),
        amount: form.amount.clone().unwrap_or_default(),
        name: form.name.clone().unwrap_or_default(),
        email: form.email.clone().unwrap_or_default(),
        display_name: form.display_name.clone(),
        anonymous: form.anonymous,
        source: Source { tag: form.source_tag.as_deref().and_then(tag_of), site: form.from.as_deref().and_then(site) },
    };
    let now = state.clock.now();
    let outcome = match csrf::verify(jar, form.csrf.as_deref()) {
        Ok(()) => match input.validate(&state.campaign, now) {
            Ok(new) => {
                let key = form.form_key.filter(|k| (32..=64).contains(&k.len())).map(|k| format!("form:{k}"));
                state.writer.place(new, lang, key).await
            }
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match outcome {
        Ok(placed) => {
            let to = uri!(show_pledge(token = placed.pledge.token));
            Ok(Ok(Flash::success(Redirect::to(to), i18n::t(lang, "pledge-thanks"))))
        }
        Err(error) if error.is_internal() => Err(error.into()),
        Err(error) => {
            let values = json!({
                "reward": input.reward,
                "amount": input.amount,
                "name": input.name,
                "email": input.email,
                "display_name": input.display_name,
                "anonymous": input.anonymous,
            });
            let page = render_form(state, lang, &csrf, &input.source, values, Some(&error)).await?;
            Ok(Err((status_of(&error), page)))
        }
    }
}

async fn render_pledge(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    pledge: &entity::pledge::Model,
    flash: Option<String>,
    error: Option<&AppError>,
    values: Option<Value>,
) -> Result<Template, PageError> {
    let now = state.clock.now();
    let snapshot = snapshot(&state.db, state.campaign_id).await?;
    let view = views::pledge_view(state, pledge, lang);
    let values = values.unwrap_or_else(|| json!({ "reward": view["reward_id"], "amount": view["amount_plain"] }));
    let held = pledge.reward_id.as_deref().filter(|_| pledge.state == PledgeState::Active);
    let campaign = reward_choices(state, &snapshot, lang, now, values["reward"].as_str(), held);
    let path = format!("/pledges/{}", pledge.token);
    let body = json!({
        "pledge": view,
        "campaign": campaign,
        "editable": pledge.state == PledgeState::Active && snapshot.state(now) == CampaignState::Open,
        "flash": flash,
    });
    Ok(Template::render("pledge", form_context(state, lang, &path, csrf, values, error, body)))
}

#[get("/pledges/<token>")]
async fn show_pledge(
    state: &State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    token: &str,
    flash: Option<FlashMessage<'_>>,
) -> Result<Template, PageError> {
    let pledge = pledges::find_by_token(&state.db, token).await?;
    render_pledge(state, lang, &csrf, &pledge, flash.map(|f| f.message().to_owned()), None, None).await
}

#[derive(Debug, FromForm)]
struct ChangeForm {
    reward: Option<String>,
    amount: Option<String>,
    csrf: Option<String>,
}

#[post("/pledges/<token>", data = "<form>")]
async fn change_pledge(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    token: &str,
    form: Form<ChangeForm>,
) -> Result<Result<Flash<Redirect>, Answer>, PageError> {
    let now = state.clock.now();
    let amount = form.amount.clone().unwrap_or_default();
    let outcome = match csrf::verify(jar, form.csrf.as_deref()) {
        Ok(()) => match PledgeChange::parse(&state.campaign, form.reward.as_deref(), &amount, now) {
            Ok(change) => state.writer.change(token, change).await,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => {
            Ok(Ok(Flash::success(Redirect::to(uri!(show_pledge(token = token))), i18n::t(lang, "pledge-changed"))))
        }
        Err(error) if error.is_internal() || matches!(error, AppError::NotFound) => Err(error.into()),
        Err(error) => {
            let pledge = pledges::find_by_token(&state.db, token).await?;
            let values = json!({ "reward": form.reward, "amount": amount });
            let page = render_pledge(state, lang, &csrf, &pledge, None, Some(&error), Some(values)).await?;
            Ok(Err((status_of(&error), page)))
        }
    }
}

#[derive(Debug, FromForm)]
struct CancelForm {
    csrf: Option<String>,
}

#[post("/pledges/<token>/cancel", data = "<form>")]
async fn cancel_pledge(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    token: &str,
    form: Form<CancelForm>,
) -> Result<Result<Flash<Redirect>, Answer>, PageError> {
    let outcome = match csrf::verify(jar, form.csrf.as_deref()) {
        Ok(()) => state.writer.cancel(token).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => {
            Ok(Ok(Flash::success(Redirect::to(uri!(show_pledge(token = token))), i18n::t(lang, "pledge-cancelled"))))
        }
        Err(error) if error.is_internal() || matches!(error, AppError::NotFound) => Err(error.into()),
        Err(error) => {
            let pledge = pledges::find_by_token(&state.db, token).await?;
            let page = render_pledge(state, lang, &csrf, &pledge, None, Some(&error), None).await?;
            Ok(Err((status_of(&error), page)))
        }
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![new_pledge, create_pledge, show_pledge, change_pledge, cancel_pledge]
}
