//! The pledge form, and the backer's private page where a pledge is changed or cancelled.

use std::collections::BTreeMap;

use rocket::form::{Form, FromForm};
use rocket::http::CookieJar;
use rocket::request::FlashMessage;
use rocket::response::{Flash, Redirect};
use rocket::{Either, State, get, post, routes, uri};
use rocket_dyn_templates::Template;
use serde::Serialize;

use crate::app::AppState;
use crate::config::Confirmation;
use crate::config::campaign::Fulfilment;
use crate::domain::address::RawAddress;
use crate::domain::ids::new_secret;
use crate::domain::money::cents_to_string;
use crate::domain::rate_limit::LimitKind;
use crate::domain::source::{site, tag_of};
use crate::domain::states::PledgeState;
use crate::domain::{CampaignState, Lang, Source};
use crate::error::AppError;
use crate::i18n;
use crate::routes::Answer;
use crate::routes::client::ClientAddress;
use crate::routes::csrf::{self, CsrfToken};
use crate::routes::errors::{PageError, status_of};
use crate::routes::fields::FormErrors;
use crate::routes::limits::Admission;
use crate::routes::payment_view::{PaymentView, payment_view};
use crate::routes::seats::{AddressFields, AddressForm};
use crate::routes::source::Visit;
use crate::routes::views::{self, CampaignView, FormError, Page, PledgeView};
use crate::services::campaign::snapshot;
use crate::services::pledges::{self, PledgeChange, PledgeInput, PledgeRecord};
use crate::services::pricing::current_minimum;
use crate::services::subscriptions;

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
    /// How the backer will pay: `bank`, `card` or `twint`.
    method: Option<String>,
    /// The box "send me the campaign's news", ticked when the form is shown.
    news: bool,
    /// Each reward's session, by the reward: `session.atelier-reparation=2027-03-06-matin`.
    /// Only the chosen reward's counts.
    session: BTreeMap<String, String>,
    /// Each reward's choices, by the reward and the choice: `choice.foulard-soie.colour=indigo`.
    choice: BTreeMap<String, BTreeMap<String, String>>,
    /// Each shipped reward's postage zone, by the reward: `zone.foulard-soie=europe`.
    zone: BTreeMap<String, String>,
    /// Where a reward sent by post goes, if the backer gives it now: `address.street=…`.
    address: AddressFields,
    csrf: Option<String>,
    /// Drawn when the form is shown, so a double click does not pledge twice.
    form_key: Option<String>,
    /// The source of the visit that showed the form (see [`crate::routes::source`]).
    #[field(name = "ref")]
    source_tag: Option<String>,
    from: Option<String>,
}

/// What a pledge form shows again: the values as typed.
#[derive(Debug, Default, Serialize)]
struct PledgeValues {
    reward: Option<String>,
    amount: String,
    name: String,
    email: String,
    display_name: Option<String>,
    anonymous: bool,
    method: Option<String>,
    /// The backer unticked the news box (so that a new form, by default, has it ticked).
    no_news: bool,
    /// The chosen reward's session and choices.
    session: Option<String>,
    choices: BTreeMap<String, String>,
    /// The chosen reward's postage zone.
    zone: Option<String>,
    /// The address as typed, if any.
    #[serde(skip)]
    address: Option<RawAddress>,
}

/// One way to pay, as the pledge form offers it.
#[derive(Serialize)]
struct MethodChoice {
    value: String,
    label: String,
    /// When money moves, in one sentence.
    hint: String,
    checked: bool,
}

/// The ways to pay the campaign offers, in its order, the chosen one (or the first) checked;
/// none when there is nothing to choose.
fn method_choices(state: &AppState, lang: Lang, chosen: Option<&str>) -> Vec<MethodChoice> {
    let Some(payments) = &state.campaign.payments else {
        return Vec::new();
    };
    if payments.methods.len() < 2 {
        return Vec::new();
    }
    let chosen = chosen.and_then(|c| c.parse().ok()).filter(|m| payments.offers(*m)).unwrap_or(payments.methods[0]);
    let collect = match payments.collect {
        crate::config::Collect::OnSuccess => "on-success",
        crate::config::Collect::AtPledge => "at-pledge",
    };
    payments
        .methods
        .iter()
        .map(|method| MethodChoice {
            value: method.to_string(),
            label: i18n::t(lang, &format!("pay-by-{method}")),
            hint: i18n::t(lang, &format!("pay-by-{method}-{collect}")),
            checked: *method == chosen,
        })
        .collect()
}

/// The source of a visit, as the pledge form's hidden fields carry it.
#[derive(Serialize)]
struct SourceFields {
    tag: Option<String>,
    site: Option<String>,
}

/// The pledge form.
#[derive(Serialize)]
struct PledgeFormPage {
    campaign: CampaignView,
    closed: bool,
    values: PledgeValues,
    errors: FormErrors,
    csrf: String,
    /// Drawn for each form shown, so a double click pledges once.
    form_key: String,
    /// Where the visitor came from, kept in hidden fields.
    source: SourceFields,
    /// The pledge will wait for its backer to open the link emailed to them.
    confirms_by_email: bool,
    /// The ways to pay to choose from; empty when there is one.
    methods: Vec<MethodChoice>,
    /// The rewards sent by post, separated by spaces, for the script that shows the address
    /// only for them; empty when none is.
    shipped: String,
    /// The address fields, empty or as typed.
    address: AddressForm,
    /// The address fields are shown open: something was typed in them.
    address_open: bool,
}

async fn render_form(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    source: &Source,
    values: PledgeValues,
    errors: &[AppError],
) -> Result<Template, PageError> {
    let now = state.clock.now();
    let snapshot = snapshot(&state.db, state.campaign_id).await?;
    let campaign = views::campaign_view(state, &snapshot, &[], lang, now)
        .picking(values.reward.as_deref(), None)
        .with_options(values.session.as_deref(), &values.choices, values.zone.as_deref());
    let methods = method_choices(state, lang, values.method.as_deref());
    let shipped: Vec<&str> =
        state.campaign.rewards.iter().filter(|r| r.fulfilment == Fulfilment::Shipped).map(|r| r.id.as_str()).collect();
    let address_open = values.address.is_some();
    let address = AddressForm::of(
        values.address.clone().unwrap_or_else(|| RawAddress { country: "CH".into(), ..RawAddress::default() }),
        lang,
    );
    let body = PledgeFormPage {
        shipped: shipped.join(" "),
        address,
        address_open,
        methods,
        campaign,
        closed: snapshot.state(now) != CampaignState::Open,
        values,
        errors: FormErrors::of(state, errors, lang),
        csrf: csrf.0.clone(),
        form_key: new_secret(),
        source: SourceFields { tag: source.tag.clone(), site: source.site.clone() },
        confirms_by_email: state.confirmation == Confirmation::ByEmail,
    };
    // The language link keeps the chosen reward.
    let path = match body.values.reward.as_deref().filter(|id| state.campaign.reward(id).is_some()) {
        Some(id) => format!("/pledge?reward={id}"),
        None => "/pledge".to_owned(),
    };
    let page = Page::new(state, lang, &path, body)
        .titled(i18n::t(lang, "pledge-title"))
        .described(state.campaign.summary.get(lang))
        .carrying(source);
    Ok(Template::render("pledge_form", page))
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
    let values = PledgeValues {
        reward: chosen.map(|r| r.id.to_string()),
        amount: amount.to_string(),
        ..PledgeValues::default()
    };
    render_form(state, lang, &csrf, &visit.0, values, &[]).await
}

#[post("/pledge", data = "<form>")]
async fn create_pledge(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    admission: Admission<'_>,
    client: ClientAddress,
    form: Form<PledgeForm>,
) -> Result<Result<Flash<Redirect>, Answer>, PageError> {
    let admitted = admission.by_address(LimitKind::Pledges);
    let form = form.into_inner();
    let reward = form.reward.as_deref().map(str::trim).unwrap_or_default();
    let chosen_session = form.session.get(reward).cloned();
    let chosen_choices = form.choice.get(reward).cloned().unwrap_or_default();
    let config = state.campaign.reward(reward);
    let sent_by_post = config.is_some_and(|r| r.fulfilment == Fulfilment::Shipped);
    // Typed for a reward sent by post only: for another, the fields were not meant for it.
    let address =
        (sent_by_post && !form.address.is_blank()).then(|| form.address.raw(form.name.as_deref().unwrap_or_default()));
    // A form whose reward changed without the script has no zone for it: the address's, or
    // else the nearest served.
    let zone = form.zone.get(reward).cloned().or_else(|| {
        let nearest = config.and_then(|r| state.campaign.postage(r)).and_then(|p| p.first_zone());
        nearest.filter(|_| address.is_none()).map(|z| z.to_string())
    });
    let input = PledgeInput {
        reward: form.reward.clone(),
        amount: form.amount.clone().unwrap_or_default(),
        name: form.name.clone().unwrap_or_default(),
        email: form.email.clone().unwrap_or_default(),
        display_name: form.display_name.clone(),
        anonymous: form.anonymous,
        source: Source { tag: form.source_tag.as_deref().and_then(tag_of), site: form.from.as_deref().and_then(site) },
        client: Some(client.0),
        method: form.method.clone(),
        news: Some(form.news),
        session: chosen_session.clone(),
        choices: chosen_choices.iter().map(|(name, value)| (name.clone(), value.clone())).collect(),
        address,
        zone,
    };
    let now = state.clock.now();
    let outcome = async {
        admitted?;
        csrf::verify(jar, form.csrf.as_deref())?;
        let new = input.validate(&state.campaign, now)?;
        // Once the email is known: one person cannot pledge without end from many addresses.
        admission.by_email(LimitKind::Pledges, &new.email)?;
        let key = form.form_key.as_deref().filter(|k| (32..=64).contains(&k.len())).map(|k| format!("form:{k}"));
        state.writer.place(new, lang, key).await
    }
    .await;
    match outcome {
        Ok(placed) => {
            let thanks =
                if placed.pledge.state == PledgeState::Unconfirmed { "pledge-confirm-needed" } else { "pledge-thanks" };
            let to = uri!(show_pledge(token = &placed.pledge.token));
            if let Some(cards) = state.cards.as_ref().filter(|_| placed.pledge.payment.pay_by.is_stripe()) {
                // The pledge is kept whatever Checkout does: the private page offers it again.
                match crate::services::cards::checkout::open(cards, &placed.pledge.token, lang, now).await {
                    Ok(url) => return Ok(Ok(Flash::success(Redirect::to(url), i18n::t(lang, thanks)))),
                    Err(error) if error.is_internal() => tracing::error!(%error, "opening Checkout failed"),
                    Err(_) => {}
                }
                let message = format!("{} {}", i18n::t(lang, thanks), i18n::t(lang, "error-checkout-unavailable"));
                return Ok(Ok(Flash::warning(Redirect::to(to), message)));
            }
            Ok(Ok(Flash::success(Redirect::to(to), i18n::t(lang, thanks))))
        }
        Err(error) if error.is_internal() => Err(error.into()),
        Err(error) => {
            // A mistake in what was typed: every other one too, at once.
            let problems = if error.field().is_some() { input.problems(&state.campaign, now) } else { Vec::new() };
            let errors = if problems.is_empty() { std::slice::from_ref(&error) } else { &problems[..] };
            let values = PledgeValues {
                reward: input.reward,
                amount: input.amount,
                name: input.name,
                email: input.email,
                display_name: input.display_name,
                anonymous: input.anonymous,
                method: input.method,
                no_news: input.news == Some(false),
                session: input.session,
                choices: input.choices.into_iter().collect(),
                zone: input.zone,
                address: input.address,
            };
            admission.note(&error);
            let page = render_form(state, lang, &csrf, &input.source, values, errors).await?;
            Ok(Err((status_of(&error), page)))
        }
    }
}

/// The backer's private page, with the form to change the pledge.
#[derive(Serialize)]
struct PledgePage {
    pledge: PledgeView,
    campaign: CampaignView,
    editable: bool,
    flash: Option<String>,
    /// Where the pledge's money stands; `None` when the campaign takes no payments.
    payment: Option<PaymentView>,
    values: ChangeValues,
    errors: FormErrors,
    csrf: String,
    /// The updates this backer may read, newest first.
    news: Vec<crate::routes::news::NewsLink>,
    /// Whether the backer's address receives the updates by email.
    receives_news: bool,
    /// Its session and choices, and the dates it may move to.
    seat: crate::routes::seats::SeatView,
    /// The questions its reward asks once the campaign succeeded.
    survey: Option<crate::routes::survey::SurveyView>,
}

/// What the change form shows: the pledge as it is, or as typed.
#[derive(Debug, Serialize)]
struct ChangeValues {
    reward: Option<String>,
    amount: String,
}

/// What a refused form brings back to the private page: why, and what was typed.
#[derive(Default)]
struct Shown<'a> {
    error: Option<&'a AppError>,
    values: Option<ChangeValues>,
    address: Option<&'a crate::domain::address::RawAddress>,
    answers: Option<&'a BTreeMap<String, String>>,
}

async fn render_pledge(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    pledge: &PledgeRecord,
    flash: Option<String>,
    shown: Shown<'_>,
) -> Result<Template, PageError> {
    let Shown { error, values, address: typed, answers } = shown;
    let now = state.clock.now();
    let snapshot = snapshot(&state.db, state.campaign_id).await?;
    let values = values.unwrap_or_else(|| ChangeValues {
        reward: pledge.reward_id.clone(),
        amount: cents_to_string(pledge.amount.cents()),
    });
    let held = pledge.reward_id.as_deref().filter(|_| pledge.is_active());
    let campaign = views::campaign_view(state, &snapshot, &[], lang, now).picking(values.reward.as_deref(), held);
    let reward = pledge.reward_id.as_deref().and_then(|id| campaign.rewards.iter().find(|r| r.id == id));
    let seat = crate::routes::seats::seat_view(state, pledge, reward, snapshot.state(now), lang, now, typed).await?;
    let survey = crate::routes::survey::survey_view(state, pledge, snapshot.state(now), lang, answers).await?;
    let body = PledgePage {
        payment: payment_view(state, pledge, snapshot.state(now), lang),
        pledge: views::pledge_view(state, pledge, lang),
        campaign,
        editable: pledge.is_active() && snapshot.state(now) == CampaignState::Open,
        flash,
        values,
        errors: FormErrors::one(state, error, lang),
        csrf: csrf.0.clone(),
        news: crate::routes::news::for_pledge(state, pledge, lang, now).await?,
        receives_news: subscriptions::wants_news(&state.db, state.campaign_id, &pledge.email).await?,
        seat,
        survey,
    };
    let path = format!("/pledges/{}", pledge.token);
    Ok(Template::render("pledge", Page::new(state, lang, &path, body).titled(i18n::t(lang, "pledge-page-title"))))
}

/// The private page showing why an action on it was refused.
pub(crate) async fn refused_page(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    pledge: &PledgeRecord,
    error: &AppError,
) -> Result<Template, PageError> {
    render_pledge(state, lang, csrf, pledge, None, Shown { error: Some(error), ..Shown::default() }).await
}

/// What a typed form of the private page brings back when it is refused.
pub(crate) enum Typed<'a> {
    Address(&'a crate::domain::address::RawAddress),
    Answers(&'a BTreeMap<String, String>),
}

/// The answer to a form of the private page (an address, the survey's answers) that did
/// `outcome`: back to the page with the `saved` notice, or the page again with the refusal and
/// what was `typed`.
pub(crate) async fn private_form_answer(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    token: &str,
    outcome: Result<(), AppError>,
    saved: &str,
    typed: Typed<'_>,
) -> Result<Result<Flash<Redirect>, Answer>, PageError> {
    match outcome {
        Ok(()) => {
            let to = uri!(show_pledge(token = token));
            Ok(Ok(Flash::success(Redirect::to(to), i18n::t(lang, saved))))
        }
        Err(error) if error.is_internal() || matches!(error, AppError::NotFound) => Err(error.into()),
        Err(error) => {
            let pledge = pledges::find_by_token(&state.db, token).await?;
            let shown = match typed {
                Typed::Address(address) => Shown { error: Some(&error), address: Some(address), ..Shown::default() },
                Typed::Answers(answers) => Shown { error: Some(&error), answers: Some(answers), ..Shown::default() },
            };
            let page = render_pledge(state, lang, csrf, &pledge, None, shown).await?;
            Ok(Err((status_of(&error), page)))
        }
    }
}

#[get("/pledges/<token>")]
pub(crate) async fn show_pledge(
    state: &State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    token: &str,
    flash: Option<FlashMessage<'_>>,
) -> Result<Template, PageError> {
    let pledge = pledges::find_by_token(&state.db, token).await?;
    render_pledge(state, lang, &csrf, &pledge, flash.map(|f| f.message().to_owned()), Shown::default()).await
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
            let values = ChangeValues { reward: form.reward.clone(), amount };
            let shown = Shown { error: Some(&error), values: Some(values), ..Shown::default() };
            let page = render_pledge(state, lang, &csrf, &pledge, None, shown).await?;
            Ok(Err((status_of(&error), page)))
        }
    }
}

#[derive(Debug, FromForm)]
struct CancelForm {
    csrf: Option<String>,
}

#[derive(Debug, FromForm)]
struct NewsChoiceForm {
    /// Whether to receive the campaign's updates by email from now on.
    wanted: bool,
    csrf: Option<String>,
}

/// The private page's switch of the news by email, for every pledge of the backer's address.
#[post("/pledges/<token>/news", data = "<form>")]
async fn choose_news(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    admission: Admission<'_>,
    token: &str,
    form: Form<NewsChoiceForm>,
) -> Result<Flash<Redirect>, PageError> {
    admission.by_address(LimitKind::Subscriptions)?;
    csrf::verify(jar, form.csrf.as_deref())?;
    let pledge = pledges::find_by_token(&state.db, token).await?;
    subscriptions::set_news(&state.db, state.campaign_id, &pledge.email, form.wanted).await?;
    let said = if form.wanted { "unsubscribe-back" } else { "unsubscribe-left" };
    Ok(Flash::success(Redirect::to(uri!(show_pledge(token = token))), i18n::t(lang, said)))
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
        Ok(()) => state.writer.cancel(token, true).await,
        Err(e) => Err(e),
    };
    match outcome {
        Ok(_) => {
            Ok(Ok(Flash::success(Redirect::to(uri!(show_pledge(token = token))), i18n::t(lang, "pledge-cancelled"))))
        }
        Err(error) if error.is_internal() || matches!(error, AppError::NotFound) => Err(error.into()),
        Err(error) => {
            let pledge = pledges::find_by_token(&state.db, token).await?;
            let page =
                render_pledge(state, lang, &csrf, &pledge, None, Shown { error: Some(&error), ..Shown::default() })
                    .await?;
            Ok(Err((status_of(&error), page)))
        }
    }
}

/// The page a confirmation link shows when it cannot confirm as it is: the reward sold out
/// while the pledge waited (with the form to choose again), or the campaign is over.
#[derive(Serialize)]
struct ConfirmPage {
    pledge: PledgeView,
    campaign: CampaignView,
    /// What stopped the confirmation: one message, linked to its field when it has one.
    errors: FormErrors,
    /// Whether the backer may choose another reward to confirm with.
    choosing: bool,
    values: ChangeValues,
    secret: String,
    csrf: String,
}

/// Where a confirmation link leads once it did what it could: the private page.
/// A pledge whose date filled up while it waited is confirmed without it, and its page asks for
/// another.
fn to_private_page(
    state: &AppState,
    lang: Lang,
    pledge: &entity::pledge::Model,
    now: bool,
) -> Either<Flash<Redirect>, Redirect> {
    let to = Redirect::to(uri!(show_pledge(token = &pledge.token)));
    let dated =
        pledge.reward_id.as_deref().and_then(|id| state.campaign.reward(id)).is_some_and(|r| !r.sessions.is_empty());
    let key = if dated && pledge.session_id.is_none() { "pledge-confirmed-choose-date" } else { "pledge-confirmed" };
    match pledge.state {
        PledgeState::Active if now => Either::Left(Flash::success(to, i18n::t(lang, key))),
        _ => Either::Right(to),
    }
}

async fn render_confirm(
    state: &AppState,
    lang: Lang,
    csrf: &CsrfToken,
    secret: &str,
    pledge: &PledgeRecord,
    error: &AppError,
    values: Option<ChangeValues>,
) -> Result<Answer, PageError> {
    let now = state.clock.now();
    let snapshot = snapshot(&state.db, state.campaign_id).await?;
    let closed = snapshot.state(now) != CampaignState::Open;
    let mut shown = FormError::of(state, error, lang);
    // The first refusal says what happened while the pledge waited; a refusal of the
    // backer's new choice says what is wrong with it.
    match (error, &values) {
        (AppError::CampaignClosed, _) => shown.message = i18n::t(lang, "pledge-confirm-closed"),
        (AppError::SoldOut, None) => shown.message = i18n::t(lang, "pledge-confirm-sold-out"),
        _ => {}
    }
    let mut errors = FormErrors::default();
    errors.push(shown);
    let values = values.unwrap_or(ChangeValues { reward: None, amount: cents_to_string(pledge.amount.cents()) });
    let campaign = views::campaign_view(state, &snapshot, &[], lang, now).picking(values.reward.as_deref(), None);
    let body = ConfirmPage {
        pledge: views::pledge_view(state, pledge, lang),
        campaign,
        errors,
        choosing: !closed && pledge.state == PledgeState::Unconfirmed,
        values,
        secret: secret.to_owned(),
        csrf: csrf.0.clone(),
    };
    let page = Page::new(state, lang, "/pledge", body).titled(i18n::t(lang, "pledge-confirm-title"));
    Ok((status_of(error), Template::render("pledge_confirm", page)))
}

/// The link emailed to the backer: confirms the pledge, then leads to its private page.
/// Opened again, it leads there at once.
#[get("/pledges/confirm/<secret>")]
async fn confirm_pledge(
    state: &State<AppState>,
    lang: Lang,
    csrf: CsrfToken,
    secret: &str,
) -> Result<Result<Either<Flash<Redirect>, Redirect>, Answer>, PageError> {
    match state.writer.confirm(secret, None).await {
        Ok(confirmed) => Ok(Ok(to_private_page(state, lang, &confirmed.pledge, confirmed.now))),
        Err(
            error @ (AppError::SoldOut
            | AppError::SessionFull
            | AppError::ChoiceSoldOut { .. }
            | AppError::CampaignClosed),
        ) => {
            // Once the campaign is closed the writer refuses everything; a pledge confirmed
            // (or cancelled) before still has its link lead to its page.
            let pledge = pledges::find_by_confirm_secret(&state.db, secret).await?;
            if pledge.state != PledgeState::Unconfirmed {
                return Ok(Ok(Either::Right(Redirect::to(uri!(show_pledge(token = pledge.token))))));
            }
            Ok(Err(render_confirm(state, lang, &csrf, secret, &pledge, &error, None).await?))
        }
        Err(error) => Err(error.into()),
    }
}

/// Confirming with another reward (or none), when the one held sold out meanwhile. Ranked
/// after `/pledges/<token>/cancel`, whose shape it shares; no secret is `cancel`.
#[post("/pledges/confirm/<secret>", data = "<form>", rank = 2)]
async fn confirm_with_choice(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    csrf: CsrfToken,
    secret: &str,
    form: Form<ChangeForm>,
) -> Result<Result<Either<Flash<Redirect>, Redirect>, Answer>, PageError> {
    let now = state.clock.now();
    let amount = form.amount.clone().unwrap_or_default();
    let outcome = match csrf::verify(jar, form.csrf.as_deref()) {
        Ok(()) => match PledgeChange::parse(&state.campaign, form.reward.as_deref(), &amount, now) {
            Ok(change) => state.writer.confirm(secret, Some(change)).await,
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    match outcome {
        Ok(confirmed) => Ok(Ok(to_private_page(state, lang, &confirmed.pledge, confirmed.now))),
        Err(error) if error.is_internal() || matches!(error, AppError::NotFound) => Err(error.into()),
        Err(error) => {
            let pledge = pledges::find_by_confirm_secret(&state.db, secret).await?;
            let values = ChangeValues { reward: form.reward.clone(), amount };
            Ok(Err(render_confirm(state, lang, &csrf, secret, &pledge, &error, Some(values)).await?))
        }
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![
        new_pledge,
        create_pledge,
        show_pledge,
        change_pledge,
        cancel_pledge,
        choose_news,
        confirm_pledge,
        confirm_with_choice
    ]
}
