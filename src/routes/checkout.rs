//! The backer's ways through Stripe: to Checkout from the pledge form or the private page, back
//! from it, to a QR-bill instead; and Stripe's webhooks.

use rocket::data::{Data, ToByteUnit};
use rocket::form::Form;
use rocket::http::{CookieJar, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::{Flash, Redirect};
use rocket::{State, get, post, routes};

use crate::app::AppState;
use crate::domain::Lang;
use crate::domain::rate_limit::LimitKind;
use crate::domain::states::{MethodState, PaymentState};
use crate::error::AppError;
use crate::i18n;
use crate::routes::csrf::{self, CsrfOnly};
use crate::routes::errors::PageError;
use crate::routes::limits::Admission;
use crate::services::cards::{self, checkout, events};
use crate::services::pledges;

/// The private page of the pledge with `token`, at its payment part.
fn private_page(token: &str) -> Redirect {
    Redirect::to(format!("/pledges/{token}#payment-title"))
}

/// A refusal the backer can act on, told on the private page; the server's own failures and
/// an unknown pledge are errors.
fn told_on_page(
    state: &AppState,
    admission: &Admission<'_>,
    lang: Lang,
    token: &str,
    error: AppError,
) -> Result<Flash<Redirect>, PageError> {
    if error.is_internal() || matches!(error, AppError::NotFound) {
        return Err(error.into());
    }
    admission.note(&error);
    let message = crate::routes::views::FormError::of(state, &error, lang).message;
    Ok(Flash::error(private_page(token), message))
}

/// To Checkout, from the private page: save a card or TWINT, or pay.
#[post("/pledges/<token>/checkout", data = "<form>", rank = 3)]
async fn to_checkout(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    admission: Admission<'_>,
    token: &str,
    form: Form<CsrfOnly>,
) -> Result<Result<Redirect, Flash<Redirect>>, PageError> {
    let cards = state.cards.as_ref().ok_or(AppError::NotFound)?;
    let opened = async {
        admission.by_address(LimitKind::Pledges)?;
        csrf::verify(jar, form.csrf.as_deref())?;
        checkout::open(cards, token, lang, state.clock.now()).await
    }
    .await;
    match opened {
        Ok(url) => Ok(Ok(Redirect::to(url))),
        Err(error) => told_on_page(state, &admission, lang, token, error).map(Err),
    }
}

/// To a QR-bill instead of the card or TWINT.
#[post("/pledges/<token>/pay-by-bank", data = "<form>", rank = 3)]
async fn to_bank(
    state: &State<AppState>,
    lang: Lang,
    jar: &CookieJar<'_>,
    admission: Admission<'_>,
    token: &str,
    form: Form<CsrfOnly>,
) -> Result<Flash<Redirect>, PageError> {
    let cards = state.cards.as_ref().ok_or(AppError::NotFound)?;
    let switched = async {
        admission.by_address(LimitKind::Pledges)?;
        csrf::verify(jar, form.csrf.as_deref())?;
        cards::pay_by_bank(cards, token, state.clock.now()).await
    }
    .await;
    match switched {
        Ok(_) => Ok(Flash::success(private_page(token), i18n::t(lang, "payment-switched-to-bank"))),
        Err(error) => told_on_page(state, &admission, lang, token, error),
    }
}

/// The link of the emails about a failed charge: the private page, where the backer pays
/// again or switches to a QR-bill (a link only shows; mail scanners open links).
#[get("/pledges/<token>/pay", rank = 3)]
fn pay(token: &str) -> Redirect {
    private_page(token)
}

/// Back from Checkout: completed (with the session's id) or left.
#[get("/checkout/return/<secret>?<session_id>")]
async fn back_from_checkout(
    state: &State<AppState>,
    lang: Lang,
    secret: &str,
    session_id: Option<&str>,
) -> Result<Flash<Redirect>, PageError> {
    let cards = state.cards.as_ref().ok_or(AppError::NotFound)?;
    let token = checkout::returned(cards, secret, session_id, state.clock.now()).await?;
    let pledge = pledges::find_by_token(&state.db, &token).await?;
    let key = match (pledge.payment.state, pledge.payment.method_state) {
        (PaymentState::Paid, _) => "checkout-back-paid",
        (_, MethodState::Saved) => "checkout-back-saved",
        _ if session_id.is_some() => "checkout-back-waiting",
        _ => "checkout-back-left",
    };
    let args = [
        ("method", i18n::t(lang, &format!("method-name-{}", pledge.payment.pay_by))),
        ("kind", pledge.payment.pay_by.to_string()),
    ];
    Ok(Flash::success(private_page(&token), i18n::t_args(lang, key, &args)))
}

/// The `Stripe-Signature` header, as sent.
struct Signature(String);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Signature {
    type Error = std::convert::Infallible;
    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        Outcome::Success(Signature(request.headers().get_one("Stripe-Signature").unwrap_or_default().to_owned()))
    }
}

/// Stripe's webhooks. The body is read raw: the signature is over its exact bytes.
#[post("/webhooks/stripe", data = "<body>")]
async fn stripe_webhook(
    state: &State<AppState>,
    signature: Signature,
    body: Data<'_>,
) -> Result<(Status, &'static str), Status> {
    let Some(cards) = state.cards.as_ref() else {
        return Err(Status::NotFound);
    };
    if signature.0.is_empty() {
        return Ok((Status::BadRequest, "refused"));
    }
    // Stripe's events are a few kilobytes: nothing larger is read.
    let body = match body.open(256.kibibytes()).into_bytes().await {
        Ok(bytes) if bytes.is_complete() => bytes.into_inner(),
        _ => return Ok((Status::PayloadTooLarge, "too large")),
    };
    match events::receive(cards, &signature.0, &body, state.clock.now()).await {
        Ok(Ok(events::Received::Applied(outcome))) => Ok((Status::Ok, outcome)),
        Ok(Ok(events::Received::Replayed)) => Ok((Status::Ok, "already received")),
        // Not kept: Stripe sends it again later, when the payment it is about is recorded.
        Ok(Ok(events::Received::Early)) => Ok((Status::ServiceUnavailable, "payment not recorded yet")),
        Ok(Err(refused)) => {
            tracing::warn!(%refused, "a webhook was refused");
            Ok((Status::BadRequest, "refused"))
        }
        Err(error) => {
            // Stripe tries again later: nothing of the event was kept.
            tracing::error!(%error, "applying a webhook failed");
            Err(Status::InternalServerError)
        }
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![to_checkout, to_bank, pay, back_from_checkout, stripe_webhook]
}
