//! `POST /api/pledges`: placing a pledge, with an optional idempotency key; `GET
//! /api/pledges/<token>`: a pledge and where its money stands.

use std::collections::BTreeMap;

use rocket::http::{ContentType, Status};
use rocket::request::{FromRequest, Outcome, Request};
use rocket::response::status::Custom;
use rocket::serde::json::Json;
use rocket::{State, get, post, routes};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use super::ErrorBody;
use crate::app::AppState;
use crate::domain::address::RawAddress;
use crate::domain::money::MoneyError;
use crate::domain::qrbill::Reference;
use crate::domain::rate_limit::LimitKind;
use crate::domain::source::{site, tag_of};
use crate::domain::states::{FulfilmentState, PayBy, PaymentMethod, PaymentState, PledgeState, ShippingZone};
use crate::domain::{Amount, Lang, Source};
use crate::error::AppError;
use crate::i18n;
use crate::routes::client::ClientAddress;
use crate::routes::errors::ApiError;
use crate::routes::limits::Admission;
use crate::routes::payment_view::has_bill;
use crate::services::bills::{bill_for, pledge_number};
use crate::services::cards::checkout;
use crate::services::ledger;
use crate::services::pledges::{self, PledgeInput, PledgeRecord};
use crate::services::{fulfilment, reward_options, survey};

/// A pledge to place. The amount stays a JSON value here so that a number gets a clear
/// "write it as text" error instead of passing through a float.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PledgeRequest {
    /// A reward's id, or `null` (or absent) for a pledge without reward.
    #[schema(example = "atelier-reparation")]
    reward: Option<String>,
    /// A decimal string with at most two decimals, at least the reward's minimum (or
    /// `min_pledge` without reward); a JSON number is refused.
    #[schema(value_type = String, example = "60.00")]
    amount: Value,
    #[schema(example = "Anne Dupont", min_length = 1)]
    name: String,
    #[schema(example = "anne@example.ch", min_length = 3)]
    email: String,
    /// The name shown publicly; defaults to `name`; ignored when `anonymous`.
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    anonymous: bool,
    /// The campaign's tag of the link that brought the backer, as `?ref=` on the site.
    #[serde(default, rename = "ref")]
    #[schema(rename = "ref")]
    source_tag: Option<String>,
    /// The page or site that brought the backer: a URL or a host name.
    #[serde(default)]
    referrer: Option<String>,
    /// How the backer will pay, one of the campaign's `payment_methods`: `bank` (a QR-bill),
    /// `card` or `twint` (through Stripe's Checkout, see `payment.checkout_url` in the answer).
    /// The campaign's first method when absent.
    #[serde(default)]
    #[schema(example = "card")]
    method: Option<String>,
    /// Whether the backer wants the campaign's updates by email (they can leave from any of
    /// them, or from their private page); `true` when absent. Emails about the pledge and its
    /// payment are sent either way.
    #[serde(default)]
    #[schema(example = true)]
    news: Option<bool>,
    /// The id of one of the reward's `sessions` (see `GET /api/campaign`): required when the
    /// reward has sessions chosen at pledge time.
    #[serde(default)]
    #[schema(example = "2027-03-06-matin")]
    session: Option<String>,
    /// One value for each of the reward's `choices`, by the choice's name.
    #[serde(default)]
    #[schema(example = json!({"colour": "indigo"}))]
    choices: Option<BTreeMap<String, String>>,
    /// Where a reward sent by post goes. Optional: the backer may give it later on their
    /// private page; when given it is checked (`invalid_address` names the field).
    #[serde(default)]
    address: Option<AddressBody>,
}

/// A postal address in Switzerland or Europe.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AddressBody {
    /// The name on the label.
    #[schema(example = "Zoé Müller")]
    name: String,
    #[schema(example = "Rue de Carouge 50")]
    street: String,
    /// A second line, such as `c/o`.
    #[serde(default)]
    building: Option<String>,
    #[schema(example = "1205")]
    postcode: String,
    #[schema(example = "Genève")]
    town: String,
    /// ISO 3166 code: `CH`, `LI`, a European country, or one of the farther countries the
    /// campaign ships to (its zone sets the postage).
    #[schema(example = "CH")]
    country: String,
}

/// A pledge placed (201), or found placed by an earlier request with the same
/// `Idempotency-Key` (200).
#[derive(Debug, Serialize, ToSchema)]
pub struct PledgeCreated {
    pub id: i64,
    /// Opens the backer's private page, `/pledges/<token>`.
    pub token: String,
    /// Short and human-readable, for bank transfers and support, such as `BX7K-3M9Q`.
    pub reference: String,
    /// The pledged amount: what counts toward the goal, never the postage.
    pub amount: Amount,
    /// The postage paid with it; `null` when the reward costs nothing to send, or before its
    /// zone is known (a pledge without an address).
    pub shipping: Option<ShippingBody>,
    pub reward: Option<String>,
    /// `unconfirmed` while the backer has not opened the confirmation link emailed to them:
    /// the pledge counts nowhere until then, and its reward is held for 30 minutes. `active`
    /// when the site confirms pledges at once (no email can leave).
    pub state: PledgeState,
    /// What happens next, for the backer, in the request's language.
    #[schema(
        example = "We sent an email to anne@example.ch: the pledge counts once its backer opens the confirmation link in it."
    )]
    pub message: String,
    /// How the pledge will be paid; `null` when the campaign takes no payments.
    pub payment: Option<PaymentStep>,
}

/// The postage of a reward sent by post, paid with the pledge but never part of its amount.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShippingBody {
    /// Where it is sent: `switzerland` (with Liechtenstein), `europe` or `world`.
    pub zone: ShippingZone,
    pub amount: Amount,
}

impl ShippingBody {
    fn of(pledge: &PledgeRecord) -> Option<ShippingBody> {
        pledge.shipping_zone.map(|zone| ShippingBody { zone, amount: pledge.shipping })
    }
}

/// How a new pledge will be paid, and the step the backer takes now, if any.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentStep {
    pub method: PayBy,
    /// Stripe's Checkout, where the backer saves the card or TWINT (or pays, when the campaign
    /// collects at pledge): send the backer there. `null` for a bank transfer, or when
    /// Checkout could not be opened just now (the backer can open it from the private page).
    pub checkout_url: Option<String>,
}

/// The optional `Idempotency-Key` header, as the client sent it.
struct IdempotencyKey(Option<String>);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for IdempotencyKey {
    type Error = std::convert::Infallible;
    async fn from_request(request: &'r Request<'_>) -> Outcome<Self, Self::Error> {
        let key = request.headers().get_one("Idempotency-Key").map(str::trim).filter(|k| !k.is_empty());
        Outcome::Success(IdempotencyKey(key.map(str::to_owned)))
    }
}

/// The longest `Idempotency-Key` accepted.
const MAX_KEY: usize = 200;

#[utoipa::path(
    post,
    path = "/api/pledges",
    tag = "pledges",
    request_body = PledgeRequest,
    params(
        ("Idempotency-Key" = Option<String>, Header, max_length = 200,
         description = "Any string up to 200 characters: a retried request with the same key returns the first pledge"),
    ),
    responses(
        (status = 201, description = "The pledge is placed; `unconfirmed` until its backer opens the link emailed to them", body = PledgeCreated),
        (status = 200, description = "The same request was placed before under this Idempotency-Key", body = PledgeCreated),
        (status = 400, description = "Not JSON, a field of the wrong type or missing (`malformed_request`)", body = ErrorBody),
        (status = 409, description = "`sold_out`, `session_full`, `choice_sold_out` or `campaign_closed`", body = ErrorBody),
        (status = 422, description = "`invalid_amount`, `amount_below_minimum`, `amount_too_large`, `invalid_email`, `invalid_name`, `unknown_reward`, `session_required`, `unknown_session`, `invalid_choice`, `invalid_address`, `idempotency_key_reused` or `invalid_field` (a `method` not offered, TWINT above CHF 5,000)", body = ErrorBody),
        (status = 429, description = "`rate_limited`: too many pledges from this address or for this email; try again after `Retry-After` seconds", body = ErrorBody,
         headers(("Retry-After" = u64, description = "Whole seconds to wait, at least 1"))),
        (status = 500, description = "The pledge could not be stored; nothing was", body = ErrorBody),
    )
)]
#[post("/api/pledges", data = "<body>")]
async fn create_pledge(
    state: &State<AppState>,
    lang: Lang,
    admission: Admission<'_>,
    client: ClientAddress,
    content_type: Option<&ContentType>,
    key: IdempotencyKey,
    body: Result<Json<PledgeRequest>, rocket::serde::json::Error<'_>>,
) -> Result<Custom<Json<PledgeCreated>>, ApiError> {
    // Counted before any work, whatever the request turns out to be.
    admission.by_address(LimitKind::Pledges)?;
    if !content_type.is_some_and(|ct| ct.is_json()) {
        return Err(AppError::Malformed("send JSON with Content-Type: application/json".into()).into());
    }
    let body = body.map_err(|e| AppError::Malformed(malformed_detail(&e)))?.into_inner();
    if key.0.as_ref().is_some_and(|k| k.chars().count() > MAX_KEY) {
        return Err(AppError::Malformed(format!("Idempotency-Key is longer than {MAX_KEY} characters")).into());
    }
    let Value::String(amount) = body.amount else {
        return Err(AppError::InvalidAmount(MoneyError::NotANumber).into());
    };
    let input = PledgeInput {
        reward: body.reward,
        amount,
        name: body.name,
        email: body.email,
        display_name: body.display_name,
        anonymous: body.anonymous,
        source: Source {
            tag: body.source_tag.as_deref().and_then(tag_of),
            site: body.referrer.as_deref().and_then(site),
        },
        client: Some(client.0),
        method: body.method,
        news: body.news,
        session: body.session,
        choices: body.choices.unwrap_or_default().into_iter().collect(),
        address: body.address.map(|a| RawAddress {
            name: a.name,
            street: a.street,
            building: a.building,
            postcode: a.postcode,
            town: a.town,
            country: a.country,
        }),
        zone: None,
    };
    let new = input.validate(&state.campaign, state.clock.now())?;
    admission.by_email(LimitKind::Pledges, &new.email)?;
    // Each email has keys of its own: knowing someone's key never reaches their pledge.
    let key = key.0.map(|k| format!("api:{}:{k}", new.email.identity()));
    let placed = state.writer.place(new, lang, key).await?;
    let status = if placed.replayed { Status::Ok } else { Status::Created };
    let pledge = placed.pledge;
    let payment = match &state.campaign.payments {
        None => None,
        Some(_) => {
            let method = pledge.payment.pay_by;
            let checkout_url = match state.cards.as_ref().filter(|_| method.is_stripe()) {
                Some(cards) => match checkout::open(cards, &pledge.token, lang, state.clock.now()).await {
                    Ok(url) => Some(url),
                    Err(error) => {
                        tracing::warn!(%error, "opening Checkout for an API pledge failed");
                        None
                    }
                },
                None => None,
            };
            Some(PaymentStep { method, checkout_url })
        }
    };
    let message = match pledge.state {
        PledgeState::Unconfirmed => i18n::t_args(lang, "api-pledge-unconfirmed", &[("email", pledge.email.clone())]),
        _ => i18n::t(lang, "api-pledge-active"),
    };
    Ok(Custom(
        status,
        Json(PledgeCreated {
            shipping: ShippingBody::of(&pledge),
            id: pledge.id,
            token: pledge.token,
            reference: pledge.reference,
            amount: pledge.amount,
            reward: pledge.reward_id,
            state: pledge.state,
            message,
            payment,
        }),
    ))
}

/// A pledge, as its backer's private token opens it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PledgeBody {
    pub id: i64,
    /// Short and human-readable, for support, such as `BX7K-3M9Q`.
    pub reference: String,
    /// The pledged amount: what counts toward the goal, never the postage.
    pub amount: Amount,
    /// The postage paid with it; `null` when the reward costs nothing to send, or before its
    /// zone is known (a pledge without an address).
    pub shipping: Option<ShippingBody>,
    pub reward: Option<String>,
    /// The id of the reward's session it holds a seat in; `null` without one.
    pub session: Option<String>,
    /// The value chosen for each of the reward's choices, by the choice's name.
    pub choices: BTreeMap<String, String>,
    pub state: PledgeState,
    /// Where its money stands; `null` when the campaign takes no payments.
    pub payment: Option<PaymentBody>,
    /// Where its reward stands on its way to the backer; `null` without a reward.
    pub fulfilment: Option<FulfilmentBody>,
    /// The answers to its reward's survey, by question id: the text typed, or the id of the
    /// value chosen; empty before any.
    pub survey_answers: BTreeMap<String, String>,
}

/// Where a pledge's reward stands on its way to its backer.
#[derive(Debug, Serialize, ToSchema)]
pub struct FulfilmentBody {
    pub state: FulfilmentState,
    /// Where to follow the parcel once shipped with a tracking number; `null` otherwise.
    pub tracking_url: Option<String>,
}

/// How a pledge is paid and where its money stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentBody {
    pub state: PaymentState,
    /// How the money came: `bank` (a QR-bill), `card` or `twint` (through Stripe), or `manual`
    /// when the team recorded it by hand; before any money, as the backer chose to pay.
    pub method: PaymentMethod,
    /// What remains to be paid on the bill, postage included.
    pub due: Amount,
    /// What was received, net of reversals and refunds.
    pub paid: Amount,
    /// The day the bill is due, `YYYY-MM-DD` in the campaign's time zone; `null` before the bill.
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<chrono::NaiveDate>,
    /// The payment reference (QRR with a QR-IBAN, RF creditor reference otherwise), compact.
    #[schema(example = "000000000000000000000000426")]
    pub qr_reference: String,
    /// The exact text encoded in the QR code of the bill; `null` until a bill exists.
    pub qr_payload: Option<String>,
    /// The latest charge of the card failed because the bank wants its holder to confirm the
    /// payment (3-D Secure): the backer pays on their private page, where the bank asks.
    pub needs_authentication: bool,
}

#[utoipa::path(
    get,
    path = "/api/pledges/{token}",
    tag = "pledges",
    params(("token" = String, Path, description = "The private token of the pledge, as in its page's address")),
    responses(
        (status = 200, description = "The pledge and where its money stands", body = PledgeBody),
        (status = 404, description = "`not_found`: no pledge has this token", body = ErrorBody),
    )
)]
#[get("/api/pledges/<token>")]
async fn get_pledge(state: &State<AppState>, token: &str) -> Result<Json<PledgeBody>, ApiError> {
    let pledge = pledges::find_by_token(&state.db, token).await?;
    let payment = match &state.campaign.payments {
        None => None,
        Some(payments) => {
            let qr_payload = if has_bill(&pledge) {
                let bill = bill_for(&pledge, &state.campaign, payments)
                    .map_err(|e| AppError::internal("writing a QR-bill", e))?;
                Some(bill.payload())
            } else {
                None
            };
            let zone = state.campaign.time_zone;
            Some(PaymentBody {
                state: pledge.payment.state,
                method: ledger::method_of(&state.db, pledge.id, pledge.payment.pay_by).await?,
                due: pledge.payment.outstanding,
                paid: pledge.payment.held,
                due_date: pledge.payment.due_at.map(|at| at.with_timezone(&zone).date_naive()),
                qr_reference: Reference::for_account(&payments.account, pledge_number(pledge.id)).compact().to_owned(),
                qr_payload,
                needs_authentication: pledge.payment.needs_authentication,
            })
        }
    };
    Ok(Json(PledgeBody {
        shipping: ShippingBody::of(&pledge),
        id: pledge.id,
        reference: pledge.reference,
        amount: pledge.amount,
        choices: reward_options::chosen(&state.db.read, pledge.id).await?.into_iter().collect(),
        survey_answers: survey::of(&state.db.read, pledge.id).await?,
        fulfilment: match &pledge.reward_id {
            Some(_) => {
                let step = fulfilment::of(&state.db, pledge.id).await?;
                Some(FulfilmentBody {
                    state: step.as_ref().map_or(FulfilmentState::ToPrepare, |s| s.state),
                    tracking_url: step.and_then(|s| s.tracking).map(|t| fulfilment::tracking_url(&t)),
                })
            }
            None => None,
        },
        reward: pledge.reward_id,
        session: pledge.session_id,
        state: pledge.state,
        payment,
    }))
}

fn malformed_detail(error: &rocket::serde::json::Error<'_>) -> String {
    match error {
        rocket::serde::json::Error::Io(e) => e.to_string(),
        rocket::serde::json::Error::Parse(_, e) => e.to_string(),
    }
}

pub fn routes() -> Vec<rocket::Route> {
    routes![create_pledge, get_pledge]
}
